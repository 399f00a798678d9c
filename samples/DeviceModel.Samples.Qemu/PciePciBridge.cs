using System.Collections.Generic;
using DeviceModel.Pci;

namespace DeviceModel.Samples.Qemu;

/// <summary>
/// QEMU's <c>pcie-pci-bridge</c> (1b36:000e): a PCI Express to PCI bridge, itself a PCI Express function (a PCIe
/// capability of type "PCI Express to PCI bridge", 4 KiB space) whose secondary bus is conventional PCI with a
/// standard hot-plug controller; devices sit behind it with <c>bus=ID</c>, in slots 0 to 31. Capability chain as
/// QEMU 7.2 has it: SHPC at 0x40 with its registers in a 64-bit memory BAR0 of 256 bytes, PCIe v2 at 0x48, PM at 0x84,
/// one MSI vector for the hot-plug controller, AER at 0x100.
/// </summary>
[Device("pcie-pci-bridge", Description = "PCI Express to PCI bridge")]
[PciCapability(nameof(CreateShpc), Length = ShpcCapability.Size)]
[PciCapability(nameof(CreateExpress), Length = PciExpressCapability.Version2Size)]
[PciCapability(nameof(CreatePowerManagement), Length = PowerManagementCapability.Size)]
[PciCapability(nameof(CreateMsi), When = nameof(HasMsi), Length = 24)]
[PciExtendedCapability(nameof(CreateAer), Offset = 0x100, Length = AerCapability.Size)]
[CompatHint("2.4", false, Option = "x-pcie-lnksta-dllla")]   // QEMU's TYPE_PCI_DEVICE history (see QemuPciDevice)
[CompatHint("2.9", false, Option = "x-pcie-extcap-init")]
public sealed partial class PciePciBridge : PciToPciBridge
{
    [ConfigOption("msi", Description = "MSI for the hot-plug controller (on/off/auto)")]
    public OnOffAuto Msi { get; set; } = OnOffAuto.Auto;

    /// <summary>Auto is on: the PC machines' interrupt controllers deliver MSI.</summary>
    private bool HasMsi => Msi != OnOffAuto.Off;

    /// <inheritdoc/>
    protected override PciIdentity Identity => new(0x1b36, 0x000e, 0, PciIdentity.ClassCodeOf(0x0604));

    /// <summary>A PCI Express function on every bus (QEMU gives it 4 KiB on i440fx too).</summary>
    protected override bool IsExpressFunction => true;

    /// <summary>BAR0 maps the hot-plug controller's registers.</summary>
    protected override void DeclareBars(List<BarDeclaration> bars) => bars.Add(BarDeclaration.Memory64(0, 0x100));

    private static ShpcCapability CreateShpc() => new();

    /// <summary>The bridge's PCIe capability: error reporting and ARI forwarding, an x1 link.</summary>
    private PciExpressCapability CreateExpress() => new(PciExpressPortType.PciExpressToPciBridge)
    {
        DeviceErrorReporting = true,
        AriForwarding = true,
        ReadOnlyEmptyExtendedHeader = PcieExtcapInit,
    };

    /// <summary>D0 and D3hot only, no writable state (QEMU sets the PMC word and nothing else).</summary>
    private static PowerManagementCapability CreatePowerManagement() => new(0x0003, powerStateWritable: false);

    /// <summary>One vector, 64-bit, maskable.</summary>
    private static MsiCapability CreateMsi() => new(1, address64: true, perVectorMask: true);

    private static AerCapability CreateAer() => new();
}
