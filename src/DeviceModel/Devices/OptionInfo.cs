using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.ComponentModel;

namespace DeviceModel
{
    /// <summary>
    /// One entry of an option's compat history: machines before <see cref="Since"/> keep <see cref="Value"/> — machines
    /// of every family, or only those of <see cref="Family"/>.
    /// </summary>
    /// <param name="Since">The first machine version with the newer value.</param>
    /// <param name="Value">The value older machines keep.</param>
    /// <param name="Reason">Why the default changed, if the author said.</param>
    /// <param name="Family">The machine family the entry is scoped to, or null for every family.</param>
    public sealed record CompatEntry(MachineVersion Since, OptionValue Value, string? Reason = null, string? Family = null)
    {
        /// <summary>Whether the entry applies to machines of <paramref name="family"/> (null: family-less evaluation, which only global entries apply to).</summary>
        public bool AppliesTo(string? family) => Family is null || (family is not null && string.Equals(Family, family, StringComparison.Ordinal));

        /// <summary>The first machines with the newer value, for text: <c>6.2</c>, or <c>pc-q35-6.2</c> for a family-scoped entry.</summary>
        public string SinceText => Family is null ? Since.ToString() : Family + "-" + Since;
    }

    /// <summary>
    /// Generated metadata of one option of one device type: what the parsers, the compat engine, the hints
    /// file, the CLI and the docs know about it. Instances come only from generated code.
    /// </summary>
    public sealed class OptionInfo
    {
        private readonly string[] _enumNames;
        private readonly bool _signed;

        /// <summary>An option of a device type: a generated row, as composed by <see cref="DeviceInfo"/>.</summary>
        /// <param name="index">Its position in <see cref="DeviceInfo.Options"/>.</param>
        /// <param name="row">The generated row.</param>
        /// <param name="declaringType">The C# type that declares the property.</param>
        /// <param name="history">The history that applies to the device type (the nearest declaration's), oldest first.</param>
        /// <exception cref="ArgumentException">The row does not say its kind (a generated row: <see cref="DeviceInfo"/> composes those).</exception>
        // Hidden from IntelliSense: DeviceInfo composes options from generated rows; it stays public for tools that build catalogs by hand.
        [EditorBrowsable(EditorBrowsableState.Never)]
        public OptionInfo(int index, OptionRow row, string declaringType, CompatEntry[]? history)
            : this(index, row, (row ?? throw new ArgumentNullException(nameof(row))).Kind ?? throw new ArgumentException("the row of option '" + row.Name + "' does not say its kind", nameof(row)), declaringType, history)
        {
        }

        /// <summary>An option of <paramref name="kind"/>: the row's, or the generated accessor's.</summary>
        internal OptionInfo(int index, OptionRow row, OptionKind kind, string declaringType, CompatEntry[]? history)
        {
            Index = index;
            Name = row.Name;
            Kind = kind;
            IsNullable = (row.Flags & OptionFlags.Nullable) != 0;
            ClrType = (row.ClrType ?? ClrTypeOf(kind)) + (IsNullable ? "?" : "");
            DeclaringType = declaringType;
            Description = row.Description;
            HostOnly = (row.Flags & OptionFlags.HostOnly) != 0;
            IsAuto = (row.Flags & OptionFlags.Auto) != 0 || kind == OptionKind.OnOffAuto; // an OnOffAuto option always accepts auto
            _enumNames = row.Values ?? Array.Empty<string>();
            Min = row.Min ?? TypeMin;
            Max = row.Max ?? ValueSyntax.MaxOf(Kind);
            _signed = ValueSyntax.IsSigned(Kind);
            History = history is null ? ImmutableArray<CompatEntry>.Empty : ImmutableArray.Create(history);
            Rules = row.Rules is null ? ImmutableArray<OptionRuleAttribute>.Empty : ImmutableArray.Create(row.Rules);
        }

        /// <summary>The option's declarative rules (<see cref="OptionRuleAttribute"/>), in declaration order.</summary>
        public ImmutableArray<OptionRuleAttribute> Rules { get; }

