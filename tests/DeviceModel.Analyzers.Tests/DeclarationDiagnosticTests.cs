using System.Threading.Tasks;
using static DeviceModel.Analyzers.Tests.Harness.Run;
using DeviceModel.Catalog;

namespace DeviceModel.Analyzers.Tests
{
    /// <summary>DM0004–DM0011, DM0014, DM0015, DM0017: declarations the generator would skip or misread.</summary>
    public sealed class DeclarationDiagnosticTests
    {
        private const string Catalog = """
            [DeviceCatalog]
            [Product("demo", "7.2")]
            [MachineFamily("pc", "1.0 2.0 6.0 7.2")]
            public static partial class DemoCatalog
            {
            }

            """;

        // ---- DM0004 ----

        [Fact]
        public Task DM0004_SinceThatIsNotAVersion_NotADeclaredMachine_OrNewerThanTheProduct_IsReported() =>
            Analyzer(Catalog + """
                [Device("nic")]
                public partial class Nic
                {
                    [ConfigOption("a")]
                    [CompatHint({|#0:"6.x"|}, false)]
                    public bool A { get; set; } = true;

                    [ConfigOption("b")]
                    [CompatHint({|#1:"5.0"|}, false)]
                    public bool B { get; set; } = true;

                    [ConfigOption("c")]
                    [CompatHint({|#2:"8.0"|}, false)]
                    public bool C { get; set; } = true;
                }
                """,
                expected: new[]
                {
                    Diagnostic(DM0004, 0).WithArguments("6.x", "is not a version x.y or x.y.z"),
                    Diagnostic(DM0004, 1).WithArguments("5.0", "is not a machine version of this product ([MachineFamily] declares 1.0 2.0 6.0 7.2)"),
                    Diagnostic(DM0004, 2).WithArguments("8.0", "is not a machine version of this product ([MachineFamily] declares 1.0 2.0 6.0 7.2)"),
                    Diagnostic(DM0004, 2).WithArguments("8.0", "is newer than the product version 7.2"),
                });

        [Fact]
        public Task DM0004_WithoutMachineFamilies_AnyVersionUpToTheProductVersionGoes() =>
            Analyzer("""
                [Device("nic")]
                public partial class Nic
                {
                    [ConfigOption("a")]
                    [CompatHint("2.4", false)]
                    [CompatHint(since: "7.2", value: true)]
                    public bool A { get; set; }
                }
                """,
                productVersion: "7.2");

        [Fact]
        public Task DM0004_MachineFamilyVersionLists_AreChecked() =>
            Analyzer("""
                [DeviceCatalog]
                [Product("demo", "7.2")]
                [MachineFamily("pc", {|#0:"1.0 2.x 2.0 1.5 8.0"|})]
                public static partial class DemoCatalog
                {
                }
                """,
                expected: new[]
                {
                    Diagnostic(DM0004, 0).WithArguments("2.x", "in machine family 'pc' is not a version x.y or x.y.z"),
                    Diagnostic(DM0004, 0).WithArguments("1.5", "in machine family 'pc' comes after 2.0: list versions oldest first"),
                    Diagnostic(DM0004, 0).WithArguments("8.0", "in machine family 'pc' is newer than the product version 7.2"),
                });

        private const string TwoFamilies = """
            [DeviceCatalog]
            [Product("demo", "7.2")]
            [MachineFamily("pc", "1.0 2.0 6.0 6.1 6.2 7.2")]
            [MachineFamily("q35", "2.0 6.0 6.1 6.2 7.2")]
            public static partial class DemoCatalog
            {
            }

            """;

