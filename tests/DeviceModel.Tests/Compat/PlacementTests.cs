using System.Collections.Generic;
using System.Linq;
using System.Text;
using DeviceModel.Compat;
using DeviceModel.Config;
using DeviceModel.Hints;

namespace DeviceModel.Tests.Compat;

/// <summary>
/// Placement tracks functions with QEMU 7.2's rules, in device order (the recorded cases are in the conformance tests),
/// and its errors point at the device in the config file or on the command line.
/// </summary>
public sealed class PlacementTests
{
    private static ParseResult<ResolvedMachine> Resolve(string machine, params string[] devices)
    {
        var list = new List<(Device, SourceLocation)>();
        for (int i = 0; i < devices.Length; i++)
        {
            string source = "--device #" + (i + 1);
            list.Add((KeyvalParser.ParseDevice(devices[i], TestData.Catalog, source).GetValueOrThrow(), new SourceLocation(source, 0, 1)));
        }
        return CompatResolver.Resolve(MachineConfig.Create(machine, null, null, list).GetValueOrThrow(), TestData.Catalog);
    }

    [Fact]
    public void A_function_in_use_is_refused_naming_its_occupant()
    {
        ParseResult<ResolvedMachine> result = Resolve("pc", "virtio-rng-pci,addr=3.1", "virtio-rng-pci,id=r1,addr=3.1");
        ConfigError error = Assert.Single(result.Errors);
        Assert.Equal("PCI: slot 3 function 1 not available for virtio-rng-pci, in use by virtio-rng-pci,id=(null)", error.Message);
        Assert.Equal("--device #2, column 1: virtio-rng-pci 'r1': option 'addr': " + error.Message, error.ToString());
    }

    [Theory]
    [InlineData("virtio-rng-pci,addr=3.0", "virtio-rng-pci,addr=3.1", "PCI: single function device can't be populated in function 3.1")]
    [InlineData("virtio-rng-pci,addr=3.1", "virtio-rng-pci,addr=3.0", "PCI: 3.0 indicates single function, but 3.1 is already populated.")]
    [InlineData("virtio-rng-pci,addr=2.1", "virtio-rng-pci", "PCI: 2.0 indicates single function, but 2.1 is already populated.")]
    [InlineData("virtio-rng-pci", "virtio-rng-pci,addr=2.0", "PCI: slot 2 function 0 not available for virtio-rng-pci, in use by virtio-rng-pci,id=(null)")]
    public void Function_0_without_multifunction_refuses_other_functions_in_either_order(string first, string second, string message)
    {
        ConfigError error = Assert.Single(Resolve("pc", first, second).Errors);
        Assert.Equal(message, error.Message);
        Assert.Equal("--device #2", error.Location.Source);
    }

    [Theory]
    [InlineData("virtio-rng-pci,id=a,addr=3.0,multifunction=on", "virtio-rng-pci,id=b,addr=3.1")]
    [InlineData("virtio-rng-pci,id=b,addr=3.1", "virtio-rng-pci,id=a,addr=3.0,multifunction=on")]
    public void A_multifunction_slot_takes_its_functions_in_either_order_and_its_hints_reload(string first, string second)
    {
        ResolvedMachine resolved = Resolve("pc", first, second).GetValueOrThrow();
        Assert.Equal(new[] { "03.0", "03.1" }, resolved.Devices.Select(d => d.Context.Address.ToString()).Order().ToArray());
        HintsFile hints = resolved.ToHintsFile(TestData.Catalog.RequireMachines());
        Assert.True(HintsFileReader.Read(HintsFileWriter.Serialize(hints), TestData.Catalog).Succeeded);
    }

    [Fact]
    public void Devices_without_id_at_two_functions_of_a_slot_dump_hints_that_reload()
    {
        ResolvedMachine resolved = Resolve("q35", "virtio-rng-pci,addr=3.0,multifunction=on", "virtio-rng-pci,addr=3.1").GetValueOrThrow();
        HintsFile hints = resolved.ToHintsFile(TestData.Catalog.RequireMachines());
        Assert.Equal(new[] { "addr:03.0", "addr:03.1" }, hints.Records.Select(r => r.Key).ToArray());
        Assert.True(HintsFileReader.Read(HintsFileWriter.Serialize(hints), TestData.Catalog).Succeeded);
    }

