using System;
using System.Text;
using CsCheck;
using DeviceModel.Tests.Values;
using DeviceModel.Config;

namespace DeviceModel.Tests.Config;

// Inside the namespace so that ErrorAssert.Catalog wins over the DeviceModel.Catalog namespace.
using static DeviceModel.Tests.Config.ErrorAssert;

/// <summary>
/// Arbitrary and mutated inputs to every config reader give a device (or config) or clean errors with sane
/// positions, never an exception and never both.
/// </summary>
public sealed class ConfigParserRobustnessProperties
{
    private const long Iterations = 2000;

    private static readonly string[] ValidKeyvals =
    {
        "virtio-rng-pci,id=rng0,max-bytes=1024,period=0x10,romfile=a,,b,disable-legacy=auto",
        "virtio-net-pci,id=n0,mac=52:54:00:12:34:56,mq=on,rx_queue_size=512,bootindex=-1,addr=1f.7",
        "virtio-blk-pci,drive=d0,werror=stop,logical_block_size=4k,discard_granularity=1.5M,write-cache=auto,num-queues=auto",
    };

    private static readonly string[] ValidJson =
    {
        "{\"driver\": \"virtio-rng-pci\", \"id\": \"rng0\", \"max-bytes\": 1024, \"packed\": true, \"romfile\": \"a,b\"}",
        "{\"driver\": \"virtio-net-pci\",\n \"mac\": \"52:54:00:12:34:56\", \"speed\": -1, \"duplex\": null, \"vectors\": \"auto\"}",
        "{\"machine\": \"pc\", \"hints\": \"h.dmh\", \"smp\": 2, \"devices\": [\n \"virtio-rng-pci,id=a\",\n {\"driver\": \"virtio-blk-pci\", \"id\": \"b\", \"werror\": \"stop\"}\n]}",
    };

    private const string Interesting = ",,=.:-0x19fkMGE\"{}[]\\ \n\t\u00e9\u20ac\ud83d\ude00\ud800\0";

    /// <summary>A valid input with one to three characters deleted, inserted or replaced.</summary>
    private static Gen<string> Mutations(string[] valid) =>
        Gen.Select(Gen.OneOfConst(valid), Gen.Select(Gen.Int[0, 2], Gen.Int[0, 10_000], Gen.Char[Interesting]).Array[1, 3])
            .Select((text, edits) =>
            {
                var sb = new StringBuilder(text);
                foreach ((int op, int at, char c) in edits)
                {
                    int index = sb.Length == 0 ? 0 : at % (sb.Length + (op == 1 ? 1 : 0));
                    if (op == 0 && sb.Length > 0) sb.Remove(Math.Min(index, sb.Length - 1), 1);
                    else if (op == 1) sb.Insert(index, c);
                    else if (sb.Length > 0) sb[Math.Min(index, sb.Length - 1)] = c;
                }
                return sb.ToString();
            });

    private static readonly Gen<string> AnyText = Gen.Frequency(
        (2, ValueParserRobustnessProperties.Text),
        (1, Gen.Char[Interesting + "abcdefghijklmnopqrstuvwxyz"].Array[0, 40].Select(chars => new string(chars))));

    private static void CheckKeyval(string text, ParseResult<Device> result)
    {
        CheckShape(result);
        foreach (ConfigError error in result.Errors)
        {
            Assert.Equal(0, error.Location.Line);
            Assert.InRange(error.Location.Column, 1, text.Length + 1);
            ReadOnlySpan<char> at = text.AsSpan(error.Location.Column - 1);
            if (error.Kind is ConfigErrorKind.InvalidValue or ConfigErrorKind.OutOfRange) Assert.NotNull(error.Value);
            // A value error points at the value as written (when it has no escaped comma), a name error at the name.
            if (error.Kind is ConfigErrorKind.InvalidValue or ConfigErrorKind.OutOfRange && error.Value is { } value && !value.Contains(',', StringComparison.Ordinal)
                && value.Length <= ConfigLimits.MaxQuotedLength)
            {
                Assert.True(at.StartsWith(value, StringComparison.Ordinal), "'" + value + "' not at column " + error.Location.Column + " of '" + text + "'");
            }
            if (error.Kind is ConfigErrorKind.UnknownOption or ConfigErrorKind.DuplicateOption && error.Option is { } option && option.Length <= ConfigLimits.MaxQuotedLength)
            {
                Assert.True(at.StartsWith(option, StringComparison.Ordinal), "'" + option + "' not at column " + error.Location.Column + " of '" + text + "'");
            }
        }
    }

