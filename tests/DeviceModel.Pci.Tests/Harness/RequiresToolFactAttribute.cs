using System;
using System.IO;

namespace DeviceModel.Pci.Tests.Harness;

/// <summary>A fact that is skipped, with the reason printed, when an external tool is not on PATH.</summary>
public sealed class RequiresToolFactAttribute : FactAttribute
{
    public RequiresToolFactAttribute(string tool)
    {
        if (Find(tool) is null) Skip = tool + " is not installed (not on PATH): skipping the cross-check";
    }

    /// <summary>The tool's full path, or null.</summary>
    public static string? Find(string tool)
    {
        foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(directory, tool);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
