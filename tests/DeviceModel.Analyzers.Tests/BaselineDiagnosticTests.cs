using System.Threading.Tasks;
using DeviceModel.Analyzers.Tests.Harness;
using static DeviceModel.Analyzers.Tests.Harness.Run;

namespace DeviceModel.Analyzers.Tests
{
    /// <summary>DM0001, DM0002, DM0003, DM0013 and DM0016: the compat defaults baseline against the declared defaults.</summary>
    public sealed class BaselineDiagnosticTests
    {
        private const string Nic = """
            [Device("nic")]
            public partial class Nic
            {
                [ConfigOption("mq")]
                public bool Mq { get; set; }
            }
            """;

        // ---- DM0001 ----

        [Fact]
        public Task DM0001_DefaultChangedWithoutHint_IsReportedOnTheInitializer_NamingDeviceOptionAndBothValues() =>
            Analyzer("""
                [Device("nic")]
                public partial class Nic
                {
                    [ConfigOption("mq")]
                    public bool Mq { get; set; } {|#0:= true|};
                }
                """,
                shipped: "nic mq=off\n",
                expected: Diagnostic(DM0001, 0).WithArguments("nic", "mq", "'off'", "'on'"));

        [Fact]
        public Task DM0001_UnchangedDefault_IsClean() =>
            Analyzer(Nic, shipped: "nic mq=off\n");

        [Fact]
        public Task DM0001_BaselineTextIsComparedByValue_NotSpelling() =>
            Analyzer("""
                [Device("nic")]
                public partial class Nic
                {
                    [ConfigOption("mq")]
                    public bool Mq { get; set; }

                    [ConfigOption("vectors")]
                    public uint Vectors { get; set; } = 4;

                    [ConfigOption("rom-size", IsSize = true)]
                    public ulong RomSize { get; set; } = 262144;
                }
                """,
                shipped: "nic mq=false\nnic rom-size=0x40000\nnic vectors=0x4\n");

        [Fact]
        public Task DM0001_HintRecordingAnOtherValue_DoesNotCoverTheChange() =>
            Analyzer("""
                [Device("nic")]
                public partial class Nic
                {
                    [ConfigOption("vectors")]
                    [CompatHint("6.0", 2u)]
                    public uint Vectors { get; set; } {|#0:= 5|};
                }
                """,
                shipped: "nic vectors=4\n",
                expected: Diagnostic(DM0001, 0).WithArguments("nic", "vectors", "'4'", "'5'"));

        [Fact]
        public Task DM0001_FamilyScopedHint_DoesNotCoverTheChange_ForOtherFamilies() =>
            Analyzer("""
                [Device("nic")]
                public partial class Nic
                {
                    [ConfigOption("vectors")]
                    [CompatHint("6.0", 4u, Family = "q35")]
                    public uint Vectors { get; set; } {|#0:= 5|};
                }
                """,
                shipped: "nic vectors=4\n",
                expected: Diagnostic(DM0001, 0).WithArguments("nic", "vectors", "'4'", "'5'"));

