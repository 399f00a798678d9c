extern alias Generators;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using DeviceGenerator = Generators::DeviceModel.Generators.DeviceGenerator;

namespace DeviceModel.Generators.Tests.Harness
{
    /// <summary>A C# source file of a test compilation.</summary>
    internal sealed record SourceFile(string Path, string Text);

    /// <summary>What one run of the generator driver produced.</summary>
    /// <param name="Driver">The driver after the run: run it again to test incrementality.</param>
    /// <param name="Result">The generator's own result: generated sources and tracked steps.</param>
    /// <param name="OutputCompilation">The input compilation plus the generated sources.</param>
    /// <param name="GeneratorDiagnostics">Diagnostics the driver reported (a generator exception shows up here).</param>
    internal sealed record GeneratorRun(GeneratorDriver Driver, GeneratorRunResult Result, Compilation OutputCompilation, ImmutableArray<Diagnostic> GeneratorDiagnostics)
    {
        /// <summary>Generated sources by hint name, text with <c>\n</c> line endings.</summary>
        public IReadOnlyDictionary<string, string> Sources =>
            Result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);

        /// <summary>Every diagnostic of the output compilation (declared and generated code), warnings promoted to errors.</summary>
        public ImmutableArray<Diagnostic> CompilationDiagnostics => OutputCompilation.GetDiagnostics();
    }

    /// <summary>
    /// Builds compilations the way a device author's project is built (net10.0 reference assemblies plus the
    /// DeviceModel runtime, nullable enabled, warnings as errors) and runs <see cref="DeviceGenerator"/> on them
    /// with step tracking on.
    /// </summary>
    internal static class GeneratorHarness
    {
        public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

        private static readonly ImmutableArray<MetadataReference> References = Basic.Reference.Assemblies.Net100.References.All
            .Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(DeviceModel.Device).Assembly.Location))
            .ToImmutableArray();

        private static readonly CSharpCompilationOptions CompilationOptions = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
            .WithNullableContextOptions(NullableContextOptions.Enable)
            .WithGeneralDiagnosticOption(ReportDiagnostic.Error)
            .WithDeterministic(true);

        /// <summary>A library compilation of <paramref name="sources"/>.</summary>
        public static CSharpCompilation CreateCompilation(string assemblyName, IEnumerable<SourceFile> sources) =>
            CreateCompilation(assemblyName, sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, s.Path)));

        /// <summary>A library compilation of already parsed <paramref name="trees"/>.</summary>
        public static CSharpCompilation CreateCompilation(string assemblyName, IEnumerable<SyntaxTree> trees) =>
            CSharpCompilation.Create(assemblyName, trees, References, CompilationOptions);

        /// <summary>A fresh driver holding only the DeviceModel generator, tracking incremental steps.</summary>
        public static GeneratorDriver CreateDriver() =>
            CSharpGeneratorDriver.Create(
                new[] { new DeviceGenerator().AsSourceGenerator() },
                parseOptions: ParseOptions,
                driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

        /// <summary>Runs a fresh driver on <paramref name="compilation"/>.</summary>
        public static GeneratorRun Run(Compilation compilation) => Run(CreateDriver(), compilation);

        /// <summary>Runs <paramref name="driver"/> (fresh or from an earlier run) on <paramref name="compilation"/>.</summary>
        public static GeneratorRun Run(GeneratorDriver driver, Compilation compilation)
        {
            driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
            GeneratorRunResult result = driver.GetRunResult().Results.Single();
            return new GeneratorRun(driver, result, output, diagnostics);
        }

        /// <summary>Compiles <paramref name="sources"/>, runs the generator, and fails if the generator threw or reported anything.</summary>
        public static GeneratorRun RunOn(string assemblyName, IEnumerable<SourceFile> sources)
        {
            GeneratorRun run = Run(CreateCompilation(assemblyName, sources));
            Assert.Null(run.Result.Exception);
            Assert.Empty(run.GeneratorDiagnostics);
            return run;
        }

        /// <summary>Formats diagnostics one per line with their location, for assertion messages.</summary>
        public static string Describe(IEnumerable<Diagnostic> diagnostics) =>
            string.Join(Environment.NewLine, diagnostics.Select(d => d.ToString()));
    }
}
