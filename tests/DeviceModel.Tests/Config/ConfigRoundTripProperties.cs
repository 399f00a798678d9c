using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using CsCheck;
using DeviceModel.Samples.Qemu;
using DeviceModel.Tests.Values;
using DeviceModel.Config;

namespace DeviceModel.Tests.Config;

// Inside the namespace so that ErrorAssert.Catalog wins over the DeviceModel.Catalog namespace.
using static DeviceModel.Tests.Config.ErrorAssert;

/// <summary>Devices written by the formatters read back to equal devices: keyval and JSON, every option of every sample device.</summary>
public sealed class ConfigRoundTripProperties
{
    private const long Iterations = 1000;

    /// <summary>Values the option accepts: its kind's values, its limits, and auto where allowed (never unset: keyval cannot write it).</summary>
    internal static Gen<OptionValue> ValueFor(OptionInfo option)
    {
        OptionKind kind = option.Kind;
        Gen<OptionValue> values;
        if (kind == OptionKind.Enum)
        {
            string[] names = option.EnumNames.ToArray();
            values = Gen.Int[0, names.Length - 1].Select(i => OptionValue.FromEnum(i, names[i]));
        }
        else
        {
            values = ValueRoundTripProperties.ValuesOf(kind);
        }
        if (ValueSyntax.IsInteger(kind))
        {
            values = Gen.Frequency((3, values), (1, Gen.OneOfConst(OptionValue.FromInteger(kind, option.Min), OptionValue.FromInteger(kind, option.Max))));
        }
        if (option.IsAuto) values = Gen.Frequency((5, values), (1, Gen.Const(OptionValue.AutoValue(kind))));
        return values.Where(v => option.Accepts(v));
    }

    /// <summary>A device of any sample type with up to eight of its options set explicitly, and maybe an id.</summary>
    internal static readonly Gen<Device> Devices =
        Gen.Select(Gen.Int[0, Catalog.Devices.Length - 1], Gen.Int[0, int.MaxValue].Array[0, 8]).SelectMany((deviceIndex, picks) =>
        {
            DeviceInfo info = Catalog.Devices[deviceIndex];
            Gen<(int Index, OptionValue Value)[]> settings = Gen.Const(Array.Empty<(int, OptionValue)>());
            var chosen = new HashSet<int>();
            foreach (int pick in picks)
            {
                int index = pick % info.Options.Length;
                if (!chosen.Add(index)) continue;
                Gen<OptionValue> value = ValueFor(info.Options[index]);
                settings = settings.SelectMany(done => value.Select(v => Append(done, (index, v))));
            }
            Gen<string?> ids = Gen.Frequency(
                (1, Gen.Const((string?)null)),
                (3, Gen.Char["abcxyz019-._"].Array[0, 6].Select(tail => (string?)("d" + new string(tail)))));
            return Gen.Select(ids, settings, (id, values) =>
            {
                Device device = info.Create();
                device.Id = id;
                foreach ((int index, OptionValue value) in values) device.SetOption(index, value, OptionSource.Explicit);
                return device;
            });
        });

    private static T[] Append<T>(T[] array, T item)
    {
        var result = new T[array.Length + 1];
        array.CopyTo(result, 0);
        result[array.Length] = item;
        return result;
    }

