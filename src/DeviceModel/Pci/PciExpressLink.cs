namespace DeviceModel.Pci
{
    /// <summary>
    /// A PCI Express link speed, valued as the Link Capabilities' Supported Link Speeds field encodes it and spelt as
    /// QEMU's <c>PCIELinkSpeed</c> (<c>x-speed=2_5</c>).
    /// </summary>
    public enum PciExpressLinkSpeed
    {
        /// <summary>2.5 GT/s (PCIe 1).</summary>
        [OptionValueName("2_5")] Gt2_5 = 1,
        /// <summary>5 GT/s (PCIe 2).</summary>
        [OptionValueName("5")] Gt5 = 2,
        /// <summary>8 GT/s (PCIe 3).</summary>
        [OptionValueName("8")] Gt8 = 3,
        /// <summary>16 GT/s (PCIe 4).</summary>
        [OptionValueName("16")] Gt16 = 4,
    }

    /// <summary>A PCI Express link width in lanes, spelt as QEMU's <c>PCIELinkWidth</c> (<c>x-width=32</c>).</summary>
    public enum PciExpressLinkWidth
    {
        /// <summary>x1.</summary>
        [OptionValueName("1")] X1 = 1,
        /// <summary>x2.</summary>
        [OptionValueName("2")] X2 = 2,
        /// <summary>x4.</summary>
        [OptionValueName("4")] X4 = 4,
        /// <summary>x8.</summary>
        [OptionValueName("8")] X8 = 8,
        /// <summary>x12.</summary>
        [OptionValueName("12")] X12 = 12,
        /// <summary>x16.</summary>
        [OptionValueName("16")] X16 = 16,
        /// <summary>x32.</summary>
        [OptionValueName("32")] X32 = 32,
    }

    /// <summary>The speed and width a port's link advertises (QEMU's <c>pcie_cap_fill_slot_lnk</c>).</summary>
    /// <param name="Speed">Maximum link speed.</param>
    /// <param name="Width">Maximum link width.</param>
    public readonly record struct PciExpressLink(PciExpressLinkSpeed Speed, PciExpressLinkWidth Width);
}
