using System;

namespace DeviceModel
{
    /// <summary>
    /// A type-erased option value: the common currency of the catalog, the compat engine and the hints file.
    /// Integers (and sizes, bools, OnOffAuto, MAC, PCI addresses, enum ordinals) are stored as 64 bits;
    /// strings and enum names as text. A value may also be "unset" (a nullable option without a value)
    /// or "auto" (decided at realize time).
    /// </summary>
    public readonly struct OptionValue : IEquatable<OptionValue>
    {
        private const byte StateValue = 0, StateNull = 1, StateAuto = 2;
        private readonly ulong _bits;
        private readonly string? _text;
        private readonly byte _state;

        private OptionValue(OptionKind kind, ulong bits, string? text, byte state)
        {
            Kind = kind;
            _bits = bits;
            _text = text;
            _state = state;
        }

        /// <summary>The value's kind.</summary>
        public OptionKind Kind { get; }
        /// <summary>Whether the option has no value (a nullable option left unset).</summary>
        public bool IsNull => _state == StateNull;
        /// <summary>Whether the value is "auto", to be decided at realize time.</summary>
        public bool IsAuto => _state == StateAuto || (Kind == OptionKind.OnOffAuto && _state == StateValue && _bits == ValueSyntax.Auto);
        /// <summary>The 64 bits of an integer-like value (two's complement for signed kinds).</summary>
        public ulong Bits => _bits;
        /// <summary>The value as a signed integer.</summary>
        public long Int64 => unchecked((long)_bits);
        /// <summary>The value as a bool.</summary>
        public bool Bool => _bits != 0;
        /// <summary>The text of a string value or the name of an enum member.</summary>
        public string? Text => _text;

        /// <summary>A bool.</summary>
        public static OptionValue FromBool(bool value) => new(OptionKind.Bool, value ? 1UL : 0UL, null, StateValue);
        /// <summary>An integer or size of <paramref name="kind"/> from its 64-bit pattern.</summary>
        public static OptionValue FromInteger(OptionKind kind, ulong bits) => new(kind, bits, null, StateValue);
        /// <summary>A signed integer.</summary>
        public static OptionValue FromInt64(OptionKind kind, long value) => new(kind, unchecked((ulong)value), null, StateValue);
        /// <summary>An <c>OnOffAuto</c> value.</summary>
        public static OptionValue FromOnOffAuto(OnOffAuto value) => new(OptionKind.OnOffAuto, (ulong)value, null, StateValue);
        /// <summary>A MAC address.</summary>
        public static OptionValue FromMac(MacAddress value) => new(OptionKind.MacAddress, value.Value, null, StateValue);
        /// <summary>A PCI address.</summary>
        public static OptionValue FromPciAddress(PciAddress value) => new(OptionKind.PciAddress, (ulong)value.DevFn, null, StateValue);
        /// <summary>A string; null gives the unset value.</summary>
        public static OptionValue FromString(string? value) => value is null ? Null(OptionKind.String) : new(OptionKind.String, 0, value, StateValue);
        /// <summary>An enum member by ordinal and kebab-case name.</summary>
        public static OptionValue FromEnum(int ordinal, string name) => new(OptionKind.Enum, (ulong)ordinal, name, StateValue);
        /// <summary>The enum value at <paramref name="ordinal"/> of <paramref name="row"/>'s value names (used by generated code).</summary>
        /// <exception cref="ArgumentOutOfRangeException">The ordinal is not one of the row's values (an undeclared member).</exception>
        [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
        public static OptionValue FromEnumOrdinal(OptionRow row, int ordinal)
        {
            ArgumentNullException.ThrowIfNull(row);
            string[] names = row.Values ?? Array.Empty<string>();
            if ((uint)ordinal >= (uint)names.Length) throw new ArgumentOutOfRangeException(nameof(ordinal), ordinal, "not a declared member of option '" + row.Name + "'");
            return FromEnum(ordinal, names[ordinal]);
        }
        /// <summary>A size option's value (generated accessors).</summary>
        [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
        public static OptionValue Size(ulong value) => FromInteger(OptionKind.Size, value);

        // Implicit conversions: a generated option accessor returns its property and the conversion picks the kind (a size or
        // an enum option is wrapped explicitly, Size and FromEnumOrdinal: its C# type does not say its kind).
        /// <summary>A bool option's value (generated accessors).</summary>
        public static implicit operator OptionValue(bool value) => FromBool(value);
        /// <summary>An int8 option's value (generated accessors).</summary>
        public static implicit operator OptionValue(sbyte value) => FromInt64(OptionKind.Int8, value);
        /// <summary>An uint8 option's value (generated accessors).</summary>
        public static implicit operator OptionValue(byte value) => FromInteger(OptionKind.UInt8, value);
        /// <summary>An int16 option's value (generated accessors).</summary>
        public static implicit operator OptionValue(short value) => FromInt64(OptionKind.Int16, value);
        /// <summary>An uint16 option's value (generated accessors).</summary>
        public static implicit operator OptionValue(ushort value) => FromInteger(OptionKind.UInt16, value);
        /// <summary>An int32 option's value (generated accessors).</summary>
        public static implicit operator OptionValue(int value) => FromInt64(OptionKind.Int32, value);
        /// <summary>An uint32 option's value (generated accessors).</summary>
        public static implicit operator OptionValue(uint value) => FromInteger(OptionKind.UInt32, value);
        /// <summary>An int64 option's value (generated accessors).</summary>
        public static implicit operator OptionValue(long value) => FromInt64(OptionKind.Int64, value);
        /// <summary>An uint64 option's value (generated accessors).</summary>
        public static implicit operator OptionValue(ulong value) => FromInteger(OptionKind.UInt64, value);
        /// <summary>An OnOffAuto option's value (generated accessors).</summary>
        public static implicit operator OptionValue(OnOffAuto value) => FromOnOffAuto(value);
        /// <summary>An MAC address option's value (generated accessors).</summary>
        public static implicit operator OptionValue(MacAddress value) => FromMac(value);
        /// <summary>A PCI address option's value (generated accessors).</summary>
        public static implicit operator OptionValue(PciAddress value) => FromPciAddress(value);
        /// <summary>A nullable bool option's value: unset when null (generated accessors).</summary>
        public static implicit operator OptionValue(bool? value) => value is { } v ? v : Null(OptionKind.Bool);
        /// <summary>A nullable int8 option's value: unset when null (generated accessors).</summary>
        public static implicit operator OptionValue(sbyte? value) => value is { } v ? v : Null(OptionKind.Int8);
        /// <summary>A nullable uint8 option's value: unset when null (generated accessors).</summary>
        public static implicit operator OptionValue(byte? value) => value is { } v ? v : Null(OptionKind.UInt8);
        /// <summary>A nullable int16 option's value: unset when null (generated accessors).</summary>
        public static implicit operator OptionValue(short? value) => value is { } v ? v : Null(OptionKind.Int16);
        /// <summary>A nullable uint16 option's value: unset when null (generated accessors).</summary>
        public static implicit operator OptionValue(ushort? value) => value is { } v ? v : Null(OptionKind.UInt16);
        /// <summary>A nullable int32 option's value: unset when null (generated accessors).</summary>
        public static implicit operator OptionValue(int? value) => value is { } v ? v : Null(OptionKind.Int32);
        /// <summary>A nullable uint32 option's value: unset when null (generated accessors).</summary>
        public static implicit operator OptionValue(uint? value) => value is { } v ? v : Null(OptionKind.UInt32);
        /// <summary>A nullable int64 option's value: unset when null (generated accessors).</summary>
        public static implicit operator OptionValue(long? value) => value is { } v ? v : Null(OptionKind.Int64);
        /// <summary>A nullable uint64 option's value: unset when null (generated accessors).</summary>
        public static implicit operator OptionValue(ulong? value) => value is { } v ? v : Null(OptionKind.UInt64);
        /// <summary>A nullable OnOffAuto option's value: unset when null (generated accessors).</summary>
        public static implicit operator OptionValue(OnOffAuto? value) => value is { } v ? v : Null(OptionKind.OnOffAuto);
        /// <summary>A nullable MAC address option's value: unset when null (generated accessors).</summary>
        public static implicit operator OptionValue(MacAddress? value) => value is { } v ? v : Null(OptionKind.MacAddress);
        /// <summary>A nullable PCI address option's value: unset when null (generated accessors).</summary>
        public static implicit operator OptionValue(PciAddress? value) => value is { } v ? v : Null(OptionKind.PciAddress);
        /// <summary>A string option's value; null is unset (generated accessors; same as <see cref="FromString"/>).</summary>
        public static implicit operator OptionValue(string? value) => FromString(value);
        /// <summary>The value of a nullable option that accepts <c>auto</c>: its unset value reads as auto (generated accessors).</summary>
        [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
        public static OptionValue OrAuto(OptionValue value) => value.IsNull ? AutoValue(value.Kind) : value;

        /// <summary>The integer value as <typeparamref name="T"/>, truncating the 64-bit pattern (generated accessors; the value was validated when stored).</summary>
        [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
        public T As<T>() where T : System.Numerics.IBinaryInteger<T> => T.CreateTruncating(_bits);
        /// <summary>As <see cref="As{T}"/>, or null when the value is unset or auto (generated accessors).</summary>
        [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
        public T? AsOrNull<T>() where T : struct, System.Numerics.IBinaryInteger<T> => IsNull || IsAuto ? null : T.CreateTruncating(_bits);
        /// <summary>The MAC address, or null when unset or auto (generated accessors).</summary>
        [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
        public MacAddress? AsMacOrNull() => IsNull || IsAuto ? null : AsMac();
        /// <summary>The PCI address, or null when unset or auto (generated accessors).</summary>
        [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
        public PciAddress? AsPciAddressOrNull() => IsNull || IsAuto ? null : AsPciAddress();

        /// <summary>The unset value of a nullable option.</summary>
        public static OptionValue Null(OptionKind kind) => new(kind, 0, null, StateNull);
        /// <summary>The "auto" value of an option decided at realize time.</summary>
        public static OptionValue AutoValue(OptionKind kind) =>
            kind == OptionKind.OnOffAuto ? new(kind, ValueSyntax.Auto, null, StateValue) : new(kind, 0, null, StateAuto);

        /// <summary>The value as an <see cref="DeviceModel.OnOffAuto"/>.</summary>
        public OnOffAuto AsOnOffAuto() => (OnOffAuto)_bits;
        /// <summary>The value as a MAC address.</summary>
        public MacAddress AsMac() => new(_bits);
        /// <summary>The value as a PCI address.</summary>
        public PciAddress AsPciAddress() => PciAddress.FromDevFn((int)_bits);

        /// <summary>The value in the value syntax (<c>on</c>, <c>0x10</c> as <c>16</c>, <c>256k</c>, …); empty when unset.</summary>
        public override string ToString()
        {
            if (_state == StateNull) return "";
            if (_state == StateAuto) return "auto";
            switch (Kind)
            {
                case OptionKind.Bool: return ValueSyntax.FormatBool(_bits != 0);
                case OptionKind.OnOffAuto: return ValueSyntax.FormatOnOffAuto((int)_bits);
                case OptionKind.MacAddress: return ValueSyntax.FormatMac(_bits);
                case OptionKind.PciAddress: return ValueSyntax.FormatPciAddress((int)_bits);
                case OptionKind.String: return _text ?? "";
                case OptionKind.Enum: return _text ?? "";
                default: return ValueSyntax.FormatInteger(_bits, Kind);
            }
        }

        /// <inheritdoc/>
        public bool Equals(OptionValue other) =>
            Kind == other.Kind && _state == other._state && _bits == other._bits && string.Equals(_text, other._text, StringComparison.Ordinal);
        /// <inheritdoc/>
        public override bool Equals(object? obj) => obj is OptionValue other && Equals(other);
        /// <inheritdoc/>
        public override int GetHashCode() => HashCode.Combine(Kind, _state, _bits, _text is null ? 0 : StringComparer.Ordinal.GetHashCode(_text));
        /// <summary>Equality.</summary>
        public static bool operator ==(OptionValue a, OptionValue b) => a.Equals(b);
        /// <summary>Inequality.</summary>
        public static bool operator !=(OptionValue a, OptionValue b) => !a.Equals(b);
    }

    /// <summary>QEMU's <c>OnOffAuto</c>, numbered as QEMU numbers it.</summary>
    public enum OnOffAuto
    {
        /// <summary>Decided at realize time.</summary>
        Auto = 0,
        /// <summary>On.</summary>
        On = 1,
        /// <summary>Off.</summary>
        Off = 2,
    }

    /// <summary>A 48-bit Ethernet MAC address.</summary>
    public readonly record struct MacAddress(ulong Value)
    {
        /// <summary>Parses <c>xx:xx:xx:xx:xx:xx</c>.</summary>
        public static MacAddress Parse(string text) =>
            ValueSyntax.ParseMac(text, out ulong value) == ValueParseError.None ? new MacAddress(value) : throw new FormatException("'" + text + "' is not " + ValueSyntax.Expected(OptionKind.MacAddress));
        /// <summary>The address as <c>xx:xx:xx:xx:xx:xx</c>.</summary>
        public override string ToString() => ValueSyntax.FormatMac(Value);
    }

    /// <summary>A PCI slot and function on a bus.</summary>
    public readonly record struct PciAddress(int Slot, int Function)
    {
        /// <summary>slot &lt;&lt; 3 | function, as QEMU's <c>addr</c> property stores it.</summary>
        public int DevFn => Slot << 3 | Function;
        /// <summary>The address of a devfn.</summary>
        public static PciAddress FromDevFn(int devfn) => new(devfn >> 3, devfn & 7);
        /// <summary>Parses <c>slot[.fn]</c> in hex.</summary>
        public static PciAddress Parse(string text) =>
            ValueSyntax.ParsePciAddress(text, out int devfn) == ValueParseError.None ? FromDevFn(devfn) : throw new FormatException("'" + text + "' is not " + ValueSyntax.Expected(OptionKind.PciAddress));
        /// <summary>The address as QEMU prints it: <c>03.0</c>.</summary>
        public override string ToString() => ValueSyntax.FormatPciAddress(DevFn);
    }
}
