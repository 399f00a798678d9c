using DeviceModel.Pci;

namespace DeviceModel.Samples.Qemu;

/// <summary>
/// QEMU's <c>x3130-upstream</c> (TI XIO3130 switch upstream port, 104c:8232 rev 2): the upstream side of a PCI
/// Express switch, behind a root port; <c>xio3130-downstream</c> ports sit on its bus with <c>bus=ID</c>. Capability
/// chain as QEMU 7.2 has it: MSI at 0x70, SSVID at 0x80, the PCIe v2 upstream port capability at 0x90 (function level
/// reset, error reporting), AER at 0x100.
/// </summary>
[Device("x3130-upstream", Description = "TI X3130 Upstream Port of PCI Express Switch")]
[PciCapability(nameof(CreateMsi), Offset = 0x70, Length = 14)]
[PciCapability(nameof(CreateSubsystemVendor), Offset = 0x80, Length = SubsystemVendorCapability.Size)]
[PciCapability(nameof(CreateExpress), Offset = 0x90, Length = PciExpressCapability.Version2Size)]
[PciExtendedCapability(nameof(CreateAer), Offset = 0x100, Length = AerCapability.Size)]
[CompatHint("2.4", false, Option = "x-pcie-lnksta-dllla")]   // QEMU's TYPE_PCI_DEVICE history (see QemuPciDevice)
[CompatHint("2.9", false, Option = "x-pcie-extcap-init")]
public sealed partial class X3130Upstream : PciExpressPort
{
    [ConfigOption("port", Description = "Port number (Link Capabilities)")]
    public byte PortNumber { get; set; }

    [ConfigOption("aer_log_max", Max = "128", Description = "AER header log entries (0: no multiple header recording)")]
    public ushort AerLogMax { get; set; } = 8;

    /// <inheritdoc/>
    protected override PciIdentity Identity => new(0x104c, 0x8232, 2, PciIdentity.ClassCodeOf(0x0604));

    /// <summary>No INTx: the switch port signals with MSI.</summary>
    protected override byte InterruptPin => 0;

    /// <summary>QEMU resets a switch port's windows to 0 (only root ports disable them).</summary>
    protected override bool WindowsOpenAtReset => true;

    /// <summary>One vector, 64-bit, not maskable.</summary>
    private static MsiCapability CreateMsi() => new(1, address64: true, perVectorMask: false);

    private static SubsystemVendorCapability CreateSubsystemVendor() => new(0, 0);

    private PciExpressCapability CreateExpress() => new(PciExpressPortType.UpstreamPort)
    {
        PortNumber = PortNumber,
        DeviceErrorReporting = true,
        FunctionLevelReset = true,
        ReadOnlyEmptyExtendedHeader = PcieExtcapInit,
    };

    private AerCapability CreateAer() => new(multipleHeaderRecording: AerLogMax > 0);
}
