using System;
using System.IO;
using System.Diagnostics;
using System.Text;
using CsCheck;
using DeviceModel.Samples.Qemu;
using DeviceModel.Config;

namespace DeviceModel.Tests.Config;

// Inside the namespace so that ErrorAssert.Catalog wins over the DeviceModel.Catalog namespace.
using static DeviceModel.Tests.Config.ErrorAssert;

public sealed class MachineConfigTests
{
    private static ParseResult<MachineConfig> Read(string json, string? source = "vm.json", string? baseDirectory = null) =>
        JsonConfigReader.ReadMachineConfig(Encoding.UTF8.GetBytes(json), Catalog, source, baseDirectory);

    private const string Sample = """
        {
          "machine": "pc-i440fx-7.2",
          "devices": [
            { "driver": "virtio-rng-pci", "id": "rng0", "max-bytes": 1024, "period": 1000 },
            "virtio-rng-pci,id=rng1,addr=05.0"
          ]
        }
        """;

    [Fact]
    public void A_config_with_object_and_keyval_devices_reads_in_order()
    {
        MachineConfig config = Succeeded(Read(Sample));
        Assert.Equal("pc-i440fx-7.2", config.Machine);
        Assert.Null(config.HintsPath);
        Assert.Null(config.Smp);
        Assert.Equal(2, config.Devices.Length);
        var first = Assert.IsType<VirtioRngPci>(config.Devices[0]);
        Assert.Equal("rng0", first.Id);
        Assert.Equal(1024UL, first.MaxBytes);
        Assert.Equal(1000U, first.Period);
        var second = Assert.IsType<VirtioRngPci>(config.Devices[1]);
        Assert.Equal("rng1", second.Id);
        Assert.Equal(new PciAddress(5, 0), second.Addr);
        Assert.Equal(OptionSource.Default, second.SourceOf(second.Info.IndexOf("period")));
    }

    [Fact]
    public void The_sample_config_file_reads_from_disk()
    {
        string path = Path.Combine(RepoRoot(), "samples", "configs", "rng.json");
        MachineConfig config = Succeeded(JsonConfigReader.ReadMachineConfigFile(path, Catalog));
        Assert.Equal(2, config.Devices.Length);
    }

    [Fact]
    public void Smp_bom_and_comments_are_accepted()
    {
        MachineConfig config = Succeeded(Read("\uFEFF{ /* two cpus */ \"smp\": 2, \"devices\": [] }"));
        Assert.Equal(2, config.Smp);
        Assert.Null(config.Machine);
        Assert.Empty(config.Devices);
    }

    // ---- hints path ----

    [Fact]
    public void A_relative_hints_path_is_made_absolute_from_the_base_directory()
    {
        string baseDirectory = Path.Combine(Path.GetTempPath(), "dm-config");
        MachineConfig config = Succeeded(Read("{\"hints\": \"sub/vm.dmh\", \"devices\": []}", baseDirectory: baseDirectory));
        Assert.Equal(Path.GetFullPath(Path.Combine(baseDirectory, "sub", "vm.dmh")), config.HintsPath);
        Assert.True(Path.IsPathRooted(config.HintsPath));
    }

    [Fact]
    public void An_absolute_hints_path_is_kept_and_without_a_base_a_relative_one_is_too()
    {
        string absolute = Path.Combine(Path.GetTempPath(), "abs.dmh");
        string json = "{\"hints\": " + System.Text.Json.JsonSerializer.Serialize(absolute) + "}";
        Assert.Equal(absolute, Succeeded(Read(json, baseDirectory: "/elsewhere")).HintsPath);
        Assert.Equal("vm.dmh", Succeeded(Read("{\"hints\": \"vm.dmh\"}")).HintsPath);
    }

