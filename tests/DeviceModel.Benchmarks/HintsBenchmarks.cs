using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using DeviceModel.Samples.Qemu;
using DeviceModel.Config;
using DeviceModel.Hints;
using DeviceModel.Compat;

namespace DeviceModel.Benchmarks;

/// <summary>
/// Dump and load of the hints of a 64-device configuration (net, blk and rng devices), against writing and
/// parsing the same records as plain JSON with System.Text.Json (no validation) as the baseline.
/// </summary>
[MemoryDiagnoser]
public class HintsBenchmarks
{
    public const int DeviceCount = 64;
    private ResolvedMachine _resolved = null!;
    private HintsFile _hints = null!;
    private byte[] _bytes = null!;
    private byte[] _json = null!;

    public static MachineConfig Config()
    {
        string[] drivers = { "virtio-net-pci", "virtio-blk-pci", "virtio-rng-pci" };
        var devices = ImmutableArray.CreateBuilder<Device>(DeviceCount);
        for (int i = 0; i < DeviceCount; i++)
        {
            // 64 devices do not fit the 29 free slots of a root bus: functions 0-2 of each slot, function 0 multifunction (as QEMU requires).
            string text = drivers[i % 3] + ",id=dev" + i + ",addr=" + (i % 29 + 2).ToString("x2") + "." + (i / 29) + (i < 29 ? ",multifunction=on" : "");
            devices.Add(KeyvalParser.ParseDevice(text, QemuCatalog.Catalog).GetValueOrThrow());
        }
        return new MachineConfig("pc-i440fx-2.6", null, 4, devices.MoveToImmutable());
    }

    [GlobalSetup]
    public void Setup()
    {
        _resolved = CompatResolver.Resolve(Config(), QemuCatalog.Catalog).GetValueOrThrow();
        _hints = _resolved.ToHintsFile(QemuCatalog.Catalog.RequireMachines());
        _bytes = HintsFileWriter.Serialize(_hints);
        _json = JsonBaseline();
    }

    public int FileSize => _bytes.Length;

    [Benchmark(Baseline = true)]
    public byte[] JsonBaseline()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartArray();
            foreach (HintsRecord record in _hints.Records)
            {
                writer.WriteStartObject();
                writer.WriteString("key", record.Key);
                writer.WriteString("driver", record.Driver);
                foreach (KeyValuePair<string, OptionValue> pair in record.Values)
                {
                    writer.WritePropertyName(pair.Key);
                    KeyvalFormatter.WriteValue(writer, pair.Value);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        return stream.ToArray();
    }

    [Benchmark]
    public int JsonParseBaseline()
    {
        using JsonDocument doc = JsonDocument.Parse(_json);
        return doc.RootElement.GetArrayLength();
    }

    [Benchmark]
    public byte[] Dump() => HintsFileWriter.Serialize(_resolved.ToHintsFile(QemuCatalog.Catalog.RequireMachines()));

    [Benchmark]
    public HintsFile Load() => HintsFileReader.Read(_bytes, QemuCatalog.Catalog).GetValueOrThrow();

    [Benchmark]
    public ResolvedMachine ResolveWithHints() => CompatResolver.Resolve(Config(), QemuCatalog.Catalog, _hints).GetValueOrThrow();
}
