using System.Collections.Generic;
using DeviceModel.Pci;

namespace DeviceModel.Samples.Qemu;

/// <summary>
/// QEMU's <c>e1000</c>: an Intel 82540EM gigabit NIC, a conventional PCI function (no capabilities, even behind a
/// PCI Express port). Options and compat history as QEMU 7.2 has them.
/// </summary>
[Device("e1000", Description = "Intel Gigabit Ethernet")]
public sealed partial class E1000 : QemuPciDevice
{
    /// <inheritdoc/>
    [CompatHint("1.5", "pxe-e1000.rom")]
    public override string? RomFile { get; set; } = "efi-e1000.rom";

    /// <summary><c>mac</c>, <c>netdev</c> and <c>bootindex</c>.</summary>
    [IncludeOptions]
    public NicOptions Nic { get; } = new();

    [ConfigOption("autonegotiation", Description = "Link auto-negotiation")]
    public bool Autonegotiation { get; set; } = true;

    [ConfigOption("mitigation", Description = "Interrupt mitigation timers")]
    [CompatHint("1.7", false)]
    public bool Mitigation { get; set; } = true;

    [ConfigOption("extra_mac_registers", Description = "Implement the extra MAC statistics and control registers")]
    [CompatHint("2.5", false)]
    public bool ExtraMacRegisters { get; set; } = true;

    [ConfigOption("migrate_tso_props", Description = "Migrate the TSO offload context")]
    [CompatHint("2.12", false)]
    public bool MigrateTsoProps { get; set; } = true;

    [ConfigOption("init-vet", Description = "Initialise the VLAN Ether Type register to 0x8100")]
    [CompatHint("6.1", false)]
    public bool InitVet { get; set; } = true;

    /// <inheritdoc/>
    protected override PciIdentity Identity => new(0x8086, 0x100e, 3, PciIdentity.ClassCodeOf(0x0200), PciIdentity.RedHatQumranetVendor, PciIdentity.QemuSubsystemId);

    /// <summary>A conventional PCI device: no PCI Express personality behind a port either.</summary>
    protected override bool IsExpressFunction => false;

    /// <summary>BAR0: the 128 KiB register window; BAR1: the I/O window onto it.</summary>
    protected override void DeclareBars(List<BarDeclaration> bars)
    {
        bars.Add(BarDeclaration.Memory32(0, 0x20000));
        bars.Add(BarDeclaration.Io(1, 0x40));
    }
}
