using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using DeviceModel.Analyzers.Tests.Harness;
using Xunit.Abstractions;

namespace DeviceModel.Analyzers.Tests
{
    /// <summary>
    /// The analyzers in a real build: a copy of the repository, <c>dotnet build samples/DeviceModel.Samples.Qemu</c>,
    /// a default changed in the sample. Slow (three builds, about a minute); skipped with a printed reason when no
    /// <c>dotnet</c> is available.
    /// </summary>
    public sealed class SampleBuildTests
    {
        private const string Project = "samples/DeviceModel.Samples.Qemu/DeviceModel.Samples.Qemu.csproj";
        private const string NetFile = "samples/DeviceModel.Samples.Qemu/VirtioNetPci.cs";
        private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(4);
        private static readonly Regex MqProperty = new(@"^(?<indent>[ \t]*)public bool Mq \{ get; set; \}( = false)?;?[ \t]*$", RegexOptions.Multiline);

        private readonly ITestOutputHelper _output;

        public SampleBuildTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void ChangingTheMqDefault_FailsTheBuildWithDM0001_UntilTheHintIsAdded_ThenWithTheDM0013Warning_UntilTheLineIsAccepted()
        {
            string? dotnet = DotnetBuild.FindDotnet(out string reason);
            if (dotnet is null)
            {
                _output.WriteLine("SKIPPED: " + reason);
                return;
            }
            using DotnetBuild build = DotnetBuild.CopyRepository(dotnet);
            string netFile = build.File(NetFile);
            string original = File.ReadAllText(netFile);
            Match mq = MqProperty.Match(original);
            Assert.True(mq.Success, NetFile + " no longer declares 'public bool Mq { get; set; }': update this test");
            string indent = mq.Groups["indent"].Value;

            // 1. The default changes from false to true: DM0001 at the property's line, naming device, option and values.
            string changed = original.Substring(0, mq.Index) + indent + "public bool Mq { get; set; } = true;" + original.Substring(mq.Index + mq.Length);
            File.WriteAllText(netFile, changed);
            int line = LineOf(changed, mq.Index);
            BuildResult failed = build.Build(Project, BuildTimeout);
            Report("changed default", failed);
            Assert.NotEqual(0, failed.ExitCode);
            Assert.Contains("VirtioNetPci.cs(" + line + ",", failed.Output, StringComparison.Ordinal);
            Assert.Contains("error DM0001: The default of 'mq' on device 'virtio-net-pci' changed from the baseline value 'off' to 'on'", failed.Output, StringComparison.Ordinal);
            var dm0001 = Assert.Single(failed.Diagnostics, d => d.Id == "DM0001");
            Assert.Equal(line, dm0001.Line);
            Assert.EndsWith("VirtioNetPci.cs", dm0001.Uri, StringComparison.Ordinal);

            // 2. The code fix's hint: DM0001 is gone; the baseline is out of date (DM0013, a warning: visible in the build,
            //    and with the repository's TreatWarningsAsErrors the only thing failing it).
            string hinted = changed.Substring(0, mq.Index) + indent + "[CompatHint(\"7.2\", false)]\n" + changed.Substring(mq.Index);
            File.WriteAllText(netFile, hinted);
            BuildResult withHint = build.Build(Project, BuildTimeout);
            Report("with [CompatHint(\"7.2\", false)]", withHint);
            Assert.NotEqual(0, withHint.ExitCode);
            Assert.DoesNotContain(withHint.Diagnostics, d => d.Id == "DM0001");
            Assert.Contains(withHint.Diagnostics, d => d.Id == "DM0013" && d.Message.Contains("'mq' on device 'virtio-net-pci' is 'on' but the baseline has 'off'", StringComparison.Ordinal));
            Assert.Contains("DM0013: The default of 'mq' on device 'virtio-net-pci' is 'on'", withHint.Output, StringComparison.Ordinal);
            Assert.All(Errors(withHint).Split('\n', StringSplitOptions.RemoveEmptyEntries), e => Assert.Contains("DM0013", e, StringComparison.Ordinal));

            // 3. Accepting the new default into CompatDefaults.Unshipped.txt leaves nothing to report about mq.
            File.AppendAllText(build.File("samples/DeviceModel.Samples.Qemu/CompatDefaults.Unshipped.txt"), "virtio-net-pci mq=on\n");
            BuildResult accepted = build.Build(Project, BuildTimeout);
            Report("accepted into Unshipped", accepted);
            Assert.True(accepted.ExitCode == 0, "the build with the accepted line failed:\n" + Errors(accepted));
            Assert.DoesNotContain(accepted.Diagnostics, d => d.Id.StartsWith("DM", StringComparison.Ordinal) && d.Message.Contains("'mq'", StringComparison.Ordinal));
        }

        private void Report(string step, BuildResult result)
        {
            _output.WriteLine("{0}: exit {1} in {2:0.0} s", step, result.ExitCode, result.Elapsed.TotalSeconds);
            foreach (string timing in DotnetBuild.AnalyzerTimings(result.Output)) _output.WriteLine("  " + timing);
        }

        private static string Errors(BuildResult result) =>
            string.Join("\n", result.Output.Split('\n').Where(l => l.Contains(": error ", StringComparison.Ordinal)).Distinct());

        private static int LineOf(string text, int index) => text.Take(index).Count(c => c == '\n') + 1;
    }
}