    [Fact]
    public void The_machines_own_functions_are_in_use_and_its_free_functions_are_not()
    {
        Assert.Equal("PCI: slot 1 function 1 not available for virtio-rng-pci, in use by piix3-ide,id=(null)", Assert.Single(Resolve("pc", "virtio-rng-pci,addr=1.1").Errors).Message);
        Assert.Equal("PCI: slot 31 function 3 not available for virtio-rng-pci, in use by ICH9-SMB,id=(null)", Assert.Single(Resolve("q35", "virtio-rng-pci,addr=1f.3").Errors).Message);
        Assert.True(Resolve("pc", "virtio-rng-pci,addr=1.2").Succeeded);
        Assert.True(Resolve("q35", "virtio-rng-pci,addr=1f.1").Succeeded);
    }

    [Fact]
    public void A_multifunction_bit_recorded_in_the_hints_file_counts_for_placement()
    {
        ResolvedMachine first = Resolve("pc", "virtio-rng-pci,id=a,addr=3.0,multifunction=on", "virtio-rng-pci,id=b,addr=3.1").GetValueOrThrow();
        HintsFile hints = first.ToHintsFile(TestData.Catalog.RequireMachines());
        MachineConfig again = TestData.Config("pc", "virtio-rng-pci,id=a,addr=3.0", "virtio-rng-pci,id=b,addr=3.1");
        Assert.True(CompatResolver.Resolve(again, TestData.Catalog, hints).Succeeded);
    }

    [Fact]
    public void Behind_a_root_port_devices_take_the_slots_qemu_gives_them()
    {
        ResolvedMachine resolved = Resolve("q35", "pcie-root-port,id=rp0,chassis=1", "virtio-rng-pci,id=a,bus=rp0", "virtio-rng-pci,id=b,bus=rp0").GetValueOrThrow();
        Assert.Equal(new[] { "01.0", "00.0", "01.0" }, resolved.Devices.Select(d => d.Context.Address.ToString()).ToArray());
        Assert.Equal("PCI: single function device can't be populated in function 0.1",
            Assert.Single(Resolve("q35", "pcie-root-port,id=rp0,chassis=1", "virtio-rng-pci,bus=rp0,addr=0.0", "virtio-rng-pci,bus=rp0,addr=0.1").Errors).Message);
    }

    [Fact]
    public void A_bus_must_come_before_the_devices_on_it()
    {
        ConfigError error = Assert.Single(Resolve("q35", "virtio-rng-pci,id=a,bus=rp0", "pcie-root-port,id=rp0,chassis=1").Errors);
        Assert.Equal(("--device #1", "bus"), (error.Location.Source, error.Option));
        Assert.Contains("comes after this one", error.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_errors_in_a_config_file_carry_file_line_and_column()
    {
        var json = new StringBuilder("{\"machine\": \"q35\", \"devices\": [\n");
        json.Append("  {\"driver\": \"virtio-rng-pci\", \"id\": \"r0\", \"addr\": \"3.0\"},\n");
        json.Append("  \"virtio-rng-pci,id=r1,addr=3.0\",\n");
        json.Append("  {\"driver\": \"virtio-rng-pci\", \"id\": \"r2\", \"bus\": \"rp0\"}\n");
        json.Append("]}");
        MachineConfig config = JsonConfigReader.ReadMachineConfig(Encoding.UTF8.GetBytes(json.ToString()), TestData.Catalog, "vm.json").GetValueOrThrow();
        ParseResult<ResolvedMachine> result = CompatResolver.Resolve(config, TestData.Catalog);
        Assert.Equal(new[] { new SourceLocation("vm.json", 3, 3), new SourceLocation("vm.json", 4, 3) }, result.Errors.Select(e => e.Location).ToArray());
        Assert.StartsWith("vm.json:3:3: virtio-rng-pci 'r1': option 'addr': PCI: slot 3 function 0 not available", result.Errors[0].ToString());
        Assert.StartsWith("vm.json:4:3: virtio-rng-pci 'r2': option 'bus': bus 'rp0' names no device", result.Errors[1].ToString());
    }

    [Fact]
    public void No_free_slot_points_at_the_device_that_did_not_fit()
    {
        string[] devices = Enumerable.Range(0, 31).Select(i => "virtio-rng-pci,id=r" + i).ToArray();
        ConfigError error = Assert.Single(Resolve("pc", devices).Errors);
        Assert.Equal("--device #31, column 1: virtio-rng-pci 'r30': option 'addr': PCI: no slot/function available for virtio-rng-pci, all in use or reserved", error.ToString());
    }
}
