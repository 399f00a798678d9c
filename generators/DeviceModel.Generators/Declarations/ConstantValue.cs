using Microsoft.CodeAnalysis;

namespace DeviceModel.Declarations
{
    /// <summary>
    /// A constant attribute argument as <see cref="TypedConstant"/> gives it — a string, a bool or a boxed integer of
    /// its C# type, or null — and, for an enum constant, the enum type (fully qualified). The generator reads it from
    /// syntax (<c>SyntaxReader</c>) or, for an expression that is not a literal, from the compiler; the analyzers from
    /// <see cref="TypedConstant"/>: <see cref="ValueConversions.TryCanonical(ConstantValue, OptionKind, bool, bool, System.Collections.Generic.IReadOnlyList{string}, System.Collections.Generic.IReadOnlyList{object})"/>
    /// converts all of them alike. Value-equatable (boxed primitives compare by value), so models holding it cache.
    /// </summary>
    /// <param name="IsArray">An array constant (a <c>params</c> argument) or a <c>typeof</c>: never an option value.</param>
    /// <param name="Code">For such an argument the generator read, the C# expression that creates it (a rule attribute's argument).</param>
    internal sealed record ConstantValue(object? Value, string? EnumType, bool IsArray = false, string? Code = null)
    {
        public const string OnOffAutoType = "global::DeviceModel.OnOffAuto";

        public static readonly ConstantValue Null = new(null, null);

        public static ConstantValue From(TypedConstant constant) =>
            constant.Kind == TypedConstantKind.Array ? new ConstantValue(null, null, IsArray: true)
            : new ConstantValue(constant.IsNull ? null : constant.Value,
                constant.Kind == TypedConstantKind.Enum ? constant.Type!.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) : null);
    }
}
