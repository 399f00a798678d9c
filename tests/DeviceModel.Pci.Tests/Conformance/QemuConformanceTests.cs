using System.Collections.Generic;
using System.Linq;
using Xunit.Abstractions;

namespace DeviceModel.Pci.Tests.Conformance;

/// <summary>
/// Every recorded QEMU 7.2 machine × variant of virtio-net-pci and virtio-blk-pci (i440fx and q35, root bus and
/// behind a pcie-root-port): the layout built from the run's effective options reproduces QEMU's config space
/// byte for byte, its BAR/ROM sizing and its writable bits; combinations QEMU refused are refused.
/// </summary>
public sealed class QemuConformanceTests(ITestOutputHelper output)
{
    public static TheoryData<string, string, string> Runs()
    {
        var data = new TheoryData<string, string, string>();
        foreach (string device in QemuReference.Devices)
            foreach (QemuRun run in QemuReference.Runs(device))
                data.Add(device, run.Machine, run.Variant);
        return data;
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Config_space_matches_qemu(string device, string machine, string variant)
    {
        QemuRun run = QemuReference.Find(device, machine, variant);
        IReadOnlyList<string> mismatches = QemuConformance.Check(run);
        Assert.True(mismatches.Count == 0, run + ":\n  " + string.Join("\n  ", mismatches));
    }

    [Fact]
    public void Pass_counts_per_device()
    {
        foreach (string device in QemuReference.Devices)
        {
            QemuRun[] runs = QemuReference.Runs(device).ToArray();
            int passed = runs.Count(r => QemuConformance.Check(r).Count == 0);
            int refused = runs.Count(r => r.Refused is not null);
            output.WriteLine(device + ": " + passed + "/" + runs.Length + " runs conform (" + refused + " refused by QEMU and by the layout)");
            Assert.Equal(runs.Length, passed);
        }
    }
}
