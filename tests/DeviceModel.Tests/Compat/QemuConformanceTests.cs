using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace DeviceModel.Tests.Compat;

/// <summary>
/// For every machine type QEMU 7.2 recorded (variant <c>default</c>), every option the samples declare resolves
/// to QEMU's effective value (<c>props</c>, and <c>backend_props</c> for options QEMU keeps on the virtio backend).
/// </summary>
public sealed class QemuConformanceTests
{
    /// <summary>
    /// Options whose QEMU value the model cannot know, with the reason (listed in docs/conformance.md):
    /// the CHS geometry is computed from the backing drive's size, and the model has no drive.
    /// </summary>
    private static readonly Dictionary<string, string> Unmodelled = new()
    {
        ["virtio-blk-pci/cyls"] = "derived from the drive's size",
        ["virtio-blk-pci/heads"] = "derived from the drive's size",
        ["virtio-blk-pci/secs"] = "derived from the drive's size",
    };

    public static TheoryData<string> Devices => new() { "virtio-net-pci", "virtio-blk-pci" };

    [Theory]
    [MemberData(nameof(Devices))]
    public void EveryDeclaredOptionResolvesToQemusValueOnEveryMachine(string device)
    {
        using JsonDocument data = JsonDocument.Parse(File.ReadAllBytes(TestData.QemuGolden(device)));
        var failures = new StringBuilder();
        int machines = 0, compared = 0;
        foreach (JsonProperty machine in data.RootElement.GetProperty("machines").EnumerateObject())
        {
            if (!machine.Value.TryGetProperty("default", out JsonElement run) || !run.TryGetProperty("props", out JsonElement props)) continue;
            machines++;
            // The recorder put the device at 03.0 with id=dut (and a drive for virtio-blk).
            ResolvedMachine resolved = TestData.Resolve(machine.Name, null, device + ",id=dut,addr=03.0");
            Device dut = resolved.Devices[0].Device;
            foreach (OptionInfo option in dut.Info.Options)
            {
                if (option.HostOnly || Unmodelled.ContainsKey(device + "/" + option.Name)) continue;
                if (!props.TryGetProperty(option.Name, out JsonElement qemu)
                    && !(run.TryGetProperty("backend_props", out JsonElement backend) && backend.TryGetProperty(option.Name, out qemu)))
                {
                    failures.AppendLine(machine.Name + ": QEMU has no property '" + option.Name + "'");
                    continue;
                }
                compared++;
                string? mismatch = Compare(option, dut.GetOption(option.Index), qemu[1]);
                if (mismatch is not null) failures.AppendLine(machine.Name + ": " + option.Name + ": " + mismatch);
            }
        }
        Assert.True(machines >= 50, "expected every recorded machine type, found " + machines);
        Assert.True(failures.Length == 0, compared + " values compared; mismatches:\n" + failures);
    }

    /// <summary>Compares a resolved value with QEMU's qom-get value; null when equal.</summary>
    internal static string? Compare(OptionInfo option, OptionValue ours, JsonElement qemu)
    {
        string theirs = qemu.ToString();
        if (ours.IsAuto && option.Kind != OptionKind.OnOffAuto)
        {
            // QEMU spells "not decided" with the type's all-ones sentinel (romsize without a ROM file).
            bool sentinel = qemu.ValueKind == JsonValueKind.Number && (qemu.GetRawText() == ValueSyntax.MaxOf(option.Kind).ToString() || qemu.GetRawText() == "-1");
            return sentinel ? null : "ours is auto, QEMU's is " + theirs;
        }
        switch (option.Kind)
        {
            case OptionKind.Bool:
                return qemu.ValueKind is JsonValueKind.True or JsonValueKind.False && qemu.GetBoolean() == ours.Bool ? null : "ours " + ours + ", QEMU's " + theirs;
            case OptionKind.String:
            case OptionKind.MacAddress:
            case OptionKind.OnOffAuto:
            case OptionKind.Enum:
                string text = ours.IsNull ? "" : ours.ToString();
                return text == qemu.GetString() ? null : "ours '" + text + "', QEMU's '" + theirs + "'";
            case OptionKind.PciAddress:
                return qemu.GetInt32() == (int)ours.Bits ? null : "ours devfn " + ours.Bits + ", QEMU's " + theirs;
            default:
                string number = ValueSyntax.IsSigned(option.Kind) ? ours.Int64.ToString() : ours.Bits.ToString();
                return number == qemu.GetRawText() ? null : "ours " + number + ", QEMU's " + theirs;
        }
    }
}
