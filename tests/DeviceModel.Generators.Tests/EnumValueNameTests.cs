using System.Linq;
using DeviceModel.Generators.Tests.Harness;
using DeviceModel.Catalog;
using DeviceModel.Config;

namespace DeviceModel.Generators.Tests
{
    /// <summary>
    /// Enum members are spelt in kebab case unless <c>[OptionValueName]</c> gives QEMU's spelling (<c>2_5</c>, <c>16</c>):
    /// names a C# identifier cannot have. The spelling holds in parsing, formatting, defaults and compat histories.
    /// </summary>
    public sealed class EnumValueNameTests
    {
        [Fact]
        public void OptionValueName_spells_members_in_parsing_formatting_defaults_and_histories()
        {
            GeneratorRun run = GeneratorHarness.RunOn("Spelled", new[]
            {
                new SourceFile("Link.cs", """
                    using DeviceModel;

                    namespace Spelled
                    {
                        public enum Speed
                        {
                            [OptionValueName("2_5")] Gt2_5 = 1,
                            [OptionValueName("16")] Gt16 = 4,
                            ExtraFast = 8,
                        }

                        [Device("spelled-port")]
                        public sealed partial class Port : Device
                        {
                            [ConfigOption("x-speed")]
                            [CompatHint("4.0", Speed.Gt2_5)]
                            public Speed LinkSpeed { get; set; } = Speed.Gt16;
                        }

                        [DeviceCatalog]
                        [Product("spelled", "7.2")]
                        [MachineFamily("pc", "3.1 4.0 7.2")]
                        public static partial class SpelledCatalog
                        {
                        }
                    }
                    """),
            });

            Assert.True(run.CompilationDiagnostics.IsEmpty, GeneratorHarness.Describe(run.CompilationDiagnostics));
            using LoadedAssembly loaded = LoadedAssembly.Emit(run.OutputCompilation);
            DeviceCatalog catalog = loaded.Catalog("Spelled.SpelledCatalog");
            DeviceInfo port = catalog.Devices.Single();
            OptionInfo speed = port.Options[port.IndexOf("x-speed")];
            Assert.Equal(new[] { "2_5", "16", "extra-fast" }, speed.EnumNames.ToArray());
            Assert.Equal("16", speed.Default.ToString());
            Assert.Equal("2_5", speed.History.Single().Value.ToString());

            Device parsed = DeviceText.ParseKeyval("spelled-port,x-speed=2_5", catalog);
            Assert.Equal("2_5", parsed.GetOption("x-speed").ToString());
            Assert.Equal("spelled-port,x-speed=2_5", parsed.ToKeyval());
            Assert.False(KeyvalParser.ParseDevice("spelled-port,x-speed=gt2-5", catalog).Succeeded);
        }
    }
}
