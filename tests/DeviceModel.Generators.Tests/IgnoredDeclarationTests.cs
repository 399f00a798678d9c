using System.Linq;
using DeviceModel.Generators.Tests.Harness;
using DeviceModel.Catalog;
using DeviceModel.Config;

namespace DeviceModel.Generators.Tests
{
    /// <summary>
    /// Declarations the generator cannot use are the analyzers' to report (except DM0009 on concrete classes): the
    /// generator must not throw, must emit nothing for them, and what it does emit must still compile.
    /// </summary>
    public sealed class IgnoredDeclarationTests
    {
        private const string Catalog = """
            namespace Ignored
            {
                [DeviceModel.DeviceCatalog]
                public static partial class IgnoredCatalog
                {
                }
            }
            """;

        [Fact]
        public void NonPartialDeviceClass_GetsNoCodeAndNoCatalogEntry_OnlyDM0009()
        {
            GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation("Ignored.NonPartial", new[]
            {
                new SourceFile("NotPartial.cs", """
                    using DeviceModel;

                    namespace Ignored
                    {
                        // Written by hand: the generator must leave it alone.
                        [Device("not-partial")]
                        public sealed class NotPartial : Device
                        {
                            [ConfigOption("level")]
                            public int Level { get; set; }

                            public override DeviceInfo Info => throw new System.NotSupportedException();

                            protected override OptionValue AccessOption(int slot, bool set, in OptionAssignment value) => default;
                        }
                    }
                    """),
                new SourceFile("Catalog.cs", Catalog),
            }));

            // The one thing the generator reports (NotPartialDeviceTests): the class compiles here, but DM0009 is an error.
            Assert.Null(run.Result.Exception);
            Assert.Equal("DM0009", Assert.Single(run.GeneratorDiagnostics).Id);
            Assert.Equal(new[] { "Ignored.IgnoredCatalog.g.cs" }, run.Sources.Keys);
            Assert.DoesNotContain("NotPartial", run.Sources["Ignored.IgnoredCatalog.g.cs"]);
            Assert.True(run.CompilationDiagnostics.IsEmpty, GeneratorHarness.Describe(run.CompilationDiagnostics));
            using LoadedAssembly loaded = LoadedAssembly.Emit(run.OutputCompilation);
            Assert.Empty(loaded.Catalog("Ignored.IgnoredCatalog").Devices);
        }

        [Theory]
        [InlineData("unsupported type", "[ConfigOption(\"skipped\")] public System.DateTime Skipped { get; set; }")]
        [InlineData("unsupported nullable type", "[ConfigOption(\"skipped\")] public System.DateTime? Skipped { get; set; }")]
        [InlineData("size of a signed type", "[ConfigOption(\"skipped\", IsSize = true)] public long Skipped { get; set; }")]
        [InlineData("auto on a non-nullable int", "[ConfigOption(\"skipped\", Auto = true)] public int Skipped { get; set; }")]
        [InlineData("invalid option name", "[ConfigOption(\"Skipped\")] public int Skipped { get; set; }")]
        [InlineData("no setter", "[ConfigOption(\"skipped\")] public int Skipped => 1;")]
        [InlineData("init-only setter", "[ConfigOption(\"skipped\")] public int Skipped { get; init; }")]
        [InlineData("hint of the wrong type", "[ConfigOption(\"skipped\")] [CompatHint(\"2.0\", \"many\")] public int Skipped { get; set; }")]
        [InlineData("hint out of range", "[ConfigOption(\"skipped\")] [CompatHint(\"2.0\", 300)] public byte Skipped { get; set; }")]
        [InlineData("hint with a bad version", "[ConfigOption(\"skipped\")] [CompatHint(\"2\", 1)] public int Skipped { get; set; }")]
        public void UnusableOption_IsLeftOut_AndTheDeviceStillGenerates(string what, string declaration)
        {
            GeneratorRun run = GeneratorHarness.RunOn("Ignored.Option", new[]
            {
                new SourceFile("PartlyUsable.cs", """
                    using DeviceModel;

                    namespace Ignored
                    {
                        [Device("with-skipped")]
                        public sealed partial class PartlyUsable : Device
                        {
                            [ConfigOption("level")]
                            public int Level { get; set; } = 3;

                            DECLARATION
                        }
                    }
                    """.Replace("DECLARATION", declaration)),
                new SourceFile("Catalog.cs", Catalog),
            });

            Assert.Equal(new[] { "Ignored.IgnoredCatalog.g.cs", "Ignored.PartlyUsable.g.cs" }, run.Sources.Keys.OrderBy(k => k, System.StringComparer.Ordinal));
            Assert.DoesNotContain("Skipped", run.Sources["Ignored.PartlyUsable.g.cs"]);
            Assert.True(run.CompilationDiagnostics.IsEmpty, what + ":\n" + GeneratorHarness.Describe(run.CompilationDiagnostics));

            using LoadedAssembly loaded = LoadedAssembly.Emit(run.OutputCompilation);
            DeviceInfo device = loaded.Catalog("Ignored.IgnoredCatalog").Find("with-skipped")!;
            Assert.Equal(new[] { "level" }, device.Options.Select(o => o.Name));
            ConfigError error = Assert.Single(KeyvalParser.ParseDevice("with-skipped,skipped=1", loaded.Catalog("Ignored.IgnoredCatalog")).Errors);
            Assert.Equal(ConfigErrorKind.UnknownOption, error.Kind);
        }

        [Theory]
        [InlineData("nested", "public static partial class Outer { [Device(\"nested\")] public abstract partial class Nested : Device { } }")]
        [InlineData("generic", "[Device(\"generic\")] public abstract partial class Generic<T> : Device { }")]
        [InlineData("no name", "[Device(null!)] public abstract partial class Unnamed : Device { }")]
        public void UnusableDeviceClass_GetsNoCode(string what, string declaration)
        {
            var generated = GeneratorHarness.RunOn("Ignored.Class", new[]
            {
                new SourceFile("Unusable.cs", "using DeviceModel;\n\nnamespace Ignored\n{\n    " + declaration + "\n}\n"),
                new SourceFile("Catalog.cs", Catalog),
            }).Sources;

            Assert.True(generated.Keys.SequenceEqual(new[] { "Ignored.IgnoredCatalog.g.cs" }), what + " generated " + string.Join(", ", generated.Keys));
            Assert.DoesNotContain(".Descriptor", generated["Ignored.IgnoredCatalog.g.cs"]);
        }
    }
}