    private static void CheckJson<T>(string text, ParseResult<T> result) where T : class
    {
        CheckShape(result);
        string[] lines = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text)).Split('\n');
        foreach (ConfigError error in result.Errors)
        {
            Assert.InRange(error.Location.Line, 1, lines.Length);
            Assert.InRange(error.Location.Column, 1, lines[error.Location.Line - 1].Length + 1);
        }
    }

    private static void CheckShape<T>(ParseResult<T> result) where T : class
    {
        Assert.True(result.Succeeded == (result.Value is not null));
        Assert.True(result.Succeeded == result.Errors.IsEmpty);
        foreach (ConfigError error in result.Errors)
        {
            Assert.False(string.IsNullOrWhiteSpace(error.Message));
            Assert.True(Enum.IsDefined(error.Kind));
            Assert.False(string.IsNullOrEmpty(error.ToString()));
        }
    }

    [Fact]
    public void Any_text_after_a_driver_gives_a_device_or_clean_errors()
    {
        AnyText.Sample(s =>
        {
            foreach (DeviceInfo info in Catalog.Devices)
            {
                string text = info.Name + "," + s;
                CheckKeyval(text, KeyvalParser.ParseDevice(text, Catalog));
            }
            CheckKeyval(s.Length == 0 ? "x" : s, KeyvalParser.ParseDevice(s.Length == 0 ? "x" : s, Catalog));
        }, iter: Iterations);
    }

    [Fact]
    public void Mutated_device_strings_give_a_device_or_clean_errors()
    {
        Mutations(ValidKeyvals).Sample(text =>
        {
            if (text.Length == 0) return;
            CheckKeyval(text, KeyvalParser.ParseDevice(text, Catalog));
        }, iter: Iterations);
    }

    /// <summary>
    /// KeyvalParser reads a string of the common shape in one pass and hands anything else to the two passes that report
    /// errors: for every input both give the same device (options, provenance, id, bus), or both none.
    /// </summary>
    private static void CheckFastPathAgrees(string text)
    {
        ParseResult<Device> parsed = KeyvalParser.ParseDevice(text, Catalog);
        ParseResult<Device> reported = KeyvalParser.ParseReporting(text, Catalog, null, 0, 0);
        Assert.Equal(reported.Succeeded, parsed.Succeeded);
        if (parsed.Value is not { } fast) return;
        Device slow = reported.Value!;
        Assert.Same(slow.Info, fast.Info);
        Assert.Equal(slow.Id, fast.Id);
        Assert.Equal(slow.Bus, fast.Bus);
        for (int i = 0; i < fast.Info.Options.Length; i++)
        {
            Assert.Equal(slow.GetOption(i), fast.GetOption(i));
            Assert.Equal(slow.SourceOf(i), fast.SourceOf(i));
        }
    }

    [Fact]
    public void The_fast_path_gives_what_the_reporting_parse_gives()
    {
        foreach (string keyval in ValidKeyvals) CheckFastPathAgrees(keyval);
        Mutations(ValidKeyvals).Sample(text =>
        {
            if (text.Length > 0) CheckFastPathAgrees(text);
        }, iter: Iterations);
        AnyText.Sample(s =>
        {
            foreach (DeviceInfo info in Catalog.Devices) CheckFastPathAgrees(info.Name + "," + s);
        }, iter: Iterations / 4);
    }

    [Fact]
    public void Any_text_as_a_json_device_or_config_gives_a_value_or_clean_errors()
    {
        AnyText.Sample(s =>
        {
            CheckJson(s, JsonConfigReader.ParseDevice(s, Catalog));
            CheckJson(s, JsonConfigReader.ReadMachineConfig(Encoding.UTF8.GetBytes(s), Catalog));
            string member = "{\"driver\": \"virtio-rng-pci\", \"romfile\": \"x\", " + s + "}";
            CheckJson(member, JsonConfigReader.ParseDevice(member, Catalog));
            string device = "{\"devices\": [" + s + "]}";
            CheckJson(device, JsonConfigReader.ReadMachineConfig(Encoding.UTF8.GetBytes(device), Catalog));
        }, iter: Iterations);
    }

    [Fact]
    public void Mutated_json_gives_a_value_or_clean_errors()
    {
        Mutations(ValidJson).Sample(text =>
        {
            CheckJson(text, JsonConfigReader.ParseDevice(text, Catalog));
            CheckJson(text, JsonConfigReader.ReadMachineConfig(Encoding.UTF8.GetBytes(text), Catalog));
        }, iter: Iterations);
    }

    [Fact]
    public void Arbitrary_bytes_as_a_machine_config_give_clean_errors()
    {
        Gen.Byte.Array[0, 64].Sample(bytes =>
        {
            ParseResult<MachineConfig> result = JsonConfigReader.ReadMachineConfig(bytes, Catalog);
            CheckShape(result);
            Assert.All(result.Errors, e => Assert.True(e.Location.Line >= 1 && e.Location.Column >= 1));
        }, iter: Iterations);
        // Valid JSON around invalid UTF-8 inside strings.
        Gen.Byte[0x80, 0xFF].Array[1, 4].Sample(bad =>
        {
            byte[] head = Encoding.UTF8.GetBytes("{\"devices\": [\"virtio-rng-pci,romfile="), tail = Encoding.UTF8.GetBytes("\"]}");
            byte[] bytes = new byte[head.Length + bad.Length + tail.Length];
            head.CopyTo(bytes, 0);
            bad.CopyTo(bytes, head.Length);
            tail.CopyTo(bytes, head.Length + bad.Length);
            CheckShape(JsonConfigReader.ReadMachineConfig(bytes, Catalog));
        }, iter: Iterations / 4);
    }

    [Fact]
    public void Mutated_valid_inputs_really_are_valid_before_mutation()
    {
        foreach (string keyval in ValidKeyvals) Succeeded(KeyvalParser.ParseDevice(keyval, Catalog));
        Succeeded(JsonConfigReader.ParseDevice(ValidJson[0], Catalog));
        Succeeded(JsonConfigReader.ParseDevice(ValidJson[1], Catalog));
        Succeeded(JsonConfigReader.ReadMachineConfig(Encoding.UTF8.GetBytes(ValidJson[2]), Catalog));
    }
}
