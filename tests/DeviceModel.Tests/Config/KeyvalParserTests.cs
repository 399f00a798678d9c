using DeviceModel.Samples.Qemu;
using DeviceModel.Config;

namespace DeviceModel.Tests.Config;

// Inside the namespace so that ErrorAssert.Catalog wins over the DeviceModel.Catalog namespace.
using static DeviceModel.Tests.Config.ErrorAssert;

public sealed class KeyvalParserTests
{
    private static ParseResult<Device> Parse(string text, string? source = null) => KeyvalParser.ParseDevice(text, Catalog, source);

    private static int IndexOf(string option) => VirtioRngPci.Descriptor.IndexOf(option);

    // ---- success ----

    [Fact]
    public void A_device_string_sets_its_id_and_options_and_marks_only_those_explicit()
    {
        Device device = Succeeded(Parse("virtio-rng-pci,id=rng0,max-bytes=1024"));

        VirtioRngPci rng = Assert.IsType<VirtioRngPci>(device);
        Assert.Equal("rng0", rng.Id);
        Assert.Null(rng.Bus);
        Assert.Equal(1024UL, rng.MaxBytes);
        Assert.Equal(OptionValue.FromInteger(OptionKind.UInt64, 1024), device.GetOption("max-bytes"));
        Assert.Equal(65536U, rng.Period);
        foreach (OptionInfo option in device.Info.Options)
        {
            OptionSource expected = option.Name == "max-bytes" ? OptionSource.Explicit : OptionSource.Default;
            Assert.Equal(expected, device.SourceOf(option.Index));
            if (option.Name != "max-bytes") Assert.Equal(option.Default, device.GetOption(option.Index));
        }
    }

    [Fact]
    public void A_bare_driver_gives_a_device_with_every_default()
    {
        Device device = Succeeded(Parse("virtio-rng-pci"));
        Assert.Null(device.Id);
        foreach (OptionInfo option in device.Info.Options)
        {
            Assert.Equal(OptionSource.Default, device.SourceOf(option.Index));
            Assert.Equal(option.Default, device.GetOption(option.Index));
        }
        Assert.Equal("virtio-rng-pci", device.ToKeyval());
    }

    [Fact]
    public void Values_of_every_kind_in_the_sample_parse()
    {
        Device device = Succeeded(Parse("virtio-rng-pci,id=r.0_x-1,bus=pcie.1,addr=1f.7,packed=on,disable-legacy=off,romfile=/a b/c=d,period=0x10,vectors=auto,romsize=auto"));
        var rng = (VirtioRngPci)device;
        Assert.Equal("r.0_x-1", rng.Id);
        Assert.Equal("pcie.1", rng.Bus);
        Assert.Equal(new PciAddress(0x1f, 7), rng.Addr);
        Assert.True(rng.Packed);
        Assert.Equal(OnOffAuto.Off, rng.DisableLegacy);
        Assert.Equal("/a b/c=d", rng.RomFile);
        Assert.Equal(16U, rng.Period);
        Assert.Null(rng.Vectors);
        Assert.Equal(OptionValue.AutoValue(OptionKind.UInt32), device.GetOption("vectors"));
        Assert.Equal(OptionSource.Explicit, device.SourceOf(IndexOf("vectors")));
        Assert.Equal(OptionSource.Explicit, device.SourceOf(IndexOf("romsize")));
    }

    [Fact]
    public void OnOffAuto_auto_is_accepted_for_an_option_that_is_not_an_auto_option()
    {
        // disable-legacy is an OnOffAuto: "auto" is one of its three values, not the realize-time "auto" flag.
        Device device = Succeeded(Parse("virtio-rng-pci,disable-legacy=auto"));
        Assert.Equal(OnOffAuto.Auto, ((VirtioRngPci)device).DisableLegacy);
        Assert.Equal(OptionSource.Explicit, device.SourceOf(IndexOf("disable-legacy")));
        Assert.Equal("virtio-rng-pci,disable-legacy=auto", device.ToKeyval());
    }

    [Fact]
    public void Driver_can_be_given_as_a_driver_key()
    {
        Device device = Succeeded(Parse("driver=virtio-rng-pci,id=x,period=5"));
        Assert.Equal("x", device.Id);
        Assert.Equal(5U, ((VirtioRngPci)device).Period);
    }

