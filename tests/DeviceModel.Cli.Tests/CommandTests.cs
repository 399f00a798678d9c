using System;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace DeviceModel.Cli.Tests;

public sealed class CommandTests
{
    private static JsonElement Option(JsonDocument doc, int device, string name) =>
        doc.RootElement.GetProperty("devices")[device].GetProperty("options").GetProperty(name);

    [Fact]
    public void DevicesListsEverySampleDeviceWithItsDescription()
    {
        CliResult result = CliRunner.Run("devices");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("virtio-rng-pci", result.Output);
        Assert.Contains("Virtio entropy source", result.Output);
        Assert.Contains("virtio-net-pci", result.Output);
    }

    [Fact]
    public void OptionsListsTypeDefaultAndDescriptionLikeQemuHelp()
    {
        CliResult result = CliRunner.Run("options", "virtio-rng-pci");
        Assert.Equal(0, result.ExitCode);
        string line = result.Output.Split('\n').Single(l => l.TrimStart().StartsWith("max-bytes=", StringComparison.Ordinal));
        Assert.Contains("<uint64>", line);
        Assert.Contains("(default: 9223372036854775807)", line);
        Assert.Contains("rate limit", line);
    }

    [Fact]
    public void OptionsOfAnUnknownTypeSuggestsTheClosestAndExitsTwo()
    {
        CliResult result = CliRunner.Run("options", "virtio-rng-pcii");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("did you mean 'virtio-rng-pci'", result.Error);
    }

    [Fact]
    public void ParseErrorNamesDeviceOptionValueExpectedTypeAndColumn()
    {
        CliResult result = CliRunner.Run("parse", "--device", "virtio-rng-pci,id=r0,max-bytes=abc");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Contains("virtio-rng-pci 'r0'", result.Error);
        Assert.Contains("option 'max-bytes'", result.Error);
        Assert.Contains("'abc'", result.Error);
        Assert.Contains("uint64", result.Error);
        Assert.Contains("column 32", result.Error);
    }

    [Fact]
    public void ParsePrintsJsonOfTheParsedDevices()
    {
        CliResult result = CliRunner.Run("parse", "--device", "virtio-rng-pci,id=r0,max-bytes=0x400", "--format", "json");
        Assert.Equal(0, result.ExitCode);
        using JsonDocument doc = result.Json();
        JsonElement device = doc.RootElement.GetProperty("devices")[0];
        Assert.Equal("virtio-rng-pci", device.GetProperty("driver").GetString());
        Assert.Equal(1024, device.GetProperty("max-bytes").GetInt64());
    }

    [Theory]
    [InlineData("pc-i440fx-5.2", 3, "machine")]
    [InlineData("pc-i440fx-7.2", 4, "default")]
    [InlineData("pc-q35-5.2", 3, "machine")]
    public void ResolveShowsVersionedVectorsWithProvenance(string machine, int vectors, string source)
    {
        CliResult result = CliRunner.Run("resolve", "--machine", machine, "--device", "virtio-net-pci,id=n0", "--format", "json");
        Assert.Equal(0, result.ExitCode);
        using JsonDocument doc = result.Json();
        Assert.Equal(machine, doc.RootElement.GetProperty("machine").GetString());
        Assert.Equal("n0", doc.RootElement.GetProperty("devices")[0].GetProperty("id").GetString());
        Assert.Equal("virtio-net-pci", doc.RootElement.GetProperty("devices")[0].GetProperty("driver").GetString());
        Assert.Equal(vectors, Option(doc, 0, "vectors").GetProperty("value").GetInt32());
        Assert.Equal(source, Option(doc, 0, "vectors").GetProperty("source").GetString());
        Assert.Equal("off", Option(doc, 0, "disable-legacy").GetProperty("value").GetString());
        Assert.Equal("52:54:00:12:34:56", Option(doc, 0, "mac").GetProperty("value").GetString());
        Assert.False(Option(doc, 0, "mq").GetProperty("value").GetBoolean());
    }

    [Theory]
    [InlineData("pc-i440fx-5.2")]
    [InlineData("pc-i440fx-7.2")]
    public void ExplicitVectorsWinOnEveryMachine(string machine)
    {
        CliResult result = CliRunner.Run("resolve", "--machine", machine, "--device", "virtio-net-pci,id=n0,vectors=8", "--format", "json");
        using JsonDocument doc = result.Json();
        Assert.Equal(8, Option(doc, 0, "vectors").GetProperty("value").GetInt32());
        Assert.Equal("explicit", Option(doc, 0, "vectors").GetProperty("source").GetString());
    }