        [Fact]
        public Task DM0004_FamilyScopedSince_MustBeAVersionOfThatFamily() =>
            Analyzer(TwoFamilies + """
                [Device("nic")]
                public partial class Nic
                {
                    [ConfigOption("a")]
                    [CompatHint({|#0:"1.0"|}, false, Family = "q35")]
                    [CompatHint("6.0", true, Family = "q35")]
                    public bool A { get; set; }

                    [ConfigOption("b")]
                    [CompatHint("1.0", false, Family = "pc")]
                    public bool B { get; set; } = true;
                }
                """,
                expected: Diagnostic(DM0004, 0).WithArguments("1.0", "is not a machine version of family 'q35' ([MachineFamily] declares 2.0 6.0 6.1 6.2 7.2)"));

        // ---- DM0017 ----

        [Fact]
        public Task DM0017_FamilyThatNoMachineFamilyDeclares_OrAnEmptyName_IsReported() =>
            Analyzer(TwoFamilies + """
                [Device("nic")]
                public partial class Nic
                {
                    [ConfigOption("a")]
                    [CompatHint("6.1", false, {|#0:Family = "q53"|})]
                    public bool A { get; set; } = true;

                    [ConfigOption("b")]
                    [CompatHint("6.1", false, Reason = "why", {|#1:Family = ""|})]
                    public bool B { get; set; } = true;
                }
                """,
                expected: new[]
                {
                    Diagnostic(DM0017, 0).WithArguments("q53", "is not a machine family of this product ([MachineFamily] declares pc q35)"),
                    Diagnostic(DM0017, 1).WithArguments("", "is not a machine family name"),
                });

        [Fact]
        public Task DM0017_DeclaredFamily_IsClean() =>
            Analyzer(TwoFamilies + """
                [Device("nic")]
                public partial class Nic
                {
                    [ConfigOption("x-native-hotplug")]
                    [CompatHint("6.1", true, Family = "q35")]
                    [CompatHint("6.2", false, Family = "q35")]
                    public bool NativeHotplug { get; set; } = true;
                }
                """);

        [Fact]
        public Task DM0017_WithoutMachineFamilies_AnyFamilyNameGoes() =>
            Analyzer("""
                [Device("nic")]
                public partial class Nic
                {
                    [ConfigOption("a")]
                    [CompatHint("6.1", false, Family = "anything")]
                    public bool A { get; set; } = true;
                }
                """,
                productVersion: "7.2");

        // ---- DM0005 ----

        [Fact]
        public Task DM0005_HintValuesThatDoNotFitTheOption_AreReportedOnTheValue() =>
            Analyzer("""
                public enum Mode { Fast, SlowAndSteady }

                [Device("nic")]
                public partial class Nic
                {
                    [ConfigOption("a")]
                    [CompatHint("6.0", {|#0:"maybe"|})]
                    public bool A { get; set; } = true;

                    [ConfigOption("b")]
                    [CompatHint("6.0", {|#1:300|})]
                    public byte B { get; set; }

                    [ConfigOption("c")]
                    [CompatHint("6.0", {|#2:"slow"|})]
                    public Mode C { get; set; }

                    [ConfigOption("d")]
                    [CompatHint("6.0", {|#3:null|})]
                    public uint D { get; set; }
                }
                """,
                expected: new[]
                {
                    Diagnostic(DM0005, 0).WithArguments("\"maybe\"", "a", "a constant of type bool, nor text of a boolean (on/off, yes/no, true/false)"),
                    Diagnostic(DM0005, 1).WithArguments("300", "b", "a constant of type byte, nor text of a uint8 integer (0 to 255, decimal or 0x hex)"),
                    Diagnostic(DM0005, 2).WithArguments("\"slow\"", "c", "a constant of type Mode, nor text of one of fast, slow-and-steady"),
                    Diagnostic(DM0005, 3).WithArguments("null", "d", "a constant of type uint, nor text of a uint32 integer (0 to 4294967295, decimal or 0x hex)"),
                });

