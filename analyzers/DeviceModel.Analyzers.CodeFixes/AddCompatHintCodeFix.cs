using DeviceModel.Declarations;
using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DeviceModel.Analyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using Microsoft.CodeAnalysis.Text;

namespace DeviceModel.Analyzers.CodeFixes
{
    /// <summary>
    /// DM0001: adds <c>[CompatHint("&lt;product version&gt;", &lt;baseline value&gt;)]</c> after the option's existing
    /// hints, so machines older than the product version keep the baseline value. On an override whose history is
    /// still inherited, the inherited hints are copied first: an override's own hints replace the inherited ones.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddCompatHintCodeFix)), Shared]
    public sealed class AddCompatHintCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "DeviceModel.AddCompatHint";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.UnversionedDefault.Id);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(Descriptors.HintSinceProperty, out string? since) || since is null) continue;
                if (!diagnostic.Properties.TryGetValue(Descriptors.HintValueProperty, out string? value) || value is null) continue;
                Document document = context.Document;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Add [CompatHint(\"" + since + "\", " + Shorten(value) + ")] (machines before " + since + " keep the old default)",
                        cancellationToken => AddHintAsync(document, diagnostic.Location.SourceSpan, since, value, cancellationToken),
                        EquivalenceKey),
                    diagnostic);
            }
            return Task.CompletedTask;
        }

        private static async Task<Document> AddHintAsync(Document document, TextSpan span, string since, string value, CancellationToken cancellationToken)
        {
            SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            SemanticModel? model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null) return document;
            if (root.FindNode(span).FirstAncestorOrSelf<PropertyDeclarationSyntax>() is not { } declaration) return document;
            if (model.GetDeclaredSymbol(declaration, cancellationToken) is not { } property || OptionReader.Read(property) is not { } option) return document;

            var hints = new List<AttributeListSyntax>();
            if (!option.OwnsHistory)
            {
                // Copy the inherited history, oldest first, or the new hint would replace it.
                // As the rules read it (OptionRules): each entry's value converted once, by the one conversion.
                foreach (HintReading inherited in option.Hints.OrderBy(h => h.Since ?? default))
                {
                    if (inherited.Facts.Since?.Value is not string inheritedSince) continue;
                    if (!inherited.Converts || option.Kind is not OptionKind kind
                        || OptionValues.ToCSharp(OptionValues.Format(kind, inherited.Bits, inherited.Text, inherited.State), option) is not { } literal) return document;
                    hints.Add(Hint(inheritedSince, literal, inherited.Facts.Reason, inherited.Facts.Family));
                }
            }
            hints.Add(Hint(since, value, null, null));

            string newLine = NewLine(await document.GetTextAsync(cancellationToken).ConfigureAwait(false));
            SyntaxTriviaList leading = declaration.GetLeadingTrivia();
            SyntaxTrivia indentation = leading.Count > 0 && leading.Last().IsKind(SyntaxKind.WhitespaceTrivia) ? leading.Last() : SyntaxFactory.Whitespace("");
            SyntaxList<AttributeListSyntax> lists = declaration.AttributeLists;
            int index = lists.Count;
            for (int i = lists.Count - 1; i >= 0; i--)
            {
                if (lists[i].Attributes.Any(IsCompatHint)) { index = i + 1; break; }
            }

            PropertyDeclarationSyntax updated;
            if (lists.Count == 0)
            {
                // The first attribute list takes over the declaration's leading trivia (doc comment, indentation).
                var added = hints.Select((h, i) => h.WithLeadingTrivia(i == 0 ? leading : SyntaxFactory.TriviaList(indentation)).WithTrailingTrivia(SyntaxFactory.EndOfLine(newLine)));
                updated = declaration.WithoutLeadingTrivia().WithAttributeLists(SyntaxFactory.List(added));
                SyntaxToken first = updated.Modifiers.Count > 0 ? updated.Modifiers[0] : updated.Type.GetFirstToken();
                updated = updated.ReplaceToken(first, first.WithLeadingTrivia(indentation));
            }
            else
            {
                var added = hints.Select(h => h.WithLeadingTrivia(indentation).WithTrailingTrivia(SyntaxFactory.EndOfLine(newLine)));
                updated = declaration.WithAttributeLists(lists.InsertRange(index, added));
            }
            return document.WithSyntaxRoot(root.ReplaceNode(declaration, updated));
        }

        private static AttributeListSyntax Hint(string since, string value, string? reason, string? family)
        {
            var arguments = new List<AttributeArgumentSyntax>
            {
                SyntaxFactory.AttributeArgument(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(since))),
                SyntaxFactory.AttributeArgument(SyntaxFactory.ParseExpression(value).WithAdditionalAnnotations(Simplifier.Annotation)),
            };
            if (reason is not null)
            {
                arguments.Add(SyntaxFactory.AttributeArgument(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(reason)))
                    .WithNameEquals(SyntaxFactory.NameEquals("Reason")));
            }
            if (family is not null)
            {
                arguments.Add(SyntaxFactory.AttributeArgument(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(family)))
                    .WithNameEquals(SyntaxFactory.NameEquals("Family")));
            }
            AttributeSyntax attribute = SyntaxFactory.Attribute(
                SyntaxFactory.ParseName("global::DeviceModel.CompatHint").WithAdditionalAnnotations(Simplifier.Annotation),
                SyntaxFactory.AttributeArgumentList(SyntaxFactory.SeparatedList(arguments)));
            return SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(attribute)).NormalizeWhitespace();
        }

        private static bool IsCompatHint(AttributeSyntax attribute)
        {
            string name = attribute.Name is QualifiedNameSyntax qualified ? qualified.Right.Identifier.ValueText
                : attribute.Name is AliasQualifiedNameSyntax alias ? alias.Name.Identifier.ValueText
                : attribute.Name is IdentifierNameSyntax identifier ? identifier.Identifier.ValueText : "";
            return name is "CompatHint" or "CompatHintAttribute";
        }

        private static string NewLine(SourceText text)
        {
            foreach (TextLine line in text.Lines)
            {
                if (line.EndIncludingLineBreak > line.End) return text.ToString(TextSpan.FromBounds(line.End, line.EndIncludingLineBreak));
            }
            return "\n";
        }

        private static string Shorten(string literal)
        {
            const string prefix = "global::";
            if (!literal.StartsWith(prefix, StringComparison.Ordinal)) return literal;
            int type = literal.LastIndexOf('.', literal.LastIndexOf('.') - 1);
            return literal.Substring(type + 1);
        }
    }
}