    [Fact]
    public void A_doubled_comma_is_a_comma_inside_the_value_and_round_trips()
    {
        Device device = Succeeded(Parse("virtio-rng-pci,romfile=a,,b,id=r"));
        Assert.Equal("a,b", ((VirtioRngPci)device).RomFile);
        Assert.Equal("r", device.Id);
        string keyval = device.ToKeyval();
        Assert.Equal("virtio-rng-pci,id=r,romfile=a,,b", keyval);
        Device again = Succeeded(Parse(keyval));
        Assert.Equal("a,b", ((VirtioRngPci)again).RomFile);
    }

    [Theory]
    [InlineData("virtio-rng-pci,romfile=,,", ",")]
    [InlineData("virtio-rng-pci,romfile=,,,,", ",,")]
    [InlineData("virtio-rng-pci,romfile=a,,", "a,")]
    [InlineData("virtio-rng-pci,romfile=,,a", ",a")]
    [InlineData("virtio-rng-pci,romfile=", "")]
    [InlineData("virtio-rng-pci,romfile==", "=")]
    public void Escaped_commas_at_the_edges_of_a_value_are_kept(string text, string expected)
    {
        Device device = Succeeded(Parse(text));
        Assert.Equal(expected, ((VirtioRngPci)device).RomFile);
        Assert.Equal(text, device.ToKeyval());
    }

    [Fact]
    public void ToKeyval_with_all_options_reparses_to_an_equal_device()
    {
        Device device = Succeeded(Parse("virtio-rng-pci,id=r,period=7,romfile=x,,y"));
        string all = device.ToKeyval(allOptions: true);
        Device again = Succeeded(Parse(all));
        foreach (OptionInfo option in device.Info.Options)
        {
            Assert.Equal(device.GetOption(option.Index), again.GetOption(option.Index));
        }
    }

    [Fact]
    public void Enum_size_and_mac_options_of_the_other_sample_devices_parse()
    {
        var blk = (VirtioBlkPci)Succeeded(Parse("virtio-blk-pci,drive=d0,werror=stop,logical_block_size=4k,discard_granularity=1.5M,write-cache=on,num-queues=auto"));
        Assert.Equal(BlockdevOnError.Stop, blk.Werror);
        Assert.Equal(4096UL, blk.LogicalBlockSize);
        Assert.Equal(3UL << 19, blk.DiscardGranularity);
        Assert.Equal(OnOffAuto.On, blk.WriteCache);
        Assert.Equal("virtio-blk-pci,discard_granularity=1536k,drive=d0,logical_block_size=4k,num-queues=auto,werror=stop,write-cache=on", blk.ToKeyval());

        var net = (VirtioNetPci)Succeeded(Parse("virtio-net-pci,mac=52:54:00:AB:CD:EF,bootindex=-1,speed=-0x10,rx_queue_size=1024"));
        Assert.Equal(new MacAddress(0x5254_00AB_CDEF), net.Nic.Mac);
        Assert.Equal(-1, net.Nic.BootIndex);
        Assert.Equal(-16, net.Speed);
        Assert.Equal(1024, net.RxQueueSize);
        Assert.Equal("virtio-net-pci,bootindex=-1,mac=52:54:00:ab:cd:ef,rx_queue_size=1024,speed=-16", net.ToKeyval());
    }

    [Theory]
    [InlineData("virtio-blk-pci,werror=halt", "virtio-blk-pci", "werror", "halt", ConfigErrorKind.InvalidValue)]
    [InlineData("virtio-blk-pci,logical_block_size=1.3k", "virtio-blk-pci", "logical_block_size", "1.3k", ConfigErrorKind.InvalidValue)]
    [InlineData("virtio-blk-pci,min_io_size=16E", "virtio-blk-pci", "min_io_size", "16E", ConfigErrorKind.OutOfRange)]
    [InlineData("virtio-blk-pci,write-cache=yes", "virtio-blk-pci", "write-cache", "yes", ConfigErrorKind.InvalidValue)]
    [InlineData("virtio-net-pci,mac=52:54:00:12:34", "virtio-net-pci", "mac", "52:54:00:12:34", ConfigErrorKind.InvalidValue)]
    [InlineData("virtio-net-pci,rx_queue_size=255", "virtio-net-pci", "rx_queue_size", "255", ConfigErrorKind.OutOfRange)]
    [InlineData("virtio-net-pci,bootindex=-2147483649", "virtio-net-pci", "bootindex", "-2147483649", ConfigErrorKind.OutOfRange)]
    public void Value_errors_of_other_kinds_name_the_option_and_its_expected_form(string text, string device, string option, string value, ConfigErrorKind kind)
    {
        string expected = Catalog.Find(device)!.FindOption(option)!.Expected;
        Is(Single(Parse(text)), kind, 0, text.IndexOf('=', System.StringComparison.Ordinal) + 2, device, null, option, value, expected);
    }

