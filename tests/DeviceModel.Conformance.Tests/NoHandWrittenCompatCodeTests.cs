using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using DeviceModel.Conformance.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using DeviceModel.Catalog;

namespace DeviceModel.Conformance.Tests;

/// <summary>
/// "Device authors never hand-write compat code": outside attributes, no sample source looks at the machine type or
/// its version. Histories live in [CompatHint], machine types in [MachineFamily]; code may only derive values from
/// options, the bus and the vCPU count.
/// </summary>
public sealed partial class NoHandWrittenCompatCodeTests
{
    [Fact]
    public void Samples_compare_no_machine_version_outside_attributes()
    {
        string samples = Path.Combine(Repository.Root, "samples");
        string[] files = Directory.GetFiles(samples, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(files);
        var findings = new List<string>();
        foreach (string file in files)
        {
            foreach (string finding in Scan(File.ReadAllText(file))) findings.Add(Path.GetRelativePath(Repository.Root, file) + ":" + finding);
        }
        Assert.True(findings.Count == 0, "hand-written compat code in the samples (declare it with [CompatHint] instead):\n" + string.Join("\n", findings));
    }

    [Theory]
    [InlineData("if (context.Machine.Version < new MachineVersion(6, 0)) Vectors = 3;")]
    [InlineData("Vectors = context.Machine.Name == \"pc-q35-6.1\" ? 0u : 2u;")]
    [InlineData("if (MachineVersion.Parse(\"5.2\") > default) Vectors = 3;")]
    [InlineData("bool old = string.CompareOrdinal(version, \"2.10\") < 0;")]
    [InlineData("bool q35 = name.StartsWith(\"pc-i440fx\");")]
    [InlineData("var family = context.Machine.Family;")]
    public void The_scan_catches_version_and_machine_checks(string statement)
    {
        string source = "class D { void ResolveAuto(RealizeContext context, string version, string name) { " + statement + " } }";
        Assert.NotEmpty(Scan(source));
    }

    [Fact]
    public void Attributes_comments_and_descriptions_are_not_findings()
    {
        const string source = """
            /// <summary>QEMU 7.2 gave it two vectors; pc-q35-6.1 differs.</summary>
            [MachineFamily("pc-q35", "2.4 7.2")]
            [CompatHint("7.2", 0u)]
            class D { int Vectors => 2; }
            """;
        Assert.Empty(Scan(source));
    }

    /// <summary>Findings as <c>line: text</c>: machine/version members and version or machine-name literals outside attribute lists.</summary>
    private static IEnumerable<string> Scan(string source)
    {
        SyntaxNode root = CSharpSyntaxTree.ParseText(source).GetRoot();
        foreach (SyntaxNode node in root.DescendantNodes(n => n is not AttributeListSyntax))
        {
            string? why = node switch
            {
                IdentifierNameSyntax { Identifier.ValueText: "MachineVersion" or "MachineType" or "MachineCatalog" } => "uses a machine type or version",
                MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Machine" or "Version" or "Family" or "ProductVersion" or "Machines" } => "reads the machine type or a version",
                LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal when VersionOrMachine().IsMatch(literal.Token.ValueText) => "compares with a version or machine name literal",
                _ => null,
            };
            if (why is not null) yield return (node.GetLocation().GetLineSpan().StartLinePosition.Line + 1) + ": " + why + ": " + node;
        }
    }

    [GeneratedRegex(@"^(\d+\.\d+(\.\d+)?|pc-i440fx.*|pc-q35.*|pc|q35)$")]
    private static partial Regex VersionOrMachine();
}
