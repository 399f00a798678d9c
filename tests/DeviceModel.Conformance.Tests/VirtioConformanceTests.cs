using System;
using System.Linq;
using System.Text.Json;
using DeviceModel.Conformance.Tests.Goldens;
using DeviceModel.Conformance.Tests.Harness;
using DeviceModel.Samples.Qemu;
using Xunit.Abstractions;

namespace DeviceModel.Conformance.Tests;

/// <summary>
/// Every recorded virtio ABI case (tests/goldens/qemu-virtio: what QEMU 7.2 shows a driver through qtest — features,
/// virtqueue sizes and device config on each interface — for every virtio sample on every machine type and variant)
/// gives the same JSON object as <c>devmodel virtio --format json</c>; what QEMU refused is refused. And a hints file
/// dumped on the recorded machine type, passed back when the same configuration starts on the newest machine type of
/// its family, reproduces what QEMU showed on the old one.
/// </summary>
public sealed class VirtioConformanceTests(ITestOutputHelper output)
{
    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (VirtioCase run in VirtioCaseRunner.Cases) data.Add(run.Device, run.Machine, run.Variant);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Recorded_virtio_abi_conforms(string device, string machine, string variant)
    {
        VirtioResult result = VirtioCaseRunner.Find(device, machine, variant);
        if (result.Case.Refused is not null) output.WriteLine("QEMU refused: " + result.Case.Refused);
        Assert.True(result.Direct is null, result.Case + ": " + result.Direct);
    }

    /// <summary>The cases QEMU built (a refused configuration has nothing to dump).</summary>
    public static TheoryData<string, string, string> BuiltCases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (VirtioCase run in VirtioCaseRunner.Cases.Where(c => c.Refused is null)) data.Add(run.Device, run.Machine, run.Variant);
        return data;
    }

    [Theory]
    [MemberData(nameof(BuiltCases))]
    public void Hints_from_the_recorded_machine_reproduce_its_abi_on_the_newest(string device, string machine, string variant)
    {
        VirtioResult result = VirtioCaseRunner.Find(device, machine, variant);
        Assert.True(result.ThroughHints is null, result.Case + ": " + result.ThroughHints);
    }

    [Fact]
    public void Every_virtio_sample_has_recorded_cases_on_every_machine_type()
    {
        string[] virtio = QemuCatalog.Catalog.Devices.Where(d => d.Create() is VirtioPciDevice).Select(d => d.Name).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(virtio, VirtioCaseRunner.Files.Keys.Order(StringComparer.Ordinal).ToArray());
        foreach ((string device, JsonDocument file) in VirtioCaseRunner.Files)
        {
            string[] machines = file.RootElement.GetProperty("machines").EnumerateObject().Select(m => m.Name).ToArray();
            Assert.Equal(QemuGolden.Of(device).Root.GetProperty("machines").EnumerateObject().Select(m => m.Name).Order(StringComparer.Ordinal), machines.Order(StringComparer.Ordinal));
            output.WriteLine(device + ": " + VirtioCaseRunner.Cases.Count(c => c.Device == device) + " cases");
        }
    }
}
