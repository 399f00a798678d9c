using System;
using System.Linq;
using System.Text.Json;
using DeviceModel.Samples.Qemu;
using DeviceModel.Catalog;
using DeviceModel.Tooling.Docs;

namespace DeviceModel.Docs.Tests;

/// <summary><c>devmodel diff A B</c>: the defaults that differ between two machine types, from the compat histories.</summary>
public sealed class DiffTests
{
    [Fact]
    public void Diff_of_5_2_and_6_0_shows_virtio_net_vectors_3_to_4_and_nothing_unchanged()
    {
        (int exit, string output, string error) = Repo.Devmodel("diff", "pc-i440fx-5.2", "pc-i440fx-6.0", "--device", "virtio-net-pci");

        Assert.True(exit == 0, error);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(new[] { "pc-i440fx-5.2 (5.2) -> pc-i440fx-6.0 (6.0)", "virtio-net-pci", "  vectors  3 -> 4" }, lines);
    }

    [Fact]
    public void Json_diff_lists_each_changed_option_per_device_with_both_values()
    {
        (int exit, string output, string error) = Repo.Devmodel("diff", "pc-i440fx-5.2", "pc-i440fx-6.0", "--format", "json");

        Assert.True(exit == 0, error);
        using JsonDocument json = JsonDocument.Parse(output);
        Assert.Equal("5.2", json.RootElement.GetProperty("from").GetProperty("version").GetString());
        Assert.Equal("pc-i440fx-6.0", json.RootElement.GetProperty("to").GetProperty("machine").GetString());
        var devices = json.RootElement.GetProperty("devices").EnumerateArray().ToDictionary(d => d.GetProperty("device").GetString()!, d => d.GetProperty("options"));
        JsonElement net = Assert.Single(devices["virtio-net-pci"].EnumerateArray());
        Assert.Equal("vectors", net.GetProperty("name").GetString());
        Assert.Equal(3, net.GetProperty("from").GetInt32());
        Assert.Equal(4, net.GetProperty("to").GetInt32());
        JsonElement blk = Assert.Single(devices["virtio-blk-pci"].EnumerateArray());
        Assert.Equal("report-discard-granularity", blk.GetProperty("name").GetString());
        Assert.False(blk.GetProperty("from").GetBoolean());
        Assert.True(blk.GetProperty("to").GetBoolean());
        Assert.False(devices.ContainsKey("virtio-rng-pci"));
    }

    [Fact]
    public void Diff_follows_every_history_between_the_two_versions_in_either_direction()
    {
        MachineCatalog machines = QemuCatalog.Catalog.RequireMachines();
        MachineType old = machines.Find("pc-i440fx-2.7")!, pc = machines.Find("pc")!;
        DeviceInfo net = QemuCatalog.Catalog.Find("virtio-net-pci")!;

        var forward = DefaultsDiff.Compare(old, pc, new[] { net });
        var backward = DefaultsDiff.Compare(pc, old, new[] { net });

        string[] names = forward.Select(c => c.Option.Name).ToArray();
        Assert.Contains("page-per-vq", names);
        Assert.Contains("vectors", names);
        Assert.Contains("x-ignore-backend-features", names);
        Assert.DoesNotContain("disable-modern", names); // changed in 2.7: pc-i440fx-2.7 already has the new default
        Assert.DoesNotContain("mq", names);            // no history
        Assert.DoesNotContain("any_layout", names);    // changed in 1.6, before both
        Assert.DoesNotContain("netdev", names);        // host-only
        DefaultChange pagePerVq = forward.Single(c => c.Option.Name == "page-per-vq");
        Assert.Equal("on", pagePerVq.From.ToString());
        Assert.Equal("off", pagePerVq.To.ToString());
        Assert.Equal(forward.Select(c => (c.Option.Name, c.From, c.To)), backward.Select(c => (c.Option.Name, c.To, c.From)));
    }

    [Fact]
    public void Same_machine_through_an_alias_has_no_difference()
    {
        (int exit, string output, _) = Repo.Devmodel("diff", "pc", "pc-i440fx-7.2");
        Assert.Equal(0, exit);
        Assert.Contains("no option default of any device type differs", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_machine_is_bad_input_with_close_matches()
    {
        (int exit, _, string error) = Repo.Devmodel("diff", "pc-i440fx-5.3", "pc-i440fx-6.0");
        Assert.Equal(2, exit);
        Assert.Contains("unknown machine type 'pc-i440fx-5.3'", error, StringComparison.Ordinal);
        Assert.Contains("pc-i440fx-5.2", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_device_is_bad_input_with_a_suggestion()
    {
        (int exit, _, string error) = Repo.Devmodel("diff", "pc-i440fx-5.2", "pc-i440fx-6.0", "--device", "virtio-nett-pci");
        Assert.Equal(2, exit);
        Assert.Contains("did you mean 'virtio-net-pci'", error, StringComparison.Ordinal);
    }
}
