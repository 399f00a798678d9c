using System;

namespace DeviceModel.Pci
{
    /// <summary>
    /// MSI-X (ID 0x11, 12 bytes) as QEMU's <c>msix_init</c>: Message Control holds the table size minus one and only
    /// its Enable (bit 15) and Function Mask (bit 14) bits are guest-writable; the table and PBA registers hold a
    /// BAR indicator in bits 2:0 and an 8-byte aligned offset.
    /// </summary>
    [CapabilityLength(Size)]
    public sealed class MsixCapability : PciCapability
    {
        /// <summary>Capability ID.</summary>
        public const byte CapabilityId = 0x11;
        /// <summary>Length in bytes.</summary>
        public const int Size = 12;
        /// <summary>Offset of Message Control.</summary>
        public const int ControlOffset = 2;
        /// <summary>Offset of the table offset/BIR register.</summary>
        public const int TableOffsetRegister = 4;
        /// <summary>Offset of the PBA offset/BIR register.</summary>
        public const int PbaOffsetRegister = 8;
        /// <summary>Message Control: MSI-X Enable.</summary>
        public const ushort EnableBit = 0x8000;
        /// <summary>Message Control: Function Mask.</summary>
        public const ushort FunctionMaskBit = 0x4000;
        /// <summary>Most vectors MSI-X can describe.</summary>
        public const int MaxVectors = 2048;

        /// <summary>Declares the capability.</summary>
        /// <exception cref="ArgumentOutOfRangeException">Bad vector count, BAR index or offset alignment.</exception>
        public MsixCapability(int vectors, int tableBar, uint tableOffset, int pbaBar, uint pbaOffset)
            : base(CapabilityId, "MSI-X", Size)
        {
            if (vectors < 1 || vectors > MaxVectors) throw new ArgumentOutOfRangeException(nameof(vectors), vectors, "MSI-X supports 1 … 2048 vectors");
            if (tableBar is < 0 or > 5) throw new ArgumentOutOfRangeException(nameof(tableBar), tableBar, "the MSI-X table BAR is 0 … 5");
            if (pbaBar is < 0 or > 5) throw new ArgumentOutOfRangeException(nameof(pbaBar), pbaBar, "the MSI-X PBA BAR is 0 … 5");
            if ((tableOffset & 7) != 0) throw new ArgumentOutOfRangeException(nameof(tableOffset), tableOffset, "the MSI-X table offset must be 8-byte aligned");
            if ((pbaOffset & 7) != 0) throw new ArgumentOutOfRangeException(nameof(pbaOffset), pbaOffset, "the MSI-X PBA offset must be 8-byte aligned");
            Vectors = vectors;
            TableBar = tableBar;
            TableOffset = tableOffset;
            PbaBar = pbaBar;
            PbaOffset = pbaOffset;
        }

        /// <summary>Table entries.</summary>
        public int Vectors { get; }
        /// <summary>BAR holding the table.</summary>
        public int TableBar { get; }
        /// <summary>Table offset in its BAR.</summary>
        public uint TableOffset { get; }
        /// <summary>BAR holding the pending bit array.</summary>
        public int PbaBar { get; }
        /// <summary>PBA offset in its BAR.</summary>
        public uint PbaOffset { get; }

        /// <inheritdoc/>
        protected internal override void Initialize(CapabilityRegisters registers)
        {
            registers.Values.Set16(ControlOffset, (ushort)(Vectors - 1));
            registers.Values.Set32(TableOffsetRegister, TableOffset | (uint)TableBar);
            registers.Values.Set32(PbaOffsetRegister, PbaOffset | (uint)PbaBar);
            registers.WriteMask.Or16(ControlOffset, EnableBit | FunctionMaskBit);
        }
    }
}
