using System;
using System.Collections.Immutable;
using DeviceModel.Compat;
using DeviceModel.Config;
using DeviceModel.Pci;
using DeviceModel.Samples.Qemu;
using DeviceModel.Tests.Compat;
using Xunit;

namespace DeviceModel.Tests.Rules;

/// <summary>
/// The framework's declarative rules (value constraints, caps, cross-option rules, auto rules, device-config fields), as
/// the QEMU sample declares them and as a product would call them: resolved values, provenance and QEMU's messages.
/// </summary>
public sealed class DeclarativeRuleTests
{
    private static ResolvedMachine Resolve(int? smp, params string[] devices)
    {
        var list = ImmutableArray.CreateBuilder<Device>();
        foreach (string text in devices) list.Add(KeyvalParser.ParseDevice(text, TestData.Catalog).GetValueOrThrow());
        return CompatResolver.Resolve(new MachineConfig("pc", null, smp, list.ToImmutable()), TestData.Catalog).GetValueOrThrow();
    }

    private static ResolvedDevice Only(string device, int? smp = null) => Resolve(smp, device).Devices[^1];

    private static string RealizeError(string device)
    {
        ResolvedDevice resolved = Only(device);
        return Assert.Throws<PciConfigurationException>(() => ((PciDevice)resolved.Device).Realize(resolved.Context)).Message;
    }

    private static void Realizes(string device)
    {
        ResolvedDevice resolved = Only(device);
        ((PciDevice)resolved.Device).Realize(resolved.Context);
    }

    private static ulong Bits(ResolvedDevice device, string option) => device.Device.GetOption(option).Bits;

    private static OptionSource Source(ResolvedDevice device, string option) => device.Device.SourceOf(device.Device.Info.IndexOf(option));

    // Value constraints

    [Theory]
    [InlineData("virtio-blk-pci,queue-size=2", "invalid queue-size property (2), must be > 2")]
    [InlineData("virtio-blk-pci,queue-size=100", "invalid queue-size property (100), must be a power of 2 (max 1024)")]
    [InlineData("virtio-scsi-pci,virtqueue_size=2", "invalid virtqueue_size property (= 2), must be > 2")]
    [InlineData("virtio-net-pci,speed=-2", "'speed' must be between 0 and INT_MAX")]
    [InlineData("pcie-root-port,mem-reserve=4G", "PCI resource reserve cap: mem-reserve must be less than 4G")]
    [InlineData("pcie-root-port,pref32-reserve=5G", "PCI resource reserve cap: pref32-reserve  must be less than 4G")]
    [InlineData("virtio-net-pci,rx_queue_size=384", "Invalid rx_queue_size (= 384), must be a power of 2 between 256 and 1024.")]
    [InlineData("virtio-net-pci,tx_queue_size=384", "Invalid tx_queue_size (= 384), must be a power of 2 between 256 and 1024")] // checked before the cap, as QEMU does
    [InlineData("virtio-blk-pci,logical_block_size=4096", "logical_block_size > physical_block_size not supported")]
    [InlineData("virtio-blk-pci,min_io_size=1000,opt_io_size=1000", "min_io_size must be a multiple of logical_block_size")]
    [InlineData("virtio-blk-pci,opt_io_size=1000", "opt_io_size must be a multiple of logical_block_size")]
    [InlineData("virtio-net-pci,speed=-2,rx_queue_size=384", "'speed' must be between 0 and INT_MAX")]
    [InlineData("virtio-blk-pci,queue-size=3,logical_block_size=4096", "invalid queue-size property (3), must be a power of 2 (max 1024)")] // ValidateOrder: QEMU's order
    public void Value_constraints_refuse_with_QEMUs_message(string device, string message) => Assert.Equal(message, RealizeError(device));

    [Theory]
    [InlineData("virtio-blk-pci,queue-size=512")]
    [InlineData("virtio-blk-pci,logical_block_size=4096,physical_block_size=4096,min_io_size=8192")]
    [InlineData("virtio-net-pci,speed=-1")]
    [InlineData("pcie-root-port")] // mem-reserve's sentinel (no hint) is exempt: the rule's When needs it set
    [InlineData("pcie-root-port,mem-reserve=1M")]
    public void Value_constraints_accept_valid_values(string device) => Realizes(device);

