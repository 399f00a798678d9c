using System.Threading.Tasks;
using DeviceModel.Analyzers.Tests.Harness;

namespace DeviceModel.Analyzers.Tests
{
    public class SmokeTests
    {
        [Fact]
        public async Task Smoke()
        {
            var test = new AnalyzerTest
            {
                TestCode = """
                    using DeviceModel;

                    [Device("nic")]
                    public partial class Nic
                    {
                        [ConfigOption("mq")]
                        public bool {|DM0002:Mq|} { get; set; }

                        [ConfigOption("vectors")]
                        public uint Vectors { get; set; } {|DM0001:= 4|};

                        [ConfigOption("old")]
                        public uint? Old { get; set; }
                    }
                    """,
            };
            test.TestState.AdditionalFiles.Add((TestProject.ShippedPath, "nic vectors=3\n{|DM0003:nic gone=1|}\nnic old\n"));
            test.TestState.AdditionalFiles.Add((TestProject.UnshippedPath, ""));
            await test.RunAsync();
        }
    }
}
