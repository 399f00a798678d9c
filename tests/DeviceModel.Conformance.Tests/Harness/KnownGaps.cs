using System.Collections.Generic;
using System.Linq;
using DeviceModel.Conformance.Tests.Goldens;

namespace DeviceModel.Conformance.Tests.Harness;

/// <summary>An option whose QEMU value the model cannot know, so it is not compared.</summary>
internal sealed record ExcludedOption(string Device, string Option, string Cause, string Plan);

/// <summary>Recorded cases the model is known not to reproduce, with the cause and the plan to close the gap.</summary>
internal sealed record KnownGap(string Device, IReadOnlyList<string> Machines, IReadOnlyList<string>? Variants, string Cause, string Plan)
{
    public bool Applies(QemuCase run) => run.Device == Device && Machines.Contains(run.Machine) && (Variants is null || Variants.Contains(run.Variant));
}

/// <summary>
/// Every documented exclusion and known failure (listed in docs/conformance.md). A known failure must still fail:
/// when the model learns the behaviour the entry goes, so the report never claims a gap that no longer exists.
/// </summary>
internal static class KnownGaps
{
    public static IReadOnlyList<ExcludedOption> ExcludedOptions { get; } =
    [
        new("virtio-blk-pci", "cyls", DriveGeometry, DriveGeometryPlan),
        new("virtio-blk-pci", "heads", DriveGeometry, DriveGeometryPlan),
        new("virtio-blk-pci", "secs", DriveGeometry, DriveGeometryPlan),
    ];

    public static IReadOnlyList<KnownGap> Cases { get; } =
    [
        new("pcie-root-port", ["pc-i440fx-6.1"], null,
            "On pc-q35-6.1 QEMU's ICH9 ACPI PCI hot-plug (acpi-pci-hotplug-with-bridge-support on, x-keep-pci-slot-hpc off: "
            + "machine-level properties of q35 only) turns a root port's native hot-plug off, which also hides hot-plug in SltCap "
            + "and reserves 4 KiB of I/O. The sample declares it as x-native-hotplug's 6.1 history, which a [CompatHint] can only "
            + "scope by version, so pc-i440fx-6.1 (no ICH9, native hot-plug stays on) gets it too.",
            "Declare machine-level compat properties with their histories on [MachineFamily] (ICH9-LPC's ACPI bridge hot-plug) "
            + "and make x-native-hotplug an auto option that reads them from RealizeContext.Machine."),
    ];

    public static bool IsExcludedOption(string device, string option) => ExcludedOptions.Any(e => e.Device == device && e.Option == option);

    public static KnownGap? CaseGapOf(QemuCase run) => Cases.FirstOrDefault(g => g.Applies(run));

    private const string DriveGeometry =
        "QEMU computes the CHS geometry from the backing drive's size (hd_geometry_guess); the model has no drive, so it keeps auto.";
    private const string DriveGeometryPlan =
        "Model drive backends (size) as host-only inputs of realize, then decide cyls/heads/secs in ResolveAuto like QEMU.";
}
