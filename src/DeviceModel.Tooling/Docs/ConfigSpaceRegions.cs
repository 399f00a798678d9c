using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using DeviceModel.Pci;

namespace DeviceModel.Tooling.Docs
{
    /// <summary>What occupies a stretch of a configuration space.</summary>
    public enum ConfigSpaceRegionKind
    {
        /// <summary>The type 0 or type 1 header, 0x00–0x3f.</summary>
        Header,
        /// <summary>A standard capability (0x40–0xff).</summary>
        Capability,
        /// <summary>A PCI Express extended capability (0x100–0xfff).</summary>
        ExtendedCapability,
        /// <summary>Bytes nothing occupies.</summary>
        Free,
    }

    /// <summary>One stretch of a realized configuration space.</summary>
    /// <param name="Kind">What occupies it.</param>
    /// <param name="Offset">First byte.</param>
    /// <param name="Length">Length in bytes.</param>
    /// <param name="Name">The capability's or header's name; <c>free</c> for free space.</param>
    /// <param name="Id">Capability ID (8 bits standard, 16 bits extended); null for the header and free space.</param>
    /// <param name="Next">Offset of the next capability in its list (0 at the end); for the header, the capability pointer
    /// (the first capability, 0 for none); null for free space.</param>
    public sealed record ConfigSpaceRegion(ConfigSpaceRegionKind Kind, int Offset, int Length, string Name, int? Id, int? Next)
    {
        /// <summary>Last byte.</summary>
        public int End => Offset + Length - 1;

        /// <summary>The capability ID in hex, 2 digits standard and 4 extended (<c>0x11</c>, <c>0x0001</c>); empty otherwise.</summary>
        public string IdText => Id is int id ? ConfigSpaceRegions.Hex(id, Kind == ConfigSpaceRegionKind.ExtendedCapability ? 4 : 2) : "";
    }

    /// <summary>
    /// Splits a realized function's configuration space into the header, each capability where it landed, and the
    /// free space between them: the standard area 0x00–0xff, and for a 4 KiB space the extended area 0x100–0xfff.
    /// </summary>
    public static class ConfigSpaceRegions
    {
        /// <summary>The end of the standard header.</summary>
        public const int HeaderSize = 0x40;

        /// <summary>Header, capabilities by offset and free space in 0x00–0xff.</summary>
        public static ImmutableArray<ConfigSpaceRegion> Standard(RealizedPciFunction function)
        {
            ArgumentNullException.ThrowIfNull(function);
            var regions = new List<ConfigSpaceRegion>
            {
                new(ConfigSpaceRegionKind.Header, 0, HeaderSize, HeaderName(function.Config), null, ListHead(function.Config)),
            };
            var placed = new List<PlacedCapability>(function.Capabilities);
            AddWithFree(regions, placed, ConfigSpaceRegionKind.Capability, HeaderSize, ConfigSpace.ConventionalSize);
            return regions.ToImmutableArray();
        }

        /// <summary>Extended capabilities by offset and free space in 0x100–0xfff; empty for a 256-byte space.</summary>
        public static ImmutableArray<ConfigSpaceRegion> Extended(RealizedPciFunction function)
        {
            ArgumentNullException.ThrowIfNull(function);
            if (!function.Config.IsExpress) return ImmutableArray<ConfigSpaceRegion>.Empty;
            var regions = new List<ConfigSpaceRegion>();
            AddWithFree(regions, new List<PlacedCapability>(function.ExtendedCapabilities), ConfigSpaceRegionKind.ExtendedCapability,
                ConfigSpace.ConventionalSize, ConfigSpace.ExpressSize);
            return regions.ToImmutableArray();
        }

        /// <summary><c>0x</c> and lower-case hex digits, at least <paramref name="digits"/> of them.</summary>
        public static string Hex(int value, int digits = 2) => "0x" + value.ToString("x" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

        private static void AddWithFree(List<ConfigSpaceRegion> regions, List<PlacedCapability> placed, ConfigSpaceRegionKind kind, int from, int to)
        {
            placed.Sort((a, b) => a.Offset.CompareTo(b.Offset));
            int cursor = from;
            foreach (PlacedCapability capability in placed)
            {
                if (capability.Offset > cursor) regions.Add(Free(cursor, capability.Offset));
                regions.Add(new ConfigSpaceRegion(kind, capability.Offset, capability.Length, capability.Name, capability.Id, capability.Next));
                cursor = Math.Max(cursor, capability.Offset + capability.Length);
            }
            if (cursor < to) regions.Add(Free(cursor, to));
        }

        private static ConfigSpaceRegion Free(int from, int to) => new(ConfigSpaceRegionKind.Free, from, to - from, "free", null, null);

        private static int ListHead(ConfigSpace config) =>
            (config.Values.Get16(PciRegisters.Status) & PciRegisters.StatusCapabilityList) != 0 ? config.Values.Get8(PciRegisters.CapabilityList) : 0;

        private static string HeaderName(ConfigSpace config) =>
            (config.Values.Get8(PciRegisters.HeaderType) & 0x7f) == 1 ? "Type 1 (bridge) header" : "Type 0 header";
    }
}
