using System;
using System.ComponentModel;

namespace DeviceModel
{
    /// <summary>What an option row declares beyond its name, kind and description.</summary>
    [Flags]
    public enum OptionFlags : byte
    {
        /// <summary>Nothing.</summary>
        None = 0,
        /// <summary>The option may be unset (a nullable property).</summary>
        Nullable = 1,
        /// <summary>The option accepts <c>auto</c>, decided at realize time.</summary>
        Auto = 2,
        /// <summary>Host-side only: never guest-visible, never versioned, never in hints.</summary>
        HostOnly = 4,
        /// <summary><see cref="Nullable"/> and <see cref="Auto"/> (the usual pair: unset reads as auto).</summary>
        NullableAuto = Nullable | Auto,
        /// <summary><see cref="Nullable"/> and <see cref="HostOnly"/> (a backend id, a path).</summary>
        NullableHostOnly = Nullable | HostOnly,
    }

    /// <summary>
    /// One option a type declares, as the generator emits it: static data, every attribute string already parsed at build
    /// time (limits as numbers, versions as <see cref="MachineVersion"/>s). <see cref="DeviceInfo"/> composes the rows of a
    /// device type's table chain into its <see cref="OptionInfo"/>s.
    /// </summary>
    // Hidden from IntelliSense: only generated code builds rows; it stays public because generated code in the product assembly must reach it.
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class OptionRow
    {
        /// <summary>Used by generated code: an option whose kind its type's generated accessor says (see <see cref="Kind"/>).</summary>
        /// <param name="name">The option name.</param>
        public OptionRow(string name)
            : this(name, null, null, OptionFlags.None)
        {
        }

        /// <summary>Used by generated code: an option whose kind its type's generated accessor says (see <see cref="Kind"/>).</summary>
        /// <param name="name">The option name.</param>
        /// <param name="description">One line of description.</param>
        public OptionRow(string name, string? description)
            : this(name, null, description, OptionFlags.None)
        {
        }

        /// <summary>Used by generated code: an option whose kind its type's generated accessor says (see <see cref="Kind"/>).</summary>
        /// <param name="name">The option name.</param>
        /// <param name="description">One line of description.</param>
        /// <param name="flags">Nullable, auto, host-only.</param>
        public OptionRow(string name, string? description, OptionFlags flags)
            : this(name, null, description, flags)
        {
        }

        /// <summary>An option of <paramref name="kind"/> (a table written by hand).</summary>
        /// <param name="name">The option name.</param>
        /// <param name="kind">The value syntax.</param>
        /// <param name="description">One line of description.</param>
        /// <param name="flags">Nullable, auto, host-only.</param>
        public OptionRow(string name, OptionKind kind, string? description = null, OptionFlags flags = OptionFlags.None)
            : this(name, (OptionKind?)kind, description, flags)
        {
        }

        private OptionRow(string name, OptionKind? kind, string? description, OptionFlags flags)
        {
            ArgumentNullException.ThrowIfNull(name);
            Name = name;
            Kind = kind;
            Description = description;
            Flags = flags;
        }

        /// <summary>The option name.</summary>
        public string Name { get; }
        /// <summary>
        /// The value syntax, or null when the generated accessor says it: the value it reads converts from the property's
        /// C# type (or is a size or enum by name), so <see cref="DeviceInfo"/> takes the kind from a new device's default.
        /// </summary>
        public OptionKind? Kind { get; }
        /// <summary>One line of description.</summary>
        public string? Description { get; }
        /// <summary>Nullable, auto (implied by the <see cref="OptionKind.OnOffAuto"/> kind), host-only.</summary>
        public OptionFlags Flags { get; }
        /// <summary>The declared smallest value (integer bits), or null for the type's minimum.</summary>
        public ulong? Min { get; init; }
        /// <summary>The declared largest value (integer bits), or null for the type's maximum.</summary>
        public ulong? Max { get; init; }
        /// <summary>An enum option's value names in declaration order (aliases excluded).</summary>
        public string[]? Values { get; init; }
        /// <summary>The C# type when the kind and flags do not say it (enums, <c>uint</c> sizes).</summary>
        public string? ClrType { get; init; }
        /// <summary>The compat history, oldest <c>since</c> first, its values of this row's kind.</summary>
        public CompatRow[]? History { get; init; }
        /// <summary>The option's declarative rules, in declaration order.</summary>
        public OptionRuleAttribute[]? Rules { get; init; }

        private CompatEntry[]? _entries;

        /// <summary>The history as <see cref="CompatEntry"/>s of <paramref name="kind"/> (the row's), made once (a race makes equal arrays, either kept).</summary>
        internal CompatEntry[]? EntriesOf(OptionKind kind) => History is null ? null : _entries ??= CompatRow.ToEntries(History, this, kind);
    }