    // ---- value errors ----

    [Fact]
    public void An_invalid_value_reports_device_option_value_expected_and_the_column_of_the_value()
    {
        const string text = "virtio-rng-pci,id=r0,max-bytes=abc";
        ConfigError error = Single(Parse(text));
        // 'a' of "abc" is the 32nd character (1-based): 15 for "virtio-rng-pci,", 6 for "id=r0,", 10 for "max-bytes=".
        Assert.Equal(32, text.IndexOf("abc", System.StringComparison.Ordinal) + 1);
        Is(error, ConfigErrorKind.InvalidValue, line: 0, column: 32, deviceType: Rng, deviceId: "r0", option: "max-bytes", value: "abc",
            expected: "a uint64 value from 0 to 9223372036854775807");
        Assert.Equal("'abc' is not a valid uint64", error.Message);
    }

    [Fact]
    public void An_out_of_range_value_is_its_own_kind_and_names_the_limits()
    {
        ConfigError error = Single(Parse("virtio-rng-pci,period=0"));
        Is(error, ConfigErrorKind.OutOfRange, line: 0, column: 23, deviceType: Rng, option: "period", value: "0",
            expected: "a uint32 value from 1 to 4294967295");
        Assert.Equal("'0' is out of range", error.Message);
    }

    [Theory]
    [InlineData("virtio-rng-pci,period=4294967296", "4294967296")]
    [InlineData("virtio-rng-pci,period=-1", "-1")]
    [InlineData("virtio-rng-pci,period=0x100000000", "0x100000000")]
    public void Values_beyond_the_type_are_out_of_range(string text, string value)
    {
        Is(Single(Parse(text)), ConfigErrorKind.OutOfRange, 0, 23, Rng, null, "period", value, ExpectedOf("period"));
    }

    [Fact]
    public void An_empty_value_is_reported_at_the_column_after_the_equals_sign()
    {
        ConfigError error = Single(Parse("virtio-rng-pci,period="));
        Is(error, ConfigErrorKind.InvalidValue, line: 0, column: 23, deviceType: Rng, option: "period", value: "", expected: ExpectedOf("period"));
        Assert.Equal("empty value", error.Message);
    }

