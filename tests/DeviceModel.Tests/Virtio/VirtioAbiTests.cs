using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using DeviceModel.Compat;
using DeviceModel.Config;
using DeviceModel.Pci;
using DeviceModel.Tests.Compat;
using DeviceModel.Virtio;
using Xunit;

namespace DeviceModel.Tests.Virtio;

/// <summary>
/// The virtio declarations' semantics as a product relies on them, through the QEMU sample: expressions, feature
/// conditions and backend inputs, interleaved queue groups, config values (MAC byte order, maps, little-endian integers),
/// and refusals. What QEMU shows for each sample is checked against recordings in the conformance tests.
/// </summary>
public sealed class VirtioAbiTests
{
    private static VirtioDeviceAbi Describe(string device, IReadOnlyDictionary<string, long>? backend = null, string machine = "pc")
    {
        Device parsed = KeyvalParser.ParseDevice(device, TestData.Catalog).GetValueOrThrow();
        ResolvedDevice resolved = CompatResolver.Resolve(new MachineConfig(machine, null, null, ImmutableArray.Create(parsed)), TestData.Catalog).GetValueOrThrow().Devices[0];
        return ((VirtioPciDevice)resolved.Device).DescribeVirtio(resolved.Context, backend is null ? null : new VirtioBackend(backend));
    }

    private static bool Has(ulong features, int bit) => (features >> bit & 1) != 0;

    [Theory]
    [InlineData("1 + 2 * 3", 7)]
    [InlineData("(1 + 2) * 3", 9)]
    [InlineData("10 / 3", 3)]
    [InlineData("10 % 3", 1)]
    [InlineData("7 / 0", 0)]
    [InlineData("0x1ff", 511)]
    [InlineData("-4 + 1", -3)]
    [InlineData("!0", 1)]
    [InlineData("2 > 1 && 1 >= 1 && 1 == 1 && 1 != 2 && 1 < 2 && 2 <= 2", 1)]
    [InlineData("0 || 0", 0)]
    [InlineData("0 ? 5 : 1 ? 6 : 7", 6)]
    [InlineData("log2(4096 / 512)", 3)]
    [InlineData("min(3, max(1, 2))", 2)]
    [InlineData("queue-size - 2", 254)]
    [InlineData("queue-size-2", 9)]
    public void Expressions_evaluate(string text, long value)
    {
        var names = new Dictionary<string, long> { ["queue-size"] = 256, ["queue-size-2"] = 9 };
        Assert.Equal(value, VirtioExpression.Parse(text).Evaluate(n => names[n]));
    }

    [Theory]
    [InlineData("1 +", "expression '1 +', column 4: operand expected at the end")]
    [InlineData("(1", "expression '(1', column 3: ')' expected")]
    [InlineData("1 ? 2", "expression '1 ? 2', column 6: ':' of a conditional expected")]
    [InlineData("sqrt(4)", "expression 'sqrt(4)', column 6: unknown function 'sqrt' (log2, min, max)")]
    [InlineData("1 $ 2", "expression '1 $ 2', column 3: unexpected '$'")]
    [InlineData("99999999999999999999", "expression '99999999999999999999', column 1: integer out of range or malformed")]
    public void Malformed_expressions_are_refused_with_the_column(string text, string message) =>
        Assert.StartsWith(message, Assert.Throws<ArgumentException>(() => VirtioExpression.Parse(text)).Message);

    [Fact]
    public void Expressions_report_the_names_they_read()
    {
        Assert.Equal(new[] { "cyls", "heads", "capacity" }, VirtioExpression.Parse("cyls || heads ? 1 : capacity / 1008").Names);
    }

    [Fact]
    public void Backend_inputs_switch_feature_bits_that_require_them()
    {
        VirtioDeviceAbi none = Describe("virtio-net-pci");
        VirtioDeviceAbi tap = Describe("virtio-net-pci", new Dictionary<string, long> { ["vnet_hdr"] = 1 });
        VirtioDeviceAbi ufo = Describe("virtio-net-pci", new Dictionary<string, long> { ["vnet_hdr"] = 1, ["ufo"] = 1 });
        const int csum = 0, guestUfo = 10;
        Assert.False(Has(none.HostFeatures, csum));
        Assert.True(Has(tap.HostFeatures, csum));
        Assert.False(Has(tap.HostFeatures, guestUfo));
        Assert.True(Has(ufo.HostFeatures, guestUfo));
        Assert.False(Has(Describe("virtio-net-pci,csum=off", new Dictionary<string, long> { ["vnet_hdr"] = 1 }).HostFeatures, csum)); // the option still rules
    }

    [Fact]
    public void Legacy_only_bits_are_offered_on_the_legacy_interface_only()
    {
        VirtioDeviceAbi abi = Describe("virtio-net-pci");
        foreach (int bit in new[] { VirtioTransportFeature.BadFeature, VirtioTransportFeature.NotifyOnEmpty, VirtioTransportFeature.AnyLayout, 6 /* GSO */ })
        {
            Assert.True(Has(abi.LegacyFeatures, bit), "legacy bit " + bit);
            Assert.False(Has(abi.ModernFeatures, bit), "modern bit " + bit);
        }
        Assert.True(Has(abi.ModernFeatures, VirtioTransportFeature.Version1));
        Assert.False(Has(Describe("virtio-net-pci,disable-modern=on,disable-legacy=off").HostFeatures, VirtioTransportFeature.Version1));
    }