    /// <summary>
    /// One entry of a compat history as generated code writes it: the version as numbers, the value as the bits (or the
    /// text of a string) of its option's kind, which the option row supplies. An enum value is its ordinal, named by the
    /// row's <see cref="OptionRow.Values"/>.
    /// </summary>
    // Hidden from IntelliSense: only generated code builds it; it stays public because generated code in the product assembly must reach it.
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class CompatRow
    {
        private const byte StateValue = 0, StateNull = 1, StateAuto = 2;
        private readonly byte _state;

        private CompatRow(MachineVersion since, ulong bits, string? text, byte state, string? reason, string? family)
        {
            Since = since;
            Bits = bits;
            Text = text;
            _state = state;
            Reason = reason;
            Family = family;
        }

        /// <summary>Machines before <paramref name="major"/>.<paramref name="minor"/> keep the value with these bits.</summary>
        /// <param name="major">The major number of the first machine version with the newer value.</param>
        /// <param name="minor">Its minor number.</param>
        /// <param name="bits">The older value's bits (an enum's ordinal).</param>
        public CompatRow(int major, int minor, ulong bits)
            : this(major, minor, bits, null, null)
        {
        }

        /// <summary>Machines before <paramref name="major"/>.<paramref name="minor"/> keep the value with these bits.</summary>
        /// <param name="major">The major number of the first machine version with the newer value.</param>
        /// <param name="minor">Its minor number.</param>
        /// <param name="bits">The older value's bits (an enum's ordinal).</param>
        /// <param name="reason">Why the default changed.</param>
        public CompatRow(int major, int minor, ulong bits, string? reason)
            : this(major, minor, bits, reason, null)
        {
        }

        /// <summary>Machines before <paramref name="major"/>.<paramref name="minor"/> keep the value with these bits.</summary>
        /// <param name="major">The major number of the first machine version with the newer value.</param>
        /// <param name="minor">Its minor number.</param>
        /// <param name="bits">The older value's bits (an enum's ordinal).</param>
        /// <param name="reason">Why the default changed.</param>
        /// <param name="family">The machine family the entry is scoped to, or null for every family.</param>
        public CompatRow(int major, int minor, ulong bits, string? reason, string? family)
            : this(new MachineVersion(major, minor), bits, reason, family)
        {
        }

        /// <summary>Machines before <paramref name="major"/>.<paramref name="minor"/> keep this string.</summary>
        /// <param name="major">The major number of the first machine version with the newer value.</param>
        /// <param name="minor">Its minor number.</param>
        /// <param name="text">The older string value.</param>
        public CompatRow(int major, int minor, string text)
            : this(major, minor, text, null, null)
        {
        }

        /// <summary>Machines before <paramref name="major"/>.<paramref name="minor"/> keep this string.</summary>
        /// <param name="major">The major number of the first machine version with the newer value.</param>
        /// <param name="minor">Its minor number.</param>
        /// <param name="text">The older string value.</param>
        /// <param name="reason">Why the default changed.</param>
        public CompatRow(int major, int minor, string text, string? reason)
            : this(major, minor, text, reason, null)
        {
        }

        /// <summary>Machines before <paramref name="major"/>.<paramref name="minor"/> keep this string.</summary>
        /// <param name="major">The major number of the first machine version with the newer value.</param>
        /// <param name="minor">Its minor number.</param>
        /// <param name="text">The older string value.</param>
        /// <param name="reason">Why the default changed.</param>
        /// <param name="family">The machine family the entry is scoped to, or null for every family.</param>
        public CompatRow(int major, int minor, string text, string? reason, string? family)
            : this(new MachineVersion(major, minor), text, reason, family)
        {
        }

        /// <summary>Machines before <paramref name="since"/> keep the value with these bits.</summary>
        /// <param name="since">The first machine version with the newer value.</param>
        /// <param name="bits">The older value's bits (an enum's ordinal).</param>
        /// <param name="reason">Why the default changed.</param>
        /// <param name="family">The machine family the entry is scoped to, or null for every family.</param>
        public CompatRow(MachineVersion since, ulong bits, string? reason, string? family)
            : this(since, bits, null, StateValue, reason, family)
        {
        }

        /// <summary>Machines before <paramref name="since"/> keep this string.</summary>
        /// <param name="since">The first machine version with the newer value.</param>
        /// <param name="text">The older string value.</param>
        /// <param name="reason">Why the default changed.</param>
        /// <param name="family">The machine family the entry is scoped to, or null for every family.</param>
        public CompatRow(MachineVersion since, string text, string? reason, string? family)
            : this(since, 0, text ?? throw new ArgumentNullException(nameof(text)), StateValue, reason, family)
        {
        }

        /// <summary>Machines before <paramref name="since"/> keep the option unset.</summary>
        /// <param name="since">The first machine version with the newer value.</param>
        /// <param name="reason">Why the default changed.</param>
        /// <param name="family">The machine family the entry is scoped to, or null for every family.</param>
        public static CompatRow Null(MachineVersion since, string? reason, string? family) => new(since, 0, null, StateNull, reason, family);

        /// <summary>Machines before <paramref name="since"/> keep the option <c>auto</c>.</summary>
        /// <param name="since">The first machine version with the newer value.</param>
        /// <param name="reason">Why the default changed.</param>
        /// <param name="family">The machine family the entry is scoped to, or null for every family.</param>
        public static CompatRow Auto(MachineVersion since, string? reason, string? family) => new(since, 0, null, StateAuto, reason, family);

        /// <summary>The first machine version with the newer value.</summary>
        public MachineVersion Since { get; }
        /// <summary>The older value's bits (an enum's ordinal).</summary>
        public ulong Bits { get; }
        /// <summary>The older value of a string option.</summary>
        public string? Text { get; }
        /// <summary>Why the default changed, if the author said.</summary>
        public string? Reason { get; }
        /// <summary>The machine family the entry is scoped to, or null for every family.</summary>
        public string? Family { get; }

        /// <summary>The entry with its value of <paramref name="kind"/>, the kind of the option <paramref name="row"/> declares.</summary>
        /// <exception cref="ArgumentException">An enum ordinal that is not one of the row's values.</exception>
        public CompatEntry ToEntry(OptionRow row, OptionKind kind)
        {
            ArgumentNullException.ThrowIfNull(row);
            OptionValue value;
            if (_state == StateNull) value = OptionValue.Null(kind);
            else if (_state == StateAuto) value = OptionValue.AutoValue(kind);
            else
            {
                switch (kind)
                {
                    case OptionKind.String: value = OptionValue.FromString(Text); break;
                    case OptionKind.Enum:
                        string[] names = row.Values ?? Array.Empty<string>();
                        if (Bits >= (ulong)names.Length) throw new ArgumentException("compat history of option '" + row.Name + "': " + Bits + " is not one of its values", nameof(row));
                        value = OptionValue.FromEnum((int)Bits, names[(int)Bits]);
                        break;
                    case OptionKind.Bool: value = OptionValue.FromBool(Bits != 0); break;
                    default: value = OptionValue.FromInteger(kind, Bits); break;
                }
            }
            return new CompatEntry(Since, value, Reason, Family);
        }

        internal static CompatEntry[] ToEntries(CompatRow[] history, OptionRow row, OptionKind kind)
        {
            var entries = new CompatEntry[history.Length];
            for (int i = 0; i < history.Length; i++) entries[i] = history[i].ToEntry(row, kind);
            return entries;
        }
    }

