using System.Threading.Tasks;
using static DeviceModel.Analyzers.Tests.Harness.Run;

namespace DeviceModel.Analyzers.Tests
{
    /// <summary>The analyzers spell enum members as the generator does: <c>[OptionValueName]</c> first, else kebab case.</summary>
    public sealed class EnumValueNameTests
    {
        private const string Port = """
            public enum Speed
            {
                [OptionValueName("2_5")] Gt2_5 = 1,
                [OptionValueName("16")] Gt16 = 4,
            }

            [Device("port")]
            public partial class Port
            {
                [ConfigOption("x-speed")]
                [CompatHint("4.0", "2_5")]
                public Speed LinkSpeed { get; set; } = Speed.Gt16;
            }
            """;

        [Fact]
        public Task Hint_text_and_baseline_lines_use_the_declared_spelling() =>
            Analyzer(Port, shipped: "port x-speed=16\n");

        [Fact]
        public Task Kebab_case_of_a_renamed_member_is_not_a_value() =>
            Analyzer("""
                public enum Speed
                {
                    [OptionValueName("2_5")] Gt2_5 = 1,
                    [OptionValueName("16")] Gt16 = 4,
                }

                [Device("port")]
                public partial class Port
                {
                    [ConfigOption("x-speed")]
                    [CompatHint("4.0", {|#0:"gt2-5"|})]
                    public Speed LinkSpeed { get; set; } = Speed.Gt16;
                }
                """,
                expected: Diagnostic(DM0005, 0).WithArguments("\"gt2-5\"", "x-speed", "a constant of type Speed, nor text of one of 2_5, 16"));
    }
}