    [Fact]
    public void Power_of_two_default_message_names_option_and_value()
    {
        Device blk = TestData.Catalog.Find("virtio-blk-pci")!.Create();
        OptionInfo option = blk.Info.FindOption("queue-size")!;
        blk.SetOption(option.Index, OptionValue.FromInteger(OptionKind.UInt16, 6), OptionSource.Explicit);
        var error = Assert.Throws<PciConfigurationException>(() => new PowerOfTwoAttribute().Validate(blk, option));
        Assert.Equal("'queue-size' must be a power of 2, not 6", error.Message);
    }

    [Fact]
    public void Cap_lowers_silently_and_reports_auto_provenance()
    {
        ResolvedDevice net = Only("virtio-net-pci,tx_queue_size=1024");
        Assert.Equal(256UL, Bits(net, "tx_queue_size"));
        Assert.Equal(OptionSource.Auto, Source(net, "tx_queue_size"));
        Assert.Equal(1024UL, Bits(Only("virtio-net-pci,rx_queue_size=1024"), "rx_queue_size"));
        Assert.Equal(384UL, Bits(Only("virtio-net-pci,tx_queue_size=384"), "tx_queue_size")); // refused at realize, not capped
    }

    [Theory]
    [InlineData("virtio-serial-pci", 0x0780UL)]
    [InlineData("virtio-serial-pci,class=0x0380", 0x0380UL)]
    [InlineData("virtio-serial-pci,class=0xff00", 0xff00UL)]
    [InlineData("virtio-serial-pci,class=0x0100", 0x0780UL)]
    public void One_of_or_keeps_listed_values_and_replaces_others(string device, ulong expected) => Assert.Equal(expected, Bits(Only(device), "class"));

    [Fact]
    public void Relations_between_options_refuse_with_their_messages()
    {
        Device blk = TestData.Catalog.Find("virtio-blk-pci")!.Create();
        OptionInfo logical = blk.Info.FindOption("logical_block_size")!;
        OptionInfo physical = blk.Info.FindOption("physical_block_size")!;
        OptionInfo minIo = blk.Info.FindOption("min_io_size")!;
        blk.SetOption(logical.Index, OptionValue.FromInteger(OptionKind.Size, 4096), OptionSource.Explicit);
        blk.SetOption(physical.Index, OptionValue.FromInteger(OptionKind.Size, 512), OptionSource.Explicit);
        blk.SetOption(minIo.Index, OptionValue.FromInteger(OptionKind.Size, 1000), OptionSource.Explicit);

        var atMost = new AtMostOptionAttribute("physical_block_size") { Message = "logical_block_size > physical_block_size not supported" };
        Assert.Equal("logical_block_size > physical_block_size not supported", Assert.Throws<PciConfigurationException>(() => atMost.Validate(blk, logical)).Message);
        Assert.Equal("'logical_block_size' (4096) must not exceed 'physical_block_size'",
            Assert.Throws<PciConfigurationException>(() => new AtMostOptionAttribute("physical_block_size").Validate(blk, logical)).Message);
        Assert.Equal("min_io_size must be a multiple of logical_block_size",
            Assert.Throws<PciConfigurationException>(() => new MultipleOfOptionAttribute("logical_block_size").Validate(blk, minIo)).Message);

        blk.SetOption(physical.Index, OptionValue.FromInteger(OptionKind.Size, 4096), OptionSource.Explicit);
        blk.SetOption(minIo.Index, OptionValue.FromInteger(OptionKind.Size, 8192), OptionSource.Explicit);
        atMost.Validate(blk, logical);
        new MultipleOfOptionAttribute("logical_block_size").Validate(blk, minIo);
    }

    [Fact]
    public void Greater_and_less_than_default_messages_name_the_bound()
    {
        Device blk = TestData.Catalog.Find("virtio-blk-pci")!.Create();
        OptionInfo size = blk.Info.FindOption("queue-size")!; // 256
        Assert.Equal("'queue-size' must be greater than 256, not 256", Assert.Throws<PciConfigurationException>(() => new GreaterThanAttribute(256).Validate(blk, size)).Message);
        Assert.Equal("'queue-size' must be less than 100, not 256", Assert.Throws<PciConfigurationException>(() => new LessThanAttribute(100).Validate(blk, size)).Message);
    }

