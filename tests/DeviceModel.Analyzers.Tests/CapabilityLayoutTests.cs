using System.Threading.Tasks;
using static DeviceModel.Analyzers.Tests.Harness.Run;

namespace DeviceModel.Analyzers.Tests
{
    /// <summary>DM0012: capability layouts that cannot work, known from the declarations alone.</summary>
    public sealed class CapabilityLayoutTests
    {
        // The factories are never called by the analyzer; the tests declare them for realism only.
        private const string Factories = """
                private object Pm() => new object();
                private object Msi() => new object();
                private object Msix() => new object();
                private object Vendor() => new object();
                private object Aer() => new object();
            """;

        [Fact]
        public Task DM0012_MisalignedOrOutOfAreaFixedOffsets_AreReported() =>
            Analyzer($$"""
                [Device("nic")]
                [{|#0:PciCapability("Pm", Offset = 0x42, Length = 8)|}]
                [{|#1:PciCapability("Msi", Offset = 0x20, Length = 8)|}]
                [{|#2:PciCapability("Msix", Offset = 0xf8, Length = 12)|}]
                [{|#3:PciExtendedCapability("Aer", Offset = 0x80, Length = 0x48)|}]
                public partial class Nic
                {
                {{Factories}}
                }
                """,
                expected: new[]
                {
                    Diagnostic(DM0012, 0).WithArguments("Pm", "at 0x42 is not dword aligned"),
                    Diagnostic(DM0012, 1).WithArguments("Msi", "at 0x20 overlaps the standard header (capabilities start at 0x40)"),
                    Diagnostic(DM0012, 2).WithArguments("Msix", "(0xc bytes) at 0xf8 runs past the end of the configuration space at 0xff"),
                    Diagnostic(DM0012, 3).WithArguments("Aer", "at 0x80 is below the extended capability area (0x100–0xfff)"),
                });

        [Fact]
        public Task DM0012_FixedCapabilitiesThatOverlap_AreReported_UnlessTheirConditionsDiffer() =>
            Analyzer($$"""
                [Device("fam")]
                [PciCapability("Pm", Offset = 0x40, Length = 8)]
                public abstract partial class Family
                {
                {{Factories}}
                    public bool Express { get; set; }
                    public bool Legacy { get; set; }
                }

                [Device("nic")]
                [{|#0:PciCapability("Msi", Offset = 0x44, Length = 10)|}]
                [PciCapability("Vendor", When = "Express", Offset = 0x50, Length = 8)]
                [PciCapability("Msix", When = "Legacy", Offset = 0x50, Length = 12)]
                public sealed partial class Nic : Family
                {
                }
                """,
                expected: Diagnostic(DM0012, 0).WithArguments("Msi", "at 0x44–0x4f overlaps 'Pm' at 0x40–0x47"));

        [Fact]
        public Task DM0012_UnconditionalCapabilitiesLargerThanTheArea_Overflow() =>
            Analyzer($$"""
                [Device("nic")]
                [PciCapability("Vendor", Length = 0x80)]
                [PciCapability("Pm", When = "Express", Length = 0x40)]
                [{|#0:PciCapability("Msix", Length = 0x44)|}]
                public partial class Nic
                {
                {{Factories}}
                    public bool Express { get; set; }
                }
                """,
                expected: Diagnostic(DM0012, 0).WithArguments("Msix", "makes the unconditional capabilities of device 'nic' need 0xc4 bytes, more than the 0xc0 bytes of the capability area (0x40–0xff)"));

        [Fact]
        public Task DM0012_AutoPlacedAndConditionalLayouts_AreLeftToRealize() =>
            Analyzer($$"""
                [Device("nic")]
                [PciCapability("Pm", Length = 8)]
                [PciCapability("Msi", Offset = 0x50, Length = 24)]
                [PciCapability("Msix", When = "Express", Length = 12)]
                [PciCapability("Vendor")]
                [PciExtendedCapability("Aer", Offset = 0x100, Length = 0x48)]
                public partial class Nic
                {
                {{Factories}}
                    public bool Express { get; set; }
                }
                """);
    }
}
