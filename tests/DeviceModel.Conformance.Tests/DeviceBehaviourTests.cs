using System.Collections.Immutable;
using System.Linq;
using DeviceModel.Pci;
using DeviceModel.Samples.Qemu;
using DeviceModel.Config;
using DeviceModel.Compat;

namespace DeviceModel.Conformance.Tests;

/// <summary>
/// Behaviours of the sample devices that the recorded variants do not pin down on their own: declaration order,
/// QEMU's refusals outside the recorded combinations, value spellings and the realize-time rules.
/// </summary>
public sealed class DeviceBehaviourTests
{
    private static ResolvedMachine Resolve(string machine, params string[] devices)
    {
        var list = ImmutableArray.CreateBuilder<Device>();
        foreach (string text in devices) list.Add(KeyvalParser.ParseDevice(text, QemuCatalog.Catalog).GetValueOrThrow());
        return CompatResolver.Resolve(new MachineConfig(machine, null, null, list.ToImmutable()), QemuCatalog.Catalog).GetValueOrThrow();
    }

    private static (PciDevice Device, RealizeContext Context) Last(ResolvedMachine resolved) => ((PciDevice)resolved.Devices[^1].Device, resolved.Devices[^1].Context);

    private static RealizedPciFunction Realize(string machine, params string[] devices)
    {
        (PciDevice device, RealizeContext context) = Last(Resolve(machine, devices));
        return device.Realize(context);
    }

    private const string Port = "pcie-root-port,id=rp0,chassis=1,addr=04.0";

    [Fact]
    public void Virtio_capabilities_are_declared_in_qemus_order_with_msix_last()
    {
        (PciDevice device, RealizeContext context) = Last(Resolve("q35", Port, "virtio-net-pci,id=n0,bus=rp0,vectors=3,modern-pio-notify=on"));
        PciFunctionLayout layout = device.CreateLayout(context);
        Assert.Equal(["PCIe", "PM", "virtio-common", "virtio-isr", "virtio-device", "virtio-notify", "virtio-notify-pio", "virtio-pci-cfg", "MSI-X"],
            layout.Capabilities.Select(c => c.Capability.Name));
        Assert.Equal([2, 4, 1], layout.Bars.Select(b => b.Index));
    }

    [Theory]
    [InlineData("pc", "virtio-net-pci,id=n0", 256)]
    [InlineData("q35", "virtio-net-pci,id=n0", 256)]
    [InlineData("q35", "virtio-net-pci,id=n0,bus=rp0,disable-legacy=off,disable-modern=on", 256)]
    [InlineData("q35", "virtio-net-pci,id=n0,bus=rp0,x-disable-pcie=on", 256)]
    [InlineData("q35", "virtio-net-pci,id=n0,bus=rp0", 4096)]
    [InlineData("q35", "e1000,id=e0,bus=rp0", 256)]
    [InlineData("pc", "pcie-root-port,id=rp1,chassis=2", 4096)]
    public void Only_a_modern_express_endpoint_behind_a_port_or_a_port_itself_gets_4_KiB(string machine, string device, int size) =>
        Assert.Equal(size, Realize(machine, machine == "q35" ? [Port, device] : [device]).Config.Size);

    [Fact]
    public void Ats_alone_sits_at_0x100_and_after_aer_at_0x148()
    {
        Assert.Equal([0x100], Realize("q35", Port, "virtio-net-pci,id=n0,bus=rp0,ats=on").ExtendedCapabilities.Select(c => c.Offset));
        Assert.Equal([0x100, 0x148], Realize("q35", Port, "virtio-net-pci,id=n0,bus=rp0,ats=on,aer=on").ExtendedCapabilities.Select(c => c.Offset));
    }

    [Fact]
    public void Msix_is_dropped_like_qemu_when_msix_init_rejects_the_vector_count()
    {
        (PciDevice device, RealizeContext context) = Last(Resolve("pc", "virtio-net-pci,id=n0,disable-modern=on,vectors=4096"));
        PciFunctionLayout layout = device.CreateLayout(context);
        Assert.DoesNotContain(layout.Capabilities, c => c.Capability is MsixCapability);
        Assert.Equal(0x20ul, layout.Bars.Single().Size);
    }

