using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DeviceModel.Generators.Tests.Corpus;
using DeviceModel.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit.Abstractions;

namespace DeviceModel.Generators.Tests
{
    /// <summary>
    /// Prints how long the generator takes on the corpus (the driver's own timing), cold and incremental. Only a
    /// generous bound is asserted: the number is for the log and for comparing changes, not a gate.
    /// </summary>
    public sealed class GeneratorTimingTests
    {
        private const int WarmUpRuns = 5, MeasuredRuns = 20;
        private readonly ITestOutputHelper _output;

        public GeneratorTimingTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void GeneratorTime_OnTheCorpus_IsPrinted()
        {
            SyntaxTree[] trees = GeneratorHarness.CreateCompilation("Corpus.Timing", DeviceCorpus.All).SyntaxTrees.ToArray();

            // Cold: a fresh driver on a fresh compilation (no bound symbols yet), as a command-line build runs it.
            List<TimeSpan> cold = Measure(() =>
            {
                GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(GeneratorHarness.CreateCompilation("Corpus.Timing", trees));
                Assert.Equal(11, driver.GetRunResult().GeneratedTrees.Length); // one per declaring type (abstract ones and groups too) and the catalog
                return driver.GetTimingInfo().GeneratorTimes.Single().ElapsedTime;
            });

            // Bound: a fresh driver on a compilation whose symbols and attributes are already bound, which leaves
            // mostly the generator's own parsing and emitting.
            CSharpCompilation bound = GeneratorHarness.CreateCompilation("Corpus.Timing", trees);
            Assert.NotEmpty(bound.GetDiagnostics()); // binds everything; the generated members are missing, hence errors
            List<TimeSpan> boundTimes = Measure(() =>
            {
                GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(bound);
                return driver.GetTimingInfo().GeneratorTimes.Single().ElapsedTime;
            });

            // Incremental: one device's description edited between runs of the same driver, as in the IDE.
            CSharpCompilation baseline = GeneratorHarness.CreateCompilation("Corpus.Timing", DeviceCorpus.All);
            GeneratorDriver warm = GeneratorHarness.CreateDriver().RunGenerators(baseline);
            SyntaxTree everything = baseline.SyntaxTrees.Single(t => t.FilePath == DeviceCorpus.EveryValueType.Path);
            int edit = 0;
            List<TimeSpan> incremental = Measure(() =>
            {
                string text = DeviceCorpus.EveryValueType.Text.Replace("Every option value type", "Every option value type " + edit++.ToString(CultureInfo.InvariantCulture));
                CSharpCompilation next = baseline.ReplaceSyntaxTree(everything, CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, everything.FilePath));
                warm = warm.RunGenerators(next);
                return warm.GetTimingInfo().GeneratorTimes.Single().ElapsedTime;
            });

            _output.WriteLine("DeviceGenerator on the corpus ({0} files, 8 device classes, 1 catalog), mean of {1} runs after {2} warm-up runs:", trees.Length, MeasuredRuns, WarmUpRuns);
            _output.WriteLine("  cold (new driver, new compilation):    {0}", Describe(cold));
            _output.WriteLine("  bound (new driver, bound compilation): {0}", Describe(boundTimes));
            _output.WriteLine("  incremental (one device edited):       {0}", Describe(incremental));

            Assert.True(Mean(cold) < TimeSpan.FromSeconds(2), "cold generator run takes " + Describe(cold));
            Assert.True(Mean(boundTimes) < TimeSpan.FromSeconds(2), "generator run on a bound compilation takes " + Describe(boundTimes));
            Assert.True(Mean(incremental) < TimeSpan.FromSeconds(2), "incremental generator run takes " + Describe(incremental));
        }

        private static List<TimeSpan> Measure(Func<TimeSpan> run)
        {
            for (int i = 0; i < WarmUpRuns; i++) run();
            var times = new List<TimeSpan>(MeasuredRuns);
            for (int i = 0; i < MeasuredRuns; i++) times.Add(run());
            return times;
        }

        private static TimeSpan Mean(List<TimeSpan> times) => TimeSpan.FromTicks((long)times.Average(t => t.Ticks));

        private static string Describe(List<TimeSpan> times)
        {
            List<TimeSpan> sorted = times.OrderBy(t => t).ToList();
            return string.Format(CultureInfo.InvariantCulture, "mean {0:F3} ms, median {1:F3} ms, min {2:F3} ms, max {3:F3} ms",
                Mean(times).TotalMilliseconds, sorted[sorted.Count / 2].TotalMilliseconds, sorted[0].TotalMilliseconds, sorted[^1].TotalMilliseconds);
        }
    }
}
