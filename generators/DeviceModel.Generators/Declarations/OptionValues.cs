using System;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DeviceModel.Declarations
{
    /// <summary>
    /// An option value in canonical text: what <see cref="ValueSyntax"/> formats (<c>on</c>, <c>4</c>, <c>256k</c>,
    /// <c>auto</c>, <c>52:54:00:12:34:56</c>, an enum member's kebab-case name, a string as is), or no value at all
    /// (<see cref="Text"/> null: a nullable option's null that does not mean auto). Two values of one option are equal
    /// exactly when their canonical texts are.
    /// </summary>
    internal readonly struct CanonicalValue : IEquatable<CanonicalValue>
    {
        public const string AutoText = "auto";

        private CanonicalValue(string? text) => Text = text;

        public static CanonicalValue None => default;

        public static CanonicalValue Of(string text) => new(text);

        /// <summary>The canonical text, or null for "no value".</summary>
        public string? Text { get; }

        public bool Equals(CanonicalValue other) => string.Equals(Text, other.Text, StringComparison.Ordinal);
        public override bool Equals(object? obj) => obj is CanonicalValue other && Equals(other);
        public override int GetHashCode() => Text is null ? 0 : StringComparer.Ordinal.GetHashCode(Text);
        public static bool operator ==(CanonicalValue a, CanonicalValue b) => a.Equals(b);
        public static bool operator !=(CanonicalValue a, CanonicalValue b) => !a.Equals(b);

        /// <summary>For messages: the text in quotes, or "no value".</summary>
        public string Display => Text is null ? "no value" : "'" + Text + "'";

        public override string ToString() => Display;
    }

    /// <summary>
    /// Converts defaults and baseline texts of one option, and <c>[CompatHint]</c> values as the rules read them
    /// (<see cref="HintReading"/>), to <see cref="CanonicalValue"/>s, with the generator's conversions
    /// (<see cref="ValueConversions.TryParseText"/>), and canonical values back to C# literals for code fixes.
    /// </summary>
    internal static class OptionValues
    {
        /// <summary>
        /// The value a property initializer's constant gives the option (<paramref name="hasConstant"/> false: no
        /// initializer, or <c>default</c>: the type's default value). False, with a reason, when no option value matches.
        /// </summary>
        public static bool TryDefault(bool hasConstant, object? constant, OptionDeclaration option, out CanonicalValue canonical, out string? problem)
        {
            canonical = default;
            problem = null;
            if (option.Kind is not OptionKind kind) return false;
            bool isNull = hasConstant ? constant is null : option.IsNullable || option.ValueType.IsReferenceType;
            if (isNull)
            {
                canonical = option.IsAuto ? CanonicalValue.Of(CanonicalValue.AutoText) : CanonicalValue.None;
                return true;
            }
            object raw = hasConstant ? constant! : 0;
            try
            {
                switch (kind)
                {
                    case OptionKind.Bool:
                        canonical = CanonicalValue.Of(ValueSyntax.FormatBool(hasConstant && raw is true));
                        return true;
                    case OptionKind.String:
                        canonical = CanonicalValue.Of((string)raw);
                        return true;
                    case OptionKind.OnOffAuto:
                        canonical = CanonicalValue.Of(ValueSyntax.FormatOnOffAuto(Convert.ToInt32(raw, CultureInfo.InvariantCulture)));
                        return true;
                    case OptionKind.MacAddress:
                        canonical = CanonicalValue.Of(ValueSyntax.FormatMac(0));
                        return true;
                    case OptionKind.PciAddress:
                        canonical = CanonicalValue.Of(ValueSyntax.FormatPciAddress(0));
                        return true;
                    case OptionKind.Enum:
                        for (int i = 0; i < option.EnumValues.Count; i++)
                        {
                            if (Convert.ToInt64(option.EnumValues[i], CultureInfo.InvariantCulture) == Convert.ToInt64(raw, CultureInfo.InvariantCulture))
                            {
                                canonical = CanonicalValue.Of(option.EnumNames[i]);
                                return true;
                            }
                        }
                        problem = "the value " + Convert.ToString(raw, CultureInfo.InvariantCulture) + " is not a member of " + option.ValueType.Name;
                        return false;
                    default:
                        ulong bits = raw is sbyte or short or int or long or char
                            ? unchecked((ulong)Convert.ToInt64(raw, CultureInfo.InvariantCulture))
                            : Convert.ToUInt64(raw, CultureInfo.InvariantCulture);
                        canonical = CanonicalValue.Of(ValueSyntax.FormatInteger(bits, kind));
                        return true;
                }
            }
            catch (Exception e) when (e is InvalidCastException or FormatException or OverflowException)
            {
                problem = "the constant does not convert to " + ValueSyntax.TypeName(kind);
                return false;
            }
        }

        /// <summary>
        /// A value read from a baseline line (<paramref name="text"/> null: the line has no <c>=</c>, "no value"), parsed
        /// with the option's value syntax and made canonical. False when it does not parse.
        /// </summary>
        public static bool TryText(string? text, OptionDeclaration option, out CanonicalValue canonical)
        {
            canonical = default;
            if (option.Kind is not OptionKind kind) return false;
            if (text is null)
            {
                canonical = CanonicalValue.None;
                return true;
            }
            // As the generator reads hint text: "auto" is the auto state of an auto option.
            if (option.IsAuto && kind != OptionKind.OnOffAuto && text == CanonicalValue.AutoText)
            {
                canonical = CanonicalValue.Of(CanonicalValue.AutoText);
                return true;
            }
            if (!ValueConversions.TryParseText(text, kind, option.EnumNames, out ulong bits, out string? parsed)) return false;
            canonical = Format(kind, bits, parsed, HintSpec.StateValue);
            return true;
        }

        /// <summary>The canonical text of a value the generator's conversions produced.</summary>
        public static CanonicalValue Format(OptionKind kind, ulong bits, string? text, int state)
        {
            if (state == HintSpec.StateNull) return CanonicalValue.None;
            if (state == HintSpec.StateAuto) return CanonicalValue.Of(CanonicalValue.AutoText);
            switch (kind)
            {
                case OptionKind.Bool: return CanonicalValue.Of(ValueSyntax.FormatBool(bits != 0));
                case OptionKind.OnOffAuto: return CanonicalValue.Of(ValueSyntax.FormatOnOffAuto((int)bits));
                case OptionKind.MacAddress: return CanonicalValue.Of(ValueSyntax.FormatMac(bits));
                case OptionKind.PciAddress: return CanonicalValue.Of(ValueSyntax.FormatPciAddress((int)bits));
                case OptionKind.String:
                case OptionKind.Enum: return CanonicalValue.Of(text ?? "");
                default: return CanonicalValue.Of(ValueSyntax.FormatInteger(bits, kind));
            }
        }

        /// <summary>
        /// A C# expression for <paramref name="value"/> as a <c>[CompatHint]</c> argument of the option's type
        /// (<c>false</c>, <c>3u</c>, <c>(ushort)128</c>, <c>global::DeviceModel.OnOffAuto.Off</c>, <c>"auto"</c>, <c>null</c>),
        /// fully qualified for the simplifier; null when the value does not parse.
        /// </summary>
        public static string? ToCSharp(CanonicalValue value, OptionDeclaration option)
        {
            if (option.Kind is not OptionKind kind) return null;
            if (value.Text is null) return option.IsNullable && !option.IsAuto ? "null" : null;
            string text = value.Text;
            if (option.IsAuto && kind != OptionKind.OnOffAuto && text == CanonicalValue.AutoText) return "\"auto\"";
            if (!ValueConversions.TryParseText(text, kind, option.EnumNames, out ulong bits, out string? parsed)) return null;
            switch (kind)
            {
                case OptionKind.Bool: return bits != 0 ? "true" : "false";
                case OptionKind.OnOffAuto:
                    string member = bits == (ulong)ValueSyntax.On ? "On" : bits == (ulong)ValueSyntax.Off ? "Off" : "Auto";
                    return option.ValueType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + member;
                case OptionKind.Enum:
                    return option.ValueFacts.EnumMembers[(int)bits];
                case OptionKind.String: return SymbolDisplay.FormatLiteral(parsed ?? "", quote: true);
                case OptionKind.MacAddress:
                case OptionKind.PciAddress: return SymbolDisplay.FormatLiteral(text, quote: true);
            }
            string digits = ValueSyntax.IsSigned(kind)
                ? unchecked((long)bits).ToString(CultureInfo.InvariantCulture)
                : bits.ToString(CultureInfo.InvariantCulture);
            switch (option.ValueType.SpecialType)
            {
                case SpecialType.System_Int32: return digits;
                case SpecialType.System_UInt32: return digits + "u";
                case SpecialType.System_Int64: return digits + "L";
                case SpecialType.System_UInt64: return digits + "UL";
                case SpecialType.System_SByte: return "(sbyte)" + Parenthesize(digits);
                case SpecialType.System_Byte: return "(byte)" + digits;
                case SpecialType.System_Int16: return "(short)" + Parenthesize(digits);
                case SpecialType.System_UInt16: return "(ushort)" + digits;
                default: return null;
            }
        }

        private static string Parenthesize(string digits) => digits.StartsWith("-", StringComparison.Ordinal) ? "(" + digits + ")" : digits;
    }
}