        /// <summary>Position of the option in <see cref="DeviceInfo.Options"/> (ordinal order of names).</summary>
        public int Index { get; }
        /// <summary>The option name.</summary>
        public string Name { get; }
        /// <summary>The value syntax.</summary>
        public OptionKind Kind { get; }
        /// <summary>The C# type of the property, for docs.</summary>
        public string ClrType { get; }
        /// <summary>The C# type that declares the property (a base type for inherited options).</summary>
        public string DeclaringType { get; }
        /// <summary>One line of description.</summary>
        public string? Description { get; }
        /// <summary>Host-side only: never guest-visible, never versioned, never in hints.</summary>
        public bool HostOnly { get; }
        /// <summary>Whether the option may be unset.</summary>
        public bool IsNullable { get; }
        /// <summary>Whether the option accepts <c>auto</c>, decided at realize time.</summary>
        public bool IsAuto { get; }
        /// <summary>Smallest accepted integer value (bits), or the type's minimum.</summary>
        public ulong Min { get; }
        /// <summary>Largest accepted integer value (bits), or the type's maximum.</summary>
        public ulong Max { get; }
        /// <summary>Whether a limit narrower than the type's range was declared.</summary>
        public bool HasLimits => ValueSyntax.IsInteger(Kind) && (Min != TypeMin || Max != ValueSyntax.MaxOf(Kind));
        /// <summary>The kebab-case member names of an enum option, in declaration order.</summary>
        public ReadOnlySpan<string> EnumNames => _enumNames;
        /// <summary>Compat history, oldest <c>since</c> first (entries of one version: the family-less one first, then by family, ordinally).</summary>
        public ImmutableArray<CompatEntry> History { get; }
        /// <summary>The newest-machine default: set by the catalog from a freshly constructed device.</summary>
        public OptionValue Default { get; internal set; }
        /// <summary>The device type that owns this entry.</summary>
        public DeviceInfo Device { get; internal init; } = null!;
        /// <summary>Its slot in the generated accessors of the device type (see <see cref="DeviceTable"/>).</summary>
        internal int Slot { get; init; }

        /// <summary>Whether the option is guest-visible (so versioned and recorded in hints).</summary>
        public bool IsGuestVisible => !HostOnly;

        private ulong TypeMin => unchecked((ulong)ValueSyntax.MinOf(Kind));

        /// <summary>
        /// The default of family-less evaluation at <paramref name="version"/>: only the history entries without a
        /// family apply (see <see cref="DefaultFor(MachineVersion, string?)"/>). Allocation-free.
        /// </summary>
        public OptionValue DefaultFor(MachineVersion version) => DefaultFor(version, null);

        /// <summary>The default for <paramref name="machine"/>: evaluated at its version, for its family. Allocation-free.</summary>
        public OptionValue DefaultFor(MachineType machine)
        {
            ArgumentNullException.ThrowIfNull(machine);
            return DefaultFor(machine.Version, machine.Family);
        }

        /// <summary>
        /// The default for a machine of <paramref name="version"/> and <paramref name="family"/> (null: family-less):
        /// the value of the history entry <see cref="HistoryIndexFor"/> selects, else <see cref="Default"/>. Allocation-free.
        /// </summary>
        public OptionValue DefaultFor(MachineVersion version, string? family)
        {
            int index = HistoryIndexFor(version, family);
            return index < 0 ? Default : History[index].Value;
        }

        /// <summary>
        /// The one compat evaluation: the index in <see cref="History"/> of the oldest entry that applies to
        /// <paramref name="family"/> (an entry without a family, or one of that family) and whose <c>since</c> is
        /// newer than <paramref name="version"/>; -1 when none does (the machine gets <see cref="Default"/>).
        /// </summary>
        public int HistoryIndexFor(MachineVersion version, string? family)
        {
            ImmutableArray<CompatEntry> history = History;
            for (int i = 0; i < history.Length; i++)
            {
                if (version < history[i].Since && history[i].AppliesTo(family)) return i;
            }
            return -1;
        }

        /// <summary>The expected form of a value, for error messages.</summary>
        public string Expected
        {
            get
            {
                if (Kind == OptionKind.Enum) return "one of " + string.Join(", ", _enumNames);
                string expected = ValueSyntax.Expected(Kind);
                if (HasLimits)
                {
                    expected = "a " + ValueSyntax.TypeName(Kind) + " value from " + FormatBits(Min) + " to " + FormatBits(Max);
                }
                return IsAuto && Kind != OptionKind.OnOffAuto ? expected + ", or auto" : expected;
            }
        }

