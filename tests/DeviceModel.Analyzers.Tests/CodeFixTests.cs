extern alias Analyzers;

using System.Threading.Tasks;
using DeviceModel.Analyzers.Tests.Harness;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Testing;
using AcceptDefaultCodeFix = Analyzers::DeviceModel.Analyzers.CodeFixes.AcceptDefaultCodeFix;
using AddCompatHintCodeFix = Analyzers::DeviceModel.Analyzers.CodeFixes.AddCompatHintCodeFix;
using MakePartialCodeFix = Analyzers::DeviceModel.Analyzers.CodeFixes.MakePartialCodeFix;
using static DeviceModel.Analyzers.Tests.Harness.Run;

namespace DeviceModel.Analyzers.Tests
{
    /// <summary>The code fixes, each with its expected source and baseline edits.</summary>
    public sealed class CodeFixTests
    {
        private static DeviceCodeFixTest<TFix> Test<TFix>(string source, string fixedSource, string shipped, string unshipped, string? fixedUnshipped = null)
            where TFix : CodeFixProvider, new()
        {
            var test = new DeviceCodeFixTest<TFix> { TestCode = Usings + source, FixedCode = Usings + fixedSource };
            test.TestState.AdditionalFiles.Add((TestProject.ShippedPath, shipped));
            test.TestState.AdditionalFiles.Add((TestProject.UnshippedPath, unshipped));
            test.TestState.AnalyzerConfigFiles.Add(TestProject.ProductVersion("7.2"));
            test.FixedState.AdditionalFiles.Add((TestProject.ShippedPath, shipped));
            test.FixedState.AdditionalFiles.Add((TestProject.UnshippedPath, fixedUnshipped ?? unshipped));
            return test;
        }

        // ---- (a) DM0001: add the hint ----

        [Fact]
        public Task AddHint_RecordsTheBaselineValueSinceTheProductVersion_AndLeavesTheBaselineToAccept()
        {
            var test = Test<AddCompatHintCodeFix>("""
                [Device("nic")]
                public partial class Nic
                {
                    [ConfigOption("mq")]
                    public bool Mq { get; set; } {|DM0001:= true|};
                }
                """, """
                [Device("nic")]
                public partial class Nic
                {
                    [ConfigOption("mq")]
                    [CompatHint("7.2", false)]
                    public bool Mq { get; set; } {|DM0013:= true|};
                }
                """, shipped: "nic mq=off\n", unshipped: "");
            return test.RunAsync();
        }

        [Fact]
        public Task AddHint_GoesAfterTheExistingHints_AsALiteralOfTheOptionsType() =>
            Test<AddCompatHintCodeFix>("""
                [Device("nic")]
                public partial class Nic
                {
                    /// <summary>Queue size.</summary>
                    [ConfigOption("queue-size")]
                    [CompatHint("5.0", (ushort)128)]
                    [Obsolete("demo")]
                    public ushort QueueSize { get; set; } {|DM0001:= 512|};
                }
                """.Replace("[Obsolete(\"demo\")]", "[System.ComponentModel.Description(\"demo\")]"), """
                [Device("nic")]
                public partial class Nic
                {
                    /// <summary>Queue size.</summary>
                    [ConfigOption("queue-size")]
                    [CompatHint("5.0", (ushort)128)]
                    [CompatHint("7.2", (ushort)256)]
                    [System.ComponentModel.Description("demo")]
                    public ushort QueueSize { get; set; } {|DM0013:= 512|};
                }
                """, shipped: "nic queue-size=256\n", unshipped: "").RunAsync();

        [Fact]
        public Task AddHint_EnumValuesAreWrittenAsSimplifiedMemberNames() =>
            Test<AddCompatHintCodeFix>("""
                namespace Demo
                {
                    public enum Mode { Fast, SlowAndSteady }

                    [Device("nic")]
                    public partial class Nic
                    {
                        [ConfigOption("legacy")]
                        public OnOffAuto Legacy { get; set; } {|DM0001:= OnOffAuto.Auto|};

                        [ConfigOption("mode")]
                        public Mode Mode { get; set; } {|DM0001:= Mode.Fast|};
                    }
                }
                """, """
                namespace Demo
                {
                    public enum Mode { Fast, SlowAndSteady }

                    [Device("nic")]
                    public partial class Nic
                    {
                        [ConfigOption("legacy")]
                        [CompatHint("7.2", OnOffAuto.Off)]
                        public OnOffAuto Legacy { get; set; } {|DM0013:= OnOffAuto.Auto|};

                        [ConfigOption("mode")]
                        [CompatHint("7.2", Mode.SlowAndSteady)]
                        public Mode Mode { get; set; } {|DM0013:= Mode.Fast|};
                    }
                }
                """, shipped: "nic legacy=off\nnic mode=slow-and-steady\n", unshipped: "").RunAsync();

