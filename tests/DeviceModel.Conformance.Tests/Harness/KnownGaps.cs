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

    public static IReadOnlyList<KnownGap> Cases { get; } = [];

    public static bool IsExcludedOption(string device, string option) => ExcludedOptions.Any(e => e.Device == device && e.Option == option);

    public static KnownGap? CaseGapOf(QemuCase run) => Cases.FirstOrDefault(g => g.Applies(run));

    private const string DriveGeometry =
        "QEMU computes the CHS geometry from the backing drive's size (hd_geometry_guess); the model has no drive, so it keeps auto.";
    private const string DriveGeometryPlan =
        "Model drive backends (size) as host-only inputs of realize, then decide cyls/heads/secs in ResolveAuto like QEMU.";
}
