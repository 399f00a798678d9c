using System;
using System.Collections.Generic;
using System.Linq;
using DeviceModel.Declarations;
using Microsoft.CodeAnalysis;

namespace DeviceModel.Generators.Reading
{
    /// <summary>
    /// Builds a class's <see cref="DeviceSpec"/> from its parts (<see cref="SyntaxReader"/>) and the compiler's answers
    /// (<see cref="Resolver"/>), with the rules of the shared declaration modules (<see cref="ValueConversions"/>,
    /// <see cref="ValueSyntax"/>, <see cref="OptionReader"/> for inherited options). Work is proportional to the class's
    /// own declarations. A declaration it cannot use is left out of the model; the analyzers report each such
    /// declaration (DM0004, DM0005, DM0008, DM0010, DM0015, DM0020; DM0009 for the type) — <c>DroppedDeclarationTests</c>
    /// holds the two to that.
    /// </summary>
    internal static class SpecBuilder
    {
        /// <summary>The model of a <c>[Device]</c> class, or of a class recording histories of inherited options; null otherwise or when the generator skips it.</summary>
        public static DeviceSpec? Build(TypeGroup group, Resolution resolution)
        {
            ClassPart first = group.Parts[0];
            string? deviceName = null, description = null, groupName = null;
            bool isDevice = false, isGroup = false, hasClassHints = false, isPartial = true, isAbstract = false, isSealed = false;
            ClassPart? withBase = null;
            foreach (ClassPart part in group.Parts)
            {
                isPartial &= part.IsPartial;
                isAbstract |= part.IsAbstract;
                isSealed |= part.IsSealed;
                if (withBase is null && part.BaseTypeText is not null) withBase = part;
                foreach (AttributePart attribute in part.Attributes)
                {
                    switch (Role(resolution, Resolver.ClassAttributeKey(part), attribute))
                    {
                        case AttributeRole.Device when !isDevice:
                            isDevice = true;
                            deviceName = Positional(resolution, part, attribute, 0, "name")?.Value as string;
                            description = NamedString(resolution, part, attribute, "Description");
                            if (deviceName is null) return null;
                            break;
                        case AttributeRole.CompatHint:
                            hasClassHints = true;
                            break;
                        case AttributeRole.OptionGroup when !isGroup:
                            isGroup = true;
                            groupName = Positional(resolution, part, attribute, 0, "name")?.Value as string;
                            if (groupName is null || !ValueSyntax.IsValidOptionName(groupName)) return null;
                            break;
                    }
                }
            }
            if (!isDevice && !hasClassHints && !isGroup) return null;
            // A group is neither a device nor a history class (the analyzers report the mix, DM0010), and has no other base.
            if (isGroup && (isDevice || hasClassHints)) return null;
            if (!isPartial || first.ContainingType is not null || first.IsGeneric) return null;
            if (deviceName is not null && !ValueSyntax.IsValidOptionName(deviceName)) return null;
            NameAnswer? baseType = isGroup ? new NameAnswer("", "", null, AttributeRole.Other, OptionGroupBase, false)
                : withBase is null
                ? new NameAnswer("", "", null, AttributeRole.Other, "global::System.Object", false)
                : resolution.Name(Resolver.BaseKey(withBase), withBase.BaseTypeText!);
            if (isGroup && withBase is not null && resolution.Name(Resolver.BaseKey(withBase), withBase.BaseTypeText!)?.FullyQualified != OptionGroupBase) return null;
            if (baseType?.FullyQualified is not { } baseName) return null;

            var options = new List<OptionSpec>();
            var histories = new List<HistorySpec>();
            var withPropertyHistory = new HashSet<string>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var optionRules = new List<string>();
            var includes = new List<IncludeSpec>();
            foreach (ClassPart part in group.Parts)
            {
                string body = Resolver.PropertyAttributeKey(group, part), typeKey = Resolver.TypeKey(group, part);
                foreach (PropertyPart property in part.Properties)
                {
                    if (property.IsStatic) continue;
                    AttributePart? configOption = null;
                    bool include = false;
                    var hints = new List<AttributePart>();
                    optionRules.Clear();
                    foreach (AttributePart attribute in property.Attributes)
                    {
                        switch (Role(resolution, body, attribute))
                        {
                            case AttributeRole.ConfigOption: configOption ??= attribute; break;
                            case AttributeRole.IncludeOptions: include = true; break;
                            case AttributeRole.CompatHint: hints.Add(attribute); break;
                            case AttributeRole.OptionRule:
                                if (Creation(resolution, body, part, attribute) is { } rule) optionRules.Add(rule);
                                else optionRules.Add("");
                                break;
                        }
                    }
                    if (include && configOption is null)
                    {
                        // Only a device includes groups, through a readable property of an [OptionGroup] class (DM0010 otherwise).
                        if (isDevice && property.HasGetter && resolution.Name(typeKey, property.TypeText)?.Type is { IsOptionGroup: true } groupType)
                        {
                            includes.Add(new IncludeSpec(property.Name, groupType.FullyQualified));
                        }
                    }
                    else if (configOption is not null)
                    {
                        if (optionRules.Contains("")) continue; // a rule the generator cannot create: the option is left out
                        if (Option(resolution, typeKey, part, property, configOption, hints, optionRules) is { } option && seen.Add(option.Name)) options.Add(option);
                    }
                    else if (property.IsOverride && hints.Count > 0
                        && resolution.InheritedOption(new InheritedQuery(group.MetadataName, property.Name, ByProperty: true)) is { Found: true, IsUsable: true, HostOnly: false, OptionName: { } name } inherited
                        && AllNameTheOption(resolution, part, hints, name))
                    {
                        withPropertyHistory.Add(name);
                        if (History(resolution, part, hints, inherited) is { } history) histories.Add(new HistorySpec(name, inherited.Kind, history));
                    }
                }
            }
            ClassHistories(group, resolution, withPropertyHistory, seen, histories);

            var capabilities = new List<CapabilitySpec>();
            var deviceRules = new List<string>();
            foreach (ClassPart part in group.Parts)
            {
                string header = Resolver.ClassAttributeKey(part);
                foreach (AttributePart attribute in part.Attributes)
                {
                    AttributeRole role = Role(resolution, header, attribute);
                    if (role == AttributeRole.DeviceRule)
                    {
                        if (Creation(resolution, header, part, attribute) is { } rule) deviceRules.Add(rule);
                        continue;
                    }
                    if (role is not (AttributeRole.PciCapability or AttributeRole.PciExtendedCapability)) continue;
                    if (Positional(resolution, part, attribute, 0, "factory")?.Value is not string factory) continue;
                    int length = NamedInt(resolution, part, attribute, "Length");
                    if (length == 0) length = resolution.Length(new LengthQuery(group.MetadataName, factory, header, attribute.Name));
                    capabilities.Add(new CapabilitySpec(factory, NamedString(resolution, part, attribute, "When"), NamedInt(resolution, part, attribute, "Offset"), length,
                        role == AttributeRole.PciExtendedCapability));
                }
            }

            string? ns = first.Namespace;
            string qualified = (ns is null ? "" : ns + ".") + first.Name;
            return new DeviceSpec(
                ns,
                first.Name,
                "global::" + qualified,
                qualified,
                qualified,
                deviceName,
                description,
                isAbstract,
                isSealed,
                baseType.HidesDescriptor,
                baseName,
                new EquatableArray<OptionSpec>(options),
                new EquatableArray<HistorySpec>(histories),
                new EquatableArray<CapabilitySpec>(capabilities),
                deviceRules.Count == 0 ? EquatableArray<string>.Empty : new EquatableArray<string>(deviceRules),
                includes.Count == 0 ? EquatableArray<IncludeSpec>.Empty : new EquatableArray<IncludeSpec>(includes),
                groupName);
        }

