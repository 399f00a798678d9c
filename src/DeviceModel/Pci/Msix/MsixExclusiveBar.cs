using System;
using System.Numerics;

namespace DeviceModel.Pci
{
    /// <summary>
    /// QEMU's <c>msix_init_exclusive_bar</c> layout: one 32-bit memory BAR holding only the MSI-X table at offset 0
    /// and the PBA at the BAR's middle (0x800 of a 4 KiB BAR); when the table needs more than half of 4 KiB the PBA
    /// follows the table and the BAR grows to the next power of two.
    /// </summary>
    /// <param name="Vectors">Table entries.</param>
    /// <param name="BarIndex">The BAR (QEMU's virtio-pci uses 1).</param>
    /// <param name="BarSize">BAR size in bytes.</param>
    /// <param name="TableOffset">Table offset (always 0).</param>
    /// <param name="PbaOffset">PBA offset.</param>
    public readonly record struct MsixExclusiveBar(int Vectors, int BarIndex, uint BarSize, uint TableOffset, uint PbaOffset)
    {
        /// <summary>The layout for <paramref name="vectors"/> vectors in BAR <paramref name="barIndex"/>.</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="vectors"/> is outside 1 … 2048.</exception>
        public static MsixExclusiveBar For(int vectors, int barIndex)
        {
            if (vectors < 1 || vectors > MsixCapability.MaxVectors)
                throw new ArgumentOutOfRangeException(nameof(vectors), vectors, "MSI-X supports 1 … 2048 vectors");
            uint barSize = 4096, pbaOffset = barSize / 2;
            uint tableSize = (uint)vectors * MsixTable.EntrySize, pbaSize = MsixTable.PbaSizeOf(vectors);
            // Migration compatibility: a 4 KiB BAR with the PBA in its upper half whenever the table fits below it.
            if (tableSize > pbaOffset) pbaOffset = tableSize;
            if (pbaOffset + pbaSize > 4096) barSize = pbaOffset + pbaSize;
            return new MsixExclusiveBar(vectors, barIndex, BitOperations.RoundUpToPowerOf2(barSize), 0, pbaOffset);
        }

        /// <summary>The MSI-X capability pointing into this BAR.</summary>
        public MsixCapability Capability => new(Vectors, BarIndex, TableOffset, BarIndex, PbaOffset);

        /// <summary>The BAR: 32-bit, non-prefetchable memory.</summary>
        public BarDeclaration Bar => BarDeclaration.Memory32(BarIndex, BarSize);

        /// <summary>A fresh table and PBA (every vector masked) for this BAR.</summary>
        public MsixTable CreateTable() => new(Vectors, TableOffset, PbaOffset, BarSize);
    }
}
