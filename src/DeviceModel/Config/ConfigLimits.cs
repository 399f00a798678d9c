using System;
using System.Globalization;
using System.Text;

namespace DeviceModel.Config
{
    /// <summary>
    /// The size limits of configuration, defined once and shared by every reader and writer: the <c>-device</c>
    /// keyval parser, the JSON readers, the resolver and the hints file reader and writer (spec:
    /// <c>docs/hints-format.md</c>). They agree end to end: whatever parses and resolves can be dumped to a hints
    /// file and read back; whatever could not is refused when it is parsed or resolved, with an error naming the
    /// limit.
    /// </summary>
    public static class ConfigLimits
    {
        /// <summary>Longest string or enum option value, in UTF-8 bytes (a hints file stores it with a 2-byte length).</summary>
        public const int MaxStringBytes = 4096;

        /// <summary>Longest device id or bus id, in characters (ids are ASCII; a hints record key is 1 to 255 bytes).</summary>
        public const int MaxIdLength = 255;

        /// <summary>Most functions on one PCI bus: 32 slots of 8 functions.</summary>
        public const int MaxFunctionsPerBus = 32 * 8;

        /// <summary>Most functions behind one PCI Express port: its bus has one slot (0) of 8 functions.</summary>
        public const int MaxFunctionsPerPort = 8;

        /// <summary>
        /// Most devices of one configuration: the largest a machine can place, every function of its root bus a
        /// PCI Express port with every function behind it populated (256 + 256 × 8 = 2,304; QEMU's q35, whose
        /// root bus keeps slots 0 and 31 for itself, places 2,160).
        /// </summary>
        public const int MaxDevices = MaxFunctionsPerBus * (1 + MaxFunctionsPerPort);

        /// <summary>Most guest-visible options of one device type (a hints record stores the count in 2 bytes).</summary>
        public const int MaxOptionsPerDevice = 1024;

        /// <summary>Longest <c>-device</c> string or JSON device object, in characters (room for every option of a device at its longest).</summary>
        public const int MaxDeviceTextLength = 64 * 1024;

        /// <summary>Largest machine config file, JSON config buffer or response file, in bytes (16 MiB).</summary>
        public const int MaxConfigBytes = 16 << 20;

        /// <summary>
        /// Largest hints file, in bytes (64 MiB): room for <see cref="MaxDevices"/> records of a device with a dozen
        /// string options at <see cref="MaxStringBytes"/>; the largest configuration QEMU 7.2's catalog can place
        /// (240 ports with 1,920 virtio-blk-pci behind them, every id and string at its longest) takes 18.6 MB. The resolver refuses a
        /// configuration whose hints would not fit.
        /// </summary>
        public const int MaxHintsFileBytes = 64 << 20;

        /// <summary>Most errors reported for one input: the first ones, then one "… and N more errors" entry.</summary>
        public const int MaxErrors = 100;

        /// <summary>Longest piece of input quoted in an error message, in characters; longer ones are cut with an ellipsis and their length.</summary>
        public const int MaxQuotedLength = 80;

        /// <summary>
        /// <paramref name="text"/> bounded for an error message: as is when at most <see cref="MaxQuotedLength"/>
        /// characters, else its start, an ellipsis and its full length (<c>aaaa… (4097 characters)</c>).
        /// </summary>
        public static string Bound(ReadOnlySpan<char> text)
        {
            if (text.Length <= MaxQuotedLength) return text.ToString();
            int cut = MaxQuotedLength - 1;
            if (char.IsHighSurrogate(text[cut - 1])) cut--;
            return new StringBuilder(cut + 24).Append(text.Slice(0, cut)).Append("… (")
                .Append(text.Length.ToString("N0", CultureInfo.InvariantCulture)).Append(" characters)").ToString();
        }

        /// <summary>A piece of input quoted for a message: <c>'abc'</c>, or <c>'aaaa…' (4,097 characters)</c> when long.</summary>
        internal static string Quote(ReadOnlySpan<char> text)
        {
            if (text.Length <= MaxQuotedLength) return "'" + text.ToString() + "'";
            int cut = MaxQuotedLength - 1;
            if (char.IsHighSurrogate(text[cut - 1])) cut--;
            return new StringBuilder(cut + 26).Append('\'').Append(text.Slice(0, cut)).Append("…' (")
                .Append(text.Length.ToString("N0", CultureInfo.InvariantCulture)).Append(" characters)").ToString();
        }

        /// <summary>For a field that may already hold a bounded text: bounds only what is longer than any bounded text.</summary>
        internal static string? BoundField(string? text) => text is null || text.Length <= MaxQuotedLength + 40 ? text : Bound(text.AsSpan());

        /// <summary><see cref="Bound(ReadOnlySpan{char})"/> of a string; null stays null.</summary>
        public static string? Bound(string? text) => text is null || text.Length <= MaxQuotedLength ? text : Bound(text.AsSpan());
    }
}
