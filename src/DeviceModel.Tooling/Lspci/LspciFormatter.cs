using System;
using System.IO;
using System.Text;
using DeviceModel.Pci;

namespace DeviceModel.Tooling.Lspci
{
    /// <summary>
    /// Writes a configuration space as <c>lspci -xxx</c> prints it (<c>-xxxx</c>, all 4096 bytes, for a PCI Express
    /// space), a format <c>lspci -F FILE</c> reads back and decodes: a header line
    /// <c>00:03.0 Ethernet controller: Device 1af4:1000</c> (plus <c> (rev 01)</c> when the revision is not 0), rows of
    /// 16 lower-case hex bytes prefixed by their offset, then a blank line.
    /// </summary>
    public static class LspciFormatter
    {
        private const string Hex = "0123456789abcdef";

        /// <summary>The dump of <paramref name="space"/> for the function at <paramref name="bus"/>:<paramref name="address"/>.</summary>
        public static string Format(ConfigSpace space, PciAddress address, int bus = 0)
        {
            ArgumentNullException.ThrowIfNull(space);
            var text = new StringBuilder(64 + space.Size / 16 * 54);
            AppendHeaderLine(text, space, address, bus);
            ReadOnlySpan<byte> bytes = space.Bytes;
            for (int row = 0; row < bytes.Length; row += 16)
            {
                if (row >= 0x100) text.Append(Hex[row >> 8 & 0xf]);
                AppendByte(text, (byte)row).Append(':');
                foreach (byte b in bytes.Slice(row, 16)) AppendByte(text.Append(' '), b);
                text.Append('\n');
            }
            return text.Append('\n').ToString();
        }

        /// <summary>Writes the dump to <paramref name="writer"/>.</summary>
        public static void Write(TextWriter writer, ConfigSpace space, PciAddress address, int bus = 0)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.Write(Format(space, address, bus));
        }

        /// <summary>The first line: <c>BB:SS.F Class name: Device vvvv:dddd[ (rev rr)]</c>.</summary>
        public static string HeaderLine(ConfigSpace space, PciAddress address, int bus = 0)
        {
            ArgumentNullException.ThrowIfNull(space);
            var text = new StringBuilder(64);
            AppendHeaderLine(text, space, address, bus);
            return text.ToString(0, text.Length - 1);
        }

        private static void AppendHeaderLine(StringBuilder text, ConfigSpace space, PciAddress address, int bus)
        {
            ConfigBytes v = space.Values;
            AppendByte(text, (byte)bus).Append(':');
            AppendByte(text, (byte)address.Slot).Append('.').Append(Hex[address.Function & 7]).Append(' ');
            text.Append(PciClassNames.Describe(v.Get16(PciRegisters.ClassDevice))).Append(": Device ");
            AppendWord(text, v.Get16(PciRegisters.VendorId)).Append(':');
            AppendWord(text, v.Get16(PciRegisters.DeviceId));
            byte revision = v.Get8(PciRegisters.RevisionId);
            if (revision != 0) AppendByte(text.Append(" (rev "), revision).Append(')');
            text.Append('\n');
        }

        private static StringBuilder AppendByte(StringBuilder text, byte value) => text.Append(Hex[value >> 4]).Append(Hex[value & 0xf]);

        private static StringBuilder AppendWord(StringBuilder text, ushort value) => AppendByte(AppendByte(text, (byte)(value >> 8)), (byte)value);
    }
}
