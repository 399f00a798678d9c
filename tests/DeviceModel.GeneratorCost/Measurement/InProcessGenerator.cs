using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Text;
using DeviceModel.GeneratorCost.Corpus;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace DeviceModel.GeneratorCost.Measurement;

/// <summary>What one generator run produced: file count, UTF-8 bytes and the output compilation.</summary>
public sealed record GeneratedOutput(int DeviceClasses, int Files, long Bytes, Compilation OutputCompilation, ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    public double BytesPerDevice => (double)Bytes / DeviceClasses;

    /// <summary>Errors of the output compilation (declared plus generated code) and of the driver.</summary>
    public ImmutableArray<Diagnostic> Errors => GeneratorDiagnostics.AddRange(OutputCompilation.GetDiagnostics())
        .Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
}

/// <summary>The outputs of one tracked step (or output step) of a re-run, counted by why they were produced.</summary>
public sealed record StepCounts(string Step, int Cached, int Unchanged, int Modified, int New, int Removed, TimeSpan Elapsed);

/// <summary>Cold run against re-run after a no-op edit: medians over the repetitions, and what the last re-run redid.</summary>
/// <param name="ColdSteps">The tracked steps of the last cold run (where a cold run's time goes).</param>
public sealed record RerunCost(int Repetitions, TimeSpan ColdMedian, TimeSpan RerunMedian, TimeSpan ColdGeneratorMedian, TimeSpan RerunGeneratorMedian, IReadOnlyList<StepCounts> Steps,
    IReadOnlyList<StepCounts> ColdSteps)
{
    public double Ratio => RerunMedian.TotalMilliseconds / ColdMedian.TotalMilliseconds;
    public double GeneratorRatio => RerunGeneratorMedian.TotalMilliseconds / ColdGeneratorMedian.TotalMilliseconds;
}

