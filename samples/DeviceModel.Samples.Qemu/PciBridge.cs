using System.Collections.Generic;
using DeviceModel.Pci;

namespace DeviceModel.Samples.Qemu;

/// <summary>
/// QEMU's <c>pci-bridge</c> (1b36:0001): a conventional PCI-to-PCI bridge with a standard hot-plug controller, on
/// i440fx and q35 alike. Devices sit behind it with <c>bus=ID</c>, in slots 0 to 31. Options, compat history and
/// capability chain as QEMU 7.2 has them: SHPC at 0x40 with its registers in a 64-bit memory BAR0 of 256 bytes, slot
/// identification (the bridge's chassis), one MSI vector for the hot-plug controller, QEMU's resource-reserve hint
/// when a reservation is asked for.
/// </summary>
[Device("pci-bridge", Description = "Standard PCI bridge")]
[PciCapability(nameof(CreateShpc), When = nameof(Shpc), Length = ShpcCapability.Size)]
[PciCapability(nameof(CreateSlotId), Length = SlotIdentificationCapability.Size)]
[PciCapability(nameof(CreateMsi), When = nameof(HasMsi), Length = 24)]
[PciCapability(nameof(CreateResourceReserve), When = nameof(ReservesResources), Length = ResourceReserveCapability.Size)]
[CompatHint("2.4", false, Option = "x-pcie-lnksta-dllla")]   // QEMU's TYPE_PCI_DEVICE history (see QemuPciDevice)
[CompatHint("2.9", false, Option = "x-pcie-extcap-init")]
// QEMU 7.2's refusals (pci_bridge_dev_realize, pci_bridge_qemu_reserve_cap_init), in its order and words: the chassis
// first, then the reservations (pref32-reserve's message with its double space).
[MutuallyExclusive("pref32-reserve", "pref64-reserve", Message = "PCI resource reserve cap: PREF32 and PREF64 conflict")]
// MSI serves the hot-plug controller only: without SHPC QEMU turns it off, even when asked for.
[ForceOption("msi", 2, When = "!shpc")]
public sealed partial class PciBridge : PciToPciBridge
{
    private const ushort RedHatVendor = 0x1b36;
    private const ulong NoReservation = ulong.MaxValue;

    [ConfigOption("chassis_nr", Description = "Chassis number of the bridge (required, greater than 0)")]
    [GreaterThan(0, ValidateOrder = -1, Message = "Bridge chassis not specified. Each bridge is required to be assigned a unique chassis id > 0.")]
    public byte ChassisNr { get; set; }

    /// <summary>QEMU 2.9 machines had the hot-plug controller off by default; 2.10 turned it back on.</summary>
    [ConfigOption("shpc", Description = "Standard hot-plug controller")]
    [CompatHint("2.9", true)]
    [CompatHint("2.10", false)]
    public bool Shpc { get; set; } = true;

    /// <summary>MSI serves the hot-plug controller only: without SHPC QEMU turns it off.</summary>
    [ConfigOption("msi", Description = "MSI for the hot-plug controller (on/off/auto)")]
    public OnOffAuto Msi { get; set; } = OnOffAuto.Auto;

    [ConfigOption("bus-reserve", Description = "Secondary buses firmware reserves (4294967295: no hint)")]
    public uint BusReserve { get; set; } = uint.MaxValue;

    [ConfigOption("io-reserve", IsSize = true, Description = "I/O space firmware reserves (18446744073709551615: no hint)")]
    public ulong IoReserve { get; set; } = NoReservation;

    [ConfigOption("mem-reserve", IsSize = true, Description = "Non-prefetchable memory firmware reserves, below 4G (18446744073709551615: no hint)")]
    [LessThan(0x1_0000_0000, When = "mem-reserve", Message = "PCI resource reserve cap: mem-reserve must be less than 4G")]
    public ulong MemReserve { get; set; } = NoReservation;

    [ConfigOption("pref32-reserve", IsSize = true, Description = "32-bit prefetchable memory firmware reserves, below 4G (18446744073709551615: no hint)")]
    [LessThan(0x1_0000_0000, When = "pref32-reserve", Message = "PCI resource reserve cap: pref32-reserve  must be less than 4G")]
    public ulong Pref32Reserve { get; set; } = NoReservation;

    [ConfigOption("pref64-reserve", IsSize = true, Description = "64-bit prefetchable memory firmware reserves (18446744073709551615: no hint)")]
    public ulong Pref64Reserve { get; set; } = NoReservation;

    /// <summary>Firmware gets a resource-reserve capability when any reservation is asked for.</summary>
    private bool ReservesResources => BusReserve != uint.MaxValue || IoReserve != NoReservation || MemReserve != NoReservation
        || Pref32Reserve != NoReservation || Pref64Reserve != NoReservation;

    /// <summary>Auto is on: the PC machines' interrupt controllers deliver MSI.</summary>
    private bool HasMsi => Msi != OnOffAuto.Off;

    /// <inheritdoc/>
    protected override PciIdentity Identity => new(RedHatVendor, 0x0001, 0, PciIdentity.ClassCodeOf(0x0604));

    /// <summary>The hot-plug controller raises INTA#; without it the bridge has no interrupt.</summary>
    protected override byte InterruptPin => Shpc ? (byte)1 : (byte)0;

    /// <summary>BAR0 maps the hot-plug controller's registers.</summary>
    protected override void DeclareBars(List<BarDeclaration> bars)
    {
        if (Shpc) bars.Add(BarDeclaration.Memory64(0, 0x100));
    }

    private static ShpcCapability CreateShpc() => new();

    /// <summary>Each bridge is its own chassis; it provides no expansion slots of its own.</summary>
    private SlotIdentificationCapability CreateSlotId() => new(ChassisNr);

    /// <summary>One vector, 64-bit, maskable.</summary>
    private static MsiCapability CreateMsi() => new(1, address64: true, perVectorMask: true);

    /// <summary>QEMU's resource-reserve hint; memory fields are 32 bits wide.</summary>
    private ResourceReserveCapability CreateResourceReserve() => new(BusReserve, IoReserve, (uint)MemReserve, (uint)Pref32Reserve, Pref64Reserve);
}
