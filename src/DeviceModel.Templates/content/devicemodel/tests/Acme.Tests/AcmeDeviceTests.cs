using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Acme;
using DeviceModel;
using DeviceModel.Catalog;
using DeviceModel.Compat;
using DeviceModel.Config;
using DeviceModel.Hints;
using DeviceModel.Virtio;
using Xunit;

namespace Acme.Tests;

public sealed class AcmeDeviceTests
{
    private static readonly DeviceCatalog Catalog = AcmeCatalog.Catalog;

    private static ResolvedMachine Resolve(string machine, params string[] devices)
    {
        var parsed = ImmutableArray.CreateBuilder<Device>();
        foreach (string text in devices) parsed.Add(KeyvalParser.ParseDevice(text, Catalog).GetValueOrThrow());
        return CompatResolver.Resolve(new MachineConfig(machine, HintsPath: null, Smp: 1, parsed.ToImmutable()), Catalog).GetValueOrThrow();
    }

    [Fact]
    public void Catalog_lists_both_devices_and_the_machine_family()
    {
        Assert.NotNull(Catalog.Find("acme-rng-pci"));
        Assert.NotNull(Catalog.Find("acme-watchdog"));
        MachineCatalog machines = Catalog.RequireMachines();
        Assert.Equal("acme-pc-2.0", machines.Default.Name);
        Assert.Equal(new[] { "acme-pc-1.0", "acme-pc-1.1", "acme-pc-2.0" }, machines.Machines.Select(m => m.Name));
    }

    [Fact]
    public void Device_string_parses_with_explicit_values()
    {
        Device rng = KeyvalParser.ParseDevice("acme-rng-pci,id=rng0,max-bytes=1024", Catalog).GetValueOrThrow();
        Assert.Equal("rng0", rng.Id);
        Assert.Equal("1024", rng.GetOption("max-bytes").ToString());
    }

    [Fact]
    public void Bad_value_is_an_error_naming_the_option()
    {
        var result = KeyvalParser.ParseDevice("acme-watchdog,id=wd0,timeout=0", Catalog);
        Assert.False(result.Succeeded);
        Assert.Contains("timeout", string.Join("\n", result.Errors));
    }

    [Fact]
    public void Virtio_abi_has_the_declared_queue_and_the_transport_features()
    {
        ResolvedDevice rng = Resolve("acme", "acme-rng-pci,id=rng0").Devices[0];
        VirtioDeviceAbi abi = ((VirtioPciDevice)rng.Device).DescribeVirtio(rng.Context);
        Assert.Equal(new ushort[] { 8 }, abi.QueueSizes);
        Assert.True(abi.Modern && abi.Legacy);
        Assert.NotEqual(0UL, abi.ModernFeatures & (1UL << VirtioTransportFeature.Version1));
        Assert.Equal(0UL, abi.ModernFeatures & (1UL << VirtioTransportFeature.BadFeature)); // legacy interface only
        Assert.Empty(abi.Config);
    }

    [Fact]
    public void Period_keeps_1000_ms_on_machines_before_2_0()
    {
        Device old = Resolve("acme-pc-1.1", "acme-rng-pci,id=rng0").Devices[0].Device;
        int period = old.Info.IndexOf("period");
        Assert.Equal("1000", old.GetOption(period).ToString());
        Assert.Equal(OptionSource.Machine, old.SourceOf(period));
    }

    [Fact]
    public void Period_is_250_ms_on_the_newest_machine()
    {
        Device current = Resolve("acme", "acme-rng-pci,id=rng0").Devices[0].Device;
        int period = current.Info.IndexOf("period");
        Assert.Equal("250", current.GetOption(period).ToString());
        Assert.Equal(OptionSource.Default, current.SourceOf(period));
    }

    [Fact]
    public void Inherited_framework_options_have_no_history_of_their_own_on_any_machine()
    {
        // The framework has no versions: only the product's own [CompatHint]s change what older machines get.
        foreach (MachineType machine in Catalog.RequireMachines().Machines)
        {
            Device rng = Resolve(machine.Name, "acme-rng-pci,id=rng0").Devices[0].Device;
            foreach (OptionInfo option in rng.Info.Options.Where(o => o.Name != "period"))
            {
                Assert.NotEqual(OptionSource.Machine, rng.SourceOf(option.Index));
            }
        }
    }

    [Fact]
    public void Hints_file_round_trip_keeps_the_old_machine_defaults_on_a_new_machine()
    {
        ResolvedMachine old = Resolve("acme-pc-1.0", "acme-rng-pci,id=rng0", "acme-watchdog,id=wd0,timeout=60");
        string path = Path.Combine(Path.GetTempPath(), "acme-" + Guid.NewGuid().ToString("N") + ".dmh");
        try
        {
            HintsFileWriter.WriteAtomic(path, old.ToHintsFile(Catalog.RequireMachines()));
            HintsFile hints = HintsFileReader.ReadFile(path, Catalog).GetValueOrThrow();
            Assert.Equal("acme-pc-1.0", hints.Machine);
            Assert.Equal(2, hints.Records.Length);

            ImmutableArray<Device> devices = ImmutableArray.Create(
                KeyvalParser.ParseDevice("acme-rng-pci,id=rng0", Catalog).GetValueOrThrow(),
                KeyvalParser.ParseDevice("acme-watchdog,id=wd0", Catalog).GetValueOrThrow());
            ResolvedMachine again = CompatResolver.Resolve(new MachineConfig("acme", HintsPath: path, Smp: 1, devices), Catalog).GetValueOrThrow();
            Device rng = again.Devices[0].Device;
            Assert.Equal("1000", rng.GetOption("period").ToString());
            Assert.Equal(OptionSource.Hints, rng.SourceOf(rng.Info.IndexOf("period")));
            Assert.Equal("60", again.Devices[1].Device.GetOption("timeout").ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