        /// <summary>The base of every option group.</summary>
        private const string OptionGroupBase = "global::DeviceModel.OptionGroup";

        /// <summary>DM0009 for a concrete <c>[Device]</c> or an <c>[OptionGroup]</c> class the generator skips (not partial, nested or generic), or null.</summary>
        public static DeclarationProblem? Problem(TypeGroup group, Resolution resolution)
        {
            ClassPart? device = null;
            bool isAbstract = false;
            foreach (ClassPart part in group.Parts)
            {
                isAbstract |= part.IsAbstract;
                foreach (AttributePart attribute in part.Attributes)
                {
                    // An option group too: a device that includes a group the generator skips fails to build (CS0122).
                    if (device is null && Role(resolution, Resolver.ClassAttributeKey(part), attribute) is AttributeRole.Device or AttributeRole.OptionGroup) device = part;
                }
            }
            if (device is null || isAbstract) return null;
            if (DeviceDeclaration.Problems(!device.IsPartial, device.ContainingType, device.IsGeneric) is not { } problems) return null;
            return new DeclarationProblem(device.Name, problems, !device.IsPartial, device.Identifier);
        }

        private static AttributeRole Role(Resolution resolution, string key, AttributePart attribute) =>
            resolution.Name(key, attribute.Name)?.Attribute ?? AttributeRole.Other;

