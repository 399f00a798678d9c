using DeviceModel.Samples.Qemu;
using DeviceModel.Config;

namespace DeviceModel.Tests.Config;

// Inside the namespace so that ErrorAssert.Catalog wins over the DeviceModel.Catalog namespace.
using static DeviceModel.Tests.Config.ErrorAssert;

public sealed class JsonDeviceTests
{
    private static ParseResult<Device> Parse(string json, string? source = null) => JsonConfigReader.ParseDevice(json, Catalog, source);

    [Fact]
    public void A_device_object_takes_numbers_bools_and_strings()
    {
        Device device = Succeeded(Parse("""
            {"driver": "virtio-rng-pci", "id": "rng0", "max-bytes": 1024, "packed": true, "iommu_platform": false,
             "romfile": "a,b", "disable-legacy": "on", "addr": "05.0", "bus": "pcie.0"}
            """));
        var rng = Assert.IsType<VirtioRngPci>(device);
        Assert.Equal("rng0", rng.Id);
        Assert.Equal("pcie.0", rng.Bus);
        Assert.Equal(1024UL, rng.MaxBytes);
        Assert.True(rng.Packed);
        Assert.False(rng.IommuPlatform);
        Assert.Equal("a,b", rng.RomFile);
        Assert.Equal(OnOffAuto.On, rng.DisableLegacy);
        Assert.Equal(new PciAddress(5, 0), rng.Addr);
        foreach (OptionInfo option in device.Info.Options)
        {
            bool given = option.Name is "max-bytes" or "packed" or "iommu_platform" or "romfile" or "disable-legacy" or "addr";
            Assert.Equal(given ? OptionSource.Explicit : OptionSource.Default, device.SourceOf(option.Index));
        }
    }

    [Theory]
    [InlineData("\"0x10\"", 16U)]
    [InlineData("\"16\"", 16U)]
    [InlineData("16", 16U)]
    [InlineData("4294967295", uint.MaxValue)]
    public void Integers_may_be_json_numbers_or_strings_in_the_value_syntax(string json, uint expected)
    {
        Device device = Succeeded(Parse("{\"driver\": \"virtio-rng-pci\", \"period\": " + json + "}"));
        Assert.Equal(expected, ((VirtioRngPci)device).Period);
    }

    [Fact]
    public void Bools_may_be_json_booleans_or_strings_in_the_value_syntax()
    {
        Device device = Succeeded(Parse("""{"driver": "virtio-rng-pci", "packed": "yes", "ats": true, "aer": "off"}"""));
        var rng = (VirtioRngPci)device;
        Assert.True(rng.Packed);
        Assert.True(rng.Ats);
        Assert.False(rng.Aer);
    }

    [Fact]
    public void Escapes_in_json_strings_are_decoded_before_the_value_syntax()
    {
        Device device = Succeeded(Parse("""{"driver": "virtio-rng-pci", "romfile": "a\"b\\c\u00e9\n", "period": "\u0031\u0030"}"""));
        Assert.Equal("a\"b\\c\u00e9\n", ((VirtioRngPci)device).RomFile);
        Assert.Equal(10U, ((VirtioRngPci)device).Period);
    }

    [Fact]
    public void A_long_string_value_is_read_whole()
    {
        string path = "/" + new string('x', ConfigLimits.MaxStringBytes - 1);
        Device device = Succeeded(Parse("{\"driver\": \"virtio-rng-pci\", \"romfile\": \"" + path + "\", \"rng\": \"short\"}"));
        Assert.Equal(path, ((VirtioRngPci)device).RomFile);
        Assert.Equal("short", ((VirtioRngPci)device).Rng);
    }

    [Fact]
    public void Null_unsets_a_nullable_option()
    {
        Device device = Succeeded(Parse("""{"driver": "virtio-rng-pci", "romfile": null}"""));
        Assert.Null(((VirtioRngPci)device).RomFile);
        Assert.Equal(OptionValue.Null(OptionKind.String), device.GetOption("romfile"));
        Assert.Equal(OptionSource.Explicit, device.SourceOf(device.Info.IndexOf("romfile")));
    }

    // ---- errors with line and column ----

    private const string MultiLine = "{\n  \"driver\": \"virtio-rng-pci\",\n  \"id\": \"rng0\",\n  \"packed\": 1,\n  \"period\": \"abc\",\n  \"max-byte\": 5\n}";

    [Fact]
    public void Errors_in_a_multi_line_object_carry_line_and_column_of_the_value()
    {
        ConfigError[] errors = Failed(Parse(MultiLine, source: "dev.json"), 3);

        Is(errors[0], ConfigErrorKind.InvalidValue, line: 4, column: 13, deviceType: Rng, deviceId: "rng0", option: "packed", value: "1",
            expected: ExpectedOf("packed"), source: "dev.json");
        Assert.Equal("got a JSON number '1'", errors[0].Message);
        Is(errors[1], ConfigErrorKind.InvalidValue, line: 5, column: 13, deviceType: Rng, deviceId: "rng0", option: "period", value: "abc",
            expected: ExpectedOf("period"), source: "dev.json");
        Is(errors[2], ConfigErrorKind.UnknownOption, line: 6, column: 3, deviceType: Rng, deviceId: "rng0", option: "max-byte",
            suggestion: "max-bytes", source: "dev.json");
        Assert.Equal((4, 13), PositionOf(MultiLine, "1,"));
        Assert.Equal((5, 13), PositionOf(MultiLine, "\"abc\""));
        Assert.Equal((6, 3), PositionOf(MultiLine, "\"max-byte\""));
    }