        [Fact]
        public Task DM0005_TypedConstantsTextEnumsAutoAndNull_AreAccepted() =>
            Analyzer("""
                public enum Mode { Fast, SlowAndSteady }

                [Device("nic")]
                public partial class Nic
                {
                    [ConfigOption("a")]
                    [CompatHint("2.0", "off")]
                    public bool A { get; set; } = true;

                    [ConfigOption("b")]
                    [CompatHint("2.0", (byte)200)]
                    [CompatHint("6.0", "0x10")]
                    public byte B { get; set; }

                    [ConfigOption("c")]
                    [CompatHint("2.0", Mode.SlowAndSteady)]
                    [CompatHint("6.0", "fast")]
                    public Mode C { get; set; } = Mode.SlowAndSteady;

                    [ConfigOption("d", Auto = true)]
                    [CompatHint("6.0", "auto")]
                    public uint? D { get; set; } = 3;

                    [ConfigOption("e")]
                    [CompatHint("6.0", OnOffAuto.Off)]
                    public OnOffAuto E { get; set; }

                    [ConfigOption("f")]
                    [CompatHint("6.0", null)]
                    public string? F { get; set; } = "x";

                    [ConfigOption("g", IsSize = true)]
                    [CompatHint("6.0", "64k")]
                    public ulong G { get; set; } = 131072;

                    [ConfigOption("h")]
                    [CompatHint("6.0", "52:54:00:12:34:56")]
                    public MacAddress? H { get; set; }
                }
                """);

        // ---- DM0006 ----

        [Fact]
        public Task DM0006_HistoryOutOfOrderOrWithADuplicatedSince_IsReported() =>
            Analyzer("""
                [Device("nic")]
                public partial class Nic
                {
                    [ConfigOption("vectors")]
                    [CompatHint("6.0", 3u)]
                    [{|#0:CompatHint("2.0", 2u)|}]
                    public uint Vectors { get; set; } = 4;

                    [ConfigOption("queues")]
                    [CompatHint("6.0", 3u)]
                    [{|#1:CompatHint("6.0", 2u)|}]
                    public uint Queues { get; set; } = 4;
                }
                """,
                expected: new[]
                {
                    Diagnostic(DM0006, 0).WithArguments("vectors", "since '2.0' is listed after '6.0': list [CompatHint]s oldest first"),
                    Diagnostic(DM0006, 1).WithArguments("queues", "since '6.0' appears twice"),
                });

        [Fact]
        public Task DM0006_HintThatRecordsTheNextNewerValue_IsANoOp() =>
            Analyzer("""
                [Device("nic")]
                public partial class Nic
                {
                    [ConfigOption("vectors")]
                    [{|#0:CompatHint("2.0", 3u)|}]
                    [CompatHint("6.0", 3u)]
                    public uint Vectors { get; set; } = 4;

                    [ConfigOption("mq")]
                    [{|#1:CompatHint("6.0", "on")|}]
                    public bool Mq { get; set; } = true;
                }
                """,
                expected: new[]
                {
                    Diagnostic(DM0006, 0).WithArguments("vectors", "the hint since '2.0' records '3', which machines from 2.0 to 6.0 get too: it changes nothing"),
                    Diagnostic(DM0006, 1).WithArguments("mq", "the hint since '6.0' records 'on', which the default is too: it changes nothing"),
                });

        [Fact]
        public Task DM0006_FamilyScopedHints_AreCheckedInEachHistoryAMachineSees() =>
            Analyzer(TwoFamilies + """
                [Device("nic")]
                public partial class Nic
                {
                    [ConfigOption("dup")]
                    [CompatHint("6.1", true)]
                    [{|#0:CompatHint("6.1", false, Family = "q35")|}]
                    public bool Dup { get; set; } = false;

                    [ConfigOption("order")]
                    [CompatHint("6.2", 2u)]
                    [{|#1:CompatHint("6.0", 1u, Family = "q35")|}]
                    public uint Order { get; set; } = 3;

                    [ConfigOption("noop")]
                    [CompatHint("6.0", 1u, Family = "q35")]
                    [{|#2:CompatHint("6.1", 3u, Family = "q35")|}]
                    public uint NoOp { get; set; } = 3;
                }
                """,
                expected: new[]
                {
                    Diagnostic(DM0006, 0).WithArguments("dup", "since '6.1' appears twice for machine family 'q35'"),
                    Diagnostic(DM0006, 1).WithArguments("order", "since '6.0' is listed after '6.2' for machine family 'q35': list [CompatHint]s oldest first"),
                    Diagnostic(DM0006, 2).WithArguments("noop", "the hint since '6.1' for machine family 'q35' records '3', which the default is too: it changes nothing"),
                });

