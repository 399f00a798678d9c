extern alias Generators;

using System.Collections.Generic;
using System.Linq;
using DeviceModel.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Steps = Generators::DeviceModel.Generators.DeviceGenerator.Steps;

namespace DeviceModel.Generators.Tests
{
    /// <summary>
    /// DM0009 from the generator: a concrete <c>[Device]</c> class it cannot complete fails with CS0534, analyzers do not
    /// run on such a build, so the generator reports DM0009 itself; abstract classes compile and are the analyzer's.
    /// </summary>
    public sealed class NotPartialDeviceTests
    {
        private const string NotPartial = """
            using DeviceModel;

            namespace Apps
            {
                [Device("nic")]
                public sealed class Nic : Device
                {
                    [ConfigOption("mq")]
                    public bool Mq { get; set; }
                }
            }
            """;

        [Fact]
        public void ConcreteNonPartialDevice_FailsWithCS0534_AndTheGeneratorReportsDM0009OnItsName()
        {
            GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation("Apps", new[] { new SourceFile("/src/Nic.cs", NotPartial) }));

            Assert.Null(run.Result.Exception);
            Assert.Contains(run.CompilationDiagnostics, d => d.Id == "CS0534");
            Diagnostic dm0009 = Assert.Single(run.GeneratorDiagnostics);
            Assert.Equal("DM0009", dm0009.Id);
            Assert.Equal(DiagnosticSeverity.Error, dm0009.Severity);
            Assert.Equal("Device class 'Nic' is not partial: the generator skips it", dm0009.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
            // In the compilation's own tree, so the IDE places it in the document and offers the make-partial fix.
            Assert.Same(run.OutputCompilation.SyntaxTrees.First(t => t.FilePath == "/src/Nic.cs"), dm0009.Location.SourceTree);
            FileLinePositionSpan span = dm0009.Location.GetLineSpan();
            Assert.Equal("/src/Nic.cs", span.Path);
            Assert.Equal(5, span.StartLinePosition.Line);
            Assert.Equal("Nic", NotPartial.Split('\n')[5].Substring(span.StartLinePosition.Character, 3));
            // The make-partial code fix keys on this property, as on the analyzer's DM0009.
            Assert.Equal("true", dm0009.Properties["NotPartial"]);
            Assert.StartsWith("https://", dm0009.Descriptor.HelpLinkUri, System.StringComparison.Ordinal);
            Assert.DoesNotContain(run.Sources.Keys, k => k.Contains("Nic", System.StringComparison.Ordinal));
        }

        [Fact]
        public void ANonPartialOptionGroup_IsReportedByTheGenerator_AndTheDeviceIncludingItFailsToBuild()
        {
            GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation("Apps", new[] { new SourceFile("/src/Nic.cs", """
                using DeviceModel;

                namespace Apps
                {
                    [OptionGroup("nic")]
                    public sealed class NicOptions : OptionGroup
                    {
                        [ConfigOption("bootindex")]
                        public int BootIndex { get; set; } = -1;
                    }

                    [Device("e1000")]
                    public sealed partial class E1000 : Device
                    {
                        [IncludeOptions]
                        public NicOptions Nic { get; } = new();
                    }
                }
                """) }));

            Diagnostic dm0009 = Assert.Single(run.GeneratorDiagnostics);
            Assert.Equal("Device class 'NicOptions' is not partial: the generator skips it", dm0009.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal("true", dm0009.Properties["NotPartial"]);
            Assert.DoesNotContain(run.Sources.Keys, k => k.Contains("NicOptions", System.StringComparison.Ordinal));
            Assert.Contains(run.CompilationDiagnostics, d => d.Id == "CS0122"); // the group's table is the inaccessible root one
        }

        [Fact]
        public void NestedOrGenericConcreteDevices_AreReported_PartialTopLevelAndAbstractOnesAreNot()
        {
            GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation("Apps", new[]
            {
                new SourceFile("/src/Devices.cs", """
                    using DeviceModel;

                    namespace Apps
                    {
                        public static partial class Outer
                        {
                            [Device("nested")]
                            public sealed partial class Nested : Device { }
                        }

                        [Device("generic")]
                        public sealed partial class Generic<T> : Device { }

                        // Abstract: compiles without the generated code, so the analyzer reports it (DeviceModel.Analyzers.Tests).
                        [Device("abstract-base")]
                        public abstract class AbstractBase : Device { }

                        [Device("fine")]
                        public sealed partial class Fine : Device { }
                    }
                    """),
            }));

            Assert.Null(run.Result.Exception);
            Assert.Equal(
                new[] { "Device class 'Generic' is generic: the generator skips it", "Device class 'Nested' is nested in 'Outer': the generator skips it" },
                run.GeneratorDiagnostics.Where(d => d.Id == "DM0009").Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).OrderBy(m => m, System.StringComparer.Ordinal));
            Assert.Equal(2, run.GeneratorDiagnostics.Length);
            Assert.All(run.GeneratorDiagnostics, d => Assert.False(d.Properties.ContainsKey("NotPartial")));
        }

        [Fact]
        public void TheGeneratorsDM0009_LinksUnderDeviceModelHelpLinkBase_WhenTheProjectSetsIt()
        {
            GeneratorDriver driver = CSharpGeneratorDriver.Create(
                new[] { new Generators::DeviceModel.Generators.DeviceGenerator().AsSourceGenerator() },
                parseOptions: GeneratorHarness.ParseOptions,
                optionsProvider: new GlobalOptionsProvider("build_property.DeviceModelHelpLinkBase", "https://docs.example.com/dm"));
            GeneratorRun run = GeneratorHarness.Run(driver, GeneratorHarness.CreateCompilation("Apps", new[] { new SourceFile("/src/Nic.cs", NotPartial) }));

            Diagnostic dm0009 = Assert.Single(run.GeneratorDiagnostics);
            Assert.Equal("https://docs.example.com/dm/DM0009.md", dm0009.Descriptor.HelpLinkUri);
        }

        [Fact]
        public void TheReportStep_CachesItsValueModel_AcrossAnUnrelatedEdit()
        {
            CSharpCompilation compilation = GeneratorHarness.CreateCompilation("Apps", new[] { new SourceFile("/src/Nic.cs", NotPartial) });
            GeneratorRun first = GeneratorHarness.Run(compilation);
            GeneratorRun second = GeneratorHarness.Run(first.Driver,
                compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Apps { internal static class Unrelated { } }", GeneratorHarness.ParseOptions, "/src/Unrelated.cs")));

            var outputs = second.Result.TrackedSteps[Steps.DeclarationProblems].SelectMany(s => s.Outputs).ToList();
            Assert.Single(outputs);
            Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, "output was " + o.Reason));
            var problems = new List<string>();
            foreach ((object value, _) in outputs) problems.AddRange(ModelGraph.FindProblems(value, Steps.DeclarationProblems));
            Assert.Empty(problems);
            Assert.Single(second.GeneratorDiagnostics, d => d.Id == "DM0009");
        }

        private sealed class GlobalOptionsProvider : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptionsProvider
        {
            private readonly Options _global;

            public GlobalOptionsProvider(string key, string value) => _global = new Options(new Dictionary<string, string> { [key] = value });

            public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GlobalOptions => _global;

            public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

            public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

            private sealed class Options : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions
            {
                public static readonly Options Empty = new(new Dictionary<string, string>());

                private readonly Dictionary<string, string> _values;

                public Options(Dictionary<string, string> values) => _values = values;

                public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => _values.TryGetValue(key, out value);
            }
        }
    }
}
