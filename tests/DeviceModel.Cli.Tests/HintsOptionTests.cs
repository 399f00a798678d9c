using System;
using System.IO;
using System.Text.Json;

namespace DeviceModel.Cli.Tests;

/// <summary>The CLI hands the hints path to the resolver (one place that reads it): a file it cannot use fails the command.</summary>
public sealed class HintsOptionTests
{
    [Fact]
    public void A_missing_hints_file_exits_two_and_resolves_nothing()
    {
        string file = Path.Combine(Path.GetTempPath(), "dm-cli-" + Guid.NewGuid().ToString("N") + ".dmh");
        CliResult result = CliRunner.Run("resolve", "--machine", "pc", "--hints", file, "--device", "virtio-net-pci,id=n0");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("hints file not found", result.Error);
        Assert.Contains(file, result.Error);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public void The_hints_file_named_by_a_config_file_is_applied()
    {
        string directory = Directory.CreateTempSubdirectory("dm-cli-").FullName;
        try
        {
            Assert.Equal(0, CliRunner.Run("hints", "dump", "--machine", "pc-i440fx-2.6", "--device", "virtio-net-pci,id=n0", "-o", Path.Combine(directory, "vm.dmh")).ExitCode);
            string config = Path.Combine(directory, "vm.json");
            File.WriteAllText(config, "{\"machine\": \"pc\", \"hints\": \"vm.dmh\", \"devices\": [\"virtio-net-pci,id=n0\"]}");
            CliResult resolved = CliRunner.Run("resolve", "--config", config, "--format", "json");
            Assert.Equal(0, resolved.ExitCode);
            using JsonDocument doc = resolved.Json();
            JsonElement vectors = doc.RootElement.GetProperty("devices")[0].GetProperty("options").GetProperty("vectors");
            Assert.Equal(3, vectors.GetProperty("value").GetInt32());
            Assert.Equal("hints", vectors.GetProperty("source").GetString());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