    private static void AssertSameDevice(Device expected, Device actual)
    {
        Assert.Same(expected.Info, actual.Info);
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Bus, actual.Bus);
        foreach (OptionInfo option in expected.Info.Options)
        {
            Assert.Equal(expected.GetOption(option.Index), actual.GetOption(option.Index));
            Assert.Equal(expected.SourceOf(option.Index), actual.SourceOf(option.Index));
        }
    }

    private static string Json(Device device)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer)) KeyvalFormatter.WriteJson(writer, device);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static bool IsValidUtf16(string s) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(s)) == s;

    [Fact]
    public void Any_device_round_trips_through_its_keyval_string()
    {
        Devices.Sample(device =>
        {
            string keyval = KeyvalFormatter.Format(device);
            AssertSameDevice(device, Succeeded(KeyvalParser.ParseDevice(keyval, Catalog)));
        }, iter: Iterations, print: device => KeyvalFormatter.Format(device));
    }

    [Fact]
    public void Any_device_round_trips_through_its_json_object()
    {
        Devices.Where(device => IsValidUtf16(KeyvalFormatter.Format(device))).Sample(device =>
        {
            AssertSameDevice(device, Succeeded(JsonConfigReader.ParseDevice(Json(device), Catalog)));
        }, iter: Iterations, print: device => KeyvalFormatter.Format(device));
    }

    [Fact]
    public void Any_list_of_devices_round_trips_through_a_machine_config()
    {
        Gen.Select(Devices.Array[0, 4], Gen.Bool.Array[4]).Where(t => Array.TrueForAll(t.Item1, d => IsValidUtf16(KeyvalFormatter.Format(d))))
            .Sample((devices, asKeyval) =>
            {
                for (int i = 0; i < devices.Length; i++) devices[i].Id = "dev" + i; // ids must be unique across devices
                var json = new StringBuilder("{\"machine\": \"pc\", \"devices\": [\n");
                for (int i = 0; i < devices.Length; i++)
                {
                    if (i > 0) json.Append(",\n");
                    json.Append(asKeyval[i] ? JsonSerializer.Serialize(KeyvalFormatter.Format(devices[i])) : Json(devices[i]));
                }
                json.Append("\n]}");
                MachineConfig config = Succeeded(JsonConfigReader.ReadMachineConfig(Encoding.UTF8.GetBytes(json.ToString()), Catalog));
                Assert.Equal(devices.Length, config.Devices.Length);
                for (int i = 0; i < devices.Length; i++) AssertSameDevice(devices[i], config.Devices[i]);
            }, iter: Iterations / 4);
    }

    [Fact]
    public void Any_string_value_with_commas_round_trips_through_keyval_romfile()
    {
        int romfile = VirtioRngPci.Descriptor.IndexOf("romfile");
        Gen<string> withCommas = Gen.Frequency(
            (2, Gen.String),
            (2, Gen.Char.Array[0, 16].Select(chars => new string(chars))),
            (3, Gen.Char[",=a \\\"\0"].Array[0, 12].Select(chars => new string(chars))));
        withCommas.Sample(text =>
        {
            Device device = VirtioRngPci.Descriptor.Create();
            device.SetOption(romfile, OptionValue.FromString(text), OptionSource.Explicit);
            string keyval = KeyvalFormatter.Format(device);
            Assert.Equal("virtio-rng-pci,romfile=" + text.Replace(",", ",,", StringComparison.Ordinal), keyval);
            Device parsed = Succeeded(KeyvalParser.ParseDevice(keyval, Catalog));
            Assert.Equal(text, ((VirtioRngPci)parsed).RomFile);
            Assert.Equal(OptionSource.Explicit, parsed.SourceOf(romfile));
            Assert.Equal(keyval, parsed.ToKeyval());
        }, iter: Iterations * 2);
    }

    [Fact]
    public void Every_option_of_every_sample_device_round_trips_its_default_with_all_options()
    {
        foreach (DeviceInfo info in Catalog.Devices)
        {
            Device device = info.Create();
            Device parsed = Succeeded(KeyvalParser.ParseDevice(device.ToKeyval(allOptions: true), Catalog));
            foreach (OptionInfo option in info.Options)
            {
                if (option.Default.IsNull) continue;
                Assert.Equal(option.Default, parsed.GetOption(option.Index));
            }
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer)) KeyvalFormatter.WriteJson(writer, device, allOptions: true);
            Device fromJson = Succeeded(JsonConfigReader.ParseDevice(Encoding.UTF8.GetString(buffer.WrittenSpan), Catalog));
            foreach (OptionInfo option in info.Options)
            {
                // JSON null unsets a nullable option; an auto option reads its unset state back as auto.
                OptionValue expected = option.Default.IsNull && option.IsAuto ? OptionValue.AutoValue(option.Kind) : option.Default;
                Assert.Equal(expected, fromJson.GetOption(option.Index));
            }
        }
    }
}
