using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DeviceModel.Declarations
{
    /// <summary>
    /// The symbol front end of the declaration rules: it turns an option property's symbols into <see cref="OptionFacts"/>
    /// and <see cref="HintFacts"/> and asks <see cref="OptionRules"/>, the one core the generator's syntax front end
    /// (<c>SpecBuilder</c>) asks too. The analyzers use it for every option, the generator (its <c>Resolver</c>) for
    /// options a class inherits. What it adds is only the symbols' structure:
    /// <list type="bullet">
    /// <item>a property is an option when it or a property it overrides carries <c>[ConfigOption]</c>; the type whose
    /// property carries the attribute declares the option, and its generated table has the row;</item>
    /// <item>an override without <c>[ConfigOption]</c> may carry <c>[CompatHint]</c>s: they replace the inherited history
    /// for its type and subtypes (so does a class's <c>[CompatHint(…, Option = name)]</c>); the nearest declaration wins;</item>
    /// <item>a type's options are composed at run time from its table chain; a nearer declaration of a name replaces a
    /// farther one (DM0007 reports the clash).</item>
    /// </list>
    /// </summary>
    internal static class OptionReader
    {
        private static readonly SymbolDisplayFormat FullyQualified = SymbolDisplayFormat.FullyQualifiedFormat;

        /// <summary>The rules' reading of an <c>[IncludeOptions]</c> property, or null when it carries none.</summary>
        public static IncludeReading? ReadInclude(IPropertySymbol property)
        {
            if (property.IsIndexer || !AttributeNames.Has(property, AttributeNames.IncludeOptions)) return null;
            INamedTypeSymbol type = property.ContainingType;
            return OptionRules.ReadInclude(new IncludeFacts(type.Name, AttributeNames.Has(type, AttributeNames.Device), property.Name,
                AttributeNames.Has(property, AttributeNames.ConfigOption), property.IsStatic, property.GetMethod is not null,
                property.Type.TypeKind == TypeKind.Error ? null : FactsOf(property.Type), property.Type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat)));
        }

        /// <summary>The option declared by <paramref name="property"/>, or null when it is not an option.</summary>
        public static OptionDeclaration? Read(IPropertySymbol property)
        {
            if (property.IsStatic || property.IsIndexer) return null;
            AttributeData? attribute = null;
            IPropertySymbol? owner = null;
            IPropertySymbol? historySource = null;
            ImmutableArray<AttributeData> history = ImmutableArray<AttributeData>.Empty;
            for (IPropertySymbol? p = property; p is not null; p = p.OverriddenProperty)
            {
                ImmutableArray<AttributeData> attributes = p.GetAttributes();
                if (attribute is null)
                {
                    foreach (AttributeData a in attributes)
                    {
                        if (AttributeNames.Is(a, AttributeNames.ConfigOption)) { attribute = a; owner = p; break; }
                    }
                }
                if (historySource is null)
                {
                    ImmutableArray<AttributeData> own = attributes.Where(a => AttributeNames.Is(a, AttributeNames.CompatHint)).ToImmutableArray();
                    if (!own.IsEmpty) { historySource = p; history = own; }
                }
            }
            if (attribute is null || owner is null) return null;

            bool ownsAttribute = SymbolEqualityComparer.Default.Equals(property, owner);
            bool ownerHints = SymbolEqualityComparer.Default.Equals(historySource, owner);
            // The declaration as its owner declares it; its hints are read with it only where they are its own.
            OptionFacts facts = Facts(owner, attribute, ownsAttribute && ownerHints ? history : ImmutableArray<AttributeData>.Empty, out ITypeSymbol valueType, out TypeFacts valueFacts);
            OptionReading declaration = OptionRules.Read(facts);
            HistoryReading? ownHistory = null;
            ImmutableArray<HintReading> hints = declaration.Hints;
            if (!ownsAttribute && historySource is not null)
            {
                // An override's history (its own, or a nearer override's than the owner's), read against the declaration.
                HistoryReading reading = OptionRules.ReadHistory(historySource.Name, declaration.Target, Hints(history));
                if (SymbolEqualityComparer.Default.Equals(property, historySource)) ownHistory = reading;
                hints = reading.Hints;
            }
            return new OptionDeclaration(property, owner, attribute, historySource, history, valueType, valueFacts, declaration, ownHistory, hints);
        }

        /// <summary>
        /// Every option property of <paramref name="type"/> and its base types, most derived first (the generator keeps
        /// the first of each name).
        /// </summary>
        public static IEnumerable<OptionDeclaration> ReadHierarchy(INamedTypeSymbol type)
        {
            for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
            {
                foreach (ISymbol member in current.GetMembers())
                {
                    if (member is IPropertySymbol property && Read(property) is { } option) yield return option;
                }
            }
        }

        /// <summary>
        /// The class-level <c>[CompatHint(…, Option = name)]</c>s of <paramref name="type"/> (<paramref name="hints"/>, in
        /// attribute order) as the rules read them: the class's own options (<paramref name="own"/>) say which names it
        /// declares or versions on an override, its base types' (<paramref name="hierarchy"/>, most derived first) which
        /// it inherits. <paramref name="classProblem"/>: why a class without <c>[Device]</c> cannot have a generated table.
        /// </summary>
        public static ClassHistoriesReading ReadClassHistories(INamedTypeSymbol type, ImmutableArray<AttributeData> hints, string? classProblem,
            Func<IPropertySymbol, OptionDeclaration?> own, Func<INamedTypeSymbol, IEnumerable<OptionDeclaration>> hierarchy)
        {
            HashSet<string>? declaredHere = null, historyHere = null;
            Dictionary<string, HintTarget>? inherited = null;
            ClassOptionFacts Facts(string name)
            {
                if (declaredHere is null)
                {
                    declaredHere = new HashSet<string>(StringComparer.Ordinal);
                    historyHere = new HashSet<string>(StringComparer.Ordinal);
                    foreach (ISymbol member in type.GetMembers())
                    {
                        if (member is not IPropertySymbol property || own(property) is not { Name: { } optionName } option) continue;
                        if (option.OwnsAttribute) declaredHere.Add(optionName);
                        else if (option.OwnsHistory) historyHere.Add(optionName);
                    }
                    inherited = new Dictionary<string, HintTarget>(StringComparer.Ordinal);
                    if (type.BaseType is { } baseType)
                    {
                        foreach (OptionDeclaration option in hierarchy(baseType))
                        {
                            if (option.Name is { } optionName && !inherited.ContainsKey(optionName)) inherited.Add(optionName, option.Target);
                        }
                    }
                }
                return new ClassOptionFacts(declaredHere.Contains(name), historyHere!.Contains(name), inherited!.TryGetValue(name, out HintTarget? found) ? found : null);
            }
            return OptionRules.ReadClassHistories(type.Name, classProblem, Hints(hints), Facts);
        }

        /// <summary>The facts of <paramref name="hint"/>, a <c>[CompatHint]</c>.</summary>
        public static HintFacts Hint(AttributeData hint)
        {
            bool complete = hint.ConstructorArguments.Length == 2;
            return new HintFacts(
                complete ? ConstantValue.From(hint.ConstructorArguments[0]) : null,
                complete ? ConstantValue.From(hint.ConstructorArguments[1]) : null,
                AttributeNames.NamedString(hint, "Option"),
                AttributeNames.NamedString(hint, "Reason"),
                AttributeNames.NamedString(hint, "Family"));
        }

        public static ImmutableArray<HintFacts> Hints(ImmutableArray<AttributeData> hints)
        {
            if (hints.IsEmpty) return ImmutableArray<HintFacts>.Empty;
            var facts = ImmutableArray.CreateBuilder<HintFacts>(hints.Length);
            foreach (AttributeData hint in hints) facts.Add(Hint(hint));
            return facts.MoveToImmutable();
        }

        private static OptionFacts Facts(IPropertySymbol property, AttributeData attribute, ImmutableArray<AttributeData> hints, out ITypeSymbol valueType, out TypeFacts valueFacts)
        {
            valueType = property.Type;
            bool annotated = false;
            if (valueType is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                annotated = true;
                valueType = nullable.TypeArguments[0];
            }
            else if (valueType.IsReferenceType && valueType.NullableAnnotation == NullableAnnotation.Annotated)
            {
                annotated = true;
                valueType = valueType.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
            }
            valueFacts = FactsOf(valueType);
            var rules = ImmutableArray.CreateBuilder<RuleFacts>();
            foreach (AttributeData candidate in property.GetAttributes())
            {
                if (IsRule(candidate.AttributeClass)) rules.Add(new RuleFacts(candidate.AttributeClass!.Name, Creation(candidate)));
            }
            return new OptionFacts(
                property.ContainingType.Name,
                AttributeNames.Has(property.ContainingType, AttributeNames.Device) || AttributeNames.Has(property.ContainingType, AttributeNames.OptionGroup),
                property.Name,
                attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null,
                property.GetMethod is not null,
                property.SetMethod is not null,
                property.SetMethod is { IsInitOnly: true },
                valueFacts,
                annotated,
                AttributeNames.NamedBool(attribute, "IsSize"),
                AttributeNames.NamedBool(attribute, "Auto"),
                AttributeNames.NamedBool(attribute, "HostOnly"),
                AttributeNames.NamedString(attribute, "Min"),
                AttributeNames.NamedString(attribute, "Max"),
                AttributeNames.NamedString(attribute, "Description"),
                Hints(hints),
                rules.ToImmutable());
        }

        private static readonly ConditionalWeakTable<ITypeSymbol, TypeFacts> Types = new();

        /// <summary>
        /// <see cref="TypeFacts.Of"/>, once per type of a compilation: a product's thousands of options have a few dozen
        /// types. Keyed by the type's definition (one object per type, whatever nullability the property writes).
        /// </summary>
        private static TypeFacts FactsOf(ITypeSymbol type)
        {
            // A constructed type (a generic one, or one nested in a generic type) is not its definition: read it each time.
            ITypeSymbol definition = type.OriginalDefinition;
            if (!SymbolEqualityComparer.Default.Equals(type, definition)) return TypeFacts.Of(type);
            return Types.GetValue(definition, static t => TypeFacts.Of(t));
        }

        private static bool IsRule(INamedTypeSymbol? attribute)
        {
            for (INamedTypeSymbol? current = attribute?.BaseType; current is not null; current = current.BaseType)
            {
                if (AttributeNames.IsDeviceModelType(current, "OptionRuleAttribute")) return true;
            }
            return false;
        }

        /// <summary>
        /// A rule attribute as a C# expression that creates it, or null when an argument is not one the generated code can
        /// write: a constant, a <c>typeof</c>, or an array of them (the generator's <c>Resolver</c> accepts the same; an
        /// array nested in an array, or an argument that does not compile, it cannot write).
        /// </summary>
        private static string? Creation(AttributeData rule)
        {
            // An attribute that does not bind (an argument that does not compile) gives no arguments at all.
            if (rule.AttributeConstructor is not { } constructor || constructor.Parameters.Length != rule.ConstructorArguments.Length) return null;
            var arguments = new List<string>();
            foreach (TypedConstant argument in rule.ConstructorArguments)
            {
                if (!Writable(argument)) return null;
                arguments.Add(argument.ToCSharpString());
            }
            var named = new List<string>();
            foreach (KeyValuePair<string, TypedConstant> argument in rule.NamedArguments)
            {
                if (!Writable(argument.Value)) return null;
                named.Add(argument.Key + " = " + argument.Value.ToCSharpString());
            }
            return "new " + rule.AttributeClass!.ToDisplayString(FullyQualified) + "(" + string.Join(", ", arguments) + ")"
                + (named.Count == 0 ? "" : " { " + string.Join(", ", named) + " }");
        }

        private static bool Writable(TypedConstant constant)
        {
            switch (constant.Kind)
            {
                case TypedConstantKind.Primitive:
                case TypedConstantKind.Enum:
                case TypedConstantKind.Type:
                    return true;
                case TypedConstantKind.Array:
                    if (constant.IsNull) return true;
                    foreach (TypedConstant value in constant.Values)
                    {
                        if (value.Kind is not (TypedConstantKind.Primitive or TypedConstantKind.Enum or TypedConstantKind.Type)) return false;
                    }
                    return true;
                default:
                    return false;
            }
        }
    }
}