        private static OptionSpec? Option(Resolution resolution, string body, ClassPart part, PropertyPart property, AttributePart attribute,
            List<AttributePart> hints, List<string> rules)
        {
            if (Positional(resolution, part, attribute, 0, "name")?.Value is not string name) return null;
            if (!ValueSyntax.IsValidOptionName(name)) return null;
            // Accessors: the generated code sets the option after construction and reads it back (DM0010 otherwise).
            if (!property.HasGetter || !property.HasSetter || property.IsInitOnly) return null;
            if (resolution.Name(body, property.TypeText)?.Type is not { } written) return null;
            bool nullable = property.NullableSyntax;
            TypeFacts type = written;
            if (written.NullableOf is { } inner)
            {
                nullable = true;
                type = inner;
            }
            bool isSize = NamedBool(resolution, part, attribute, "IsSize");
            bool declaredAuto = NamedBool(resolution, part, attribute, "Auto");
            if (ValueConversions.KindOf((SpecialType)type.SpecialType, type.FrameworkType, type.IsEnum, isSize) is not OptionKind kind) return null;
            if (declaredAuto && kind != OptionKind.OnOffAuto && !nullable) return null;
            bool isAuto = declaredAuto || kind == OptionKind.OnOffAuto;
            bool hostOnly = NamedBool(resolution, part, attribute, "HostOnly");
            if (!Limit(resolution, part, attribute, "Min", kind, out ulong? min) || !Limit(resolution, part, attribute, "Max", kind, out ulong? max)) return null;
            // A uint size holds at most 4294967295 bytes: without this limit "4G" parses and the setter's cast truncates it.
            if (kind == OptionKind.Size && (SpecialType)type.SpecialType == SpecialType.System_UInt32 && max is null) max = uint.MaxValue;

            // A property's entries belong to its own option: one naming another is ambiguous (DM0020).
            if (!AllNameTheOption(resolution, part, hints, name)) return null;
            EquatableArray<HintSpec> history = EquatableArray<HintSpec>.Empty;
            if (!hostOnly && hints.Count > 0)
            {
                var entries = new List<HintSpec>(hints.Count);
                var names = new List<string>();
                var values = new List<object?>();
                if (kind == OptionKind.Enum)
                {
                    names.AddRange(type.EnumNames);
                    foreach (ConstantValue value in type.EnumValues) values.Add(value.Value);
                }
                foreach (AttributePart hint in hints)
                {
                    if (Hint(resolution, part, hint, kind, nullable, isAuto, names, values) is not { } spec) return null;
                    entries.Add(spec);
                }
                entries.Sort(ValueConversions.CompareHints);
                history = new EquatableArray<HintSpec>(entries);
            }
            string? clrType = kind == OptionKind.Enum ? type.Display
                : kind == OptionKind.Size && (SpecialType)type.SpecialType == SpecialType.System_UInt32 ? "uint"
                : null;
            bool sequential = kind == OptionKind.Enum;
            if (kind == OptionKind.Enum)
            {
                for (int i = 0; i < type.EnumValues.Length; i++)
                {
                    if (System.Convert.ToDecimal(type.EnumValues[i].Value, System.Globalization.CultureInfo.InvariantCulture) != i) sequential = false;
                }
            }
            return new OptionSpec(
                name,
                property.Name,
                (int)kind,
                type.FullyQualified,
                clrType,
                nullable,
                type.IsReferenceType,
                isAuto,
                hostOnly,
                NamedString(resolution, part, attribute, "Description"),
                min,
                max,
                kind == OptionKind.Enum ? type.EnumNames : EquatableArray<string>.Empty,
                kind == OptionKind.Enum ? type.EnumMembers : EquatableArray<string>.Empty,
                history,
                rules.Count == 0 ? EquatableArray<string>.Empty : new EquatableArray<string>(rules.ToArray()),
                sequential);
        }

