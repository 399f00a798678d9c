using System.Threading.Tasks;
using DeviceModel.Analyzers.Tests.Harness;
using Microsoft.CodeAnalysis.Testing;
using static DeviceModel.Analyzers.Tests.Harness.Run;

namespace DeviceModel.Analyzers.Tests
{
    /// <summary>
    /// DM0018 and DM0019, the rules about the assembly as a whole: hints only in a product, and a product's baseline
    /// files present. The other tests turn these two off (<see cref="TestProject.AssemblyRulesOff"/>); these leave them on.
    /// </summary>
    public sealed class ProductRuleTests
    {
        private const string Product = """
            [DeviceCatalog]
            [{|#9:Product("acme-pc", "2.1")|}]
            [MachineFamily("acme-pc", "1.0 2.0 2.1")]
            public static partial class AcmeCatalog
            {
            }

            """;

        private const string Devices = """
            [Device("acme-pci")]
            public abstract partial class AcmePciDevice
            {
                [ConfigOption("rombar")]
                [{|#0:CompatHint("1.0", 0u)|}]
                [{|#1:CompatHint("2.0", 2u)|}]
                public virtual uint RomBar { get; set; } = 1;
            }

            [Device("acme-nic")]
            public sealed partial class AcmeNic : AcmePciDevice
            {
                [ConfigOption("mq")]
                public bool Mq { get; set; }

                [{|#2:CompatHint("2.0", 3u)|}]
                public override uint RomBar { get; set; } = 1;
            }

            """;

        private static Task Run(string source, string? shipped, string? unshipped, params DiagnosticResult[] expected)
        {
            var test = new DeviceAnalyzerTest { TestCode = Usings + source, AssemblyRules = true };
            if (shipped is not null) test.TestState.AdditionalFiles.Add((TestProject.ShippedPath, shipped));
            if (unshipped is not null) test.TestState.AdditionalFiles.Add((TestProject.UnshippedPath, unshipped));
            test.TestState.AnalyzerConfigFiles.Add(TestProject.ProductVersion("2.1"));
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync();
        }

        private const string Baseline = "acme-nic mq=off\nacme-nic rombar=1\nacme-pci rombar=1\n";

        // ---- DM0018 ----

        [Fact]
        public Task DM0018_EveryHintInAnAssemblyWithoutProduct_IsReported_EvenWithTheProductVersionProperty() =>
            Run(Devices, Baseline, "",
                Diagnostic(DM0018, 0).WithArguments("AcmePciDevice.RomBar"),
                Diagnostic(DM0018, 1).WithArguments("AcmePciDevice.RomBar"),
                Diagnostic(DM0018, 2).WithArguments("AcmeNic.RomBar"));

        [Fact]
        public Task DM0018_HintsInAProduct_AreNotReported() =>
            Run(Product + Devices, Baseline, "");

        [Fact]
        public Task DM0018_AnAssemblyWithoutProduct_AndWithoutHints_IsClean() =>
            Run("""
                [Device("plain")]
                public partial class Plain
                {
                    [ConfigOption("level")]
                    public int Level { get; set; } = 1;
                }
                """, "plain level=1\n", "");

        // ---- DM0019 ----

        [Fact]
        public Task DM0019_AProductWithGuestVisibleOptions_AndNoBaselineFiles_IsReportedOnce_OnItsProductAttribute() =>
            Run(Product + Devices, null, null,
                Diagnostic(DM0019, 9).WithArguments("acme-pc", "acme-nic"));

        [Fact]
        public Task DM0019_EitherBaselineFile_IsEnough() =>
            Run(Product + Devices, null, Baseline);

        [Fact]
        public Task DM0019_EmptyBaselineFiles_TurnTheChecksOn_InsteadOfDM0019() =>
            Run(Product + Devices, "", "",
                new DiagnosticResult(DM0013).WithSpan(15, 25, 15, 31).WithArguments("acme-pci", "rombar", "'1'", "no line"),
                new DiagnosticResult(DM0002).WithSpan(22, 17, 22, 19).WithArguments("acme-nic", "mq", "'off'"),
                new DiagnosticResult(DM0013).WithSpan(25, 26, 25, 32).WithArguments("acme-nic", "rombar", "'1'", "no line"));

        [Fact]
        public Task DM0019_AProductWhoseOptionsAreAllHostOnly_IsNotReported() =>
            Run(Product + """
                [Device("acme-serial")]
                public sealed partial class AcmeSerial
                {
                    [ConfigOption("chardev", HostOnly = true)]
                    public string? Chardev { get; set; }
                }
                """, null, null);

        [Fact]
        public Task DM0019_AnAssemblyWithoutProduct_IsNotReported() =>
            Run("""
                [Device("plain")]
                public partial class Plain
                {
                    [ConfigOption("level")]
                    public int Level { get; set; } = 1;
                }
                """, null, null);
    }
}
