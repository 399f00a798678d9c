using System;
using System.Collections.Immutable;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using DeviceModel.Samples.Qemu;
using DeviceModel.Config;
using DeviceModel.Hints;
using DeviceModel.Compat;
using MessagePack;

namespace DeviceModel.Benchmarks;

/// <summary>
/// Dump and load of the hints of a 64-device configuration (net, blk and rng devices on pc-i440fx-2.6), measured in
/// one run against the real alternatives for the same records (<see cref="HintsAlternatives"/>): System.Text.Json
/// source generation and MessagePack-CSharp, each dumping from the resolved machine and loading with the same
/// validation against the catalog. Each category's baseline is the System.Text.Json source-generated path.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class HintsBenchmarks
{
    public const int DeviceCount = 64;
    private ResolvedMachine _resolved = null!;
    private Catalog.MachineCatalog _machines = null!;
    private HintsFile _hints = null!;
    private byte[] _bytes = null!;
    private byte[] _json = null!;
    private byte[] _messagePack = null!;

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
        _machines = QemuCatalog.Catalog.RequireMachines();
        _resolved = CompatResolver.Resolve(Config(), QemuCatalog.Catalog).GetValueOrThrow();
        _hints = _resolved.ToHintsFile(_machines);
        _bytes = _resolved.ToHintsBytes(_machines);
        _json = DumpJson();
        _messagePack = DumpMessagePack();
        Console.WriteLine("// hints file sizes, " + DeviceCount + " devices: JSON " + JsonSize + " B, MessagePack " + MessagePackSize + " B, format v1 " + Version1Size
            + " B, format v2 " + FileSize + " B (v2/JSON " + ((double)FileSize / JsonSize).ToString("0.00") + ", v2/MessagePack " + ((double)FileSize / MessagePackSize).ToString("0.00") + ")");
    }

    public int FileSize => _bytes.Length;
    public int JsonSize => _json.Length;
    public int MessagePackSize => _messagePack.Length;
    public int Version1Size => HintsDto.Version1Size(_hints);

    [Benchmark(Baseline = true), BenchmarkCategory("Dump")]
    public byte[] DumpJson() => JsonSerializer.SerializeToUtf8Bytes(HintsDto.From(_resolved, _machines), HintsJsonContext.Default.HintsFileDto);

    [Benchmark, BenchmarkCategory("Dump")]
    public byte[] DumpMessagePack() => MessagePackSerializer.Serialize(HintsDto.From(_resolved, _machines));

    /// <summary>Format version 2, straight from the resolved devices.</summary>
    [Benchmark, BenchmarkCategory("Dump")]
    public byte[] Dump() => _resolved.ToHintsBytes(_machines);

    [Benchmark(Baseline = true), BenchmarkCategory("Load")]
    public HintsFile LoadJson() => HintsDto.Validate(JsonSerializer.Deserialize(_json, HintsJsonContext.Default.HintsFileDto)!, QemuCatalog.Catalog);

    [Benchmark, BenchmarkCategory("Load")]
    public HintsFile LoadMessagePack() => HintsDto.Validate(MessagePackSerializer.Deserialize<HintsFileDto>(_messagePack), QemuCatalog.Catalog);

    /// <summary>Format version 2: CRC, tables and every value validated against the catalog.</summary>
    [Benchmark, BenchmarkCategory("Load")]
    public HintsFile Load() => HintsFileReader.Read(_bytes, QemuCatalog.Catalog).GetValueOrThrow();

    [Benchmark, BenchmarkCategory("Resolve")]
    public ResolvedMachine ResolveWithHints() => CompatResolver.Resolve(Config(), QemuCatalog.Catalog, _hints).GetValueOrThrow();
}
