namespace DeviceModel.Pci
{
    /// <summary>Virtio PCI identification, as QEMU's <c>virtio_pci_id_info</c> and the virtio 1.2 specification give it.</summary>
    public static class VirtioPciIds
    {
        /// <summary>The virtio PCI vendor (Red Hat / Qumranet).</summary>
        public const ushort VendorId = 0x1af4;
        /// <summary>Modern (virtio 1.0) device IDs are 0x1040 + the virtio device type.</summary>
        public const ushort ModernDeviceIdBase = 0x1040;
        /// <summary>Revision of modern-only devices.</summary>
        public const byte ModernRevision = 1;
        /// <summary>Revision of legacy and transitional devices (<c>VIRTIO_PCI_ABI_VERSION</c>).</summary>
        public const byte LegacyRevision = 0;

        /// <summary>The transitional device ID of a virtio device type (net 0x1000, block 0x1001, balloon 0x1002,
        /// console 0x1003, SCSI 0x1004, entropy 0x1005, 9P 0x1009), or null when the type has none.</summary>
        public static ushort? TransitionalDeviceId(ushort virtioDeviceType) => virtioDeviceType switch
        {
            1 => 0x1000,
            2 => 0x1001,
            5 => 0x1002,
            3 => 0x1003,
            8 => 0x1004,
            4 => 0x1005,
            9 => 0x1009,
            _ => null,
        };

        /// <summary>QEMU's default 16-bit class of a virtio device type: Ethernet 0x0200 for net, SCSI storage 0x0100
        /// for block and SCSI, communication 0x0780 for console, network 0x0002 for 9P (sic), other 0x00ff otherwise.</summary>
        public static ushort DefaultClassId(ushort virtioDeviceType) => virtioDeviceType switch
        {
            1 => 0x0200,
            2 or 8 => 0x0100,
            3 => 0x0780,
            9 => 0x0002,
            _ => 0x00ff,
        };
    }
}
