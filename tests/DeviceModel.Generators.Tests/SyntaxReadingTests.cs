using System.Linq;
using DeviceModel.Catalog;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using DeviceModel.Config;
using DeviceModel.Generators.Tests.Harness;

namespace DeviceModel.Generators.Tests
{
    /// <summary>
    /// The generator reads declarations from syntax and asks the compiler only for names and non-literal arguments
    /// (Reading/SyntaxReader.cs, Reading/Resolver.cs). Every way C# lets a device author write a declaration must give the
    /// model the compiler's view gives: aliases, qualified and suffixed attribute names, global usings, constants, enum
    /// members of enums nested or imported, named constructor arguments, partial classes across files, array arguments.
    /// </summary>
    public sealed class SyntaxReadingTests
    {
        private const string Catalog = """
            namespace Written
            {
                [DeviceModel.DeviceCatalog]
                [DeviceModel.Product("written", "3.0")]
                [DeviceModel.MachineFamily("pc", "1.0 2.0 3.0")]
                public static partial class WrittenCatalog
                {
                }
            }
            """;

        private static DeviceCatalog Load(params SourceFile[] sources)
        {
            GeneratorRun run = GeneratorHarness.RunOn("Written.Product", sources.Append(new SourceFile("Catalog.cs", Catalog)).ToArray());
            Assert.Null(run.Result.Exception);
            Assert.True(run.GeneratorDiagnostics.IsEmpty, GeneratorHarness.Describe(run.GeneratorDiagnostics));
            Assert.True(run.CompilationDiagnostics.IsEmpty, GeneratorHarness.Describe(run.CompilationDiagnostics));
            return LoadedAssembly.Emit(run.OutputCompilation).Catalog("Written.WrittenCatalog");
        }

        /// <summary>One line per option: name, kind, default and history, as the catalog reports them.</summary>
        private static string Describe(DeviceInfo device, params string[] names) => string.Join("\n", names.Select(name =>
        {
            OptionInfo option = device.Options.Single(o => o.Name == name);
            return name + " " + option.Kind + " =" + option.Default + (option.History.IsEmpty ? "" : " [" + string.Join(", ", option.History.Select(h => h.SinceText + ":" + h.Value)) + "]");
        }));

        [Fact]
        public void AttributeNames_AliasedQualifiedSuffixedAndThroughGlobalUsings()
        {
            DeviceCatalog catalog = Load(
                new SourceFile("GlobalUsings.cs", "global using DeviceModel;\nglobal using Hint = DeviceModel.CompatHintAttribute;\n"),
                new SourceFile("Aliased.cs", """
                    using Dev = DeviceModel.DeviceAttribute;
                    using Opt = DeviceModel.ConfigOptionAttribute;

                    namespace Written
                    {
                        [Dev("aliased")]
                        public sealed partial class Aliased : Device
                        {
                            [Opt("level")] [Hint("2.0", 1)]
                            public int Level { get; set; } = 2;
                        }
                    }
                    """),
                new SourceFile("Qualified.cs", """
                    namespace Written.Deeper
                    {
                        [global::DeviceModel.DeviceAttribute("qualified")]
                        public sealed partial class Qualified : DeviceModel.Device
                        {
                            [DeviceModel.ConfigOption("level")] [global::DeviceModel.CompatHint("2.0", 1)]
                            public int Level { get; set; } = 2;
                        }
                    }
                    """));

            Assert.Equal(new[] { "aliased", "qualified" }, catalog.Devices.Select(d => d.Name).OrderBy(n => n, System.StringComparer.Ordinal));
            foreach (string device in new[] { "aliased", "qualified" })
            {
                Assert.Equal("level Int32 =2 [2.0:1]", Describe(catalog.Find(device)!, "level"));
            }
        }

        [Fact]
        public void NonLiteralArguments_AreTheCompilersConstants()
        {
            DeviceCatalog catalog = Load(
                new SourceFile("Names.cs", """
                    namespace Written.Shared
                    {
                        public static class Names
                        {
                            public const string Prefix = "const-";
                            public const string Queues = "queues";
                            public const string Old = "1.0";
                            public const uint OldQueues = 1;
                        }

                        public enum Speed { Slow, Fast, Quick = Fast }
                    }
                    """),
                new SourceFile("Constants.cs", """
                    using DeviceModel;
                    using Written.Shared;

                    namespace Written
                    {
                        [Device(Names.Prefix + "device", Description = "Named " + "by constants")]
                        public sealed partial class Constants : Device
                        {
                            [ConfigOption(Names.Queues, Max = "0x" + "10")]
                            [CompatHint(Names.Old, Names.OldQueues)]
                            [CompatHint("2.0", (uint)(Names.OldQueues + 1))]
                            public uint Queues { get; set; } = 4;

                            [ConfigOption("speed", Description = nameof(Speed))]
                            [CompatHint("1.0", Speed.Slow)]
                            [CompatHint("2.0", Written.Shared.Speed.Quick)]
                            public Speed Speed { get; set; } = Speed.Fast;

                            [ConfigOption(name: "mode")]
                            [CompatHint(value: Mode.Legacy, since: "2.0")]
                            public Mode Current { get; set; } = Mode.Modern;

                            public enum Mode { Legacy, Modern }
                        }
                    }
                    """));

            DeviceInfo device = catalog.Find("const-device")!;
            Assert.Equal("Named by constants", device.Description);
            Assert.Equal(
                "queues UInt32 =4 [1.0:1, 2.0:2]\nspeed Enum =fast [1.0:slow, 2.0:fast]\nmode Enum =modern [2.0:legacy]",
                Describe(device, "queues", "speed", "mode"));
            Assert.Equal("Speed", device.Options.Single(o => o.Name == "speed").Description);
            Assert.Equal(16UL, device.Options.Single(o => o.Name == "queues").Max);
        }

