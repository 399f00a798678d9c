using System;
using System.Collections.Immutable;
using System.Diagnostics;
using DeviceModel.Samples.Qemu;
using Xunit.Abstractions;
using DeviceModel.Config;
using DeviceModel.Compat;

namespace DeviceModel.Pci.Tests;

/// <summary>Realizing a resolved device is cheap: measured per device, with a loose allocation ceiling as a regression guard.</summary>
public sealed class RealizeCostTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("pc-i440fx-7.2", "virtio-net-pci,id=dut,addr=03.0", 32 * 1024)]
    [InlineData("pc-q35-7.2", "virtio-net-pci,id=dut,bus=rp0,addr=00.0,ats=on,aer=on", 64 * 1024)]
    [InlineData("pc-q35-7.2", "virtio-blk-pci,id=dut,addr=03.0", 32 * 1024)]
    [InlineData("pc-q35-7.2", "virtio-blk-pci,id=dut,bus=rp0,addr=00.0", 64 * 1024)]
    [InlineData("pc-q35-7.2", "pcie-root-port,id=dut,chassis=2,addr=05.0", 64 * 1024)]
    public void Realize_time_and_allocations(string machine, string device, long maxBytes)
    {
        var devices = ImmutableArray.Create(
            KeyvalParser.ParseDevice("pcie-root-port,id=rp0,chassis=1,addr=04.0", QemuCatalog.Catalog).GetValueOrThrow(),
            KeyvalParser.ParseDevice(device, QemuCatalog.Catalog).GetValueOrThrow());
        ResolvedDevice dut = CompatResolver.Resolve(new MachineConfig(machine, null, null, devices), QemuCatalog.Catalog).GetValueOrThrow().Devices[^1];
        var pci = (PciDevice)dut.Device;
        for (int i = 0; i < 200; i++) pci.Realize(dut.Context);

        const int Iterations = 2000;
        long before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < Iterations; i++) pci.Realize(dut.Context);
        clock.Stop();
        long perRealize = (GC.GetAllocatedBytesForCurrentThread() - before) / Iterations;

        output.WriteLine(device + " on " + machine + ": " + (clock.Elapsed.TotalMicroseconds / Iterations).ToString("F1") + " µs, " + perRealize + " bytes per realize");
        Assert.InRange(perRealize, 1, maxBytes);
    }
}