    [Theory]
    [InlineData("virtio-net-pci,id=d,disable-legacy=on,disable-modern=on", "neither modern nor legacy")]
    [InlineData("virtio-blk-pci,id=d,scsi=on,disable-modern=off", "scsi")]
    [InlineData("virtio-net-pci,id=d,iommu_platform=on,disable-legacy=off", "VIRTIO_F_IOMMU_PLATFORM")]
    [InlineData("pcie-root-port,id=d,pref32-reserve=1M,pref64-reserve=1G", "conflict")]
    [InlineData("pcie-root-port,id=d,mem-reserve=4G", "less than 4G")]
    [InlineData("pcie-root-port,id=d,pref32-reserve=8G", "less than 4G")]
    public void Combinations_qemu_refuses_are_refused_with_a_clear_message(string device, string message)
    {
        (PciDevice pci, RealizeContext context) = Last(Resolve("pc", device));
        PciConfigurationException error = Assert.Throws<PciConfigurationException>(() => pci.Realize(context));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Aer_log_max_beyond_qemus_limit_is_an_option_error()
    {
        ParseResult<Device> parsed = KeyvalParser.ParseDevice("pcie-root-port,id=rp0,aer_log_max=129", QemuCatalog.Catalog);
        Assert.False(parsed.Succeeded);
        Assert.Contains(parsed.Errors, e => e.Option == "aer_log_max");
    }

    [Fact]
    public void Link_speeds_and_widths_are_spelt_as_qemu_spells_them()
    {
        Device port = KeyvalParser.ParseDevice("pcie-root-port,id=rp0,x-speed=2_5,x-width=12", QemuCatalog.Catalog).GetValueOrThrow();
        Assert.Equal("2_5", port.GetOption("x-speed").ToString());
        Assert.Equal("12", port.GetOption("x-width").ToString());
        Assert.Equal(["2_5", "5", "8", "16"], port.Info.Options[port.Info.IndexOf("x-speed")].EnumNames.ToArray());
        ParseResult<Device> bad = KeyvalParser.ParseDevice("pcie-root-port,id=rp0,x-speed=2.5", QemuCatalog.Catalog);
        Assert.False(bad.Succeeded);
        Assert.Contains("2_5, 5, 8, 16", bad.Errors[0].ToString());
        Assert.Contains("x-speed=2_5", port.ToKeyval());
    }

    [Theory]
    [InlineData("pc-q35-6.1", "", 0x1000ul)]
    [InlineData("pc-q35-6.1", ",hotplug=off", ulong.MaxValue)]
    [InlineData("pc-q35-6.2", "", ulong.MaxValue)]
    [InlineData("pc-q35-7.2", ",x-native-hotplug=off", 0x1000ul)]
    public void Io_reserve_is_decided_at_realize_from_acpi_hot_plug(string machine, string options, ulong io)
    {
        ResolvedMachine resolved = Resolve(machine, "pcie-root-port,id=rp0,chassis=1" + options);
        Device port = resolved.Devices[0].Device;
        Assert.Equal(io, port.GetOption("io-reserve").Bits);
        Assert.Equal(OptionSource.Auto, port.SourceOf(port.Info.IndexOf("io-reserve")));
    }

    [Fact]
    public void Virtio_blk_without_virtio_1_reports_any_layout_off_as_decided_at_realize()
    {
        Device legacy = Resolve("pc", "virtio-blk-pci,id=b0,disable-modern=on,disable-legacy=off,any_layout=on").Devices[0].Device;
        Assert.False(legacy.GetOption("any_layout").Bool);
        Assert.Equal(OptionSource.Auto, legacy.SourceOf(legacy.Info.IndexOf("any_layout")));
        Device modern = Resolve("pc", "virtio-blk-pci,id=b0").Devices[0].Device;
        Assert.True(modern.GetOption("any_layout").Bool);
        Assert.Equal(OptionSource.Default, modern.SourceOf(modern.Info.IndexOf("any_layout")));
    }

    [Fact]
    public void Nics_without_a_mac_get_qemus_default_addresses_in_order()
    {
        ResolvedMachine resolved = Resolve("pc", "e1000,id=e0", "virtio-net-pci,id=n0", "e1000,id=e1,mac=52:54:00:12:34:58", "e1000,id=e2");
        Assert.Equal(["52:54:00:12:34:56", "52:54:00:12:34:57", "52:54:00:12:34:58", "52:54:00:12:34:59"],
            resolved.Devices.Select(d => d.Device.GetOption("mac").ToString()));
    }
}
