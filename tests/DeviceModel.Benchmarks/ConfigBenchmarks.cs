using System;
using BenchmarkDotNet.Attributes;
using DeviceModel.Config;
using DeviceModel.Samples.Qemu;

namespace DeviceModel.Benchmarks;

/// <summary>
/// Parsing the 9-option virtio-net-pci <c>-device</c> string into a validated device, against what a VMM author would
/// otherwise write for the same options (<see cref="ConfigAlternatives"/>): a hand-written span + switch parser into typed
/// fields (the baseline) and a parser that sets properties through cached reflection. All three apply the same syntax,
/// limits and checks and report errors with columns.
/// </summary>
[MemoryDiagnoser]
public class ConfigBenchmarks
{
    public const string DeviceString = "virtio-net-pci,id=net0,mac=52:54:00:12:34:56,mq=on,vectors=10,rx_queue_size=512,disable-legacy=on,romfile=efi-virtio.rom,addr=04.0";

    private readonly Device _parsed = KeyvalParser.ParseDevice(DeviceString, QemuCatalog.Catalog).GetValueOrThrow();

    [Benchmark(Baseline = true)]
    public NetConfig HandWritten() => HandWrittenNetParser.Parse(DeviceString, out NetConfigError? error) ?? throw new InvalidOperationException(error!.ToString());

    [Benchmark]
    public ReflectedNetConfig CachedReflection() => ReflectionNetParser.Parse(DeviceString, out NetConfigError? error) ?? throw new InvalidOperationException(error!.ToString());

    [Benchmark]
    public Device ParseKeyval() => KeyvalParser.ParseDevice(DeviceString, QemuCatalog.Catalog).GetValueOrThrow();

    /// <summary>For reference (not a parser): the device back to its keyval string.</summary>
    [Benchmark]
    public string FormatKeyval() => _parsed.ToKeyval();
}
