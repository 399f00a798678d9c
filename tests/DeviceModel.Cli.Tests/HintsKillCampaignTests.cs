using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace DeviceModel.Cli.Tests;

/// <summary>
/// kill -9 during <c>devmodel hints dump</c>: the target is always the old valid file or the new valid one, and temp
/// files do not accumulate. A short seeded campaign runs in <c>dotnet test</c>; set DEVMODEL_KILL_CAMPAIGN=N for N kills.
/// </summary>
public sealed class HintsKillCampaignTests
{
    [Fact]
    public void Killing_hints_dump_at_random_moments_leaves_an_old_or_new_valid_file_and_no_temp_files()
    {
        string tool = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "devmodel.exe" : "devmodel");
        Assert.True(File.Exists(tool), "the built devmodel is beside the tests: " + tool);
        int kills = int.TryParse(Environment.GetEnvironmentVariable("DEVMODEL_KILL_CAMPAIGN"), NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : 10;
        string directory = Directory.CreateTempSubdirectory("dm-kill-").FullName;
        try
        {
            string target = Path.Combine(directory, "vm.dmh");
            Assert.Equal(0, CliRunner.Run("hints", "dump", "--machine", "pc-i440fx-2.6", "--device", "virtio-net-pci,id=n0", "-o", target).ExitCode);
            var random = new Random(1234);
            int completed = 0;
            for (int i = 0; i < kills; i++)
            {
                using var process = Process.Start(new ProcessStartInfo(tool)
                {
                    ArgumentList = { "hints", "dump", "--machine", "pc-q35-7.2", "--device", "virtio-net-pci,id=n0", "--device", "virtio-blk-pci,id=b0", "-o", target },
                    RedirectStandardError = true,
                    RedirectStandardOutput = true,
                })!;
                if (process.WaitForExit(random.Next(20, 400))) completed++;
                else process.Kill();
                process.WaitForExit();
                AssertOldOrNew(target);
                Assert.True(TempFiles(directory).Length <= 1, "temp files accumulate: " + string.Join(", ", TempFiles(directory)));
            }
            Assert.Equal(0, CliRunner.Run("hints", "dump", "--machine", "pc-q35-7.2", "--device", "virtio-net-pci,id=n0", "-o", target).ExitCode);
            Assert.Empty(TempFiles(directory));
            Assert.Equal(new[] { target }, Directory.GetFileSystemEntries(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string[] TempFiles(string directory) => Directory.GetFiles(directory, ".vm.dmh.*.tmp");

    private static void AssertOldOrNew(string target)
    {
        CliResult show = CliRunner.Run("hints", "show", target);
        Assert.True(show.ExitCode == 0, show.Error);
        using JsonDocument doc = show.Json();
        Assert.Contains(doc.RootElement.GetProperty("machine").GetString(), new[] { "pc-i440fx-2.6", "pc-q35-7.2" });
    }
}
