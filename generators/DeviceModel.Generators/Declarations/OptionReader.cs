using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace DeviceModel.Declarations
{
    /// <summary>
    /// The reader of option declarations from symbols, used by the analyzers and by the generator for options a class
    /// inherits (its <c>Resolver</c>; a class's own declarations the generator reads from syntax, with the same rules
    /// applied through the same functions — <see cref="ValueConversions"/>, <see cref="ValueSyntax"/> — and
    /// <c>DroppedDeclarationTests</c> holding the two to one answer):
    /// <list type="bullet">
    /// <item>a property is an option when it or a property it overrides carries <c>[ConfigOption]</c>; the type whose
    /// property carries the attribute declares the option, and its generated table has the row;</item>
    /// <item>an override without <c>[ConfigOption]</c> may carry <c>[CompatHint]</c>s: they replace the inherited history
    /// for its type and subtypes (so does a class's <c>[CompatHint(…, Option = name)]</c>); the nearest declaration wins;</item>
    /// <item>a type's options are composed at run time from its table chain; a nearer declaration of a name replaces a
    /// farther one (DM0007 reports the clash).</item>
    /// </list>
    /// Where a declaration cannot be used, the reader records why (<see cref="OptionDeclaration.TypeProblem"/>,
    /// <see cref="OptionDeclaration.AccessorProblem"/>) for the analyzers to report.
    /// </summary>
    internal static class OptionReader
    {
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
                    ImmutableArray<AttributeData> hints = attributes.Where(a => AttributeNames.Is(a, AttributeNames.CompatHint)).ToImmutableArray();
                    if (!hints.IsEmpty) { historySource = p; history = hints; }
                }
            }
            if (attribute is null || owner is null) return null;

            var option = new OptionDeclaration(property, owner, attribute, historySource, history);
            ReadType(option);
            ReadAccessors(option);
            return option;
        }

        /// <summary>
        /// <paramref name="option"/> with the history a class declares for it (<c>[CompatHint(…, Option = name)]</c> on a
        /// class that inherits the option), which replaces the property's own for that class and its subtypes.
        /// </summary>
        public static OptionDeclaration WithClassHistory(OptionDeclaration option, ImmutableArray<AttributeData> history)
        {
            var copy = new OptionDeclaration(option.Property, option.AttributeOwner, option.Attribute, historySource: null, history);
            ReadType(copy);
            ReadAccessors(copy);
            return copy;
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

        private static void ReadType(OptionDeclaration option)
        {
            ITypeSymbol type = option.Property.Type;
            ITypeSymbol valueType = type;
            bool nullable = false;
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullableType)
            {
                nullable = true;
                valueType = nullableType.TypeArguments[0];
            }
            else if (type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated)
            {
                nullable = true;
                valueType = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
            }
            option.IsNullable = nullable;
            option.ValueType = valueType;
            option.Kind = ValueConversions.KindOf(valueType, option.IsSize);
            if (option.Kind is null)
            {
                string typeName = valueType.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);
                option.TypeProblem = option.IsSize && ValueConversions.KindOf(valueType, false) is not null
                    ? "IsSize applies to uint and ulong properties only, not to '" + typeName + "'"
                    : "type '" + typeName + "' is not an option type (bool, integers, string, OnOffAuto, MacAddress, PciAddress or an enum)";
                return;
            }
            if (option.DeclaredAuto && option.Kind != OptionKind.OnOffAuto && !nullable)
            {
                option.TypeProblem = "Auto needs a nullable type (null means auto) or OnOffAuto, not '" + valueType.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat) + "'";
                return;
            }
            foreach (string limit in new[] { "Min", "Max" })
            {
                if (LimitProblem(option, limit) is { } problem)
                {
                    option.TypeProblem = problem;
                    return;
                }
            }
            if (option.Kind == OptionKind.Enum)
            {
                var names = new List<string>();
                var values = new List<object?>();
                var fields = new List<IFieldSymbol>();
                foreach (IFieldSymbol field in valueType.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue))
                {
                    // An alias (two members, one value) is one value, named by its first member: an alias's name is not a value.
                    if (values.Contains(field.ConstantValue)) continue;
                    names.Add(ValueConversions.EnumValueName(field));
                    values.Add(field.ConstantValue);
                    fields.Add(field);
                }
                option.EnumNames = names;
                option.EnumValues = values;
                option.EnumFields = fields;
            }
        }

        /// <summary>
        /// Why a <c>Min</c>/<c>Max</c> text cannot be the option's limit (the generator parses it at build time), or null:
        /// limits apply to integer and size options and are written in the option's own value syntax.
        /// </summary>
        private static string? LimitProblem(OptionDeclaration option, string name)
        {
            if (AttributeNames.NamedString(option.Attribute, name) is not string text) return null;
            OptionKind kind = option.Kind!.Value;
            if (!ValueSyntax.IsInteger(kind)) return name + " applies to integer and size options only";
            return ValueConversions.TryParseLimit(text, kind, out _) ? null : name + " '" + text + "' is not " + ValueSyntax.Expected(kind);
        }

        private static void ReadAccessors(OptionDeclaration option)
        {
            // Only the declaring property is accessed, by its own type's generated code (private accessors included).
            if (!option.OwnsAttribute) return;
            IPropertySymbol property = option.Property;
            if (property.GetMethod is null || property.SetMethod is null)
            {
                option.AccessorProblem = "needs both a get and a set accessor";
            }
            else if (property.SetMethod.IsInitOnly)
            {
                option.AccessorProblem = "needs a set accessor, not init: options are assigned after construction";
            }
        }
    }
}
