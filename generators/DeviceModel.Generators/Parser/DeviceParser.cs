using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using DeviceModel.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DeviceModel.Generators.Parser
{
    /// <summary>
    /// Turns a <c>[Device]</c> class symbol into a <see cref="DeviceSpec"/>. Reports nothing: declarations the
    /// generator cannot use (non-partial classes, unsupported types, bad hint values) are skipped here and
    /// reported by DeviceModel.Analyzers.
    /// </summary>
    internal static class DeviceParser
    {
        public const string DeviceAttribute = "DeviceModel.DeviceAttribute";
        public const string CatalogAttribute = "DeviceModel.DeviceCatalogAttribute";
        private const string ConfigOptionAttribute = "DeviceModel.ConfigOptionAttribute";
        private const string CompatHintAttribute = "DeviceModel.CompatHintAttribute";
        private const string ProductAttribute = "DeviceModel.ProductAttribute";
        private const string MachineFamilyAttribute = "DeviceModel.MachineFamilyAttribute";
        private const string RomImageAttribute = "DeviceModel.RomImageAttribute";
        private const string PciCapabilityAttribute = "DeviceModel.PciCapabilityAttribute";
        private const string PciExtendedCapabilityAttribute = "DeviceModel.PciExtendedCapabilityAttribute";
        private const string OptionValueNameAttribute = "DeviceModel.OptionValueNameAttribute";

        private static readonly SymbolDisplayFormat FullyQualified = SymbolDisplayFormat.FullyQualifiedFormat
            .WithMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        public static DeviceSpec? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not ClassDeclarationSyntax syntax) return null;
            if (!syntax.Modifiers.Any(SyntaxKind.PartialKeyword)) return null;
            if (type.ContainingType is not null || type.IsGenericType) return null;
            AttributeData device = context.Attributes[0];
            if (device.ConstructorArguments.Length != 1 || device.ConstructorArguments[0].Value is not string deviceName) return null;

            var options = new List<OptionSpec>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            string? parent = null;
            bool hidesDescriptor = false;
            Dictionary<string, ClassHistory> classHistories = ReadClassHistories(type);
            for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!SymbolEqualityComparer.Default.Equals(current, type))
                {
                    AttributeData? baseDevice = FindAttribute(current.GetAttributes(), DeviceAttribute);
                    if (baseDevice is not null)
                    {
                        parent ??= baseDevice.ConstructorArguments.FirstOrDefault().Value as string;
                        if (!current.IsAbstract) hidesDescriptor = true;
                    }
                }
                foreach (ISymbol member in current.GetMembers())
                {
                    if (member is not IPropertySymbol property || property.IsStatic || property.IsIndexer) continue;
                    OptionSpec? option = ParseOption(property, type, context.SemanticModel.Compilation, classHistories);
                    if (option is not null && seen.Add(option.Name)) options.Add(option);
                }
            }
            options.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));

            // Capabilities: base types' first, each type's in declaration order.
            var chain = new List<INamedTypeSymbol>();
            for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType) chain.Insert(0, current);
            var capabilities = new List<CapabilitySpec>();
            foreach (INamedTypeSymbol declaring in chain)
            {
                foreach (AttributeData attribute in declaring.GetAttributes())
                {
                    bool extended = IsAttribute(attribute, PciExtendedCapabilityAttribute);
                    if (!extended && !IsAttribute(attribute, PciCapabilityAttribute)) continue;
                    if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not string factory) continue;
                    capabilities.Add(new CapabilitySpec(factory, NamedString(attribute, "When"), NamedInt(attribute, "Offset"), NamedInt(attribute, "Length"), extended,
                        declaring.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat), SymbolEqualityComparer.Default.Equals(declaring, type)));
                }
            }

            string? ns = type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString();
            string fullyQualified = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            return new DeviceSpec(
                ns,
                type.Name,
                fullyQualified,
                type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat),
                (ns is null ? "" : ns + ".") + type.MetadataName,
                deviceName,
                NamedString(device, "Description"),
                type.IsAbstract,
                hidesDescriptor,
                parent,
                new EquatableArray<OptionSpec>(options),
                new EquatableArray<CapabilitySpec>(capabilities));
        }

        public static CatalogSpec? ParseCatalog(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not ClassDeclarationSyntax syntax) return null;
            if (!syntax.Modifiers.Any(SyntaxKind.PartialKeyword) || !type.IsStatic || type.ContainingType is not null) return null;
            string? ns = type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString();
            string accessibility = type.DeclaredAccessibility == Accessibility.Public ? "public" : "internal";
            string? productName = null, productVersion = null;
            var families = new List<FamilySpec>();
            var roms = new List<RomSpec>();
            foreach (AttributeData attribute in type.GetAttributes())
            {
                if (IsAttribute(attribute, ProductAttribute) && attribute.ConstructorArguments.Length == 2)
                {
                    productName = attribute.ConstructorArguments[0].Value as string;
                    productVersion = attribute.ConstructorArguments[1].Value as string;
                }
                else if (IsAttribute(attribute, RomImageAttribute) && attribute.ConstructorArguments.Length == 2
                    && attribute.ConstructorArguments[0].Value is string file && attribute.ConstructorArguments[1].Value is string size)
                {
                    roms.Add(new RomSpec(file, size));
                }
                else if (IsAttribute(attribute, MachineFamilyAttribute) && attribute.ConstructorArguments.Length == 2
                    && attribute.ConstructorArguments[0].Value is string family && attribute.ConstructorArguments[1].Value is string versions)
                {
                    families.Add(new FamilySpec(family, versions, NamedString(attribute, "Alias"), NamedString(attribute, "Deprecated"),
                        NamedString(attribute, "Description"), NamedBool(attribute, "PciExpress")));
                }
            }
            return new CatalogSpec(ns, type.Name, (ns is null ? "" : ns + ".") + type.MetadataName, accessibility, productName, productVersion, new EquatableArray<FamilySpec>(families), new EquatableArray<RomSpec>(roms));
        }

        /// <summary>
        /// A history declared on a class for an option it inherits (<c>[CompatHint(since, value, Option = name)]</c>):
        /// its entries and how far the class is from the device type (0: the type itself).
        /// </summary>
        private sealed class ClassHistory
        {
            public ClassHistory(int depth) => Depth = depth;
            public int Depth { get; }
            public List<AttributeData> Hints { get; } = new List<AttributeData>();
        }

        /// <summary>Per option name, the class-level history of the nearest class in <paramref name="type"/>'s chain that declares one.</summary>
        private static Dictionary<string, ClassHistory> ReadClassHistories(INamedTypeSymbol type)
        {
            var histories = new Dictionary<string, ClassHistory>(StringComparer.Ordinal);
            int depth = 0;
            for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType, depth++)
            {
                var own = new Dictionary<string, ClassHistory>(StringComparer.Ordinal);
                foreach (AttributeData hint in current.GetAttributes())
                {
                    if (!IsAttribute(hint, CompatHintAttribute) || NamedString(hint, "Option") is not string option) continue;
                    if (histories.ContainsKey(option)) continue; // a nearer class declares this option's history
                    if (!own.TryGetValue(option, out ClassHistory? history)) own.Add(option, history = new ClassHistory(depth));
                    history.Hints.Add(hint);
                }
                foreach (KeyValuePair<string, ClassHistory> pair in own) histories.Add(pair.Key, pair.Value);
            }
            return histories;
        }

        /// <summary>How many base-type steps separate <paramref name="type"/> from <paramref name="ancestor"/>; -1 when it is not in the chain.</summary>
        private static int DepthOf(INamedTypeSymbol type, INamedTypeSymbol ancestor)
        {
            int depth = 0;
            for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType, depth++)
            {
                if (SymbolEqualityComparer.Default.Equals(current, ancestor)) return depth;
            }
            return -1;
        }

        private static OptionSpec? ParseOption(IPropertySymbol property, INamedTypeSymbol deviceType, Compilation compilation, Dictionary<string, ClassHistory> classHistories)
        {
            // The option attribute sits on the property or on the property it overrides.
            AttributeData? optionAttribute = null;
            IPropertySymbol? historySource = null;
            for (IPropertySymbol? p = property; p is not null; p = p.OverriddenProperty)
            {
                optionAttribute ??= FindAttribute(p.GetAttributes(), ConfigOptionAttribute);
                if (historySource is null && p.GetAttributes().Any(a => IsAttribute(a, CompatHintAttribute))) historySource = p;
            }
            if (optionAttribute is null || optionAttribute.ConstructorArguments.Length != 1 || optionAttribute.ConstructorArguments[0].Value is not string name) return null;
            if (!ValueSyntax.IsValidOptionName(name)) return null;

            // The nearest declaration of the history wins: an overriding property's hints, or a class's hints for the
            // inherited option. One class declaring both is ambiguous (the analyzer reports it) and drops the option.
            IEnumerable<AttributeData> hints = historySource is null
                ? Enumerable.Empty<AttributeData>()
                : historySource.GetAttributes().Where(a => IsAttribute(a, CompatHintAttribute));
            if (historySource is not null && hints.Any(h => NamedString(h, "Option") is string named && named != name)) return null;
            if (classHistories.TryGetValue(name, out ClassHistory? classHistory))
            {
                int propertyDepth = historySource is null ? int.MaxValue : DepthOf(deviceType, historySource.ContainingType);
                if (propertyDepth == classHistory.Depth) return null;
                if (classHistory.Depth < propertyDepth) hints = classHistory.Hints;
            }
            // The option setter assigns after construction, which an init accessor forbids.
            if (property.SetMethod is null || property.SetMethod.IsInitOnly || property.GetMethod is null) return null;
            if (!compilation.IsSymbolAccessibleWithin(property.SetMethod, deviceType) || !compilation.IsSymbolAccessibleWithin(property.GetMethod, deviceType)) return null;

            bool isSize = NamedBool(optionAttribute, "IsSize");
            bool isAuto = NamedBool(optionAttribute, "Auto");
            ITypeSymbol propertyType = property.Type;
            bool nullable = false;
            ITypeSymbol valueType = propertyType;
            if (propertyType is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullableType)
            {
                nullable = true;
                valueType = nullableType.TypeArguments[0];
            }
            else if (propertyType.IsReferenceType && propertyType.NullableAnnotation == NullableAnnotation.Annotated)
            {
                nullable = true;
                valueType = propertyType.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
            }
            OptionKind? kind = KindOf(valueType, isSize);
            if (kind is null) return null;
            if (isAuto && kind != OptionKind.OnOffAuto && !nullable) return null;
            // auto is one of OnOffAuto's values: the runtime stores an auto value only in an option marked auto.
            if (kind == OptionKind.OnOffAuto) isAuto = true;
            string? max = NamedString(optionAttribute, "Max");
            // A uint size holds at most 4294967295 bytes: without this limit "4G" parses and the setter's cast truncates it.
            if (kind == OptionKind.Size && valueType.SpecialType == SpecialType.System_UInt32 && max is null) max = "4294967295";

            var enumNames = new List<string>();
            var enumMembers = new List<string>();
            var enumValues = new List<object?>();
            if (kind == OptionKind.Enum)
            {
                var seenValues = new HashSet<object?>();
                foreach (IFieldSymbol field in valueType.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue))
                {
                    // An alias (two members, one value) is one value: the first member names it.
                    if (!seenValues.Add(field.ConstantValue)) continue;
                    enumNames.Add(EnumValueName(field));
                    enumMembers.Add(valueType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + field.Name);
                    enumValues.Add(field.ConstantValue);
                }
            }

            var history = new List<HintSpec>();
            foreach (AttributeData hint in hints)
            {
                HintSpec? spec = ParseHint(hint, kind.Value, nullable, isAuto, enumNames, enumValues);
                if (spec is null) return null; // an invalid history must not half-apply: the analyzer reports it
                history.Add(spec);
            }
            history.Sort(CompareHints);

            return new OptionSpec(
                name,
                property.Name,
                (int)kind.Value,
                propertyType.ToDisplayString(FullyQualified),
                valueType.ToDisplayString(FullyQualified),
                property.ContainingType.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat),
                nullable,
                valueType.IsReferenceType,
                isAuto,
                NamedBool(optionAttribute, "HostOnly"),
                NamedString(optionAttribute, "Description"),
                NamedString(optionAttribute, "Min"),
                max,
                new EquatableArray<string>(enumNames),
                new EquatableArray<string>(enumMembers),
                new EquatableArray<HintSpec>(history));
        }

        /// <summary>
        /// How an enum member is spelt in option values: its <c>[OptionValueName]</c> when it has a usable one (QEMU's
        /// <c>2_5</c>), else its kebab-case name. The analyzers use this too, so both accept the same spellings.
        /// </summary>
        public static string EnumValueName(IFieldSymbol field)
        {
            AttributeData? spelling = FindAttribute(field.GetAttributes(), OptionValueNameAttribute);
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
        public static OptionKind? KindOf(ITypeSymbol type, bool isSize)
        {
            switch (type.SpecialType)
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
            string name = type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);
            switch (name)
            {
                case "DeviceModel.OnOffAuto": return OptionKind.OnOffAuto;
                case "DeviceModel.MacAddress": return OptionKind.MacAddress;
                case "DeviceModel.PciAddress": return OptionKind.PciAddress;
            }
            return type.TypeKind == TypeKind.Enum ? OptionKind.Enum : null;
        }

        /// <summary>
        /// Validates a hint's value with the one value-syntax module and returns its canonical form, or null.
        /// Accepts a typed constant of the option's type or its text.
        /// </summary>
        public static HintSpec? ParseHint(AttributeData hint, OptionKind kind, bool nullable, bool isAuto, IReadOnlyList<string> enumNames, IReadOnlyList<object?> enumValues)
        {
            if (hint.ConstructorArguments.Length != 2 || hint.ConstructorArguments[0].Value is not string since) return null;
            if (!MachineVersion.TryParse(since.AsSpan(), out MachineVersion version)) return null;
            string? reason = NamedString(hint, "Reason");
            string? family = NamedString(hint, "Family");
            TypedConstant value = hint.ConstructorArguments[1];
            if (!TryCanonical(value, kind, nullable, isAuto, enumNames, enumValues, out ulong bits, out string? text, out int state)) return null;
            return new HintSpec(since, version.Major, version.Minor, version.Patch, bits, text, state, reason, family);
        }

        /// <summary>The history order: by <c>since</c>; at one version the family-less entry first, then by family, ordinally.</summary>
        public static int CompareHints(HintSpec a, HintSpec b)
        {
            int byVersion = new MachineVersion(a.Major, a.Minor, a.Patch).CompareTo(new MachineVersion(b.Major, b.Minor, b.Patch));
            if (byVersion != 0) return byVersion;
            if (a.Family is null || b.Family is null) return (a.Family is null ? 0 : 1) - (b.Family is null ? 0 : 1);
            return string.CompareOrdinal(a.Family, b.Family);
        }

        /// <summary>A typed constant as the option's canonical value.</summary>
        public static bool TryCanonical(TypedConstant value, OptionKind kind, bool nullable, bool isAuto, IReadOnlyList<string> enumNames, IReadOnlyList<object?> enumValues,
            out ulong bits, out string? text, out int state)
        {
            bits = 0;
            text = null;
            state = HintSpec.StateValue;
            if (value.IsNull || value.Value is null)
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
            if (value.Kind == TypedConstantKind.Enum && kind == OptionKind.Enum)
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
            if (value.Kind == TypedConstantKind.Enum && kind == OptionKind.OnOffAuto && value.Type?.ToDisplayString() == "DeviceModel.OnOffAuto")
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

        private static AttributeData? FindAttribute(IEnumerable<AttributeData> attributes, string metadataName) =>
            attributes.FirstOrDefault(a => IsAttribute(a, metadataName));

        private static bool IsAttribute(AttributeData attribute, string metadataName) =>
            attribute.AttributeClass?.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat) == metadataName;

        private static string? NamedString(AttributeData attribute, string name)
        {
            foreach (KeyValuePair<string, TypedConstant> pair in attribute.NamedArguments)
            {
                if (pair.Key == name) return pair.Value.Value as string;
            }
            return null;
        }

        private static int NamedInt(AttributeData attribute, string name)
        {
            foreach (KeyValuePair<string, TypedConstant> pair in attribute.NamedArguments)
            {
                if (pair.Key == name && pair.Value.Value is int value) return value;
            }
            return 0;
        }

        private static bool NamedBool(AttributeData attribute, string name)
        {
            foreach (KeyValuePair<string, TypedConstant> pair in attribute.NamedArguments)
            {
                if (pair.Key == name) return pair.Value.Value is true;
            }
            return false;
        }
    }
}
