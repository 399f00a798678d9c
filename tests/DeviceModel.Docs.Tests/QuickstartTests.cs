extern alias Generators;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using DeviceGenerator = Generators::DeviceModel.Generators.DeviceGenerator;

namespace DeviceModel.Docs.Tests;

/// <summary>
/// The README's "Write your first device model" section compiles with the DeviceModel generator, without a single
/// diagnostic, and its usage code prints what the README says it prints.
/// </summary>
public sealed class QuickstartTests
{
    private const string Begin = "<!-- quickstart:begin -->";
    private const string End = "<!-- quickstart:end -->";

    [Fact]
    public void Readme_quickstart_compiles_with_the_generator_and_prints_what_it_says()
    {
        (IReadOnlyList<string> code, string expectedOutput) = ReadQuickstart();
        Assert.True(code.Count >= 2, "the quickstart needs the device code block and the usage code block");

        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        IEnumerable<SyntaxTree> trees = code.Select((text, i) => CSharpSyntaxTree.ParseText(text, parse, "README.quickstart." + i + ".cs"));
        IEnumerable<MetadataReference> references = Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(Device).Assembly.Location));
        CSharpCompilation compilation = CSharpCompilation.Create("Quickstart", trees, references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication)
                .WithNullableContextOptions(NullableContextOptions.Enable)
                .WithGeneralDiagnosticOption(ReportDiagnostic.Error));

        GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new DeviceGenerator().AsSourceGenerator() }, parseOptions: parse);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        Assert.True(generatorDiagnostics.IsEmpty, "generator: " + string.Join("\n", generatorDiagnostics));
        Assert.True(driver.GetRunResult().Results.Single().Exception is null, "the generator threw");
        Assert.NotEmpty(driver.GetRunResult().GeneratedTrees);

        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emit = output.Emit(image);
        Diagnostic[] diagnostics = emit.Diagnostics.Where(d => d.Severity != DiagnosticSeverity.Hidden).ToArray();
        Assert.True(diagnostics.Length == 0, "the README quickstart does not compile cleanly:\n" + string.Join("\n", diagnostics.Select(d => d.ToString())));
        Assert.True(emit.Success);

        string printed = Run(image.ToArray());
        Assert.Equal(Normalize(expectedOutput), Normalize(printed));
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

    private static string Run(byte[] assembly)
    {
        var context = new AssemblyLoadContext("quickstart", isCollectible: true);
        TextWriter original = Console.Out;
        var captured = new StringWriter { NewLine = "\n" };
        try
        {
            // DeviceModel itself resolves from the default context, so the quickstart shares the test's runtime types.
            Assembly loaded = context.LoadFromStream(new MemoryStream(assembly));
            MethodInfo main = loaded.EntryPoint ?? throw new InvalidOperationException("the quickstart has no entry point");
            Console.SetOut(captured);
            main.Invoke(null, main.GetParameters().Length == 0 ? null : new object[] { Array.Empty<string>() });
        }
        finally
        {
            Console.SetOut(original);
            context.Unload();
        }
        return captured.ToString();
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n');
}