    [Fact]
    public void A_json_boolean_for_an_integer_is_a_type_mismatch()
    {
        const string json = "{\"driver\": \"virtio-rng-pci\",\n \"period\": true}";
        ConfigError error = Single(Parse(json));
        Is(error, ConfigErrorKind.InvalidValue, 2, 12, Rng, null, "period", "true", ExpectedOf("period"));
        Assert.Equal("got a JSON boolean 'true'", error.Message);
    }

    [Theory]
    [InlineData("\"romfile\": 5", "romfile", "5")]
    [InlineData("\"romfile\": false", "romfile", "false")]
    [InlineData("\"disable-legacy\": true", "disable-legacy", "true")]
    [InlineData("\"addr\": 5", "addr", "5")]
    [InlineData("\"packed\": 0", "packed", "0")]
    public void Json_numbers_and_booleans_only_fit_integer_and_bool_options(string member, string option, string value)
    {
        string json = "{\"driver\": \"virtio-rng-pci\", " + member + "}";
        (int line, int column) = PositionOf(json, value + "}");
        Is(Single(Parse(json)), ConfigErrorKind.InvalidValue, line, column, Rng, null, option, value, ExpectedOf(option));
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("1e3")]
    [InlineData("-1")]
    public void Json_numbers_go_through_the_integer_syntax(string number)
    {
        string json = "{\"driver\": \"virtio-rng-pci\", \"period\": " + number + "}";
        ConfigError error = Single(Parse(json));
        Assert.Equal(number == "-1" ? ConfigErrorKind.OutOfRange : ConfigErrorKind.InvalidValue, error.Kind);
        Assert.Equal(number, error.Value);
        Assert.Equal(PositionOf(json, number).Column, error.Location.Column);
    }

    [Fact]
    public void A_very_long_json_number_is_a_clean_range_error()
    {
        string digits = "1" + new string('0', 300);
        string json = "{\"driver\": \"virtio-rng-pci\", \"period\": " + digits + "}";
        Is(Single(Parse(json)), ConfigErrorKind.OutOfRange, 1, 40, Rng, null, "period", ConfigLimits.Bound(digits), ExpectedOf("period"));
    }

    [Fact]
    public void Columns_count_characters_not_utf8_bytes()
    {
        const string json = "{\"romfile\": \"\u00e9\u00e9\u00e9\u20ac\", \"driver\": \"virtio-rng-pci\", \"period\": 0}";
        Is(Single(Parse(json)), ConfigErrorKind.OutOfRange, 1, PositionOf(json, "0}").Column, Rng, null, "period", "0", ExpectedOf("period"));
    }

    [Fact]
    public void A_duplicate_key_is_reported_at_the_second_key()
    {
        const string json = "{\"driver\": \"virtio-rng-pci\",\n \"period\": 5,\n \"period\": 6}";
        Is(Single(Parse(json)), ConfigErrorKind.DuplicateOption, 3, 2, Rng, null, "period");
    }

    [Fact]
    public void A_duplicate_id_key_is_reported()
    {
        const string json = "{\"driver\": \"virtio-rng-pci\", \"id\": \"a\", \"id\": \"b\"}";
        Is(Single(Parse(json)), ConfigErrorKind.DuplicateOption, 1, PositionOf(json, "\"id\"", 2).Column, Rng, "b", "id");
    }

    [Fact]
    public void A_non_string_id_is_refused()
    {
        const string json = "{\"driver\": \"virtio-rng-pci\", \"id\": 5}";
        Is(Single(Parse(json)), ConfigErrorKind.InvalidValue, 1, 36, Rng, null, "id", "5");
    }

    [Fact]
    public void A_null_id_is_refused_rather_than_taken_as_the_text_null()
    {
        const string json = "{\"driver\": \"virtio-rng-pci\", \"id\": null}";
        Is(Single(Parse(json)), ConfigErrorKind.InvalidValue, 1, 36, Rng, null, "id", "null");
    }

    [Fact]
    public void Null_for_an_option_that_cannot_be_unset_is_an_error()
    {
        const string json = "{\"driver\": \"virtio-rng-pci\",\n  \"period\": null}";
        ConfigError error = Single(Parse(json));
        Is(error, ConfigErrorKind.InvalidValue, 2, 13, Rng, null, "period", "null", ExpectedOf("period"));
    }

