extern alias Analyzers;

using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Descriptors = Analyzers::DeviceModel.Analyzers.Descriptors;

namespace DeviceModel.Analyzers.Tests.Harness
{
    /// <summary>Shorthands for the analyzer tests: source with <c>using DeviceModel;</c>, optional baseline files and product version.</summary>
    internal static class Run
    {
        public const string Usings = "using DeviceModel;\n\n";

        /// <summary>
        /// Runs the analyzer on <paramref name="source"/> (markup: <c>{|DM0001:...|}</c>, <c>{|#0:...|}</c>). A null
        /// <paramref name="shipped"/> and <paramref name="unshipped"/> leave the baseline files out (baseline checks off).
        /// </summary>
        public static Task Analyzer(string source, string? shipped = null, string? unshipped = null, string? productVersion = "7.2", params DiagnosticResult[] expected)
        {
            var test = new DeviceAnalyzerTest { TestCode = Usings + source };
            if (shipped is not null || unshipped is not null)
            {
                test.TestState.AdditionalFiles.Add((TestProject.ShippedPath, shipped ?? ""));
                test.TestState.AdditionalFiles.Add((TestProject.UnshippedPath, unshipped ?? ""));
            }
            if (productVersion is not null) test.TestState.AnalyzerConfigFiles.Add(TestProject.ProductVersion(productVersion));
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync();
        }

        public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor, int location) => new DiagnosticResult(descriptor).WithLocation(location);

        public static DiagnosticDescriptor DM0001 => Descriptors.UnversionedDefault;
        public static DiagnosticDescriptor DM0002 => Descriptors.NewOptionWithoutHistory;
        public static DiagnosticDescriptor DM0003 => Descriptors.StaleBaselineLine;
        public static DiagnosticDescriptor DM0004 => Descriptors.InvalidVersion;
        public static DiagnosticDescriptor DM0005 => Descriptors.InvalidHintValue;
        public static DiagnosticDescriptor DM0006 => Descriptors.InvalidHistory;
        public static DiagnosticDescriptor DM0007 => Descriptors.DuplicateOptionName;
        public static DiagnosticDescriptor DM0008 => Descriptors.InvalidName;
        public static DiagnosticDescriptor DM0009 => Descriptors.DeviceNotPartial;
        public static DiagnosticDescriptor DM0010 => Descriptors.UnsupportedOption;
        public static DiagnosticDescriptor DM0011 => Descriptors.NonConstantDefault;
        public static DiagnosticDescriptor DM0012 => Descriptors.CapabilityLayout;
        public static DiagnosticDescriptor DM0013 => Descriptors.BaselineOutOfDate;
        public static DiagnosticDescriptor DM0014 => Descriptors.InvalidProductVersion;
        public static DiagnosticDescriptor DM0015 => Descriptors.MisplacedHint;
        public static DiagnosticDescriptor DM0016 => Descriptors.MalformedBaselineLine;
        public static DiagnosticDescriptor DM0017 => Descriptors.UnknownHintFamily;
        public static DiagnosticDescriptor DM0018 => Descriptors.HintOutsideProduct;
        public static DiagnosticDescriptor DM0019 => Descriptors.BaselineFilesMissing;
        public static DiagnosticDescriptor DM0020 => Descriptors.InvalidClassHint;
        public static DiagnosticDescriptor DM0021 => Descriptors.MachineRead;
    }
}
