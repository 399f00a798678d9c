extern alias Analyzers;

using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Threading.Tasks;
using DeviceModel.Analyzers.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using DeviceAnalyzer = Analyzers::DeviceModel.Analyzers.DeviceAnalyzer;

namespace DeviceModel.Analyzers.Tests
{
    /// <summary>
    /// The help link a user opens from a reported diagnostic: the published page by default, or the page under the
    /// project's MSBuild property <c>DeviceModelHelpLinkBase</c> (made compiler-visible by the package's props).
    /// </summary>
    public sealed class HelpLinkTests
    {
        private const string Source = """
            using DeviceModel;

            [Device("Bad Name")]
            public partial class Nic
            {
            }
            """;

        [Fact]
        public async Task ReportedDiagnostic_LinksToThePublishedPage_ByDefault()
        {
            Diagnostic dm0008 = Assert.Single(await AnalyzeAsync(new Dictionary<string, string>()), d => d.Id == "DM0008");
            Assert.Equal("https://github.com/devicemodel/devicemodel/blob/main/docs/diagnostics/DM0008.md", dm0008.Descriptor.HelpLinkUri);
        }

        [Theory]
        [InlineData("https://docs.example.com/devicemodel/diagnostics")]
        [InlineData("https://docs.example.com/devicemodel/diagnostics/")]
        public async Task ReportedDiagnostic_LinksUnderDeviceModelHelpLinkBase_WhenTheProjectSetsIt(string linkBase)
        {
            var options = new Dictionary<string, string> { ["build_property.DeviceModelHelpLinkBase"] = linkBase };
            Diagnostic dm0008 = Assert.Single(await AnalyzeAsync(options), d => d.Id == "DM0008");
            Assert.Equal("https://docs.example.com/devicemodel/diagnostics/DM0008.md", dm0008.Descriptor.HelpLinkUri);
            Assert.Equal(DiagnosticSeverity.Error, dm0008.Severity);
            Assert.Equal("'Bad Name' is not a valid device name: use lower-case letters, digits, '-', '_' and '.', starting with a letter", dm0008.GetMessage());
        }

        private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Dictionary<string, string> globalOptions)
        {
            CSharpCompilation compilation = CSharpCompilation.Create("Links",
                new[] { CSharpSyntaxTree.ParseText(Source, path: "/p/Nic.cs") },
                TestProject.References,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new GlobalOptionsProvider(globalOptions));
            return await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new DeviceAnalyzer()), options).GetAnalyzerDiagnosticsAsync();
        }

        /// <summary>Global options only, as MSBuild passes compiler-visible properties.</summary>
        internal sealed class GlobalOptionsProvider : AnalyzerConfigOptionsProvider
        {
            private readonly Options _global;

            public GlobalOptionsProvider(Dictionary<string, string> global) => _global = new Options(global);

            public override AnalyzerConfigOptions GlobalOptions => _global;

            public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

            public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

            private sealed class Options : AnalyzerConfigOptions
            {
                public static readonly Options Empty = new(new Dictionary<string, string>());

                private readonly Dictionary<string, string> _values;

                public Options(Dictionary<string, string> values) => _values = values;

                public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => _values.TryGetValue(key, out value);

                public override IEnumerable<string> Keys => _values.Keys;
            }
        }
    }
}
