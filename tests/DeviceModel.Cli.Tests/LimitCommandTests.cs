using System;
using System.IO;
using System.Linq;
using System.Text;
using DeviceModel.Config;
using Xunit;

namespace DeviceModel.Cli.Tests;

/// <summary>Issue 11, items 1 and 3: past a limit, exit 2 naming it; every error list and message bounded.</summary>
public sealed class LimitCommandTests
{
    private static string Temp(string extension) => Path.Combine(Path.GetTempPath(), "dm-limit-" + Guid.NewGuid().ToString("N") + extension);

    private static void BoundedErrors(CliResult result)
    {
        Assert.Equal(2, result.ExitCode);
        string[] lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.InRange(lines.Length, 1, ConfigLimits.MaxErrors + 2);
        Assert.All(lines, line => Assert.InRange(line.Length, 1, 2048));
    }

    [Theory]
    [InlineData("virtio-blk-pci,id=b0,serial={0}", 4097, "MaxStringBytes")]
    [InlineData("virtio-rng-pci,id=r{0}", 255, "MaxIdLength")]
    public void Hints_dump_past_a_limit_exits_2_naming_the_limit(string device, int length, string limit)
    {
        string file = Temp(".dmh");
        CliResult result = CliRunner.Run("hints", "dump", "--device", string.Format(System.Globalization.CultureInfo.InvariantCulture, device, new string('a', length)), "-o", file);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(limit, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public void Hints_dump_at_the_limits_writes_a_file_that_loads()
    {
        string file = Temp(".dmh");
        try
        {
            string id = "b" + new string('x', ConfigLimits.MaxIdLength - 1);
            CliResult dump = CliRunner.Run("hints", "dump", "--device", "virtio-blk-pci,id=" + id + ",serial=" + new string('s', ConfigLimits.MaxStringBytes), "-o", file);
            Assert.Equal(0, dump.ExitCode);
            CliResult show = CliRunner.Run("hints", "show", file);
            Assert.Equal(0, show.ExitCode);
            Assert.Contains(id, show.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Hints_dump_of_every_device_q35_places_writes_a_file_that_loads()
    {
        // 240 root ports (30 slots × 8 functions) with 8 devices behind each: 2,160 devices (a 1 MiB hints limit failed at ~1,030);
        // serials of 600 bytes keep the (format version 2) file above 1 MiB.
        // Function 0 of every slot is multifunction: QEMU refuses functions 1-7 of a single-function slot.
        string config = Temp(".json"), file = Temp(".dmh");
        try
        {
            var json = new StringBuilder("{\"machine\": \"q35\", \"devices\": [");
            int port = 0;
            for (int slot = 1; slot < 31; slot++)
            {
                for (int fn = 0; fn < 8; fn++)
                {
                    port++;
                    json.Append(port == 1 ? "" : ",").Append("\"pcie-root-port,id=p").Append(port).Append(",chassis=").Append(port)
                        .Append(",addr=").Append(slot.ToString("x", System.Globalization.CultureInfo.InvariantCulture)).Append('.').Append(fn).Append(fn == 0 ? ",multifunction=on" : "").Append('"');
                    for (int f = 0; f < 8; f++) json.Append(",\"virtio-blk-pci,id=d").Append(port).Append('x').Append(f).Append(",bus=p").Append(port).Append(",addr=0.").Append(f).Append(f == 0 ? ",multifunction=on" : "").Append(",serial=").Append(new string('s', 600)).Append('"');
                }
            }
            File.WriteAllText(config, json.Append("]}").ToString());
            CliResult dump = CliRunner.Run("hints", "dump", "--config", config, "-o", file);
            Assert.True(dump.ExitCode == 0, dump.Error);
            Assert.InRange(new FileInfo(file).Length, 1L << 20, ConfigLimits.MaxHintsFileBytes);
            CliResult resolve = CliRunner.Run("resolve", "--config", config, "--hints", file);
            Assert.True(resolve.ExitCode == 0, resolve.Error);
        }
        finally
        {
            File.Delete(config);
            File.Delete(file);
        }
    }

    [Fact]
    public void A_mebibyte_config_of_empty_pairs_gives_bounded_errors()
    {
        string path = Temp(".json");
        try
        {
            var json = new StringBuilder("{\"devices\": [");
            for (int i = 0; i < 64; i++) json.Append(i == 0 ? "" : ",").Append("\"virtio-rng-pci").Append(string.Concat(Enumerable.Repeat(",=", 8000))).Append('"');
            File.WriteAllText(path, json.Append("]}").ToString());
            BoundedErrors(CliRunner.Run("parse", "--config", path));
            File.WriteAllText(path, "{\"devices\": [" + string.Join(",", Enumerable.Repeat("1", 1 << 19)) + "]}");
            CliResult result = CliRunner.Run("parse", "--config", path);
            BoundedErrors(result);
            Assert.Contains("more errors", result.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_response_file_is_not_expanded()
    {
        string path = Temp(".rsp");
        try
        {
            File.WriteAllText(path, string.Concat(Enumerable.Repeat("--bogus\n", 100_000)));
            CliResult result = CliRunner.Run("@" + path);
            BoundedErrors(result);
            Assert.DoesNotContain("--bogus", result.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Json_smp_of_the_wrong_kind_is_reported_at_smp()
    {
        string path = Temp(".json");
        try
        {
            File.WriteAllText(path, "{\"smp\": {\"machine\": 1}, \"devices\": []}");
            CliResult result = CliRunner.Run("parse", "--config", path);
            Assert.Equal(2, result.ExitCode);
            Assert.Contains(":1:9: option 'smp': 'smp' must be a vCPU count, not an object", result.Error, StringComparison.Ordinal);
            Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
