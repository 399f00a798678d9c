using System;
using DeviceModel.Virtio;

namespace DeviceModel.Pci.Tests.Virtio;

/// <summary>
/// The virtio-pci register semantics <see cref="VirtioPciRegisters"/> reproduces, one behaviour per test (each also in
/// the recorded QEMU traces that <see cref="VirtioPciRegistersGoldenTests"/> replays).
/// </summary>
public sealed class VirtioPciRegistersTests
{
    private const int Bar4 = 4, Bar0 = 0;
    private const ulong DriverFeatureSelect = 0x08, DriverFeature = 0x0c, NumQueues = 0x12, Status = 0x14, Generation = 0x15,
        QueueSelect = 0x16, QueueSize = 0x18, QueueVector = 0x1a, QueueEnable = 0x1c, QueueDesc = 0x20, Isr = 0x1000, DeviceConfig = 0x2000;
    private const ulong LegacyGuestFeatures = 0x04, LegacyStatus = 0x12, LegacyConfigVector = 0x14;
    private const byte Acknowledge = 1, Driver = 2, DriverOk = 4, FeaturesOk = 8, NeedsReset = 0x40;

    private static VirtioPciRegisters Net(string options = "") => RegisterGolden.CreateRegisters("pc-i440fx-7.2", "virtio-net-pci,id=n0,addr=03.0" + options);

    private static void Handshake(VirtioPciRegisters registers, ulong features)
    {
        registers.WriteBar(Bar4, Status, 1, Acknowledge);
        registers.WriteBar(Bar4, Status, 1, Acknowledge | Driver);
        registers.WriteBar(Bar4, DriverFeatureSelect, 4, 0);
        registers.WriteBar(Bar4, DriverFeature, 4, (uint)features);
        registers.WriteBar(Bar4, DriverFeatureSelect, 4, 1);
        registers.WriteBar(Bar4, DriverFeature, 4, features >> 32);
        registers.WriteBar(Bar4, Status, 1, Acknowledge | Driver | FeaturesOk);
    }

    [Fact]
    public void Driver_features_that_are_not_offered_are_dropped_and_FEATURES_OK_still_sticks()
    {
        VirtioPciRegisters registers = Net();

        Handshake(registers, ulong.MaxValue);

        Assert.Equal((ulong)(Acknowledge | Driver | FeaturesOk), registers.ReadBar(Bar4, Status, 1));
        Assert.Equal(registers.Abi.HostFeatures, registers.NegotiatedFeatures);
        Assert.Equal(0xffffffffUL, registers.ReadBar(Bar4, DriverFeature, 4));          // the word as written
        Assert.Equal((ulong)registers.Abi.LegacyFeatures, registers.ReadBar(Bar0, LegacyGuestFeatures, 4)); // negotiated
    }

    [Fact]
    public void Driver_features_written_after_FEATURES_OK_are_kept_as_words_but_not_negotiated()
    {
        VirtioPciRegisters registers = Net();
        Handshake(registers, 1UL << VirtioTransportFeature.Version1);

        registers.WriteBar(Bar4, DriverFeature, 4, 3);

        Assert.Equal(3UL, registers.ReadBar(Bar4, DriverFeature, 4));
        Assert.Equal(1UL << VirtioTransportFeature.Version1, registers.NegotiatedFeatures);
    }

    [Fact]
    public void FEATURES_OK_is_refused_while_ACCESS_PLATFORM_is_offered_and_not_accepted()
    {
        VirtioPciRegisters registers = Net(",disable-legacy=on,iommu_platform=on");

        Handshake(registers, 1UL << VirtioTransportFeature.Version1);
        Assert.Equal((ulong)(Acknowledge | Driver), registers.ReadBar(Bar4, Status, 1));   // the whole write was dropped

        Handshake(registers, (1UL << VirtioTransportFeature.Version1) | (1UL << VirtioTransportFeature.AccessPlatform));
        Assert.Equal((ulong)(Acknowledge | Driver | FeaturesOk), registers.ReadBar(Bar4, Status, 1));
    }

    [Fact]
    public void A_FEATURES_OK_refused_from_status_0_resets_the_device()
    {
        VirtioPciRegisters registers = Net(",disable-legacy=on,iommu_platform=on");
        registers.WriteBar(Bar4, DriverFeatureSelect, 4, 1);
        registers.WriteBar(Bar4, DriverFeature, 4, 1);
        registers.WriteBar(Bar4, QueueSize, 2, 100);

        registers.WriteBar(Bar4, Status, 1, FeaturesOk);

        Assert.Equal(0UL, registers.ReadBar(Bar4, Status, 1));
        Assert.Equal(256UL, registers.ReadBar(Bar4, QueueSize, 2));
    }

