namespace DeviceModel
{
    /// <summary>
    /// A PCI function: the options QEMU's <c>PCIDevice</c> has for every PCI device. Subtypes are device
    /// families (<see cref="VirtioPciDevice"/>) or concrete devices.
    /// </summary>
    [Device("pci-device", Description = "PCI device")]
    public abstract partial class PciDevice : Device
    {
        /// <summary>Slot and function on the bus; null takes the first slot whose function 0 is free when the device is placed (config order, as QEMU).</summary>
        [ConfigOption("addr", Auto = true, Description = "Slot and optional function number, example: 06.0 or 06")]
        public PciAddress? Addr { get; set; }

        /// <summary>Whether the expansion ROM is exposed through a BAR (1) or not (0).</summary>
        [ConfigOption("rombar", Description = "Expose the option ROM through the ROM BAR (0 or 1)")]
        public uint RomBar { get; set; } = 1;

        /// <summary>The option ROM image; its size decides the ROM BAR size.</summary>
        [ConfigOption("romfile", Description = "Option ROM image file name")]
        public virtual string? RomFile { get; set; }

        /// <summary>The ROM BAR size; null means the size of <see cref="RomFile"/>.</summary>
        [ConfigOption("romsize", Auto = true, Description = "ROM BAR size in bytes (default: the ROM file's size rounded up to a power of two)")]
        public uint? RomSize { get; set; }

        /// <summary>Whether the function advertises a multi-function device in its header type.</summary>
        [ConfigOption("multifunction", Description = "Set the multi-function bit in the header type")]
        public bool Multifunction { get; set; }

        /// <summary>QEMU's ACPI index for the function (guest-visible through ACPI).</summary>
        [ConfigOption("acpi-index", Description = "ACPI index of the function (0: none)")]
        public uint AcpiIndex { get; set; }

        /// <summary>Backend wiring for failover pairs: host-side only.</summary>
        [ConfigOption("failover_pair_id", HostOnly = true, Description = "Id of the primary device of a failover pair")]
        public string? FailoverPairId { get; set; }

        /// <summary>PCIe Link Status: report Data Link Layer Link Active.</summary>
        [ConfigOption("x-pcie-lnksta-dllla", Description = "Report Data Link Layer Link Active in PCIe Link Status")]
        public bool PcieLnkstaDllla { get; set; } = true;

        /// <summary>Initialise the PCIe extended capability header at 0x100 for functions without extended capabilities.</summary>
        [ConfigOption("x-pcie-extcap-init", Description = "Initialise the PCIe extended capability list header")]
        public bool PcieExtcapInit { get; set; } = true;

        /// <summary>
        /// QEMU sizes the ROM BAR from the ROM file: the product declares its images' sizes. With <c>rombar=0</c> QEMU
        /// (pci_add_option_rom) loads the image through fw_cfg instead and never sizes it, so romsize stays unset.
        /// </summary>
        protected internal override void ResolveAuto(RealizeContext context)
        {
            base.ResolveAuto(context);
            if (RomSize is null && RomBar != 0 && !string.IsNullOrEmpty(RomFile) && context.Session.RomImages.TryGetValue(RomFile, out uint size)) RomSize = size;
        }
    }
}
