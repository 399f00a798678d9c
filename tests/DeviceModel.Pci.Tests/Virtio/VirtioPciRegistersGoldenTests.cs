using System.Globalization;
using DeviceModel.Virtio;

namespace DeviceModel.Pci.Tests.Virtio;

/// <summary>
/// Every trace QEMU 7.2 answered (tests/goldens/qemu-virtio-registers, recorded by
/// tools/qemu-reference/record_virtio_registers.py) replayed against <see cref="VirtioPciRegisters"/> of the same device
/// and options, resolved through the samples catalog: every read must return what QEMU returned.
/// </summary>
public sealed class VirtioPciRegistersGoldenTests
{
    public static TheoryData<string, string> Traces()
    {
        var data = new TheoryData<string, string>();
        foreach (string name in RegisterGolden.Names())
        {
            foreach (string trace in RegisterGolden.Load(name).Traces.Keys) data.Add(name, trace);
        }
        return data;
    }

    [Fact]
    public void The_goldens_cover_net_and_blk_transitional_modern_only_legacy_only_with_and_without_msix()
    {
        string[] expected =
        [
            "virtio-blk-pci", "virtio-blk-pci-legacy-only", "virtio-blk-pci-modern-only", "virtio-blk-pci-vectors0",
            "virtio-net-pci", "virtio-net-pci-iommu-platform", "virtio-net-pci-legacy-only", "virtio-net-pci-modern-only", "virtio-net-pci-vectors0",
        ];
        Assert.Equal(expected, RegisterGolden.Names());
    }

    [Theory]
    [MemberData(nameof(Traces))]
    public void Replaying_a_recorded_trace_reads_what_qemu_returned(string configuration, string trace)
    {
        RegisterGolden golden = RegisterGolden.Load(configuration);
        VirtioPciRegisters registers = golden.CreateRegisters();
        string[] steps = golden.Traces[trace];
        int reads = 0;
        for (int i = 0; i < steps.Length; i++)
        {
            RegisterStep step = RegisterStep.Parse(steps[i]);
            switch (step.Kind)
            {
                case 'm':
                    registers.MsixEnabled = step.Msix!.Value;
                    break;
                case 'w':
                    registers.WriteBar(step.Bar, step.Offset, step.Size, step.Value);
                    break;
                default:
                    ulong actual = registers.ReadBar(step.Bar, step.Offset, step.Size);
                    reads++;
                    if (actual != step.Value)
                        Assert.Fail(configuration + " " + trace + ", step " + i.ToString(CultureInfo.InvariantCulture) + " '" + steps[i] + "': read 0x" + actual.ToString("x", CultureInfo.InvariantCulture));
                    break;
            }
        }
        Assert.True(reads > 0, "the trace reads nothing");
    }
}
