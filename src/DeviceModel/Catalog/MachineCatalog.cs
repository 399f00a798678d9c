using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.ComponentModel;

namespace DeviceModel.Catalog
{
    /// <summary>One machine family as declared by <see cref="MachineFamilyAttribute"/> (used by generated code).</summary>
    // Hidden from IntelliSense: only generated code builds it; it stays public because generated code in the product assembly must reach it.
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed record MachineFamily(string Family, string Versions, string? Alias, string? Deprecated, string? Description, bool PciExpress);

    /// <summary>The product's version and machine types, from its declarations.</summary>
    public sealed class MachineCatalog
    {
        private readonly Dictionary<string, MachineType> _byName = new(StringComparer.Ordinal);

        /// <summary>Builds the catalog; the first family's newest machine is the default.</summary>
        /// <exception cref="ArgumentException">A version does not parse, or a name is declared twice.</exception>
        // Hidden from IntelliSense: only generated code calls this; it stays public because generated code in the product assembly must reach it.
        [EditorBrowsable(EditorBrowsableState.Never)]
        public MachineCatalog(string productName, string productVersion, IEnumerable<MachineFamily> families, IEnumerable<KeyValuePair<string, string>>? romImages = null)
        {
            var roms = new Dictionary<string, uint>(StringComparer.Ordinal);
            foreach (KeyValuePair<string, string> rom in romImages ?? Array.Empty<KeyValuePair<string, string>>())
            {
                if (ValueSyntax.ParseSize(rom.Value, out ulong size) != ValueParseError.None || size == 0 || size > uint.MaxValue || (size & (size - 1)) != 0)
                {
                    throw new ArgumentException("ROM image " + rom.Key + ": size '" + rom.Value + "' is not a power of two up to 2G");
                }
                roms[rom.Key] = (uint)size;
            }
            RomImages = roms;
            ProductName = productName;
            ProductVersion = MachineVersion.Parse(productVersion);
            var all = new List<MachineType>();
            MachineType? first = null;
            foreach (MachineFamily family in families)
            {
                var deprecated = new HashSet<string>(Split(family.Deprecated), StringComparer.Ordinal);
                string[] versions = Split(family.Versions);
                MachineVersion previous = default;
                for (int i = 0; i < versions.Length; i++)
                {
                    MachineVersion version = MachineVersion.Parse(versions[i]);
                    if (i > 0 && version <= previous) throw new ArgumentException("machine family " + family.Family + ": versions must be listed oldest first (" + versions[i] + ")");
                    if (version > ProductVersion) throw new ArgumentException("machine " + family.Family + "-" + versions[i] + " is newer than the product version " + ProductVersion);
                    previous = version;
                    bool newest = i == versions.Length - 1;
                    var aliases = newest && family.Alias is not null ? ImmutableArray.Create(family.Alias) : ImmutableArray<string>.Empty;
                    var machine = new MachineType(family.Family + "-" + versions[i], family.Family, version, aliases, deprecated.Contains(versions[i]), family.PciExpress, family.Description);
                    Add(machine.Name, machine);
                    foreach (string alias in aliases) Add(alias, machine);
                    all.Add(machine);
                }
                first ??= all.Count > 0 ? all[all.Count - 1] : null;
            }
            Machines = all.ToImmutableArray();
            Default = first ?? throw new ArgumentException("a product declares at least one machine type");
        }

        /// <summary>ROM BAR size of each option ROM image the product ships, by file name.</summary>
        public IReadOnlyDictionary<string, uint> RomImages { get; }

        /// <summary>The product's name.</summary>
        public string ProductName { get; }
        /// <summary>The product's current version (the producer version of hints files it writes).</summary>
        public MachineVersion ProductVersion { get; }
        /// <summary>Every machine type, by family in declaration order, oldest first.</summary>
        public ImmutableArray<MachineType> Machines { get; }
        /// <summary>The machine used when a config names none: the first family's newest.</summary>
        public MachineType Default { get; }

        /// <summary>Every distinct machine version, oldest first.</summary>
        public ImmutableArray<MachineVersion> Versions
        {
            get
            {
                var set = new SortedSet<MachineVersion>();
                foreach (MachineType machine in Machines) set.Add(machine.Version);
                return set.ToImmutableArray();
            }
        }

        /// <summary>The machine named <paramref name="name"/> (or an alias), or null.</summary>
        public MachineType? Find(string name) => _byName.TryGetValue(name, out MachineType? machine) ? machine : null;

        /// <summary>Names of machine types and aliases close to <paramref name="name"/>, best first (for "did you mean").</summary>
        public IReadOnlyList<string> Suggest(string name, int limit = 5) => Spelling.Close(name, _byName.Keys, limit);

        private void Add(string name, MachineType machine)
        {
            if (!_byName.TryAdd(name, machine)) throw new ArgumentException("machine type '" + name + "' is declared twice");
        }

        private static string[] Split(string? list) => list is null ? Array.Empty<string>() : list.Split(new[] { ' ', ',' }, StringSplitOptions.RemoveEmptyEntries);
    }
}
