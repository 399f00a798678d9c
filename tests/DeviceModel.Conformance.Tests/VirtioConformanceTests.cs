using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using DeviceModel.Compat;
using DeviceModel.Config;
using DeviceModel.Conformance.Tests.Goldens;
using DeviceModel.Conformance.Tests.Harness;
using DeviceModel.Hints;
using DeviceModel.Pci;
using DeviceModel.Samples.Qemu;
using DeviceModel.Virtio;
using Xunit.Abstractions;

namespace DeviceModel.Conformance.Tests;

/// <summary>
/// Every recorded virtio ABI case (tests/goldens/qemu-virtio: what QEMU 7.2 shows a driver through qtest — features,
/// virtqueue sizes and device config on each interface — for every virtio sample on every machine type and variant)
/// goes through the device path (<c>-device</c> strings, <see cref="CompatResolver"/>, <see cref="VirtioPciDevice.DescribeVirtio"/>)
/// and gives the same JSON object as <c>devmodel virtio --format json</c>; what QEMU refused is refused.
/// </summary>
public sealed class VirtioConformanceTests(ITestOutputHelper output)
{
    internal static string Directory => Path.Combine(Repository.Root, "tests", "goldens", "qemu-virtio");

    private static readonly Lazy<Dictionary<string, JsonDocument>> Files = new(() =>
        System.IO.Directory.GetFiles(Directory, "*.json").Order(StringComparer.Ordinal)
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f), f => JsonDocument.Parse(File.ReadAllBytes(f)), StringComparer.Ordinal));

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach ((string device, JsonDocument file) in Files.Value)
        {
            foreach (JsonProperty machine in file.RootElement.GetProperty("machines").EnumerateObject())
            {
                foreach (JsonProperty variant in machine.Value.EnumerateObject()) data.Add(device, machine.Name, variant.Name);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Recorded_virtio_abi_conforms(string device, string machine, string variant)
    {
        JsonElement root = Files.Value[device].RootElement;
        JsonElement expected = root.GetProperty("abi").GetProperty(root.GetProperty("machines").GetProperty(machine).GetProperty(variant).GetString()!);
        JsonElement recipe = root.GetProperty("variants").GetProperty(variant);
        string options = recipe.GetProperty("options").GetString()!;
        bool behindRootPort = recipe.GetProperty("behind_root_port").GetBoolean();
        int? smp = recipe.GetProperty("smp").ValueKind == JsonValueKind.Number ? recipe.GetProperty("smp").GetInt32() : null;

        string? refusal = Describe(device, machine, options, behindRootPort, smp, null, out string? ours, out _);
        if (expected.TryGetProperty("error", out JsonElement error))
        {
            output.WriteLine("QEMU refused: " + error.GetString());
            Assert.True(refusal is not null, device + " " + machine + " " + variant + ": QEMU refused (" + error.GetString() + "), we gave " + ours);
            Assert.False(string.IsNullOrWhiteSpace(refusal));
            return;
        }
        Assert.True(refusal is null, device + " " + machine + " " + variant + ": QEMU built it, we refused: " + refusal);
        string want = Canonical(expected);
        Assert.True(want == ours, device + " " + machine + " " + variant + "\n  qemu: " + want + "\n  ours: " + ours);
    }

    /// <summary>
    /// Founding rule 5 of the virtio ABI: a hints file dumped on the recorded machine type, passed back when the same
    /// configuration starts on the newest machine type of its family, reproduces what QEMU showed on the old one.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void Hints_from_the_recorded_machine_reproduce_its_abi_on_the_newest(string device, string machine, string variant)
    {
        JsonElement root = Files.Value[device].RootElement;
        JsonElement expected = root.GetProperty("abi").GetProperty(root.GetProperty("machines").GetProperty(machine).GetProperty(variant).GetString()!);
        if (expected.TryGetProperty("error", out _)) return; // nothing to dump: the direct test checks the refusal
        JsonElement recipe = root.GetProperty("variants").GetProperty(variant);
        string options = recipe.GetProperty("options").GetString()!;
        bool behindRootPort = recipe.GetProperty("behind_root_port").GetBoolean();
        int? smp = recipe.GetProperty("smp").ValueKind == JsonValueKind.Number ? recipe.GetProperty("smp").GetInt32() : null;
        Assert.Null(Describe(device, machine, options, behindRootPort, smp, null, out _, out ResolvedMachine? old));
        HintsFile hints = HintsFileReader.Read(old!.ToHintsBytes(QemuCatalog.Catalog.RequireMachines()), QemuCatalog.Catalog).GetValueOrThrow();
        string newest = machine.StartsWith("pc-q35-", StringComparison.Ordinal) || machine == "q35" ? "q35" : "pc";
        string? refusal = Describe(device, newest, options, behindRootPort, smp, hints, out string? ours, out _);
        Assert.True(refusal is null, device + " " + variant + " on " + newest + " with hints from " + machine + ": refused: " + refusal);
        string want = Canonical(expected);
        Assert.True(want == ours, device + " " + variant + " on " + newest + " with hints from " + machine + "\n  qemu on " + machine + ": " + want + "\n  ours: " + ours);
    }

    [Fact]
    public void Every_virtio_sample_has_recorded_cases_on_every_machine_type()
    {
        string[] virtio = QemuCatalog.Catalog.Devices.Where(d => d.Create() is VirtioPciDevice).Select(d => d.Name).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(virtio, Files.Value.Keys.Order(StringComparer.Ordinal).ToArray());
        foreach ((string device, JsonDocument file) in Files.Value)
        {
            string[] machines = file.RootElement.GetProperty("machines").EnumerateObject().Select(m => m.Name).ToArray();
            Assert.Equal(QemuGolden.Of(device).Root.GetProperty("machines").EnumerateObject().Select(m => m.Name).Order(StringComparer.Ordinal), machines.Order(StringComparer.Ordinal));
            output.WriteLine(device + ": " + file.RootElement.GetProperty("machines").EnumerateObject().Sum(m => m.Value.EnumerateObject().Count()) + " cases");
        }
    }

    /// <summary>Resolves and describes the device under test; returns our refusal, or null with the JSON object in <paramref name="json"/>.</summary>
    internal static string? Describe(string device, string machine, string variantOptions, bool behindRootPort, int? smp, HintsFile? hints, out string? json, out ResolvedMachine? machineResolved)
    {
        json = null;
        machineResolved = null;
        var run = new QemuCase
        {
            Golden = QemuGolden.Of(device),
            Machine = machine,
            Variant = variantOptions,
            VariantOptions = variantOptions,
            BehindRootPort = behindRootPort,
            Smp = smp,
            Props = new Dictionary<string, JsonElement>(),
            BackendProps = new Dictionary<string, JsonElement>(),
            Refused = null,
            Config = null,
            RestoredAfterProbes = true,
        };
        var devices = ImmutableArray.CreateBuilder<Device>();
        var errors = new List<ConfigError>();
        foreach (string text in RecordedConfiguration.DeviceStrings(run))
        {
            ParseResult<Device> parsed = KeyvalParser.ParseDevice(text, QemuCatalog.Catalog);
            if (parsed.Succeeded) devices.Add(parsed.Value!);
            else errors.AddRange(parsed.Errors);
        }
        if (errors.Count > 0) return string.Join("; ", errors);
        var config = new MachineConfig(machine, null, smp, devices.ToImmutable());
        ParseResult<ResolvedMachine> resolved = hints is null ? CompatResolver.Resolve(config, QemuCatalog.Catalog) : CompatResolver.Resolve(config, QemuCatalog.Catalog, hints);
        if (!resolved.Succeeded) return string.Join("; ", resolved.Errors);
        machineResolved = resolved.Value!;
        ResolvedDevice dut = resolved.Value!.Devices[^1];
        VirtioDeviceAbi abi;
        try
        {
            abi = ((VirtioPciDevice)dut.Device).DescribeVirtio(dut.Context);
        }
        catch (PciConfigurationException e)
        {
            return e.Message;
        }
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            abi.WriteJson(writer, RecordedConfiguration.DeviceId, device);
        }
        json = Canonical(JsonDocument.Parse(buffer.ToArray()).RootElement);
        return null;
    }

    /// <summary>The object with its properties sorted, compact: the recorder's and ours compare as text.</summary>
    private static string Canonical(JsonElement element)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, element);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());

        static void Write(Utf8JsonWriter w, JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    w.WriteStartObject();
                    foreach (JsonProperty p in e.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                    {
                        w.WritePropertyName(p.Name);
                        Write(w, p.Value);
                    }
                    w.WriteEndObject();
                    break;
                case JsonValueKind.Array:
                    w.WriteStartArray();
                    foreach (JsonElement item in e.EnumerateArray()) Write(w, item);
                    w.WriteEndArray();
                    break;
                default:
                    e.WriteTo(w);
                    break;
            }
        }
    }
}
