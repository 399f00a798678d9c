using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using DeviceModel.Catalog;
using DeviceModel.Compat;
using DeviceModel.Config;
using DeviceModel.Docs.Tests.Harness;
using DeviceModel.Pci;
using DeviceModel.Tooling.Docs;
using Microsoft.CodeAnalysis;

namespace DeviceModel.Docs.Tests;

/// <summary>
/// The README's "Write your first device model" section compiles with the DeviceModel generator, without a single
/// diagnostic, and its usage code prints what the README says it prints.
/// </summary>
public sealed class QuickstartTests
{
    private const string Begin = "<!-- quickstart:begin -->";
    private const string End = "<!-- quickstart:end -->";

    private static readonly Lazy<(Assembly Assembly, string ExpectedOutput)> Quickstart = new(() =>
    {
        (IReadOnlyList<string> code, string expected) = ReadQuickstart();
        Assert.True(code.Count >= 2, "the quickstart needs the device code block and the usage code block");
        return (GeneratedAssembly.Compile("Quickstart", code, OutputKind.ConsoleApplication), expected);
    });

    [Fact]
    public void Readme_quickstart_compiles_with_the_generator_and_prints_what_it_says()
    {
        string printed = GeneratedAssembly.RunMain(Quickstart.Value.Assembly);
        Assert.Equal(Normalize(Quickstart.Value.ExpectedOutput), Normalize(printed));
    }

    [Fact]
    public void Quickstart_catalog_gets_a_reference_too()
    {
        DeviceCatalog catalog = GeneratedAssembly.CatalogOf(Quickstart.Value.Assembly, "Acme.Devices.AcmeCatalog");
        var files = ReferenceDocs.Generate(catalog).ToDictionary(f => f.Path, f => f.Content, StringComparer.Ordinal);

        string page = files["acme-rng-pci.md"];
        Assert.Contains("| `period` | `250` | `1000` before 2.0 |", page, StringComparison.Ordinal);
        Assert.Contains("| `max-bytes` | uint64 | `4096` | 64 to 18446744073709551615 |  | Entropy bytes per period |", page, StringComparison.Ordinal);
        // One machine family without PCI Express: the conventional picture only, and a sentence for the others.
        Assert.Contains("acme-rng-pci.pci-root.svg", files.Keys);
        Assert.DoesNotContain("acme-rng-pci.pcie-root.svg", files.Keys);
        Assert.Contains("Not shown: the product declares no machine type with a PCI Express root complex.", page, StringComparison.Ordinal);
        Assert.Contains("| `acme-pc-2.0` | 2.0 | `acme` |  |", files["index.md"], StringComparison.Ordinal);
    }

    /// <summary>A modern-only virtio type (vsock, 19: no transitional PCI device ID) in the quickstart's product.</summary>
    private const string ModernOnlyDevice = """
        using DeviceModel;

        namespace Acme.Devices
        {
            [Device("acme-vsock-pci", Description = "Acme socket device")]
            public sealed partial class AcmeVsockPci : VirtioPciDevice
            {
                protected override ushort VirtioDeviceType => 19;
                protected override int DeviceConfigLength => 8;
            }
        }
        """;

    private static readonly Lazy<DeviceCatalog> Product = new(() =>
    {
        (IReadOnlyList<string> code, _) = ReadQuickstart();
        Assembly assembly = GeneratedAssembly.Compile("QuickstartProduct", new[] { code[0], ModernOnlyDevice });
        return GeneratedAssembly.CatalogOf(assembly, "Acme.Devices.AcmeCatalog");
    });

    /// <summary>
    /// The framework has no versions: a product with its own version scheme gets none of QEMU's history for the options
    /// its devices inherit from PciDevice/VirtioPciDevice, on any of its machine types, and its modern-only virtio type
    /// realizes with its defaults on each of them (QEMU's pre-2.7 disable-modern=on or pre-5.1 legacy check would refuse it).
    /// </summary>
    [Fact]
    public void Product_with_its_own_versions_inherits_no_framework_history_and_realizes_a_modern_only_type_on_every_machine()
    {
        DeviceCatalog catalog = Product.Value;
        MachineCatalog machines = catalog.RequireMachines();
        Assert.Equal(new[] { "acme-pc-1.0", "acme-pc-1.1", "acme-pc-2.0" }, machines.Machines.Select(m => m.Name));
        foreach (MachineType machine in machines.Machines)
        {
            foreach (string text in new[] { "acme-rng-pci,id=r0", "acme-vsock-pci,id=v0" })
            {
                Device parsed = KeyvalParser.ParseDevice(text, catalog).GetValueOrThrow();
                var config = new MachineConfig(machine.Name, HintsPath: null, Smp: 1, System.Collections.Immutable.ImmutableArray.Create(parsed));
                ResolvedDevice resolved = Assert.Single(CompatResolver.Resolve(config, catalog).GetValueOrThrow().Devices);
                Device device = resolved.Device;
                foreach (OptionInfo option in device.Info.Options.Where(o => o.DeclaringType.StartsWith("DeviceModel.", StringComparison.Ordinal)))
                {
                    Assert.True(option.History.IsEmpty, option.Name + " has a history in the framework");
                    OptionSource source = device.SourceOf(option.Index);
                    Assert.True(source is OptionSource.Default or OptionSource.Auto, text + " on " + machine.Name + ": " + option.Name + " comes from " + source);
                }
                Assert.Equal("off", device.GetOption("disable-modern").ToString());

                RealizedPciFunction function = ((PciDevice)device).Realize(resolved.Context);
                ushort deviceId = function.Config.Read16(2);
                Assert.Equal(text.StartsWith("acme-vsock", StringComparison.Ordinal) ? 0x1040 + 19 : 0x1005, deviceId);
            }
        }
        Assert.Equal("on", Resolve(catalog, "acme-pc-1.0", "acme-vsock-pci,id=v0").GetOption("disable-legacy").ToString());
        Assert.Equal("off", Resolve(catalog, "acme-pc-1.0", "acme-rng-pci,id=r0").GetOption("disable-legacy").ToString());
    }

    private static Device Resolve(DeviceCatalog catalog, string machine, string text)
    {
        Device parsed = KeyvalParser.ParseDevice(text, catalog).GetValueOrThrow();
        var config = new MachineConfig(machine, HintsPath: null, Smp: 1, System.Collections.Immutable.ImmutableArray.Create(parsed));
        return Assert.Single(CompatResolver.Resolve(config, catalog).GetValueOrThrow().Devices).Device;
    }

    /// <summary>The <c>csharp</c> code blocks between the markers, and the <c>text</c> block holding the expected output.</summary>
    private static (IReadOnlyList<string> Code, string Output) ReadQuickstart()
    {
        string readme = File.ReadAllText(Repo.PathOf("README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        int begin = readme.IndexOf(Begin, StringComparison.Ordinal), end = readme.IndexOf(End, StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, "README.md has no " + Begin + " … " + End + " section");
        string section = readme.Substring(begin, end - begin);
        var code = new List<string>();
        string? output = null;
        foreach (Match block in Regex.Matches(section, "^```(\\w+)\\n(.*?)^```$", RegexOptions.Multiline | RegexOptions.Singleline))
        {
            if (block.Groups[1].Value == "csharp") code.Add(block.Groups[2].Value);
            else if (block.Groups[1].Value == "text") output = block.Groups[2].Value;
        }
        Assert.True(output is not null, "the quickstart has no ```text block with the expected output");
        return (code, output!);
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n');
}
