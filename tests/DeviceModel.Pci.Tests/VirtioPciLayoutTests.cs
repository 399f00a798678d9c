namespace DeviceModel.Pci.Tests;

/// <summary>The virtio-pci building blocks: identities, BAR sizes and QEMU's refusals (the capability order is the device's: see DeviceModel.Conformance.Tests).</summary>
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

    [Theory]
    [InlineData("neither", "neither modern nor legacy")]
    [InlineData("iommu", "VIRTIO_F_IOMMU_PLATFORM")]
    [InlineData("modern-only type", "modern-only")]
    [InlineData("no transitional id", "no transitional PCI device ID")]
    public void Combinations_qemu_refuses_are_refused_with_a_clear_message(string what, string message)
    {
        var options = new VirtioPciOptions { DeviceType = 2 };
        options = what switch
        {
            "neither" => options with { Legacy = false, Modern = false },
            "iommu" => options with { IommuPlatform = true },
            "modern-only type" => options with { LegacyAllowed = false },
            _ => options with { DeviceType = 16 },
        };
        PciConfigurationException error = Assert.Throws<PciConfigurationException>(() => VirtioPciLayout.Validate(options));
        Assert.Contains(message, error.Message);
    }
}
