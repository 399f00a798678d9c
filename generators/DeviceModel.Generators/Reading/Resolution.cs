using System.Collections.Generic;
using DeviceModel.Declarations;

namespace DeviceModel.Generators.Reading
{
    /// <summary>All parts of one class (a partial class may have several), in compilation order.</summary>
    internal sealed record TypeGroup(string MetadataName, EquatableArray<ClassPart> Parts);

    /// <summary>What a name resolves to: a type for a property, an attribute class, or a base type.</summary>
    internal enum NameRole
    {
        /// <summary>An option property's type, resolved in the class body.</summary>
        Type,

        /// <summary>An attribute on a property, resolved in the class body.</summary>
        PropertyAttribute,

        /// <summary>An attribute on the class, resolved where the class is declared.</summary>
        ClassAttribute,

        /// <summary>The first entry of the base list, resolved where the class is declared.</summary>
        Base,
    }

    /// <summary>What an attribute class is to DeviceModel.</summary>
    internal enum AttributeRole
    {
        Other,
        Device,
        ConfigOption,
        CompatHint,
        PciCapability,
        PciExtendedCapability,
        DeviceCatalog,
        OptionRule,
        DeviceRule,
        OptionGroup,
        IncludeOptions,
    }

    /// <summary>
    /// A name to resolve with the compiler, once per <paramref name="Key"/> (declarations that resolve names alike) and
    /// text; the class, file and position say where (the first declaration that needs it).
    /// </summary>
    internal sealed record NameQuery(string Key, string Text, NameRole Role, string Class, string FilePath, int Position);

    /// <summary>
    /// An attribute argument that is not a literal: an enum member (<paramref name="TypeText"/>.<paramref name="Member"/>,
    /// the type resolved as a name under <paramref name="TypeKey"/>) is read from the enum's facts; anything else the
    /// compiler evaluates where it is written.
    /// </summary>
    internal sealed record ConstantQuery(string Class, string FilePath, int SpanStart, string Expression, string? TypeKey, string? TypeText, string? Member);

    /// <summary>
    /// An option a class inherits: by option name (a class-level <c>[CompatHint(…, Option = name)]</c>) or by the name
    /// of an overriding property that carries <c>[CompatHint]</c>s.
    /// </summary>
    internal sealed record InheritedQuery(string Class, string Name, bool ByProperty);

    /// <summary>The length a capability factory's return type declares (<c>[CapabilityLength]</c>), for a capability attribute without <c>Length</c>.</summary>
    /// <remarks>Asked for every attribute that could be a capability; answered only for those whose name (<paramref name="AttributeKey"/>, <paramref name="AttributeName"/>) resolves to one.</remarks>
    internal sealed record LengthQuery(string Class, string Factory, string AttributeKey, string AttributeName);

    /// <summary>A class that may be a <c>[DeviceCatalog]</c>: one of its attributes (<paramref name="AttributeKey"/>, <paramref name="AttributeName"/>) may resolve to it.</summary>
    internal sealed record CatalogQuery(string Class, bool IsPartial, string AttributeKey, string AttributeName);

    /// <summary>Everything the declarations of the compilation ask the compiler, each once.</summary>
    internal sealed record Queries(
        EquatableArray<NameQuery> Names,
        EquatableArray<ConstantQuery> Constants,
        EquatableArray<InheritedQuery> Inherited,
        EquatableArray<LengthQuery> Lengths,
        EquatableArray<CatalogQuery> Catalogs);

    /// <summary>The answer to a <see cref="NameQuery"/>; all null/false when the name does not resolve.</summary>
    /// <param name="FullyQualified">The attribute class (for a rule: the type to create) or base type, fully qualified.</param>
    /// <param name="HidesDescriptor">For a base type: it or one of its bases is a concrete device with a <c>Descriptor</c>.</param>
    internal sealed record NameAnswer(string Key, string Text, TypeFacts? Type, AttributeRole Attribute, string? FullyQualified, bool HidesDescriptor);

