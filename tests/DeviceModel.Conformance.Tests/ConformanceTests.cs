using System.Linq;
using DeviceModel.Conformance.Tests.Goldens;
using DeviceModel.Conformance.Tests.Harness;
using Xunit.Abstractions;

namespace DeviceModel.Conformance.Tests;

/// <summary>
/// Every recorded QEMU 7.2 case of the eight sample devices (every machine type and alias × every variant, on the
/// root bus and behind a pcie-root-port) goes through the device path and matches QEMU: every declared option's
/// value, the config space byte for byte (4 KiB where QEMU was read through ECAM), BAR and ROM sizing and the writable
/// bits; what QEMU refused is refused with a message. The extra option variants (tests/goldens/qemu-extra) get the same
/// checks. Known gaps (docs/conformance.md) must still fail.
/// </summary>
public sealed class ConformanceTests(ITestOutputHelper output)
{
    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (QemuGolden golden in QemuGolden.AllFiles)
            foreach (QemuCase run in golden.Cases())
                data.Add(run.Device, run.Machine, run.Variant);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Recorded_case_conforms(string device, string machine, string variant)
    {
        CaseResult result = CaseRunner.Find(device, machine, variant);
        if (result.Gap is KnownGap gap)
        {
            output.WriteLine("known gap: " + gap.Cause);
            Assert.False(result.Conforms, result.Case + " now conforms: remove its entry from KnownGaps and regenerate docs/conformance.md");
            return;
        }
        Assert.True(result.Conforms, result.ToString());
        if (result.Case.Refused is not null) Assert.False(string.IsNullOrWhiteSpace(result.OurRefusal), result.Case + ": refused without a message");
    }

    [Fact]
    public void Every_device_has_recorded_cases_and_every_gap_matches_one()
    {
        Assert.Equal(17, QemuGolden.All.Count);
        Assert.Equal(QemuGolden.All.Select(g => g.Device).OrderBy(d => d, System.StringComparer.Ordinal), QemuGolden.Extras.Select(g => g.Device).OrderBy(d => d, System.StringComparer.Ordinal));
        foreach (KnownGap gap in KnownGaps.Cases)
            Assert.True(CaseRunner.All.Any(r => r.Gap == gap), "known gap matches no recorded case: " + gap.Cause);
        foreach (IGrouping<string, CaseResult> device in CaseRunner.All.GroupBy(r => r.Case.Device))
            output.WriteLine(device.Key + ": " + device.Count(r => r.Conforms) + "/" + device.Count() + " conform");
    }
}
