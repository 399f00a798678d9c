using System.Threading.Tasks;
using static DeviceModel.Analyzers.Tests.Harness.Run;

namespace DeviceModel.Analyzers.Tests
{
    /// <summary>
    /// Option groups (<c>[OptionGroup]</c>, <c>[IncludeOptions]</c>): a group's options are checked like a device's and
    /// guarded once under the group's name; an include the generator would leave out is DM0010, a clash DM0007, a
    /// guest-visible default set by an include's initializer DM0011.
    /// </summary>
    public sealed class OptionGroupDiagnosticTests
    {
        private const string Group = """
            [OptionGroup("nic")]
            public sealed partial class NicOptions
            {
                [ConfigOption("bootindex")]
                public int BootIndex { get; set; } = -1;

                [ConfigOption("netdev", HostOnly = true)]
                public string? Netdev { get; set; }
            }

            """;

        [Fact]
        public Task A_group_included_by_devices_is_clean_and_its_baseline_lines_are_keyed_by_the_group() =>
            Analyzer(Group + """
                [Device("e1000")]
                public sealed partial class E1000
                {
                    [IncludeOptions]
                    public NicOptions Nic { get; } = new() { Netdev = "net0" };
                }

                [Device("virtio-net-pci")]
                public sealed partial class VirtioNet
                {
                    [IncludeOptions]
                    public NicOptions Nic { get; } = new();
                }
                """,
                shipped: "nic bootindex=-1\n");

        [Fact]
        public Task A_changed_group_default_is_DM0001_once_under_the_group_name_and_a_device_line_for_a_group_option_is_stale() =>
            Analyzer(Group.Replace("{ get; set; } = -1;", "{ get; set; } {|#0:= 0|};") + """
                [Device("e1000")]
                public sealed partial class E1000
                {
                    [IncludeOptions]
                    public NicOptions Nic { get; } = new();
                }
                """,
                shipped: "{|#1:e1000 bootindex=-1|}\nnic bootindex=-1\n",
                expected: new[]
                {
                    Diagnostic(DM0003, 1).WithArguments("e1000 bootindex=-1", "bootindex", "e1000"),
                    Diagnostic(DM0001, 0).WithArguments("nic", "bootindex", "'-1'", "'0'"),
                });

        [Fact]
        public Task Includes_the_generator_leaves_out_are_DM0010() =>
            Analyzer(Group + """
                public sealed class NotAGroup
                {
                }

                [Device("dev")]
                public sealed partial class Dev
                {
                    [IncludeOptions]
                    public NotAGroup {|#0:Plain|} { get; } = new();

                    [IncludeOptions]
                    public static NicOptions {|#1:Shared|} { get; } = new();

                    [IncludeOptions]
                    [ConfigOption("both")]
                    public NicOptions {|#2:Both|} { get; set; } = new();
                }

                public sealed class NoDevice
                {
                    [IncludeOptions]
                    public NicOptions {|#3:Nic|} { get; } = new();
                }
                """,
                expected: new[]
                {
                    Diagnostic(DM0010, 0).WithArguments("Plain", "has type 'NotAGroup', which is not an [OptionGroup] class"),
                    Diagnostic(DM0010, 1).WithArguments("Shared", "includes an option group through a static property: each device needs its own group instance"),
                    Diagnostic(DM0010, 2).WithArguments("Both", "is both an option and an [IncludeOptions] property"),
                    Diagnostic(DM0010, 2).WithArguments("both", "type 'NicOptions' is not an option type (bool, integers, string, OnOffAuto, MacAddress, PciAddress or an enum)"),
                    Diagnostic(DM0010, 3).WithArguments("Nic", "includes an option group in 'NoDevice', which is not a [Device] type: only a device type includes option groups"),
                });

        [Fact]
        public Task A_group_option_clashing_with_a_device_option_is_DM0007_and_a_guest_visible_default_set_by_the_include_is_DM0011() =>
            Analyzer(Group + """
                [Device("dev")]
                public sealed partial class Dev
                {
                    [ConfigOption("bootindex")]
                    public int Boot { get; set; }

                    [IncludeOptions]
                    public NicOptions {|#0:Nic|} { get; } = new() { {|#1:BootIndex = 2|}, Netdev = "n" };
                }
                """,
                expected: new[]
                {
                    Diagnostic(DM0007, 0).WithArguments("dev", "bootindex", "NicOptions.BootIndex", "Dev.Boot"),
                    Diagnostic(DM0011, 1).WithArguments("bootindex", "'Nic' sets it in its initializer, but a group option's default is the group's, guarded once under the group's name in the compat baseline: declare the option in the device to give it another default (host-only options may be set here)"),
                });

        [Fact]
        public Task A_group_name_must_be_an_option_name_and_a_group_is_not_a_device() =>
            Analyzer("""
                [OptionGroup({|#0:"Bad Group"|})]
                public sealed partial class BadGroup
                {
                }

                [Device("dev")]
                [{|#1:OptionGroup("dev-group")|}]
                public sealed partial class Both
                {
                }
                """,
                expected: new[]
                {
                    Diagnostic(DM0008, 0).WithArguments("Bad Group", "option group"),
                    Diagnostic(DM0010, 1).WithArguments("Both", "is both a [Device] and an [OptionGroup]: a device includes a group through an [IncludeOptions] property"),
                });
    }
}
