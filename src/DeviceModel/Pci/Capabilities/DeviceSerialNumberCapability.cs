namespace DeviceModel.Pci
{
    /// <summary>
    /// Device Serial Number (extended ID 3, version 1, 12 bytes) as QEMU's <c>pcie_dev_ser_num_init</c>: the 64-bit
    /// serial number after the header, read-only.
    /// </summary>
    [CapabilityLength(Size)]
    public sealed class DeviceSerialNumberCapability : PciExtendedCapability
    {
        /// <summary>Extended capability ID.</summary>
        public const ushort CapabilityId = 0x0003;
        /// <summary>Length in bytes (<c>PCI_EXT_CAP_DSN_SIZEOF</c>).</summary>
        public const int Size = 12;
        /// <summary>Offset of the serial number (low dword first).</summary>
        public const int SerialNumberOffset = 4;

        /// <summary>Declares the capability with <paramref name="serialNumber"/>.</summary>
        public DeviceSerialNumberCapability(ulong serialNumber) : base(CapabilityId, 1, "DSN", Size) => SerialNumber = serialNumber;

        /// <summary>The serial number.</summary>
        public ulong SerialNumber { get; }

        /// <inheritdoc/>
        protected internal override void Initialize(CapabilityRegisters registers) => registers.Values.Set64(SerialNumberOffset, SerialNumber);
    }
}