    /// <summary>A history a type declares for an option it inherits: an overriding property's hints, or class-level hints.</summary>
    // Hidden from IntelliSense: only generated code builds it; it stays public because generated code in the product assembly must reach it.
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class HistoryRow
    {
        /// <summary>Used by generated code.</summary>
        /// <param name="option">The inherited option's name.</param>
        /// <param name="history">Its compat history for this type and its subtypes, oldest <c>since</c> first, its values of the option's kind.</param>
        public HistoryRow(string option, CompatRow[] history)
        {
            ArgumentNullException.ThrowIfNull(option);
            ArgumentNullException.ThrowIfNull(history);
            Option = option;
            History = history;
        }

        /// <summary>The inherited option's name.</summary>
        public string Option { get; }
        /// <summary>Its compat history for this type and its subtypes, oldest <c>since</c> first.</summary>
        public CompatRow[] History { get; }

        // One reference, so that a racing reader sees a whole pair (a race makes equal arrays, either kept).
        private Made? _entries;

        private sealed record Made(OptionRow Row, CompatEntry[] Entries);

        /// <summary>The history as <see cref="CompatEntry"/>s of the option <paramref name="row"/> declares, of <paramref name="kind"/>, made once per row.</summary>
        internal CompatEntry[] EntriesFor(OptionRow row, OptionKind kind)
        {
            if (_entries is { } made && ReferenceEquals(made.Row, row)) return made.Entries;
            CompatEntry[] entries = CompatRow.ToEntries(History, row, kind);
            _entries = new Made(row, entries);
            return entries;
        }
    }

