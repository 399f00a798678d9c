using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using DeviceModel.Compat;
using DeviceModel.Config;
using DeviceModel.Conformance.Tests.Goldens;
using DeviceModel.Hints;
using DeviceModel.Samples.Qemu;

namespace DeviceModel.Conformance.Tests.Harness;

/// <summary>
/// The configuration a recorded case ran with, rebuilt from the recorder's command-line templates stored in the
/// golden: the device under test (<c>id=dut</c>) at its root-bus address with the recorder's fixed options
/// (<c>drive=d0</c>, <c>chassis=1</c>), or at 00.0 behind <c>pcie-root-port,id=rp0,chassis=1,addr=04.0</c>; then the
/// variant's options, which win over fixed ones of the same name as in QEMU. Nothing else is explicit: every other
/// value must come from the samples' defaults, histories and auto rules.
/// </summary>
internal static class RecordedConfiguration
{
    public const string DeviceId = "dut";

    /// <summary>The <c>-device</c> strings of <paramref name="run"/>, the device under test last.</summary>
    public static IReadOnlyList<string> DeviceStrings(QemuCase run) => DeviceStrings(run.Golden, run.VariantOptions, run.BehindRootPort);

    /// <summary>
    /// The recorded configuration parsed and resolved through the device path (with <paramref name="hints"/> when given):
    /// the machine, or null with the parse or resolve errors in <paramref name="errors"/>.
    /// </summary>
    public static ResolvedMachine? Resolve(QemuGolden golden, string machine, string variantOptions, bool behindRootPort, int? smp, HintsFile? hints, out List<ConfigError> errors)
    {
        var devices = ImmutableArray.CreateBuilder<Device>();
        errors = new List<ConfigError>();
        foreach (string text in DeviceStrings(golden, variantOptions, behindRootPort))
        {
            ParseResult<Device> parsed = KeyvalParser.ParseDevice(text, QemuCatalog.Catalog);
            if (parsed.Succeeded) devices.Add(parsed.Value!);
            else errors.AddRange(parsed.Errors);
        }
        if (errors.Count > 0) return null;
        var config = new MachineConfig(machine, null, smp, devices.ToImmutable());
        ParseResult<ResolvedMachine> resolved = hints is null ? CompatResolver.Resolve(config, QemuCatalog.Catalog) : CompatResolver.Resolve(config, QemuCatalog.Catalog, hints);
        if (resolved.Succeeded) return resolved.Value!;
        errors.AddRange(resolved.Errors);
        return null;
    }

    private static IReadOnlyList<string> DeviceStrings(QemuGolden golden, string variantOptions, bool behindRootPort)
    {
        List<KeyValuePair<string, string>> fixedOptions = Options(golden.RootBusTemplate, out string driver);
        var strings = new List<string>();
        List<KeyValuePair<string, string>> dut;
        if (behindRootPort)
        {
            IReadOnlyList<string> template = golden.RootPortTemplate;
            List<KeyValuePair<string, string>> port = Options(template[0], out string portDriver);
            strings.Add(Format(portDriver, port.Where(o => o.Key != "bus")));
            dut = Options(template[1], out _);
            // The root-port template abbreviates the device's fixed options (a drive); they are the same on both buses.
            foreach (KeyValuePair<string, string> option in fixedOptions.Where(o => o.Key is not ("id" or "bus" or "addr"))) Set(dut, option.Key, option.Value);
        }
        else
        {
            dut = fixedOptions.Where(o => o.Key != "bus").ToList();   // the root bus (pci.0 or pcie.0) is the default
        }
        foreach (string option in variantOptions.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] pair = option.Split('=', 2);
            Set(dut, pair[0], pair.Length > 1 ? pair[1] : "on");
        }
        strings.Add(Format(driver, dut));
        return strings;
    }

    private static List<KeyValuePair<string, string>> Options(string deviceArgument, out string driver)
    {
        string[] parts = deviceArgument.Split(',');
        driver = parts[0];
        return parts.Skip(1).Select(p => p.Split('=', 2)).Select(p => new KeyValuePair<string, string>(p[0], p.Length > 1 ? p[1] : "on")).ToList();
    }

    private static void Set(List<KeyValuePair<string, string>> options, string key, string value)
    {
        int at = options.FindIndex(o => o.Key == key);
        if (at >= 0) options[at] = new(key, value);
        else options.Add(new(key, value));
    }

    private static string Format(string driver, IEnumerable<KeyValuePair<string, string>> options) =>
        driver + string.Concat(options.Select(o => "," + o.Key + "=" + o.Value));
}
