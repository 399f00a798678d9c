using System.Collections.Generic;
using DeviceModel.Pci;

namespace DeviceModel.Samples.Qemu;

/// <summary>
/// QEMU's <c>pcie-root-port</c> (generic root port, 1b36:000c): a PCI Express root port with a hot-plug slot. Devices
/// sit behind it with <c>bus=ID</c>. Options, compat history and capability chain as QEMU 7.2 has them: SSVID at
/// 0x40, one MSI-X vector in BAR0, the PCIe v2 root port capability, QEMU's resource-reserve hint when a reservation is
/// asked for; AER at 0x100 and ACS at 0x148.
/// </summary>
[Device("pcie-root-port", Description = "PCI Express root port")]
[PciCapability(nameof(CreateSubsystemVendor), Offset = 0x40, Length = SubsystemVendorCapability.Size)]
[PciCapability(nameof(CreateMsix), Length = MsixCapability.Size)]
[PciCapability(nameof(CreateExpress), Length = PciExpressCapability.Version2Size)]
[PciCapability(nameof(CreateResourceReserve), When = nameof(ReservesResources), Length = ResourceReserveCapability.Size)]
[PciExtendedCapability(nameof(CreateAer), Offset = 0x100, Length = AerCapability.Size)]
[PciExtendedCapability(nameof(CreateAcs), When = nameof(HasAcs), Offset = 0x148, Length = AcsCapability.Size)]
[CompatHint("2.4", false, Option = "x-pcie-lnksta-dllla")]   // QEMU's TYPE_PCI_DEVICE history (see QemuPciDevice)
[CompatHint("2.9", false, Option = "x-pcie-extcap-init")]
// QEMU 7.2's messages, byte for byte (pref32-reserve's with its double space).
[UniqueInMachine("pcie-slot", "chassis", "slot", Message = "Can't add chassis slot, error -16")] // hw/pci/pcie.c pcie_chassis_add_slot: -EBUSY
[MutuallyExclusive("pref32-reserve", "pref64-reserve", Message = "PCI resource reserve cap: PREF32 and PREF64 conflict")]
public sealed partial class PcieRootPort : PciExpressPort
{
    private const ushort RedHatVendor = 0x1b36;
    private const ulong NoReservation = ulong.MaxValue;

    [ConfigOption("chassis", Description = "Chassis number of the slot")]
    public byte Chassis { get; set; }

    [ConfigOption("slot", Description = "Physical slot number")]
    public ushort Slot { get; set; }

    [ConfigOption("port", Description = "Port number (Link Capabilities)")]
    public byte PortNumber { get; set; }

    [ConfigOption("hotplug", Description = "The slot supports hot-plug")]
    public bool Hotplug { get; set; } = true;

    /// <summary>
    /// QEMU 6.1 let ACPI hot-plug take over q35's root ports and hid native hot-plug; 6.2 gave it back. A q35
    /// machine-level property (ICH9 ACPI bridge hot-plug), so pc-i440fx-6.1 keeps native hot-plug.
    /// </summary>
    [ConfigOption("x-native-hotplug", Description = "Advertise native (PCIe) hot-plug in the slot capabilities")]
    [CompatHint("6.1", true, Family = "pc-q35")]
    [CompatHint("6.2", false, Family = "pc-q35")]
    public bool NativeHotplug { get; set; } = true;

    [ConfigOption("power_controller_present", Description = "The slot has a power controller")]
    public bool PowerControllerPresent { get; set; } = true;

    [ConfigOption("aer_log_max", Max = "128", Description = "AER header log entries (0: no multiple header recording)")]
    public ushort AerLogMax { get; set; } = 8;

    [ConfigOption("disable-acs", Description = "Do not expose Access Control Services")]
    [CompatHint("4.0", true)]
    public bool DisableAcs { get; set; }

    [ConfigOption("x-speed", Description = "Maximum link speed in GT/s")]
    [CompatHint("4.0", PciExpressLinkSpeed.Gt2_5)]
    public PciExpressLinkSpeed Speed { get; set; } = PciExpressLinkSpeed.Gt16;

    [ConfigOption("x-width", Description = "Maximum link width in lanes")]
    [CompatHint("4.0", PciExpressLinkWidth.X1)]
    public PciExpressLinkWidth Width { get; set; } = PciExpressLinkWidth.X32;

