using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using DeviceModel.Conformance.Tests.Harness;
using DeviceModel.Samples.Qemu;

namespace DeviceModel.Conformance.Tests;

/// <summary>
/// Every option QEMU 7.2 lists in <c>-device X,help</c> (tests/goldens/qemu/help) exists on the sample with the same
/// name and type, and the sample has no option QEMU lacks: a config QEMU takes is taken, one QEMU refuses is refused.
/// </summary>
public sealed partial class OptionSetTests
{
    /// <summary>QEMU properties that are not options a VM manager sets (read-only runtime statistics).</summary>
    private static readonly HashSet<string> NotSettable = new() { "virtio-balloon-pci/guest-stats" };

    [GeneratedRegex(@"^\s+([\w\-.]+)=<([^>]+)>")]
    private static partial Regex HelpLine();

    public static TheoryData<string> Devices()
    {
        var data = new TheoryData<string>();
        foreach (DeviceInfo device in QemuCatalog.Catalog.Devices) data.Add(device.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Devices))]
    public void OptionNamesAndTypesMatchQemusHelp(string device)
    {
        string help = Path.Combine(Repository.Goldens, "help", device + ".txt");
        Assert.True(File.Exists(help), "no recorded help text for " + device + " (tools/qemu-reference records it)");
        var qemu = new Dictionary<string, string>();
        foreach (string line in File.ReadLines(help))
        {
            Match match = HelpLine().Match(line);
            if (!match.Success) continue;
            string type = match.Groups[2].Value;
            if (type.StartsWith("child<") || NotSettable.Contains(device + "/" + match.Groups[1].Value)) continue;
            qemu[match.Groups[1].Value] = type;
        }
        DeviceInfo info = QemuCatalog.Catalog.Find(device)!;
        var ours = info.Options.ToDictionary(o => o.Name, o => o);
        Assert.Empty(qemu.Keys.Except(ours.Keys).OrderBy(n => n, System.StringComparer.Ordinal));
        Assert.Empty(ours.Keys.Except(qemu.Keys).OrderBy(n => n, System.StringComparer.Ordinal));
        foreach ((string name, string type) in qemu)
        {
            Assert.True(Fits(ours[name], type), device + " " + name + ": QEMU's type is " + type + ", ours " + ValueSyntax.TypeName(ours[name].Kind));
        }
    }

    /// <summary>Our kind for QEMU's property type: links are ids (strings), QEMU's int32 "addr" is our PCI address, enums are enums.</summary>
    private static bool Fits(OptionInfo option, string qemuType) => qemuType switch
    {
        _ when qemuType.StartsWith("link<") => option.Kind == OptionKind.String,
        "int32" when option.Name == "addr" => option.Kind == OptionKind.PciAddress,
        "str" => option.Kind is OptionKind.String or OptionKind.MacAddress,
        "size" or "size32" => option.Kind == OptionKind.Size,
        "OnOffAuto" => option.Kind == OptionKind.OnOffAuto,
        "bool" => option.Kind == OptionKind.Bool,
        "int" => option.Kind is OptionKind.Int64 or OptionKind.Int32,
        "uint8" or "uint16" or "uint32" or "uint64" or "int8" or "int16" or "int32" or "int64" => ValueSyntax.TypeName(option.Kind) == qemuType,
        _ => option.Kind == OptionKind.Enum,
    };
}
