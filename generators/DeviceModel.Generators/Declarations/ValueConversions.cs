using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DeviceModel.Declarations
{
    /// <summary>
    /// The value conversions of declarations, shared by the generator and the analyzers so that both accept exactly the
    /// same values: option kinds of property types, enum value names, and <c>[CompatHint]</c> values to canonical bits.
    /// </summary>
    internal static class ValueConversions
    {
        /// <summary>
        /// How an enum member is spelt in option values: its <c>[OptionValueName]</c> when it has a usable one (QEMU's
        /// <c>2_5</c>), else its kebab-case name. The analyzers use this too, so both accept the same spellings.
        /// </summary>
        public static string EnumValueName(IFieldSymbol field)
        {
            AttributeData? spelling = AttributeNames.Find(field, AttributeNames.OptionValueName);
            if (spelling is { ConstructorArguments.Length: 1 } && spelling.ConstructorArguments[0].Value is string name && IsValidValueName(name)) return name;
            return ValueSyntax.ToKebabCase(field.Name);
        }

        /// <summary>A value name is non-empty and holds no <c>,</c>, <c>=</c> or white space (it must survive keyval syntax).</summary>
        public static bool IsValidValueName(string name)
        {
            if (name.Length == 0) return false;
            foreach (char c in name)
            {
                if (c == ',' || c == '=' || char.IsWhiteSpace(c) || char.IsControl(c)) return false;
            }
            return true;
        }

        /// <summary>The option kind of a property type, or null when unsupported.</summary>
        public static OptionKind? KindOf(ITypeSymbol type, bool isSize) =>
            KindOf(type.SpecialType, FrameworkTypeName(type), type.TypeKind == TypeKind.Enum, isSize);

        /// <summary>The name of a DeviceModel value type (<c>OnOffAuto</c>, <c>MacAddress</c>, <c>PciAddress</c>) <paramref name="type"/> is, or null.</summary>
        public static string? FrameworkTypeName(ITypeSymbol type)
        {
            foreach (string name in new[] { "OnOffAuto", "MacAddress", "PciAddress" })
            {
                if (AttributeNames.IsDeviceModelType(type, name)) return name;
            }
            return null;
        }

        /// <summary>The option kind of a type given by its special type, DeviceModel value type name and enum-ness, or null.</summary>
        public static OptionKind? KindOf(SpecialType specialType, string? frameworkType, bool isEnum, bool isSize)
        {
            switch (specialType)
            {
                case SpecialType.System_Boolean: return isSize ? null : OptionKind.Bool;
                case SpecialType.System_SByte: return isSize ? null : OptionKind.Int8;
                case SpecialType.System_Byte: return isSize ? null : OptionKind.UInt8;
                case SpecialType.System_Int16: return isSize ? null : OptionKind.Int16;
                case SpecialType.System_UInt16: return isSize ? null : OptionKind.UInt16;
                case SpecialType.System_Int32: return isSize ? null : OptionKind.Int32;
                case SpecialType.System_UInt32: return isSize ? OptionKind.Size : OptionKind.UInt32;
                case SpecialType.System_Int64: return isSize ? null : OptionKind.Int64;
                case SpecialType.System_UInt64: return isSize ? OptionKind.Size : OptionKind.UInt64;
                case SpecialType.System_String: return isSize ? null : OptionKind.String;
            }
            if (isSize) return null;
            switch (frameworkType)
            {
                case "OnOffAuto": return OptionKind.OnOffAuto;
                case "MacAddress": return OptionKind.MacAddress;
                case "PciAddress": return OptionKind.PciAddress;
            }
            return isEnum ? OptionKind.Enum : null;
        }

        /// <summary>The history order: by <c>since</c>; at one version the family-less entry first, then by family, ordinally.</summary>
        public static int CompareHints(HintSpec a, HintSpec b)
        {
            int byVersion = new MachineVersion(a.Major, a.Minor, a.Patch).CompareTo(new MachineVersion(b.Major, b.Minor, b.Patch));
            if (byVersion != 0) return byVersion;
            if (a.Family is null || b.Family is null) return (a.Family is null ? 0 : 1) - (b.Family is null ? 0 : 1);
            return string.CompareOrdinal(a.Family, b.Family);
        }

        /// <summary>A constant (as an attribute argument gives it) as the option's canonical value.</summary>
        public static bool TryCanonical(ConstantValue value, OptionKind kind, bool nullable, bool isAuto, IReadOnlyList<string> enumNames, IReadOnlyList<object?> enumValues,
            out ulong bits, out string? text, out int state)
        {
            bits = 0;
            text = null;
            state = HintSpec.StateValue;
            if (value.IsArray) return false;
            if (value.Value is null)
            {
                if (!nullable || isAuto) return false;
                state = HintSpec.StateNull;
                return true;
            }
            object raw = value.Value;
            if (raw is string s)
            {
                if (isAuto && kind != OptionKind.OnOffAuto && s == "auto")
                {
                    state = HintSpec.StateAuto;
                    return true;
                }
                return TryParseText(s, kind, enumNames, out bits, out text);
            }
            if (value.EnumType is not null && kind == OptionKind.Enum)
            {
                for (int i = 0; i < enumValues.Count; i++)
                {
                    if (Equals(enumValues[i], raw))
                    {
                        bits = (ulong)i;
                        text = enumNames[i];
                        return true;
                    }
                }
                return false;
            }
            if (value.EnumType == ConstantValue.OnOffAutoType && kind == OptionKind.OnOffAuto)
            {
                bits = Convert.ToUInt64(raw, CultureInfo.InvariantCulture);
                return bits <= 2;
            }
            switch (raw)
            {
                case bool b when kind == OptionKind.Bool:
                    bits = b ? 1UL : 0UL;
                    return true;
                case sbyte or short or int or long when ValueSyntax.IsInteger(kind):
                    long signed = Convert.ToInt64(raw, CultureInfo.InvariantCulture);
                    if (signed < ValueSyntax.MinOf(kind) || (signed > 0 && (ulong)signed > ValueSyntax.MaxOf(kind))) return false;
                    bits = unchecked((ulong)signed);
                    return true;
                case byte or ushort or uint or ulong when ValueSyntax.IsInteger(kind):
                    ulong unsigned = Convert.ToUInt64(raw, CultureInfo.InvariantCulture);
                    if (unsigned > ValueSyntax.MaxOf(kind)) return false;
                    bits = unsigned;
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>
        /// A <c>Min</c>/<c>Max</c> text as the limit of an option of <paramref name="kind"/>: limits apply to integer and size
        /// options and are written in the option's own value syntax. False when it cannot be the limit (DM0010).
        /// </summary>
        public static bool TryParseLimit(string text, OptionKind kind, out ulong bits)
        {
            bits = 0;
            if (!ValueSyntax.IsInteger(kind)) return false;
            ValueParseError error = kind == OptionKind.Size ? ValueSyntax.ParseSize(text.AsSpan(), out bits) : ValueSyntax.ParseInteger(text.AsSpan(), kind, out bits);
            return error == ValueParseError.None;
        }

        /// <summary>Parses value text of <paramref name="kind"/> with the shared value syntax.</summary>
        public static bool TryParseText(string s, OptionKind kind, IReadOnlyList<string> enumNames, out ulong bits, out string? text)
        {
            bits = 0;
            text = null;
            ReadOnlySpan<char> span = s.AsSpan();
            switch (kind)
            {
                case OptionKind.Bool:
                    if (ValueSyntax.ParseBool(span, out bool b) != ValueParseError.None) return false;
                    bits = b ? 1UL : 0UL;
                    return true;
                case OptionKind.OnOffAuto:
                    if (ValueSyntax.ParseOnOffAuto(span, out int ooa) != ValueParseError.None) return false;
                    bits = (ulong)ooa;
                    return true;
                case OptionKind.MacAddress:
                    return ValueSyntax.ParseMac(span, out bits) == ValueParseError.None;
                case OptionKind.PciAddress:
                    if (ValueSyntax.ParsePciAddress(span, out int devfn) != ValueParseError.None) return false;
                    bits = (ulong)devfn;
                    return true;
                case OptionKind.String:
                    text = s;
                    return true;
                case OptionKind.Enum:
                    for (int i = 0; i < enumNames.Count; i++)
                    {
                        if (enumNames[i] == s) { bits = (ulong)i; text = s; return true; }
                    }
                    return false;
                case OptionKind.Size:
                    return ValueSyntax.ParseSize(span, out bits) == ValueParseError.None;
                default:
                    return ValueSyntax.ParseInteger(span, kind, out bits) == ValueParseError.None;
            }
        }
    }
}
