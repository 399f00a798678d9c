using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace DeviceModel.Declarations
{
    /// <summary>An enum member: its name, and the index of its value among the enum's distinct values.</summary>
    internal sealed record EnumField(string Name, int ValueIndex);

    /// <summary>
    /// What the option rules (<see cref="OptionRules"/>) need of a property type, read from its symbol: by the generator
    /// once per distinct type name (its <c>Resolver</c>), by the analyzers per property (<see cref="OptionReader"/>).
    /// </summary>
    /// <param name="FullyQualified">Fully qualified, special types by keyword (<c>uint</c>, <c>global::Ns.Mode</c>).</param>
    /// <param name="Display">As in compiler messages (<c>Ns.Mode</c>).</param>
    /// <param name="Minimal">Minimally qualified, as analyzer messages name it (<c>Mode</c>, <c>uint</c>).</param>
    /// <param name="SpecialType">A <c>Microsoft.CodeAnalysis.SpecialType</c> value.</param>
    /// <param name="NullableOf">A <c>Nullable&lt;T&gt;</c> written out: the facts of its <c>T</c>.</param>
    /// <param name="EnumNames">An enum's distinct values, each named as option values spell it.</param>
    /// <param name="EnumValues">An enum's distinct values, as constants.</param>
    /// <param name="EnumMembers">An enum's distinct values as C# member expressions (the first member of each).</param>
    /// <param name="EnumFields">Every member of an enum, aliases included.</param>
    /// <param name="IsOptionGroup">A class marked <c>[OptionGroup]</c> (the type of an <c>[IncludeOptions]</c> property).</param>
    internal sealed record TypeFacts(
        string FullyQualified,
        string Display,
        string Minimal,
        int SpecialType,
        bool IsReferenceType,
        string? FrameworkType,
        bool IsEnum,
        TypeFacts? NullableOf,
        EquatableArray<string> EnumNames,
        EquatableArray<ConstantValue> EnumValues,
        EquatableArray<string> EnumMembers,
        EquatableArray<EnumField> EnumFields,
        bool IsOptionGroup = false)
    {
        private static readonly SymbolDisplayFormat FullyQualifiedFormat = SymbolDisplayFormat.FullyQualifiedFormat
            .WithMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

        /// <summary>The facts of <paramref name="type"/> (a <c>Nullable&lt;T&gt;</c> with those of its <c>T</c>).</summary>
        public static TypeFacts Of(ITypeSymbol type)
        {
            TypeFacts? nullableOf = type is INamedTypeSymbol { OriginalDefinition.SpecialType: Microsoft.CodeAnalysis.SpecialType.System_Nullable_T } nullable ? Of(nullable.TypeArguments[0]) : null;
            var names = new List<string>();
            var values = new List<ConstantValue>();
            var members = new List<string>();
            var fields = new List<EnumField>();
            string fullyQualified = type.ToDisplayString(FullyQualifiedFormat);
            if (type.TypeKind == TypeKind.Enum)
            {
                foreach (ISymbol member in type.GetMembers())
                {
                    if (member is not IFieldSymbol { HasConstantValue: true } field) continue;
                    var value = new ConstantValue(field.ConstantValue, null);
                    int index = values.IndexOf(value);
                    if (index < 0)
                    {
                        // An alias (two members, one value) is one value, named by its first member: an alias's name is not a value.
                        index = values.Count;
                        values.Add(value);
                        names.Add(ValueConversions.EnumValueName(field));
                        members.Add(fullyQualified + "." + field.Name);
                    }
                    fields.Add(new EnumField(field.Name, index));
                }
            }
            return new TypeFacts(
                fullyQualified,
                type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat),
                type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
                (int)type.SpecialType,
                type.IsReferenceType,
                ValueConversions.FrameworkTypeName(type),
                type.TypeKind == TypeKind.Enum,
                nullableOf,
                new EquatableArray<string>(names),
                new EquatableArray<ConstantValue>(values),
                new EquatableArray<string>(members),
                new EquatableArray<EnumField>(fields),
                type.TypeKind == TypeKind.Class && AttributeNames.Has(type, AttributeNames.OptionGroup));
        }
    }
}