        [Fact]
        public Task DM0006_SameSinceInTwoFamilies_AndAGlobalHintThatMattersInOneHistory_AreClean() =>
            Analyzer(TwoFamilies + """
                [Device("nic")]
                public partial class Nic
                {
                    [ConfigOption("a")]
                    [CompatHint("6.1", 1u, Family = "pc")]
                    [CompatHint("6.1", 2u, Family = "q35")]
                    public uint A { get; set; } = 3;

                    // In q35's history the 2.0 hint is followed by q35's 6.0 hint recording the same 1, but for
                    // every other machine it is the only entry: it is not a no-op.
                    [ConfigOption("b")]
                    [CompatHint("2.0", 1u)]
                    [CompatHint("6.0", 1u, Family = "q35")]
                    public uint B { get; set; } = 3;
                }
                """);

        [Fact]
        public Task DM0006_AscendingHistoryOfChangingValues_IsClean() =>
            Analyzer("""
                [Device("nic")]
                public partial class Nic
                {
                    [ConfigOption("vectors")]
                    [CompatHint("2.0", 2u)]
                    [CompatHint("2.10", 3u)]
                    [CompatHint("6.0", 4u)]
                    public uint Vectors { get; set; } = 5;
                }
                """);

        // ---- DM0007 ----

        [Fact]
        public Task DM0007_OptionNameDeclaredTwice_InOneClassOrAgainstABase_IsReported() =>
            Analyzer("""
                [Device("fam")]
                public abstract partial class Family
                {
                    [ConfigOption("packed")]
                    public bool Packed { get; set; }
                }

                [Device("nic")]
                public sealed partial class Nic : Family
                {
                    [ConfigOption("mq")]
                    public bool Mq { get; set; }

                    [ConfigOption({|#0:"mq"|})]
                    public bool MultiQueue { get; set; }

                    [ConfigOption({|#1:"packed"|})]
                    public new bool Packed { get; set; }
                }
                """,
                expected: new[]
                {
                    Diagnostic(DM0007, 0).WithArguments("nic", "mq", "Nic.MultiQueue", "Nic.Mq"),
                    Diagnostic(DM0007, 1).WithArguments("nic", "packed", "Nic.Packed", "Family.Packed"),
                });

        [Fact]
        public Task DM0007_AnOverrideSharesTheNameOfTheOptionItOverrides() =>
            Analyzer("""
                [Device("fam")]
                public abstract partial class Family
                {
                    [ConfigOption("vectors", Auto = true)]
                    public virtual uint? Vectors { get; set; }
                }

                [Device("nic")]
                public sealed partial class Nic : Family
                {
                    [CompatHint("6.0", 3u)]
                    public override uint? Vectors { get; set; } = 4;
                }
                """);

        // ---- DM0008 ----

        [Fact]
        public Task DM0008_OptionAndDeviceNamesThatCannotBeWrittenInDeviceStrings_AreReported() =>
            Analyzer("""
                [Device({|#0:"My Nic"|})]
                public partial class Nic
                {
                    [ConfigOption({|#1:"Mq"|})]
                    public bool Mq { get; set; }

                    [ConfigOption({|#2:"a,b"|})]
                    public bool Ab { get; set; }

                    [ConfigOption("x-ok_name.2")]
                    public bool Ok { get; set; }
                }
                """,
                expected: new[]
                {
                    Diagnostic(DM0008, 0).WithArguments("My Nic", "device"),
                    Diagnostic(DM0008, 1).WithArguments("Mq", "option"),
                    Diagnostic(DM0008, 2).WithArguments("a,b", "option"),
                });

