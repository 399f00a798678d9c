using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using DeviceModel.Conformance.Tests.Harness;

namespace DeviceModel.Conformance.Tests.Goldens;

/// <summary>One recorded QEMU 7.2 run: a device on a machine type with a variant's options, and what QEMU produced
/// (effective properties and config space), or its refusal.</summary>
internal sealed class QemuCase
{
    public required QemuGolden Golden { get; init; }
    public required string Machine { get; init; }
    public required string Variant { get; init; }
    /// <summary>The variant's options as the recorder appended them (<c>disable-legacy=on,disable-modern=off</c>).</summary>
    public required string VariantOptions { get; init; }
    public required bool BehindRootPort { get; init; }
    public required int? Smp { get; init; }
    /// <summary>QEMU's effective properties (the default run's with this run's diff applied): name → <c>[type, value]</c>.</summary>
    public required IReadOnlyDictionary<string, JsonElement> Props { get; init; }
    /// <summary>The same for the virtio backend child (virtio devices only).</summary>
    public required IReadOnlyDictionary<string, JsonElement> BackendProps { get; init; }
    /// <summary>QEMU's error when it refused the combination, else null.</summary>
    public required string? Refused { get; init; }
    /// <summary>The recorded config space (<c>cfgspace</c> entry), null when refused.</summary>
    public required JsonElement? Config { get; init; }
    /// <summary>Whether the 256 bytes read back unchanged after BAR sizing and the write probes.</summary>
    public required bool RestoredAfterProbes { get; init; }

    public string Device => Golden.Device;

    public override string ToString() => Device + " " + Machine + " " + Variant;
}

/// <summary>
/// One device's reference file in tests/goldens/qemu, or in tests/goldens/qemu-extra (the extra option variants of
/// tools/qemu-reference/extra-variants.txt on a few machine types; same format: tools/qemu-reference/README.md).
/// </summary>
internal sealed class QemuGolden
{
    private QemuGolden(string device, JsonDocument document, bool extra)
    {
        Device = device;
        Document = document;
        Extra = extra;
    }

    public string Device { get; }
    /// <summary>Whether the file is one of tests/goldens/qemu-extra.</summary>
    public bool Extra { get; }
    public JsonDocument Document { get; }
    public JsonElement Root => Document.RootElement;

    /// <summary>The recorder's <c>-device</c> string of the device under test on the root bus, without <c>[,OPTIONS]</c>.</summary>
    public string RootBusTemplate => DeviceArguments(Root.GetProperty("recorder").GetProperty("command").GetString()!).Single(d => d.StartsWith(Device + ",", StringComparison.Ordinal));

    /// <summary>The recorder's <c>-device</c> strings of a root-port variant: the port, then the device under test.</summary>
    public IReadOnlyList<string> RootPortTemplate => DeviceArguments(Root.GetProperty("recorder").GetProperty("behind_root_port").GetString()!.Split(';')[0]);

    /// <summary>Every recorded device's main file, in file-name order.</summary>
    public static IReadOnlyList<QemuGolden> All { get; } = Load(Repository.Goldens, extra: false);

    /// <summary>The extra-variant files, in file-name order.</summary>
    public static IReadOnlyList<QemuGolden> Extras { get; } = Load(Repository.ExtraGoldens, extra: true);

    /// <summary>Main files, then extra files: every recorded case is in exactly one of them.</summary>
    public static IEnumerable<QemuGolden> AllFiles => All.Concat(Extras);

    public static QemuGolden Of(string device) => All.Single(g => g.Device == device);

    /// <summary>
    /// Every machine × variant of the device, in file order. An extra file's <c>default</c> run (the base of its
    /// property diffs) and any variant the main file also records are cases of the main file, so they are skipped.
    /// </summary>
    public IEnumerable<QemuCase> Cases()
    {
        QemuGolden? main = Extra ? All.SingleOrDefault(g => g.Device == Device) : null;
        foreach (JsonProperty machine in Root.GetProperty("machines").EnumerateObject())
        {
            foreach (JsonProperty variant in machine.Value.EnumerateObject())
            {
                if (main is not null && main.Root.GetProperty("variants").TryGetProperty(variant.Name, out _)) continue;
                yield return Case(machine.Name, variant.Name);
            }
        }
    }

