extern alias Generators;

using System.Linq;
using DeviceModel.Generators.Tests.Corpus;
using DeviceModel.Generators.Tests.Harness;
using DeviceGenerator = Generators::DeviceModel.Generators.DeviceGenerator;

namespace DeviceModel.Generators.Tests
{
    /// <summary>Every generated type carries <c>[GeneratedCode("DeviceModel.Generators", version)]</c> with the generator assembly's own version.</summary>
    public sealed class GeneratedCodeVersionTests
    {
        [Fact]
        public void GeneratedCodeAttribute_CarriesTheGeneratorsAssemblyVersion()
        {
            System.Version version = typeof(DeviceGenerator).Assembly.GetName().Version!;
            string expected = "[global::System.CodeDom.Compiler.GeneratedCode(\"DeviceModel.Generators\", \"" + version.Major + "." + version.Minor + "." + version.Build + "\")]";
            GeneratorRun run = GeneratorHarness.RunOn("Corpus.Version", DeviceCorpus.All);
            Assert.NotEmpty(run.Sources);
            Assert.All(run.Sources, source => Assert.Contains(expected, source.Value));
        }
    }
}