        /// <summary>Parses <paramref name="text"/> as a value of this option, with the option's limits.</summary>
        public ValueParseError TryParse(ReadOnlySpan<char> text, out OptionValue value)
        {
            // Every kind but text is 64 bits, made into a value once at the end; the parsers read every key of their
            // input through here, so the rare cases (text, "auto") are out of the way.
            OptionKind kind = Kind;
            ulong bits;
            ValueParseError error;
            switch (kind)
            {
                case OptionKind.Bool:
                    error = ValueSyntax.ParseBool(text, out bool b);
                    bits = b ? 1UL : 0UL;
                    break;
                case OptionKind.OnOffAuto:
                    error = ValueSyntax.ParseOnOffAuto(text, out int ooa);
                    bits = (ulong)ooa;
                    break;
                case OptionKind.MacAddress:
                    error = ValueSyntax.ParseMac(text, out bits);
                    break;
                case OptionKind.PciAddress:
                    error = ValueSyntax.ParsePciAddress(text, out int devfn);
                    bits = (ulong)devfn;
                    break;
                case OptionKind.String:
                case OptionKind.Enum:
                    return TryParseText(text, out value);
                case OptionKind.Size:
                    error = ValueSyntax.ParseSize(text, out bits);
                    if (error == ValueParseError.None) error = CheckRange(bits);
                    break;
                default:
                    error = ValueSyntax.ParseInteger(text, kind, out bits);
                    if (error == ValueParseError.None) error = CheckRange(bits);
                    break;
            }
            if (error != ValueParseError.None)
            {
                // "auto" is no value of these kinds (OnOffAuto has it among its own): looked for only when the text is not one.
                if (IsAuto && kind != OptionKind.OnOffAuto && text.SequenceEqual("auto"))
                {
                    value = OptionValue.AutoValue(kind);
                    return ValueParseError.None;
                }
                value = default;
                return error;
            }
            value = OptionValue.FromInteger(kind, bits);
            return ValueParseError.None;
        }

        private ValueParseError TryParseText(ReadOnlySpan<char> text, out OptionValue value)
        {
            if (IsAuto && text.SequenceEqual("auto"))
            {
                value = OptionValue.AutoValue(Kind);
                return ValueParseError.None;
            }
            if (Kind == OptionKind.String)
            {
                value = OptionValue.FromString(text.ToString());
                return ValueParseError.None;
            }
            ValueParseError error = ValueSyntax.ParseEnum(text, _enumNames, out int ordinal);
            value = error == ValueParseError.None ? OptionValue.FromEnum(ordinal, _enumNames[ordinal]) : default;
            return error;
        }

        /// <summary>Integer bits against the option's limits (which lie within the type's range).</summary>
        private ValueParseError CheckRange(ulong bits) =>
            (_signed ? unchecked((long)bits) < unchecked((long)Min) || unchecked((long)bits) > unchecked((long)Max) : bits < Min || bits > Max)
                ? ValueParseError.OutOfRange : ValueParseError.None;

        /// <summary>Checks integer bits against the type's range and the option's limits.</summary>
        public ValueParseError CheckInteger(ulong bits, out OptionValue value)
        {
            ValueParseError error = CheckRange(bits);
            value = error == ValueParseError.None ? OptionValue.FromInteger(Kind, bits) : default;
            return error;
        }

        /// <summary>Whether <paramref name="value"/> can be stored in this option.</summary>
        public bool Accepts(in OptionValue value)
        {
            if (value.Kind != Kind) return false;
            if (value.IsNull) return IsNullable;
            if (value.IsAuto && Kind != OptionKind.OnOffAuto) return IsAuto;
            if (ValueSyntax.IsInteger(Kind)) return CheckInteger(value.Bits, out _) == ValueParseError.None;
            if (Kind == OptionKind.Enum) return value.Bits < (ulong)_enumNames.Length && value.Text == _enumNames[(int)value.Bits];
            return true;
        }

        private string FormatBits(ulong bits) => ValueSyntax.FormatInteger(bits, Kind);

        /// <summary>The C# type of a kind's property (an enum's, or a uint size's, comes with its row).</summary>
        private static string ClrTypeOf(OptionKind kind) => kind switch
        {
            OptionKind.Bool => "bool",
            OptionKind.Int8 => "sbyte",
            OptionKind.UInt8 => "byte",
            OptionKind.Int16 => "short",
            OptionKind.UInt16 => "ushort",
            OptionKind.Int32 => "int",
            OptionKind.UInt32 => "uint",
            OptionKind.Int64 => "long",
            OptionKind.UInt64 or OptionKind.Size => "ulong",
            OptionKind.OnOffAuto => "DeviceModel.OnOffAuto",
            OptionKind.MacAddress => "DeviceModel.MacAddress",
            OptionKind.PciAddress => "DeviceModel.PciAddress",
            OptionKind.String => "string",
            _ => "enum",
        };

        /// <inheritdoc/>
        public override string ToString() => Name + "=<" + ValueSyntax.TypeName(Kind) + ">";
    }
}
