using System.Collections.Immutable;
using System.Linq;
using DeviceModel.Catalog;
using DeviceModel.Compat;
using DeviceModel.Config;
using DeviceModel.Hints;
using Xunit;

namespace DeviceModel.Tests.Compat;

/// <summary>
/// A device without an id is keyed in a hints file by its address, and slots repeat on every bus: the key names the
/// bus (<c>addr:BUS/SS.F</c>), so devices at one slot on two buses dump to a file that loads and each gets its own record.
/// </summary>
public sealed class AddressKeyTests
{
    private static DeviceCatalog Catalog => TestData.Catalog;

    private static MachineConfig Config(string machine, params string[] devices) =>
        new(machine, null, 1, devices.Select(d => KeyvalParser.ParseDevice(d, Catalog).GetValueOrThrow()).ToImmutableArray());

    [Fact]
    public void Id_less_devices_at_one_slot_on_two_buses_dump_distinct_keys_and_reload()
    {
        string[] devices = { "pci-bridge,id=b1,chassis_nr=1", "virtio-net-pci,addr=05.0", "virtio-net-pci,bus=b1,addr=05.0" };
        ResolvedMachine old = CompatResolver.Resolve(Config("pc-i440fx-2.6", devices), Catalog).GetValueOrThrow();
        Assert.Equal(new[] { "b1", "addr:05.0", "addr:b1/05.0" }, old.Devices.Select(d => d.Key));

        HintsFile hints = HintsFileReader.Read(old.ToHintsBytes(Catalog.RequireMachines()), Catalog).GetValueOrThrow();
        Assert.Equal(new[] { "b1", "addr:05.0", "addr:b1/05.0" }, hints.Records.Select(r => r.Key));

        // On the newest machine, both devices get the old machine's values from their own records.
        ResolvedMachine again = CompatResolver.Resolve(Config("pc", devices), Catalog, hints).GetValueOrThrow();
        Assert.All(again.Devices, d => Assert.True(d.HintsApplied, d.Key));
        Assert.Empty(again.IgnoredHints);
        foreach (ResolvedDevice device in again.Devices.Where(d => d.Device.Info.Name == "virtio-net-pci"))
        {
            ResolvedDevice before = old.Devices.Single(d => d.Key == device.Key);
            Assert.Equal(before.Device.GetOption(before.Device.Info.IndexOf("vectors")), device.Device.GetOption(device.Device.Info.IndexOf("vectors")));
        }
    }

    [Theory]
    [InlineData("addr:05.0", true)]
    [InlineData("addr:b1/05.0", true)]
    [InlineData("addr:rp.0-x_1/1f.7", true)]
    [InlineData("addr:/05.0", false)]
    [InlineData("addr:b1/5.0", false)]
    [InlineData("addr:1b/05.0", false)]
    [InlineData("addr:b1/05.0/x", false)]
    public void Address_keys_are_read_in_their_canonical_forms_only(string key, bool valid) =>
        Assert.Equal(valid, HintsFileReader.IsValidKey(key));
}