    // Cross-option rules

    [Fact]
    public void Requires_refuses_with_QEMUs_message_until_the_other_option_is_set()
    {
        Assert.Equal("'free-page-hint' requires 'iothread' to be set", RealizeError("virtio-balloon-pci,free-page-hint=on"));
        Realizes("virtio-balloon-pci,free-page-hint=on,iothread=io0");
        Realizes("virtio-balloon-pci");
    }

    [Fact]
    public void Conflicts_refuse_when_both_are_set()
    {
        Assert.Equal("PCI resource reserve cap: PREF32 and PREF64 conflict", RealizeError("pcie-root-port,pref32-reserve=1M,pref64-reserve=1G"));
        // The type's rules run first: QEMU refuses the conflict before the 4G limit of either.
        Assert.Equal("PCI resource reserve cap: PREF32 and PREF64 conflict", RealizeError("pcie-root-port,mem-reserve=5G,pref32-reserve=1M,pref64-reserve=1G"));

        Device balloon = TestData.Catalog.Find("virtio-balloon-pci")!.Create();
        OptionInfo hint = balloon.Info.FindOption("free-page-hint")!;
        balloon.SetOption(hint.Index, OptionValue.FromBool(true), OptionSource.Explicit);
        balloon.SetOption(balloon.Info.IndexOf("iothread"), OptionValue.FromString("io0"), OptionSource.Explicit);
        Assert.Equal("'free-page-hint' and 'iothread' conflict: set only one",
            Assert.Throws<PciConfigurationException>(() => new ConflictsWithAttribute("iothread").Validate(balloon, hint)).Message);
        Assert.Equal("'iothread' and 'free-page-hint' conflict: set only one",
            Assert.Throws<PciConfigurationException>(() => new MutuallyExclusiveAttribute("iothread", "deflate-on-oom", "free-page-hint").Validate(balloon)).Message);
    }

    [Fact]
    public void Force_option_overrides_while_its_condition_holds()
    {
        ResolvedDevice legacy = Only("virtio-blk-pci,disable-legacy=off,disable-modern=on");
        Assert.Equal(0UL, Bits(legacy, "any_layout"));
        Assert.Equal(OptionSource.Auto, Source(legacy, "any_layout"));
        Assert.Equal(1UL, Bits(Only("virtio-blk-pci"), "any_layout"));
    }

    // Auto rules

    [Theory]
    [InlineData(null, 1UL, 2UL)]
    [InlineData(4, 4UL, 5UL)]
    [InlineData(2000, 1024UL, 1025UL)]
    public void Blk_queues_follow_vcpus_up_to_the_maximum_and_vectors_follow_queues(int? smp, ulong queues, ulong vectors)
    {
        ResolvedDevice blk = Only("virtio-blk-pci", smp);
        Assert.Equal(queues, Bits(blk, "num-queues"));
        Assert.Equal(vectors, Bits(blk, "vectors"));
        Assert.Equal(OptionSource.Auto, Source(blk, "num-queues"));
    }

    [Fact]
    public void Auto_from_another_option_uses_its_explicit_value_and_keeps_an_explicit_own()
    {
        Assert.Equal(7UL, Bits(Only("virtio-scsi-pci,num_queues=4"), "vectors"));
        Assert.Equal(3UL, Bits(Only("virtio-blk-pci,num-queues=4,vectors=3"), "vectors"));
        Assert.Equal(32UL, Bits(Only("virtio-serial-pci,max_ports=31,vectors=auto"), "vectors"));
    }

    [Fact]
    public void Auto_value_is_a_constant_or_the_first_whose_condition_holds()
    {
        ResolvedDevice blk = Only("virtio-blk-pci");
        Assert.Equal(512UL, Bits(blk, "logical_block_size"));
        Assert.Equal(OptionSource.Auto, Source(blk, "logical_block_size"));
        Assert.Equal(4096UL, Bits(Only("virtio-blk-pci,logical_block_size=4096"), "logical_block_size"));
        Assert.Equal(0x1000UL, Bits(Only("pcie-root-port,x-native-hotplug=off"), "io-reserve"));
        Assert.Equal(ulong.MaxValue, Bits(Only("pcie-root-port"), "io-reserve"));
        Assert.Equal(ulong.MaxValue, Bits(Only("pcie-root-port,hotplug=off,x-native-hotplug=off"), "io-reserve"));
    }

