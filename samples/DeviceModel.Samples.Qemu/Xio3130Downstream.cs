using DeviceModel.Pci;

namespace DeviceModel.Samples.Qemu;

/// <summary>
/// QEMU's <c>xio3130-downstream</c> (TI XIO3130 switch downstream port, 104c:8233 rev 1): a PCI Express switch
/// downstream port with a hot-plug slot, on an <c>x3130-upstream</c>'s bus; devices sit behind it with <c>bus=ID</c>.
/// Capability chain as QEMU 7.2 has it: MSI at 0x70, SSVID at 0x80, the PCIe v2 downstream port capability at 0x90
/// (slot, ARI forwarding, function level reset, no configured link speed or width), AER at 0x100.
/// </summary>
[Device("xio3130-downstream", Description = "TI X3130 Downstream Port of PCI Express Switch")]
[UniqueInMachine("pcie-slot", "chassis", "slot", Message = "Can't add chassis slot, error -16")] // hw/pci/pcie.c pcie_chassis_add_slot: -EBUSY
[PciCapability(nameof(CreateMsi), Offset = 0x70, Length = 14)]
[PciCapability(nameof(CreateSubsystemVendor), Offset = 0x80, Length = SubsystemVendorCapability.Size)]
[PciCapability(nameof(CreateExpress), Offset = 0x90, Length = PciExpressCapability.Version2Size)]
[PciExtendedCapability(nameof(CreateAer), Offset = 0x100, Length = AerCapability.Size)]
[CompatHint("2.4", false, Option = "x-pcie-lnksta-dllla")]   // QEMU's TYPE_PCI_DEVICE history (see QemuPciDevice)
[CompatHint("2.9", false, Option = "x-pcie-extcap-init")]
public sealed partial class Xio3130Downstream : PciExpressPort
{
    [ConfigOption("chassis", Description = "Chassis number of the slot")]
    public byte Chassis { get; set; }

    [ConfigOption("slot", Description = "Physical slot number")]
    public ushort Slot { get; set; }

    [ConfigOption("port", Description = "Port number (Link Capabilities)")]
    public byte PortNumber { get; set; }

    [ConfigOption("hotplug", Description = "The slot supports hot-plug")]
    public bool Hotplug { get; set; } = true;

    /// <summary>As for pcie-root-port: q35 6.1's ACPI hot-plug took native hot-plug away, 6.2 gave it back.</summary>
    [ConfigOption("x-native-hotplug", Description = "Advertise native (PCIe) hot-plug in the slot capabilities")]
    [CompatHint("6.1", true, Family = "pc-q35")]
    [CompatHint("6.2", false, Family = "pc-q35")]
    public bool NativeHotplug { get; set; } = true;

    [ConfigOption("power_controller_present", Description = "The slot has a power controller")]
    public bool PowerControllerPresent { get; set; } = true;

    [ConfigOption("aer_log_max", Max = "128", Description = "AER header log entries (0: no multiple header recording)")]
    public ushort AerLogMax { get; set; } = 8;

    /// <inheritdoc/>
    protected override PciIdentity Identity => new(0x104c, 0x8233, 1, PciIdentity.ClassCodeOf(0x0604));

    /// <summary>No INTx: the switch port signals with MSI.</summary>
    protected override byte InterruptPin => 0;

    /// <summary>QEMU resets a switch port's windows to 0 (only root ports disable them).</summary>
    protected override bool WindowsOpenAtReset => true;

    /// <summary>One vector, 64-bit, not maskable.</summary>
    private static MsiCapability CreateMsi() => new(1, address64: true, perVectorMask: false);

    private static SubsystemVendorCapability CreateSubsystemVendor() => new(0, 0);

    /// <summary>The slot (native hot-plug only while ACPI does not own it); QEMU configures no link speed or width for it.</summary>
    private PciExpressCapability CreateExpress() => new(PciExpressPortType.DownstreamPort)
    {
        PortNumber = PortNumber,
        DeviceErrorReporting = true,
        FunctionLevelReset = true,
        AriForwarding = true,
        Slot = new PciExpressSlot(Slot, HotPlug: Hotplug && NativeHotplug, PowerController: PowerControllerPresent),
        ReadOnlyEmptyExtendedHeader = PcieExtcapInit,
        UnconfiguredLink = true,
    };

    private AerCapability CreateAer() => new(multipleHeaderRecording: AerLogMax > 0);
}