    /// <summary>
    /// The generated table of one declaring type (a <c>[Device]</c> type, abstract or concrete, or a type recording the
    /// history of options it inherits): its own rows only, after its parent's. Option slots number the rows of the whole
    /// chain, the root's first; the generated option accessors of each type serve its own slots and defer the rest to the
    /// base type.
    /// </summary>
    // Hidden from IntelliSense: only generated code builds tables; it stays public because generated code in the product assembly must reach it.
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class DeviceTable
    {
        /// <summary>Used by generated code.</summary>
        /// <param name="parent">The nearest base type's table, or null.</param>
        /// <param name="clrType">The declaring type, fully qualified.</param>
        /// <param name="rows">The options the type declares, in declaration order.</param>
        public DeviceTable(DeviceTable? parent, string clrType, OptionRow[]? rows)
            : this(parent, clrType, null, null, rows)
        {
        }

        /// <summary>Used by generated code: the table of a type that declares no options.</summary>
        /// <param name="parent">The nearest base type's table, or null.</param>
        /// <param name="clrType">The declaring type, fully qualified.</param>
        public DeviceTable(DeviceTable? parent, string clrType)
            : this(parent, clrType, null, null, null)
        {
        }

        /// <summary>Used by generated code: the table of a <c>[Device]</c> type.</summary>
        /// <param name="parent">The nearest base type's table, or null.</param>
        /// <param name="clrType">The declaring type, fully qualified.</param>
        /// <param name="name">The device name.</param>
        /// <param name="description">One line of description.</param>
        /// <param name="rows">The options the type declares, in declaration order.</param>
        public DeviceTable(DeviceTable? parent, string clrType, string? name, string? description, OptionRow[]? rows)
        {
            Name = name;
            Description = description;
            ArgumentNullException.ThrowIfNull(clrType);
            Parent = parent;
            ClrType = clrType;
            Rows = rows ?? Array.Empty<OptionRow>();
            First = parent?.Count ?? 0;
            Count = First + Rows.Length;
        }

        /// <summary>The nearest base type's table, or null.</summary>
        public DeviceTable? Parent { get; }
        /// <summary>The declaring type, fully qualified.</summary>
        public string ClrType { get; }
        /// <summary>The device name of a <c>[Device]</c> type; null for a type that only records histories.</summary>
        public string? Name { get; init; }
        /// <summary>One line of description of a <c>[Device]</c> type.</summary>
        public string? Description { get; init; }
        /// <summary>The options the type declares.</summary>
        public OptionRow[] Rows { get; }
        /// <summary>Histories the type declares for inherited options.</summary>
        public HistoryRow[]? Histories { get; init; }
        /// <summary>The capabilities the type declares, in declaration order.</summary>
        public CapabilityInfo[]? Capabilities { get; init; }
        /// <summary>The type's declarative rules, in declaration order.</summary>
        public DeviceRuleAttribute[]? Rules { get; init; }

        /// <summary>
        /// The tables of the option groups the type includes (<see cref="IncludeOptionsAttribute"/>), in declaration order:
        /// their rows take the slots after the type's own rows, each group's after the previous group's.
        /// </summary>
        public DeviceTable[]? Groups
        {
            get => _groups;
            init
            {
                _groups = value;
                int count = First + Rows.Length;
                foreach (DeviceTable group in value ?? Array.Empty<DeviceTable>()) count += group.Count;
                Count = count;
            }
        }

        private readonly DeviceTable[]? _groups;

        /// <summary>
        /// Used by generated accessors: the row of group <paramref name="group"/>'s table at <paramref name="relative"/> (a
        /// slot minus <see cref="First"/>), or -1 when the slot is not one of that group's.
        /// </summary>
        public int GroupRow(int relative, int group)
        {
            int start = Rows.Length;
            DeviceTable[] groups = _groups!;
            for (int i = 0; i < group; i++) start += groups[i].Count;
            int row = relative - start;
            return row >= 0 && row < groups[group].Count ? row : -1;
        }
        /// <summary>The enum value at <paramref name="ordinal"/> of the values of own row <paramref name="row"/> (generated accessors).</summary>
        /// <exception cref="ArgumentOutOfRangeException">The ordinal is not one of the row's values (an undeclared member).</exception>
        public OptionValue EnumValue(int row, int ordinal) => OptionValue.FromEnumOrdinal(Rows[row], ordinal);

        /// <summary>The slot of the first own row: the number of rows of the chain above.</summary>
        public int First { get; }
        /// <summary>The number of rows of the chain up to and including this table.</summary>
        public int Count { get; private init; }
    }
}
