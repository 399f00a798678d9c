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
using DeviceAnalyzer = Analyzers::DeviceModel.Analyzers.DeviceAnalyzer;
using RemoveStaleLineCodeFix = Analyzers::DeviceModel.Analyzers.CodeFixes.RemoveStaleLineCodeFix;

namespace DeviceModel.Analyzers.Tests
{
    /// <summary>
    /// (c) DM0003: the fix edits the baseline file the diagnostic sits in. The testing framework only applies fixes to
    /// diagnostics in C# documents, so this test drives the provider through a workspace, as the IDE does.
    /// </summary>
    public sealed class RemoveStaleLineCodeFixTests
    {
        [Fact]
        public async Task RemoveStaleLine_DeletesTheLineAndItsLineBreak_LeavingTheRest()
        {
            const string shipped = "# shipped\r\nnic mq=off\r\nnic queues=4\r\nzz x=1\r\n";
            (Project project, DocumentId baselineId) = CreateProject("""
                using DeviceModel;

                [Device("nic")]
                public partial class Nic
                {
                    [ConfigOption("mq")]
                    public bool Mq { get; set; }
                }

                [Device("zz")]
                public partial class Zz
                {
                    [ConfigOption("x")]
                    public int X { get; set; } = 1;
                }
                """, shipped);

            Diagnostic stale = Assert.Single(await AnalyzeAsync(project), d => d.Id == "DM0003");
            Assert.Equal("/p/CompatDefaults.Shipped.txt", stale.Location.GetLineSpan().Path);
            Assert.Equal(2, stale.Location.GetLineSpan().StartLinePosition.Line);

            TextDocument baseline = project.GetAdditionalDocument(baselineId)!;
            var actions = new List<CodeAction>();
            var context = new CodeFixContext(baseline, stale, (action, _) => actions.Add(action), CancellationToken.None);
            await new RemoveStaleLineCodeFix().RegisterCodeFixesAsync(context);
            CodeAction fix = Assert.Single(actions);

            Solution fixedSolution = Assert.Single((await fix.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>()).ChangedSolution;
            SourceText text = await fixedSolution.GetAdditionalDocument(baselineId)!.GetTextAsync();
            Assert.Equal("# shipped\r\nnic mq=off\r\nzz x=1\r\n", text.ToString());
            Assert.DoesNotContain(await AnalyzeAsync(fixedSolution.GetProject(project.Id)!), d => d.Id == "DM0003");
        }

        private static (Project Project, DocumentId Baseline) CreateProject(string source, string shipped)
        {
            var workspace = new AdhocWorkspace();
            ProjectId projectId = ProjectId.CreateNewId();
            DocumentId baselineId = DocumentId.CreateNewId(projectId);
            Solution solution = workspace.CurrentSolution
                .AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "Devices", "Devices", LanguageNames.CSharp,
                    compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
                    metadataReferences: TestProject.References))
                .AddDocument(DocumentId.CreateNewId(projectId), "Devices.cs", SourceText.From(source), filePath: "/p/Devices.cs")
                .AddAdditionalDocument(baselineId, "CompatDefaults.Shipped.txt", SourceText.From(shipped), filePath: "/p/CompatDefaults.Shipped.txt");
            return (solution.GetProject(projectId)!, baselineId);
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
