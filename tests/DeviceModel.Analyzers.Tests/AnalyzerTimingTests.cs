extern alias Analyzers;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DeviceModel.Analyzers.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit.Abstractions;
using DeviceAnalyzer = Analyzers::DeviceModel.Analyzers.DeviceAnalyzer;

namespace DeviceModel.Analyzers.Tests
{
    /// <summary>
    /// Prints the analyzer's own execution time (the compiler's telemetry) on the QEMU samples with their baseline, and
    /// on a generated corpus forty times their size. Only a generous bound is asserted: the numbers are for the log.
    /// </summary>
    public sealed class AnalyzerTimingTests
    {
        private const int WarmUpRuns = 3, MeasuredRuns = 10;
        private readonly ITestOutputHelper _output;

        public AnalyzerTimingTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public async Task AnalyzerTime_OnTheSamplesAndOnAGeneratedCorpus_IsPrinted()
        {
            string samples = RepositoryRoot.File("samples/DeviceModel.Samples.Qemu");
            SyntaxTree[] sampleTrees = Directory.GetFiles(samples, "*.cs").OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), CSharpParseOptions.Default, f)).ToArray();
            AdditionalText[] sampleBaseline =
            {
                new FileText(Path.Combine(samples, "CompatDefaults.Shipped.txt"), File.ReadAllText(Path.Combine(samples, "CompatDefaults.Shipped.txt"))),
                new FileText(Path.Combine(samples, "CompatDefaults.Unshipped.txt"), File.ReadAllText(Path.Combine(samples, "CompatDefaults.Unshipped.txt"))),
            };
            (List<TimeSpan> sampleTimes, ImmutableArray<Diagnostic> sampleDiagnostics) = await MeasureAsync(sampleTrees, sampleBaseline);
            Assert.DoesNotContain(sampleDiagnostics, d => d.Severity == DiagnosticSeverity.Error);

            const int devices = 200, options = 30;
            (SyntaxTree[] corpusTrees, AdditionalText[] corpusBaseline) = GeneratedCorpus(devices, options);
            (List<TimeSpan> corpusTimes, ImmutableArray<Diagnostic> corpusDiagnostics) = await MeasureAsync(corpusTrees, corpusBaseline);
            Assert.Empty(corpusDiagnostics);

            _output.WriteLine("DeviceAnalyzer execution time (compiler telemetry), mean of {0} runs after {1} warm-up runs, fresh compilation each run:", MeasuredRuns, WarmUpRuns);
            _output.WriteLine("  QEMU samples ({0} files, baseline of {1} lines): {2}", sampleTrees.Length, CountLines(sampleBaseline), Describe(sampleTimes));
            _output.WriteLine("  generated corpus ({0} devices x {1} options, baseline of {2} lines): {3}", devices, options, CountLines(corpusBaseline), Describe(corpusTimes));
            Assert.True(Mean(sampleTimes) < TimeSpan.FromSeconds(2), "analyzer on the samples takes " + Describe(sampleTimes));
            Assert.True(Mean(corpusTimes) < TimeSpan.FromSeconds(10), "analyzer on the generated corpus takes " + Describe(corpusTimes));
        }

        private static async Task<(List<TimeSpan>, ImmutableArray<Diagnostic>)> MeasureAsync(SyntaxTree[] trees, AdditionalText[] baseline)
        {
            var times = new List<TimeSpan>();
            ImmutableArray<Diagnostic> diagnostics = ImmutableArray<Diagnostic>.Empty;
            for (int run = 0; run < WarmUpRuns + MeasuredRuns; run++)
            {
                var analyzer = new DeviceAnalyzer();
                CSharpCompilation compilation = CSharpCompilation.Create("Timing", trees, TestProject.References,
                    new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
                var withAnalyzers = new CompilationWithAnalyzers(compilation, ImmutableArray.Create<DiagnosticAnalyzer>(analyzer),
                    new CompilationWithAnalyzersOptions(new AnalyzerOptions(baseline.ToImmutableArray()), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: true));
                diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
                if (run >= WarmUpRuns) times.Add((await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None)).ExecutionTime);
            }
            return (times, diagnostics);
        }

        /// <summary>
        /// <paramref name="devices"/> devices under one abstract family, each with <paramref name="options"/> options
        /// of every kind (some with histories, one overriding the family's option), and the matching baseline.
        /// </summary>
        private static (SyntaxTree[], AdditionalText[]) GeneratedCorpus(int devices, int options)
        {
            var trees = new List<SyntaxTree>();
            var lines = new List<string> { "fam-base vectors=auto" };
            trees.Add(CSharpSyntaxTree.ParseText("""
                using DeviceModel;
                namespace Corpus;
                public enum Mode { Fast, SlowAndSteady }
                // A product: its hints are allowed (DM0018) and its baseline is the one below (DM0019).
                [DeviceCatalog]
                [Product("corpus", "7.2")]
                public static partial class CorpusCatalog
                {
                }
                [Device("fam-base")]
                public abstract partial class FamilyBase
                {
                    [ConfigOption("vectors", Auto = true)]
                    public virtual uint? Vectors { get; set; }
                }
                """, CSharpParseOptions.Default, "/corpus/FamilyBase.cs"));
            for (int d = 0; d < devices; d++)
            {
                string device = "dev" + d.ToString("000", CultureInfo.InvariantCulture);
                var source = new StringBuilder();
                source.Append("using DeviceModel;\nnamespace Corpus;\n[Device(\"").Append(device).Append("\")]\npublic sealed partial class Dev").Append(d).Append(" : FamilyBase\n{\n");
                source.Append("    [CompatHint(\"6.0\", 3u)]\n    public override uint? Vectors { get; set; } = 4;\n");
                lines.Add(device + " vectors=4");
                for (int o = 0; o < options; o++)
                {
                    string name = "opt-" + o.ToString("00", CultureInfo.InvariantCulture);
                    switch (o % 5)
                    {
                        case 0:
                            source.Append("    [ConfigOption(\"").Append(name).Append("\")]\n    [CompatHint(\"2.0\", false)]\n    public bool O").Append(o).Append(" { get; set; } = true;\n");
                            lines.Add(device + " " + name + "=on");
                            break;
                        case 1:
                            source.Append("    [ConfigOption(\"").Append(name).Append("\", IsSize = true)]\n    public ulong O").Append(o).Append(" { get; set; } = 262144;\n");
                            lines.Add(device + " " + name + "=256k");
                            break;
                        case 2:
                            source.Append("    [ConfigOption(\"").Append(name).Append("\")]\n    [CompatHint(\"2.0\", Mode.Fast)]\n    public Mode O").Append(o).Append(" { get; set; } = Mode.SlowAndSteady;\n");
                            lines.Add(device + " " + name + "=slow-and-steady");
                            break;
                        case 3:
                            source.Append("    [ConfigOption(\"").Append(name).Append("\")]\n    public string? O").Append(o).Append(" { get; set; }\n");
                            lines.Add(device + " " + name);
                            break;
                        default:
                            source.Append("    [ConfigOption(\"").Append(name).Append("\", HostOnly = true)]\n    public int O").Append(o).Append(" { get; set; } = -1;\n");
                            break;
                    }
                }
                source.Append("}\n");
                trees.Add(CSharpSyntaxTree.ParseText(source.ToString(), CSharpParseOptions.Default, "/corpus/Dev" + d + ".cs"));
            }
            lines.Sort(StringComparer.Ordinal);
            return (trees.ToArray(), new AdditionalText[]
            {
                new FileText("/corpus/CompatDefaults.Shipped.txt", string.Join("\n", lines) + "\n"),
                new FileText("/corpus/CompatDefaults.Unshipped.txt", ""),
            });
        }

        private static int CountLines(AdditionalText[] files) =>
            files.Sum(f => f.GetText()!.Lines.Count(l => l.Span.Length > 0 && f.GetText()!.ToString(l.Span)[0] != '#'));

        private static TimeSpan Mean(List<TimeSpan> times) => TimeSpan.FromTicks((long)times.Average(t => t.Ticks));

        private static string Describe(List<TimeSpan> times) =>
            Mean(times).TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms (min " + times.Min().TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture)
            + ", max " + times.Max().TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + ")";

        private sealed class FileText : AdditionalText
        {
            private readonly SourceText _text;

            public FileText(string path, string text)
            {
                Path = path;
                _text = SourceText.From(text);
            }

            public override string Path { get; }

            public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
        }
    }
}
