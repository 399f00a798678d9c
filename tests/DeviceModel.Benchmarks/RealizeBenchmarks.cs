using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using DeviceModel.Pci;
using DeviceModel.Samples.Qemu;
using DeviceModel.Config;
using DeviceModel.Compat;

namespace DeviceModel.Benchmarks;

/// <summary>
/// Realize of one resolved device into its config space (capabilities built from the generated declarations),
/// against resolving the same device's options (the compat engine's work for it) as the baseline.
/// </summary>
[MemoryDiagnoser]
public class RealizeBenchmarks
{
    private MachineConfig _conventional = null!;
    private ResolvedDevice _net = null!;
    private ResolvedDevice _netExpress = null!;

    [GlobalSetup]
    public void Setup()
    {
        _conventional = Config("pc-i440fx-7.2", "virtio-net-pci,id=n0");
        _net = CompatResolver.Resolve(_conventional, QemuCatalog.Catalog).GetValueOrThrow().Devices[0];
        _netExpress = CompatResolver.Resolve(Config("q35", "pcie-root-port,id=rp0,chassis=1", "virtio-net-pci,id=n0,bus=rp0,aer=on,ats=on"), QemuCatalog.Catalog)
            .GetValueOrThrow().Devices[^1];
    }

    private static MachineConfig Config(string machine, params string[] devices)
    {
        var list = ImmutableArray.CreateBuilder<Device>();
        foreach (string text in devices) list.Add(KeyvalParser.ParseDevice(text, QemuCatalog.Catalog).GetValueOrThrow());
        return new MachineConfig(machine, null, null, list.ToImmutable());
    }

    [Benchmark(Baseline = true)]
    public ResolvedMachine ResolveOneDevice() => CompatResolver.Resolve(Config("pc-i440fx-7.2", "virtio-net-pci,id=n0"), QemuCatalog.Catalog).GetValueOrThrow();

    [Benchmark]
    public RealizedPciFunction RealizeConventional() => ((PciDevice)_net.Device).Realize(_net.Context);

    [Benchmark]
    public RealizedPciFunction RealizeBehindRootPortWithAerAts() => ((PciDevice)_netExpress.Device).Realize(_netExpress.Context);
}