    [Fact]
    public void Writing_0_to_device_status_resets_features_queues_and_vectors_but_keeps_the_feature_words()
    {
        VirtioPciRegisters registers = Net();
        Handshake(registers, 1UL << VirtioTransportFeature.Version1);
        registers.WriteBar(Bar4, QueueSelect, 2, 1);
        registers.WriteBar(Bar4, QueueSize, 2, 64);
        registers.WriteBar(Bar4, QueueVector, 2, 2);
        registers.WriteBar(Bar4, QueueDesc, 4, 0x1000);

        registers.WriteBar(Bar4, Status, 1, 0);

        Assert.Equal(0UL, registers.NegotiatedFeatures);
        Assert.Equal(0UL, registers.ReadBar(Bar4, QueueSelect, 2));
        registers.WriteBar(Bar4, QueueSelect, 2, 1);
        Assert.Equal(256UL, registers.ReadBar(Bar4, QueueSize, 2));
        Assert.Equal(0xffffUL, registers.ReadBar(Bar4, QueueVector, 2));
        Assert.Equal(0UL, registers.ReadBar(Bar4, QueueDesc, 4));
        Assert.Equal(1UL, registers.ReadBar(Bar4, DriverFeatureSelect, 4));
        Assert.Equal(1UL, registers.ReadBar(Bar4, DriverFeature, 4));
    }

    [Theory]
    [InlineData(100, 100)]
    [InlineData(1, 1)]
    [InlineData(1024, 1024)]
    [InlineData(1025, 256)]
    [InlineData(0, 256)]
    public void Queue_size_takes_1_to_1024_without_a_power_of_two_rule(ulong written, ulong read)
    {
        VirtioPciRegisters registers = Net();

        registers.WriteBar(Bar4, QueueSize, 2, written);

        Assert.Equal(read, registers.ReadBar(Bar4, QueueSize, 2));
        Assert.Equal(3UL, registers.ReadBar(Bar4, NumQueues, 2));
    }

    [Fact]
    public void A_queue_enable_other_than_1_sets_NEEDS_RESET_and_raises_a_config_change_the_ISR_read_clears()
    {
        VirtioPciRegisters registers = Net();
        Handshake(registers, 1UL << VirtioTransportFeature.Version1);
        registers.WriteBar(Bar4, Status, 1, Acknowledge | Driver | FeaturesOk | DriverOk);

        registers.WriteBar(Bar4, QueueEnable, 2, 0);

        Assert.Equal((ulong)(Acknowledge | Driver | FeaturesOk | DriverOk | NeedsReset), registers.ReadBar(Bar4, Status, 1));
        Assert.Equal(1UL, registers.ReadBar(Bar4, Generation, 1));
        Assert.Equal(3UL, registers.ReadBar(Bar4, Isr, 1));
        Assert.Equal(0UL, registers.ReadBar(Bar4, Isr, 1));
        registers.WriteBar(Bar4, Status, 1, 0);
        Assert.Equal(1UL, registers.ReadBar(Bar4, Generation, 1));   // reset keeps the generation
    }

    [Fact]
    public void Device_config_reads_that_end_past_the_config_return_all_ones_even_where_they_start_inside()
    {
        // virtio-blk's configuration is 57 bytes: an aligned 2-byte read at 56 ends past it.
        VirtioPciRegisters registers = RegisterGolden.CreateRegisters("pc-i440fx-7.2", "virtio-blk-pci,id=b0,addr=03.0,drive=d0");
        Assert.Equal(57, registers.Abi.Config.Length);

        Assert.Equal((ulong)registers.Abi.Config[56], registers.ReadBar(Bar4, DeviceConfig + 56, 1));
        Assert.Equal(0xffffUL, registers.ReadBar(Bar4, DeviceConfig + 56, 2));
        Assert.Equal(0xffffffffUL, registers.ReadBar(Bar4, DeviceConfig + 56, 4));
        Assert.Equal(0xffUL, registers.ReadBar(Bar0, 0x14 + 57, 1));
        // An unaligned read is split first: its piece inside the configuration reads the byte.
        Assert.Equal(0xffff0000UL | registers.Abi.Config[54] | (ulong)registers.Abi.Config[55] << 8, registers.ReadBar(Bar4, DeviceConfig + 54, 4));
    }

