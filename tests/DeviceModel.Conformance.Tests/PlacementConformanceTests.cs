using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using DeviceModel.Compat;
using DeviceModel.Conformance.Tests.Harness;
using DeviceModel.Config;
using DeviceModel.Samples.Qemu;

namespace DeviceModel.Conformance.Tests;

/// <summary>
/// Several devices on one bus, recorded from QEMU 7.2 (tools/qemu-reference/record_placement.py): each configuration
/// QEMU accepts places every device at QEMU's slot.function, and each one QEMU refuses is refused with QEMU's message,
/// at the <c>-device</c> QEMU names: functions in use, the multifunction rules and their dependence on device order.
/// </summary>
public sealed class PlacementConformanceTests
{
    public static TheoryData<int> Cases()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < Golden.RootElement.GetProperty("cases").GetArrayLength(); i++) data.Add(i);
        return data;
    }

    private static readonly JsonDocument Golden = JsonDocument.Parse(File.ReadAllBytes(Repository.PlacementGoldens));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Placement_matches_qemu(int index)
    {
        JsonElement golden = Golden.RootElement.GetProperty("cases")[index];
        string machine = golden.GetProperty("machine").GetString()!;
        string[] strings = golden.GetProperty("devices").EnumerateArray().Select(d => d.GetString()!).ToArray();
        var devices = new List<(Device, SourceLocation)>();
        for (int i = 0; i < strings.Length; i++)
        {
            string source = "-device #" + (i + 1).ToString(CultureInfo.InvariantCulture);
            devices.Add((KeyvalParser.ParseDevice(strings[i], QemuCatalog.Catalog, source).GetValueOrThrow(), new SourceLocation(source, 0, 1)));
        }
        MachineConfig config = MachineConfig.Create(machine, null, null, devices).GetValueOrThrow();
        ParseResult<ResolvedMachine> resolved = CompatResolver.Resolve(config, QemuCatalog.Catalog);
        string what = machine + " " + string.Join(" ", strings);

        if (golden.TryGetProperty("refused", out JsonElement refused))
        {
            // "qemu-system-x86_64: -device ARG: MESSAGE": QEMU stops at the first device it refuses; so does our first error.
            string text = refused.GetString()!;
            int argument = text.IndexOf(": -device ", System.StringComparison.Ordinal) + ": -device ".Length;
            int message = text.IndexOf(": ", argument, System.StringComparison.Ordinal);
            string failing = text.Substring(argument, message - argument);
            Assert.False(resolved.Succeeded, what + ": QEMU refused (" + text + "), we placed it");
            ConfigError first = resolved.Errors[0];
            string qemuMessage = text.Substring(message + 2);
            // hw/pci/pci.c's refusals word for word; qdev's "Bus 'x' not found" is ours about the bus option.
            if (qemuMessage.StartsWith("Bus '", System.StringComparison.Ordinal)) Assert.Equal(("bus", ConfigErrorKind.InvalidReference), (first.Option, first.Kind));
            else Assert.Equal(qemuMessage, first.Message);
            Assert.Equal("-device #" + (System.Array.IndexOf(strings, failing) + 1).ToString(CultureInfo.InvariantCulture), first.Location.Source);
            return;
        }
        Assert.True(resolved.Succeeded, what + ": QEMU placed it, we refused: " + string.Join("; ", resolved.Errors));
        // Where QEMU put each device with an id (its "addr" property: on the root bus and behind root ports alike).
        string[] qemu = golden.GetProperty("placed").EnumerateObject().Select(p => p.Name + " " + p.Value.GetString())
            .Order(System.StringComparer.Ordinal).ToArray();
        string[] ours = resolved.Value!.Devices.Where(d => d.Device.Id is not null).Select(d => d.Device.Id + " " + d.Context.Address)
            .Order(System.StringComparer.Ordinal).ToArray();
        Assert.Equal(qemu, ours);
    }
}
