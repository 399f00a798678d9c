using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace DeviceModel.Analyzers.CodeFixes
{
    /// <summary>DM0009: adds <c>partial</c> to a <c>[Device]</c> class, last among its modifiers (<c>public sealed partial class</c>).</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialCodeFix)), Shared]
    public sealed class MakePartialCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "DeviceModel.MakePartial";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.DeviceNotPartial.Id);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.ContainsKey(Descriptors.NotPartialProperty)) continue;
                Document document = context.Document;
                context.RegisterCodeFix(
                    CodeAction.Create("Make the device class partial", cancellationToken => MakePartialAsync(document, diagnostic.Location.SourceSpan, cancellationToken), EquivalenceKey),
                    diagnostic);
            }
            return Task.CompletedTask;
        }

        private static async Task<Document> MakePartialAsync(Document document, TextSpan span, CancellationToken cancellationToken)
        {
            SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root?.FindToken(span.Start).Parent?.FirstAncestorOrSelf<ClassDeclarationSyntax>() is not { } declaration) return document;
            if (declaration.Modifiers.Any(SyntaxKind.PartialKeyword)) return document;
            ClassDeclarationSyntax updated;
            if (declaration.Modifiers.Count == 0)
            {
                // partial takes over the class keyword's leading trivia.
                SyntaxToken keyword = declaration.Keyword;
                SyntaxToken partial = SyntaxFactory.Token(keyword.LeadingTrivia, SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
                updated = declaration.WithKeyword(keyword.WithLeadingTrivia()).WithModifiers(SyntaxFactory.TokenList(partial));
            }
            else
            {
                updated = declaration.AddModifiers(SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space));
            }
            return document.WithSyntaxRoot(root.ReplaceNode(declaration, updated));
        }
    }
}
