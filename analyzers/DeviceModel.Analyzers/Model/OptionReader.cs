using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using DeviceModel.Generators.Parser;
using Microsoft.CodeAnalysis;

namespace DeviceModel.Analyzers.Model
{
    /// <summary>
    /// Reads option declarations with the discovery rules of the generator's <c>DeviceParser</c> (which it mirrors; the
    /// value conversions themselves are the parser's own code, linked into this assembly):
    /// <list type="bullet">
    /// <item>a device type's options are the non-static, non-indexer properties of the type and of every base type;</item>
    /// <item>a property is an option when it or a property it overrides carries <c>[ConfigOption]</c>;</item>
    /// <item>its history is the <c>[CompatHint]</c>s of the nearest property in the override chain that has any, so an
    /// override's own hints replace the inherited history;</item>
    /// <item>a class may declare the history of an option it inherits with <c>[CompatHint(…, Option = name)]</c> on the
    /// class; the nearest declaration (class-level, or an overriding property's hints) wins;</item>
    /// <item>the first declaration of a name, walking from the most derived type, wins; later ones are dropped.</item>
    /// </list>
    /// Where the generator silently skips a declaration, this reader records why, for the analyzers to report.
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
            option.Kind = DeviceParser.KindOf(valueType, option.IsSize);
            string typeName = valueType.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);
            if (option.Kind is null)
            {
                option.TypeProblem = option.IsSize && DeviceParser.KindOf(valueType, false) is not null
                    ? "IsSize applies to uint and ulong properties only, not to '" + typeName + "'"
                    : "type '" + typeName + "' is not an option type (bool, integers, string, OnOffAuto, MacAddress, PciAddress or an enum)";
                return;
            }
            if (option.DeclaredAuto && option.Kind != OptionKind.OnOffAuto && !nullable)
            {
                option.TypeProblem = "Auto needs a nullable type (null means auto) or OnOffAuto, not '" + typeName + "'";
                return;
            }
            if (option.Kind == OptionKind.Enum)
            {
                var names = new List<string>();
                var values = new List<object?>();
                var fields = new List<IFieldSymbol>();
                foreach (IFieldSymbol field in valueType.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue))
                {
                    names.Add(DeviceParser.EnumValueName(field));
                    values.Add(field.ConstantValue);
                    fields.Add(field);
                }
                option.EnumNames = names;
                option.EnumValues = values;
                option.EnumFields = fields;
            }
        }

        private static void ReadAccessors(OptionDeclaration option)
        {
            IPropertySymbol property = option.Property;
            if (property.GetMethod is null || property.SetMethod is null)
            {
                option.AccessorProblem = "needs both a get and a set accessor";
            }
            else if (property.SetMethod.IsInitOnly)
            {
                option.AccessorProblem = "needs a set accessor, not init: options are assigned after construction";
            }
            else if (property.ContainingType.IsAbstract
                && (property.GetMethod.DeclaredAccessibility == Accessibility.Private || property.SetMethod.DeclaredAccessibility == Accessibility.Private))
            {
                // The generated code of each subtype reads and writes the property: a private accessor hides it.
                option.AccessorProblem = "has a private accessor, which the generated code of derived devices cannot use";
            }
        }
    }
}
