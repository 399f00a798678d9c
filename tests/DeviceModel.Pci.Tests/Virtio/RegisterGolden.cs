using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using DeviceModel.Compat;
using DeviceModel.Config;
using DeviceModel.Pci.Tests.Harness;
using DeviceModel.Samples.Qemu;
using DeviceModel.Virtio;

namespace DeviceModel.Pci.Tests.Virtio;

/// <summary>
/// One recorded configuration of tests/goldens/qemu-virtio-registers: the machine, the <c>-device</c> string and the
/// traces (steps <c>"r4 bar4+0x0004 = 0x30bf8024"</c>, <c>"w2 bar0+0x000e 0x0002"</c>, <c>"msix on"</c>).
/// </summary>
internal sealed class RegisterGolden
{
    private RegisterGolden(string name, string machine, string device, IReadOnlyDictionary<string, string[]> traces)
    {
        Name = name;
        Machine = machine;
        Device = device;
        Traces = traces;
    }

    public string Name { get; }
    public string Machine { get; }
    public string Device { get; }
    public IReadOnlyDictionary<string, string[]> Traces { get; }

    /// <summary>Every configuration file name (without .json), sorted.</summary>
    public static IEnumerable<string> Names() =>
        Directory.EnumerateFiles(Repository.VirtioRegisterGoldens, "*.json").Select(Path.GetFileNameWithoutExtension).OrderBy(n => n, StringComparer.Ordinal)!;

    public static RegisterGolden Load(string name)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.VirtioRegisterGoldens, name + ".json")));
        JsonElement root = document.RootElement;
        var traces = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (JsonProperty trace in root.GetProperty("traces").EnumerateObject())
            traces.Add(trace.Name, trace.Value.EnumerateArray().Select(s => s.GetString()!).ToArray());
        return new RegisterGolden(name, root.GetProperty("machine").GetString()!, root.GetProperty("device").GetString()!, traces);
    }

    /// <summary>The device resolved on the recorded machine, as a VM manager resolves it, and its registers.</summary>
    public VirtioPciRegisters CreateRegisters() => CreateRegisters(Machine, Device + ",id=dut,addr=03.0");

    public static VirtioPciRegisters CreateRegisters(string machine, string device)
    {
        Device parsed = KeyvalParser.ParseDevice(device, QemuCatalog.Catalog).GetValueOrThrow();
        ResolvedMachine resolved = CompatResolver.Resolve(new MachineConfig(machine, null, null, ImmutableArray.Create(parsed)), QemuCatalog.Catalog).GetValueOrThrow();
        ResolvedDevice dut = resolved.Devices[^1];
        return ((VirtioPciDevice)dut.Device).CreateRegisters(dut.Context);
    }
}

/// <summary>One step of a trace.</summary>
internal readonly record struct RegisterStep(char Kind, int Size, int Bar, ulong Offset, ulong Value, bool? Msix)
{
    public static RegisterStep Parse(string text)
    {
        string[] parts = text.Split(' ');
        if (parts[0] == "msix") return new RegisterStep('m', 0, 0, 0, 0, parts[1] == "on");
        int size = int.Parse(parts[0].AsSpan(1), CultureInfo.InvariantCulture);
        int plus = parts[1].IndexOf('+', StringComparison.Ordinal);
        int bar = int.Parse(parts[1].AsSpan(3, plus - 3), CultureInfo.InvariantCulture);
        ulong offset = Hex(parts[1][(plus + 1)..]);
        return parts[0][0] == 'r'
            ? new RegisterStep('r', size, bar, offset, Hex(parts[3]), null)
            : new RegisterStep('w', size, bar, offset, Hex(parts[2]), null);
    }

    private static ulong Hex(string text) => ulong.Parse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
}