        // ---- DM0009 ----

        [Fact]
        public Task DM0009_AbstractDeviceClassThatIsNotPartialNestedOrGeneric_IsReported() =>
            Analyzer("""
                [Device("a")]
                public abstract class {|#0:A|}
                {
                }

                public static partial class Outer
                {
                    [Device("b")]
                    public abstract partial class {|#1:B|}
                    {
                    }
                }

                [Device("c")]
                public abstract partial class {|#2:C|}<T>
                {
                }

                [Device("d")]
                public abstract partial class D
                {
                }
                """,
                expected: new[]
                {
                    Diagnostic(DM0009, 0).WithArguments("A", "is not partial: the generator skips it"),
                    Diagnostic(DM0009, 1).WithArguments("B", "is nested in 'Outer': the generator skips it"),
                    Diagnostic(DM0009, 2).WithArguments("C", "is generic: the generator skips it"),
                });

        // A concrete class the generator skips fails with CS0534 and the generator reports its DM0009
        // (DeviceModel.Generators.Tests, NotPartialDeviceTests): the analyzer must not report it a second time.
        [Fact]
        public Task DM0009_ConcreteDeviceClass_IsLeftToTheGenerator() =>
            Analyzer("""
                [Device("a")]
                public sealed class A
                {
                }

                public static partial class Outer
                {
                    [Device("b")]
                    public partial class B
                    {
                    }
                }

                [Device("c")]
                public partial class C<T>
                {
                }
                """);

        // ---- DM0010 ----

        [Fact]
        public Task DM0010_UnsupportedTypesSizesAutoAccessorsAndPlacement_AreReported() =>
            Analyzer("""
                [Device("nic")]
                public partial class Nic
                {
                    [ConfigOption("ratio")]
                    public double {|#0:Ratio|} { get; set; }

                    [ConfigOption("size", IsSize = true)]
                    public int {|#1:Size|} { get; set; }

                    [ConfigOption("flag", Auto = true)]
                    public bool {|#2:Flag|} { get; set; }

                    [ConfigOption("fixed")]
                    public bool {|#3:Fixed|} { get; init; }

                    [ConfigOption("ok-size", IsSize = true)]
                    public uint OkSize { get; set; }
                }

                public abstract class NotADevice
                {
                    [ConfigOption("hidden")]
                    public bool {|#4:Hidden|} { get; set; }
                }
                """,
                expected: new[]
                {
                    Diagnostic(DM0010, 0).WithArguments("ratio", "type 'double' is not an option type (bool, integers, string, OnOffAuto, MacAddress, PciAddress or an enum)"),
                    Diagnostic(DM0010, 1).WithArguments("size", "IsSize applies to uint and ulong properties only, not to 'int'"),
                    Diagnostic(DM0010, 2).WithArguments("flag", "Auto needs a nullable type (null means auto) or OnOffAuto, not 'bool'"),
                    Diagnostic(DM0010, 3).WithArguments("fixed", "needs a set accessor, not init: options are assigned after construction"),
                    Diagnostic(DM0010, 4).WithArguments("hidden", "is declared in 'NotADevice', which has no [Device] attribute: mark it [Device(\"name\")] (abstract for a family), or [OptionGroup(\"name\")] to share it between devices, so that its options are checked and keyed in the compat baseline"),
                });

        // ---- DM0011 ----

