using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using DeviceModel.Pci.Tests.Harness;
using DeviceModel.Tooling.Lspci;

namespace DeviceModel.Pci.Tests;

/// <summary>lspci -xxx text of a configuration space.</summary>
public sealed class LspciFormatterTests
{
    [Fact]
    public void Conventional_dump_is_a_header_line_16_rows_and_a_blank_line()
    {
        ConfigSpace space = Spaces.VirtioNetConventional().Config;
        string text = LspciFormatter.Format(space, new PciAddress(3, 0));
        string[] lines = text.Split('\n');

        Assert.Equal("00:03.0 Ethernet controller: Device 1af4:1000", lines[0]);
        Assert.Equal("00: f4 1a 00 10 00 00 10 00 00 00 00 02 00 00 00 00", lines[1]);
        Assert.Equal("f0: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00", lines[16]);
        Assert.Equal(19, lines.Length);
        Assert.EndsWith("\n\n", text);
    }

    [Fact]
    public void Express_dump_has_4096_bytes_with_three_digit_offsets_and_the_revision()
    {
        ConfigSpace space = Spaces.VirtioNetExpress().Config;
        string[] lines = LspciFormatter.Format(space, new PciAddress(0, 0), bus: 1).Split('\n');

        Assert.Equal("01:00.0 Ethernet controller: Device 1af4:1041 (rev 01)", lines[0]);
        Assert.Equal(1 + 256 + 2, lines.Length);
        Assert.StartsWith("100: 01 00 82 14 ", lines[17]);
        Assert.StartsWith("ff0: ", lines[256]);
    }

    [Theory]
    [InlineData(0x0200, "Ethernet controller")]
    [InlineData(0x0100, "SCSI storage controller")]
    [InlineData(0x0780, "Communication controller")]
    [InlineData(0x00ff, "Unclassified device [00ff]")]
    [InlineData(0x0604, "PCI bridge")]
    [InlineData(0x0002, "Unclassified device [0002]")]
    [InlineData(0x1234, "Processing accelerators [1234]")]
    [InlineData(0xfe00, "Class fe00")]
    public void Class_names_are_lspcis(ushort classId, string name) =>
        Assert.Equal(name, PciClassNames.Describe(classId));

    [Fact]
    public void Rows_are_lower_case_hex_of_the_guest_visible_bytes()
    {
        ConfigSpace space = Spaces.VirtioNetConventional().Config;
        string text = LspciFormatter.Format(space, new PciAddress(3, 0));
        byte[] parsed = text.Split('\n').Skip(1).Where(l => l.Length > 0)
            .SelectMany(l => l[(l.IndexOf(':') + 2)..].Split(' ').Select(h => Convert.ToByte(h, 16))).ToArray();
        Assert.Equal(space.ToArray(), parsed);
        Assert.DoesNotMatch("[A-F]", text[text.IndexOf('\n')..]);
    }

    [RequiresToolFact("lspci")]
    public void Real_lspci_decodes_the_dump_with_the_same_capabilities()
    {
        RealizedPciFunction function = Spaces.VirtioNetExpress();
        string path = Path.Combine(Path.GetTempPath(), "devmodel-lspci-" + Guid.NewGuid().ToString("n") + ".dump");
        File.WriteAllText(path, LspciFormatter.Format(function.Config, new PciAddress(0, 0), bus: 1));
        try
        {
            var start = new ProcessStartInfo(RequiresToolFactAttribute.Find("lspci")!, ["-F", path, "-vvv", "-nn"]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using Process lspci = Process.Start(start)!;
            string output = lspci.StandardOutput.ReadToEnd();
            lspci.WaitForExit();
            Assert.StartsWith("01:00.0 Ethernet controller [0200]:", output);
            int[] offsets = Regex.Matches(output, @"Capabilities: \[([0-9a-f]+)(?: v\d+)?\]").Select(m => Convert.ToInt32(m.Groups[1].Value, 16)).ToArray();
            Assert.Equal(function.Capabilities.Concat(function.ExtendedCapabilities).Select(c => c.Offset), offsets);
            Assert.Contains("MSI-X: Enable- Count=4", output);
            Assert.Contains("Express (v2) Endpoint", output);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
