using System;
using System.Buffers.Binary;
using System.IO;
using System.Text;
using System.Text.Json;
using DeviceModel.Hints;

namespace DeviceModel.Cli.Tests;

/// <summary>Control characters from input never reach the terminal raw: every text output escapes them as \uXXXX.</summary>
public sealed class TerminalSafetyTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("dm-term-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static void AssertTerminalSafe(CliResult result)
    {
        foreach (string text in new[] { result.Output, result.Error })
        {
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                Assert.False(c != '\n' && TerminalText.IsControl(c), "raw U+" + ((int)c).ToString("X4") + " at " + i + " in: " + text);
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
                else Assert.False(char.IsSurrogate(c), "lone surrogate at " + i);
            }
        }
    }

    [Theory]
    [InlineData("virtio-rng-pci,\u001b[1m=1", "\\u001B[1m")]               // the reproducer: ESC in an option name
    [InlineData("virtio-rng-pci,id=a\u0007b", "\\u0007")]                  // BEL in an id
    [InlineData("virtio-rng-pci,id=r\u009b1m", "\\u009B")]                 // C1 CSI in an id
    [InlineData("\u001b]0;pwned\u0007virtio-rng-pci", "\\u001B]0;pwned\\u0007")] // OSC in a device name
    [InlineData("virtio-rng-pci,max-bytes=1\u0000", "\\u0000")]            // NUL in a value
    [InlineData("virtio-rng-pci,a\nerror: fake=1", "\\u000A")]             // a line feed cannot forge a line
    public void Parse_errors_escape_control_characters_from_the_device_string(string device, string escaped)
    {
        CliResult result = CliRunner.Run("parse", "--device", device);
        Assert.Equal(2, result.ExitCode);
        AssertTerminalSafe(result);
        Assert.Contains(escaped, result.Error);
        Assert.Single(result.Error.TrimEnd('\n').Split('\n'), line => line.Contains(escaped, StringComparison.Ordinal));
    }

    [Fact]
    public void A_lone_surrogate_is_escaped() // not an InlineData: attribute strings are stored as UTF-8 and lose it
    {
        CliResult result = CliRunner.Run("parse", "--device", "virtio-rng-pci,id=\ud800x");
        Assert.Equal(2, result.ExitCode);
        AssertTerminalSafe(result);
        Assert.Contains("\\uD800x", result.Error);

        foreach (string format in new[] { "text", "json" })
        {
            // A string value may hold one (in-process callers); the JSON writer must not turn it into an internal error.
            result = CliRunner.Run("resolve", "--device", "virtio-blk-pci,drive=d0,serial=a\ud800b", "--format", format);
            Assert.Equal(0, result.ExitCode);
            AssertTerminalSafe(result);
        }
    }

    [Fact]
    public void Values_in_text_tables_are_escaped_and_json_output_keeps_them_exactly()
    {
        string device = "virtio-blk-pci,id=b0,drive=d0,serial=x\u001b[2J\u009b\u2028y";
        CliResult text = CliRunner.Run("resolve", "--device", device);
        Assert.Equal(0, text.ExitCode);
        AssertTerminalSafe(text);
        Assert.Contains("x\\u001B[2J\\u009B\\u2028y", text.Output);
        CliResult parsed = CliRunner.Run("parse", "--device", device);
        AssertTerminalSafe(parsed);

        CliResult json = CliRunner.Run("resolve", "--device", device, "--format", "json");
        Assert.Equal(0, json.ExitCode);
        AssertTerminalSafe(json);
        using JsonDocument doc = json.Json();
        Assert.Equal("x\u001b[2J\u009b\u2028y", doc.RootElement.GetProperty("devices")[0].GetProperty("options").GetProperty("serial").GetProperty("value").GetString());
    }

    [Fact]
    public void Config_file_names_and_contents_are_escaped()
    {
        string missing = Path.Combine(_directory, "\u001b[1mvm.json");
        CliResult result = CliRunner.Run("parse", "--config", missing);
        Assert.Equal(2, result.ExitCode);
        AssertTerminalSafe(result);
        Assert.Contains("\\u001B[1mvm.json", result.Error);

        string config = Path.Combine(_directory, "vm\u0007.json");
        File.WriteAllText(config, "{\"devices\": [{\"driver\": \"virtio-rng-pci\", \"id\": \"a\\u001b[1m\", \"\\u009bx\": 1}]}");
        result = CliRunner.Run("resolve", "--config", config);
        Assert.Equal(2, result.ExitCode);
        AssertTerminalSafe(result);
        Assert.Contains("vm\\u0007.json", result.Error);
        Assert.Contains("\\u009Bx", result.Error);
    }

    [Fact]
    public void A_hints_record_key_that_is_not_an_id_or_address_is_refused_escaped()
    {
        string file = Path.Combine(_directory, "vm.dmh");
        Assert.Equal(0, CliRunner.Run("hints", "dump", "--device", "virtio-rng-pci,id=abcd", "-o", file).ExitCode);
        byte[] bytes = File.ReadAllBytes(file);
        int at = bytes.AsSpan(HintsFileFormat.HeaderSize).IndexOf("abcd"u8) + HintsFileFormat.HeaderSize;
        "\u001b[1m"u8.CopyTo(bytes.AsSpan(at));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(HintsFileFormat.ChecksumOffset), HintsFileFormat.Checksum(bytes));
        File.WriteAllBytes(file, bytes);

        foreach (CliResult result in new[]
        {
            CliRunner.Run("hints", "show", file),
            CliRunner.Run("resolve", "--device", "virtio-rng-pci,id=other", "--hints", file), // the reproducer printed the key in a note
        })
        {
            Assert.Equal(2, result.ExitCode);
            AssertTerminalSafe(result);
            Assert.Contains("record key '\\u001B[1m' is neither a device id", result.Error);
        }
    }

    [Fact]
    public void The_writer_keeps_surrogate_pairs_split_across_writes_and_escapes_lone_ones()
    {
        var inner = new StringWriter { NewLine = "\n" };
        var writer = new TerminalWriter(inner);
        foreach (char c in "a\U0001F600b") writer.Write(c);
        writer.Write("\ud800");
        writer.Write("c\r\n");
        writer.WriteLine("d\ne");
        writer.Write('\udc00');
        writer.Flush();
        Assert.Equal("a\U0001F600b\\uD800c\\u000D\nd\\u000Ae\n\\uDC00", inner.ToString());
    }
}