    [Fact]
    public void Default_mac_gives_each_nic_without_one_the_next_address()
    {
        ResolvedMachine machine = Resolve(null, "e1000,id=a", "virtio-net-pci,id=b,mac=52:54:00:12:34:56", "e1000e,id=c");
        Assert.Equal("52:54:00:12:34:57", TestData.Value(machine, "a", "mac").ToString());
        Assert.Equal("52:54:00:12:34:56", TestData.Value(machine, "b", "mac").ToString());
        Assert.Equal("52:54:00:12:34:58", TestData.Value(machine, "c", "mac").ToString());
        Assert.Equal(OptionSource.Auto, TestData.Source(machine, "a", "mac"));
    }

    // Device-config layout

    [Theory]
    [InlineData("virtio-net-pci", 8)]
    [InlineData("virtio-net-pci,status=off", 6)]
    [InlineData("virtio-net-pci,mq=on", 10)]
    [InlineData("virtio-net-pci,host_mtu=1500", 12)]
    [InlineData("virtio-net-pci,speed=1000", 17)]
    [InlineData("virtio-net-pci,duplex=full", 17)]
    [InlineData("virtio-net-pci,hash=on", 24)]
    [InlineData("virtio-blk-pci,discard=off,write-zeroes=off", 36)]
    [InlineData("virtio-blk-pci,write-zeroes=off", 48)]
    [InlineData("virtio-blk-pci,discard=off", 57)]
    [InlineData("virtio-balloon-pci", 16)]
    [InlineData("virtio-balloon-pci,page-poison=off", 8)]
    [InlineData("virtio-balloon-pci,page-poison=off,free-page-hint=on,iothread=io0", 12)]
    [InlineData("virtio-serial-pci,emergency-write=off", 8)]
    [InlineData("virtio-tablet-pci", 51)] // 8 + the EV_KEY bitmap of the buttons (QEMU's cfg_size)
    [InlineData("virtio-keyboard-pci", 37)]
    [InlineData("virtio-rng-pci", 0)]
    public void Device_config_length_is_the_end_of_the_last_present_field(string device, int length) =>
        Assert.Equal(length, DeviceConfigFieldAttribute.LengthOf(Only(device).Device));

    // Conditions

    [Theory]
    [InlineData("hotplug", true)]
    [InlineData("!hotplug", false)]
    [InlineData("hotplug & !x-native-hotplug", false)]
    [InlineData("hotplug & x-native-hotplug", true)]
    [InlineData("io-reserve | mem-reserve", false)] // unset (auto) and the default are not "set"
    [InlineData("mem-reserve | hotplug", true)]
    public void Conditions_combine_set_options_with_and_or_not(string when, bool holds)
    {
        Device port = TestData.Catalog.Find("pcie-root-port")!.Create();
        Assert.Equal(holds, new DeviceConfigFieldAttribute("x", 0, 4) { When = when }.AppliesTo(port));
        Assert.Equal(holds, new AutoValueAttribute(0) { When = when }.AppliesTo(port));
    }

    [Fact]
    public void A_condition_naming_an_unknown_option_fails_with_the_device_and_option()
    {
        Device rng = TestData.Catalog.Find("virtio-rng-pci")!.Create();
        var error = Assert.Throws<InvalidOperationException>(() => new DeviceConfigFieldAttribute("x", 0, 4) { When = "no-such-option" }.AppliesTo(rng));
        Assert.Equal("virtio-rng-pci has no option 'no-such-option', which a declared rule names", error.Message);
    }

    [Fact]
    public void A_condition_with_an_empty_name_is_refused()
    {
        Device rng = TestData.Catalog.Find("virtio-rng-pci")!.Create();
        Assert.Throws<ArgumentException>(() => new DeviceConfigFieldAttribute("x", 0, 4) { When = "period & " }.AppliesTo(rng));
    }

