using System.ComponentModel;

namespace DeviceModel
{
    /// <summary>
    /// The value a generated option accessor stores in its property (see <see cref="Device.AccessOption"/>): an
    /// <see cref="OptionValue"/> already validated against the option, converting implicitly to the property's C# type, so
    /// that an accessor arm reads <c>set ? P = value : P</c>. Integers truncate the validated 64-bit pattern; a nullable
    /// type receives null for the unset and the auto value, as the <c>As…OrNull</c> methods of <see cref="OptionValue"/> do.
    /// </summary>
    // Hidden from IntelliSense, and its own type: the implicit conversions out of a value serve generated code only.
    [EditorBrowsable(EditorBrowsableState.Never)]
    public readonly struct OptionAssignment
    {
        /// <summary>The value to store.</summary>
        /// <param name="value">A value validated against the option.</param>
        public OptionAssignment(in OptionValue value) => _value = value;

        // The conversions take the assignment by reference and read the value's fields in place: a generated accessor inlines
        // one per arm, and a copy of the value per arm (it holds a reference) would be a slot its frame zeroes on every call.
        private readonly OptionValue _value;

        /// <summary>The value to store.</summary>
        public OptionValue Value => _value;
        /// <summary>The 64 bits of the value (an enum's ordinal).</summary>
        public ulong Bits => _value.Bits;
        /// <summary>The text of a string value.</summary>
        public string? Text => _value.Text;
        /// <summary>Whether the value is unset or auto: a nullable property receives null.</summary>
        public bool IsNullOrAuto => _value.IsNull || _value.IsAuto;

        /// <summary>A bool.</summary>
        public static implicit operator bool(in OptionAssignment value) => value._value.Bool;
        /// <summary>A nullable bool: null when unset or auto.</summary>
        public static implicit operator bool?(in OptionAssignment value) => value.IsNullOrAuto ? null : value._value.Bool;
        /// <summary>An integer of type <c>sbyte</c>.</summary>
        public static implicit operator sbyte(in OptionAssignment value) => unchecked((sbyte)value._value.Bits);
        /// <summary>A nullable integer of type <c>sbyte</c>: null when unset or auto.</summary>
        public static implicit operator sbyte?(in OptionAssignment value) => value.IsNullOrAuto ? null : unchecked((sbyte)value._value.Bits);
        /// <summary>An integer of type <c>byte</c>.</summary>
        public static implicit operator byte(in OptionAssignment value) => unchecked((byte)value._value.Bits);
        /// <summary>A nullable integer of type <c>byte</c>: null when unset or auto.</summary>
        public static implicit operator byte?(in OptionAssignment value) => value.IsNullOrAuto ? null : unchecked((byte)value._value.Bits);
        /// <summary>An integer of type <c>short</c>.</summary>
        public static implicit operator short(in OptionAssignment value) => unchecked((short)value._value.Bits);
        /// <summary>A nullable integer of type <c>short</c>: null when unset or auto.</summary>
        public static implicit operator short?(in OptionAssignment value) => value.IsNullOrAuto ? null : unchecked((short)value._value.Bits);
        /// <summary>An integer of type <c>ushort</c>.</summary>
        public static implicit operator ushort(in OptionAssignment value) => unchecked((ushort)value._value.Bits);
        /// <summary>A nullable integer of type <c>ushort</c>: null when unset or auto.</summary>
        public static implicit operator ushort?(in OptionAssignment value) => value.IsNullOrAuto ? null : unchecked((ushort)value._value.Bits);
        /// <summary>An integer of type <c>int</c>.</summary>
        public static implicit operator int(in OptionAssignment value) => unchecked((int)value._value.Bits);
        /// <summary>A nullable integer of type <c>int</c>: null when unset or auto.</summary>
        public static implicit operator int?(in OptionAssignment value) => value.IsNullOrAuto ? null : unchecked((int)value._value.Bits);
        /// <summary>An integer of type <c>uint</c>.</summary>
        public static implicit operator uint(in OptionAssignment value) => unchecked((uint)value._value.Bits);
        /// <summary>A nullable integer of type <c>uint</c>: null when unset or auto.</summary>
        public static implicit operator uint?(in OptionAssignment value) => value.IsNullOrAuto ? null : unchecked((uint)value._value.Bits);
        /// <summary>An integer of type <c>long</c>.</summary>
        public static implicit operator long(in OptionAssignment value) => unchecked((long)value._value.Bits);
        /// <summary>A nullable integer of type <c>long</c>: null when unset or auto.</summary>
        public static implicit operator long?(in OptionAssignment value) => value.IsNullOrAuto ? null : unchecked((long)value._value.Bits);
        /// <summary>An integer of type <c>ulong</c>.</summary>
        public static implicit operator ulong(in OptionAssignment value) => unchecked((ulong)value._value.Bits);
        /// <summary>A nullable integer of type <c>ulong</c>: null when unset or auto.</summary>
        public static implicit operator ulong?(in OptionAssignment value) => value.IsNullOrAuto ? null : unchecked((ulong)value._value.Bits);
        /// <summary>An <see cref="DeviceModel.OnOffAuto"/>.</summary>
        public static implicit operator OnOffAuto(in OptionAssignment value) => value._value.AsOnOffAuto();
        /// <summary>A nullable <see cref="DeviceModel.OnOffAuto"/>: its bits, as for the non-nullable type (auto is a value of the kind).</summary>
        public static implicit operator OnOffAuto?(in OptionAssignment value) => value._value.AsOnOffAuto();
        /// <summary>A MAC address.</summary>
        public static implicit operator MacAddress(in OptionAssignment value) => value._value.AsMac();
        /// <summary>A nullable MAC address: null when unset or auto.</summary>
        public static implicit operator MacAddress?(in OptionAssignment value) => value._value.AsMacOrNull();
        /// <summary>A PCI address.</summary>
        public static implicit operator PciAddress(in OptionAssignment value) => value._value.AsPciAddress();
        /// <summary>A nullable PCI address: null when unset or auto.</summary>
        public static implicit operator PciAddress?(in OptionAssignment value) => value._value.AsPciAddressOrNull();
        /// <summary>The text of a string value (null when unset).</summary>
        public static implicit operator string?(in OptionAssignment value) => value._value.Text;
    }
}
