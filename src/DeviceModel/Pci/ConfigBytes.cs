using System;
using System.Buffers.Binary;

namespace DeviceModel.Pci
{
    /// <summary>
    /// A little-endian view of one layer of a configuration space (its values or one of its masks), optionally
    /// starting at a base offset so that a capability can address its own registers from 0. Device-side access:
    /// no masks apply. Offsets outside the space throw <see cref="ArgumentOutOfRangeException"/>.
    /// </summary>
    public readonly struct ConfigBytes
    {
        private readonly byte[] _bytes;
        private readonly int _base;

        internal ConfigBytes(byte[] bytes, int @base)
        {
            _bytes = bytes;
            _base = @base;
        }

        /// <summary>The absolute offset this view starts at.</summary>
        public int BaseOffset => _base;

        /// <summary>A view starting <paramref name="offset"/> bytes further.</summary>
        public ConfigBytes Slice(int offset) => new(_bytes, _base + offset);

        /// <summary>The bytes <c>[offset, offset + count)</c>.</summary>
        public ReadOnlySpan<byte> AsSpan(int offset, int count) => _bytes.AsSpan(Index(offset, count), count);

        /// <summary>Reads a byte.</summary>
        public byte Get8(int offset) => _bytes[Index(offset, 1)];
        /// <summary>Reads a little-endian 16-bit word.</summary>
        public ushort Get16(int offset) => BinaryPrimitives.ReadUInt16LittleEndian(_bytes.AsSpan(Index(offset, 2)));
        /// <summary>Reads a little-endian 32-bit dword.</summary>
        public uint Get32(int offset) => BinaryPrimitives.ReadUInt32LittleEndian(_bytes.AsSpan(Index(offset, 4)));
        /// <summary>Reads a little-endian 64-bit qword.</summary>
        public ulong Get64(int offset) => BinaryPrimitives.ReadUInt64LittleEndian(_bytes.AsSpan(Index(offset, 8)));

        /// <summary>Stores a byte.</summary>
        public void Set8(int offset, byte value) => _bytes[Index(offset, 1)] = value;
        /// <summary>Stores a little-endian 16-bit word.</summary>
        public void Set16(int offset, ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(_bytes.AsSpan(Index(offset, 2)), value);
        /// <summary>Stores a little-endian 32-bit dword.</summary>
        public void Set32(int offset, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(_bytes.AsSpan(Index(offset, 4)), value);
        /// <summary>Stores a little-endian 64-bit qword.</summary>
        public void Set64(int offset, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(_bytes.AsSpan(Index(offset, 8)), value);

        /// <summary>Sets the bits of <paramref name="bits"/> in a word (QEMU's <c>pci_word_test_and_set_mask</c>).</summary>
        public void Or16(int offset, ushort bits) => Set16(offset, (ushort)(Get16(offset) | bits));
        /// <summary>Sets the bits of <paramref name="bits"/> in a dword (QEMU's <c>pci_long_test_and_set_mask</c>).</summary>
        public void Or32(int offset, uint bits) => Set32(offset, Get32(offset) | bits);
        /// <summary>Clears the bits of <paramref name="bits"/> in a word.</summary>
        public void Clear16(int offset, ushort bits) => Set16(offset, (ushort)(Get16(offset) & ~bits));
        /// <summary>Clears the bits of <paramref name="bits"/> in a dword.</summary>
        public void Clear32(int offset, uint bits) => Set32(offset, Get32(offset) & ~bits);

        /// <summary>Stores <paramref name="value"/> into <paramref name="count"/> bytes.</summary>
        public void Fill(int offset, int count, byte value) => _bytes.AsSpan(Index(offset, count), count).Fill(value);

        /// <summary>Copies <paramref name="source"/> to <paramref name="offset"/>.</summary>
        public void CopyFrom(int offset, ReadOnlySpan<byte> source) => source.CopyTo(_bytes.AsSpan(Index(offset, source.Length), source.Length));

        private int Index(int offset, int count)
        {
            int absolute = _base + offset;
            if (offset < 0 || count < 0 || absolute + count > _bytes.Length)
                throw new ArgumentOutOfRangeException(nameof(offset), "bytes 0x" + absolute.ToString("x") + "+" + count + " are outside the " + _bytes.Length + "-byte configuration space");
            return absolute;
        }
    }
}
