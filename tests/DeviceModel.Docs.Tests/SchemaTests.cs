using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DeviceModel.Samples.Qemu;
using Json.Schema;
using DeviceModel.Config;
using DeviceModel.Compat;
using DeviceModel.Tooling.Docs;

namespace DeviceModel.Docs.Tests;

/// <summary>
/// <c>devmodel schema</c>: a valid draft 2020-12 schema that accepts the bundled configs and every device the product
/// can write, and rejects what the config reader rejects.
/// </summary>
public sealed class SchemaTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(MachineConfigSchema.Generate(QemuCatalog.Catalog)));

    private static readonly JsonDocumentOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Skip };

    [Fact]
    public void Schema_is_valid_draft_2020_12()
    {
        JsonNode? schema = JsonNode.Parse(MachineConfigSchema.Generate(QemuCatalog.Catalog));
        Assert.Equal(MachineConfigSchema.Dialect, (string?)schema!["$schema"]);
        EvaluationResults results = MetaSchemas.Draft202012.Evaluate(schema, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(results.IsValid, Describe(results));
    }

    [Fact]
    public void Schema_command_prints_the_schema_and_writes_it_with_out()
    {
        string expected = MachineConfigSchema.Generate(QemuCatalog.Catalog);
        (int exit, string output, _) = Repo.Devmodel("schema");
        Assert.Equal(0, exit);
        Assert.Equal(expected, output);

        using var temp = new Repo.TempDirectory();
        string file = Path.Combine(temp.Path, "schema.json");
        (exit, _, _) = Repo.Devmodel("schema", "--out", file);
        Assert.Equal(0, exit);
        Assert.Equal(expected, File.ReadAllText(file));
    }

    public static TheoryData<string> BundledConfigs()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.EnumerateFiles(Repo.PathOf("samples", "configs"), "*.json").OrderBy(f => f, StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(BundledConfigs))]
    public void Bundled_config_is_valid(string name)
    {
        string text = File.ReadAllText(Repo.PathOf("samples", "configs", name));
        EvaluationResults results = Evaluate(text);
        Assert.True(results.IsValid, name + ": " + Describe(results));
        Assert.True(Accepted(text), name + " should also be accepted by the config reader and the resolver");
    }

    [Theory]
    [InlineData("unknown top-level key", """{ "machine": "pc", "machines": "q35" }""")]
    [InlineData("unknown machine type", """{ "machine": "pc-i440fx-9.9" }""")]
    [InlineData("smp out of range", """{ "smp": 0 }""")]
    [InlineData("devices not an array", """{ "devices": { "driver": "virtio-rng-pci" } }""")]
    [InlineData("unknown driver", """{ "devices": [ { "driver": "virtio-foo-pci" } ] }""")]
    [InlineData("unknown driver in a keyval string", """{ "devices": [ "virtio-foo-pci,id=f0" ] }""")]
    [InlineData("device without a driver", """{ "devices": [ { "id": "rng0" } ] }""")]
    [InlineData("misspelt option", """{ "devices": [ { "driver": "virtio-rng-pci", "max-byte": 1024 } ] }""")]
    [InlineData("bool option given a number", """{ "devices": [ { "driver": "virtio-net-pci", "mq": 1 } ] }""")]
    [InlineData("bool option given another word", """{ "devices": [ { "driver": "virtio-net-pci", "mq": "maybe" } ] }""")]
    [InlineData("integer below the option's limit", """{ "devices": [ { "driver": "virtio-rng-pci", "period": 0 } ] }""")]
    [InlineData("integer above the type's range", """{ "devices": [ { "driver": "virtio-net-pci", "host_mtu": 65536 } ] }""")]
    [InlineData("integer given text", """{ "devices": [ { "driver": "virtio-rng-pci", "period": "often" } ] }""")]
    [InlineData("integer with a leading zero", """{ "devices": [ { "driver": "virtio-rng-pci", "period": "010" } ] }""")]
    [InlineData("malformed MAC", """{ "devices": [ { "driver": "virtio-net-pci", "mac": "52:54:00:12:34" } ] }""")]
    [InlineData("PCI slot out of range", """{ "devices": [ { "driver": "virtio-rng-pci", "addr": "20.0" } ] }""")]
    [InlineData("OnOffAuto given a boolean", """{ "devices": [ { "driver": "virtio-net-pci", "disable-legacy": true } ] }""")]
    [InlineData("enum given an unknown name", """{ "devices": [ { "driver": "virtio-blk-pci", "rerror": "panic" } ] }""")]
    [InlineData("bad size suffix", """{ "devices": [ { "driver": "virtio-blk-pci", "min_io_size": "4q" } ] }""")]
    [InlineData("null for an option that is never unset", """{ "devices": [ { "driver": "virtio-net-pci", "mq": null } ] }""")]
    [InlineData("invalid id", """{ "devices": [ { "driver": "virtio-rng-pci", "id": "0rng" } ] }""")]
    public void Broken_config_is_rejected_by_the_schema_and_the_reader(string what, string text)
    {
        EvaluationResults results = Evaluate(text);
        Assert.False(results.IsValid, what + ": the schema accepted it");
        Assert.False(Accepted(text), what + ": the config reader and the resolver accepted it (the test's example is wrong)");
    }

    [Theory]
    [InlineData("""{ "devices": [ { "driver": "virtio-net-pci", "mq": "on", "vectors": "0x8", "addr": "05", "disable-legacy": "auto" } ] }""")]
    [InlineData("""{ "devices": [ { "driver": "virtio-net-pci", "vectors": "auto", "mac": "auto", "romfile": null } ] }""")]
    [InlineData("""{ "devices": [ { "driver": "virtio-blk-pci", "min_io_size": "4k", "opt_io_size": 1048576, "discard_granularity": "1.5M", "rerror": "stop" } ] }""")]
    [InlineData("""{ "devices": [ { "driver": "virtio-net-pci", "bootindex": -1, "speed": "+100" } ] }""")]
    [InlineData("""{ "machine": "q35", "smp": 4, "hints": "vm.dmh", "devices": [ "virtio-rng-pci,id=r0,max-bytes=1024" ] }""")]
    public void Values_in_the_value_syntax_are_accepted_as_the_reader_accepts_them(string text)
    {
        EvaluationResults results = Evaluate(text);
        Assert.True(results.IsValid, Describe(results));
        Assert.True(Accepted(text), "the product refuses the test's example");
    }

    [Fact]
    public void Every_device_written_with_every_option_is_valid()
    {
        // What the product writes (KeyvalFormatter, as `resolve --format json` does) must pass the schema: each sample
        // device resolved on a PCI Express machine, with every option, as an object and as a -device string.
        var devices = ImmutableArray.CreateBuilder<Device>();
        int n = 0;
        foreach (DeviceInfo info in QemuCatalog.Catalog.Devices)
        {
            Device device = info.Create();
            device.Id = "d" + n++;
            // PCI Express slots need distinct (chassis, slot), as in QEMU.
            if (info.IndexOf("chassis") is int chassis and >= 0) device.SetOption(chassis, OptionValue.FromInteger(info.Options[chassis].Kind, (ulong)n), OptionSource.Explicit);
            devices.Add(device);
        }
        ParseResult<ResolvedMachine> resolved = CompatResolver.Resolve(new MachineConfig("q35", null, 2, devices.ToImmutable()), QemuCatalog.Catalog);
        Assert.True(resolved.Succeeded, string.Join("\n", resolved.Errors));

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("machine", "q35");
            writer.WriteStartArray("devices");
            foreach (ResolvedDevice device in resolved.Value!.Devices)
            {
                KeyvalFormatter.WriteJson(writer, device.Device, allOptions: true);
                writer.WriteStringValue(device.Device.ToKeyval(allOptions: true));
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        string text = Encoding.UTF8.GetString(stream.ToArray());
        EvaluationResults results = Evaluate(text);
        Assert.True(results.IsValid, Describe(results) + "\n" + text);
    }

    [Fact]
    public void Option_schema_carries_type_limits_default_and_history()
    {
        JsonNode schema = JsonNode.Parse(MachineConfigSchema.Generate(QemuCatalog.Catalog))!;
        JsonNode net = schema["$defs"]!["device:virtio-net-pci"]!;
        Assert.Equal("virtio-net-pci", (string?)net["properties"]!["driver"]!["const"]);
        Assert.False((bool)net["additionalProperties"]!);

        JsonNode vectors = net["properties"]!["vectors"]!;
        Assert.Equal(4, (int)vectors["default"]!);
        Assert.Contains("3 before 6.0", (string?)vectors["description"], StringComparison.Ordinal);
        JsonNode integer = vectors["anyOf"]!.AsArray().First(a => (string?)a!["type"] == "integer")!;
        Assert.Equal(0L, (long)integer["minimum"]!);
        Assert.Equal(uint.MaxValue, (ulong)integer["maximum"]!);

        JsonNode period = schema["$defs"]!["device:virtio-rng-pci"]!["properties"]!["period"]!;
        Assert.Equal(1L, (long)period["anyOf"]!.AsArray().First(a => (string?)a!["type"] == "integer")!["minimum"]!);

        JsonNode machine = schema["properties"]!["machine"]!;
        string[] names = machine["enum"]!.AsArray().Select(v => (string)v!).ToArray();
        Assert.Contains("pc-i440fx-5.2", names);
        Assert.Contains("pc-q35-4.0.1", names);
        Assert.Contains("pc", names);
        Assert.Contains("q35", names);
    }

    private static EvaluationResults Evaluate(string text) =>
        Schema.Value.Evaluate(JsonNode.Parse(text, documentOptions: ReaderOptions), new EvaluationOptions { OutputFormat = OutputFormat.List });

    /// <summary>Whether the product takes the config: the reader parses it and the resolver resolves it (hints file aside).</summary>
    private static bool Accepted(string text)
    {
        ParseResult<MachineConfig> read = JsonConfigReader.ReadMachineConfig(Encoding.UTF8.GetBytes(text), QemuCatalog.Catalog, "test.json");
        return read.Succeeded && CompatResolver.Resolve(read.Value! with { HintsPath = null }, QemuCatalog.Catalog).Succeeded;
    }

    private static string Describe(EvaluationResults results)
    {
        var lines = new List<string>();
        if (results.Errors is not null) lines.AddRange(results.Errors.Select(e => results.InstanceLocation + ": " + e.Key + ": " + e.Value));
        foreach (EvaluationResults detail in results.Details)
        {
            if (detail.Errors is null) continue;
            foreach (KeyValuePair<string, string> error in detail.Errors) lines.Add(detail.InstanceLocation + " (" + detail.EvaluationPath + "): " + error.Key + ": " + error.Value);
        }
        return lines.Count == 0 ? "(no error details)" : string.Join("\n", lines.Take(20));
    }
}