        [Fact]
        public Task DM0001_OverrideOfAnInheritedOption_IsGuardedUnderTheDerivedDevice() =>
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
                    public override uint? Vectors { get; set; } {|#0:= 4|};
                }
                """,
                shipped: "fam vectors=auto\nnic vectors=3\n",
                expected: Diagnostic(DM0001, 0).WithArguments("nic", "vectors", "'3'", "'4'"));

        [Fact]
        public Task DM0001_UnshippedLineIsTheBaseline_WhenPresent() =>
            Analyzer("""
                [Device("nic")]
                public partial class Nic
                {
                    [ConfigOption("mq")]
                    public bool Mq { get; set; } = true;
                }
                """,
                shipped: "nic mq=off\n", unshipped: "nic mq=on\n");

        [Fact]
        public Task DM0001_NoValueAndAuto_AreValuesToo() =>
            Analyzer("""
                [Device("nic")]
                public partial class Nic
                {
                    [ConfigOption("romfile")]
                    public string? RomFile { get; set; } {|#0:= "efi.rom"|};

                    [ConfigOption("vectors", Auto = true)]
                    public uint? Vectors { get; set; } {|#1:= 2|};

                    [ConfigOption("legacy")]
                    public OnOffAuto Legacy { get; set; } = OnOffAuto.Auto;
                }
                """,
                shipped: "nic legacy=auto\nnic romfile\nnic vectors=auto\n",
                expected: new[]
                {
                    Diagnostic(DM0001, 0).WithArguments("nic", "romfile", "no value", "'efi.rom'"),
                    Diagnostic(DM0001, 1).WithArguments("nic", "vectors", "'auto'", "'2'"),
                });

        [Fact]
        public Task DM0001_StringValuesAreEscapedInTheBaseline() =>
            Analyzer("""
                [Device("nic")]
                public partial class Nic
                {
                    [ConfigOption("banner")]
                    public string Banner { get; set; } = " a\\b\nc ";
                }
                """,
                shipped: "nic banner=\\sa\\\\b\\nc\\s\n");

        // ---- DM0013 ----

        [Fact]
        public Task DM0013_HintRecordsTheBaselineValue_SoOnlyTheBaselineIsOutOfDate() =>
            Analyzer("""
                [Device("nic")]
                public partial class Nic
                {
                    [ConfigOption("mq")]
                    [CompatHint("7.2", false)]
                    public bool Mq { get; set; } {|#0:= true|};
                }
                """,
                shipped: "nic mq=off\n",
                expected: Diagnostic(DM0013, 0).WithArguments("nic", "mq", "'on'", "'off'"));

        [Fact]
        public Task DM0013_HintRecordingTheShippedValue_CoversASecondChangeBeforeRelease() =>
            Analyzer("""
                [Device("nic")]
                public partial class Nic
                {
                    [ConfigOption("vectors")]
                    [CompatHint("7.2", 3u)]
                    public uint Vectors { get; set; } {|#0:= 5|};
                }
                """,
                shipped: "nic vectors=3\n", unshipped: "nic vectors=4\n",
                expected: Diagnostic(DM0013, 0).WithArguments("nic", "vectors", "'5'", "'4'"));

        [Fact]
        public Task DM0013_OptionWithHistoryButNoLine_AsksForTheLine() =>
            Analyzer("""
                [Device("nic")]
                public partial class Nic
                {
                    [ConfigOption("mq")]
                    [CompatHint("7.2", false)]
                    public bool {|#0:Mq|} { get; set; } = true;
                }
                """,
                shipped: "",
                expected: Diagnostic(DM0013, 0).WithArguments("nic", "mq", "'on'", "no line"));

        // ---- DM0002 ----

        [Fact]
        public Task DM0002_NewGuestVisibleOptionWithoutHistory_IsAnError() =>
            Analyzer("""
                [Device("nic")]
                public partial class Nic
                {
                    [ConfigOption("mq")]
                    public bool Mq { get; set; }

                    [ConfigOption("rss")]
                    public bool {|#0:Rss|} { get; set; }
                }
                """,
                shipped: "nic mq=off\n",
                expected: Diagnostic(DM0002, 0).WithArguments("nic", "rss", "'off'"));

        [Fact]
        public Task DM0002_HostOnlyOptions_AreNotInTheBaseline() =>
            Analyzer("""
                [Device("nic")]
                public partial class Nic
                {
                    [ConfigOption("mq")]
                    public bool Mq { get; set; }

                    [ConfigOption("netdev", HostOnly = true)]
                    public string? Netdev { get; set; }
                }
                """,
                shipped: "nic mq=off\n");

        [Fact]
        public Task DM0002_WithoutBaselineFiles_TheBaselineChecksAreOff() =>
            Analyzer(Nic);

        [Fact]
        public Task DM0002_InheritedOptionsAreGuardedByTheirDeclaringDevice_NotBySubtypes() =>
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
                }
                """,
                shipped: "fam packed=off\nnic mq=off\n");

        // ---- DM0003 ----

        [Fact]
        public Task DM0003_LineOfARemovedOrRenamedOption_IsReportedOnTheLine() =>
            Analyzer(Nic,
                shipped: "# header\nnic mq=off\n{|#0:nic queues=4|}\n",
                unshipped: "{|#1:gone opt=1|}\n",
                expected: new[]
                {
                    Diagnostic(DM0003, 0).WithArguments("nic queues=4", "queues", "nic"),
                    Diagnostic(DM0003, 1).WithArguments("gone opt=1", "opt", "gone"),
                });

        [Fact]
        public Task DM0003_LineOfAnOptionMadeHostOnly_IsStale() =>
            Analyzer("""
                [Device("nic")]
                public partial class Nic
                {
                    [ConfigOption("mq", HostOnly = true)]
                    public bool Mq { get; set; }
                }
                """,
                shipped: "{|#0:nic mq=off|}\n",
                expected: Diagnostic(DM0003, 0).WithArguments("nic mq=off", "mq", "nic"));

        [Fact]
        public Task DM0003_InheritedOptionListedUnderASubtypeThatDoesNotOverrideIt_IsStale() =>
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
                }
                """,
                shipped: "fam packed=off\n{|#0:nic packed=off|}\n",
                expected: Diagnostic(DM0003, 0).WithArguments("nic packed=off", "packed", "nic"));

        // ---- DM0016 ----

        [Fact]
        public Task DM0016_MalformedDuplicatedOrMistypedLines_AreReported() =>
            Analyzer(Nic,
                shipped: "nic mq=off\n{|#0:nic|}\n{|#1:nic mq=on|}\n{|#2:nic x=\\q|}\n",
                expected: new[]
                {
                    Diagnostic(DM0016, 0).WithArguments("nic", "it is not 'DEVICE OPTION=VALUE'"),
                    Diagnostic(DM0016, 1).WithArguments("nic mq=on", "it repeats the option of line 1"),
                    Diagnostic(DM0016, 2).WithArguments("nic x=\\q", "its value has an unknown escape (known: \\\\ \\n \\r \\t \\s \\uXXXX)"),
                });

        [Fact]
        public Task DM0016_ValueThatIsNotOfTheOptionsType_IsReportedInsteadOfComparing() =>
            Analyzer(Nic,
                shipped: "{|#0:nic mq=maybe|}\n",
                expected: Diagnostic(DM0016, 0).WithArguments("nic mq=maybe", "'maybe' is not a boolean (on/off, yes/no, true/false)"));
    }
}
