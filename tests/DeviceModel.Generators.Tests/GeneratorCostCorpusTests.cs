using System.Collections.Immutable;
using System.Linq;
using DeviceModel.Catalog;
using DeviceModel.GeneratorCost.Corpus;
using DeviceModel.GeneratorCost.Measurement;
using DeviceModel.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;

namespace DeviceModel.Generators.Tests
{
    /// <summary>
    /// Keeps the issue 12 measurement tool (tests/DeviceModel.GeneratorCost) working against whatever the generator
    /// is: its synthetic corpus still compiles with the generator into one catalog of every device, the re-run
    /// measurement still runs, and its ReportAnalyzer log parser still reads the compiler's table. No timing asserted.
    /// </summary>
    public sealed class GeneratorCostCorpusTests
    {
        private const int Devices = 20;

        [Fact]
        public void SyntheticCorpus_CompilesWithTheGenerator_IntoOneCatalogListingEveryDevice()
        {
            SyntheticCorpus corpus = SyntheticCorpus.Create(Devices);
            ImmutableArray<SyntaxTree> trees = InProcessGenerator.Parse(corpus.Sources);

            GeneratedOutput output = InProcessGenerator.Generate("Corpus.Smoke", trees);

            // Emitting binds everything once and fails on any error or warning (LoadedAssembly asserts it).
            Assert.True(output.GeneratorDiagnostics.IsEmpty, "the generator reported:\n" + GeneratorHarness.Describe(output.GeneratorDiagnostics));
            Assert.Equal(Devices, output.DeviceClasses);
            Assert.True(output.Bytes > 0, "the generator wrote nothing");
            using LoadedAssembly loaded = LoadedAssembly.Emit(output.OutputCompilation);
            DeviceCatalog catalog = loaded.Catalog(SyntheticCorpus.CatalogType);
            string[] expected = Enumerable.Range(0, Devices).Select(SyntheticCorpus.DeviceName).OrderBy(n => n, System.StringComparer.Ordinal).ToArray();
            Assert.Equal(expected, catalog.Devices.Select(d => d.Name).Where(n => n.StartsWith("corpus-", System.StringComparison.Ordinal)).OrderBy(n => n, System.StringComparer.Ordinal).ToArray());
            Assert.All(catalog.Devices.Where(d => d.Name.StartsWith("corpus-", System.StringComparison.Ordinal)), d => Assert.Equal(SyntheticCorpus.OptionsPerDevice, d.Options.Count(o => o.Name is "offload" or "mitigation" or "x-tracing" or "queue-size" or "burst" or "queues" or "lanes" or "serial" or "backend" or "mode" or "polling" or "mac" or "buffer-size" or "window" or "bootindex")));
        }

        [Fact]
        public void SyntheticCorpus_HasThreeToFiveHintsPerDevice_AndABaselineLinePerGuestVisibleOption()
        {
            SyntheticCorpus corpus = SyntheticCorpus.Create(Devices);

            Assert.InRange(corpus.HintCount, 3 * Devices, 5 * Devices);
            string[] lines = corpus.CompatDefaultsShipped.Split('\n').Where(l => l.Length > 0 && l[0] != '#').ToArray();
            Assert.Equal(Devices * (SyntheticCorpus.OptionsPerDevice - 1), lines.Length); // one host-only option per device
            Assert.Equal(lines.OrderBy(l => l.Split('=')[0], System.StringComparer.Ordinal), lines);
        }

        [Fact]
        public void RerunMeasurement_ReportsTheTrackedSteps()
        {
            SyntheticCorpus corpus = SyntheticCorpus.Create(Devices);

            RerunCost rerun = InProcessGenerator.MeasureRerun(InProcessGenerator.Parse(corpus.Sources), corpus.Sources[2].Path, repetitions: 1, warmUps: 0);

            Assert.NotEmpty(rerun.Steps);
            Assert.Contains(rerun.Steps, s => s.Cached + s.Unchanged > 0);
        }

        [Fact]
        public void ReportAnalyzerLog_IsParsedIntoAssemblyTimesAndTheCscTime()
        {
            string[] log =
            [
                "         Total analyzer execution time: 0.571 seconds.",
                "         ",
                "         Time (s)    %   Analyzer",
                "            0.269   47   Microsoft.CodeAnalysis.CSharp.NetAnalyzers, Version=10.0.401.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35",
                "            0.135   23      Microsoft.NetCore.CSharp.Analyzers.Runtime.CSharpDetectPreviewFeatureAnalyzer (CA2252)",
                "            0.096   17   DeviceModel.Analyzers, Version=0.1.0.0, Culture=neutral, PublicKeyToken=null",
                "           <0.001   <1   Tiny.Analyzers, Version=1.0.0.0, Culture=neutral, PublicKeyToken=null",
                "         Total generator execution time: 1.578 seconds.",
                "         ",
                "         Time (s)    %   Generator",
                "            0.698   44   DeviceModel.Generators, Version=0.1.0.0, Culture=neutral, PublicKeyToken=null",
                "            0.698   44      DeviceModel.Generators.DeviceGenerator",
                "     Done executing task \"Csc\".",
                "Task Performance Summary:",
                "     5048 ms  Csc                                        1 calls",
            ];

            BuildCost cost = BuildMeasurement.Parse(log, "test.log");

            Assert.Equal(5.048, cost.CscSeconds, 3);
            Assert.Equal(0.571, cost.AnalyzerSeconds, 3);
            Assert.Equal(1.578, cost.GeneratorSeconds, 3);
            Assert.Equal(["Microsoft.CodeAnalysis.CSharp.NetAnalyzers", "DeviceModel.Analyzers", "Tiny.Analyzers"], cost.Analyzers.Select(a => a.Assembly));
            Assert.Equal(0.698, cost.SecondsOf("DeviceModel.Generators"), 3);
            Assert.Equal(0.096 / 5.048, cost.ShareOf("DeviceModel.Analyzers"), 6);
        }
    }
}
