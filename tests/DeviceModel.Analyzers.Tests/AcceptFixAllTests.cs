extern alias Analyzers;

using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DeviceModel.Analyzers.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using AcceptDefaultCodeFix = Analyzers::DeviceModel.Analyzers.CodeFixes.AcceptDefaultCodeFix;
using DeviceAnalyzer = Analyzers::DeviceModel.Analyzers.DeviceAnalyzer;

namespace DeviceModel.Analyzers.Tests
{
    /// <summary>
    /// The accept flow as <c>dotnet format analyzers --diagnostics DM0002</c> drives it: one fix-all in Solution scope per
    /// code fix provider instance (one instance per project that loads the code fixes, e.g. a product and the runtime it
    /// references), all with the diagnostics found before the first ran. The first accepts every line; the next must
    /// find nothing to do and say so with an empty fix, not a null one (which dotnet format prints as
    /// "Unable to fix DM0002. Code fix AcceptDefaultCodeFix didn't return a Fix All action").
    /// </summary>
    public sealed class AcceptFixAllTests
    {
        [Fact]
        public async Task FixAllInSolution_AcceptsEveryLine_ThenASecondProviderInstance_ReturnsAnEmptyFixNotNull()
        {
            (Project project, DocumentId unshippedId) = CreateProject("""
                using DeviceModel;

                [Device("nic")]
                public partial class Nic
                {
                    [ConfigOption("mq")]
                    public bool Mq { get; set; }

                    [ConfigOption("queues")]
                    public uint Queues { get; set; } = 4;
                }
                """);
            ImmutableArray<Diagnostic> found = (await AnalyzeAsync(project)).Where(d => d.Id == "DM0002").ToImmutableArray();
            Assert.Equal(2, found.Length);
            var provider = new StaleDiagnostics(project, found);

            Solution first = await FixAllAsync(new AcceptDefaultCodeFix(), project.Solution, found[0], provider);
            SourceText accepted = await first.GetAdditionalDocument(unshippedId)!.GetTextAsync();
            Assert.Equal("nic mq=off\nnic queues=4\n", accepted.ToString());
            Assert.DoesNotContain(await AnalyzeAsync(first.GetProject(project.Id)!), d => d.Id == "DM0002");

            // The second instance: a solution where the lines are accepted, diagnostics keyed by the old project.
            Solution second = await FixAllAsync(new AcceptDefaultCodeFix(), first, found[0], provider);
            Assert.Empty(second.GetChanges(first).GetProjectChanges());
        }

        /// <summary>What dotnet format's SolutionCodeFixApplier does: register the fixes of one diagnostic, fix-all with the first action's key.</summary>
        private static async Task<Solution> FixAllAsync(CodeFixProvider fix, Solution solution, Diagnostic diagnostic, FixAllContext.DiagnosticProvider provider)
        {
            Document document = solution.GetDocument(diagnostic.Location.SourceTree)!;
            CodeAction? first = null;
            await fix.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => first ??= action, CancellationToken.None));
            Assert.NotNull(first);
            var context = new FixAllContext(document, fix, FixAllScope.Solution, first!.EquivalenceKey, new[] { diagnostic.Id }, provider, CancellationToken.None);
            CodeAction? fixAll = await fix.GetFixAllProvider()!.GetFixAsync(context);
            Assert.NotNull(fixAll);
            ImmutableArray<CodeActionOperation> operations = await fixAll!.GetOperationsAsync(CancellationToken.None);
            return Assert.Single(operations.OfType<ApplyChangesOperation>()).ChangedSolution;
        }

        /// <summary>Diagnostics computed once, keyed by the project instance they were computed on (as dotnet format keeps them).</summary>
        private sealed class StaleDiagnostics : FixAllContext.DiagnosticProvider
        {
            private readonly Project _project;
            private readonly ImmutableArray<Diagnostic> _diagnostics;

            public StaleDiagnostics(Project project, ImmutableArray<Diagnostic> diagnostics)
            {
                _project = project;
                _diagnostics = diagnostics;
            }

            public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
                GetProjectDiagnosticsAsync(project, cancellationToken);

            public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
                Task.FromResult(ReferenceEquals(document.Project, _project) ? _diagnostics.Where(d => d.Location.SourceTree?.FilePath == document.FilePath) : Enumerable.Empty<Diagnostic>());

            public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
                Task.FromResult(ReferenceEquals(project, _project) ? _diagnostics : Enumerable.Empty<Diagnostic>());
        }

        private static (Project Project, DocumentId Unshipped) CreateProject(string source)
        {
            var workspace = new AdhocWorkspace();
            ProjectId projectId = ProjectId.CreateNewId();
            DocumentId unshippedId = DocumentId.CreateNewId(projectId);
            Solution solution = workspace.CurrentSolution
                .AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "Devices", "Devices", LanguageNames.CSharp,
                    compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
                    metadataReferences: TestProject.References))
                .AddDocument(DocumentId.CreateNewId(projectId), "Devices.cs", SourceText.From(source), filePath: "/p/Devices.cs")
                .AddAdditionalDocument(DocumentId.CreateNewId(projectId), "CompatDefaults.Shipped.txt", SourceText.From(""), filePath: "/p/CompatDefaults.Shipped.txt")
                .AddAdditionalDocument(unshippedId, "CompatDefaults.Unshipped.txt", SourceText.From(""), filePath: "/p/CompatDefaults.Unshipped.txt");
            return (solution.GetProject(projectId)!, unshippedId);
        }

        private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Project project)
        {
            Compilation compilation = (await project.GetCompilationAsync())!;
            return await compilation
                .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new DeviceAnalyzer()), project.AnalyzerOptions)
                .GetAnalyzerDiagnosticsAsync();
        }
    }
}
