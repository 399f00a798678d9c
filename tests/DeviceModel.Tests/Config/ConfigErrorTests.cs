using System;
using DeviceModel.Config;

namespace DeviceModel.Tests.Config;

// Inside the namespace so that ErrorAssert.Catalog wins over the DeviceModel.Catalog namespace.
using static DeviceModel.Tests.Config.ErrorAssert;

public sealed class ConfigErrorTests
{
    [Fact]
    public void ToString_of_a_value_error_names_location_device_option_value_and_expected_form()
    {
        ConfigError error = Single(KeyvalParser.ParseDevice("virtio-rng-pci,id=r0,max-bytes=abc", Catalog, "--device #1"));
        Assert.Equal(
            "--device #1, column 32: virtio-rng-pci 'r0': option 'max-bytes': 'abc' is not a valid uint64; expected a uint64 value from 0 to 9223372036854775807",
            error.ToString());
    }

    [Fact]
    public void ToString_of_an_unknown_option_ends_with_the_suggestion()
    {
        ConfigError error = Single(JsonConfigReader.ParseDevice("{\"driver\": \"virtio-rng-pci\",\n \"max-byte\": 1}", Catalog, "vm.json"));
        string text = error.ToString();
        Assert.Equal("vm.json:2:2: virtio-rng-pci: option 'max-byte': unknown option; did you mean 'max-bytes'?", text);
    }

    [Fact]
    public void ToString_contains_every_field_that_is_set()
    {
        var error = new ConfigError(ConfigErrorKind.InvalidValue, "'zz' is not a valid bool", new SourceLocation("vm.json", 3, 7),
            "virtio-net-pci", "net0", "mq", "zz", "a boolean", "mq");
        string text = error.ToString();
        Assert.Equal("vm.json:3:7: virtio-net-pci 'net0': option 'mq': 'zz' is not a valid bool; expected a boolean; did you mean 'mq'?", text);
        foreach (string part in new[] { "vm.json:3:7", "virtio-net-pci", "'net0'", "'mq'", "'zz'", "expected a boolean", "did you mean" })
        {
            Assert.Contains(part, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ToString_names_a_device_by_id_when_its_type_is_unknown()
    {
        var error = new ConfigError(ConfigErrorKind.UnknownDevice, "unknown device type 'x'", new SourceLocation(null, 0, 1), DeviceId: "d0", Value: "x");
        Assert.Equal("column 1: device 'd0': unknown device type 'x'", error.ToString());
        Assert.Equal("bare", new ConfigError(ConfigErrorKind.Io, "bare", default).ToString());
    }

    [Theory]
    [InlineData("vm.json", 3, 7, "vm.json:3:7")]
    [InlineData(null, 3, 7, "3:7")]
    [InlineData("--device #2", 0, 5, "--device #2, column 5")]
    [InlineData(null, 0, 5, "column 5")]
    [InlineData("vm.json", 0, 0, "vm.json")]
    [InlineData(null, 0, 0, "")]
    public void SourceLocation_formats_as_source_line_column(string? source, int line, int column, string expected)
    {
        Assert.Equal(expected, new SourceLocation(source, line, column).ToString());
    }

    [Fact]
    public void Errors_are_values_compared_field_by_field()
    {
        var a = new ConfigError(ConfigErrorKind.Missing, "m", new SourceLocation("s", 1, 2), Option: "o");
        Assert.Equal(a, a with { });
        Assert.NotEqual(a, a with { Location = new SourceLocation("s", 1, 3) });
        Assert.NotEqual(a, a with { Suggestion = "p" });
    }

    [Fact]
    public void A_parse_result_is_a_value_or_errors_never_both()
    {
        ParseResult<string> ok = ParseResult<string>.Success("v");
        Assert.True(ok.Succeeded);
        Assert.Equal("v", ok.GetValueOrThrow());
        Assert.True(ok.Errors.IsEmpty);

        var error = new ConfigError(ConfigErrorKind.Missing, "m", default);
        ParseResult<string> failed = ParseResult<string>.Failure(new[] { error });
        Assert.False(failed.Succeeded);
        Assert.Null(failed.Value);
        Assert.Same(error, Assert.Single(failed.Errors));
        Assert.Same(error, Assert.Single(Assert.Throws<ConfigException>(() => failed.GetValueOrThrow()).Errors));

        Assert.Throws<ArgumentException>(() => ParseResult<string>.Failure(Array.Empty<ConfigError>()));
    }
}
