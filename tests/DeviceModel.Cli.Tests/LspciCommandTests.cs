using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace DeviceModel.Cli.Tests;

/// <summary>A fact skipped, with the reason printed, when an external tool is not on PATH.</summary>
public sealed class RequiresToolFactAttribute : FactAttribute
{
    public RequiresToolFactAttribute(string tool)
    {
        if (Find(tool) is null) Skip = tool + " is not installed (install pciutils): skipping the lspci -F cross-check";
    }

    public static string? Find(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, tool)).FirstOrDefault(File.Exists);
}

public sealed class LspciCommandTests
{
    private static string QemuBytes(string device, string machine, string variant)
    {
        using JsonDocument golden = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(CliRunner.RepoRoot, "tests", "goldens", "qemu", device + ".json")));
        string cfg = golden.RootElement.GetProperty("machines").GetProperty(machine).GetProperty(variant).GetProperty("cfg").GetString()!;
        return golden.RootElement.GetProperty("cfgspace").GetProperty(cfg).GetProperty("config_bytes").GetString()!;
    }

    private static string DumpBytes(string dump, int device = 0)
    {
        string[] blocks = dump.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        return string.Concat(blocks[device].Split('\n').Skip(1).Where(l => l.Contains(':')).Select(l => l.Substring(l.IndexOf(':') + 1).Replace(" ", "")));
    }

    [Fact]
    public void VirtioNetOnI440fx72PrintsQemusExact256Bytes()
    {
        CliResult result = CliRunner.Run("lspci", "--machine", "pc-i440fx-7.2", "--device", "virtio-net-pci,id=n0,addr=03.0");
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("00:03.0 Ethernet controller: Device 1af4:1000\n00: f4 1a 00 10", result.Output);
        string bytes = DumpBytes(result.Output);
        Assert.Equal(512, bytes.Length);
        Assert.Equal(QemuBytes("virtio-net-pci", "pc-i440fx-7.2", "default"), bytes);
        Assert.Equal("98", bytes.Substring(0x34 * 2, 2));
    }

    [Fact]
    public void RefusedCombinationExitsTwoWithTheReason()
    {
        CliResult result = CliRunner.Run("lspci", "--device", "virtio-net-pci,id=n0,disable-legacy=on,disable-modern=on");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("neither modern nor legacy", result.Error);
        Assert.Contains("virtio-net-pci 'n0'", result.Error);
    }

    [RequiresToolFact("lspci")]
    public void RealLspciDecodesTheDumpWithTheCapabilityOffsets()
    {
        CliResult result = CliRunner.Run("lspci", "--machine", "pc-i440fx-7.2", "--device", "virtio-net-pci,id=n0,addr=03.0");
        string file = Path.Combine(Path.GetTempPath(), "dm-lspci-" + Guid.NewGuid().ToString("N") + ".txt");
        try
        {
            File.WriteAllText(file, result.Output);
            var start = new ProcessStartInfo(RequiresToolFactAttribute.Find("lspci")!, "-F " + file + " -vvv") { RedirectStandardOutput = true, RedirectStandardError = true };
            using Process process = Process.Start(start)!;
            string decoded = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
            Assert.Contains("Capabilities: [98] MSI-X: Enable- Count=4 Masked-", decoded);
            foreach (string offset in new[] { "84", "70", "60", "50", "40" }) Assert.Contains("Capabilities: [" + offset + "] Vendor Specific Information: VirtIO", decoded);
            Assert.Contains("VirtIO: Notify", decoded);
            Assert.Contains("VirtIO: CommonCfg", decoded);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
