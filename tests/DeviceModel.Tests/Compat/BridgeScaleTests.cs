using System;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using DeviceModel.Catalog;
using DeviceModel.Compat;
using DeviceModel.Config;
using DeviceModel.Hints;
using Xunit;
using Xunit.Abstractions;

namespace DeviceModel.Tests.Compat;

/// <summary>
/// 4,096-device machines (issue 13, item 4): behind 16 pci-bridges (32 slots × 8 functions each) a configuration of
/// <see cref="ConfigLimits.MaxDevices"/> devices places on i440fx and on q35, dumps a hints file within the size limit
/// and reloads it; devices behind a bridge are conventional functions; on q35 as many place behind PCI Express switches;
/// resolve time grows linearly with the devices.
/// </summary>
public sealed class BridgeScaleTests(ITestOutputHelper output)
{
    private static DeviceCatalog Catalog => TestData.Catalog;

    /// <summary>
    /// <paramref name="count"/> devices: one pci-bridge per 256 of them on the root bus, then the rest behind the bridges,
    /// slot by slot, function 0 of each slot multifunction (QEMU refuses functions 1-7 of a single-function slot).
    /// </summary>
    private static MachineConfig Config(string machine, int count, string device, string extra = "", int idPadding = 0)
    {
        int bridges = (count + ConfigLimits.MaxFunctionsPerBridge - 1) / ConfigLimits.MaxFunctionsPerBridge;
        var devices = ImmutableArray.CreateBuilder<Device>(count);
        string pad = new('i', idPadding);
        for (int b = 0; b < bridges; b++)
            devices.Add(KeyvalParser.ParseDevice("pci-bridge,id=br" + b + pad + ",chassis_nr=" + (b + 1), Catalog).GetValueOrThrow());
        for (int i = 0; devices.Count < count; i++)
        {
            int bridge = i / ConfigLimits.MaxFunctionsPerBridge, slot = i / 8 % 32, function = i % 8;
            string addr = slot.ToString("x", CultureInfo.InvariantCulture) + "." + function.ToString(CultureInfo.InvariantCulture);
            devices.Add(KeyvalParser.ParseDevice(device + ",id=d" + i + pad + ",bus=br" + bridge + pad + ",addr=" + addr + (function == 0 ? ",multifunction=on" : "") + extra,
                Catalog).GetValueOrThrow());
        }
        return new MachineConfig(machine, null, 1, devices.MoveToImmutable());
    }

    [Theory]
    [InlineData("pc")]
    [InlineData("q35")]
    public void The_most_devices_place_behind_pci_bridges_and_dump_hints_that_reload(string machine)
    {
        // The device type with the largest record, every string option at the limit and ids of 200+ characters: the
        // largest hints file a 4,096-device configuration gives (the bound ConfigLimits.MaxHintsFileBytes is sized for).
        static int RecordBytes(DeviceInfo d) => d.Options.Where(o => !o.HostOnly)
            .Sum(o => 3 + o.Name.Length + o.Kind switch { OptionKind.String => 2 + ConfigLimits.MaxStringBytes, OptionKind.Enum => 2 + 32, OptionKind.Bool => 1, _ => 8 });
        DeviceInfo largest = Catalog.Devices.Where(d => d.Name is not ("pcie-root-port" or "pci-bridge"))
            .OrderByDescending(RecordBytes).ThenBy(d => d.Name, StringComparer.Ordinal).First();
        string strings = string.Concat(largest.Options.Where(o => !o.HostOnly && o.Kind == OptionKind.String)
            .Select(o => "," + o.Name + "=" + new string('v', ConfigLimits.MaxStringBytes)));

        MachineConfig config = Config(machine, ConfigLimits.MaxDevices, largest.Name, strings, idPadding: 200);
        Assert.Equal(4096, config.Devices.Length);
        ResolvedMachine resolved = CompatResolver.Resolve(config, Catalog).GetValueOrThrow();
        Assert.Equal(16, resolved.Devices.Count(d => d.Device.Info.Name == "pci-bridge"));
        Assert.All(resolved.Devices.Where(d => d.Device.Bus is not null), d => Assert.Equal(BusKind.ConventionalBridge, d.Context.Bus));

        byte[] file = resolved.ToHintsBytes(Catalog.RequireMachines());
        output.WriteLine(machine + ": " + largest.Name + " ×" + (config.Devices.Length - 16) + ", hints file " + file.Length.ToString("N0", CultureInfo.InvariantCulture) + " bytes");
        Assert.InRange(file.Length, 1, ConfigLimits.MaxHintsFileBytes);
        HintsFile hints = HintsFileReader.Read(file, Catalog).GetValueOrThrow();
        Assert.Equal(4096, hints.Records.Length);

        // The reloaded file applies to the same configuration: every device has its record.
        ResolvedMachine again = CompatResolver.Resolve(Config(machine, ConfigLimits.MaxDevices, largest.Name, strings, idPadding: 200), Catalog, hints).GetValueOrThrow();
        Assert.All(again.Devices, d => Assert.True(d.HintsApplied, d.Key));
        Assert.Empty(again.IgnoredHints);
    }

