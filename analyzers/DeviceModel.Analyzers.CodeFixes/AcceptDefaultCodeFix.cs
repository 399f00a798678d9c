using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
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
    /// DM0001, DM0002, DM0013: records the option's current default in <c>CompatDefaults.Unshipped.txt</c> (replacing
    /// its line there, else inserting it in sorted position), as PublicApiAnalyzers records a new API. Fix-all batches
    /// every line of a project into one edit of the file. Accepting a changed default without a hint (DM0001) is a
    /// decision per option, so its fix-all is kept apart (another equivalence key) from accepting new options and
    /// defaults whose history is already recorded (DM0002, DM0013).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AcceptDefaultCodeFix)), Shared]
    public sealed class AcceptDefaultCodeFix : CodeFixProvider
    {
        /// <summary>Accepting new options and defaults already covered by a hint (DM0002, DM0013).</summary>
        public const string EquivalenceKey = "DeviceModel.AcceptCompatDefault";

        /// <summary>Accepting a changed default without a hint (DM0001): older machines will change.</summary>
        public const string UnversionedEquivalenceKey = "DeviceModel.AcceptUnversionedCompatDefault";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
            Descriptors.UnversionedDefault.Id, Descriptors.NewOptionWithoutHistory.Id, Descriptors.BaselineOutOfDate.Id);

        public override FixAllProvider GetFixAllProvider() => AcceptDefaultsFixAllProvider.Instance;

        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            Project project = context.TextDocument.Project;
            if (BaselineDocuments.Unshipped(project) is null) return Task.CompletedTask;
            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                if (LineOf(diagnostic) is not { } line) continue;
                bool unversioned = diagnostic.Id == Descriptors.UnversionedDefault.Id;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Accept '" + line.Line + "' into " + CompatDefaultsFormat.UnshippedFileName + (unversioned ? " (older machines change too)" : ""),
                        cancellationToken => SetLinesAsync(project.Solution, project.Id, new[] { line }, cancellationToken),
                        unversioned ? UnversionedEquivalenceKey : EquivalenceKey),
                    diagnostic);
            }
            return Task.CompletedTask;
        }

        /// <summary>Whether the fix of <paramref name="diagnostic"/> has the equivalence key <paramref name="key"/>.</summary>
        internal static bool HasKey(Diagnostic diagnostic, string? key) =>
            (diagnostic.Id == Descriptors.UnversionedDefault.Id ? UnversionedEquivalenceKey : EquivalenceKey) == key;

        /// <summary>The baseline line a diagnostic proposes, keyed for sorting.</summary>
        internal static (string Key, string Line)? LineOf(Diagnostic diagnostic)
        {
            if (!diagnostic.Properties.TryGetValue(Descriptors.BaselineLineProperty, out string? line) || line is null) return null;
            if (!diagnostic.Properties.TryGetValue(Descriptors.DeviceProperty, out string? device) || device is null) return null;
            if (!diagnostic.Properties.TryGetValue(Descriptors.OptionProperty, out string? option) || option is null) return null;
            return (CompatDefaultsFormat.Key(device, option), line);
        }

        internal static async Task<Solution> SetLinesAsync(Solution solution, ProjectId projectId, IEnumerable<(string Key, string Line)> lines, CancellationToken cancellationToken)
        {
            Project? project = solution.GetProject(projectId);
            if (project is null || BaselineDocuments.Unshipped(project) is not { } document) return solution;
            SourceText text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
            SourceText updated = CompatDefaultsEditor.SetLines(text, lines);
            return updated == text ? solution : solution.WithAdditionalDocumentText(document.Id, updated);
        }
    }

    /// <summary>
    /// Fix-all for <see cref="AcceptDefaultCodeFix"/>: collects the lines of every diagnostic in scope and writes each
    /// project's <c>CompatDefaults.Unshipped.txt</c> once (the default batch fixer would merge conflicting edits of one file).
    /// </summary>
    internal sealed class AcceptDefaultsFixAllProvider : FixAllProvider
    {
        public static readonly AcceptDefaultsFixAllProvider Instance = new();

        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() =>
            new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

        public override async Task<CodeAction?> GetFixAsync(FixAllContext context)
        {
            var byProject = new Dictionary<ProjectId, List<(string Key, string Line)>>();
            foreach ((Project project, ImmutableArray<Diagnostic> diagnostics) in await DiagnosticsInScopeAsync(context).ConfigureAwait(false))
            {
                foreach (Diagnostic diagnostic in diagnostics)
                {
                    if (!AcceptDefaultCodeFix.HasKey(diagnostic, context.CodeActionEquivalenceKey)) continue;
                    if (AcceptDefaultCodeFix.LineOf(diagnostic) is not { } line) continue;
                    if (!byProject.TryGetValue(project.Id, out List<(string, string)>? lines)) byProject.Add(project.Id, lines = new List<(string, string)>());
                    lines.Add(line);
                }
            }
            Solution solution = context.Solution;
            if (byProject.Count == 0)
            {
                // Nothing left in scope is not a failure: 'dotnet format analyzers' runs this fix-all once per project
                // that loads the code fixes, each time with the diagnostics found before the first run; a null here
                // would print "Unable to fix DM0002" after the first run accepted every line.
                return CodeAction.Create("No defaults left to accept", _ => Task.FromResult(solution), context.CodeActionEquivalenceKey);
            }
            return CodeAction.Create(
                "Accept all " + (context.CodeActionEquivalenceKey == AcceptDefaultCodeFix.UnversionedEquivalenceKey ? "changed" : "new") + " defaults into " + CompatDefaultsFormat.UnshippedFileName,
                async cancellationToken =>
                {
                    Solution updated = solution;
                    foreach (KeyValuePair<ProjectId, List<(string Key, string Line)>> pair in byProject)
                    {
                        updated = await AcceptDefaultCodeFix.SetLinesAsync(updated, pair.Key, pair.Value, cancellationToken).ConfigureAwait(false);
                    }
                    return updated;
                },
                context.CodeActionEquivalenceKey);
        }

        private static async Task<List<(Project, ImmutableArray<Diagnostic>)>> DiagnosticsInScopeAsync(FixAllContext context)
        {
            var result = new List<(Project, ImmutableArray<Diagnostic>)>();
            switch (context.Scope)
            {
                case FixAllScope.Document when context.Document is not null:
                    result.Add((context.Project, await context.GetDocumentDiagnosticsAsync(context.Document).ConfigureAwait(false)));
                    break;
                case FixAllScope.Project:
                    result.Add((context.Project, await context.GetAllDiagnosticsAsync(context.Project).ConfigureAwait(false)));
                    break;
                case FixAllScope.Solution:
                    foreach (Project project in context.Solution.Projects)
                    {
                        result.Add((project, await context.GetAllDiagnosticsAsync(project).ConfigureAwait(false)));
                    }
                    break;
            }
            return result;
        }
    }
}
