using System;
using System.Buffers.Binary;

namespace DeviceModel.Pci
{
    /// <summary>
    /// The MSI-X table and pending bit array in a BAR region, as QEMU's <c>msix.c</c>: 16-byte entries (message
    /// address low and high, data, vector control with the mask bit set at reset) the guest reads and writes as
    /// dwords or qwords; a read-only PBA the device sets. Other widths, unaligned accesses and accesses outside the
    /// table and PBA are ignored (reads return 0), like an unassigned region.
    /// <para><see cref="ReadRegion"/> and <see cref="WriteRegion"/> are the guest path and never throw: QEMU's table
    /// and PBA regions declare <c>.valid</c> 4 … 8 bytes, aligned, so the memory core rejects other accesses before
    /// <c>msix_table_mmio_read</c>/<c>msix_pba_mmio_read</c> run and the guest reads 0; a qword is served as two
    /// dwords (<c>.impl.max_access_size</c> 4); PBA writes are dropped (<c>msix_pba_mmio_write</c>).</para>
    /// </summary>
    public sealed class MsixTable
    {
        /// <summary>Bytes per table entry.</summary>
        public const int EntrySize = 16;
        /// <summary>Vector control: the mask bit.</summary>
        public const uint VectorMaskBit = 0x1;
        /// <summary>Offset of vector control in an entry.</summary>
        public const int VectorControlOffset = 12;

        private readonly byte[] _table;
        private readonly byte[] _pba;

        /// <summary>Creates a table of <paramref name="vectors"/> masked entries and a clear PBA in a region of <paramref name="regionSize"/> bytes.</summary>
        /// <exception cref="ArgumentException">The table and PBA overlap or do not fit in the region, or are not 8-byte aligned.</exception>
        public MsixTable(int vectors, uint tableOffset, uint pbaOffset, ulong regionSize)
        {
            if (vectors < 1 || vectors > MsixCapability.MaxVectors) throw new ArgumentOutOfRangeException(nameof(vectors), vectors, "MSI-X supports 1 … 2048 vectors");
            Vectors = vectors;
            TableOffset = tableOffset;
            PbaOffset = pbaOffset;
            RegionSize = regionSize;
            // msix_init's sanity test.
            if (((tableOffset | pbaOffset) & 7) != 0 || tableOffset + TableSize > regionSize || pbaOffset + PbaSize > regionSize
                || (tableOffset < pbaOffset + PbaSize && pbaOffset < tableOffset + TableSize))
                throw new ArgumentException("the MSI-X table (0x" + tableOffset.ToString("x") + "+0x" + TableSize.ToString("x") + ") and PBA (0x" + pbaOffset.ToString("x") + "+0x" + PbaSize.ToString("x") + ") overlap, do not fit in the 0x" + regionSize.ToString("x") + "-byte region, or are not aligned");
            _table = new byte[TableSize];
            _pba = new byte[PbaSize];
            for (int vector = 0; vector < vectors; vector++) BinaryPrimitives.WriteUInt32LittleEndian(_table.AsSpan(vector * EntrySize + VectorControlOffset), VectorMaskBit);
        }

        /// <summary>The PBA size QEMU allocates: one bit per vector, in whole qwords.</summary>
        public static uint PbaSizeOf(int vectors) => (uint)((vectors + 63) / 64 * 8);

        /// <summary>Table entries.</summary>
        public int Vectors { get; }
        /// <summary>Table offset in the region.</summary>
        public uint TableOffset { get; }
        /// <summary>PBA offset in the region.</summary>
        public uint PbaOffset { get; }
        /// <summary>Size of the whole region (the BAR).</summary>
        public ulong RegionSize { get; }
        /// <summary>Bytes of table.</summary>
        public uint TableSize => (uint)Vectors * EntrySize;
        /// <summary>Bytes of PBA.</summary>
        public uint PbaSize => PbaSizeOf(Vectors);

        /// <summary>Guest read of <paramref name="size"/> bytes (4 or 8) at <paramref name="offset"/> in the region; any other access reads 0. Never throws.</summary>
        public ulong ReadRegion(ulong offset, int size)
        {
            if (!IsValid(offset, size)) return 0;
            ulong value = ReadDword(offset);
            if (size == 8) value |= (ulong)ReadDword(offset + 4) << 32;
            return value;
        }

        /// <summary>Guest write of <paramref name="size"/> bytes (4 or 8) at <paramref name="offset"/> in the region;
        /// only table entries are writable and any other access is ignored. Never throws.</summary>
        public void WriteRegion(ulong offset, int size, ulong value)
        {
            if (!IsValid(offset, size)) return;
            WriteDword(offset, (uint)value);
            if (size == 8) WriteDword(offset + 4, (uint)(value >> 32));
        }

        /// <summary>The message address programmed into <paramref name="vector"/>.</summary>
        public ulong Address(int vector) => BinaryPrimitives.ReadUInt64LittleEndian(Entry(vector));
        /// <summary>The message data programmed into <paramref name="vector"/>.</summary>
        public uint Data(int vector) => BinaryPrimitives.ReadUInt32LittleEndian(Entry(vector)[8..]);
        /// <summary>Whether <paramref name="vector"/>'s mask bit is set.</summary>
        public bool IsMasked(int vector) => (BinaryPrimitives.ReadUInt32LittleEndian(Entry(vector)[VectorControlOffset..]) & VectorMaskBit) != 0;
        /// <summary>Whether <paramref name="vector"/>'s pending bit is set.</summary>
        public bool IsPending(int vector) => (_pba[CheckVector(vector) / 8] & 1 << vector % 8) != 0;

        /// <summary>Device side: sets or clears <paramref name="vector"/>'s pending bit.</summary>
        public void SetPending(int vector, bool pending)
        {
            int index = CheckVector(vector) / 8;
            byte bit = (byte)(1 << vector % 8);
            _pba[index] = pending ? (byte)(_pba[index] | bit) : (byte)(_pba[index] & ~bit);
        }

        private Span<byte> Entry(int vector) => _table.AsSpan(CheckVector(vector) * EntrySize, EntrySize);

        private int CheckVector(int vector) =>
            vector >= 0 && vector < Vectors ? vector : throw new ArgumentOutOfRangeException(nameof(vector), vector, "the table has " + Vectors + " vectors");

        // QEMU's table and PBA ops accept 4- and 8-byte aligned accesses inside the region.
        private bool IsValid(ulong offset, int size) => size is 4 or 8 && offset % (ulong)size == 0 && offset < RegionSize && RegionSize - offset >= (ulong)size;

        private uint ReadDword(ulong offset)
        {
            if (offset >= TableOffset && offset - TableOffset < TableSize)
                return BinaryPrimitives.ReadUInt32LittleEndian(_table.AsSpan((int)(offset - TableOffset)));
            if (offset >= PbaOffset && offset - PbaOffset < PbaSize)
                return BinaryPrimitives.ReadUInt32LittleEndian(_pba.AsSpan((int)(offset - PbaOffset)));
            return 0;
        }

        private void WriteDword(ulong offset, uint value)
        {
            if (offset >= TableOffset && offset - TableOffset < TableSize)
                BinaryPrimitives.WriteUInt32LittleEndian(_table.AsSpan((int)(offset - TableOffset)), value);
        }
    }
}