    [Fact]
    public void A_queue_group_interleaves_and_counts_from_its_expression()
    {
        Assert.Equal(new ushort[] { 512, 256, 64 }, Describe("virtio-net-pci,rx_queue_size=512").QueueSizes);
        Assert.Equal(new ushort[] { 256, 256, 256, 256, 256, 256, 64 }, Describe("virtio-net-pci,mq=on", new Dictionary<string, long> { ["queue_pairs"] = 3 }).QueueSizes);
        VirtioDeviceAbi serial = Describe("virtio-serial-pci,max_ports=3");
        Assert.Equal(new ushort[] { 128, 128, 32, 32, 128, 128, 128, 128 }, serial.QueueSizes);
        Assert.Equal(new ushort[] { 128, 128, 32, 32 }, Describe("virtio-serial-pci,max_ports=1").QueueSizes);
    }

    [Fact]
    public void Config_values_are_written_in_their_declared_encoding()
    {
        VirtioDeviceAbi net = Describe("virtio-net-pci,mac=52:54:00:ab:cd:ef,speed=1000,duplex=full,mq=on,host_mtu=9000", new Dictionary<string, long> { ["queue_pairs"] = 2 });
        Assert.Equal("525400abcdef" + "0100" + "0200" + "2823" + "e8030000" + "01", net.ConfigHex); // mac, status, pairs, mtu, speed, duplex
        // Fields below the end are filled whether present or not: max_virtqueue_pairs and mtu before speed and duplex.
        Assert.Equal("525400123456" + "0100" + "0100" + "0000" + "64000000" + "ff", Describe("virtio-net-pci,speed=100").ConfigHex); // duplex unknown
        Assert.Equal("525400123456" + "0100" + "0100" + "0000" + "ffffffff" + "00", Describe("virtio-net-pci,duplex=half").ConfigHex); // speed -1
    }

    [Fact]
    public void Config_length_ends_at_the_last_present_field()
    {
        Assert.Equal(8, Describe("virtio-net-pci").Config.Length);     // mac, status
        Assert.Equal(6, Describe("virtio-net-pci,status=off").Config.Length);
        Assert.Equal(10, Describe("virtio-net-pci,status=off,mq=on").Config.Length); // status bytes filled all the same
        Assert.Equal("0100", Describe("virtio-net-pci,status=off,mq=on").ConfigHex[12..16]);
        Assert.Equal(24, Describe("virtio-net-pci,rss=on").Config.Length);
        Assert.Empty(Describe("virtio-rng-pci").Config);
    }

    [Fact]
    public void A_backend_input_the_type_does_not_declare_is_refused()
    {
        var e = Assert.Throws<PciConfigurationException>(() => Describe("virtio-rng-pci", new Dictionary<string, long> { ["capacity"] = 1 }));
        Assert.Equal("virtio-rng-pci has no backend input 'capacity' (it has none)", e.Message);
        e = Assert.Throws<PciConfigurationException>(() => Describe("virtio-net-pci", new Dictionary<string, long> { ["vnethdr"] = 1 }));
        Assert.Equal("virtio-net-pci has no backend input 'vnethdr' (it has vnet_hdr, ufo, queue_pairs)", e.Message);
    }

    [Fact]
    public void Realize_refusals_apply_before_the_abi_is_computed()
    {
        var e = Assert.Throws<PciConfigurationException>(() => Describe("virtio-net-pci,disable-legacy=on,disable-modern=on"));
        Assert.Contains("neither modern nor legacy", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_check_refuses_at_realize_with_the_reference_backend_and_in_DescribeVirtio_with_the_given_one()
    {
        Device parsed = KeyvalParser.ParseDevice("virtio-gpu-pci,blob=on", TestData.Catalog).GetValueOrThrow();
        ResolvedDevice gpu = CompatResolver.Resolve(new MachineConfig("pc", null, null, ImmutableArray.Create(parsed)), TestData.Catalog).GetValueOrThrow().Devices[0];
        Assert.Equal("cannot enable blob resources without udmabuf", Assert.Throws<PciConfigurationException>(() => ((PciDevice)gpu.Device).Realize(gpu.Context)).Message);
        Assert.Equal("cannot enable blob resources without udmabuf", Assert.Throws<PciConfigurationException>(() => Describe("virtio-gpu-pci,blob=on")).Message);
        VirtioDeviceAbi abi = ((VirtioPciDevice)gpu.Device).DescribeVirtio(gpu.Context, new VirtioBackend(new Dictionary<string, long> { ["udmabuf"] = 1 }));
        Assert.True(Has(abi.ModernFeatures, 3)); // VIRTIO_GPU_F_RESOURCE_BLOB
        Assert.Throws<PciConfigurationException>(() => ((PciDevice)gpu.Device).Realize(gpu.Context)); // DescribeVirtio's backend does not stay behind
    }

    [Fact]
    public void Every_virtio_sample_declares_its_queues()
    {
        foreach (DeviceInfo info in TestData.Catalog.Devices.Where(d => d.Create() is VirtioPciDevice))
        {
            string text = info.Name + (info.Name == "virtio-blk-pci" ? ",drive=d0" : "");
            Assert.NotEmpty(Describe(text).QueueSizes);
        }
    }
}