    [ConfigOption("x-migrate-msix", Description = "Migrate the MSI-X table")]
    [CompatHint("2.10", false)]
    public bool MigrateMsix { get; set; } = true;

    [ConfigOption("bus-reserve", Description = "Secondary buses firmware reserves (4294967295: no hint)")]
    public uint BusReserve { get; set; } = uint.MaxValue;

    /// <summary>Auto: 4 KiB when ACPI hot-plug runs the slot (hot-plug on, native hot-plug off), else no hint.</summary>
    [ConfigOption("io-reserve", IsSize = true, Auto = true, Description = "I/O space firmware reserves (18446744073709551615: no hint)")]
    [AutoValue(0x1000, When = "hotplug & !x-native-hotplug")] // QEMU (gen_rp_realize)
    [AutoValue(-1)]                                             // NoReservation
    public ulong? IoReserve { get; set; }

    [ConfigOption("mem-reserve", IsSize = true, Description = "Non-prefetchable memory firmware reserves, below 4G (18446744073709551615: no hint)")]
    [LessThan(0x1_0000_0000, When = "mem-reserve", Message = "PCI resource reserve cap: mem-reserve must be less than 4G")]
    public ulong MemReserve { get; set; } = NoReservation;

    [ConfigOption("pref32-reserve", IsSize = true, Description = "32-bit prefetchable memory firmware reserves, below 4G (18446744073709551615: no hint)")]
    [LessThan(0x1_0000_0000, When = "pref32-reserve", Message = "PCI resource reserve cap: pref32-reserve  must be less than 4G")]
    public ulong Pref32Reserve { get; set; } = NoReservation;

    [ConfigOption("pref64-reserve", IsSize = true, Description = "64-bit prefetchable memory firmware reserves (18446744073709551615: no hint)")]
    public ulong Pref64Reserve { get; set; } = NoReservation;

    /// <summary>Firmware gets a resource-reserve capability when any reservation is asked for.</summary>
    private bool ReservesResources => BusReserve != uint.MaxValue || IoReserve is not (null or NoReservation) || MemReserve != NoReservation
        || Pref32Reserve != NoReservation || Pref64Reserve != NoReservation;

    private bool HasAcs => !DisableAcs;

    private static MsixExclusiveBar Msix => MsixExclusiveBar.For(1, 0);

    /// <inheritdoc/>
    protected override PciIdentity Identity => new(RedHatVendor, 0x000c, 0, PciIdentity.ClassCodeOf(0x0604));

    /// <summary>QEMU (gen_rp_realize): a port that reserves no I/O (<c>io-reserve=0</c>) has no programmable I/O window.</summary>
    protected override bool HasIoWindow => IoReserve != 0;

    /// <summary>BAR0 holds only the MSI-X table and PBA.</summary>
    protected override void DeclareBars(List<BarDeclaration> bars) => bars.Add(Msix.Bar);

    /// <summary>Bridge subsystem IDs: the port's vendor, subsystem 0.</summary>
    private SubsystemVendorCapability CreateSubsystemVendor() => new(RedHatVendor, 0);

    /// <summary>One MSI-X vector (AER and hot-plug events).</summary>
    private MsixCapability CreateMsix() => Msix.Capability;

    /// <summary>The root port's PCIe capability: its slot (native hot-plug only while ACPI does not own it) and link.</summary>
    private PciExpressCapability CreateExpress() => PciExpressCapability.RootPort(PortNumber,
        new PciExpressSlot(Slot, HotPlug: Hotplug && NativeHotplug, PowerController: PowerControllerPresent), PcieExtcapInit, new PciExpressLink(Speed, Width));

    /// <summary>QEMU's resource-reserve hint; memory fields are 32 bits wide.</summary>
    private ResourceReserveCapability CreateResourceReserve() =>
        new(BusReserve, IoReserve ?? NoReservation, (uint)MemReserve, (uint)Pref32Reserve, Pref64Reserve);

    /// <summary>AER with root error registers; multiple header recording with a header log.</summary>
    private AerCapability CreateAer() => new(multipleHeaderRecording: AerLogMax > 0, rootPort: true);

    /// <summary>ACS with a downstream port's controls.</summary>
    private AcsCapability CreateAcs() => AcsCapability.DownstreamPort();
}