/// <summary>
/// Runs the DeviceModel generators in process with a <see cref="GeneratorDriver"/>, on a compilation built the way
/// a product is (net10.0 reference assemblies plus DeviceModel.dll, nullable enabled).
/// </summary>
public static class InProcessGenerator
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly ImmutableArray<MetadataReference> References = Basic.Reference.Assemblies.Net100.References.All
        .Cast<MetadataReference>()
        .Append(MetadataReference.CreateFromFile(typeof(DeviceModel.Device).Assembly.Location))
        .ToImmutableArray();

    private static readonly CSharpCompilationOptions CompilationOptions = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
        .WithNullableContextOptions(NullableContextOptions.Enable)
        .WithGeneralDiagnosticOption(ReportDiagnostic.Error) // warnings are errors, as in the repository's builds
        .WithDeterministic(true);

    private static ImmutableArray<ISourceGenerator>? s_generators;

    private static ImmutableArray<ISourceGenerator> Generators => s_generators ??= GeneratorAssembly.LoadGenerators();

    public static ImmutableArray<SyntaxTree> Parse(IEnumerable<CorpusFile> files) =>
        files.Select(f => CSharpSyntaxTree.ParseText(SourceText.From(f.Text, Encoding.UTF8), ParseOptions, f.Path)).ToImmutableArray();

    public static CSharpCompilation CreateCompilation(string assemblyName, IEnumerable<SyntaxTree> trees) =>
        CSharpCompilation.Create(assemblyName, trees, References, CompilationOptions);

    /// <summary>A fresh driver; <paramref name="trackSteps"/> records every step's inputs and outputs (a diagnostic aid compilers and IDEs do not turn on: it costs time per item).</summary>
    public static GeneratorDriver CreateDriver(bool trackSteps = true) => CSharpGeneratorDriver.Create(
        Generators, additionalTexts: null, ParseOptions, optionsProvider: null,
        new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs the generators once on <paramref name="trees"/> and measures what they wrote.</summary>
    public static GeneratedOutput Generate(string assemblyName, ImmutableArray<SyntaxTree> trees)
    {
        CreateDriver().RunGeneratorsAndUpdateCompilation(CreateCompilation(assemblyName, trees), out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        return Measure(trees, output, diagnostics);
    }

    private static GeneratedOutput Measure(ImmutableArray<SyntaxTree> trees, Compilation output, ImmutableArray<Diagnostic> diagnostics)
    {
        // The generated trees are the output compilation's trees that were not inputs.
        var inputs = new HashSet<SyntaxTree>(trees);
        SyntaxTree[] generated = output.SyntaxTrees.Where(t => !inputs.Contains(t)).ToArray();
        long bytes = generated.Sum(t => (long)Encoding.UTF8.GetByteCount(t.GetText().ToString()));
        return new GeneratedOutput(CountDeviceClasses(trees), generated.Length, bytes, output, diagnostics);
    }

    /// <summary>Writes the generated files of <paramref name="output"/> (the trees that were not <paramref name="trees"/>) to <paramref name="directory"/>.</summary>
    public static void WriteGenerated(GeneratedOutput output, ImmutableArray<SyntaxTree> trees, string directory)
    {
        var inputs = new HashSet<SyntaxTree>(trees);
        System.IO.Directory.CreateDirectory(directory);
        foreach (SyntaxTree tree in output.OutputCompilation.SyntaxTrees.Where(t => !inputs.Contains(t)))
        {
            System.IO.File.WriteAllText(System.IO.Path.Combine(directory, System.IO.Path.GetFileName(tree.FilePath)), tree.GetText().ToString());
        }
    }

    /// <summary>Non-abstract classes carrying <c>[Device]</c>: the device types a catalog lists.</summary>
    public static int CountDeviceClasses(IEnumerable<SyntaxTree> trees) => trees
        .SelectMany(t => t.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>())
        .Count(c => !c.Modifiers.Any(SyntaxKind.AbstractKeyword)
            && c.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString() is "Device" or "DeviceAttribute" or "DeviceModel.Device"));

    /// <summary>
    /// <paramref name="repetitions"/> times (after <paramref name="warmUps"/> unmeasured ones): a fresh driver on a fresh compilation
    /// of freshly parsed trees (cold, as a build: nothing of an earlier run can be reused), then the same driver again after
    /// appending a comment to <paramref name="editedPath"/> (re-run); with step tracking on (<paramref name="trackSteps"/>) or off.
    /// </summary>
    public static RerunCost MeasureRerun(ImmutableArray<SyntaxTree> parsed, string editedPath, int repetitions, int warmUps = 1, bool trackSteps = true)
    {
        var cold = new List<TimeSpan>();
        var rerun = new List<TimeSpan>();
        var coldGenerator = new List<TimeSpan>();
        var rerunGenerator = new List<TimeSpan>();
        GeneratorDriverRunResult? last = null, lastCold = null;
        for (int r = -warmUps; r < repetitions; r++)
        {
            ImmutableArray<SyntaxTree> trees = parsed.Select(t => CSharpSyntaxTree.ParseText(t.GetText(), ParseOptions, t.FilePath)).ToImmutableArray();
            SyntaxTree edited = trees.Single(t => t.FilePath == editedPath);
            CSharpCompilation compilation = CreateCompilation("Corpus.Rerun", trees);
            var stopwatch = Stopwatch.StartNew();
            GeneratorDriver driver = CreateDriver(trackSteps).RunGenerators(compilation);
            TimeSpan coldTime = stopwatch.Elapsed;
            TimeSpan coldGeneratorTime = driver.GetTimingInfo().ElapsedTime;
            GeneratorDriverRunResult coldResult = driver.GetRunResult();

            SourceText text = edited.GetText();
            SyntaxTree noOp = edited.WithChangedText(text.WithChanges(new TextChange(new TextSpan(text.Length, 0), "// no-op edit " + r + "\n")));
            CSharpCompilation next = compilation.ReplaceSyntaxTree(edited, noOp);
            stopwatch.Restart();
            driver = driver.RunGenerators(next);
            TimeSpan rerunTime = stopwatch.Elapsed;
            if (r < 0) continue;
            cold.Add(coldTime);
            rerun.Add(rerunTime);
            coldGenerator.Add(coldGeneratorTime);
            rerunGenerator.Add(driver.GetTimingInfo().ElapsedTime);
            last = driver.GetRunResult();
            lastCold = coldResult;
        }
        return new RerunCost(repetitions, Median(cold), Median(rerun), Median(coldGenerator), Median(rerunGenerator), CountSteps(last!), CountSteps(lastCold!));
    }

    private static List<StepCounts> CountSteps(GeneratorDriverRunResult result)
    {
        var counts = new List<StepCounts>();
        foreach (GeneratorRunResult generator in result.Results)
        {
            foreach ((string prefix, ImmutableDictionary<string, ImmutableArray<IncrementalGeneratorRunStep>> steps) in new[] { ("", generator.TrackedSteps), ("output: ", generator.TrackedOutputSteps) })
            {
                foreach (KeyValuePair<string, ImmutableArray<IncrementalGeneratorRunStep>> step in steps.OrderBy(s => s.Key, StringComparer.Ordinal))
                {
                    var reasons = step.Value.SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
                    counts.Add(new StepCounts(prefix + step.Key,
                        reasons.Count(r => r == IncrementalStepRunReason.Cached),
                        reasons.Count(r => r == IncrementalStepRunReason.Unchanged),
                        reasons.Count(r => r == IncrementalStepRunReason.Modified),
                        reasons.Count(r => r == IncrementalStepRunReason.New),
                        reasons.Count(r => r == IncrementalStepRunReason.Removed),
                        TimeSpan.FromTicks(step.Value.Sum(s => s.ElapsedTime.Ticks))));
                }
            }
        }
        return counts;
    }

    private static TimeSpan Median(List<TimeSpan> times)
    {
        times.Sort();
        int middle = times.Count / 2;
        return times.Count % 2 == 1 ? times[middle] : TimeSpan.FromTicks((times[middle - 1].Ticks + times[middle].Ticks) / 2);
    }
}
