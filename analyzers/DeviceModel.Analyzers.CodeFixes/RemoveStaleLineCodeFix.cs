using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using DeviceModel.Analyzers.Baseline;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace DeviceModel.Analyzers.CodeFixes
{
    /// <summary>
    /// DM0003: removes a baseline line whose option no longer exists. The diagnostic sits in the baseline file (an
    /// additional document), so the fix edits that document.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveStaleLineCodeFix)), Shared]
    public sealed class RemoveStaleLineCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "DeviceModel.RemoveStaleCompatDefault";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.StaleBaselineLine.Id);

        // A batch of removals in one additional document is rare enough to fix one by one.
        public override FixAllProvider? GetFixAllProvider() => null;

        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            TextDocument document = context.TextDocument;
            string? path = document.FilePath ?? document.Name;
            if (!CompatDefaultsFormat.IsShipped(path) && !CompatDefaultsFormat.IsUnshipped(path)) return Task.CompletedTask;
            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                TextSpan span = diagnostic.Location.SourceSpan;
                context.RegisterCodeFix(
                    CodeAction.Create("Remove the line of the removed option", cancellationToken => RemoveAsync(document, span, cancellationToken), EquivalenceKey),
                    diagnostic);
            }
            return Task.CompletedTask;
        }

        internal static async Task<Solution> RemoveAsync(TextDocument document, TextSpan span, CancellationToken cancellationToken)
        {
            SourceText text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
            return document.Project.Solution.WithAdditionalDocumentText(document.Id, CompatDefaultsEditor.RemoveLines(text, new[] { span }));
        }
    }
}