        /// <summary>
        /// Class-level <c>[CompatHint(…, Option = name)]</c>s: per option, its history for this type and its subtypes. Left
        /// out (DM0020 reports it): an option the type declares itself or whose overriding property here has hints, one it
        /// does not inherit, or a host-only one.
        /// </summary>
        private static void ClassHistories(TypeGroup group, Resolution resolution, HashSet<string> withPropertyHistory, HashSet<string> declared, List<HistorySpec> histories)
        {
            Dictionary<string, (ClassPart Part, List<AttributePart> Hints)>? groups = null;
            var order = new List<string>();
            foreach (ClassPart part in group.Parts)
            {
                foreach (AttributePart hint in part.Attributes)
                {
                    if (Role(resolution, Resolver.ClassAttributeKey(part), hint) != AttributeRole.CompatHint || NamedString(resolution, part, hint, "Option") is not string name) continue;
                    groups ??= new Dictionary<string, (ClassPart, List<AttributePart>)>(StringComparer.Ordinal);
                    if (!groups.TryGetValue(name, out var entry))
                    {
                        groups.Add(name, entry = (part, new List<AttributePart>()));
                        order.Add(name);
                    }
                    entry.Hints.Add(hint);
                }
            }
            if (groups is null) return;
            foreach (string name in order)
            {
                if (declared.Contains(name) || withPropertyHistory.Contains(name)) continue;
                if (resolution.InheritedOption(new InheritedQuery(group.MetadataName, name, ByProperty: false)) is not { Found: true, IsUsable: true, HostOnly: false } option) continue;
                (ClassPart part, List<AttributePart> hints) = groups[name];
                if (History(resolution, part, hints, option) is { } history) histories.Add(new HistorySpec(name, option.Kind, history));
            }
        }

        /// <summary>
        /// The history, oldest first; null when an entry does not convert (the analyzers report it: DM0004, DM0005), so that
        /// the option is left out rather than given half a history.
        /// </summary>
        private static EquatableArray<HintSpec>? History(Resolution resolution, ClassPart part, List<AttributePart> hints, InheritedAnswer option)
        {
            if (hints.Count == 0 || option.HostOnly) return EquatableArray<HintSpec>.Empty;
            var values = new List<object?>();
            foreach (ConstantValue value in option.EnumValues) values.Add(value.Value);
            var history = new List<HintSpec>(hints.Count);
            foreach (AttributePart hint in hints)
            {
                if (Hint(resolution, part, hint, (OptionKind)option.Kind, option.IsNullable, option.IsAuto, option.EnumNames.ToList(), values) is not { } spec) return null;
                history.Add(spec);
            }
            history.Sort(ValueConversions.CompareHints);
            return new EquatableArray<HintSpec>(history);
        }

        private static HintSpec? Hint(Resolution resolution, ClassPart part, AttributePart hint, OptionKind kind, bool nullable, bool isAuto, IReadOnlyList<string> enumNames, IReadOnlyList<object?> enumValues)
        {
            if (Positional(resolution, part, hint, 0, "since")?.Value is not string version || Positional(resolution, part, hint, 1, "value") is not { } constant) return null;
            return ValueConversions.ParseHint(version, constant, NamedString(resolution, part, hint, "Reason"), NamedString(resolution, part, hint, "Family"),
                kind, nullable, isAuto, enumNames, enumValues);
        }

        private static bool AllNameTheOption(Resolution resolution, ClassPart part, List<AttributePart> hints, string name)
        {
            foreach (AttributePart hint in hints)
            {
                if (NamedString(resolution, part, hint, "Option") is string named && named != name) return false;
            }
            return true;
        }

