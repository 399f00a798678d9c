using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.Json;
using DeviceModel.Conformance.Tests.Goldens;
using DeviceModel.Pci;
using DeviceModel.Samples.Qemu;
using DeviceModel.Catalog;
using DeviceModel.Config;
using DeviceModel.Compat;

namespace DeviceModel.Conformance.Tests.Harness;

/// <summary>One way the model differs from QEMU in a case: the aspect (an option, the bytes, a BAR, a probe …) and how.</summary>
internal sealed record Mismatch(string Aspect, string Message)
{
    public override string ToString() => Aspect + ": " + Message;
}

/// <summary>What one recorded case gave through the device path.</summary>
internal sealed class CaseResult
{
    public required QemuCase Case { get; init; }
    public List<Mismatch> Mismatches { get; } = new();
    /// <summary>Our refusal (resolve error or realize error), or null when we built the device.</summary>
    public string? OurRefusal { get; set; }
    /// <summary>Options compared with QEMU's properties.</summary>
    public int OptionsCompared { get; set; }
    /// <summary>The documented gap this case falls under, if any.</summary>
    public KnownGap? Gap { get; set; }

    public bool Conforms => Mismatches.Count == 0;

    public override string ToString() => Case + (Conforms ? ": conforms" : ":\n  " + string.Join("\n  ", Mismatches));
}

/// <summary>
/// Runs a recorded case through the one device path a VM manager uses: <c>-device</c> strings parsed by
/// <see cref="KeyvalParser"/>, resolved by <see cref="CompatResolver"/> (explicit options are only the recorder's), the
/// device under test realized with <see cref="PciDevice.Realize"/>; then compares every declared option with QEMU's
/// property and the config space with QEMU's recording.
/// </summary>
internal static class CaseRunner
{
    private static readonly Lazy<IReadOnlyList<CaseResult>> AllResults = new(() =>
        QemuGolden.AllFiles.SelectMany(g => g.Cases()).Select(Run).ToList());

    /// <summary>Every recorded case of every device, run once per test session.</summary>
    public static IReadOnlyList<CaseResult> All => AllResults.Value;

    public static CaseResult Find(string device, string machine, string variant) =>
        All.Single(r => r.Case.Device == device && r.Case.Machine == machine && r.Case.Variant == variant);

    public static CaseResult Run(QemuCase run)
    {
        var result = new CaseResult { Case = run, Gap = KnownGaps.CaseGapOf(run) };
        ResolvedDevice? dut = RecordedConfiguration.Resolve(run.Golden, run.Machine, run.VariantOptions, run.BehindRootPort, run.Smp, null, out List<ConfigError> errors)?.Devices[^1];
        if (dut is null)
        {
            result.OurRefusal = string.Join("; ", errors);
            if (run.Refused is null) result.Mismatches.Add(new("refusal", "QEMU built it, we refused: " + result.OurRefusal));
            return result;
        }

        RealizedPciFunction? function = null;
        try
        {
            function = ((PciDevice)dut.Device).Realize(dut.Context);
        }
        catch (PciConfigurationException e)
        {
            result.OurRefusal = e.Message;
        }
        if (run.Refused is not null)
        {
            if (result.OurRefusal is null) result.Mismatches.Add(new("refusal", "QEMU refused (" + run.Refused + "), we built it"));
            return result;
        }
        CompareOptions(result, dut.Device, run);
        if (function is null)
        {
            result.Mismatches.Add(new("refusal", "QEMU built it, we refused: " + result.OurRefusal));
            return result;
        }
        ConfigComparison.Compare(result.Mismatches, function, run.Config!.Value, run.RestoredAfterProbes);
        return result;
    }

    /// <summary>Every guest-visible declared option against QEMU's property (the backend's for virtio backend options).</summary>
    private static void CompareOptions(CaseResult result, Device device, QemuCase run)
    {
        foreach (OptionInfo option in device.Info.Options)
        {
            if (option.HostOnly || KnownGaps.IsExcludedOption(run.Device, option.Name)) continue;
            if (!run.Props.TryGetValue(option.Name, out JsonElement qemu) && !run.BackendProps.TryGetValue(option.Name, out qemu))
            {
                result.Mismatches.Add(new("option " + option.Name, "QEMU has no such property"));
                continue;
            }
            result.OptionsCompared++;
            string? mismatch = OptionComparison.Compare(option, device.GetOption(option.Index), qemu[1]);
            if (mismatch is not null) result.Mismatches.Add(new("option " + option.Name, mismatch));
        }
    }
}
