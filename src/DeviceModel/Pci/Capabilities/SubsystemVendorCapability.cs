namespace DeviceModel.Pci
{
    /// <summary>
    /// Bridge Subsystem Vendor ID (ID 0x0D, 8 bytes): a type-1 header has no subsystem registers, so bridges carry the
    /// IDs in this capability (QEMU's <c>pci_bridge_ssvid_init</c>). Read-only.
    /// </summary>
    [CapabilityLength(Size)]
    public sealed class SubsystemVendorCapability : PciCapability
    {
        /// <summary>Capability ID.</summary>
        public const byte CapabilityId = 0x0d;
        /// <summary>Length in bytes (<c>PCI_SSVID_SIZEOF</c>).</summary>
        public const int Size = 8;
        /// <summary>Offset of the subsystem vendor ID.</summary>
        public const int VendorOffset = 4;
        /// <summary>Offset of the subsystem ID.</summary>
        public const int SubsystemOffset = 6;

        /// <summary>Declares the capability.</summary>
        public SubsystemVendorCapability(ushort subsystemVendorId, ushort subsystemId) : base(CapabilityId, "SSVID", Size)
        {
            SubsystemVendorId = subsystemVendorId;
            SubsystemId = subsystemId;
        }

        /// <summary>Subsystem vendor ID.</summary>
        public ushort SubsystemVendorId { get; }
        /// <summary>Subsystem ID.</summary>
        public ushort SubsystemId { get; }

        /// <inheritdoc/>
        protected internal override void Initialize(CapabilityRegisters registers)
        {
            registers.Values.Set16(VendorOffset, SubsystemVendorId);
            registers.Values.Set16(SubsystemOffset, SubsystemId);
        }
    }
}
