extern alias Generators;

using System.Collections.Generic;
using System.Linq;
using DeviceModel.Generators.Tests.Corpus;
using DeviceModel.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using DeviceSpec = Generators::DeviceModel.Declarations.DeviceSpec;
using Steps = Generators::DeviceModel.Generators.DeviceGenerator.Steps;

namespace DeviceModel.Generators.Tests
{
    /// <summary>
    /// The pipeline caches: re-running on an equal compilation or after an unrelated edit reuses every step,
    /// editing one device regenerates that device only, and no step output holds a Roslyn object.
    /// </summary>
    public sealed class IncrementalityTests
    {
        private static readonly string[] TrackedSteps = { Steps.Devices, Steps.CatalogEntries, Steps.Catalogs, Steps.CatalogWithDevices };

        [Fact]
        public void FirstRun_RecordsEveryTrackedStep()
        {
            GeneratorRun run = GeneratorHarness.Run(Corpus());
            foreach (string step in TrackedSteps)
            {
                Assert.True(run.Result.TrackedSteps.ContainsKey(step), "step " + step + " was not tracked");
                Assert.All(Outputs(run, step), o => Assert.Equal(IncrementalStepRunReason.New, o.Reason));
            }
            // Every [Device] type, abstract ones included, gets its own table.
            Assert.Equal(8, Outputs(run, Steps.Devices).Count());
        }

        [Fact]
        public void RerunOnClonedCompilation_EveryStepIsCachedOrUnchanged()
        {
            CSharpCompilation compilation = Corpus();
            GeneratorRun first = GeneratorHarness.Run(compilation);
            GeneratorRun second = GeneratorHarness.Run(first.Driver, compilation.Clone());

            AssertAllReused(second);
            Assert.Equal(first.Sources, second.Sources);
        }

        [Fact]
        public void AddingAnUnrelatedSyntaxTree_ChangesNothing()
        {
            CSharpCompilation compilation = Corpus();
            GeneratorRun first = GeneratorHarness.Run(compilation);
            SyntaxTree unrelated = CSharpSyntaxTree.ParseText(
                "namespace Corpus.Other { public sealed class Helper { public int Value { get; set; } } }", GeneratorHarness.ParseOptions, "Corpus/Other.cs");
            GeneratorRun second = GeneratorHarness.Run(first.Driver, compilation.AddSyntaxTrees(unrelated));

            AssertAllReused(second);
            Assert.Equal(first.Sources, second.Sources);
        }

        [Fact]
        public void EditingOneDeviceDescription_RegeneratesOnlyThatDevice()
        {
            CSharpCompilation compilation = Corpus();
            GeneratorRun first = GeneratorHarness.Run(compilation);
            SyntaxTree old = compilation.SyntaxTrees.Single(t => t.FilePath == DeviceCorpus.EveryValueType.Path);
            string edited = DeviceCorpus.EveryValueType.Text.Replace("Description = \"Every option value type\"", "Description = \"Every option value type, edited\"");
            Assert.NotEqual(DeviceCorpus.EveryValueType.Text, edited);
            GeneratorRun second = GeneratorHarness.Run(first.Driver,
                compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(edited, GeneratorHarness.ParseOptions, old.FilePath)));

            foreach (string step in new[] { Steps.Devices })
            {
                foreach ((object value, IncrementalStepRunReason reason) in Outputs(second, step))
                {
                    var device = Assert.IsType<DeviceSpec>(value);
                    if (device.DeviceName == "corpus-everything") Assert.Equal(IncrementalStepRunReason.Modified, reason);
                    else Assert.True(IsReused(reason), step + " output for " + device.DeviceName + " was " + reason);
                }
            }
            // A description is not part of the catalog: the catalog steps reuse their outputs.
            foreach (string step in new[] { Steps.CatalogEntries, Steps.Catalogs, Steps.CatalogWithDevices })
            {
                Assert.All(Outputs(second, step), o => Assert.True(IsReused(o.Reason), step + " output was " + o.Reason));
            }

            var sourceOutputs = Outputs(second, WellKnownGeneratorOutputs.SourceOutput, output: true).ToList();
            Assert.Single(sourceOutputs, o => o.Reason == IncrementalStepRunReason.Modified);
            Assert.Equal(sourceOutputs.Count - 1, sourceOutputs.Count(o => IsReused(o.Reason)));

            const string hint = "Corpus.Hw.Misc.Everything.g.cs";
            Assert.Contains("\"Every option value type, edited\"", second.Sources[hint]);
            Assert.Equal(first.Sources.Where(s => s.Key != hint), second.Sources.Where(s => s.Key != hint));
        }

        [Fact]
        public void StepOutputs_HoldNoRoslynObjectsAndCompareByValue()
        {
            GeneratorRun run = GeneratorHarness.Run(Corpus());
            var problems = new List<string>();
            foreach (string step in TrackedSteps)
            {
                int i = 0;
                foreach ((object value, _) in Outputs(run, step)) problems.AddRange(ModelGraph.FindProblems(value, step + "[" + i++ + "]"));
            }
            Assert.Empty(problems);
        }

        [Fact]
        public void ModelGraph_FindsALeakedSymbol()
        {
            // The walker itself must see through records and tuples, or the test above proves nothing.
            CSharpCompilation compilation = Corpus();
            INamedTypeSymbol symbol = compilation.GetTypeByMetadataName("Corpus.Hw.Misc.Everything")!;
            IReadOnlyList<string> problems = ModelGraph.FindProblems((Name: "x", Leak: new LeakyModel(symbol)), "root");
            Assert.Contains(problems, p => p.StartsWith("root.Item2.Symbol: a ISymbol", System.StringComparison.Ordinal));
        }

        private sealed record LeakyModel(ISymbol Symbol);

        private static CSharpCompilation Corpus() => GeneratorHarness.CreateCompilation("Corpus.Incremental", DeviceCorpus.All);

        private static bool IsReused(IncrementalStepRunReason reason) => reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged;

        private static void AssertAllReused(GeneratorRun run)
        {
            foreach (string step in TrackedSteps)
            {
                Assert.True(run.Result.TrackedSteps.ContainsKey(step), "step " + step + " was not tracked");
                Assert.All(Outputs(run, step), o => Assert.True(IsReused(o.Reason), step + " output " + o.Value + " was " + o.Reason));
            }
            Assert.All(Outputs(run, WellKnownGeneratorOutputs.SourceOutput, output: true), o => Assert.True(IsReused(o.Reason), "source output was " + o.Reason));
        }

        private static IEnumerable<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorRun run, string step, bool output = false) =>
            (output ? run.Result.TrackedOutputSteps : run.Result.TrackedSteps)[step].SelectMany(s => s.Outputs);
    }
}