    public QemuCase Case(string machine, string variant)
    {
        JsonElement runs = Root.GetProperty("machines").GetProperty(machine);
        JsonElement run = runs.GetProperty(variant);
        JsonElement info = Root.GetProperty("variants").GetProperty(variant);
        JsonElement defaults = runs.GetProperty("default");
        bool refused = !run.TryGetProperty("cfg", out JsonElement cfg);
        return new QemuCase
        {
            Golden = this,
            Machine = machine,
            Variant = variant,
            VariantOptions = info.GetProperty("options").GetString() ?? "",
            BehindRootPort = info.GetProperty("behind_root_port").GetBoolean(),
            Smp = info.TryGetProperty("smp", out JsonElement smp) && smp.ValueKind == JsonValueKind.Number ? smp.GetInt32() : null,
            Props = refused ? new Dictionary<string, JsonElement>() : Merge(defaults, run, "props", "props_diff"),
            BackendProps = refused ? new Dictionary<string, JsonElement>() : Merge(defaults, run, "backend_props", "backend_props_diff"),
            Refused = refused ? RefusalOf(run) : null,
            Config = refused ? null : Root.GetProperty("cfgspace").GetProperty(cfg.GetString()!),
            RestoredAfterProbes = !run.TryGetProperty("bar_sizing_restored_ok", out JsonElement restored) || restored.GetBoolean(),
        };
    }

    private static Dictionary<string, JsonElement> Merge(JsonElement defaults, JsonElement run, string props, string diff)
    {
        var merged = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (defaults.TryGetProperty(props, out JsonElement all))
        {
            foreach (JsonProperty p in all.EnumerateObject()) merged[p.Name] = p.Value;
        }
        if (run.TryGetProperty(diff, out JsonElement changes))
        {
            foreach (JsonProperty p in changes.EnumerateObject())
            {
                // A property the variant does not have is recorded as [type, "<absent>"].
                if (p.Value[1].ValueKind == JsonValueKind.String && p.Value[1].GetString() == "<absent>") merged.Remove(p.Name);
                else merged[p.Name] = p.Value;
            }
        }
        return merged;
    }

    // QEMU's own message: stderr without warnings and without the "qemu-system-x86_64: -device …: " prefix.
    private static string RefusalOf(JsonElement run)
    {
        string stderr = run.TryGetProperty("stderr", out JsonElement e) ? e.GetString() ?? "" : "";
        string text = string.Join(" ", stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.Contains("warning:", StringComparison.Ordinal)));
        int device = text.IndexOf("-device ", StringComparison.Ordinal);
        int cut = device < 0 ? -1 : text.IndexOf(": ", device, StringComparison.Ordinal);
        if (cut >= 0) text = text[(cut + 2)..];
        return text.Length > 0 ? text : run.GetProperty("cfg_error").GetString() ?? "refused";
    }

    // "-device A,… -device B,…[,OPTIONS]" → ["A,…", "B,…"]
    private static List<string> DeviceArguments(string commandLine)
    {
        string[] words = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var devices = new List<string>();
        for (int i = 0; i + 1 < words.Length; i++)
        {
            if (words[i] == "-device") devices.Add(words[i + 1].Replace("[,OPTIONS]", "", StringComparison.Ordinal));
        }
        return devices;
    }

    private static IReadOnlyList<QemuGolden> Load(string directory, bool extra)
    {
        var goldens = new List<QemuGolden>();
        if (!Directory.Exists(directory)) return goldens;
        foreach (string path in Directory.GetFiles(directory, "*.json").OrderBy(p => p, StringComparer.Ordinal))
        {
            JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));
            goldens.Add(new QemuGolden(document.RootElement.GetProperty("device").GetString()!, document, extra));
        }
        return goldens;
    }
}