    /// <summary>The answer to a <see cref="ConstantQuery"/>: the constant, or null when the expression has no constant value.</summary>
    internal sealed record ConstantAnswer(ConstantQuery Query, ConstantValue? Value);

    /// <summary>
    /// An inherited option as the declaration rules read its declaring property (<see cref="OptionRules"/>, through
    /// <see cref="OptionReader"/>): what hints are read against; null when the class inherits no such option.
    /// </summary>
    internal sealed record InheritedAnswer(InheritedQuery Query, HintTarget? Option);

    /// <summary>The answer to a <see cref="LengthQuery"/>: 0 when unknown.</summary>
    internal sealed record LengthAnswer(LengthQuery Query, int Length);

    /// <summary>The compiler's answers to <see cref="Queries"/>; compared by content, so an unchanged resolution leaves every type's model cached.</summary>
    /// <param name="Catalogs">The <c>[DeviceCatalog]</c> classes, read with the compiler (one class per product).</param>
    internal sealed record Resolution(
        EquatableArray<NameAnswer> Names,
        EquatableArray<ConstantAnswer> Constants,
        EquatableArray<InheritedAnswer> Inherited,
        EquatableArray<LengthAnswer> Lengths,
        EquatableArray<CatalogSpec> Catalogs)
    {
        private Dictionary<(string, string), NameAnswer>? _names;
        private Dictionary<(string, string, int), ConstantValue?>? _constants;
        private Dictionary<InheritedQuery, InheritedAnswer>? _inherited;
        private Dictionary<LengthQuery, int>? _lengths;

        public NameAnswer? Name(string key, string text)
        {
            if (_names is null)
            {
                var names = new Dictionary<(string, string), NameAnswer>();
                foreach (NameAnswer answer in Names) names[(answer.Key, answer.Text)] = answer;
                _names = names;
            }
            return _names.TryGetValue((key, text), out NameAnswer? found) ? found : null;
        }

        /// <summary>The value of the non-literal argument of class <paramref name="className"/> written at <paramref name="spanStart"/> in <paramref name="filePath"/>.</summary>
        public ConstantValue? Constant(string className, string filePath, int spanStart)
        {
            if (_constants is null)
            {
                var constants = new Dictionary<(string, string, int), ConstantValue?>();
                foreach (ConstantAnswer answer in Constants) constants[(answer.Query.Class, answer.Query.FilePath, answer.Query.SpanStart)] = answer.Value;
                _constants = constants;
            }
            return _constants.TryGetValue((className, filePath, spanStart), out ConstantValue? found) ? found : null;
        }

        public InheritedAnswer? InheritedOption(InheritedQuery query)
        {
            if (_inherited is null)
            {
                var inherited = new Dictionary<InheritedQuery, InheritedAnswer>();
                foreach (InheritedAnswer answer in Inherited) inherited[answer.Query] = answer;
                _inherited = inherited;
            }
            return _inherited.TryGetValue(query, out InheritedAnswer? found) ? found : null;
        }

        public int Length(LengthQuery query)
        {
            if (_lengths is null)
            {
                var lengths = new Dictionary<LengthQuery, int>();
                foreach (LengthAnswer answer in Lengths) lengths[answer.Query] = answer.Length;
                _lengths = lengths;
            }
            return _lengths.TryGetValue(query, out int found) ? found : 0;
        }

        // The lookup tables are caches of the arrays: equality is the arrays'.
        public bool Equals(Resolution? other) =>
            other is not null && Names.Equals(other.Names) && Constants.Equals(other.Constants) && Inherited.Equals(other.Inherited) && Lengths.Equals(other.Lengths)
            && Catalogs.Equals(other.Catalogs);

        public override int GetHashCode() => Names.GetHashCode() ^ Constants.GetHashCode() ^ Inherited.GetHashCode() ^ Lengths.GetHashCode();
    }
}
