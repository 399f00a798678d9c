using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using DeviceModel.Docs.Tests.Harness;
using Microsoft.CodeAnalysis;
using DeviceModel.Catalog;
using DeviceModel.Tooling.Docs;

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
