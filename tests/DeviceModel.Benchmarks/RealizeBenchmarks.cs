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

/// <summary>
/// Resolve of whole configurations at 1 / 100 / 1,000 / 4,096 devices on each machine family: virtio-rng-pci behind
/// pci-bridges (one bridge per 256 devices, every address explicit, function 0 of each slot multifunction), so the
/// per-device cost can be read off and checked to stay linear up to <see cref="ConfigLimits.MaxDevices"/>.
/// Resolving a configuration again gives the same result (every value not given explicitly is decided afresh), so
/// one parsed configuration serves every invocation.
/// </summary>
[MemoryDiagnoser]
public class ResolveScaleBenchmarks
{
    private MachineConfig _config = null!;

    /// <summary>Devices of the configuration, bridges included.</summary>
    [Params(1, 100, 1000, 4096)]
    public int Devices { get; set; } = 4096;

    /// <summary>Machine type (i440fx or q35).</summary>
    [Params("pc", "q35")]
    public string Machine { get; set; } = "q35";

    [GlobalSetup]
    public void Setup()
    {
        int bridges = Devices <= 1 ? 0 : (Devices + ConfigLimits.MaxFunctionsPerBridge - 1) / ConfigLimits.MaxFunctionsPerBridge;
        var list = ImmutableArray.CreateBuilder<Device>(Devices);
        for (int b = 0; b < bridges; b++) list.Add(KeyvalParser.ParseDevice("pci-bridge,id=br" + b + ",chassis_nr=" + (b + 1), QemuCatalog.Catalog).GetValueOrThrow());
        for (int i = 0; list.Count < Devices; i++)
        {
            string text = bridges == 0
                ? "virtio-rng-pci,id=d" + i + ",addr=3.0"
                : "virtio-rng-pci,id=d" + i + ",bus=br" + (i / ConfigLimits.MaxFunctionsPerBridge) + ",addr="
                    + (i / 8 % 32).ToString("x", System.Globalization.CultureInfo.InvariantCulture) + "." + (i % 8) + (i % 8 == 0 ? ",multifunction=on" : "");
            list.Add(KeyvalParser.ParseDevice(text, QemuCatalog.Catalog).GetValueOrThrow());
        }
        _config = new MachineConfig(Machine, null, null, list.MoveToImmutable());
    }

    [Benchmark]
    public ResolvedMachine Resolve() => CompatResolver.Resolve(_config, QemuCatalog.Catalog).GetValueOrThrow();
}
