using System.Threading.Tasks;
using static DeviceModel.Analyzers.Tests.Harness.Run;

namespace DeviceModel.Analyzers.Tests
{
    /// <summary>
    /// DM0020 and the history checks of class-level <c>[CompatHint(…, Option = name)]</c>: a product records its history of
    /// options it inherits from a framework family, on its own types.
    /// </summary>
    public sealed class ClassHintDiagnosticTests
    {
        private const string Framework = """
            [DeviceCatalog]
            [Product("demo", "7.2")]
            [MachineFamily("pc", "1.0 2.0 6.0 7.2")]
            public static partial class DemoCatalog
            {
            }

            [Device("family")]
            public abstract partial class Family
            {
                [ConfigOption("a")]
                public bool A { get; set; } = true;

                [ConfigOption("b")]
                public virtual uint B { get; set; } = 4;

                [ConfigOption("backend", HostOnly = true)]
                public string? Backend { get; set; }
            }

            """;

        [Fact]
        public Task ClassHints_OnInheritedOptions_OfAProductBaseWithoutDevice_AreClean() =>
            Analyzer(Framework + """
                [CompatHint("2.0", false, Option = "a")]
                [CompatHint("6.0", 2u, Option = "b")]
                public abstract partial class ProductFamily : Family
                {
                }

                [CompatHint("1.0", true, Option = "a")]
                [Device("nic")]
                public sealed partial class Nic : ProductFamily
                {
                    public override uint B { get; set; } = 4;
                }
                """);

        [Fact]
        public Task DM0020_ClassHintWithoutOption_OrNamingAnOptionNotInherited_IsReported() =>
            Analyzer(Framework + """
                [{|#0:CompatHint("2.0", false)|}]
                [CompatHint("2.0", false, {|#1:Option = "aa"|})]
                public abstract partial class ProductFamily : Family
                {
                }
                """,
                expected: new[]
                {
                    Diagnostic(DM0020, 0).WithArguments("ProductFamily", "needs Option = \"<option>\": on a class, an entry records the history of an option the class inherits"),
                    Diagnostic(DM0020, 1).WithArguments("ProductFamily", "names 'aa', which is not an option 'ProductFamily' inherits"),
                });

        [Fact]
        public Task DM0020_ClassHintForAnOptionTheClassDeclares_OrWhoseOverrideHasItsOwnHistory_IsReported() =>
            Analyzer(Framework + """
                [CompatHint("2.0", false, {|#0:Option = "c"|})]
                [CompatHint("2.0", 2u, {|#1:Option = "b"|})]
                [Device("nic")]
                public sealed partial class Nic : Family
                {
                    [ConfigOption("c")]
                    public bool C { get; set; } = true;

                    [CompatHint("6.0", 3u)]
                    public override uint B { get; set; } = 4;
                }
                """,
                expected: new[]
                {
                    Diagnostic(DM0020, 0).WithArguments("Nic", "names 'c', which this class declares: put its [CompatHint]s on the property, without Option"),
                    Diagnostic(DM0020, 1).WithArguments("Nic", "names 'b', whose overriding property here has [CompatHint]s of its own: keep one history, on the property or on the class"),
                });

        [Fact]
        public Task DM0020_PropertyHintNamingAnotherOption_IsReported() =>
            Analyzer(Framework + """
                [Device("nic")]
                public sealed partial class Nic : Family
                {
                    [ConfigOption("c")]
                    [CompatHint("2.0", false, {|#0:Option = "a"|})]
                    public bool C { get; set; } = true;
                }
                """,
                expected: new[]
                {
                    Diagnostic(DM0020, 0).WithArguments("C", "names option 'a', but a property's entries belong to its own option 'c': remove Option"),
                });

        [Fact]
        public Task ClassHintEntries_AreCheckedLikeAPropertysHistory() =>
            Analyzer(Framework + """
                [CompatHint({|#0:"6.x"|}, false, Option = "a")]
                [CompatHint("2.0", {|#1:"many"|}, Option = "b")]
                [CompatHint("2.0", "x", {|#2:Option = "backend"|})]
                [CompatHint("6.0", false, Option = "a")]
                [{|#3:CompatHint("2.0", true, Option = "a")|}]
                public abstract partial class ProductFamily : Family
                {
                }
                """,
                expected: new[]
                {
                    Diagnostic(DM0004, 0).WithArguments("6.x", "is not a version x.y or x.y.z"),
                    Diagnostic(DM0005, 1).WithArguments("\"many\"", "b", "a constant of type uint, nor text of a uint32 integer (0 to 4294967295, decimal or 0x hex)"),
                    Diagnostic(DM0015, 2).WithArguments("backend", "host-only options are never versioned"),
                    Diagnostic(DM0006, 3).WithArguments("a", "since '2.0' is listed after '6.0': list [CompatHint]s oldest first"),
                });

        [Fact]
        public Task DM0020_ClassHintsOnANonPartialClass_AreReported_TheyWouldNotApply() =>
            Analyzer(Framework + """
                [CompatHint("2.0", false, Option = "a")]
                public abstract class {|#0:ProductFamily|} : Family
                {
                }
                """,
                expected: new[]
                {
                    Diagnostic(DM0020, 0).WithArguments("ProductFamily", "records option histories, which go into its generated table, but it is not partial: declare it partial, top-level and non-generic"),
                });
    }
}