    [Fact]
    public void A_leading_zero_is_reported_with_advice()
    {
        ConfigError error = Single(Parse("virtio-rng-pci,period=010"));
        Is(error, ConfigErrorKind.InvalidValue, 0, 23, Rng, null, "period", "010", ExpectedOf("period"));
        Assert.Contains("octal", error.Message, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("virtio-rng-pci,packed=1", "packed", "1")]
    [InlineData("virtio-rng-pci,packed=On", "packed", "On")]
    [InlineData("virtio-rng-pci,packed=", "packed", "")]
    [InlineData("virtio-rng-pci,disable-legacy=yes", "disable-legacy", "yes")]
    [InlineData("virtio-rng-pci,addr=3.", "addr", "3.")]
    [InlineData("virtio-rng-pci,vectors=Auto", "vectors", "Auto")]
    [InlineData("virtio-rng-pci,period=\u0661\u0662", "period", "\u0661\u0662")]
    public void Invalid_values_of_each_kind_are_invalid_value_errors(string text, string option, string value)
    {
        int column = text.IndexOf('=') + 2;
        Is(Single(Parse(text)), ConfigErrorKind.InvalidValue, 0, column, Rng, null, option, value, ExpectedOf(option));
    }

    [Fact]
    public void The_value_column_counts_escaped_commas_as_written()
    {
        // romfile=a,,b is fine; the bad period sits after it at the column where it is written.
        const string text = "virtio-rng-pci,romfile=a,,b,period=x";
        Is(Single(Parse(text)), ConfigErrorKind.InvalidValue, 0, text.Length, Rng, null, "period", "x", ExpectedOf("period"));
    }

    // ---- name errors ----

    [Fact]
    public void An_unknown_option_suggests_the_closest_name_at_the_key_column()
    {
        ConfigError error = Single(Parse("virtio-rng-pci,id=r0,max-byte=5"));
        Is(error, ConfigErrorKind.UnknownOption, line: 0, column: 22, deviceType: Rng, deviceId: "r0", option: "max-byte", suggestion: "max-bytes");
    }

    [Theory]
    [InlineData("peroid", "period")]
    [InlineData("page_per_vq", "page-per-vq")]
    [InlineData("any-layout", "any_layout")]
    [InlineData("romfle", "romfile")]
    public void Misspelled_options_get_a_suggestion(string typo, string suggestion)
    {
        Is(Single(Parse("virtio-rng-pci," + typo + "=1")), ConfigErrorKind.UnknownOption, 0, 16, Rng, null, typo, suggestion: suggestion);
    }

    [Fact]
    public void An_unrelated_unknown_option_gets_no_suggestion()
    {
        Is(Single(Parse("virtio-rng-pci,zzzzzzzzzz=1")), ConfigErrorKind.UnknownOption, 0, 16, Rng, null, "zzzzzzzzzz");
    }

    [Fact]
    public void An_enormous_unknown_option_is_reported_without_an_enormous_suggestion_search()
    {
        // "Did you mean" must not build a |word| x |candidate| table per candidate: that was 2.3 GB and 10 s here.
        // (A device string is at most ConfigLimits.MaxDeviceTextLength characters; the option is quoted up to a bound.)
        string key = new('x', 60_000);
        long before = System.GC.GetAllocatedBytesForCurrentThread();
        ConfigError error = Single(Parse("virtio-rng-pci," + key + "=1"));
        long allocated = System.GC.GetAllocatedBytesForCurrentThread() - before;
        Is(error, ConfigErrorKind.UnknownOption, 0, 16, Rng, null, ConfigLimits.Bound(key));
        Assert.True(allocated < 64L << 20, "allocated " + (allocated >> 20) + " MiB");
    }

    [Fact]
    public void A_long_misspelling_that_starts_with_an_option_name_still_gets_it_as_suggestion()
    {
        Is(Single(Parse("virtio-rng-pci,romfile-and-then-some=1")), ConfigErrorKind.UnknownOption, 0, 16, Rng, null, "romfile-and-then-some", suggestion: "romfile");
    }

    [Fact]
    public void A_duplicate_option_is_reported_at_its_second_key()
    {
        ConfigError error = Single(Parse("virtio-rng-pci,period=5,period=6"));
        Is(error, ConfigErrorKind.DuplicateOption, line: 0, column: 25, deviceType: Rng, option: "period");
    }

    [Theory]
    [InlineData("virtio-rng-pci,id=a,id=b", "id", 21, "b")]
    [InlineData("virtio-rng-pci,bus=a,bus=b", "bus", 22, null)]
    public void A_duplicate_id_or_bus_is_an_error(string text, string option, int column, string? deviceId)
    {
        // Errors name the last id written (the device would have kept the first): see the report.
        Is(Single(Parse(text)), ConfigErrorKind.DuplicateOption, 0, column, Rng, deviceId, option);
    }

    [Fact]
    public void A_bare_key_without_a_value_is_missing_its_value()
    {
        ConfigError error = Single(Parse("virtio-rng-pci,packed"));
        Is(error, ConfigErrorKind.Missing, line: 0, column: 16, deviceType: Rng, option: "packed");
        Assert.Contains("packed=on", error.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_driver_suggests_the_closest_device_type_and_still_names_the_id()
    {
        ConfigError error = Single(Parse("virtio-rng-pcii,id=r0,period=5"));
        Is(error, ConfigErrorKind.UnknownDevice, line: 0, column: 1, deviceId: "r0", value: "virtio-rng-pcii", suggestion: "virtio-rng-pci");
    }

    [Fact]
    public void An_unknown_driver_given_with_a_driver_key_is_reported_at_its_value()
    {
        ConfigError error = Single(Parse("id=r0,driver=virtio-rng"));
        Is(error, ConfigErrorKind.UnknownDevice, line: 0, column: 14, deviceId: "r0", value: "virtio-rng", suggestion: "virtio-rng-pci");
    }

    [Fact]
    public void A_string_without_a_driver_is_missing_its_driver()
    {
        Is(Single(Parse("id=r0,period=5")), ConfigErrorKind.Missing, 0, 1, deviceId: "r0");
    }

    [Fact]
    public void The_id_given_after_the_failing_option_is_still_named_in_the_error()
    {
        ConfigError error = Single(Parse("virtio-rng-pci,period=abc,id=late"));
        Is(error, ConfigErrorKind.InvalidValue, 0, 23, Rng, "late", "period", "abc", ExpectedOf("period"));
    }

    [Theory]
    [InlineData("1bad")]
    [InlineData("a,,b")]
    [InlineData("a b")]
    [InlineData("")]
    [InlineData("r\u00e9")]
    public void An_invalid_id_is_an_invalid_value(string id)
    {
        string text = "virtio-rng-pci,id=" + id;
        string unescaped = id.Replace(",,", ",", System.StringComparison.Ordinal);
        ConfigError error = Single(Parse(text));
        Is(error, ConfigErrorKind.InvalidValue, 0, 19, Rng, unescaped, "id", unescaped, "an identifier: a letter, then letters, digits, '-', '.' or '_'");
    }

    // ---- syntax errors ----

    [Fact]
    public void A_trailing_comma_after_a_value_is_reported_at_the_comma()
    {
        Is(Single(Parse("virtio-rng-pci,id=r0,")), ConfigErrorKind.Syntax, 0, 21, option: "id");
    }

    [Fact]
    public void A_trailing_comma_after_the_driver_is_reported_at_the_comma()
    {
        Is(Single(Parse("virtio-rng-pci,")), ConfigErrorKind.Syntax, 0, 15);
    }

    [Fact]
    public void A_trailing_comma_after_a_bare_key_is_reported_at_the_comma()
    {
        Is(Single(Parse("virtio-rng-pci,packed,")), ConfigErrorKind.Syntax, 0, 22);
    }

    [Fact]
    public void An_empty_string_is_missing_everything()
    {
        Is(Single(Parse("")), ConfigErrorKind.Missing, 0, 1);
    }

    [Theory]
    [InlineData(",virtio-rng-pci", 1)]
    [InlineData("virtio-rng-pci,,id=x", 16)]
    [InlineData("virtio-rng-pci,=5", 16)]
    public void Empty_keys_are_syntax_errors_at_their_position(string text, int column)
    {
        Is(Single(Parse(text)), ConfigErrorKind.Syntax, 0, column);
    }

    // ---- several errors, all or nothing ----

    [Fact]
    public void Every_error_of_a_string_is_reported_in_input_order()
    {
        const string text = "virtio-rng-pci,period=0,bogus=1,packed=maybe,packed,period=2,id=r9";
        ConfigError[] errors = Failed(Parse(text), 5);
        Is(errors[0], ConfigErrorKind.OutOfRange, 0, 23, Rng, "r9", "period", "0", ExpectedOf("period"));
        Is(errors[1], ConfigErrorKind.UnknownOption, 0, 25, Rng, "r9", "bogus");
        Is(errors[2], ConfigErrorKind.InvalidValue, 0, 40, Rng, "r9", "packed", "maybe", ExpectedOf("packed"));
        Is(errors[3], ConfigErrorKind.Missing, 0, 46, Rng, "r9", "packed");
        Is(errors[4], ConfigErrorKind.DuplicateOption, 0, 53, Rng, "r9", "period");
    }

    [Fact]
    public void Several_syntax_errors_are_all_reported()
    {
        ConfigError[] errors = Failed(Parse("virtio-rng-pci,,=1,"), 3);
        Assert.Equal(new[] { 16, 17, 19 }, System.Array.ConvertAll(errors, e => e.Location.Column));
        Assert.All(errors, e => Assert.Equal(ConfigErrorKind.Syntax, e.Kind));
    }

    [Fact]
    public void One_bad_option_among_good_ones_yields_no_device()
    {
        ParseResult<Device> result = Parse("virtio-rng-pci,id=ok,period=5,packed=on,romfile=x,max-bytes=-1");
        Is(Single(result), ConfigErrorKind.OutOfRange, 0, 61, Rng, "ok", "max-bytes", "-1", ExpectedOf("max-bytes"));
        Assert.Null(result.Value);
    }

    [Fact]
    public void The_source_name_is_carried_into_every_error()
    {
        ConfigError[] errors = Failed(Parse("virtio-rng-pci,period=x,bogus=1", source: "--device #2"), 2);
        Assert.All(errors, e => Assert.Equal("--device #2", e.Location.Source));
        Assert.Equal("--device #2, column 23", errors[0].Location.ToString());
    }

    [Fact]
    public void GetValueOrThrow_raises_every_error()
    {
        ConfigException e = Assert.Throws<ConfigException>(() => Parse("virtio-rng-pci,period=x,bogus=1").GetValueOrThrow());
        Assert.Equal(2, e.Errors.Length);
        Assert.Equal(e.Errors[0] + "\n" + e.Errors[1], e.Message);
    }
}
