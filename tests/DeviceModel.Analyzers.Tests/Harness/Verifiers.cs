extern alias Analyzers;

using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using DeviceAnalyzer = Analyzers::DeviceModel.Analyzers.DeviceAnalyzer;

namespace DeviceModel.Analyzers.Tests.Harness
{
    /// <summary>
    /// How every analyzer test builds its project: net10.0 reference assemblies from Basic.Reference.Assemblies plus
    /// the DeviceModel runtime as metadata references, nullable enabled. The <see cref="ReferenceAssemblies"/> name only
    /// a target framework (no package), so the test framework never downloads anything.
    /// </summary>
    internal static class TestProject
    {
        /// <summary>No reference-assembly package: nothing to resolve, nothing to download.</summary>
        public static readonly ReferenceAssemblies Offline = new("net10.0");

        public static readonly ImmutableArray<MetadataReference> References = Basic.Reference.Assemblies.Net100.References.All
            .Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(DeviceModel.Device).Assembly.Location))
            .ToImmutableArray();

        public const string ShippedPath = "/0/CompatDefaults.Shipped.txt";
        public const string UnshippedPath = "/0/CompatDefaults.Unshipped.txt";

        /// <summary>A global analyzer config setting the MSBuild property the analyzers read the product version from.</summary>
        public static (string Path, string Text) ProductVersion(string version) =>
            ("/.globalconfig", "is_global = true\nbuild_property.DeviceModelProductVersion = " + version + "\n");

        /// <summary>
        /// Turns off the two rules about the assembly as a whole: DM0018 (a [CompatHint] without a [Product]) and DM0019
        /// (a product without baseline files). Most tests declare hints in a bare compilation, as a product would, and
        /// check one rule at a time; <c>ProductRuleTests</c> leave these two on (<c>AssemblyRules = true</c>).
        /// </summary>
        public static readonly (string Path, string Text) AssemblyRulesOff =
            ("/assembly-rules.globalconfig", "is_global = true\ndotnet_diagnostic.DM0018.severity = none\ndotnet_diagnostic.DM0019.severity = none\n");

        public static void Configure(SolutionState state)
        {
            state.ReferenceAssemblies = Offline;
            state.AdditionalReferences.AddRange(References);
        }

        public static Solution EnableNullable(Solution solution, ProjectId projectId)
        {
            var options = (CSharpCompilationOptions)solution.GetProject(projectId)!.CompilationOptions!;
            return solution.WithProjectCompilationOptions(projectId, options.WithNullableContextOptions(NullableContextOptions.Enable));
        }
    }

    /// <summary>An analyzer test of <see cref="DeviceAnalyzer"/> on an offline net10.0 project.</summary>
    internal sealed class DeviceAnalyzerTest : CSharpAnalyzerTest<DeviceAnalyzer, DefaultVerifier>
    {
        public DeviceAnalyzerTest()
        {
            TestProject.Configure(TestState);
            SolutionTransforms.Add(TestProject.EnableNullable);
        }

        /// <summary>Whether DM0018 and DM0019 are checked (see <see cref="TestProject.AssemblyRulesOff"/>); off by default.</summary>
        public bool AssemblyRules { get; set; }

        protected override Task RunImplAsync(CancellationToken cancellationToken)
        {
            if (!AssemblyRules) TestState.AnalyzerConfigFiles.Add(TestProject.AssemblyRulesOff);
            return base.RunImplAsync(cancellationToken);
        }
    }

    /// <summary>A code fix test of <see cref="DeviceAnalyzer"/> and <typeparamref name="TCodeFix"/> on an offline net10.0 project.</summary>
    internal sealed class DeviceCodeFixTest<TCodeFix> : CSharpCodeFixTest<DeviceAnalyzer, TCodeFix, DefaultVerifier>
        where TCodeFix : CodeFixProvider, new()
    {
        public DeviceCodeFixTest()
        {
            TestProject.Configure(TestState);
            TestState.AnalyzerConfigFiles.Add(TestProject.AssemblyRulesOff);
            SolutionTransforms.Add(TestProject.EnableNullable);
        }
    }
}