        [Fact]
        public Task DM0011_DefaultsThatAreNotConstants_AreReported() =>
            Analyzer("""
                public enum Mode { Fast = 1, Slow = 2 }

                [Device("nic")]
                public partial class Nic
                {
                    private static uint Compute() => 4;
                    private bool _mq;

                    [ConfigOption("vectors")]
                    public uint Vectors { get; set; } {|#0:= Compute()|};

                    [ConfigOption("mq")]
                    public bool {|#1:Mq|} { get => _mq; set => _mq = value; }

                    [ConfigOption("mode")]
                    public Mode {|#2:Mode|} { get; set; }
                }
                """,
                expected: new[]
                {
                    Diagnostic(DM0011, 0).WithArguments("vectors", "'Compute()' is computed at run time"),
                    Diagnostic(DM0011, 1).WithArguments("mq", "the property is not an auto-property, so its default is whatever its accessors do; declare it { get; set; } with a constant initializer"),
                    Diagnostic(DM0011, 2).WithArguments("mode", "the value 0 is not a member of Mode"),
                });

        [Fact]
        public Task DM0011_ConstantsConvertedConstantsAndDefault_AreConstants() =>
            Analyzer("""
                [Device("nic")]
                public partial class Nic
                {
                    private const uint Four = 4;

                    [ConfigOption("a")]
                    public ulong A { get; set; } = long.MaxValue;

                    [ConfigOption("b", Auto = true)]
                    public uint? B { get; set; } = Four;

                    [ConfigOption("c")]
                    public ushort C { get; set; } = default;

                    [ConfigOption("d")]
                    public string? D { get; set; } = null;

                    [ConfigOption("e")]
                    public PciAddress? E { get; set; } = default;

                    [ConfigOption("f")]
                    public OnOffAuto F { get; set; } = OnOffAuto.On;
                }
                """);

        // ---- DM0014 ----

        [Fact]
        public Task DM0014_ProductAttributeAndMsBuildPropertyDisagree_AttributeWins() =>
            Analyzer("""
                [DeviceCatalog]
                [{|#0:Product("demo", "7.2")|}]
                public static partial class DemoCatalog
                {
                }

                [Device("nic")]
                public partial class Nic
                {
                    [ConfigOption("mq")]
                    [CompatHint({|#1:"7.5"|}, false)]
                    public bool Mq { get; set; } = true;
                }
                """,
                productVersion: "8.0",
                expected: new[]
                {
                    Diagnostic(DM0014, 0).WithArguments("[Product] says 7.2 but the MSBuild property DeviceModelProductVersion says 8.0 ([Product] wins)"),
                    Diagnostic(DM0004, 1).WithArguments("7.5", "is newer than the product version 7.2"),
                });

        [Fact]
        public Task DM0014_MsBuildPropertyThatIsNotAVersion_IsReported() =>
            Analyzer("""
                [Device("nic")]
                public partial class Nic
                {
                    [ConfigOption("mq")]
                    public bool Mq { get; set; }
                }
                """,
                productVersion: "seven",
                expected: new Microsoft.CodeAnalysis.Testing.DiagnosticResult(DM0014).WithNoLocation()
                    .WithArguments("the MSBuild property DeviceModelProductVersion 'seven' is not a version x.y or x.y.z"));

        // ---- DM0015 ----

        [Fact]
        public Task DM0015_HintOnAHostOnlyOptionOrANonOption_HasNoEffect() =>
            Analyzer("""
                [Device("nic")]
                public partial class Nic
                {
                    [ConfigOption("netdev", HostOnly = true)]
                    [{|#0:CompatHint("6.0", "net0")|}]
                    public string? Netdev { get; set; }

                    [{|#1:CompatHint("6.0", 1)|}]
                    public int Helper { get; set; }
                }
                """,
                expected: new[]
                {
                    Diagnostic(DM0015, 0).WithArguments("netdev", "host-only options are never versioned"),
                    Diagnostic(DM0015, 1).WithArguments("Helper", "'Helper' is not a [ConfigOption] property"),
                });
    }
}
