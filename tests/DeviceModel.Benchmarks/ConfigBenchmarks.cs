using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using DeviceModel.Samples.Qemu;
using DeviceModel.Config;

namespace DeviceModel.Benchmarks;

/// <summary>
/// Keyval parsing of one device string through the generated option switch and the value-syntax module, against
/// the least any parser must do (split on ',' and '=' into a dictionary) as the baseline.
/// </summary>
[MemoryDiagnoser]
public class ConfigBenchmarks
{
    public const string DeviceString = "virtio-net-pci,id=net0,mac=52:54:00:12:34:56,mq=on,vectors=10,rx_queue_size=512,disable-legacy=on,romfile=efi-virtio.rom,addr=0x4";

    [Benchmark(Baseline = true)]
    public int SplitIntoDictionary()
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string part in DeviceString.Split(','))
        {
            int eq = part.IndexOf('=');
            if (eq > 0) pairs[part.Substring(0, eq)] = part.Substring(eq + 1);
        }
        return pairs.Count;
    }

    [Benchmark]
    public Device ParseKeyval() => KeyvalParser.ParseDevice(DeviceString.Replace("addr=0x4", "addr=04.0", StringComparison.Ordinal), QemuCatalog.Catalog).GetValueOrThrow();

    [Benchmark]
    public string FormatKeyval() => _parsed.ToKeyval();

    private readonly Device _parsed = KeyvalParser.ParseDevice(DeviceString.Replace("addr=0x4", "addr=04.0", StringComparison.Ordinal), QemuCatalog.Catalog).GetValueOrThrow();
}