    [Fact]
    public void Device_config_writes_are_ignored()
    {
        VirtioPciRegisters registers = Net();
        ulong before = registers.ReadBar(Bar4, DeviceConfig, 4);

        registers.WriteBar(Bar4, DeviceConfig, 4, ~before & 0xffffffff);
        registers.WriteBar(Bar0, 0x14, 4, ~before & 0xffffffff);

        Assert.Equal(before, registers.ReadBar(Bar4, DeviceConfig, 4));
    }

    [Fact]
    public void The_legacy_device_config_starts_at_0x18_while_msix_is_enabled_else_at_0x14()
    {
        VirtioPciRegisters registers = Net();
        ulong config = registers.ReadBar(Bar4, DeviceConfig, 4);
        Assert.Equal(config, registers.ReadBar(Bar0, 0x14, 4));

        registers.MsixEnabled = true;

        Assert.Equal(config, registers.ReadBar(Bar0, 0x18, 4));
        Assert.Equal(0xffffUL, registers.ReadBar(Bar0, LegacyConfigVector, 4));
        registers.WriteBar(Bar0, LegacyConfigVector, 2, 1);
        Assert.Equal(1UL, registers.ReadBar(Bar4, 0x10, 2));
    }

    [Fact]
    public void The_legacy_status_and_a_PFN_of_0_reset_the_device()
    {
        VirtioPciRegisters registers = Net();
        registers.WriteBar(Bar0, LegacyStatus, 1, Acknowledge | Driver);
        registers.WriteBar(Bar0, LegacyGuestFeatures, 4, 0x10000000);
        Assert.Equal(0x10000000UL, registers.NegotiatedFeatures);

        registers.WriteBar(Bar0, 0x08, 4, 0);

        Assert.Equal(0UL, registers.DeviceStatus);
        Assert.Equal(0UL, registers.NegotiatedFeatures);
    }

    [Fact]
    public void A_legacy_driver_acknowledging_BAD_FEATURE_gets_the_offered_part_of_the_fallback_set()
    {
        VirtioPciRegisters net = Net();
        VirtioPciRegisters blk = RegisterGolden.CreateRegisters("pc-i440fx-7.2", "virtio-blk-pci,id=b0,addr=03.0,drive=d0");

        net.WriteBar(Bar0, LegacyGuestFeatures, 4, 0xffffffff);
        blk.WriteBar(Bar0, LegacyGuestFeatures, 4, 0xffffffff);

        // virtio-net falls back to MAC, CSUM, HOST_TSO4/6 and HOST_ECN; without a vnet header only MAC is offered.
        Assert.Equal(0x3821UL, net.Abi.FallbackFeatures);
        Assert.Equal(0x20UL, net.ReadBar(Bar0, LegacyGuestFeatures, 4));
        Assert.Equal(0UL, blk.Abi.FallbackFeatures);
        Assert.Equal(0UL, blk.ReadBar(Bar0, LegacyGuestFeatures, 4));
    }

    [Fact]
    public void Msix_cannot_be_enabled_without_vectors()
    {
        VirtioPciRegisters registers = Net(",vectors=0");

        Assert.Equal(0, registers.MsixVectors);
        Assert.Throws<InvalidOperationException>(() => registers.MsixEnabled = true);
        registers.WriteBar(Bar4, 0x10, 2, 0);
        Assert.Equal(0xffffUL, registers.ReadBar(Bar4, 0x10, 2));   // no vector can be used
    }

    [Fact]
    public void Only_the_bars_of_the_offered_interfaces_and_access_sizes_1_2_4_8_are_accepted()
    {
        VirtioPciRegisters modernOnly = Net(",disable-legacy=on");
        VirtioPciRegisters legacyOnly = Net(",disable-modern=on");

        Assert.Throws<ArgumentOutOfRangeException>(() => modernOnly.ReadBar(Bar0, 0, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => legacyOnly.ReadBar(Bar4, 0, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => modernOnly.ReadBar(1, 0, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => modernOnly.ReadBar(Bar4, 0, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => modernOnly.WriteBar(Bar4, 0, 16, 0));
    }

    [Fact]
    public void The_constructor_refuses_more_vectors_than_msix_has()
    {
        VirtioPciRegisters registers = Net();

        Assert.Throws<ArgumentOutOfRangeException>(() => new VirtioPciRegisters(registers.Abi, 2049));
        Assert.Throws<ArgumentOutOfRangeException>(() => new VirtioPciRegisters(registers.Abi, -1));
        Assert.Equal(4, registers.MsixVectors);
    }
}
