using DeviceModel.Declarations;

namespace DeviceModel.Generators.Reading
{
    /// <summary>
    /// One class declaration (one part of a possibly partial class) as written: what <see cref="SyntaxReader"/> reads
    /// without the compiler. Names are as written and are resolved later, once per distinct name and scope
    /// (<see cref="Resolver"/>). Strings, numbers and equatable arrays only, so the step caches.
    /// </summary>
    /// <param name="MetadataName">The class's metadata name (<c>Ns.Name</c>; <c>Ns.Outer+Name</c> when nested).</param>
    /// <param name="ContainingType">The enclosing type's name when the class is nested, else null.</param>
    /// <param name="FilePath">The path of its syntax tree, to find the declaration again when the compiler is asked.</param>
    /// <param name="BodyPosition">A position in the class body: where names are resolved as the compiler resolves the members' types.</param>
    /// <param name="Scope">The namespaces and using directives in effect, as text: declarations with equal scopes resolve names alike.</param>
    /// <param name="BaseTypeText">The first entry of the base list as written, or null.</param>
    /// <param name="NestedTypes">Names of the types the part declares inside the class (they shadow outer names).</param>
    internal sealed record ClassPart(
        string MetadataName,
        string? Namespace,
        string Name,
        bool IsPartial,
        bool IsAbstract,
        bool IsSealed,
        bool IsStatic,
        string? ContainingType,
        bool IsGeneric,
        string FilePath,
        int BodyPosition,
        string Scope,
        string? BaseTypeText,
        EquatableArray<string> NestedTypes,
        EquatableArray<AttributePart> Attributes,
        EquatableArray<PropertyPart> Properties,
        LocationInfo Identifier);

    /// <summary>An attribute as written: its name (without <c>global::</c>) and its arguments in order.</summary>
    internal sealed record AttributePart(string Name, EquatableArray<ArgumentPart> Arguments);

    /// <summary>
    /// One attribute argument. <paramref name="Name"/> is null for a positional argument; <paramref name="IsProperty"/>
    /// tells <c>Name = value</c> (a property) from <c>name: value</c> (a constructor parameter). <paramref name="Literal"/>
    /// is the constant when the argument is a literal the reader evaluates itself, else null: the compiler evaluates
    /// <paramref name="Expression"/> at <paramref name="SpanStart"/>, unless it is <c>Type.Member</c> (<paramref name="MemberOf"/>
    /// and <paramref name="Member"/>) and the type is an enum with that member: its value is then read from the enum's facts.
    /// </summary>
    internal sealed record ArgumentPart(string? Name, bool IsProperty, ConstantValue? Literal, string Expression, int SpanStart, string? MemberOf, string? Member);

    /// <summary>A property that carries attributes, as written.</summary>
    /// <param name="NullableSyntax">The type is written <c>T?</c>.</param>
    internal sealed record PropertyPart(
        string Name,
        string TypeText,
        bool NullableSyntax,
        bool IsOverride,
        bool IsStatic,
        bool HasGetter,
        bool HasSetter,
        bool IsInitOnly,
        EquatableArray<AttributePart> Attributes);
}
