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
using DeviceModel.Hints;
using DeviceModel.Pci;
using DeviceModel.Samples.Qemu;
using DeviceModel.Virtio;

namespace DeviceModel.Conformance.Tests.Harness;

/// <summary>One recorded virtio ABI case (tests/goldens/qemu-virtio) and QEMU's object for it, or its refusal.</summary>
internal sealed record VirtioCase(string Device, string Machine, string Variant, string Options, bool BehindRootPort, int? Smp, string? Expected, string? Refused)
{
    public override string ToString() => Device + " " + Machine + " " + Variant;
}

/// <summary>What one virtio case gave: null when it conforms, else how it differs.</summary>
internal sealed record VirtioResult(VirtioCase Case, string? Direct, string? ThroughHints);

/// <summary>
/// Runs the recorded virtio ABI cases through the device path — the recorder's <c>-device</c> strings (as
/// <see cref="RecordedConfiguration"/> rebuilds them), <see cref="CompatResolver"/>, <see cref="VirtioPciDevice.DescribeVirtio"/> —
/// and, for what QEMU built, once more on the newest machine type of the family with a hints file dumped on the recorded one.
/// </summary>
internal static class VirtioCaseRunner
{
    public static string Directory => Path.Combine(Repository.Root, "tests", "goldens", "qemu-virtio");

    private static readonly Lazy<IReadOnlyList<VirtioCase>> AllCases = new(Load);
    private static readonly Lazy<IReadOnlyList<VirtioResult>> AllResults = new(() => AllCases.Value.Select(Run).ToList());

    public static IReadOnlyList<VirtioCase> Cases => AllCases.Value;

    /// <summary>Every case, run once per test session.</summary>
    public static IReadOnlyList<VirtioResult> Results => AllResults.Value;

    public static VirtioResult Find(string device, string machine, string variant) =>
        Results.Single(r => r.Case.Device == device && r.Case.Machine == machine && r.Case.Variant == variant);

    /// <summary>The recorded files by device (file name without extension).</summary>
    public static IReadOnlyDictionary<string, JsonDocument> Files { get; } =
        System.IO.Directory.GetFiles(Directory, "*.json").Order(StringComparer.Ordinal)
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f), f => JsonDocument.Parse(File.ReadAllBytes(f)), StringComparer.Ordinal);

    private static List<VirtioCase> Load()
    {
        var cases = new List<VirtioCase>();
        foreach ((string device, JsonDocument file) in Files)
        {
            JsonElement root = file.RootElement;
            foreach (JsonProperty machine in root.GetProperty("machines").EnumerateObject())
            {
                foreach (JsonProperty variant in machine.Value.EnumerateObject())
                {
                    JsonElement expected = root.GetProperty("abi").GetProperty(variant.Value.GetString()!);
                    JsonElement recipe = root.GetProperty("variants").GetProperty(variant.Name);
                    JsonElement smp = recipe.GetProperty("smp");
                    bool refused = expected.TryGetProperty("error", out JsonElement error);
                    cases.Add(new VirtioCase(device, machine.Name, variant.Name, recipe.GetProperty("options").GetString()!, recipe.GetProperty("behind_root_port").GetBoolean(),
                        smp.ValueKind == JsonValueKind.Number ? smp.GetInt32() : null, refused ? null : Canonical(expected), refused ? error.GetString() : null));
                }
            }
        }
        return cases;
    }

    public static VirtioResult Run(VirtioCase run)
    {
        string? refusal = Describe(run.Device, run.Machine, run.Options, run.BehindRootPort, run.Smp, null, out string? ours, out ResolvedMachine? old);
        if (run.Refused is not null)
            return new VirtioResult(run, refusal is not null && refusal.Trim().Length > 0 ? null : "QEMU refused (" + run.Refused + "), we gave " + ours, null);
        if (refusal is not null) return new VirtioResult(run, "QEMU built it, we refused: " + refusal, null);
        string? direct = ours == run.Expected ? null : "\n  qemu: " + run.Expected + "\n  ours: " + ours;

        HintsFile hints = HintsFileReader.Read(old!.ToHintsBytes(QemuCatalog.Catalog.RequireMachines()), QemuCatalog.Catalog).GetValueOrThrow();
        string newest = run.Machine.StartsWith("pc-q35-", StringComparison.Ordinal) || run.Machine == "q35" ? "q35" : "pc";
        refusal = Describe(run.Device, newest, run.Options, run.BehindRootPort, run.Smp, hints, out string? later, out _);
        string? throughHints = refusal is not null ? "on " + newest + " with hints from " + run.Machine + ": refused: " + refusal
            : later == run.Expected ? null : "on " + newest + " with hints from " + run.Machine + "\n  qemu on " + run.Machine + ": " + run.Expected + "\n  ours: " + later;
        return new VirtioResult(run, direct, throughHints);
    }

    /// <summary>Resolves and describes the device under test; returns our refusal, or null with the JSON object in <paramref name="json"/>.</summary>
    public static string? Describe(string device, string machine, string variantOptions, bool behindRootPort, int? smp, HintsFile? hints, out string? json, out ResolvedMachine? machineResolved)
    {
        json = null;
        machineResolved = null;
        machineResolved = RecordedConfiguration.Resolve(QemuGolden.Of(device), machine, variantOptions, behindRootPort, smp, hints, out List<ConfigError> errors);
        if (machineResolved is null) return string.Join("; ", errors);
        ResolvedDevice dut = machineResolved.Devices[^1];
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
    public static string Canonical(JsonElement element)
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
