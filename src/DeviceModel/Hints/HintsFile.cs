using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace DeviceModel.Hints
{
    /// <summary>
    /// A compat hints file: what a resolved configuration dumps so that a later product version reproduces the
    /// same guest-visible devices. One record per device (keyed by id, or PCI address), holding every
    /// guest-visible option. Binary format: <c>docs/hints-format.md</c>.
    /// </summary>
    public sealed class HintsFile
    {
        /// <summary>The format version this build writes. It reads every version from 1 up to this one.</summary>
        public const int CurrentFormatVersion = 2;

        /// <summary>Creates a hints file.</summary>
        public HintsFile(MachineVersion producerVersion, string machine, IEnumerable<HintsRecord> records, string? path = null, int formatVersion = CurrentFormatVersion)
            : this(producerVersion, machine, records.ToImmutableArray(), path, formatVersion)
        {
        }

        internal HintsFile(MachineVersion producerVersion, string machine, ImmutableArray<HintsRecord> records, string? path, int formatVersion)
        {
            ProducerVersion = producerVersion;
            Machine = machine;
            Records = records;
            Path = path;
            FormatVersion = formatVersion;
        }

        /// <summary>Format version of the file it was read from (writers always write <see cref="CurrentFormatVersion"/>).</summary>
        public int FormatVersion { get; }
        /// <summary>Version of the product that wrote the file: the version versioned defaults are taken at for recorded devices.</summary>
        public MachineVersion ProducerVersion { get; }
        /// <summary>The machine type the configuration ran on.</summary>
        public string Machine { get; }
        /// <summary>The records, in device order.</summary>
        public ImmutableArray<HintsRecord> Records { get; }
        /// <summary>Where the file was read from, for messages.</summary>
        public string? Path { get; }
    }

    /// <summary>One device's hints: its key (id or <c>addr:SS.F</c>), its driver and its option values.</summary>
    public sealed class HintsRecord
    {
        private static readonly Comparison<KeyValuePair<string, OptionValue>> ByName = (a, b) => string.CompareOrdinal(a.Key, b.Key);

        // A record is its shape (driver and option list, shared by every record of that shape: a v2 type-table entry)
        // and its values in the shape's order. Records from the reader and from a resolved machine are bound to the
        // catalog's DeviceInfo, so the resolver looks values up by option index; the name-sorted pairs of
        // Values are built only when asked for.
        private readonly OptionValue[]? _values; // null for a record built from pairs: its values are the pairs'
        private ImmutableArray<KeyValuePair<string, OptionValue>> _pairs;

        /// <summary>Creates a record.</summary>
        /// <exception cref="ArgumentException">An option appears twice.</exception>
        public HintsRecord(string key, string driver, IEnumerable<KeyValuePair<string, OptionValue>> values)
        {
            ArgumentNullException.ThrowIfNull(values);
            Key = key;
            Driver = driver;
            KeyValuePair<string, OptionValue>[] pairs = values is ICollection<KeyValuePair<string, OptionValue>> { Count: 0 } ? [] : [.. values];
            if (!IsSorted(pairs)) Array.Sort(pairs, ByName);
            for (int i = 1; i < pairs.Length; i++)
            {
                if (pairs[i - 1].Key == pairs[i].Key) throw new ArgumentException("option '" + pairs[i].Key + "' appears twice in the record of '" + key + "'");
            }
            _pairs = ImmutableCollectionsMarshal.AsImmutableArray(pairs);
            Shape = HintsShape.OfPairs(driver, pairs);
        }

        /// <summary>A record of <paramref name="shape"/> holding <paramref name="values"/> (owned, in the shape's order).</summary>
        internal HintsRecord(string key, HintsShape shape, OptionValue[] values)
        {
            Key = key;
            Driver = shape.Driver;
            Shape = shape;
            _values = values;
        }

        /// <summary>Device id, or <c>addr:SS.F</c>.</summary>
        public string Key { get; }
        /// <summary>The device type.</summary>
        public string Driver { get; }
        /// <summary>Option values, in ordinal order of names.</summary>
        public ImmutableArray<KeyValuePair<string, OptionValue>> Values
        {
            get
            {
                if (_pairs.IsDefault)
                {
                    var pairs = new KeyValuePair<string, OptionValue>[_values!.Length];
                    for (int i = 0; i < pairs.Length; i++) pairs[i] = new KeyValuePair<string, OptionValue>(Shape.Names[i], _values[i]);
                    if (!IsSorted(pairs)) Array.Sort(pairs, ByName);
                    _pairs = ImmutableCollectionsMarshal.AsImmutableArray(pairs);
                }
                return _pairs;
            }
        }

        internal HintsShape Shape { get; }

        /// <summary>The value at <paramref name="position"/> of <see cref="Shape"/>.</summary>
        internal OptionValue ValueAt(int position) => _values is null ? _pairs[position].Value : _values[position];

        /// <summary>The recorded value of an option, if any (no allocation).</summary>
        public bool TryGetValue(string option, out OptionValue value)
        {
            int position = Shape.PositionOf(option);
            value = position >= 0 ? ValueAt(position) : default;
            return position >= 0;
        }

        /// <summary>The recorded value of <paramref name="option"/>: by index when the record is bound to its device type, else by name.</summary>
        internal bool TryGetValue(OptionInfo option, out OptionValue value)
        {
            int position = ReferenceEquals(Shape.Info, option.Device) ? Shape.PositionOf(option.Index) : Shape.PositionOf(option.Name);
            value = position >= 0 ? ValueAt(position) : default;
            return position >= 0;
        }

        private static bool IsSorted(KeyValuePair<string, OptionValue>[] pairs)
        {
            for (int i = 1; i < pairs.Length; i++)
            {
                if (string.CompareOrdinal(pairs[i - 1].Key, pairs[i].Key) > 0) return false;
            }
            return true;
        }
    }

    /// <summary>
    /// The shape of hints records: a driver and its recorded options (name and kind), in record order. A format
    /// version 2 file stores each shape once, in its type table; records hold only values. Bound to the catalog's
    /// <see cref="DeviceInfo"/> when it comes from the catalog or was read against one.
    /// </summary>
    internal sealed class HintsShape
    {
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<DeviceInfo, HintsShape> FullShapes = new();

        private readonly int[]? _positionByIndex;
        private readonly int[]? _slots;
        private readonly bool _namesSorted;

        private HintsShape(string driver, DeviceInfo? info, string[] names, OptionKind[] kinds, int[]? indices, bool namesSorted)
        {
            Driver = driver;
            Info = info;
            Names = names;
            Kinds = kinds;
            Indices = indices;
            _namesSorted = namesSorted;
            if (info is not null && indices is not null)
            {
                _positionByIndex = new int[info.Options.Length];
                Array.Fill(_positionByIndex, -1);
                _slots = new int[indices.Length];
                for (int p = 0; p < indices.Length; p++)
                {
                    _positionByIndex[indices[p]] = p;
                    _slots[p] = info.SlotOf(indices[p]);
                }
            }
        }

        public string Driver { get; }
        public DeviceInfo? Info { get; }
        /// <summary>Option names, in record order.</summary>
        public string[] Names { get; }
        /// <summary>Option kinds, in record order.</summary>
        public OptionKind[] Kinds { get; }
        /// <summary>Option indices in <see cref="Info"/>, in record order (bound shapes only).</summary>
        public int[]? Indices { get; }
        public int Count => Names.Length;
        /// <summary>The slots of the options in the generated accessors of <see cref="Info"/>, in record order (bound shapes only).</summary>
        public ReadOnlySpan<int> Slots => _slots;

        /// <summary>Every guest-visible option of <paramref name="info"/> in declaration order: the shape of a resolved device (cached per type).</summary>
        public static HintsShape Full(DeviceInfo info) => FullShapes.GetValue(info, static info =>
        {
            int count = 0;
            foreach (OptionInfo option in info.Options) if (!option.HostOnly) count++;
            var names = new string[count];
            var kinds = new OptionKind[count];
            var indices = new int[count];
            int p = 0;
            foreach (OptionInfo option in info.Options)
            {
                if (option.HostOnly) continue;
                names[p] = option.Name;
                kinds[p] = option.Kind;
                indices[p++] = option.Index;
            }
            return new HintsShape(info.Name, info, names, kinds, indices, namesSorted: false);
        });

        /// <summary>A shape bound to <paramref name="info"/> holding the options at <paramref name="indices"/> (in record order).</summary>
        public static HintsShape Bound(DeviceInfo info, int[] indices)
        {
            var names = new string[indices.Length];
            var kinds = new OptionKind[indices.Length];
            for (int p = 0; p < indices.Length; p++)
            {
                OptionInfo option = info.Options[indices[p]];
                names[p] = option.Name;
                kinds[p] = option.Kind;
            }
            return new HintsShape(info.Name, info, names, kinds, indices, namesSorted: false);
        }

        /// <summary>The shape of a record built from name-sorted pairs (no catalog).</summary>
        public static HintsShape OfPairs(string driver, KeyValuePair<string, OptionValue>[] pairs)
        {
            var names = new string[pairs.Length];
            var kinds = new OptionKind[pairs.Length];
            for (int p = 0; p < pairs.Length; p++)
            {
                names[p] = pairs[p].Key;
                kinds[p] = pairs[p].Value.Kind;
            }
            return new HintsShape(driver, null, names, kinds, null, namesSorted: true);
        }

        public int PositionOf(int optionIndex) => _positionByIndex is not null && (uint)optionIndex < (uint)_positionByIndex.Length ? _positionByIndex[optionIndex] : -1;

        public int PositionOf(string name)
        {
            if (Info is not null)
            {
                int index = Info.IndexOf(name);
                return index < 0 ? -1 : PositionOf(index);
            }
            if (_namesSorted)
            {
                int low = 0, high = Names.Length - 1;
                while (low <= high)
                {
                    int middle = (low + high) >> 1;
                    int c = string.CompareOrdinal(Names[middle], name);
                    if (c == 0) return middle;
                    if (c < 0) low = middle + 1;
                    else high = middle - 1;
                }
                return -1;
            }
            return Array.IndexOf(Names, name);
        }

        /// <summary>Same driver and the same options (names and kinds) in the same order: one type-table entry.</summary>
        public bool SameAs(HintsShape other)
        {
            if (ReferenceEquals(this, other)) return true;
            if (Count != other.Count || !string.Equals(Driver, other.Driver, StringComparison.Ordinal)) return false;
            if (Info is not null && ReferenceEquals(Info, other.Info)) return Indices.AsSpan().SequenceEqual(other.Indices);
            if (!Kinds.AsSpan().SequenceEqual(other.Kinds)) return false;
            for (int p = 0; p < Names.Length; p++)
            {
                if (!string.Equals(Names[p], other.Names[p], StringComparison.Ordinal)) return false;
            }
            return true;
        }
    }
}
