using System;
using System.Diagnostics;
using DeviceModel.Pci.Tests.Conformance;
using Xunit.Abstractions;

namespace DeviceModel.Pci.Tests;

/// <summary>Realizing a virtio function is cheap: measured per device, with a loose allocation ceiling as a regression guard.</summary>
public sealed class RealizeCostTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("virtio-net-pci", "pc-i440fx-7.2", "default", 32 * 1024)]
    [InlineData("virtio-net-pci", "pc-q35-7.2", "rp:ats=on,aer=on", 64 * 1024)]
    [InlineData("virtio-blk-pci", "pc-q35-7.2", "default", 32 * 1024)]
    [InlineData("virtio-blk-pci", "pc-q35-7.2", "rp:default", 64 * 1024)]
    public void Realize_time_and_allocations(string device, string machine, string variant, long maxBytes)
    {
        VirtioPciOptions options = QemuOptionMapping.ToOptions(QemuReference.Find(device, machine, variant));
        for (int i = 0; i < 200; i++) VirtioPciLayout.Create(options).Realize();

        const int Iterations = 2000;
        long before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < Iterations; i++) VirtioPciLayout.Create(options).Realize();
        clock.Stop();
        long perRealize = (GC.GetAllocatedBytesForCurrentThread() - before) / Iterations;

        output.WriteLine(device + " " + machine + " " + variant + ": " + (clock.Elapsed.TotalMicroseconds / Iterations).ToString("F1") + " µs, " + perRealize + " bytes per realize");
        Assert.InRange(perRealize, 1, maxBytes);
    }
}
