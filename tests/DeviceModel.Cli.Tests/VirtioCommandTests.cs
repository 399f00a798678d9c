using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace DeviceModel.Cli.Tests;

/// <summary><c>devmodel virtio</c>: the JSON shape of issue 14, backend inputs, hints, and bad input (exit 2, never 1).</summary>
public sealed class VirtioCommandTests
{
    [Fact]
    public void Json_has_the_documented_shape_for_each_virtio_device_and_skips_others()
    {
        CliResult result = CliRunner.Run("virtio", "--machine", "pc-q35-7.2", "--device", "virtio-net-pci,id=net0", "--device", "e1000e,id=e0",
            "--device", "virtio-keyboard-pci,id=kbd0", "--format", "json");
        Assert.Equal(0, result.ExitCode);
        using JsonDocument json = JsonDocument.Parse(result.Output);
        Assert.Equal("pc-q35-7.2", json.RootElement.GetProperty("machine").GetString());
        JsonElement[] devices = json.RootElement.GetProperty("devices").EnumerateArray().ToArray();
        Assert.Equal(new[] { "net0", "kbd0" }, devices.Select(d => d.GetProperty("id").GetString()));
        JsonElement net = devices[0];
        Assert.Equal("virtio-net-pci", net.GetProperty("driver").GetString());
        Assert.Equal("0x0000010130bf8024", net.GetProperty("modern").GetProperty("device_features").GetString());
        Assert.Equal(3, net.GetProperty("modern").GetProperty("num_queues").GetInt32());
        Assert.Equal(new[] { 256, 256, 64 }, net.GetProperty("modern").GetProperty("queue_sizes").EnumerateArray().Select(q => q.GetInt32()));
        Assert.Equal("5254001234560100", net.GetProperty("modern").GetProperty("config").GetString());
        Assert.Equal("0x79bf8064", net.GetProperty("legacy").GetProperty("host_features").GetString());
        Assert.Equal(JsonValueKind.Null, devices[1].GetProperty("legacy").ValueKind); // virtio-input is modern-only
    }

    [Fact]
    public void Hints_from_an_old_machine_keep_its_features_on_the_newest()
    {
        string file = Path.Combine(Path.GetTempPath(), "devmodel-virtio-" + System.Guid.NewGuid().ToString("N") + ".dmh");
        try
        {
            Assert.Equal(0, CliRunner.Run("hints", "dump", "--machine", "pc-i440fx-2.0", "--device", "virtio-net-pci,id=n0", "-o", file).ExitCode);
            CliResult old = CliRunner.Run("virtio", "--machine", "pc-i440fx-2.0", "--device", "virtio-net-pci,id=n0", "--format", "json");
            CliResult later = CliRunner.Run("virtio", "--machine", "pc", "--hints", file, "--device", "virtio-net-pci,id=n0", "--format", "json");
            CliResult fresh = CliRunner.Run("virtio", "--machine", "pc", "--device", "virtio-net-pci,id=n0", "--format", "json");
            Assert.Equal(0, later.ExitCode);
            string Devices(CliResult r) => JsonDocument.Parse(r.Output).RootElement.GetProperty("devices").GetRawText();
            Assert.Equal(Devices(old), Devices(later));
            Assert.NotEqual(Devices(old), Devices(fresh)); // 2.0 has no guest_announce, no modern interface
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Backend_inputs_change_what_the_guest_sees()
    {
        CliResult result = CliRunner.Run("virtio", "--device", "virtio-blk-pci,id=d0,drive=x", "--backend", "d0.capacity=0x800000", "--backend", "d0.read_only=on", "--format", "json");
        Assert.Equal(0, result.ExitCode);
        JsonElement modern = JsonDocument.Parse(result.Output).RootElement.GetProperty("devices")[0].GetProperty("modern");
        Assert.StartsWith("0000800000000000", modern.GetProperty("config").GetString()); // capacity, little-endian
        Assert.Equal(1UL, System.Convert.ToUInt64(modern.GetProperty("device_features").GetString(), 16) >> 5 & 1); // VIRTIO_BLK_F_RO
    }

    [Fact]
    public void An_id_with_dots_takes_its_backend_inputs()
    {
        CliResult result = CliRunner.Run("virtio", "--device", "virtio-net-pci,id=vm.net0", "--backend", "vm.net0.vnet_hdr=1", "--format", "json");
        Assert.Equal(0, result.ExitCode);
        string features = JsonDocument.Parse(result.Output).RootElement.GetProperty("devices")[0].GetProperty("modern").GetProperty("device_features").GetString()!;
        Assert.Equal(1UL, System.Convert.ToUInt64(features, 16) & 1); // VIRTIO_NET_F_CSUM: the tap-like peer's offloads
    }

    [Theory]
    [InlineData("d0.capacity", "--backend #1 'd0.capacity': expected ID.NAME=VALUE")]
    [InlineData("d0.capacity=1e9", "--backend #1 'd0.capacity=1e9': expected ID.NAME=VALUE")]
    [InlineData("d1.capacity=1", "no device has id 'd1'")]
    [InlineData("d0.cylinders=1", "virtio-blk-pci has no backend input 'cylinders' (it has capacity, read_only, write_cache)")]
    public void Bad_backend_inputs_exit_2_naming_them(string backend, string message)
    {
        CliResult result = CliRunner.Run("virtio", "--device", "virtio-blk-pci,id=d0,drive=x", "--backend", backend);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
    }

    [Fact]
    public void A_configuration_QEMU_refuses_exits_2_with_its_message()
    {
        CliResult result = CliRunner.Run("virtio", "--device", "virtio-gpu-pci,id=g0,blob=on");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cannot enable blob resources without udmabuf", result.Error);
        Assert.Equal(0, CliRunner.Run("virtio", "--device", "virtio-gpu-pci,id=g0,blob=on", "--backend", "g0.udmabuf=1").ExitCode);
    }

    [Fact]
    public void Text_output_lists_features_queues_and_config()
    {
        CliResult result = CliRunner.Run("virtio", "--device", "virtio-rng-pci,id=r0");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("r0: virtio-rng-pci (virtio device type 4)", result.Output);
        Assert.Contains("1 queues [8]", result.Output);
        Assert.Contains("config: 0 bytes", result.Output);
    }
}