        /// <summary>A <c>Min</c>/<c>Max</c> text parsed at build time; false when present but unusable (the analyzers report it, DM0010).</summary>
        private static bool Limit(Resolution resolution, ClassPart part, AttributePart attribute, string name, OptionKind kind, out ulong? limit)
        {
            limit = null;
            if (NamedString(resolution, part, attribute, name) is not string text) return true;
            if (!ValueConversions.TryParseLimit(text, kind, out ulong bits)) return false;
            limit = bits;
            return true;
        }

        /// <summary>
        /// A rule attribute as the C# expression that creates it (the generated table holds the instance), or null when an
        /// argument has no constant value.
        /// </summary>
        private static string? Creation(Resolution resolution, string key, ClassPart part, AttributePart attribute)
        {
            if (resolution.Name(key, attribute.Name)?.FullyQualified is not { } type) return null;
            var arguments = new List<string>();
            var named = new List<string>();
            foreach (ArgumentPart argument in attribute.Arguments)
            {
                if (Value(resolution, part, argument) is not { } constant || (constant.IsArray ? constant.Code : Literal(constant)) is not { } literal) return null;
                if (argument.Name is null) arguments.Add(literal);
                else if (argument.IsProperty) named.Add(argument.Name + " = " + literal);
                else arguments.Add(argument.Name + ": " + literal);
            }
            return "new " + type + "(" + string.Join(", ", arguments) + ")" + (named.Count == 0 ? "" : " { " + string.Join(", ", named) + " }");
        }

        /// <summary>A constant as a C# expression of its own type.</summary>
        private static string? Literal(ConstantValue constant)
        {
            object? value = constant.Value;
            string? text = value switch
            {
                null => "null",
                string s => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(s, quote: true),
                bool b => b ? "true" : "false",
                char c => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(c, quote: true),
                int i => Resolver.Invariant(i),
                uint u => Resolver.Invariant(u) + "U",
                long l => Resolver.Invariant(l) + "L",
                ulong ul => Resolver.Invariant(ul) + "UL",
                short or ushort or byte or sbyte => "(" + Keyword(value) + ")" + Resolver.Invariant(value),
                double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "D",
                float f => f.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "F",
                _ => null,
            };
            if (text is null) return null;
            return constant.EnumType is { } enumType ? "(" + enumType + ")(" + text + ")" : text;
        }

        private static string Keyword(object value) => value switch
        {
            short => "short",
            ushort => "ushort",
            byte => "byte",
            _ => "sbyte",
        };

        /// <summary>An argument's constant: its literal, or the compiler's value of its expression.</summary>
        private static ConstantValue? Value(Resolution resolution, ClassPart part, ArgumentPart argument) =>
            argument.Literal ?? resolution.Constant(part.MetadataName, part.FilePath, argument.SpanStart);

        /// <summary>A constructor argument, given by position (<paramref name="index"/>) or by name (<c><paramref name="parameter"/>: value</c>).</summary>
        private static ConstantValue? Positional(Resolution resolution, ClassPart part, AttributePart attribute, int index, string parameter)
        {
            int position = 0;
            foreach (ArgumentPart argument in attribute.Arguments)
            {
                if (argument.Name is null)
                {
                    if (position++ == index) return Value(resolution, part, argument);
                }
                else if (!argument.IsProperty && argument.Name == parameter)
                {
                    return Value(resolution, part, argument);
                }
            }
            return null;
        }

        private static ConstantValue? Named(Resolution resolution, ClassPart part, AttributePart attribute, string name)
        {
            foreach (ArgumentPart argument in attribute.Arguments)
            {
                if (argument.IsProperty && argument.Name == name) return Value(resolution, part, argument);
            }
            return null;
        }

        private static string? NamedString(Resolution resolution, ClassPart part, AttributePart attribute, string name) => Named(resolution, part, attribute, name)?.Value as string;

        private static int NamedInt(Resolution resolution, ClassPart part, AttributePart attribute, string name) => Named(resolution, part, attribute, name)?.Value is int value ? value : 0;

        private static bool NamedBool(Resolution resolution, ClassPart part, AttributePart attribute, string name) => Named(resolution, part, attribute, name)?.Value is true;
    }
}
