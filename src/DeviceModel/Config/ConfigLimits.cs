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

        /// <summary>Most functions on the secondary bus of one PCI-to-PCI bridge: 32 slots (0 to 31) of 8 functions.</summary>
        public const int MaxFunctionsPerBridge = 32 * 8;

        /// <summary>
        /// Most devices of one configuration (4,096). Without bridges a machine places at most 2,304 (every function of
        /// its root bus a PCI Express port with 8 functions behind it; QEMU's q35 2,160); each PCI-to-PCI bridge adds a
        /// bus of <see cref="MaxFunctionsPerBridge"/> functions, so 16 bridges with 4,080 functions behind them reach the
        /// limit on i440fx and q35 alike. The hints format's record limit is the same number.
        /// </summary>
        public const int MaxDevices = 4096;

        /// <summary>Most guest-visible options of one device type (a hints record stores the count in 2 bytes).</summary>
        public const int MaxOptionsPerDevice = 1024;

        /// <summary>Longest <c>-device</c> string or JSON device object, in characters (room for every option of a device at its longest).</summary>
        public const int MaxDeviceTextLength = 64 * 1024;

        /// <summary>Largest machine config file, JSON config buffer or response file, in bytes (16 MiB).</summary>
        public const int MaxConfigBytes = 16 << 20;

        /// <summary>
        /// Largest hints file, in bytes (64 MiB): <see cref="MaxDevices"/> records of QEMU 7.2's device with the largest
        /// record (16 bridges with 4,080 of them behind, every id and string at its longest) take 34.6 MB in format
        /// version 2 (LimitTests measures it). The resolver refuses a configuration whose hints would not fit.
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