    [Fact]
    public void A_config_file_takes_its_hints_path_from_its_own_directory()
    {
        string directory = Path.Combine(Path.GetTempPath(), "dm-config-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            string path = Path.Combine(directory, "vm.json");
            File.WriteAllText(path, "{\"machine\": \"q35\", \"hints\": \"vm.dmh\", \"devices\": [\"virtio-rng-pci\"]}");
            MachineConfig config = Succeeded(JsonConfigReader.ReadMachineConfigFile(path, Catalog));
            Assert.Equal(Path.Combine(Path.GetFullPath(directory), "vm.dmh"), config.HintsPath);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_missing_config_file_is_an_io_error_naming_the_file()
    {
        string path = Path.Combine(Path.GetTempPath(), "dm-missing-" + Guid.NewGuid().ToString("N") + ".json");
        ConfigError error = Single(JsonConfigReader.ReadMachineConfigFile(path, Catalog));
        Is(error, ConfigErrorKind.Io, 0, 0, source: path);
    }

    // ---- errors ----

    [Fact]
    public void A_keyval_device_error_points_into_the_json_line()
    {
        const string json = "{\n  \"devices\": [\n    \"virtio-rng-pci,id=x,period=abc\"\n  ]\n}";
        ConfigError error = Single(Read(json));
        (int line, int column) = PositionOf(json, "abc");
        Assert.Equal((3, 33), (line, column));
        Is(error, ConfigErrorKind.InvalidValue, line, column, Rng, "x", "period", "abc", ExpectedOf("period"), source: "vm.json");
    }

    [Fact]
    public void A_keyval_unknown_option_in_a_config_points_at_its_key()
    {
        const string json = "{\"devices\": [\"virtio-rng-pci,max-byte=1\"]}";
        Is(Single(Read(json)), ConfigErrorKind.UnknownOption, 1, PositionOf(json, "max-byte").Column, Rng, null, "max-byte",
            suggestion: "max-bytes", source: "vm.json");
    }

    [Fact]
    public void Errors_in_object_devices_carry_file_line_and_column()
    {
        const string json = "{\n \"devices\": [\n  {\"driver\": \"virtio-rng-pci\", \"id\": \"a\",\n   \"packed\": 1}\n ]\n}";
        Is(Single(Read(json)), ConfigErrorKind.InvalidValue, 4, 14, Rng, "a", "packed", "1", ExpectedOf("packed"), source: "vm.json");
        Assert.Equal((4, 14), PositionOf(json, "1}"));
    }

    [Fact]
    public void Errors_of_every_device_are_reported_in_order_and_no_config_is_returned()
    {
        const string json = "{\"machine\": \"pc\", \"devices\": [\n" +
            " \"virtio-rng-pci,id=a,period=0\",\n" +
            " {\"driver\": \"virtio-rng-pci\", \"id\": \"b\"},\n" +
            " {\"driver\": \"virtio-rng-pcx\", \"id\": \"c\"},\n" +
            " 7\n]}";
        ConfigError[] errors = Failed(Read(json), 3);
        Is(errors[0], ConfigErrorKind.OutOfRange, 2, PositionOf(json, "0\"").Column, Rng, "a", "period", "0", ExpectedOf("period"), source: "vm.json");
        Is(errors[1], ConfigErrorKind.UnknownDevice, 4, PositionOf(json, "\"virtio-rng-pcx\"").Column, deviceId: "c", value: "virtio-rng-pcx",
            suggestion: "virtio-rng-pci", source: "vm.json");
        Is(errors[2], ConfigErrorKind.Syntax, 5, 2, source: "vm.json");
    }

    [Fact]
    public void Duplicate_device_ids_across_devices_are_an_invalid_reference_at_the_second_device()
    {
        const string json = "{\"devices\": [\n {\"driver\": \"virtio-rng-pci\", \"id\": \"r\"},\n \"virtio-rng-pci,id=r\"\n]}";
        ConfigError error = Single(Read(json));
        Is(error, ConfigErrorKind.InvalidReference, 3, 2, Rng, "r", "id", "r", source: "vm.json");
        Assert.Contains("'r'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Devices_without_ids_never_clash()
    {
        Assert.Equal(3, Succeeded(Read("{\"devices\": [\"virtio-rng-pci\", \"virtio-rng-pci\", {\"driver\": \"virtio-rng-pci\"}]}")).Devices.Length);
    }

    [Fact]
    public void An_unknown_key_suggests_the_closest_config_key()
    {
        const string json = "{\n  \"machin\": \"pc\"\n}";
        Is(Single(Read(json)), ConfigErrorKind.UnknownOption, 2, 3, option: "machin", suggestion: "machine", source: "vm.json");
    }

    [Fact]
    public void A_duplicate_key_is_reported_at_the_second_key()
    {
        const string json = "{\"machine\": \"pc\",\n \"machine\": \"q35\"}";
        Is(Single(Read(json)), ConfigErrorKind.DuplicateOption, 2, 2, option: "machine", source: "vm.json");
    }

    [Theory]
    [InlineData("{\"machine\": 5}", "machine", "5", "a string")]
    [InlineData("{\"hints\": true}", "hints", "true", "a string")]
    [InlineData("{\"smp\": 0}", "smp", "0", "an integer from 1 to 1024")]
    [InlineData("{\"smp\": 1025}", "smp", "1025", "an integer from 1 to 1024")]
    [InlineData("{\"smp\": \"2\"}", "smp", "2", "an integer from 1 to 1024")]
    public void Top_level_values_of_the_wrong_type_are_invalid(string json, string key, string value, string expected)
    {
        int column = json.IndexOf(':', StringComparison.Ordinal) + 3;
        Is(Single(Read(json)), ConfigErrorKind.InvalidValue, 1, column, option: key, value: value, expected: expected, source: "vm.json");
    }

    [Fact]
    public void Devices_must_be_an_array()
    {
        Is(Single(Read("{\"devices\": {}}")), ConfigErrorKind.Syntax, 1, 13, option: "devices", source: "vm.json");
    }

    [Fact]
    public void A_config_that_is_not_an_object_is_refused()
    {
        Is(Single(Read("[\"virtio-rng-pci\"]")), ConfigErrorKind.Syntax, 1, 1, source: "vm.json");
    }

    [Fact]
    public void A_missing_brace_is_a_syntax_error_with_position()
    {
        const string json = "{\n  \"machine\": \"pc\",\n  \"devices\": [\"virtio-rng-pci\"]\n";
        ConfigError error = Single(Read(json));
        Is(error, ConfigErrorKind.Syntax, 4, 1, source: "vm.json");
        Assert.StartsWith("malformed JSON: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_trailing_comma_is_a_syntax_error_at_the_closing_bracket()
    {
        const string json = "{\n  \"devices\": [\"virtio-rng-pci\",\n  ]\n}";
        Is(Single(Read(json)), ConfigErrorKind.Syntax, 3, 3, source: "vm.json");
    }

    [Fact]
    public void A_syntax_error_after_a_device_error_is_reported_after_it()
    {
        const string json = "{\"devices\": [\"virtio-rng-pci,period=x\"], }";
        ConfigError[] errors = Failed(Read(json), 2);
        Assert.Equal(ConfigErrorKind.InvalidValue, errors[0].Kind);
        Is(errors[1], ConfigErrorKind.Syntax, 1, json.Length, source: "vm.json");
    }

    [Fact]
    public void Multi_byte_characters_before_an_error_count_as_one_column_each()
    {
        const string json = "{\"devices\": [{\"driver\": \"virtio-rng-pci\", \"romfile\": \"\u00e9\u20ac\", \"period\": 0}]}";
        Is(Single(Read(json)), ConfigErrorKind.OutOfRange, 1, PositionOf(json, "0}").Column, Rng, null, "period", "0", ExpectedOf("period"), source: "vm.json");
    }

    [Fact]
    public void An_unpaired_surrogate_escape_in_a_config_is_a_syntax_error()
    {
        const string json = "{\"machine\": \"pc\",\n \"hints\": \"\\uDBFF\"}";
        Is(Single(Read(json)), ConfigErrorKind.Syntax, 2, 11, source: "vm.json");
    }

    [Fact]
    public void Invalid_utf8_is_an_error_not_an_exception()
    {
        byte[] bytes = Encoding.UTF8.GetBytes("{\"machine\": \"pc-X\"}");
        bytes[15] = 0xFF;
        ParseResult<MachineConfig> result = JsonConfigReader.ReadMachineConfig(bytes, Catalog, "vm.json");
        ConfigError error = Single(result);
        Assert.Equal(ConfigErrorKind.Syntax, error.Kind);
        Assert.Equal(1, error.Location.Line);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n")]
    public void Empty_input_is_a_syntax_error(string json)
    {
        Assert.Equal(ConfigErrorKind.Syntax, Single(Read(json)).Kind);
    }

    [Fact]
    public void Positions_stay_exact_deep_into_long_multi_byte_configs()
    {
        // Text of one-, two-, three- and four-byte UTF-8 characters, on long lines or many, with the bad value anywhere.
        Gen<string> romfile = Gen.OneOfConst("a", "b", " ", "\u00e9", "\u20ac", "\ud83d\ude00", "\u4e2d").Array[0, 120].Select(parts => string.Concat(parts));
        Gen.Select(romfile.Array[1, 150], Gen.Int[0, 10_000], Gen.Bool, Gen.Bool).Sample((romfiles, pick, newlines, asKeyval) =>
        {
            int bad = pick % romfiles.Length;
            var json = new StringBuilder("{\"machine\": \"pc\", \"devices\": [");
            for (int i = 0; i < romfiles.Length; i++)
            {
                if (i > 0) json.Append(',');
                if (newlines) json.Append("\n  ");
                string period = i == bad ? "0" : "5";
                json.Append(asKeyval
                    ? "\"virtio-rng-pci,romfile=" + romfiles[i] + ",period=" + period + "\""
                    : "{\"driver\": \"virtio-rng-pci\", \"romfile\": \"" + romfiles[i] + "\", \"period\": " + period + "}");
            }
            json.Append("]}");
            string text = json.ToString();
            ConfigError error = Single(JsonConfigReader.ReadMachineConfig(Encoding.UTF8.GetBytes(text), Catalog, "vm.json"));
            (int line, int column) = PositionOf(text, asKeyval ? "period=0" : "\"period\": 0");
            Assert.Equal(new SourceLocation("vm.json", line, column + (asKeyval ? 7 : 10)), error.Location);
        }, iter: 300);
    }

    [Fact]
    public void A_large_config_reads_in_linear_time()
    {
        // 2000 devices on one 700 KB line: a location lookup that rescans from the start took ~40 s here.
        var json = new StringBuilder("{\"devices\": [");
        string romfile = new('\u00e9', 140);
        for (int i = 0; i < 2000; i++)
        {
            if (i > 0) json.Append(',');
            json.Append("{\"driver\": \"virtio-rng-pci\", \"id\": \"d").Append(i).Append("\", \"period\": 5, \"packed\": true, \"romfile\": \"").Append(romfile).Append("\"}");
        }
        json.Append(", 7]}");
        byte[] bytes = Encoding.UTF8.GetBytes(json.ToString());
        var clock = Stopwatch.StartNew();
        ConfigError error = Single(JsonConfigReader.ReadMachineConfig(bytes, Catalog));
        clock.Stop();
        Assert.Equal(new SourceLocation(null, 1, json.Length - 2), error.Location);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), "reading took " + clock.Elapsed); // ~1 s now, even under test-run load
    }

    private static string RepoRoot()
    {
        string? directory = AppContext.BaseDirectory;
        while (directory is not null && !File.Exists(Path.Combine(directory, "DeviceModel.sln"))) directory = Path.GetDirectoryName(directory);
        return directory ?? throw new InvalidOperationException("DeviceModel.sln not found above " + AppContext.BaseDirectory);
    }
}
