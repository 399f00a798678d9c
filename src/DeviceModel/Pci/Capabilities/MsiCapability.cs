using System;
using System.Numerics;

namespace DeviceModel.Pci
{
    /// <summary>
    /// MSI (ID 5) as QEMU's <c>msi_init</c>: Multiple Message Capable from <see cref="Vectors"/>, optional 64-bit
    /// address and per-vector masking; guest-writable: Enable and Multiple Message Enable, the address (dword
    /// aligned), the data, and the mask bits of the implemented vectors.
    /// </summary>
    [CapabilityLength(0x0a, 0x0e, 0x14, 0x18)]
    public sealed class MsiCapability : PciCapability
    {
        /// <summary>Capability ID.</summary>
        public const byte CapabilityId = 0x05;
        /// <summary>Offset of Message Control.</summary>
        public const int ControlOffset = 2;
        /// <summary>Offset of the message address (low dword).</summary>
        public const int AddressOffset = 4;

        /// <summary>Declares the capability.</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="vectors"/> is not a power of two from 1 to 32.</exception>
        public MsiCapability(int vectors, bool address64 = true, bool perVectorMask = false)
            : base(CapabilityId, "MSI", SizeOf(address64, perVectorMask))
        {
            if (vectors < 1 || vectors > 32 || !BitOperations.IsPow2(vectors))
                throw new ArgumentOutOfRangeException(nameof(vectors), vectors, "MSI supports 1, 2, 4, 8, 16 or 32 vectors");
            Vectors = vectors;
            Address64 = address64;
            PerVectorMask = perVectorMask;
        }

        /// <summary>Vectors the function requests.</summary>
        public int Vectors { get; }
        /// <summary>64-bit message address.</summary>
        public bool Address64 { get; }
        /// <summary>Per-vector mask and pending registers.</summary>
        public bool PerVectorMask { get; }

        /// <summary>Offset of Message Data.</summary>
        public int DataOffset => Address64 ? 0x0c : 0x08;
        /// <summary>Offset of the mask bits (per-vector masking only).</summary>
        public int MaskOffset => Address64 ? 0x10 : 0x0c;

        /// <summary>QEMU's <c>msi_cap_sizeof</c>: 10, 14, 20 or 24 bytes.</summary>
        public static int SizeOf(bool address64, bool perVectorMask) => (address64, perVectorMask) switch
        {
            (true, true) => 0x18,
            (true, false) => 0x0e,
            (false, true) => 0x14,
            _ => 0x0a,
        };

        /// <inheritdoc/>
        protected internal override void Initialize(CapabilityRegisters registers)
        {
            ushort control = (ushort)(BitOperations.TrailingZeroCount(Vectors) << 1);
            if (Address64) control |= 0x0080;
            if (PerVectorMask) control |= 0x0100;
            registers.Values.Set16(ControlOffset, control);
            registers.WriteMask.Set16(ControlOffset, 0x0070 | 0x0001);
            registers.WriteMask.Set32(AddressOffset, 0xffff_fffc);
            if (Address64) registers.WriteMask.Set32(AddressOffset + 4, uint.MaxValue);
            registers.WriteMask.Set16(DataOffset, 0xffff);
            if (PerVectorMask) registers.WriteMask.Set32(MaskOffset, uint.MaxValue >> (32 - Vectors));
        }

        /// <inheritdoc/>
        protected internal override IConfigWriteObserver? CreateWriteObserver(int offset) =>
            new MultipleMessageEnableObserver(offset + ControlOffset, BitOperations.TrailingZeroCount(Vectors));

        /// <summary>QEMU's <c>msi_write_config</c>: while MSI is enabled, a Multiple Message Enable above Multiple Message
        /// Capable reads back as the capable value.</summary>
        private sealed class MultipleMessageEnableObserver(int control, int logVectors) : IConfigWriteObserver
        {
            public void AfterWrite(ConfigSpace space, int offset, int width)
            {
                ushort flags = space.Values.Get16(control);
                if ((flags & 0x0001) == 0 || ((flags & 0x0070) >> 4) <= logVectors) return;
                space.Values.Set16(control, (ushort)(flags & ~0x0070 | logVectors << 4));
            }
        }
    }
}
