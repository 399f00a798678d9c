using System.Collections.Generic;

namespace DeviceModel.Pci
{
    /// <summary>What sizing one BAR found.</summary>
    /// <param name="Index">BAR number.</param>
    /// <param name="Implemented">False when the register reads back 0 after writing all ones.</param>
    /// <param name="Kind">I/O, 32-bit or 64-bit memory.</param>
    /// <param name="Prefetchable">The prefetchable bit (memory only).</param>
    /// <param name="Size">Region size in bytes (0 when unimplemented).</param>
    /// <param name="SizeMask">What the register(s) read back after writing all ones, type bits included (64 bits for a 64-bit BAR).</param>
    public readonly record struct BarProbeResult(int Index, bool Implemented, BarKind Kind, bool Prefetchable, ulong Size, ulong SizeMask)
    {
        /// <summary>Registers the BAR occupies (2 for 64-bit memory).</summary>
        public int RegisterCount => Implemented && Kind == BarKind.Memory64 ? 2 : 1;
    }

    /// <summary>
    /// Sizes BARs the way firmware and operating systems do, through guest accesses only: save the register, write all
    /// ones, read back the size mask, restore.
    /// </summary>
    public static class BarProber
    {
        /// <summary>Sizes BAR <paramref name="index"/> (and, for a 64-bit BAR, the register after it) and restores them.</summary>
        public static BarProbeResult Probe(ConfigSpace space, int index)
        {
            int offset = PciRegisters.Bar(index);
            uint original = space.Read32(offset);
            space.Write32(offset, uint.MaxValue);
            uint low = space.Read32(offset);
            space.Write32(offset, original);
            if (low == 0) return new BarProbeResult(index, false, BarKind.Memory32, false, 0, 0);
            if ((low & 1) != 0)
            {
                uint ioMask = low & 0xffff_fffc;
                return new BarProbeResult(index, true, BarKind.Io, false, LowestSetBit(ioMask), low);
            }
            bool prefetchable = (low & 0x8) != 0;
            if ((low >> 1 & 3) == 2 && offset + 8 <= PciRegisters.Bar(BarCount(space)))
            {
                uint originalHigh = space.Read32(offset + 4);
                space.Write32(offset + 4, uint.MaxValue);
                uint high = space.Read32(offset + 4);
                space.Write32(offset + 4, originalHigh);
                ulong mask = (ulong)high << 32 | low;
                return new BarProbeResult(index, true, BarKind.Memory64, prefetchable, LowestSetBit(mask & ~0xfUL), mask);
            }
            return new BarProbeResult(index, true, BarKind.Memory32, prefetchable, LowestSetBit(low & 0xffff_fff0), low);
        }

        /// <summary>Sizes every BAR of the header in order, skipping the upper half of 64-bit BARs.</summary>
        public static IReadOnlyList<BarProbeResult> ProbeAll(ConfigSpace space)
        {
            var results = new List<BarProbeResult>(6);
            int count = BarCount(space);
            for (int index = 0; index < count;)
            {
                BarProbeResult result = Probe(space, index);
                results.Add(result);
                index += result.RegisterCount;
            }
            return results;
        }

        /// <summary>Sizes the expansion ROM BAR (writing all address ones with the enable bit clear, then restoring);
        /// returns 0 when there is no ROM.</summary>
        public static uint ProbeRom(ConfigSpace space)
        {
            int offset = ExpansionRomDeclaration.RegisterOffset(HeaderTypeOf(space));
            uint original = space.Read32(offset);
            space.Write32(offset, 0xffff_fffe);
            uint mask = space.Read32(offset) & 0xffff_f800;
            space.Write32(offset, original);
            return (uint)LowestSetBit(mask);
        }

        /// <summary>The header type recorded in the space (bit 7, multi-function, ignored).</summary>
        public static PciHeaderType HeaderTypeOf(ConfigSpace space) =>
            (space.Values.Get8(PciRegisters.HeaderType) & 0x7f) == 1 ? PciHeaderType.Bridge : PciHeaderType.Endpoint;

        private static int BarCount(ConfigSpace space) => HeaderTypeOf(space) == PciHeaderType.Bridge ? 2 : 6;

        private static ulong LowestSetBit(ulong mask) => mask & (~mask + 1);
    }
}
