using System;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Text;
using DeviceModel.Compat;
using DeviceModel.Config;
using DeviceModel.Hints;
using DeviceModel.Samples.Qemu;
using Xunit;

namespace DeviceModel.Tests.Config;

/// <summary>Limits agree end to end, and no input gives unbounded errors, memory or time (issue 11, items 1, 3, 5).</summary>
public sealed class LimitTests
{
    private static DeviceModel.Catalog.DeviceCatalog Catalog => QemuCatalog.Catalog;

    private static ParseResult<MachineConfig> Read(string json) => JsonConfigReader.ReadMachineConfig(Encoding.UTF8.GetBytes(json), Catalog, "vm.json");

    private static void Bounded(ImmutableArray<ConfigError> errors)
    {
        Assert.InRange(errors.Length, 1, ConfigLimits.MaxErrors + 1);
        foreach (ConfigError error in errors) Assert.InRange(error.ToString().Length, 1, 2048);
    }

    [Fact]
    public void A_string_option_over_the_limit_is_refused_at_parse_naming_the_limit()
    {
        ParseResult<Device> result = KeyvalParser.ParseDevice("virtio-blk-pci,id=b0,serial=" + new string('a', ConfigLimits.MaxStringBytes + 1), Catalog);
        ConfigError error = Assert.Single(result.Errors);
        Assert.Equal(ConfigErrorKind.LimitExceeded, error.Kind);
        Assert.Equal("serial", error.Option);
        Assert.Contains("MaxStringBytes", error.Message, StringComparison.Ordinal);
        Assert.Equal(29, error.Location.Column);
        Assert.Contains("(4,097 characters)", error.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void An_id_over_the_limit_is_refused_at_parse_naming_the_limit()
    {
        ConfigError error = Assert.Single(KeyvalParser.ParseDevice("virtio-rng-pci,id=" + new string('r', 256), Catalog).Errors);
        Assert.Equal(ConfigErrorKind.LimitExceeded, error.Kind);
        Assert.Contains("MaxIdLength", error.Message, StringComparison.Ordinal);
        ConfigError json = Assert.Single(JsonConfigReader.ParseDevice("{\"driver\":\"virtio-rng-pci\",\"id\":\"" + new string('r', 256) + "\"}", Catalog).Errors);
        Assert.Equal(ConfigErrorKind.LimitExceeded, json.Kind);
    }

    [Fact]
    public void Ids_and_strings_at_the_limit_resolve_dump_and_reload()
    {
        string id = "b" + new string('x', ConfigLimits.MaxIdLength - 1);
        Device device = KeyvalParser.ParseDevice("virtio-blk-pci,id=" + id + ",serial=" + new string('s', ConfigLimits.MaxStringBytes), Catalog).GetValueOrThrow();
        ResolvedMachine resolved = CompatResolver.Resolve(new MachineConfig("q35", null, 1, ImmutableArray.Create(device)), Catalog).GetValueOrThrow();
        byte[] file = HintsFileWriter.Serialize(resolved.ToHintsFile(Catalog.RequireMachines()));
        HintsFile back = HintsFileReader.Read(file, Catalog).GetValueOrThrow();
        Assert.Equal(id, Assert.Single(back.Records).Key);
    }

    [Fact]
    public void A_device_built_in_code_past_a_limit_is_refused_at_resolve()
    {
        Device blk = KeyvalParser.ParseDevice("virtio-blk-pci,id=b0", Catalog).GetValueOrThrow();
        blk.SetOption(blk.Info.IndexOf("serial"), OptionValue.FromString(new string('s', ConfigLimits.MaxStringBytes + 1)), OptionSource.Explicit);
        ParseResult<ResolvedMachine> result = CompatResolver.Resolve(new MachineConfig("q35", null, 1, ImmutableArray.Create(blk)), Catalog);
        ConfigError error = Assert.Single(result.Errors);
        Assert.Equal(ConfigErrorKind.LimitExceeded, error.Kind);
        Assert.Equal("serial", error.Option);
        Assert.Contains("MaxStringBytes", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The largest configuration q35 places — 30 root slots × 8 functions of pcie-root-ports, each with 8 functions
    /// behind it of the device whose hints record is largest, every string option at its longest — resolves,
    /// dumps within the hints file limit and reloads.
    /// </summary>
    [Fact]
    public void The_largest_configuration_a_machine_places_dumps_and_reloads()
    {
        // The device type with the largest record: every string option at the limit; function 0 of every slot is
        // multifunction (QEMU refuses functions 1-7 of a single-function slot).
        static int RecordBytes(DeviceInfo d) => d.Options.Where(o => !o.HostOnly)
            .Sum(o => 3 + o.Name.Length + o.Kind switch { OptionKind.String => 2 + ConfigLimits.MaxStringBytes, OptionKind.Enum => 2 + 32, OptionKind.Bool => 1, _ => 8 });
        DeviceInfo largest = Catalog.Devices.Where(d => d.Name != "pcie-root-port")
            .OrderByDescending(RecordBytes).ThenBy(d => d.Name, StringComparer.Ordinal).First();
        string strings = string.Concat(largest.Options.Where(o => !o.HostOnly && o.Kind == OptionKind.String)
            .Select(o => "," + o.Name + "=" + new string('v', ConfigLimits.MaxStringBytes)));
        var devices = ImmutableArray.CreateBuilder<Device>();
        int chassis = 0;
        for (int slot = 1; slot < 31; slot++)
        {
            for (int fn = 0; fn < 8; fn++)
            {
                string port = "p" + slot + "x" + fn + new string('i', 200);
                chassis++;
                devices.Add(KeyvalParser.ParseDevice("pcie-root-port,id=" + port + ",chassis=" + chassis + ",addr=" + slot.ToString("x", System.Globalization.CultureInfo.InvariantCulture) + "." + fn + (fn == 0 ? ",multifunction=on" : ""), Catalog).GetValueOrThrow());
                for (int f = 0; f < 8; f++)
                {
                    devices.Add(KeyvalParser.ParseDevice(largest.Name + ",id=d" + chassis + "x" + f + new string('i', 240) + ",bus=" + port + ",addr=0." + f + (f == 0 ? ",multifunction=on" : "") + strings, Catalog).GetValueOrThrow());
                }
            }
        }
        Assert.Equal(2160, devices.Count);
        ResolvedMachine resolved = CompatResolver.Resolve(new MachineConfig("q35", null, 1, devices.ToImmutable()), Catalog).GetValueOrThrow();
        byte[] file = HintsFileWriter.Serialize(resolved.ToHintsFile(Catalog.RequireMachines()));
        Assert.InRange(file.Length, 1, ConfigLimits.MaxHintsFileBytes);
        Assert.Equal(2160, HintsFileReader.Read(file, Catalog).GetValueOrThrow().Records.Length);
    }

    [Fact]
    public void More_devices_than_a_machine_places_are_refused_at_parse()
    {
        var json = new StringBuilder("{\"devices\":[");
        for (int i = 0; i < ConfigLimits.MaxDevices + 5; i++) json.Append(i == 0 ? "" : ",").Append("\"virtio-rng-pci\"");
        ConfigError error = Assert.Single(Read(json.Append("]}").ToString()).Errors);
        Assert.Equal(ConfigErrorKind.LimitExceeded, error.Kind);
        Assert.Contains("MaxDevices", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mebibyte_of_empty_pairs_gives_a_bounded_error_list_quickly()
    {
        string text = "virtio-rng-pci" + string.Concat(Enumerable.Repeat(",=", (ConfigLimits.MaxDeviceTextLength - 14) / 2));
        var watch = Stopwatch.StartNew();
        ImmutableArray<ConfigError> errors = KeyvalParser.ParseDevice(text, Catalog).Errors;
        Bounded(errors);
        Assert.Equal(ConfigErrorKind.TooManyErrors, errors[^1].Kind);
        Assert.Contains("more errors", errors[^1].Message, StringComparison.Ordinal);
        // A longer string is refused whole, with one error.
        Assert.Equal(ConfigErrorKind.LimitExceeded, Assert.Single(KeyvalParser.ParseDevice(string.Concat(Enumerable.Repeat(",=", 1 << 19)), Catalog).Errors).Kind);
        Assert.True(watch.ElapsedMilliseconds < 5000, watch.ElapsedMilliseconds + " ms");
    }

    [Fact]
    public void A_mebibyte_config_of_wrong_devices_gives_a_bounded_error_list_quickly()
    {
        string json = "{\"devices\":[" + string.Join(",", Enumerable.Repeat("1", 1 << 19)) + "]}";
        var watch = Stopwatch.StartNew();
        ImmutableArray<ConfigError> errors = Read(json).Errors;
        Bounded(errors);
        Assert.Equal(ConfigErrorKind.TooManyErrors, errors[^1].Kind);
        // One device string per entry, each full of mistakes: still bounded.
        string keyvals = "{\"devices\":[" + string.Join(",", Enumerable.Repeat("\"virtio-rng-pci" + string.Concat(Enumerable.Repeat(",=", 200)) + "\"", 2000)) + "]}";
        Bounded(Read(keyvals).Errors);
        Assert.True(watch.ElapsedMilliseconds < 5000, watch.ElapsedMilliseconds + " ms");
    }

    [Fact]
    public void A_machine_config_buffer_over_the_limit_is_refused_before_reading()
    {
        byte[] big = new byte[ConfigLimits.MaxConfigBytes + 1];
        ConfigError error = Assert.Single(JsonConfigReader.ReadMachineConfig(big, Catalog, "vm.json").Errors);
        Assert.Equal(ConfigErrorKind.LimitExceeded, error.Kind);
        Assert.Contains("MaxConfigBytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_token_is_quoted_up_to_a_bound_with_its_length()
    {
        string name = new string('n', 60000);
        ConfigError error = Assert.Single(KeyvalParser.ParseDevice(name, Catalog).Errors);
        Assert.Equal(ConfigErrorKind.UnknownDevice, error.Kind);
        Assert.Contains("…' (60,000 characters)", error.Message, StringComparison.Ordinal);
        Assert.InRange(error.ToString().Length, 1, 400);
        ConfigError value = Assert.Single(KeyvalParser.ParseDevice("virtio-rng-pci,max-bytes=" + new string('9', 50000), Catalog).Errors);
        Assert.InRange(value.ToString().Length, 1, 400);
    }

    [Theory]
    [InlineData("{\"smp\": {\"machine\": 1, \"devices\": 2}, \"machine\": \"q35\"}", "an object")]
    [InlineData("{\"smp\": [1, 2], \"machine\": \"q35\"}", "an array")]
    public void Smp_of_the_wrong_kind_is_reported_at_smp_and_skipped(string json, string kind)
    {
        ConfigError error = Assert.Single(Read(json).Errors);
        Assert.Equal(ConfigErrorKind.InvalidValue, error.Kind);
        Assert.Equal("smp", error.Option);
        Assert.Equal(1, error.Location.Line);
        Assert.Equal(9, error.Location.Column);
        Assert.Contains(kind, error.Message, StringComparison.Ordinal);
        Assert.Equal("an integer from 1 to 1024", error.Expected);
    }
}