    [Fact]
    public void The_most_devices_place_on_q35_behind_pcie_switches_as_PCI_Express_functions()
    {
        // Root ports, each with a switch: an upstream port, downstream ports in its 32 slots × 8 functions, 8 devices
        // (functions of slot 0) behind each downstream port; until the limit is reached.
        var devices = ImmutableArray.CreateBuilder<Device>(ConfigLimits.MaxDevices);
        void Add(string text)
        {
            if (devices.Count < ConfigLimits.MaxDevices) devices.Add(KeyvalParser.ParseDevice(text, Catalog).GetValueOrThrow());
        }
        for (int root = 0; devices.Count < ConfigLimits.MaxDevices; root++)
        {
            Add("pcie-root-port,id=rp" + root + ",chassis=" + (root + 1) + ",addr=" + (root + 1).ToString("x", CultureInfo.InvariantCulture) + ".0");
            Add("x3130-upstream,id=up" + root + ",bus=rp" + root);
            for (int port = 0; port < 256 && devices.Count < ConfigLimits.MaxDevices; port++)
            {
                string id = "dn" + root + "x" + port;
                Add("xio3130-downstream,id=" + id + ",bus=up" + root + ",chassis=" + (100 + root) + ",slot=" + port + ",addr="
                    + (port / 8).ToString("x", CultureInfo.InvariantCulture) + "." + port % 8 + (port % 8 == 0 ? ",multifunction=on" : ""));
                for (int f = 0; f < 8; f++) Add("virtio-rng-pci,id=" + id + "f" + f + ",bus=" + id + ",addr=0." + f + (f == 0 ? ",multifunction=on" : ""));
            }
        }
        ResolvedMachine resolved = CompatResolver.Resolve(new MachineConfig("q35", null, 1, devices.MoveToImmutable()), Catalog).GetValueOrThrow();
        Assert.Equal(4096, resolved.Devices.Length);
        ResolvedDevice rng = resolved.Devices.Last(d => d.Device.Info.Name == "virtio-rng-pci");
        Assert.Equal(BusKind.ExpressPort, rng.Context.Bus);
        Assert.True(((PciDevice)rng.Device).Realize(rng.Context).Config.IsExpress);
        Assert.Equal(4096, HintsFileReader.Read(resolved.ToHintsBytes(Catalog.RequireMachines()), Catalog).GetValueOrThrow().Records.Length);
    }

    [Theory]
    [InlineData("pc")]
    [InlineData("q35")]
    public void More_than_a_bridge_bus_holds_is_refused_as_QEMU_refuses_it(string machine)
    {
        var devices = ImmutableArray.CreateBuilder<Device>();
        devices.Add(KeyvalParser.ParseDevice("pci-bridge,id=b1,chassis_nr=1", Catalog).GetValueOrThrow());
        for (int i = 0; i < 33; i++) devices.Add(KeyvalParser.ParseDevice("virtio-rng-pci,id=r" + i + ",bus=b1", Catalog).GetValueOrThrow());
        ParseResult<ResolvedMachine> result = CompatResolver.Resolve(new MachineConfig(machine, null, 1, devices.ToImmutable()), Catalog);
        ConfigError error = Assert.Single(result.Errors);
        Assert.Equal("r32", error.DeviceId);
        Assert.Contains("no slot/function available", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_virtio_device_behind_a_pci_bridge_on_q35_is_a_conventional_transitional_function()
    {
        ResolvedMachine resolved = CompatResolver.Resolve(TestData.Config("q35", "pci-bridge,id=b1,chassis_nr=1", "virtio-net-pci,id=n0,bus=b1"), Catalog).GetValueOrThrow();
        ResolvedDevice net = resolved.Devices[1];
        Assert.Equal(BusKind.ConventionalBridge, net.Context.Bus);
        Assert.False(net.Context.IsPciExpress);
        Assert.Equal(OnOffAuto.Off, ((VirtioPciDevice)net.Device).DisableLegacy);
        Assert.False(((PciDevice)net.Device).Realize(net.Context).Config.IsExpress);
    }

    [Fact]
    public void Resolve_time_grows_linearly_from_1024_to_4096_devices()
    {
        foreach (string machine in new[] { "pc", "q35" })
        {
            // Interleaved best-of runs (a burst of load on a shared machine hits both sizes alike), and up to three
            // attempts: other test assemblies run beside this one, and a quadratic resolve fails every attempt.
            double ratio = double.MaxValue;
            for (int attempt = 0; attempt < 3 && ratio > 10; attempt++)
            {
                double small = double.MaxValue, large = double.MaxValue;
                for (int round = 0; round < 4; round++)
                {
                    small = Math.Min(small, BestResolveMilliseconds(machine, 1024, runs: 2));
                    large = Math.Min(large, BestResolveMilliseconds(machine, 4096, runs: 2));
                }
                ratio = large / small;
                output.WriteLine(machine + ": 1,024 devices " + small.ToString("F2", CultureInfo.InvariantCulture) + " ms, 4,096 devices "
                    + large.ToString("F2", CultureInfo.InvariantCulture) + " ms, ratio " + ratio.ToString("F2", CultureInfo.InvariantCulture) + " (linear: 4)");
            }
            // Linear is 4×; quadratic would be 16×. Generous for a loaded 2-core machine.
            Assert.InRange(ratio, 0, 10);
        }
    }

    private static double BestResolveMilliseconds(string machine, int count, int runs)
    {
        double best = double.MaxValue;
        for (int run = 0; run < runs; run++)
        {
            MachineConfig config = Config(machine, count, "virtio-rng-pci");
            GC.Collect(); // the garbage of the previous run is not this run's time
            GC.WaitForPendingFinalizers();
            var clock = Stopwatch.StartNew();
            CompatResolver.Resolve(config, Catalog).GetValueOrThrow();
            best = Math.Min(best, clock.Elapsed.TotalMilliseconds);
        }
        return best;
    }
}
