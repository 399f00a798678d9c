using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using DeviceModel.Declarations;
using Microsoft.CodeAnalysis;

namespace DeviceModel.Generators.Reading
{
    /// <summary>
    /// The syntax front end of the declaration rules: builds a class's <see cref="DeviceSpec"/> from its parts
    /// (<see cref="SyntaxReader"/>) and the compiler's answers (<see cref="Resolver"/>). For each option, override history
    /// and class-level history it only gathers the facts as written (<see cref="OptionFacts"/>, <see cref="HintFacts"/>)
    /// and takes the model <see cref="OptionRules"/> decides — the one core the analyzers' symbol front end
    /// (<see cref="OptionReader"/>) asks too, and whose problems they report. Work is proportional to the class's own
    /// declarations. What it leaves out is exactly what a problem of the core drops; DM0009 covers the type itself
    /// (<see cref="DeviceDeclaration"/>). <c>DroppedDeclarationTests</c> asserts both.
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
            // A group is neither a device nor a history class (the rules report the mix, DM0010), and has no other base.
            if (OptionRules.ReadClassKind(first.Name, isDevice, isGroup) is not null || (isGroup && hasClassHints)) return null;
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
            var declared = new HashSet<string>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var includes = new List<IncludeSpec>();
            var rules = new List<RuleFacts>();
            foreach (ClassPart part in group.Parts)
            {
                string body = Resolver.PropertyAttributeKey(group, part), typeKey = Resolver.TypeKey(group, part);
                foreach (PropertyPart property in part.Properties)
                {
                    if (property.IsStatic) continue;
                    AttributePart? configOption = null;
                    bool include = false;
                    var hints = new List<AttributePart>();
                    rules.Clear();
                    foreach (AttributePart attribute in property.Attributes)
                    {
                        switch (Role(resolution, body, attribute))
                        {
                            case AttributeRole.ConfigOption: configOption ??= attribute; break;
                            case AttributeRole.IncludeOptions: include = true; break;
                            case AttributeRole.CompatHint: hints.Add(attribute); break;
                            case AttributeRole.OptionRule: rules.Add(new RuleFacts(attribute.Name, Creation(resolution, body, part, attribute))); break;
                        }
                    }
                    if (include && OptionRules.ReadInclude(new IncludeFacts(first.Name, isDevice, property.Name, configOption is not null, property.IsStatic,
                        property.HasGetter, resolution.Name(typeKey, property.TypeText)?.Type, property.TypeText)).Model is { } included)
                    {
                        includes.Add(included);
                    }
                    if (configOption is not null)
                    {
                        if (Positional(resolution, part, configOption, 0, "name")?.Value is string name) declared.Add(name);
                        // The model is the rules' (OptionRules); their problems are the analyzers' to report.
                        if (Option(resolution, typeKey, part, isDevice || isGroup, property, configOption, hints, rules)?.Model is { } option && seen.Add(option.Name)) options.Add(option);
                    }
                    else if (property.IsOverride && hints.Count > 0
                        && resolution.InheritedOption(new InheritedQuery(group.MetadataName, property.Name, ByProperty: true))?.Option is { } inherited)
                    {
                        if (inherited.Name is { } name) withPropertyHistory.Add(name);
                        if (OptionRules.ReadHistory(property.Name, inherited, Hints(resolution, part, hints)).Model is { } history) histories.Add(history);
                    }
                }
            }
            ClassHistories(group, resolution, withPropertyHistory, declared, histories);

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

        /// <summary>
        /// The rules' reading of a <c>[ConfigOption]</c> property from its syntax and the compiler's answers; null when its
        /// type does not resolve (the compiler reports that, CS0246).
        /// </summary>
        private static OptionReading? Option(Resolution resolution, string typeKey, ClassPart part, bool isDevice, PropertyPart property, AttributePart attribute,
            List<AttributePart> hints, List<RuleFacts> rules)
        {
            if (resolution.Name(typeKey, property.TypeText)?.Type is not { } written) return null;
            return OptionRules.Read(new OptionFacts(
                part.Name,
                isDevice,
                property.Name,
                Positional(resolution, part, attribute, 0, "name")?.Value as string,
                property.HasGetter,
                property.HasSetter,
                property.IsInitOnly,
                written,
                property.NullableSyntax,
                NamedBool(resolution, part, attribute, "IsSize"),
                NamedBool(resolution, part, attribute, "Auto"),
                NamedBool(resolution, part, attribute, "HostOnly"),
                NamedString(resolution, part, attribute, "Min"),
                NamedString(resolution, part, attribute, "Max"),
                NamedString(resolution, part, attribute, "Description"),
                Hints(resolution, part, hints),
                rules.Count == 0 ? ImmutableArray<RuleFacts>.Empty : rules.ToImmutableArray()));
        }

        /// <summary>
        /// Class-level <c>[CompatHint(…, Option = name)]</c>s: per option, its history for this type and its subtypes, as the
        /// rules read it (<see cref="OptionRules.ReadClassHistories"/>).
        /// </summary>
        private static void ClassHistories(TypeGroup group, Resolution resolution, HashSet<string> withPropertyHistory, HashSet<string> declared, List<HistorySpec> histories)
        {
            ImmutableArray<HintFacts>.Builder? hints = null;
            foreach (ClassPart part in group.Parts)
            {
                foreach (AttributePart hint in part.Attributes)
                {
                    if (Role(resolution, Resolver.ClassAttributeKey(part), hint) != AttributeRole.CompatHint) continue;
                    (hints ??= ImmutableArray.CreateBuilder<HintFacts>()).Add(Hint(resolution, part, hint));
                }
            }
            if (hints is null) return;
            // A class the generator completes has no problem of its own here (Build left the others out).
            ClassHistoriesReading reading = OptionRules.ReadClassHistories(group.Parts[0].Name, null, hints.ToImmutable(), name =>
                new ClassOptionFacts(declared.Contains(name), withPropertyHistory.Contains(name),
                    resolution.InheritedOption(new InheritedQuery(group.MetadataName, name, ByProperty: false))?.Option));
            foreach (ClassHistoryReading history in reading.Histories)
            {
                if (history.Reading.Model is { } model) histories.Add(model);
            }
        }

        private static ImmutableArray<HintFacts> Hints(Resolution resolution, ClassPart part, List<AttributePart> hints)
        {
            if (hints.Count == 0) return ImmutableArray<HintFacts>.Empty;
            var facts = ImmutableArray.CreateBuilder<HintFacts>(hints.Count);
            foreach (AttributePart hint in hints) facts.Add(Hint(resolution, part, hint));
            return facts.MoveToImmutable();
        }

        private static HintFacts Hint(Resolution resolution, ClassPart part, AttributePart hint) =>
            new(Positional(resolution, part, hint, 0, "since"), Positional(resolution, part, hint, 1, "value"),
                NamedString(resolution, part, hint, "Option"), NamedString(resolution, part, hint, "Reason"), NamedString(resolution, part, hint, "Family"));

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
