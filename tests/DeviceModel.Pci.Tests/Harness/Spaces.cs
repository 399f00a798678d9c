using System;
using System.Collections.Immutable;
using DeviceModel.Pci;
using DeviceModel.Samples.Qemu;
using DeviceModel.Config;
using DeviceModel.Compat;

namespace DeviceModel.Pci.Tests.Harness;

/// <summary>Realized functions the tests share, built like a VM manager builds them: -device strings, resolved, realized.</summary>
internal static class Spaces
{
    /// <summary>virtio-net-pci on pc-i440fx-7.2: transitional, 4 vectors, conventional, 256 KiB ROM.</summary>
    public static RealizedPciFunction VirtioNetConventional() => Realize("pc-i440fx-7.2", "virtio-net-pci,id=n0,addr=03.0");

    /// <summary>virtio-net-pci behind a root port on pc-q35-7.2 with AER and ATS: modern, PCI Express.</summary>
    public static RealizedPciFunction VirtioNetExpress(string extraOptions = "") =>
        Realize("pc-q35-7.2", "pcie-root-port,id=rp0,chassis=1,addr=04.0", "virtio-net-pci,id=n0,bus=rp0,addr=00.0,ats=on,aer=on" + extraOptions);

    /// <summary>Resolves the devices on <paramref name="machine"/> and realizes the last one.</summary>
    public static RealizedPciFunction Realize(string machine, params string[] devices)
    {
        var list = ImmutableArray.CreateBuilder<Device>();
        foreach (string text in devices) list.Add(KeyvalParser.ParseDevice(text, QemuCatalog.Catalog).GetValueOrThrow());
        ResolvedMachine resolved = CompatResolver.Resolve(new MachineConfig(machine, null, null, list.ToImmutable()), QemuCatalog.Catalog).GetValueOrThrow();
        ResolvedDevice last = resolved.Devices[^1];
        return ((PciDevice)last.Device).Realize(last.Context);
    }

    /// <summary>A snapshot of the four layers of a space.</summary>
    public static (byte[] Values, byte[] Write, byte[] W1c) Layers(ConfigSpace space)
    {
        var write = new byte[space.Size];
        var w1c = new byte[space.Size];
        space.WriteMask.AsSpan(0, space.Size).CopyTo(write);
        space.WriteOneToClearMask.AsSpan(0, space.Size).CopyTo(w1c);
        return (space.ToArray(), write, w1c);
    }

    /// <summary>Hex of a byte range for assertion messages.</summary>
    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
