using System;
using System.IO;

namespace DeviceModel.Conformance.Tests.Harness;

/// <summary>Paths in the source tree (test data is read in place, never copied to the output).</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>The QEMU reference data the recorder writes (tools/qemu-reference).</summary>
    public static string Goldens => Path.Combine(Root, "tests", "goldens", "qemu");

    /// <summary>The extra option variants on a few machine types (tools/qemu-reference/extra-variants.txt).</summary>
    public static string ExtraGoldens => Path.Combine(Root, "tests", "goldens", "qemu-extra");

    /// <summary>Several devices on one bus: where QEMU places them or how it refuses them (tools/qemu-reference/placement-cases.txt).</summary>
    public static string PlacementGoldens => Path.Combine(Root, "tests", "goldens", "qemu-placement", "placement.json");

    /// <summary>The generated conformance report.</summary>
    public static string Report => Path.Combine(Root, "docs", "conformance.md");

    /// <summary>Whether tests rewrite their checked-in outputs instead of comparing (the repository's one switch).</summary>
    public static bool UpdateBaselines => Environment.GetEnvironmentVariable("DEVICEMODEL_UPDATE_BASELINES") == "1";

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DeviceModel.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("DeviceModel.sln not found above " + AppContext.BaseDirectory);
    }
}
