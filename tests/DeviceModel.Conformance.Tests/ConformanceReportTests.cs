using System.IO;
using DeviceModel.Conformance.Tests.Harness;

namespace DeviceModel.Conformance.Tests;

/// <summary>docs/conformance.md is what the current results produce (regenerate with DEVICEMODEL_UPDATE_BASELINES=1).</summary>
public sealed class ConformanceReportTests
{
    [Fact]
    public void Checked_in_report_matches_the_current_results()
    {
        string generated = ConformanceReport.Render(CaseRunner.All, VirtioCaseRunner.Results);
        if (Repository.UpdateBaselines)
        {
            File.WriteAllText(Repository.Report, generated);
            return;
        }
        string checkedIn = File.Exists(Repository.Report) ? File.ReadAllText(Repository.Report).Replace("\r\n", "\n", System.StringComparison.Ordinal) : "";
        Assert.True(checkedIn == generated,
            "docs/conformance.md is stale: regenerate it with DEVICEMODEL_UPDATE_BASELINES=1 dotnet test tests/DeviceModel.Conformance.Tests and review the diff");
    }
}
