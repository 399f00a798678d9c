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
