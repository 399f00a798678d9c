using System.Collections.Generic;
using DeviceModel.Pci;

namespace DeviceModel.Samples.Qemu;

/// <summary>
/// QEMU's <c>e1000e</c>: an Intel 82574L gigabit NIC, a PCI Express function on every bus (on i440fx its extended
/// capabilities exist but no ECAM reaches them). Options, compat history and layout as QEMU 7.2 has them: MSI-X at
/// 0xa0 (5 vectors in BAR3), a version 1 PCIe endpoint capability at 0xe0 (an integrated endpoint on q35's root bus),
/// MSI at 0xd0, PM at 0xc8; AER at 0x100 and the MAC-derived device serial number at 0x140.
/// </summary>
[Device("e1000e", Description = "Intel 82574L GbE Controller")]
[PciCapability(nameof(CreateMsix), Offset = 0xa0, Length = MsixCapability.Size)]
[PciCapability(nameof(CreateExpress), Offset = 0xe0, Length = PciExpressCapability.Version1Size)]
[PciCapability(nameof(CreateMsi), Offset = 0xd0, Length = 0x0e)]
[PciCapability(nameof(CreatePowerManagement), Offset = 0xc8, Length = PowerManagementCapability.Size)]
[PciExtendedCapability(nameof(CreateAer), Offset = 0x100, Length = AerCapability.SizeWithoutPrefixLogTail)]
[PciExtendedCapability(nameof(CreateSerialNumber), Offset = 0x140, Length = DeviceSerialNumberCapability.Size)]
public sealed partial class E1000E : QemuPciDevice
{
    private const ushort IntelVendor = 0x8086;
    private const int MsixVectors = 5;
    private const int MsixBar = 3;

    /// <inheritdoc/>
    public override string? RomFile { get; set; } = "efi-e1000e.rom";

    /// <summary><c>mac</c>, <c>netdev</c> and <c>bootindex</c>.</summary>
    [IncludeOptions]
    public NicOptions Nic { get; } = new();

    [ConfigOption("disable_vnet_hdr", HostOnly = true, Description = "Do not use virtio headers, perform SW offloads emulation instead")]
    public byte DisableVnetHdr { get; set; }

    [ConfigOption("init-vet", Description = "Initialise the VLAN Ether Type register to 0x8100")]
    [CompatHint("6.1", false)]
    public bool InitVet { get; set; } = true;

    [ConfigOption("subsys_ven", Description = "PCI device Subsystem Vendor ID")]
    public ushort SubsystemVendor { get; set; } = IntelVendor;

    [ConfigOption("subsys", Description = "PCI device Subsystem ID")]
    public ushort Subsystem { get; set; }

    /// <inheritdoc/>
    protected override PciIdentity Identity => new(IntelVendor, 0x10d3, 0, PciIdentity.ClassCodeOf(0x0200), SubsystemVendor, Subsystem);

    /// <summary>A PCI Express device type: express on every bus (QEMU's <c>INTERFACE_PCIE_DEVICE</c>).</summary>
    protected override bool IsExpressFunction => true;

    /// <summary>BAR0: registers; BAR1: flash; BAR2: the I/O window; BAR3: the MSI-X table and PBA.</summary>
    protected override void DeclareBars(List<BarDeclaration> bars)
    {
        bars.Add(BarDeclaration.Memory32(0, 0x20000));
        bars.Add(BarDeclaration.Memory32(1, 0x20000));
        bars.Add(BarDeclaration.Io(2, 0x20));
        bars.Add(BarDeclaration.Memory32(MsixBar, 0x4000));
    }

    /// <summary>Five vectors: the table at BAR3 + 0, the PBA at + 0x2000.</summary>
    private MsixCapability CreateMsix() => new(MsixVectors, MsixBar, 0, MsixBar, 0x2000);

    /// <summary>Version 1 endpoint; an integrated endpoint on a PCI Express root bus.</summary>
    private PciExpressCapability CreateExpress() => PciExpressCapability.EndpointVersion1(Realizing.Bus == BusKind.ExpressRoot);

    /// <summary>One vector, 64-bit address, no per-vector masking.</summary>
    private MsiCapability CreateMsi() => new(1, address64: true, perVectorMask: false);

    /// <summary>PM 1.1 with device-specific initialisation; PME_En, Data_Select writable.</summary>
    private PowerManagementCapability CreatePowerManagement() => PowerManagementCapability.WithPme(0x0022);

    /// <summary>AER without a header log; QEMU lays the serial number over the last 8 bytes of its TLP prefix log.</summary>
    private AerCapability CreateAer() => new(length: AerCapability.SizeWithoutPrefixLogTail);

    /// <summary>QEMU's <c>e1000e_gen_dsn</c>: the MAC's two halves around ff:ff.</summary>
    private DeviceSerialNumberCapability CreateSerialNumber()
    {
        ulong mac = Nic.Mac?.Value ?? 0;
        return new(mac & 0xff_ffffUL | 0xffffUL << 24 | (mac >> 24 & 0xff_ffffUL) << 40);
    }
}
