using System;
using System.Buffers.Binary;
using System.Numerics;

namespace DeviceModel.Hints
{
    /// <summary>Constants and checksum of the binary hints format (spec: <c>docs/hints-format.md</c>).</summary>
    public static class HintsFileFormat
    {
        /// <summary>Magic bytes: <c>\x89 D M H \r \n \x1a \n</c> (catches text-mode and 7-bit mangling, as PNG's does).</summary>
        public static ReadOnlySpan<byte> Magic => new byte[] { 0x89, (byte)'D', (byte)'M', (byte)'H', 0x0D, 0x0A, 0x1A, 0x0A };

        /// <summary>Size of the fixed header.</summary>
        public const int HeaderSize = 64;
        /// <summary>Offsets of the header fields.</summary>
        public const int FormatVersionOffset = 8, HeaderSizeOffset = 10, ProducerOffset = 12, FlagsOffset = 18, RecordCountOffset = 20,
            PayloadLengthOffset = 24, ChecksumOffset = 28, MachineOffset = 32, MachineLength = 32;
        /// <summary>Record tag (format version 1).</summary>
        public const byte RecordTag = 0x52;
        /// <summary>Value states (a version 1 value's state byte; a version 2 record's exceptions list uses 1 and 2).</summary>
        public const byte StateValue = 0, StateNull = 1, StateAuto = 2;

        /// <summary>Largest file accepted: <see cref="Config.ConfigLimits.MaxHintsFileBytes"/> (64 MiB; format version 1 files were written under a 1 MiB limit, so every one of them loads).</summary>
        public const int MaxFileSize = Config.ConfigLimits.MaxHintsFileBytes;
        /// <summary>Most records accepted: <see cref="Config.ConfigLimits.MaxDevices"/> (4,096).</summary>
        public const int MaxRecords = Config.ConfigLimits.MaxDevices;
        /// <summary>Most options per record: <see cref="Config.ConfigLimits.MaxOptionsPerDevice"/>.</summary>
        public const int MaxOptionsPerRecord = Config.ConfigLimits.MaxOptionsPerDevice;
        /// <summary>Longest string value, in UTF-8 bytes: <see cref="Config.ConfigLimits.MaxStringBytes"/>.</summary>
        public const int MaxStringBytes = Config.ConfigLimits.MaxStringBytes;
        /// <summary>Longest record key, driver or option name, in UTF-8 bytes (a 1-byte length).</summary>
        public const int MaxNameBytes = 255;
        /// <summary>Most entries of a version 2 name table (device type and option names).</summary>
        public const int MaxNames = 65536;
        /// <summary>Longest variable-length integer (LEB128: 7 bits a byte, a 64-bit value takes at most 10 bytes).</summary>
        public const int MaxVarIntBytes = 10;

        /// <summary>Bytes of <paramref name="value"/> as an unsigned LEB128 integer.</summary>
        internal static int VarIntSize(ulong value) => (64 - BitOperations.LeadingZeroCount(value | 1) + 6) / 7;

        /// <summary>ZigZag mapping of a signed value (0, -1, 1, -2, … → 0, 1, 2, 3, …), so small negatives stay short.</summary>
        internal static ulong ZigZag(long value) => (ulong)(value << 1) ^ (ulong)(value >> 63);

        /// <summary>The inverse of <see cref="ZigZag"/>.</summary>
        internal static long UnZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

        /// <summary>Whether values of <paramref name="kind"/> are written ZigZag-encoded (the signed integer kinds).</summary>
        internal static bool IsSigned(OptionKind kind) => kind is OptionKind.Int8 or OptionKind.Int16 or OptionKind.Int32 or OptionKind.Int64;

        /// <summary>CRC-32C (Castagnoli) of everything but the checksum field: header bytes 0-27, 32-63, then the payload.</summary>
        public static uint Checksum(ReadOnlySpan<byte> file)
        {
            uint crc = 0xFFFFFFFF;
            crc = Update(crc, file.Slice(0, ChecksumOffset));
            crc = Update(crc, file.Slice(ChecksumOffset + 4));
            return ~crc;
        }

        /// <summary>CRC-32C of <paramref name="data"/> (check value of "123456789" is 0xE3069283).</summary>
        public static uint Crc32C(ReadOnlySpan<byte> data) => ~Update(0xFFFFFFFF, data);

        private static uint Update(uint crc, ReadOnlySpan<byte> data)
        {
            while (data.Length >= 8)
            {
                crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
                data = data.Slice(8);
            }
            foreach (byte b in data) crc = BitOperations.Crc32C(crc, b);
            return crc;
        }
    }
}
