using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using DeviceModel.Catalog;

namespace DeviceModel.Cli
{
    /// <summary>Where a run of <c>devmodel</c> gets its catalog: fixed by a host, or from global options such as the tool's <c>--catalog</c>.</summary>
    internal abstract class CatalogSource
    {
        /// <summary>Adds the global options this source reads (none by default).</summary>
        public virtual void AddOptions(RootCommand root)
        {
        }

        /// <summary>The catalog for this run, or false with a message naming what is wrong (exit 2).</summary>
        public abstract bool TryGetCatalog(ParseResult parse, [NotNullWhen(true)] out DeviceCatalog? catalog, [NotNullWhen(false)] out string? problem);
    }

    /// <summary>The catalogs a host passed to <see cref="DevmodelApp.Run(string[], DeviceCatalog[])"/>, already combined.</summary>
    internal sealed class FixedCatalogSource : CatalogSource
    {
        private readonly DeviceCatalog _catalog;

        public FixedCatalogSource(DeviceCatalog catalog) => _catalog = catalog;

        public override bool TryGetCatalog(ParseResult parse, [NotNullWhen(true)] out DeviceCatalog? catalog, [NotNullWhen(false)] out string? problem)
        {
            catalog = _catalog;
            problem = null;
            return true;
        }
    }

    /// <summary>
    /// Combines the catalogs of one run. Device types are the union (the same generated descriptor listed by two
    /// <c>[DeviceCatalog]</c> classes of one assembly counts once); two different types with one name are an error.
    /// Machine types belong to exactly one product, since a <c>[CompatHint]</c> version means something only in its
    /// product's version scheme: at most one catalog may declare <c>[Product]</c>/<c>[MachineFamily]</c>, the others
    /// are device libraries.
    /// </summary>
    internal static class CatalogSet
    {
        /// <summary>A catalog with no devices, for parsing before the real catalog is known.</summary>
        public static DeviceCatalog Empty { get; } = new(Array.Empty<DeviceInfo>());

        /// <summary>Combines <paramref name="catalogs"/> (each with where it came from, for messages), or explains why they do not combine.</summary>
        public static bool TryCombine(IReadOnlyList<(DeviceCatalog Catalog, string Origin)> catalogs, [NotNullWhen(true)] out DeviceCatalog? combined, [NotNullWhen(false)] out string? problem)
        {
            combined = null;
            problem = null;
            if (catalogs.Count == 0)
            {
                problem = "no device catalog given";
                return false;
            }
            if (catalogs.Count == 1)
            {
                combined = catalogs[0].Catalog;
                return true;
            }
            var devices = new List<DeviceInfo>();
            var owners = new Dictionary<string, (DeviceInfo Device, string Origin)>(StringComparer.Ordinal);
            MachineCatalog? machines = null;
            string? machinesOrigin = null;
            foreach ((DeviceCatalog catalog, string origin) in catalogs)
            {
                if (catalog.Machines is { } declared && !ReferenceEquals(declared, machines))
                {
                    if (machines is not null)
                    {
                        problem = "two catalogs declare a product: " + machinesOrigin + " (" + machines.ProductName + " " + machines.ProductVersion + ") and " + origin + " ("
                            + declared.ProductName + " " + declared.ProductVersion + "); machine versions belong to one product, so pass one product catalog plus device libraries without [Product]";
                        return false;
                    }
                    machines = declared;
                    machinesOrigin = origin;
                }
                foreach (DeviceInfo device in catalog.Devices)
                {
                    if (owners.TryGetValue(device.Name, out (DeviceInfo Device, string Origin) owner))
                    {
                        if (ReferenceEquals(owner.Device, device)) continue;
                        problem = "device type '" + device.Name + "' is declared by both " + owner.Origin + " and " + origin + "; device type names must be unique across catalogs";
                        return false;
                    }
                    owners.Add(device.Name, (device, origin));
                    devices.Add(device);
                }
            }
            combined = new DeviceCatalog(devices, machines);
            return true;
        }
    }
}
