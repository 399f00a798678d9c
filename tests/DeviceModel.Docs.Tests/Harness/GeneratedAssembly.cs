extern alias Generators;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using DeviceModel.Catalog;
using DeviceGenerator = Generators::DeviceModel.Generators.DeviceGenerator;

namespace DeviceModel.Docs.Tests.Harness;

/// <summary>
/// Compiles C# sources the way a device author's project is built (net10.0 reference assemblies plus the DeviceModel
/// runtime, nullable on, warnings as errors) with the DeviceModel generator, and loads the result next to the test's
/// own runtime so that its catalog can be handed to the docs generator.
/// </summary>
internal static class GeneratedAssembly
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>Compiles and loads <paramref name="sources"/>; fails the test on any diagnostic (hidden ones aside).</summary>
    public static Assembly Compile(string name, IReadOnlyList<string> sources, OutputKind kind = OutputKind.DynamicallyLinkedLibrary)
    {
        IEnumerable<SyntaxTree> trees = sources.Select((text, i) => CSharpSyntaxTree.ParseText(text, ParseOptions, name + "." + i + ".cs"));
        IEnumerable<MetadataReference> references = Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(Device).Assembly.Location));
        CSharpCompilation compilation = CSharpCompilation.Create(name, trees, references,
            new CSharpCompilationOptions(kind)
                .WithNullableContextOptions(NullableContextOptions.Enable)
                .WithGeneralDiagnosticOption(ReportDiagnostic.Error)
                .WithDeterministic(true));

        GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new DeviceGenerator().AsSourceGenerator() }, parseOptions: ParseOptions);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        GeneratorDriverRunResult run = driver.GetRunResult();
        Assert.True(run.Results.Single().Exception is null, "the generator threw: " + run.Results.Single().Exception);
        Assert.True(generatorDiagnostics.IsEmpty, "the generator reported:\n" + string.Join("\n", generatorDiagnostics));
        Assert.NotEmpty(run.GeneratedTrees);

        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emit = output.Emit(image);
        Diagnostic[] diagnostics = emit.Diagnostics.Where(d => d.Severity != DiagnosticSeverity.Hidden).ToArray();
        Assert.True(diagnostics.Length == 0, name + " does not compile cleanly:\n" + string.Join("\n", diagnostics.Select(d => d.ToString())));
        Assert.True(emit.Success);

        // DeviceModel itself resolves from the default context, so the compiled code shares the test's runtime types.
        var context = new AssemblyLoadContext(name);
        return context.LoadFromStream(new MemoryStream(image.ToArray()));
    }

    /// <summary>The generated <c>Catalog</c> of the <c>[DeviceCatalog]</c> class <paramref name="typeName"/>.</summary>
    public static DeviceCatalog CatalogOf(Assembly assembly, string typeName)
    {
        Type type = assembly.GetType(typeName, throwOnError: true)!;
        PropertyInfo property = type.GetProperty("Catalog", BindingFlags.Public | BindingFlags.Static)
            ?? throw new InvalidOperationException(typeName + " has no generated Catalog property");
        return (DeviceCatalog)property.GetValue(null)!;
    }

    /// <summary>Runs the entry point of <paramref name="assembly"/> and returns what it wrote to the console.</summary>
    public static string RunMain(Assembly assembly)
    {
        MethodInfo main = assembly.EntryPoint ?? throw new InvalidOperationException(assembly.GetName().Name + " has no entry point");
        TextWriter original = Console.Out;
        var captured = new StringWriter { NewLine = "\n" };
        lock (ConsoleLock)
        {
            try
            {
                Console.SetOut(captured);
                main.Invoke(null, main.GetParameters().Length == 0 ? null : new object[] { Array.Empty<string>() });
            }
            finally
            {
                Console.SetOut(original);
            }
        }
        return captured.ToString();
    }

    private static readonly object ConsoleLock = new();
}
