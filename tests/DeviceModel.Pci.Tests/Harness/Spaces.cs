using System;
using DeviceModel.Pci;

namespace DeviceModel.Pci.Tests.Harness;

/// <summary>Realized functions the tests share.</summary>
internal static class Spaces
{
    /// <summary>virtio-net-pci on pc-i440fx-7.2: transitional, 4 vectors, conventional.</summary>
    public static RealizedPciFunction VirtioNetConventional() => VirtioPciLayout.Create(new VirtioPciOptions
    {
        DeviceType = 1,
        Vectors = 4,
        DeviceConfigLength = 8,
        RomSize = 0x40000,
    }).Realize();

    /// <summary>virtio-net-pci behind a root port on pc-q35-7.2 with AER and ATS: modern, PCI Express.</summary>
    public static RealizedPciFunction VirtioNetExpress() => VirtioPciLayout.Create(new VirtioPciOptions
    {
        DeviceType = 1,
        Legacy = false,
        Vectors = 4,
        Bus = BusKind.ExpressPort,
        Aer = true,
        Ats = true,
        DeviceConfigLength = 8,
        RomSize = 0x40000,
    }).Realize();

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
