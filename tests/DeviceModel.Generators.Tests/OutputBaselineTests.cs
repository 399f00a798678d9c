using DeviceModel.Generators.Tests.Corpus;
using DeviceModel.Generators.Tests.Harness;

namespace DeviceModel.Generators.Tests
{
    /// <summary>
    /// Every generated file equals its checked-in baseline, so a reviewer sees each change to generated code as
    /// a diff. Rewrite with DEVICEMODEL_UPDATE_BASELINES=1 (README.md).
    /// </summary>
    public sealed class OutputBaselineTests
    {
        [Fact]
        public void VirtioRngPciSample() =>
            BaselineFiles.AssertMatch(GeneratorHarness.RunOn("Baseline.VirtioRngPci", DeviceCorpus.VirtioRngSample).Sources);

        [Fact]
        public void EveryValueType() =>
            BaselineFiles.AssertMatch(GeneratorHarness.RunOn("Baseline.EveryValueType", new[] { DeviceCorpus.EveryValueType }).Sources);

        [Fact]
        public void WholeCorpus() =>
            BaselineFiles.AssertMatch(GeneratorHarness.RunOn("Baseline.WholeCorpus", DeviceCorpus.All).Sources);
    }
}
