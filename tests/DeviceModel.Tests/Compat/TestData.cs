using System;
using System.IO;
using DeviceModel.Samples.Qemu;
using DeviceModel.Catalog;
using DeviceModel.Config;
using DeviceModel.Hints;
using DeviceModel.Compat;

namespace DeviceModel.Tests.Compat;

/// <summary>Paths of checked-in test data, found from the source tree (not copied to the output).</summary>
internal static class TestData
{
    public static string RepoRoot
    {
        get
        {
            for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "DeviceModel.sln"))) return dir.FullName;
            }
            throw new InvalidOperationException("DeviceModel.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static DeviceCatalog Catalog => QemuCatalog.Catalog;

    public static MachineConfig Config(string? machine, params string[] devices)
    {
        var list = System.Collections.Immutable.ImmutableArray.CreateBuilder<Device>();
        foreach (string text in devices) list.Add(KeyvalParser.ParseDevice(text, Catalog).GetValueOrThrow());
        return new MachineConfig(machine, null, null, list.ToImmutable());
    }

    public static ResolvedMachine Resolve(string? machine, HintsFile? hints, params string[] devices) =>
        (hints is null ? CompatResolver.Resolve(Config(machine, devices), Catalog) : CompatResolver.Resolve(Config(machine, devices), Catalog, hints)).GetValueOrThrow();

    public static OptionValue Value(ResolvedMachine resolved, string id, string option)
    {
        foreach (ResolvedDevice device in resolved.Devices)
        {
            if (device.Device.Id == id) return device.Device.GetOption(option);
        }
        throw new ArgumentException("no device " + id);
    }

    public static OptionSource Source(ResolvedMachine resolved, string id, string option)
    {
        foreach (ResolvedDevice device in resolved.Devices)
        {
            if (device.Device.Id == id) return device.Device.SourceOf(device.Device.Info.IndexOf(option));
        }
        throw new ArgumentException("no device " + id);
    }
}