    [Fact]
    public void HintsDumpedOnAnOldMachineReproduceItsValuesAndANewDeviceGetsCurrentDefaults()
    {
        string file = Path.Combine(Path.GetTempPath(), "dm-cli-" + Guid.NewGuid().ToString("N") + ".dmh");
        try
        {
            CliResult dump = CliRunner.Run("hints", "dump", "--machine", "pc-i440fx-2.6", "--device", "virtio-net-pci,id=n0", "-o", file);
            Assert.Equal(0, dump.ExitCode);
            CliResult resolved = CliRunner.Run("resolve", "--machine", "pc", "--hints", file, "--device", "virtio-net-pci,id=n0", "--device", "virtio-net-pci,id=n1", "--format", "json");
            Assert.Equal(0, resolved.ExitCode);
            using JsonDocument doc = resolved.Json();
            Assert.Equal(3, Option(doc, 0, "vectors").GetProperty("value").GetInt32());
            Assert.Equal("hints", Option(doc, 0, "vectors").GetProperty("source").GetString());
            Assert.True(Option(doc, 0, "disable-modern").GetProperty("value").GetBoolean());
            Assert.Equal(4, Option(doc, 1, "vectors").GetProperty("value").GetInt32());
            Assert.False(Option(doc, 1, "disable-modern").GetProperty("value").GetBoolean());
            Assert.Equal("default", Option(doc, 1, "disable-modern").GetProperty("source").GetString());

            CliResult show = CliRunner.Run("hints", "show", file);
            Assert.Equal(0, show.ExitCode);
            using JsonDocument shown = show.Json();
            Assert.Equal("pc-i440fx-2.6", shown.RootElement.GetProperty("machine").GetString());
            Assert.Equal("7.2", shown.RootElement.GetProperty("producer").GetString());
            Assert.Equal(3, shown.RootElement.GetProperty("records")[0].GetProperty("options").GetProperty("vectors").GetInt32());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void IgnoredHintsAreReported()
    {
        string file = Path.Combine(Path.GetTempPath(), "dm-cli-" + Guid.NewGuid().ToString("N") + ".dmh");
        try
        {
            Assert.Equal(0, CliRunner.Run("hints", "dump", "--device", "virtio-net-pci,id=gone", "-o", file).ExitCode);
            CliResult resolved = CliRunner.Run("resolve", "--hints", file, "--device", "virtio-rng-pci,id=r0", "--format", "json");
            Assert.Equal(0, resolved.ExitCode);
            Assert.Contains("'gone'", resolved.Error);
            using JsonDocument doc = resolved.Json();
            Assert.Equal("gone", doc.RootElement.GetProperty("ignoredHints")[0].GetProperty("key").GetString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void CorruptHintsFileExitsTwoWithTheByteOffset()
    {
        string file = Path.Combine(Path.GetTempPath(), "dm-cli-" + Guid.NewGuid().ToString("N") + ".dmh");
        try
        {
            File.WriteAllBytes(file, new byte[] { 0x89, (byte)'D', (byte)'M', (byte)'X' });
            CliResult result = CliRunner.Run("hints", "show", file);
            Assert.Equal(2, result.ExitCode);
            Assert.Contains("byte offset 3", result.Error);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void CompatTableShowsEveryOptionWhoseDefaultChanged()
    {
        CliResult result = CliRunner.Run("compat", "virtio-net-pci");
        Assert.Equal(0, result.ExitCode);
        string[] lines = result.Output.Split('\n');
        string[] header = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string[] vectors = lines.Single(l => l.StartsWith("vectors ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("3", vectors[Array.IndexOf(header, "5.2")]);
        Assert.Equal("4", vectors[Array.IndexOf(header, "6.0")]);
        Assert.Contains(lines, l => l.StartsWith("page-per-vq ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("mq ", StringComparison.Ordinal));
    }

    [Fact]
    public void CompatTableShowsAFamilyScopedHistoryAsThatFamilysRow()
    {
        CliResult text = CliRunner.Run("compat", "pcie-root-port");
        Assert.Equal(0, text.ExitCode);
        Assert.Contains(text.Output.Split('\n'), l => l.StartsWith("x-native-hotplug (pc-q35 only) ", StringComparison.Ordinal));
        CliResult json = CliRunner.Run("compat", "pcie-root-port", "--format", "json");
        using JsonDocument doc = json.Json();
        Assert.False(doc.RootElement.GetProperty("options").TryGetProperty("x-native-hotplug", out _));
        JsonElement row = doc.RootElement.GetProperty("families").GetProperty("pc-q35").GetProperty("x-native-hotplug");
        int at61 = doc.RootElement.GetProperty("versions").EnumerateArray().Select(v => v.GetString()).ToList().IndexOf("6.1");
        Assert.False(row[at61].GetBoolean());
        Assert.True(row[at61 + 1].GetBoolean());
    }

    [Fact]
    public void UnknownMachineListsCloseMatches()
    {
        CliResult result = CliRunner.Run("resolve", "--machine", "pc-q35-7.3", "--device", "virtio-net-pci");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("pc-q35-7.2", result.Error);
    }

    [Fact]
    public void ReadmeMainCommandResolvesTheBundledConfig()
    {
        CliResult result = CliRunner.Run("resolve", "--config", Path.Combine(CliRunner.RepoRoot, "samples", "configs", "vm.json"), "--format", "json");
        Assert.Equal(0, result.ExitCode);
        using JsonDocument doc = result.Json();
        Assert.Equal("pc-i440fx-5.2", doc.RootElement.GetProperty("machine").GetString());
        Assert.Equal(3, doc.RootElement.GetProperty("devices").GetArrayLength());
        Assert.Equal(2, Option(doc, 1, "num-queues").GetProperty("value").GetInt32());
    }

    [Fact]
    public void BadCommandLineExitsTwo()
    {
        CliResult result = CliRunner.Run("resolve", "--no-such-flag");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--no-such-flag", result.Error);
    }

    [Fact]
    public void LspciPrintsTheRootPortAndTheVirtioNicBehindItAsQemusFourKiBSpace()
    {
        CliResult result = CliRunner.Run("lspci", "--machine", "q35", "--device", "pcie-root-port,id=rp0,chassis=1", "--device", "virtio-net-pci,id=n0,bus=rp0");
        Assert.Equal(0, result.ExitCode);
        string[] blocks = result.Output.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, blocks.Length);
        Assert.StartsWith("00:01.0 PCI bridge: Device 1b36:000c\n", blocks[0], StringComparison.Ordinal);
        Assert.StartsWith("01:00.0 Ethernet controller: Device 1af4:1041 (rev 01)\n", blocks[1], StringComparison.Ordinal);
        Assert.Equal(4096 * 2, DumpHex(blocks[0]).Length);

        // QEMU 7.2 recorded the same device behind pcie-root-port,id=rp0,chassis=1 on pc-q35-7.2 (variant rp:default).
        using JsonDocument golden = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(CliRunner.RepoRoot, "tests", "goldens", "qemu", "virtio-net-pci.json")));
        string id = golden.RootElement.GetProperty("machines").GetProperty("pc-q35-7.2").GetProperty("rp:default").GetProperty("cfg").GetString()!;
        JsonElement cfg = golden.RootElement.GetProperty("cfgspace").GetProperty(id);
        string ext = cfg.GetProperty("ext_config_bytes").GetString()!;
        string qemu = cfg.GetProperty("config_bytes").GetString() + ext + string.Concat(Enumerable.Repeat(cfg.GetProperty("ext_config_fill").GetString(), (8192 - 512 - ext.Length) / 2));
        Assert.Equal(qemu, DumpHex(blocks[1]));
    }

    /// <summary>The hex bytes of one lspci -xxxx block, without offsets or spaces.</summary>
    private static string DumpHex(string block) =>
        string.Concat(block.Split('\n').Skip(1).Where(l => l.Contains(':')).Select(l => l[(l.IndexOf(':') + 1)..].Replace(" ", "", StringComparison.Ordinal)));

    [Fact]
    public void TwoDevicesAtOneFunctionAreRefusedAtTheSecondDeviceWithQemusMessage()
    {
        CliResult result = CliRunner.Run("resolve", "--device", "virtio-rng-pci,id=r0,addr=3.1", "--device", "virtio-rng-pci,id=r1,addr=3.1");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--device #2, column 1: virtio-rng-pci 'r1': option 'addr': PCI: slot 3 function 1 not available for virtio-rng-pci, in use by virtio-rng-pci,id=r0",
            result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AMultifunctionSlotDumpsHintsThatReload()
    {
        string file = Path.Combine(Path.GetTempPath(), "dm-mf-" + Guid.NewGuid().ToString("N") + ".dmh");
        try
        {
            CliResult dump = CliRunner.Run("hints", "dump", "--device", "virtio-rng-pci,addr=3.0,multifunction=on", "--device", "virtio-rng-pci,addr=3.1", "-o", file);
            Assert.True(dump.ExitCode == 0, dump.Error);
            CliResult show = CliRunner.Run("hints", "show", file);
            Assert.True(show.ExitCode == 0, show.Error);
            Assert.Contains("addr:03.1", show.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