    [Fact]
    public void Objects_and_arrays_are_not_option_values()
    {
        const string json = "{\"driver\": \"virtio-rng-pci\", \"period\": [1], \"romfile\": {\"a\": 1}, \"packed\": true}";
        ConfigError[] errors = Failed(Parse(json), 2);
        Is(errors[0], ConfigErrorKind.InvalidValue, 1, PositionOf(json, "[1]").Column, Rng, null, "period", expected: ExpectedOf("period"));
        Is(errors[1], ConfigErrorKind.InvalidValue, 1, PositionOf(json, "{\"a\"").Column, Rng, null, "romfile", expected: ExpectedOf("romfile"));
    }

    [Fact]
    public void An_unknown_driver_is_reported_at_its_value_with_a_suggestion()
    {
        const string json = "{\"id\": \"r0\",\n \"driver\": \"virtio-rng-pcii\"}";
        Is(Single(Parse(json)), ConfigErrorKind.UnknownDevice, 2, 12, deviceId: "r0", value: "virtio-rng-pcii", suggestion: "virtio-rng-pci");
    }

    [Fact]
    public void An_enormous_unknown_driver_is_reported_without_an_enormous_suggestion_search()
    {
        // (A device object is at most ConfigLimits.MaxDeviceTextLength characters; the driver is quoted up to a bound.)
        string driver = new('v', 60_000);
        long before = System.GC.GetAllocatedBytesForCurrentThread();
        ConfigError error = Single(Parse("{\"driver\": \"" + driver + "\"}"));
        long allocated = System.GC.GetAllocatedBytesForCurrentThread() - before;
        Is(error, ConfigErrorKind.UnknownDevice, 1, 12, value: ConfigLimits.Bound(driver));
        Assert.True(allocated < 64L << 20, "allocated " + (allocated >> 20) + " MiB");
    }

    [Fact]
    public void An_object_without_a_driver_is_missing_it()
    {
        Is(Single(Parse("  {\"id\": \"r0\"}")), ConfigErrorKind.Missing, 1, 3, deviceId: "r0", option: "driver", expected: "a string naming the device type");
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"virtio-rng-pci\"")]
    [InlineData("5")]
    [InlineData("null")]
    public void A_device_that_is_not_an_object_is_a_syntax_error(string json)
    {
        Is(Single(Parse(json)), ConfigErrorKind.Syntax, 1, 1);
    }

    [Fact]
    public void The_id_written_after_the_failing_option_is_still_named()
    {
        const string json = "{\"period\": \"x\", \"driver\": \"virtio-rng-pci\", \"id\": \"late\"}";
        Is(Single(Parse(json)), ConfigErrorKind.InvalidValue, 1, 12, Rng, "late", "period", "x", ExpectedOf("period"));
    }

    // ---- malformed JSON ----

    [Fact]
    public void A_missing_closing_brace_is_a_syntax_error_at_the_end()
    {
        const string json = "{\"driver\": \"virtio-rng-pci\",\n \"period\": 5\n";
        ConfigError error = Single(Parse(json));
        Is(error, ConfigErrorKind.Syntax, 3, 1);
        Assert.StartsWith("malformed JSON: ", error.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_trailing_comma_is_a_syntax_error_at_the_closing_brace()
    {
        const string json = "{\"driver\": \"virtio-rng-pci\",\n \"period\": 5,\n}";
        Is(Single(Parse(json)), ConfigErrorKind.Syntax, 3, 1);
    }

    [Fact]
    public void A_missing_colon_is_a_syntax_error_at_the_unexpected_token()
    {
        const string json = "{\"driver\": \"virtio-rng-pci\", \"period\" 5}";
        Is(Single(Parse(json)), ConfigErrorKind.Syntax, 1, PositionOf(json, "5}").Column);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Empty_input_is_a_syntax_error(string json)
    {
        ConfigError error = Single(Parse(json));
        Assert.Equal(ConfigErrorKind.Syntax, error.Kind);
        Assert.Equal(1, error.Location.Line);
    }

    [Fact]
    public void Content_after_the_object_is_a_syntax_error()
    {
        const string json = "{\"driver\": \"virtio-rng-pci\"} {}";
        Is(Single(Parse(json)), ConfigErrorKind.Syntax, 1, 30);
    }

    [Fact]
    public void Comments_are_skipped()
    {
        Device device = Succeeded(Parse("{ // the rng\n \"driver\": \"virtio-rng-pci\", /* rate */ \"period\": 5 }"));
        Assert.Equal(5U, ((VirtioRngPci)device).Period);
    }

    [Theory]
    [InlineData("{\"driver\": \"virtio-rng-pci\", \"romfile\": \"\\uD800\"}")]
    [InlineData("{\"driver\": \"\\uDC00\"}")]
    [InlineData("{\"driver\": \"virtio-rng-pci\", \"\\uD800x\": 1}")]
    [InlineData("{\"driver\": \"virtio-rng-pci\", \"id\": \"\\uD800\"}")]
    public void An_unpaired_surrogate_escape_is_a_syntax_error_at_its_string(string json)
    {
        ConfigError error = Single(Parse(json));
        int escape = json.IndexOf("\\u", System.StringComparison.Ordinal);
        int quote = json.LastIndexOf('"', escape);
        Is(error, ConfigErrorKind.Syntax, 1, quote + 1);
    }
}