    [Fact]
    public void Rules_that_read_another_option_resolve_after_it()
    {
        DeviceInfo blk = TestData.Catalog.Find("virtio-blk-pci")!;
        OptionInfo[] order = blk.RuleOrder;
        Assert.True(Array.FindIndex(order, o => o.Name == "num-queues") < Array.FindIndex(order, o => o.Name == "vectors"));
        Assert.All(order, o => Assert.False(o.Rules.IsEmpty));
    }

    [Fact]
    public void A_custom_rule_derives_from_OptionRuleAttribute()
    {
        Device blk = TestData.Catalog.Find("virtio-blk-pci")!.Create();
        OptionInfo serial = blk.Info.FindOption("serial")!;
        blk.SetOption(serial.Index, OptionValue.FromString("this serial is longer than twenty bytes"), OptionSource.Explicit);
        Assert.Equal("serial is longer than 20 bytes", Assert.Throws<PciConfigurationException>(() => new MaxLengthAttribute(20).Validate(blk, serial)).Message);
    }

    /// <summary>What a product writes for a rule the framework does not have.</summary>
    private sealed class MaxLengthAttribute(int max) : OptionRuleAttribute
    {
        public override void Validate(Device device, OptionInfo option)
        {
            if (device.GetOption(option.Index).Text is { } text && text.Length > max) throw new PciConfigurationException(option.Name + " is longer than " + max + " bytes");
        }
    }
}

/// <summary>What the catalog checks once per device type when it loads: rule names and resolve order.</summary>
public sealed class RuleTableTests
{
    private static DeviceInfo Info(params OptionRow[] rows) => Info(null, rows);

    private static DeviceInfo Info(DeviceRuleAttribute[]? rules, params OptionRow[] rows) =>
        new(new DeviceTable(null, "Tests.TableDevice", rows) { Name = "table-device", Rules = rules }, () => new TableDevice());

    private static OptionRow Row(string name, params OptionRuleAttribute[] rules) => new(name, OptionKind.UInt32) { Rules = rules };

    [Fact]
    public void Rules_resolve_after_the_options_they_read_whatever_the_option_order()
    {
        DeviceInfo info = Info(Row("a", new AutoFromAttribute("b")), Row("b", new AutoFromAttribute("c")), Row("c", new AutoValueAttribute(1)), Row("d"));
        Assert.Equal(["c", "b", "a"], Array.ConvertAll(info.RuleOrder, o => o.Name));
    }

    [Fact]
    public void A_dependency_cycle_fails_when_the_catalog_loads()
    {
        var error = Assert.Throws<ArgumentException>(() => Info(Row("a", new AutoFromAttribute("b")), Row("b", new AutoFromAttribute("a"))));
        Assert.Contains("ResolveAfter cycle", error.Message);
    }

    [Fact]
    public void A_rule_naming_an_unknown_option_fails_when_the_catalog_loads()
    {
        Assert.Equal("table-device: RequiresAttribute on option 'a' names option 'iothread', which table-device does not have",
            Assert.Throws<ArgumentException>(() => Info(Row("a", new RequiresAttribute("iothread")))).Message);
        Assert.Equal("table-device: PowerOfTwoAttribute on option 'a' names option 'b', which table-device does not have",
            Assert.Throws<ArgumentException>(() => Info(Row("a", new PowerOfTwoAttribute { When = "c | !b" }), Row("c"))).Message);
        Assert.Equal("table-device: DeviceConfigFieldAttribute names option 'mq', which table-device does not have",
            Assert.Throws<ArgumentException>(() => Info([new DeviceConfigFieldAttribute("pairs", 0, 2) { When = "mq" }], Row("a"))).Message);
        Assert.Equal("table-device: MutuallyExclusiveAttribute names option 'z', which table-device does not have",
            Assert.Throws<ArgumentException>(() => Info([new MutuallyExclusiveAttribute("a", "z")], Row("a"))).Message);
    }

    /// <summary>A device without generated code: every slot reads 0.</summary>
    private sealed class TableDevice : Device
    {
        public override DeviceInfo Info => throw new NotSupportedException();

        protected override OptionValue AccessOption(int slot, bool set, in OptionAssignment value) => OptionValue.FromInteger(OptionKind.UInt32, 0);
    }
}
