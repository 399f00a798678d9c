using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DeviceModel.Declarations
{
    /// <summary>
    /// Builds the <see cref="DeviceSpec"/> of one declaring type from its own members and attributes, with the one
    /// option reader (<see cref="OptionReader"/>) the analyzers use. A declaration it cannot use is left out of the model;
    /// the analyzers report each such declaration (DM0004, DM0005, DM0008, DM0010, DM0015, DM0020; DM0009 for the type) —
    /// <c>DroppedDeclarationTests</c> holds the two to that. Work is proportional to the type's own declarations: the
    /// base chain is read only for class-level histories (to find the option they name) and for <c>Descriptor</c> hiding.
    /// </summary>
    internal static class TypeReader
    {
        private static readonly SymbolDisplayFormat FullyQualified = SymbolDisplayFormat.FullyQualifiedFormat
            .WithMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

        /// <summary>The model of a <c>[Device]</c> class (the generator's transform), or null when the generator skips it.</summary>
        public static DeviceSpec? ReadDevice(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not ClassDeclarationSyntax syntax) return null;
            AttributeData device = context.Attributes[0];
            if (device.ConstructorArguments.Length != 1 || device.ConstructorArguments[0].Value is not string deviceName) return null;
            return Read(type, syntax, deviceName, AttributeNames.NamedString(device, "Description"), cancellationToken);
        }

        /// <summary>The model of a class without <c>[Device]</c> that records histories of inherited options, or null.</summary>
        public static DeviceSpec? ReadHistoryClass(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not ClassDeclarationSyntax syntax) return null;
            if (AttributeNames.Has(type, AttributeNames.Device)) return null; // its [Device] table carries them
            // Partial declarations: read the type once, at the first declaration that carries attributes.
            if (type.DeclaringSyntaxReferences.Length > 1)
            {
                foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax(cancellationToken) is ClassDeclarationSyntax { AttributeLists.Count: > 0 } first)
                    {
                        if (first != syntax) return null;
                        break;
                    }
                }
            }
            return Read(type, syntax, null, null, cancellationToken);
        }

        private static DeviceSpec? Read(INamedTypeSymbol type, ClassDeclarationSyntax syntax, string? deviceName, string? description, CancellationToken cancellationToken)
        {
            if (!syntax.Modifiers.Any(SyntaxKind.PartialKeyword) || type.ContainingType is not null || type.IsGenericType) return null;
            if (deviceName is not null && !ValueSyntax.IsValidOptionName(deviceName)) return null;
            if (type.BaseType is not { } baseType) return null;

            var options = new List<OptionSpec>();
            var histories = new List<HistorySpec>();
            var withPropertyHistory = new HashSet<string>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (ISymbol member in type.GetMembers())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (member is not IPropertySymbol property || property.IsImplicitlyDeclared) continue;
                if (OptionReader.Read(property) is not { } option || !option.IsUsable || option.AccessorProblem is not null) continue;
                if (option.OwnsAttribute)
                {
                    if (ToSpec(option, property) is { } spec && seen.Add(option.Name!)) options.Add(spec);
                }
                else if (option.OwnsHistory && !option.HostOnly && AllNameTheOption(option.History, option.Name!))
                {
                    withPropertyHistory.Add(option.Name!);
                    if (History(option, option.History) is { } history) histories.Add(new HistorySpec(option.Name!, (int)option.Kind!.Value, history));
                }
            }
            ReadClassHistories(type, baseType, withPropertyHistory, seen, histories);

            var capabilities = new List<CapabilitySpec>();
            foreach (AttributeData attribute in type.GetAttributes())
            {
                bool extended = AttributeNames.Is(attribute, AttributeNames.PciExtendedCapability);
                if (!extended && !AttributeNames.Is(attribute, AttributeNames.PciCapability)) continue;
                if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not string factory) continue;
                int length = AttributeNames.NamedInt(attribute, "Length");
                if (length == 0) length = SingleLength(type, factory);
                capabilities.Add(new CapabilitySpec(factory, AttributeNames.NamedString(attribute, "When"), AttributeNames.NamedInt(attribute, "Offset"), length, extended));
            }

            bool hides = false;
            for (INamedTypeSymbol? b = baseType; b is not null && !hides; b = b.BaseType)
            {
                // A concrete base has a Descriptor: declared (metadata), or generated for its [Device] in this compilation.
                if (!b.IsAbstract && (!b.GetMembers("Descriptor").IsEmpty || AttributeNames.Has(b, AttributeNames.Device))) hides = true;
            }
            string? ns = type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString();
            return new DeviceSpec(
                ns,
                type.Name,
                type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat),
                (ns is null ? "" : ns + ".") + type.MetadataName,
                deviceName,
                description,
                type.IsAbstract,
                type.IsSealed,
                hides,
                baseType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                new EquatableArray<OptionSpec>(options),
                new EquatableArray<HistorySpec>(histories),
                new EquatableArray<CapabilitySpec>(capabilities),
                Rules(type.GetAttributes(), "DeviceRuleAttribute"));
        }

        /// <summary>
        /// The attributes deriving from DeviceModel's <paramref name="ruleBase"/> (<c>OptionRuleAttribute</c> or
        /// <c>DeviceRuleAttribute</c>), each as the C# expression that creates it: the generated table holds the instances.
        /// </summary>
        public static EquatableArray<string> Rules(ImmutableArray<AttributeData> attributes, string ruleBase)
        {
            List<string>? rules = null;
            foreach (AttributeData attribute in attributes)
            {
                if (!DerivesFrom(attribute.AttributeClass, ruleBase) || attribute.AttributeConstructor is null) continue;
                var arguments = new List<string>();
                foreach (TypedConstant argument in attribute.ConstructorArguments) arguments.Add(Expression(argument));
                var named = new List<string>();
                foreach (KeyValuePair<string, TypedConstant> pair in attribute.NamedArguments) named.Add(pair.Key + " = " + Expression(pair.Value));
                string creation = "new " + attribute.AttributeClass!.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "(" + string.Join(", ", arguments) + ")"
                    + (named.Count == 0 ? "" : " { " + string.Join(", ", named) + " }");
                (rules ??= new List<string>()).Add(creation);
            }
            return rules is null ? EquatableArray<string>.Empty : new EquatableArray<string>(rules);
        }

        /// <summary>
        /// An attribute argument as a C# expression: <c>ToCSharpString</c> gives an array (a <c>params</c> argument) as a bare
        /// initializer, <c>{ 1, 2 }</c>, which is not an expression; it needs its <c>new T[]</c>.
        /// </summary>
        private static string Expression(TypedConstant argument) =>
            argument.Kind == TypedConstantKind.Array && !argument.IsNull
                ? "new " + argument.Type!.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + " " + argument.ToCSharpString()
                : argument.ToCSharpString();

        private static bool DerivesFrom(INamedTypeSymbol? type, string name)
        {
            for (INamedTypeSymbol? current = type?.BaseType; current is not null; current = current.BaseType)
            {
                if (AttributeNames.IsDeviceModelType(current, name)) return true;
            }
            return false;
        }

        /// <summary>
        /// Class-level <c>[CompatHint(…, Option = name)]</c>s: per option, its history for this type and its subtypes. Left
        /// out (DM0020 reports it): an option the type declares itself or whose overriding property here has hints, one it
        /// does not inherit, or a host-only one.
        /// </summary>
        private static void ReadClassHistories(INamedTypeSymbol type, INamedTypeSymbol baseType, HashSet<string> withPropertyHistory, HashSet<string> declared, List<HistorySpec> histories)
        {
            Dictionary<string, List<AttributeData>>? groups = null;
            var order = new List<string>();
            foreach (AttributeData hint in type.GetAttributes())
            {
                if (!AttributeNames.Is(hint, AttributeNames.CompatHint) || AttributeNames.NamedString(hint, "Option") is not string name) continue;
                groups ??= new Dictionary<string, List<AttributeData>>(StringComparer.Ordinal);
                if (!groups.TryGetValue(name, out List<AttributeData>? list))
                {
                    groups.Add(name, list = new List<AttributeData>());
                    order.Add(name);
                }
                list.Add(hint);
            }
            if (groups is null) return;
            foreach (string name in order)
            {
                if (declared.Contains(name) || withPropertyHistory.Contains(name)) continue;
                if (FindInherited(baseType, name) is not { } option || option.HostOnly || !option.IsUsable) continue;
                OptionDeclaration scoped = OptionReader.WithClassHistory(option, groups[name].ToImmutableArray());
                if (History(scoped, scoped.History) is { } history) histories.Add(new HistorySpec(name, (int)scoped.Kind!.Value, history));
            }
        }

        /// <summary>
        /// The length a capability factory's return type declares with <c>[CapabilityLength]</c> when it has exactly one
        /// (so the attribute need not repeat it); 0 when unknown (DM0012 checks a declared length against the list).
        /// </summary>
        private static int SingleLength(INamedTypeSymbol type, string factory)
        {
            for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
            {
                foreach (ISymbol member in current.GetMembers(factory))
                {
                    if (member is not IMethodSymbol { Parameters.IsEmpty: true } method) continue;
                    foreach (AttributeData attribute in method.ReturnType.GetAttributes())
                    {
                        if (attribute.AttributeClass is { Name: "CapabilityLengthAttribute" } && attribute.ConstructorArguments.Length == 1
                            && attribute.ConstructorArguments[0].Values is { Length: 1 } lengths && lengths[0].Value is int length)
                        {
                            return length;
                        }
                    }
                    return 0;
                }
            }
            return 0;
        }

        /// <summary>The nearest declaration of option <paramref name="name"/> in <paramref name="type"/>'s chain, or null.</summary>
        public static OptionDeclaration? FindInherited(INamedTypeSymbol type, string name)
        {
            for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
            {
                foreach (ISymbol member in current.GetMembers())
                {
                    if (member is IPropertySymbol { IsStatic: false, IsIndexer: false } property && OptionReader.Read(property) is { OwnsAttribute: true } option && option.Name == name) return option;
                }
            }
            return null;
        }

        private static bool AllNameTheOption(ImmutableArray<AttributeData> hints, string name)
        {
            foreach (AttributeData hint in hints)
            {
                if (AttributeNames.NamedString(hint, "Option") is string named && named != name) return false;
            }
            return true;
        }

        /// <summary>
        /// The history, oldest first; null when an entry does not convert (the analyzers report it: DM0004, DM0005), so that
        /// the option is left out rather than given half a history.
        /// </summary>
        private static EquatableArray<HintSpec>? History(OptionDeclaration option, ImmutableArray<AttributeData> hints)
        {
            if (hints.IsEmpty || option.HostOnly) return EquatableArray<HintSpec>.Empty;
            var history = new List<HintSpec>(hints.Length);
            foreach (AttributeData hint in hints)
            {
                if (ValueConversions.ParseHint(hint, option.Kind!.Value, option.IsNullable, option.IsAuto, option.EnumNames, option.EnumValues) is not { } spec) return null;
                history.Add(spec);
            }
            history.Sort(ValueConversions.CompareHints);
            return new EquatableArray<HintSpec>(history);
        }

        private static OptionSpec? ToSpec(OptionDeclaration option, IPropertySymbol property)
        {
            // A property's entries belong to its own option: one naming another is ambiguous (DM0020).
            if (option.OwnsHistory && !AllNameTheOption(option.History, option.Name!)) return null;
            if (History(option, option.OwnsHistory ? option.History : ImmutableArray<AttributeData>.Empty) is not { } history) return null;
            OptionKind kind = option.Kind!.Value;
            ITypeSymbol valueType = option.ValueType;
            string valueTypeName = valueType.ToDisplayString(FullyQualified);
            ulong? min = Limit(option, "Min", kind);
            ulong? max = Limit(option, "Max", kind);
            // A uint size holds at most 4294967295 bytes: without this limit "4G" parses and the setter's cast truncates it.
            if (kind == OptionKind.Size && valueType.SpecialType == SpecialType.System_UInt32 && max is null) max = uint.MaxValue;
            string? clrType = kind == OptionKind.Enum ? valueType.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat)
                : kind == OptionKind.Size && valueType.SpecialType == SpecialType.System_UInt32 ? "uint"
                : null;
            var enumMembers = new List<string>();
            bool sequential = kind == OptionKind.Enum;
            if (kind == OptionKind.Enum)
            {
                var values = new List<object?>();
                foreach (ISymbol member in valueType.GetMembers())
                {
                    if (member is not IFieldSymbol { HasConstantValue: true } field || values.Contains(field.ConstantValue)) continue;
                    if (System.Convert.ToDecimal(field.ConstantValue, System.Globalization.CultureInfo.InvariantCulture) != values.Count) sequential = false;
                    values.Add(field.ConstantValue);
                    enumMembers.Add(valueTypeName + "." + field.Name);
                }
            }
            return new OptionSpec(
                option.Name!,
                property.Name,
                (int)kind,
                valueTypeName,
                clrType,
                option.IsNullable,
                valueType.IsReferenceType,
                option.IsAuto,
                option.HostOnly,
                AttributeNames.NamedString(option.Attribute, "Description"),
                min,
                max,
                new EquatableArray<string>(option.EnumNames),
                new EquatableArray<string>(enumMembers),
                history,
                Rules(property.GetAttributes(), "OptionRuleAttribute"),
                sequential);
        }

        /// <summary>A <c>Min</c>/<c>Max</c> text parsed at build time; null when absent or invalid (the analyzers report it).</summary>
        private static ulong? Limit(OptionDeclaration option, string name, OptionKind kind)
        {
            if (AttributeNames.NamedString(option.Attribute, name) is not string text || !ValueSyntax.IsInteger(kind)) return null;
            ValueParseError error = kind == OptionKind.Size ? ValueSyntax.ParseSize(text.AsSpan(), out ulong bits) : ValueSyntax.ParseInteger(text.AsSpan(), kind, out bits);
            return error == ValueParseError.None ? bits : null;
        }
    }
}