        [Fact]
        public Task AddHint_OnAnOverrideWithInheritedHistory_CopiesTheInheritedHintsFirst() =>
            Test<AddCompatHintCodeFix>("""
                [Device("fam")]
                public abstract partial class Family
                {
                    [ConfigOption("any_layout")]
                    [CompatHint("1.6", false, Reason = "legacy layout")]
                    public virtual bool AnyLayout { get; set; } = true;
                }

                [Device("nic")]
                public sealed partial class Nic : Family
                {
                    /// <inheritdoc/>
                    public override bool AnyLayout { get; set; } {|DM0001:= false|};
                }
                """, """
                [Device("fam")]
                public abstract partial class Family
                {
                    [ConfigOption("any_layout")]
                    [CompatHint("1.6", false, Reason = "legacy layout")]
                    public virtual bool AnyLayout { get; set; } = true;
                }

                [Device("nic")]
                public sealed partial class Nic : Family
                {
                    /// <inheritdoc/>
                    [CompatHint("1.6", false, Reason = "legacy layout")]
                    [CompatHint("7.2", true)]
                    public override bool AnyLayout { get; set; } {|DM0013:= false|};
                }
                """, shipped: "fam any_layout=on\nnic any_layout=on\n", unshipped: "").RunAsync();

        [Fact]
        public async Task AddHint_IsNotOfferedWhenTheNewestHintIsAlreadyAtTheProductVersion()
        {
            const string source = """
                [Device("nic")]
                public partial class Nic
                {
                    [ConfigOption("vectors")]
                    [CompatHint("7.2", 2u)]
                    public uint Vectors { get; set; } {|DM0001:= 5|};
                }
                """;
            var test = Test<AddCompatHintCodeFix>(source, source, shipped: "nic vectors=4\n", unshipped: "");
            await test.RunAsync();
        }

        // ---- (b) DM0001 / DM0002 / DM0013: accept into Unshipped ----

        private const string Others = """
            [Device("blk")]
            public partial class Blk
            {
                [ConfigOption("size")]
                public int Size { get; set; } = 1;
            }

            [Device("zz")]
            public partial class Zz
            {
                [ConfigOption("x")]
                public int X { get; set; } = 1;
            }

            """;

        [Fact]
        public Task Accept_InsertsTheLineInSortedPosition_KeepingCommentsAndTheFilesLineEndings() =>
            Test<AcceptDefaultCodeFix>(Others + """
                [Device("nic")]
                public partial class Nic
                {
                    [ConfigOption("ctrl")]
                    public bool Ctrl { get; set; } = true;

                    [ConfigOption("mq")]
                    public bool {|DM0002:Mq|} { get; set; } = true;
                }
                """, Others + """
                [Device("nic")]
                public partial class Nic
                {
                    [ConfigOption("ctrl")]
                    public bool Ctrl { get; set; } = true;

                    [ConfigOption("mq")]
                    public bool Mq { get; set; } = true;
                }
                """,
                shipped: "",
                unshipped: "# accepted since the last release\r\nblk size=1\r\nnic ctrl=on\r\nzz x=1\r\n",
                fixedUnshipped: "# accepted since the last release\r\nblk size=1\r\nnic ctrl=on\r\nnic mq=on\r\nzz x=1\r\n").RunAsync();

