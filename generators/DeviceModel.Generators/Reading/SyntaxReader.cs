using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using DeviceModel.Declarations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DeviceModel.Generators.Reading
{
    /// <summary>
    /// The generator's per-class step: reads one class declaration from its syntax alone (no <c>SemanticModel</c>), so
    /// that after an edit only the classes of the edited file are read again. Literal attribute arguments (strings,
    /// numbers, <c>true</c>/<c>false</c>, <c>null</c>, <c>nameof(…)</c>, a cast of a number to an integer type) are
    /// evaluated here; any other argument (a constant, an enum member) is left to the compiler (<see cref="Resolver"/>).
    /// </summary>
    internal static class SyntaxReader
    {
        /// <summary>
        /// Whether <paramref name="node"/> is a class declaration that could matter: one with attributes, on itself or on a
        /// property, or a partial one with a base list (the part of a device that names its base type may carry nothing else).
        /// </summary>
        public static bool IsCandidate(SyntaxNode node, CancellationToken cancellationToken)
        {
            if (node is not ClassDeclarationSyntax type) return false;
            if (type.AttributeLists.Count > 0) return true;
            if (type.BaseList is not null && type.Modifiers.Any(SyntaxKind.PartialKeyword)) return true;
            foreach (MemberDeclarationSyntax member in type.Members)
            {
                if (member is PropertyDeclarationSyntax { AttributeLists.Count: > 0 }) return true;
            }
            return false;
        }

        private static readonly ConditionalWeakTable<ClassDeclarationSyntax, ClassPart> Parts = new();

        /// <summary>
        /// <see cref="Read"/>, once per node: syntax nodes are immutable and an unchanged tree keeps its nodes from one
        /// compilation to the next, so the part of a node is kept (weakly) and the pipeline's transform, which runs for
        /// every candidate on every run, costs a look-up. The part is a pure function of the node.
        /// </summary>
        public static ClassPart ReadOnce(ClassDeclarationSyntax node, CancellationToken cancellationToken) =>
            Parts.GetValue(node, n => Read(n, cancellationToken));

        public static ClassPart Read(ClassDeclarationSyntax node, CancellationToken cancellationToken)
        {
            string? ns = null;
            string? containing = null;
            var nested = new List<string>();
            for (SyntaxNode? parent = node.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is BaseNamespaceDeclarationSyntax declaration) ns = ns is null ? declaration.Name.ToString() : declaration.Name + "." + ns;
                else if (parent is TypeDeclarationSyntax outer)
                {
                    containing ??= outer.Identifier.ValueText;
                    nested.Insert(0, outer.Identifier.ValueText);
                }
            }
            string name = node.Identifier.ValueText;
            string metadataName = (ns is null ? "" : ns + ".") + (nested.Count == 0 ? "" : string.Join("+", nested) + "+") + name;

            bool isPartial = false, isAbstract = false, isSealed = false, isStatic = false;
            foreach (SyntaxToken modifier in node.Modifiers)
            {
                switch (modifier.Kind())
                {
                    case SyntaxKind.PartialKeyword: isPartial = true; break;
                    case SyntaxKind.AbstractKeyword: isAbstract = true; break;
                    case SyntaxKind.SealedKeyword: isSealed = true; break;
                    case SyntaxKind.StaticKeyword: isStatic = true; break;
                }
            }

            var nestedTypes = new List<string>();
            var properties = new List<PropertyPart>();
            foreach (MemberDeclarationSyntax member in node.Members)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (member is BaseTypeDeclarationSyntax nestedType) nestedTypes.Add(nestedType.Identifier.ValueText);
                else if (member is DelegateDeclarationSyntax nestedDelegate) nestedTypes.Add(nestedDelegate.Identifier.ValueText);
                else if (member is PropertyDeclarationSyntax { AttributeLists.Count: > 0 } property) properties.Add(ReadProperty(property));
            }

            Location identifier = node.Identifier.GetLocation();
            return new ClassPart(
                metadataName,
                ns,
                name,
                isPartial,
                isAbstract,
                isSealed,
                isStatic,
                containing,
                node.TypeParameterList is not null,
                node.SyntaxTree.FilePath,
                node.OpenBraceToken.IsMissing ? node.Span.End : node.OpenBraceToken.Span.End,
                Scope(node),
                node.BaseList is { Types.Count: > 0 } bases ? Normalize(bases.Types[0].Type) : null,
                new EquatableArray<string>(nestedTypes),
                Attributes(node.AttributeLists, allowTypeTarget: true),
                new EquatableArray<PropertyPart>(properties),
                new LocationInfo(node.SyntaxTree.FilePath, identifier.SourceSpan, identifier.GetLineSpan().Span));
        }

        private static PropertyPart ReadProperty(PropertyDeclarationSyntax property)
        {
            bool isOverride = false, isStatic = false;
            foreach (SyntaxToken modifier in property.Modifiers)
            {
                if (modifier.IsKind(SyntaxKind.OverrideKeyword)) isOverride = true;
                else if (modifier.IsKind(SyntaxKind.StaticKeyword)) isStatic = true;
            }
            bool getter = property.ExpressionBody is not null, setter = false, init = false;
            if (property.AccessorList is { } accessors)
            {
                foreach (AccessorDeclarationSyntax accessor in accessors.Accessors)
                {
                    switch (accessor.Kind())
                    {
                        case SyntaxKind.GetAccessorDeclaration: getter = true; break;
                        case SyntaxKind.SetAccessorDeclaration: setter = true; break;
                        case SyntaxKind.InitAccessorDeclaration: setter = true; init = true; break;
                    }
                }
            }
            TypeSyntax type = property.Type;
            bool nullable = false;
            if (type is NullableTypeSyntax nullableType)
            {
                nullable = true;
                type = nullableType.ElementType;
            }
            return new PropertyPart(property.Identifier.ValueText, Normalize(type), nullable, isOverride, isStatic, getter, setter, init,
                Attributes(property.AttributeLists, allowTypeTarget: false));
        }

        private static EquatableArray<AttributePart> Attributes(SyntaxList<AttributeListSyntax> lists, bool allowTypeTarget)
        {
            List<AttributePart>? attributes = null;
            foreach (AttributeListSyntax list in lists)
            {
                // [return: …], [field: …] and the like belong to something else; [type: …] is the class's own.
                if (list.Target is { } target && !(allowTypeTarget && target.Identifier.IsKind(SyntaxKind.TypeKeyword))) continue;
                foreach (AttributeSyntax attribute in list.Attributes)
                {
                    var arguments = new List<ArgumentPart>();
                    if (attribute.ArgumentList is { } argumentList)
                    {
                        foreach (AttributeArgumentSyntax argument in argumentList.Arguments)
                        {
                            string? name = argument.NameEquals?.Name.Identifier.ValueText ?? argument.NameColon?.Name.Identifier.ValueText;
                            ConstantValue? literal = Literal(argument.Expression);
                            MemberAccessExpressionSyntax? member = literal is null ? argument.Expression as MemberAccessExpressionSyntax : null;
                            if (member is not null && !(member.IsKind(SyntaxKind.SimpleMemberAccessExpression) && member.Name is IdentifierNameSyntax && member.Expression is NameSyntax or PredefinedTypeSyntax)) member = null;
                            // A literal's text is not needed: only an expression the compiler evaluates is looked for again.
                            arguments.Add(new ArgumentPart(name, argument.NameEquals is not null, literal, literal is null ? Normalize(argument.Expression) : "", argument.Expression.SpanStart,
                                member is null ? null : Normalize(member.Expression), member?.Name.Identifier.ValueText));
                        }
                    }
                    (attributes ??= new List<AttributePart>()).Add(new AttributePart(Normalize(attribute.Name), new EquatableArray<ArgumentPart>(arguments)));
                }
            }
            return attributes is null ? EquatableArray<AttributePart>.Empty : new EquatableArray<AttributePart>(attributes);
        }

        /// <summary>The constant a literal argument denotes, as the compiler would give it, or null when it is not a literal.</summary>
        public static ConstantValue? Literal(ExpressionSyntax expression)
        {
            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    return Literal(parenthesized.Expression);
                case LiteralExpressionSyntax literal:
                    switch (literal.Kind())
                    {
                        case SyntaxKind.NullLiteralExpression: return ConstantValue.Null;
                        case SyntaxKind.TrueLiteralExpression: return new ConstantValue(true, null);
                        case SyntaxKind.FalseLiteralExpression: return new ConstantValue(false, null);
                        case SyntaxKind.StringLiteralExpression:
                        case SyntaxKind.NumericLiteralExpression:
                            return literal.Token.Value is { } value && !literal.Token.ContainsDiagnostics ? new ConstantValue(value, null) : null;
                        default: return null;
                    }
                case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression, Operand: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NumericLiteralExpression } operand }:
                    // C#'s types of a negated literal: int stays int (but not int.MinValue's magnitude), long stays long.
                    return operand.Token.Value switch
                    {
                        int i => new ConstantValue(-i, null),
                        long l => new ConstantValue(-l, null),
                        _ => null,
                    };
                case InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" }, ArgumentList.Arguments.Count: 1 } invocation:
                    ExpressionSyntax operandName = invocation.ArgumentList.Arguments[0].Expression;
                    return operandName switch
                    {
                        IdentifierNameSyntax identifier => new ConstantValue(identifier.Identifier.ValueText, null),
                        MemberAccessExpressionSyntax { Name: IdentifierNameSyntax member } => new ConstantValue(member.Identifier.ValueText, null),
                        _ => null,
                    };
                case CastExpressionSyntax { Type: PredefinedTypeSyntax predefined } cast when Literal(cast.Expression) is { Value: { } raw, EnumType: null } inner && IsInteger(raw):
                    return Convert(raw, predefined.Keyword.Kind()) is { } converted ? new ConstantValue(converted, null) : null;
                default:
                    return null;
            }
        }

        private static bool IsInteger(object value) => value is sbyte or byte or short or ushort or int or uint or long or ulong;

        /// <summary>A constant integer cast to a predefined integer type, or null when it does not fit (the compiler rejects that cast).</summary>
        private static object? Convert(object value, SyntaxKind keyword)
        {
            decimal number = System.Convert.ToDecimal(value, CultureInfo.InvariantCulture);
            switch (keyword)
            {
                case SyntaxKind.SByteKeyword: return number is >= sbyte.MinValue and <= sbyte.MaxValue ? (sbyte)number : null;
                case SyntaxKind.ByteKeyword: return number is >= byte.MinValue and <= byte.MaxValue ? (byte)number : null;
                case SyntaxKind.ShortKeyword: return number is >= short.MinValue and <= short.MaxValue ? (short)number : null;
                case SyntaxKind.UShortKeyword: return number is >= ushort.MinValue and <= ushort.MaxValue ? (ushort)number : null;
                case SyntaxKind.IntKeyword: return number is >= int.MinValue and <= int.MaxValue ? (int)number : null;
                case SyntaxKind.UIntKeyword: return number is >= uint.MinValue and <= uint.MaxValue ? (uint)number : null;
                case SyntaxKind.LongKeyword: return number is >= long.MinValue and <= long.MaxValue ? (long)number : null;
                case SyntaxKind.ULongKeyword: return number is >= ulong.MinValue and <= ulong.MaxValue ? (ulong)number : null;
                default: return null;
            }
        }

        /// <summary>
        /// The namespaces and using directives (extern aliases included) in effect at the class, as a short key: two
        /// classes with equal scopes resolve a namespace-level name to the same symbol. The key is a 128-bit hash of the
        /// directives' text (two FNV-1a hashes), so that the many look-ups keyed by it stay cheap.
        /// </summary>
        private static string Scope(SyntaxNode node) => Hash(ScopeText(node));

        private static string Hash(string text)
        {
            ulong a = 14695981039346656037UL, b = 0x9ae16a3b2f90404fUL;
            foreach (char c in text)
            {
                a = (a ^ c) * 1099511628211UL;
                b = (b ^ c) * 0x100000001b3UL + 0x9e3779b97f4a7c15UL;
            }
            return a.ToString("x16", CultureInfo.InvariantCulture) + b.ToString("x16", CultureInfo.InvariantCulture);
        }

        private static string ScopeText(SyntaxNode node)
        {
            var levels = new List<string>();
            for (SyntaxNode? parent = node.Parent; parent is not null; parent = parent.Parent)
            {
                switch (parent)
                {
                    case BaseNamespaceDeclarationSyntax declaration:
                        levels.Add("namespace " + declaration.Name + "{" + Usings(declaration.Externs, declaration.Usings) + "}");
                        break;
                    case CompilationUnitSyntax unit:
                        levels.Add(Usings(unit.Externs, unit.Usings));
                        break;
                }
            }
            levels.Reverse();
            return string.Join("|", levels);
        }

        private static string Usings(SyntaxList<ExternAliasDirectiveSyntax> externs, SyntaxList<UsingDirectiveSyntax> usings)
        {
            var text = new StringBuilder();
            foreach (ExternAliasDirectiveSyntax directive in externs) text.Append(directive.ToString()).Append('\n');
            foreach (UsingDirectiveSyntax directive in usings) text.Append(directive.ToString()).Append('\n');
            return text.ToString();
        }

        /// <summary>A node's text without trivia (comments, line breaks), so that formatting does not change a model.</summary>
        private static string Normalize(SyntaxNode node)
        {
            switch (node)
            {
                case IdentifierNameSyntax identifier: return identifier.Identifier.Text;
                case PredefinedTypeSyntax predefined: return predefined.Keyword.Text;
                case QualifiedNameSyntax { Left: IdentifierNameSyntax left, Right: IdentifierNameSyntax right }: return left.Identifier.Text + "." + right.Identifier.Text;
            }
            var text = new StringBuilder();
            SyntaxToken previous = default;
            foreach (SyntaxToken token in node.DescendantTokens())
            {
                if (text.Length > 0 && IsWordLike(previous) && IsWordLike(token)) text.Append(' ');
                text.Append(token.Text);
                previous = token;
            }
            return text.ToString();
        }

        private static bool IsWordLike(SyntaxToken token) =>
            SyntaxFacts.IsKeywordKind(token.Kind()) || token.IsKind(SyntaxKind.IdentifierToken) || token.IsKind(SyntaxKind.NumericLiteralToken);
    }
}
