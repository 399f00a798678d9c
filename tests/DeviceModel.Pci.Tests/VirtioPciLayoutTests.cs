using System.Linq;

namespace DeviceModel.Pci.Tests;

/// <summary>The virtio-pci layout steps: identities, BAR sizes, capability order and QEMU's refusals.</summary>
public sealed class VirtioPciLayoutTests
{
    [Theory]
    [InlineData(1, 0x1000, 0x0200)]
    [InlineData(2, 0x1001, 0x0100)]
    [InlineData(5, 0x1002, 0x00ff)]
    [InlineData(3, 0x1003, 0x0780)]
    [InlineData(8, 0x1004, 0x0100)]
    [InlineData(4, 0x1005, 0x00ff)]
    public void Transitional_devices_use_the_transitional_id_revision_0_and_the_virtio_type_as_subsystem(ushort type, ushort deviceId, ushort classId)
    {
        PciIdentity identity = VirtioPciLayout.Identity(new VirtioPciOptions { DeviceType = type });
        Assert.Equal(new PciIdentity(0x1af4, deviceId, 0, (uint)classId << 8, 0x1af4, type), identity);
    }

    [Fact]
    public void Modern_only_devices_use_0x1040_plus_type_revision_1_and_qemus_subsystem()
    {
        PciIdentity identity = VirtioPciLayout.Identity(new VirtioPciOptions { DeviceType = 2, Legacy = false });
        Assert.Equal(new PciIdentity(0x1af4, 0x1042, 1, 0x010000, 0x1af4, 0x1100), identity);
    }

    [Theory]
    [InlineData(false, 0x4000ul, 4u)]
    [InlineData(true, 0x80_0000ul, 0x1000u)]
    public void Page_per_vq_decides_the_notify_multiplier_and_bar4(bool pagePerVq, ulong bar4, uint multiplier)
    {
        Assert.Equal(bar4, VirtioPciLayout.ModernMemoryBarSize(pagePerVq));
        Assert.Equal(multiplier, VirtioPciLayout.NotifyOffsetMultiplier(pagePerVq));
    }

    [Theory]
    [InlineData(true, 8, 0x20u)]
    [InlineData(false, 8, 0x20u)]
    [InlineData(true, 10, 0x40u)]
    [InlineData(false, 10, 0x20u)]
    [InlineData(true, 57, 0x80u)]
    [InlineData(true, 36, 0x40u)]
    public void The_legacy_bar_holds_the_header_and_the_device_config(bool msix, int configLength, uint size) =>
        Assert.Equal(size, VirtioPciLayout.LegacyIoBarSize(msix, configLength));

    [Fact]
    public void Capabilities_come_in_qemus_order_with_msix_last()
    {
        PciFunctionLayout layout = VirtioPciLayout.Create(new VirtioPciOptions { DeviceType = 1, Vectors = 3, ModernPioNotify = true, Bus = BusKind.ExpressPort, Legacy = false });
        Assert.Equal(new[] { "PCIe", "PM", "virtio-common", "virtio-isr", "virtio-device", "virtio-notify", "virtio-notify-pio", "virtio-pci-cfg", "MSI-X" },
            layout.Capabilities.Select(c => c.Capability.Name));
        Assert.Equal(new[] { 2, 4, 1 }, layout.Bars.Select(b => b.Index));
    }

    [Fact]
    public void A_conventional_bus_or_legacy_only_never_gets_the_express_personality()
    {
        Assert.False(VirtioPciLayout.Create(new VirtioPciOptions { DeviceType = 1, Bus = BusKind.ExpressRoot }).Express);
        Assert.False(VirtioPciLayout.Create(new VirtioPciOptions { DeviceType = 1, Bus = BusKind.ExpressPort, Modern = false }).Express);
        Assert.False(VirtioPciLayout.Create(new VirtioPciOptions { DeviceType = 1, Bus = BusKind.ExpressPort, DisablePcie = true }).Express);
        Assert.True(VirtioPciLayout.Create(new VirtioPciOptions { DeviceType = 1, Bus = BusKind.ExpressPort }).Express);
    }

    [Fact]
    public void Ats_alone_sits_at_0x100_and_after_aer_at_0x148()
    {
        var options = new VirtioPciOptions { DeviceType = 1, Legacy = false, Bus = BusKind.ExpressPort, Ats = true };
        Assert.Equal(0x100, VirtioPciLayout.Create(options).Realize().ExtendedCapabilities.Single().Offset);
        Assert.Equal(new[] { 0x100, 0x148 }, VirtioPciLayout.Create(options with { Aer = true }).Realize().ExtendedCapabilities.Select(c => c.Offset));
    }

    [Fact]
    public void Msix_is_dropped_like_qemu_when_msix_init_rejects_the_vector_count()
    {
        PciFunctionLayout layout = VirtioPciLayout.Create(new VirtioPciOptions { DeviceType = 1, Vectors = 4096, Modern = false, DeviceConfigLength = 8 });
        Assert.DoesNotContain(layout.Capabilities, c => c.Capability is MsixCapability);
        Assert.Equal(0x20ul, layout.Bars.Single().Size);
    }

    [Theory]
    [InlineData("neither", "neither modern nor legacy")]
    [InlineData("scsi", "scsi")]
    [InlineData("iommu", "VIRTIO_F_IOMMU_PLATFORM")]
    [InlineData("modern-only type", "modern-only")]
    [InlineData("no transitional id", "no transitional PCI device ID")]
    public void Combinations_qemu_refuses_are_refused_with_a_clear_message(string what, string message)
    {
        var options = new VirtioPciOptions { DeviceType = 2 };
        options = what switch
        {
            "neither" => options with { Legacy = false, Modern = false },
            "scsi" => options with { LegacyOnlyFeatures = ["scsi"] },
            "iommu" => options with { IommuPlatform = true },
            "modern-only type" => options with { LegacyAllowed = false },
            _ => options with { DeviceType = 16 },
        };
        PciConfigurationException error = Assert.Throws<PciConfigurationException>(() => VirtioPciLayout.Create(options));
        Assert.Contains(message, error.Message);
    }
}
