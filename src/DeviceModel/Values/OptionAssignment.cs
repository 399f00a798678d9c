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
        public OptionAssignment(in OptionValue value) => Value = value;

        /// <summary>The value to store.</summary>
        public OptionValue Value { get; }
        /// <summary>The 64 bits of the value (an enum's ordinal).</summary>
        public ulong Bits => Value.Bits;
        /// <summary>The text of a string value.</summary>
        public string? Text => Value.Text;
        /// <summary>Whether the value is unset or auto: a nullable property receives null.</summary>
        public bool IsNullOrAuto => Value.IsNull || Value.IsAuto;

        /// <summary>A bool.</summary>
        public static implicit operator bool(OptionAssignment value) => value.Value.Bool;
        /// <summary>A nullable bool: null when unset or auto.</summary>
        public static implicit operator bool?(OptionAssignment value) => value.IsNullOrAuto ? null : value.Value.Bool;
        /// <summary>An integer of type <c>sbyte</c>.</summary>
        public static implicit operator sbyte(OptionAssignment value) => value.Value.As<sbyte>();
        /// <summary>A nullable integer of type <c>sbyte</c>: null when unset or auto.</summary>
        public static implicit operator sbyte?(OptionAssignment value) => value.Value.AsOrNull<sbyte>();
        /// <summary>An integer of type <c>byte</c>.</summary>
        public static implicit operator byte(OptionAssignment value) => value.Value.As<byte>();
        /// <summary>A nullable integer of type <c>byte</c>: null when unset or auto.</summary>
        public static implicit operator byte?(OptionAssignment value) => value.Value.AsOrNull<byte>();
        /// <summary>An integer of type <c>short</c>.</summary>
        public static implicit operator short(OptionAssignment value) => value.Value.As<short>();
        /// <summary>A nullable integer of type <c>short</c>: null when unset or auto.</summary>
        public static implicit operator short?(OptionAssignment value) => value.Value.AsOrNull<short>();
        /// <summary>An integer of type <c>ushort</c>.</summary>
        public static implicit operator ushort(OptionAssignment value) => value.Value.As<ushort>();
        /// <summary>A nullable integer of type <c>ushort</c>: null when unset or auto.</summary>
        public static implicit operator ushort?(OptionAssignment value) => value.Value.AsOrNull<ushort>();
        /// <summary>An integer of type <c>int</c>.</summary>
        public static implicit operator int(OptionAssignment value) => value.Value.As<int>();
        /// <summary>A nullable integer of type <c>int</c>: null when unset or auto.</summary>
        public static implicit operator int?(OptionAssignment value) => value.Value.AsOrNull<int>();
        /// <summary>An integer of type <c>uint</c>.</summary>
        public static implicit operator uint(OptionAssignment value) => value.Value.As<uint>();
        /// <summary>A nullable integer of type <c>uint</c>: null when unset or auto.</summary>
        public static implicit operator uint?(OptionAssignment value) => value.Value.AsOrNull<uint>();
        /// <summary>An integer of type <c>long</c>.</summary>
        public static implicit operator long(OptionAssignment value) => value.Value.As<long>();
        /// <summary>A nullable integer of type <c>long</c>: null when unset or auto.</summary>
        public static implicit operator long?(OptionAssignment value) => value.Value.AsOrNull<long>();
        /// <summary>An integer of type <c>ulong</c>.</summary>
        public static implicit operator ulong(OptionAssignment value) => value.Value.As<ulong>();
        /// <summary>A nullable integer of type <c>ulong</c>: null when unset or auto.</summary>
        public static implicit operator ulong?(OptionAssignment value) => value.Value.AsOrNull<ulong>();
        /// <summary>An <see cref="DeviceModel.OnOffAuto"/>.</summary>
        public static implicit operator OnOffAuto(OptionAssignment value) => value.Value.AsOnOffAuto();
        /// <summary>A nullable <see cref="DeviceModel.OnOffAuto"/>: its bits, as for the non-nullable type (auto is a value of the kind).</summary>
        public static implicit operator OnOffAuto?(OptionAssignment value) => value.Value.AsOnOffAuto();
        /// <summary>A MAC address.</summary>
        public static implicit operator MacAddress(OptionAssignment value) => value.Value.AsMac();
        /// <summary>A nullable MAC address: null when unset or auto.</summary>
        public static implicit operator MacAddress?(OptionAssignment value) => value.Value.AsMacOrNull();
        /// <summary>A PCI address.</summary>
        public static implicit operator PciAddress(OptionAssignment value) => value.Value.AsPciAddress();
        /// <summary>A nullable PCI address: null when unset or auto.</summary>
        public static implicit operator PciAddress?(OptionAssignment value) => value.Value.AsPciAddressOrNull();
        /// <summary>The text of a string value (null when unset).</summary>
        public static implicit operator string?(OptionAssignment value) => value.Value.Text;
    }
}
