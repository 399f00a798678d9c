using System.Threading.Tasks;
using static DeviceModel.Analyzers.Tests.Harness.Run;

namespace DeviceModel.Analyzers.Tests
{
    /// <summary>
    /// DM0012 on a capability's declared length: it is checked against the lengths the factory's capability type states
    /// with [CapabilityLength], and a declaration may leave it out for a type of one length.
    /// </summary>
    public sealed class CapabilityLengthTests
    {
        private const string Factories = """
                private MsixCapability Msix() => null!;
                private MsiCapability Msi() => null!;
                private PowerManagementCapability Pm() => null!;
                private PciExpressCapability Express() => null!;
                private AerCapability Aer() => null!;
                private DeviceSerialNumberCapability Dsn() => null!;
                private PciCapability Opaque() => null!;
            """;

        [Fact]
        public Task DM0012_ALengthTheCapabilityTypeCannotHave_IsReported() =>
            Analyzer($$"""
                using DeviceModel.Pci;

                [Device("nic")]
                [{|#0:PciCapability("Msix", Length = 16)|}]
                [{|#1:PciCapability("Msi", Length = 12)|}]
                [{|#2:PciCapability("Express", Length = 0x24)|}]
                [{|#3:PciExtendedCapability("Aer", Length = 0x30)|}]
                [PciCapability("Opaque", Length = 0x30)]
                public partial class Nic
                {
                {{Factories}}
                }
                """,
                expected: new[]
                {
                    Diagnostic(DM0012, 0).WithArguments("Msix", "declares Length = 0x10, but its factory returns 'MsixCapability', which is 0xc bytes long"),
                    Diagnostic(DM0012, 1).WithArguments("Msi", "declares Length = 0xc, but its factory returns 'MsiCapability', which is 0xa, 0xe, 0x14 or 0x18 bytes long"),
                    Diagnostic(DM0012, 2).WithArguments("Express", "declares Length = 0x24, but its factory returns 'PciExpressCapability', which is 0x14 or 0x3c bytes long"),
                    Diagnostic(DM0012, 3).WithArguments("Aer", "declares Length = 0x30, but its factory returns 'AerCapability', which is 0x40 or 0x48 bytes long"),
                });

        [Fact]
        public Task DM0012_AWrongLength_IsOneDiagnostic_TheLayoutUsesTheTypesLength() =>
            // 0x40 bytes would overlap Msi at 0x48: the layout goes on with PM's real 8 bytes instead.
            Analyzer($$"""
                using DeviceModel.Pci;

                [Device("nic")]
                [{|#0:PciCapability("Pm", Offset = 0x40, Length = 0x40)|}]
                [PciCapability("Msi", Offset = 0x48, Length = 0x0e)]
                public partial class Nic
                {
                {{Factories}}
                }
                """,
                expected: Diagnostic(DM0012, 0).WithArguments("Pm", "declares Length = 0x40, but its factory returns 'PowerManagementCapability', which is 0x8 bytes long"));

        [Fact]
        public Task DM0012_ALengthLeftOut_IsTheTypesOnlyLength() =>
            Analyzer($$"""
                using DeviceModel.Pci;

                [Device("nic")]
                [PciCapability("Pm", Offset = 0x40)]
                [{|#0:PciCapability("Msix", Offset = 0x44)|}]
                [PciCapability("Msi", Offset = 0x60)]
                public partial class Nic
                {
                {{Factories}}
                }
                """,
                expected: Diagnostic(DM0012, 0).WithArguments("Msix", "at 0x44–0x4f overlaps 'Pm' at 0x40–0x47"));

        [Fact]
        public Task DM0012_FactoriesInheritedFromABaseType_AreChecked() =>
            Analyzer($$"""
                using DeviceModel.Pci;

                public abstract class Family
                {
                {{Factories}}
                }

                [Device("nic")]
                [{|#0:PciCapability("Pm", Length = 12)|}]
                public partial class Nic : Family
                {
                }
                """,
                expected: Diagnostic(DM0012, 0).WithArguments("Pm", "declares Length = 0xc, but its factory returns 'PowerManagementCapability', which is 0x8 bytes long"));

        [Fact]
        public Task DM0012_TheSamplesDeclarations_Pass() =>
            // E1000E's and the PCIe root port's declarations, factories typed as in the samples.
            Analyzer("""
                using DeviceModel.Pci;

                [Device("e1000e")]
                [PciCapability(nameof(CreateMsix), Offset = 0xa0, Length = MsixCapability.Size)]
                [PciCapability(nameof(CreateExpress), Offset = 0xe0, Length = PciExpressCapability.Version1Size)]
                [PciCapability(nameof(CreateMsi), Offset = 0xd0, Length = 0x0e)]
                [PciCapability(nameof(CreatePowerManagement), Offset = 0xc8, Length = PowerManagementCapability.Size)]
                [PciExtendedCapability(nameof(CreateAer), Offset = 0x100, Length = AerCapability.SizeWithoutPrefixLogTail)]
                [PciExtendedCapability(nameof(CreateSerialNumber), Offset = 0x140, Length = DeviceSerialNumberCapability.Size)]
                public partial class E1000E
                {
                    private MsixCapability CreateMsix() => null!;
                    private PciExpressCapability CreateExpress() => null!;
                    private MsiCapability CreateMsi() => null!;
                    private PowerManagementCapability CreatePowerManagement() => null!;
                    private AerCapability CreateAer() => null!;
                    private DeviceSerialNumberCapability CreateSerialNumber() => null!;
                }

                [Device("pcie-root-port")]
                [PciCapability(nameof(CreateSubsystemVendor), Offset = 0x40, Length = SubsystemVendorCapability.Size)]
                [PciCapability(nameof(CreateMsix), Length = MsixCapability.Size)]
                [PciCapability(nameof(CreateExpress), Length = PciExpressCapability.Version2Size)]
                [PciCapability(nameof(CreateResourceReserve), When = nameof(ReservesResources), Length = ResourceReserveCapability.Size)]
                [PciExtendedCapability(nameof(CreateAer), Offset = 0x100, Length = AerCapability.Size)]
                [PciExtendedCapability(nameof(CreateAcs), When = nameof(HasAcs), Offset = 0x148, Length = AcsCapability.Size)]
                public partial class PcieRootPort
                {
                    public bool ReservesResources { get; set; }
                    public bool HasAcs { get; set; }
                    private SubsystemVendorCapability CreateSubsystemVendor() => null!;
                    private MsixCapability CreateMsix() => null!;
                    private PciExpressCapability CreateExpress() => null!;
                    private ResourceReserveCapability CreateResourceReserve() => null!;
                    private AerCapability CreateAer() => null!;
                    private AcsCapability CreateAcs() => null!;
                }
                """);
    }
}
