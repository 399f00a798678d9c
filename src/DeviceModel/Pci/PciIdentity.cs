namespace DeviceModel.Pci
{
    /// <summary>The identification registers of a function.</summary>
    /// <param name="VendorId">Vendor ID (0x00).</param>
    /// <param name="DeviceId">Device ID (0x02).</param>
    /// <param name="Revision">Revision ID (0x08).</param>
    /// <param name="ClassCode">24-bit class code: base class &lt;&lt; 16 | sub-class &lt;&lt; 8 | programming interface.</param>
    /// <param name="SubsystemVendorId">Subsystem vendor ID (0x2c, type 0 only).</param>
    /// <param name="SubsystemId">Subsystem ID (0x2e, type 0 only).</param>
    public readonly record struct PciIdentity(ushort VendorId, ushort DeviceId, byte Revision, uint ClassCode, ushort SubsystemVendorId = 0, ushort SubsystemId = 0)
    {
        /// <summary>Red Hat / Qumranet, QEMU's default subsystem vendor.</summary>
        public const ushort RedHatQumranetVendor = 0x1af4;
        /// <summary>QEMU's default subsystem ID (<c>PCI_SUBDEVICE_ID_QEMU</c>).</summary>
        public const ushort QemuSubsystemId = 0x1100;

        /// <summary>The 16-bit class (base class and sub-class) from a QEMU <c>class_id</c>, e.g. 0x0200.</summary>
        public static uint ClassCodeOf(ushort classId, byte programmingInterface = 0) => (uint)classId << 8 | programmingInterface;
    }

    /// <summary>The layout of the first 64 bytes.</summary>
    public enum PciHeaderType
    {
        /// <summary>Type 0: an endpoint with six BARs.</summary>
        Endpoint = 0,
        /// <summary>Type 1: a PCI-to-PCI bridge with two BARs and bus numbers and windows.</summary>
        Bridge = 1,
    }
}
