using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.ComponentModel;

namespace DeviceModel.Catalog
{
    /// <summary>One machine family as declared by <see cref="MachineFamilyAttribute"/> (used by generated code).</summary>
    /// <param name="Family">The family name, the prefix of its machine names.</param>
    /// <param name="Versions">Its machine versions, oldest first.</param>
    /// <param name="Alias">The name that also selects the newest machine, if any.</param>
    /// <param name="Deprecated">The versions that are deprecated, if any.</param>
    /// <param name="Description">One line of description.</param>
    /// <param name="PciExpress">Whether its machines have a PCI Express root bus.</param>
    // Hidden from IntelliSense: only generated code builds it; it stays public because generated code in the product assembly must reach it.
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed record MachineFamily(string Family, MachineVersion[] Versions, string? Alias = null, MachineVersion[]? Deprecated = null, string? Description = null, bool PciExpress = false);

    /// <summary>The product's version and machine types, from its declarations.</summary>
    public sealed class MachineCatalog
    {
        private readonly Dictionary<string, MachineType> _byName = new(StringComparer.Ordinal);

        /// <summary>Builds the catalog; the first family's newest machine is the default.</summary>
        /// <exception cref="ArgumentException">A version does not parse, or a name is declared twice.</exception>
        // Hidden from IntelliSense: only generated code calls this; it stays public because generated code in the product assembly must reach it.
        [EditorBrowsable(EditorBrowsableState.Never)]
        public MachineCatalog(string productName, MachineVersion productVersion, IEnumerable<MachineFamily> families, IEnumerable<KeyValuePair<string, ulong>>? romImages = null)
        {
            ArgumentNullException.ThrowIfNull(productName);
            ArgumentNullException.ThrowIfNull(families);
            var roms = new Dictionary<string, uint>(StringComparer.Ordinal);
            foreach (KeyValuePair<string, ulong> rom in romImages ?? Array.Empty<KeyValuePair<string, ulong>>())
            {
                if (rom.Value == 0 || rom.Value > uint.MaxValue || (rom.Value & (rom.Value - 1)) != 0)
                {
                    throw new ArgumentException("ROM image " + rom.Key + ": size " + rom.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) + " is not a power of two up to 2G");
                }
                roms[rom.Key] = (uint)rom.Value;
            }
            RomImages = roms;
            ProductName = productName;
            ProductVersion = productVersion;
            var all = new List<MachineType>();
            MachineType? first = null;
            foreach (MachineFamily family in families)
            {
                var deprecated = new HashSet<MachineVersion>(family.Deprecated ?? Array.Empty<MachineVersion>());
                MachineVersion[] versions = family.Versions;
                MachineVersion previous = default;
                for (int i = 0; i < versions.Length; i++)
                {
                    MachineVersion version = versions[i];
                    if (i > 0 && version <= previous) throw new ArgumentException("machine family " + family.Family + ": versions must be listed oldest first (" + version + ")");
                    if (version > ProductVersion) throw new ArgumentException("machine " + family.Family + "-" + version + " is newer than the product version " + ProductVersion);
                    previous = version;
                    bool newest = i == versions.Length - 1;
                    var aliases = newest && family.Alias is not null ? ImmutableArray.Create(family.Alias) : ImmutableArray<string>.Empty;
                    var machine = new MachineType(family.Family + "-" + version, family.Family, version, aliases, deprecated.Contains(version), family.PciExpress, family.Description);
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

    }
}