        [Fact]
        public void PartialClassAcrossFiles_AndNullableWrittenOut()
        {
            DeviceCatalog catalog = Load(
                new SourceFile("Split.Header.cs", """
                    using DeviceModel;

                    namespace Written
                    {
                        [Device("split")]
                        public sealed partial class Split
                        {
                            [ConfigOption("first")] [CompatHint("2.0", true)]
                            public bool First { get; set; }
                        }
                    }
                    """),
                new SourceFile("Split.Rest.cs", """
                    namespace Written
                    {
                        using DeviceModel;
                        using Count = System.Nullable<uint>;

                        public sealed partial class Split
                        {
                            [ConfigOption("count", Auto = true)] [CompatHint("1.0", 8u)]
                            public Count Count { get; set; }

                            [ConfigOption("window", IsSize = true)] [CompatHint("1.0", "64k")]
                            public System.Nullable<ulong> Window { get; set; }
                        }
                    }
                    """),
                // The base type, named by a part with no attribute at all.
                new SourceFile("Split.Base.cs", "namespace Written { public sealed partial class Split : DeviceModel.Device { } }"));

            DeviceInfo device = catalog.Find("split")!;
            Assert.Equal("first Bool =off [2.0:on]\ncount UInt32 =auto [1.0:8]\nwindow Size = [1.0:64k]", Describe(device, "first", "count", "window"));
            Assert.True(device.Options.Single(o => o.Name == "window").IsNullable);
        }

        [Fact]
        public void RuleWithAnArrayArgument_IsCreatedAndApplies()
        {
            DeviceCatalog catalog = Load(new SourceFile("Ruled.cs", """
                using DeviceModel;

                namespace Written
                {
                    [Device("ruled")]
                    public sealed partial class Ruled : Device
                    {
                        [ConfigOption("lanes")]
                        [OneOfOr(1, new long[] { 1, 2, 4 })]
                        public long Lanes { get; set; } = 1;
                    }
                }
                """));

            DeviceInfo device = catalog.Find("ruled")!;
            Assert.Single(device.Options.Single(o => o.Name == "lanes").Rules);
            Assert.Empty(KeyvalParser.ParseDevice("ruled,lanes=4", catalog).Errors);
        }

        [Fact]
        public void ProductRuleWithTypeofAndEnumArrayArguments_IsCreatedWithThem()
        {
            DeviceCatalog catalog = Load(new SourceFile("Tagged.cs", """
                using DeviceModel;

                namespace Written
                {
                    public enum Level { Low, High }

                    [System.AttributeUsage(System.AttributeTargets.Property)]
                    public sealed class TaggedAttribute(System.Type tag, params Level[] levels) : OptionRuleAttribute
                    {
                        public override string Describe(OptionInfo option) => tag.Name + ":" + string.Join("+", levels);
                    }

                    [Device("tagged")]
                    public sealed partial class Tagged : Device
                    {
                        [ConfigOption("level")]
                        [Tagged(typeof(System.Int32), new[] { Level.High, Level.Low })]
                        public int Value { get; set; }
                    }
                }
                """));

            OptionInfo option = catalog.Find("tagged")!.Options.Single(o => o.Name == "level");
            Assert.Equal("Int32:High+Low", Assert.Single(option.Rules).Describe(option));
        }
    
        /// <summary>
        /// What the compiler answers is asked again after every edit: changing an enum in another file (the device's own
        /// file untouched, so its syntax read is reused) changes the device's option values.
        /// </summary>
        [Fact]
        public void EditingAnEnumInAnotherFile_ChangesTheDeviceThatUsesIt()
        {
            const string enumPath = "Written/Modes.cs";
            CSharpCompilation compilation = GeneratorHarness.CreateCompilation("Written.Edit", new[]
            {
                new SourceFile(enumPath, "namespace Written { public enum Mode { Slow, Fast } }"),
                new SourceFile("Written/Moded.cs", """
                    using DeviceModel;

                    namespace Written
                    {
                        [Device("moded")]
                        public sealed partial class Moded : Device
                        {
                            [ConfigOption("mode")] [CompatHint("2.0", Mode.Fast)]
                            public Mode Mode { get; set; }
                        }
                    }
                    """),
                new SourceFile("Catalog.cs", Catalog),
            });
            GeneratorRun first = GeneratorHarness.Run(compilation);
            Assert.Contains("Values = [\"slow\", \"fast\"]", first.Sources["Written.Moded.g.cs"]);

            SyntaxTree old = compilation.SyntaxTrees.Single(t => t.FilePath == enumPath);
            SyntaxTree edited = CSharpSyntaxTree.ParseText("namespace Written { public enum Mode { Idle, Slow, Fast } }", GeneratorHarness.ParseOptions, enumPath);
            GeneratorRun second = GeneratorHarness.Run(first.Driver, compilation.ReplaceSyntaxTree(old, edited));

            Assert.True(second.CompilationDiagnostics.IsEmpty, GeneratorHarness.Describe(second.CompilationDiagnostics));
            string source = second.Sources["Written.Moded.g.cs"];
            Assert.Contains("Values = [\"idle\", \"slow\", \"fast\"]", source);
            Assert.Contains("History = [new(2, 0, 2)]", source); // the hint's value, Mode.Fast, is now the third value
        }
    }
}
