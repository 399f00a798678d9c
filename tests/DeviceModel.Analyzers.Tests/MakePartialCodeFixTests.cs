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
using Microsoft.CodeAnalysis.Text;
using Descriptors = Analyzers::DeviceModel.Analyzers.Descriptors;
using MakePartialCodeFix = Analyzers::DeviceModel.Analyzers.CodeFixes.MakePartialCodeFix;

namespace DeviceModel.Analyzers.Tests
{
    /// <summary>
    /// The make-partial fix on DM0009 as the generator reports it for a concrete class (on the class name, with the
    /// NotPartial property; DeviceModel.Generators.Tests/NotPartialDeviceTests proves that shape). The testing
    /// framework runs no generator, so this builds that diagnostic and drives the provider through a workspace.
    /// </summary>
    public sealed class MakePartialCodeFixTests
    {
        [Fact]
        public async Task GeneratorsDM0009_OnAClassWithoutModifiers_GetsPartialBeforeTheClassKeyword()
        {
            const string source = "using DeviceModel;\n\n// the NIC\n[Device(\"nic\")]\nclass Nic : Device\n{\n}\n";
            var workspace = new AdhocWorkspace();
            ProjectId projectId = ProjectId.CreateNewId();
            DocumentId documentId = DocumentId.CreateNewId(projectId);
            Solution solution = workspace.CurrentSolution
                .AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "Devices", "Devices", LanguageNames.CSharp, metadataReferences: TestProject.References))
                .AddDocument(documentId, "Nic.cs", SourceText.From(source), filePath: "/p/Nic.cs");
            Document document = solution.GetDocument(documentId)!;
            SyntaxTree tree = (await document.GetSyntaxTreeAsync())!;
            int start = source.IndexOf("Nic :", System.StringComparison.Ordinal);
            Diagnostic dm0009 = Diagnostic.Create(Descriptors.DeviceNotPartial, Location.Create(tree, new TextSpan(start, 3)),
                ImmutableDictionary<string, string?>.Empty.Add(Descriptors.NotPartialProperty, "true"), "Nic", "is not partial: the generator skips it");

            var actions = new List<CodeAction>();
            await new MakePartialCodeFix().RegisterCodeFixesAsync(new CodeFixContext(document, dm0009, (action, _) => actions.Add(action), CancellationToken.None));
            CodeAction fix = Assert.Single(actions);
            Solution fixedSolution = Assert.Single((await fix.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>()).ChangedSolution;

            string text = (await fixedSolution.GetDocument(documentId)!.GetTextAsync()).ToString();
            Assert.Equal("using DeviceModel;\n\n// the NIC\n[Device(\"nic\")]\npartial class Nic : Device\n{\n}\n", text);
        }
    }
}
