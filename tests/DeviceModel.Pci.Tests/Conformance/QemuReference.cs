using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace DeviceModel.Pci.Tests.Conformance;

/// <summary>One recorded QEMU run: a machine × variant of a device, with the effective options and the config space
/// QEMU produced, or the refusal.</summary>
internal sealed record QemuRun(string Device, string Machine, string Variant, bool BehindRootPort, IReadOnlyDictionary<string, JsonElement> Props, string? Refused, JsonElement? Config)
{
    public bool IsQ35 => Machine.StartsWith("pc-q35", StringComparison.Ordinal) || Machine == "q35";
    public override string ToString() => Device + " " + Machine + " " + Variant;
}

/// <summary>
/// The trimmed QEMU 7.2 reference data in Goldens/ (regenerate with Goldens/trim_qemu_reference.py from the
/// recorder's output; CI reads only the goldens).
/// </summary>
internal static class QemuReference
{
    public static readonly string[] Devices = ["virtio-net-pci", "virtio-blk-pci"];

    private static readonly Dictionary<string, JsonDocument> Documents = new(StringComparer.Ordinal);
    private static readonly object Gate = new();

    public static JsonDocument Load(string device)
    {
        lock (Gate)
        {
            if (!Documents.TryGetValue(device, out JsonDocument? document))
            {
                string path = Path.Combine(AppContext.BaseDirectory, "Goldens", device + ".json");
                document = JsonDocument.Parse(File.ReadAllBytes(path));
                Documents.Add(device, document);
            }
            return document;
        }
    }

    /// <summary>Every machine × variant of <paramref name="device"/>, in file order.</summary>
    public static IEnumerable<QemuRun> Runs(string device)
    {
        JsonElement root = Load(device).RootElement;
        JsonElement variants = root.GetProperty("variants");
        JsonElement spaces = root.GetProperty("cfgspace");
        foreach (JsonProperty machine in root.GetProperty("machines").EnumerateObject())
        {
            JsonElement defaults = machine.Value.GetProperty("default").GetProperty("props");
            foreach (JsonProperty variant in machine.Value.EnumerateObject())
                yield return Run(device, machine.Name, variant.Name, variants.GetProperty(variant.Name), defaults, variant.Value, spaces);
        }
    }

    /// <summary>One run by name.</summary>
    public static QemuRun Find(string device, string machine, string variant)
    {
        JsonElement root = Load(device).RootElement;
        JsonElement runs = root.GetProperty("machines").GetProperty(machine);
        return Run(device, machine, variant, root.GetProperty("variants").GetProperty(variant), runs.GetProperty("default").GetProperty("props"),
            runs.GetProperty(variant), root.GetProperty("cfgspace"));
    }

    private static QemuRun Run(string device, string machine, string variant, JsonElement variantInfo, JsonElement defaults, JsonElement run, JsonElement spaces)
    {
        var props = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (JsonProperty p in defaults.EnumerateObject()) props[p.Name] = p.Value;
        bool rootPort = variantInfo.GetProperty("behind_root_port").GetBoolean();
        if (run.TryGetProperty("refused", out JsonElement refused))
        {
            // QEMU recorded no properties for a refused run: the machine's defaults with the variant's options applied.
            ApplyOptions(props, variantInfo.GetProperty("options").GetString()!);
            return new QemuRun(device, machine, variant, rootPort, props, refused.GetString(), null);
        }
        if (run.TryGetProperty("props_diff", out JsonElement diff))
            foreach (JsonProperty p in diff.EnumerateObject()) props[p.Name] = p.Value;
        return new QemuRun(device, machine, variant, rootPort, props, null, spaces.GetProperty(run.GetProperty("cfg").GetString()!));
    }

    private static void ApplyOptions(Dictionary<string, JsonElement> props, string options)
    {
        foreach (string option in options.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] pair = option.Split('=', 2);
            JsonElement current = props[pair[0]];
            string json = current.ValueKind switch
            {
                JsonValueKind.True or JsonValueKind.False => pair[1] is "on" or "true" ? "true" : "false",
                JsonValueKind.Number => pair[1],
                _ => JsonSerializer.Serialize(pair[1]),
            };
            props[pair[0]] = JsonDocument.Parse(json).RootElement.Clone();
        }
    }
}
