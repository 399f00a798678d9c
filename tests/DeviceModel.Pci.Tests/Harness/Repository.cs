using System;
using System.IO;

namespace DeviceModel.Pci.Tests.Harness;

/// <summary>Paths in the source tree (test data is read in place, never copied to the output).</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>QEMU's answers to virtio-pci register accesses (tools/qemu-reference/record_virtio_registers.py).</summary>
    public static string VirtioRegisterGoldens => Path.Combine(Root, "tests", "goldens", "qemu-virtio-registers");

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DeviceModel.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("DeviceModel.sln not found above " + AppContext.BaseDirectory);
    }
}
