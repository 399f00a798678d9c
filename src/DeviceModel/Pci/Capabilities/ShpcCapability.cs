namespace DeviceModel.Pci
{
    /// <summary>
    /// Standard Hot-Plug Controller (ID 0x0C, 8 bytes) of a conventional bridge: a DWORD select register and a DWORD data
    /// window onto the controller's registers (which also sit in a memory BAR). Select and data are writable; the
    /// window reads 0 until the guest selects a register (QEMU's <c>shpc_cap_add_config</c>).
    /// </summary>
    [CapabilityLength(Size)]
    public sealed class ShpcCapability : PciCapability
    {
        /// <summary>Capability ID.</summary>
        public const byte CapabilityId = 0x0c;
        /// <summary>Length in bytes.</summary>
        public const int Size = 8;
        /// <summary>Offset of the DWORD select register.</summary>
        public const int DwordSelectOffset = 2;
        /// <summary>Offset of the DWORD data window.</summary>
        public const int DwordDataOffset = 4;

        /// <summary>Declares the capability.</summary>
        public ShpcCapability() : base(CapabilityId, "SHPC", Size)
        {
        }

        /// <inheritdoc/>
        protected internal override void Initialize(CapabilityRegisters registers)
        {
            registers.WriteMask.Set8(DwordSelectOffset, 0xff);
            registers.WriteMask.Set32(DwordDataOffset, 0xffffffff);
        }
    }
}
