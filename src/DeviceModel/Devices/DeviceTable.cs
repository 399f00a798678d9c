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
        /// <summary>Used by generated code.</summary>
        /// <param name="name">The option name.</param>
        /// <param name="kind">The value syntax.</param>
        /// <param name="description">One line of description.</param>
        public OptionRow(string name, OptionKind kind, string? description = null)
        {
            ArgumentNullException.ThrowIfNull(name);
            Name = name;
            Kind = kind;
            Description = description;
        }

        /// <summary>The option name.</summary>
        public string Name { get; }
        /// <summary>The value syntax.</summary>
        public OptionKind Kind { get; }
        /// <summary>One line of description.</summary>
        public string? Description { get; }
        /// <summary>Nullable, auto, host-only.</summary>
        public OptionFlags Flags { get; init; }
        /// <summary>The declared smallest value (integer bits), or null for the type's minimum.</summary>
        public ulong? Min { get; init; }
        /// <summary>The declared largest value (integer bits), or null for the type's maximum.</summary>
        public ulong? Max { get; init; }
        /// <summary>An enum option's value names in declaration order (aliases excluded).</summary>
        public string[]? Values { get; init; }
        /// <summary>The C# type when the kind and flags do not say it (enums, <c>uint</c> sizes).</summary>
        public string? ClrType { get; init; }
        /// <summary>The compat history, oldest <c>since</c> first.</summary>
        public CompatEntry[]? History { get; init; }
        /// <summary>The option's declarative rules, in declaration order.</summary>
        public OptionRuleAttribute[]? Rules { get; init; }
    }

    /// <summary>A history a type declares for an option it inherits: an overriding property's hints, or class-level hints.</summary>
    // Hidden from IntelliSense: only generated code builds it; it stays public because generated code in the product assembly must reach it.
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class HistoryRow
    {
        /// <summary>Used by generated code.</summary>
        /// <param name="option">The inherited option's name.</param>
        /// <param name="history">Its compat history for this type and its subtypes, oldest <c>since</c> first.</param>
        public HistoryRow(string option, CompatEntry[] history)
        {
            ArgumentNullException.ThrowIfNull(option);
            ArgumentNullException.ThrowIfNull(history);
            Option = option;
            History = history;
        }

        /// <summary>The inherited option's name.</summary>
        public string Option { get; }
        /// <summary>Its compat history for this type and its subtypes, oldest <c>since</c> first.</summary>
        public CompatEntry[] History { get; }
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
        public DeviceTable(DeviceTable? parent, string clrType, OptionRow[]? rows = null)
        {
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
        /// <summary>The slot of the first own row: the number of rows of the chain above.</summary>
        public int First { get; }
        /// <summary>The number of rows of the chain up to and including this table.</summary>
        public int Count { get; }
    }
}