        [Fact]
        public Task Accept_ReplacesTheOptionsUnshippedLine_AndAppendsAtTheEndOfAFileWithoutFinalNewline()
        {
            var test = Test<AcceptDefaultCodeFix>("""
                [Device("nic")]
                public partial class Nic
                {
                    [ConfigOption("vectors")]
                    public uint Vectors { get; set; } {|DM0001:= 6|};

                    [ConfigOption("zz")]
                    public string? {|DM0002:Zz|} { get; set; } = " spaced\n";
                }
                """, """
                [Device("nic")]
                public partial class Nic
                {
                    [ConfigOption("vectors")]
                    public uint Vectors { get; set; } = 6;

                    [ConfigOption("zz")]
                    public string? Zz { get; set; } = " spaced\n";
                }
                """,
                shipped: "nic vectors=4\n",
                unshipped: "nic vectors=5",
                fixedUnshipped: "nic vectors=6\nnic zz=\\sspaced\\n\n");
            // Accepting a changed default (DM0001) and a new option (DM0002) are two fix-all groups.
            test.NumberOfFixAllIterations = 2;
            return test.RunAsync();
        }

        [Fact]
        public Task Accept_FixAll_InsertsEveryNewLineOfTheProjectInOneEdit_ButNoChangedDefault()
        {
            var test = Test<AcceptDefaultCodeFix>("""
                public enum Mode { Fast, SlowAndSteady }

                [Device("nic")]
                public partial class Nic
                {
                    [ConfigOption("mq")]
                    public bool {|DM0002:Mq|} { get; set; }

                    [ConfigOption("addr", Auto = true)]
                    public PciAddress? {|DM0002:Addr|} { get; set; }

                    [ConfigOption("mode")]
                    [CompatHint("6.0", Mode.SlowAndSteady)]
                    public Mode {|DM0013:Mode|} { get; set; }

                    [ConfigOption("size", IsSize = true)]
                    public ulong {|DM0002:Size|} { get; set; } = 1073741824;

                    [ConfigOption("vectors")]
                    public uint Vectors { get; set; } {|DM0001:= 5|};
                }

                [Device("blk")]
                public partial class Blk
                {
                    [ConfigOption("serial")]
                    public string? {|DM0002:Serial|} { get; set; }
                }
                """, """
                public enum Mode { Fast, SlowAndSteady }

                [Device("nic")]
                public partial class Nic
                {
                    [ConfigOption("mq")]
                    public bool Mq { get; set; }

                    [ConfigOption("addr", Auto = true)]
                    public PciAddress? Addr { get; set; }

                    [ConfigOption("mode")]
                    [CompatHint("6.0", Mode.SlowAndSteady)]
                    public Mode Mode { get; set; }

                    [ConfigOption("size", IsSize = true)]
                    public ulong Size { get; set; } = 1073741824;

                    [ConfigOption("vectors")]
                    public uint Vectors { get; set; } {|DM0001:= 5|};
                }

                [Device("blk")]
                public partial class Blk
                {
                    [ConfigOption("serial")]
                    public string? Serial { get; set; }
                }
                """,
                shipped: "nic vectors=4\n",
                unshipped: "# new in this release\n",
                fixedUnshipped: "# new in this release\nblk serial\nnic addr=auto\nnic mode=fast\nnic mq=off\nnic size=1G\n");
            // One fix-all writes all five lines: a single iteration, whatever the scope. The changed default (DM0001)
            // is another group: accepting new options never accepts it.
            test.CodeActionEquivalenceKey = AcceptDefaultCodeFix.EquivalenceKey;
            test.FixedState.MarkupHandling = MarkupMode.Allow; // DM0001 is fixable by the provider, yet must remain
            test.NumberOfFixAllIterations = 1;
            test.NumberOfFixAllInDocumentIterations = 1;
            test.NumberOfFixAllInProjectIterations = 1;
            test.CodeFixTestBehaviors = CodeFixTestBehaviors.SkipFixAllInDocumentCheck | CodeFixTestBehaviors.SkipFixAllInSolutionCheck;
            test.NumberOfIncrementalIterations = 5;
            return test.RunAsync();
        }

        // ---- (d) DM0009: make the class partial ----

        [Fact]
        public Task MakePartial_AddsPartialAfterTheOtherModifiers() =>
            Test<MakePartialCodeFix>("""
                [Device("nic")]
                public abstract class {|DM0009:Nic|}
                {
                }

                [Device("blk")]
                abstract class {|DM0009:Blk|}
                {
                }
                """, """
                [Device("nic")]
                public abstract partial class Nic
                {
                }

                [Device("blk")]
                abstract partial class Blk
                {
                }
                """, shipped: "", unshipped: "").RunAsync();
    }
}
