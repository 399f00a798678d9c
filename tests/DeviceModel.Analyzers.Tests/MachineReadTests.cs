using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using static DeviceModel.Analyzers.Tests.Harness.Run;

namespace DeviceModel.Analyzers.Tests
{
    /// <summary>
    /// DM0021: device code never looks at the machine type or its version (histories live in [CompatHint], machine types
    /// in [MachineFamily]); options, the bus and the vCPU count are what it may read.
    /// </summary>
    public sealed class MachineReadTests
    {
        private const string Catalog = """
            [DeviceCatalog]
            [MachineFamily("pc-i440fx", "5.2 6.0 7.2", Alias = "pc")]
            [MachineFamily("pc-q35", "5.2 6.0 7.2", Alias = "q35")]
            public static partial class QemuCatalog
            {
            }

            """;

        /// <summary>A device type whose <c>Decide</c> body is <paramref name="statement"/>.</summary>
        private static string DeviceWith(string statement) => Catalog + $$"""
            public abstract class Nic : PciDevice
            {
                public uint Vectors { get; set; }

                private void Decide(RealizeContext context, string version, string name)
                {
                    {{statement}}
                }
            }
            """;

        public static TheoryData<string, int> HandWrittenCompatCode() => new()
        {
            // The statements the old text scan caught, now compiled and reported where they read the machine.
            { "if ({|#0:context.Machine|}.Version < {|#1:new MachineVersion(6, 0)|}) Vectors = 3;", 2 },
            { "Vectors = {|#0:context.Machine|}.Name == \"pc-q35-6.1\" ? 0u : 2u;", 1 },
            { "if ({|#0:MachineVersion.Parse(\"5.2\")|} > default(MachineVersion)) Vectors = 3;", 1 },
            { "bool old = {|#0:string.CompareOrdinal(version, \"2.10\")|} < 0;", 1 },
            { "bool i440fx = {|#0:name.StartsWith(\"pc-i440fx\")|};", 1 },
            { "var family = {|#0:context.Machine|}.Family;", 1 },
            // The same through the device's own realize context, a literal machine name and a pattern on an alias.
            { "if ({|#0:Realizing.Machine|}.PciExpress) Vectors = 3;", 1 },
            { "Vectors = {|#0:name == \"pc-q35-6.1\"|} ? 0u : 2u;", 1 },
            { "Vectors = name is {|#0:\"q35\"|} ? 0u : 2u;", 1 },
            { "MachineType machine = {|#0:context.Machine|}; bool old = {|#1:machine.Version|}.Major < 6;", 2 },
        };

        [Theory]
        [MemberData(nameof(HandWrittenCompatCode))]
        public Task DM0021_DeviceCodeReadingTheMachine_IsReported(string statement, int findings)
        {
            var expected = new DiagnosticResult[findings];
            for (int i = 0; i < findings; i++) expected[i] = Diagnostic(DM0021, i).WithArguments("Nic", Describe(statement, i));
            return Analyzer(DeviceWith(statement), expected: expected);
        }

        // What the message says of each marked span, by its text.
        private static string Describe(string statement, int index)
        {
            string marker = "{|#" + index + ":";
            int start = statement.IndexOf(marker, System.StringComparison.Ordinal) + marker.Length;
            string span = statement.Substring(start, statement.IndexOf("|}", start, System.StringComparison.Ordinal) - start);
            return span switch
            {
                "context.Machine" => "reads RealizeContext.Machine",
                "Realizing.Machine" => "reads RealizeContext.Machine",
                "machine.Version" => "reads MachineType.Version",
                "new MachineVersion(6, 0)" => "creates a MachineVersion",
                "MachineVersion.Parse(\"5.2\")" => "calls MachineVersion.Parse",
                "string.CompareOrdinal(version, \"2.10\")" => "compares with the machine version \"2.10\"",
                "name.StartsWith(\"pc-i440fx\")" => "compares with the machine name \"pc-i440fx\"",
                "name == \"pc-q35-6.1\"" => "compares with the machine name \"pc-q35-6.1\"",
                "\"q35\"" => "compares with the machine name \"q35\"",
                _ => "?",
            };
        }

        [Fact]
        public Task DM0021_AttributesCommentsAndNameof_AreNotCode() =>
            Analyzer(Catalog + """
                /// <summary>QEMU 7.2 gave it two vectors; pc-q35-6.1 and machines before 2.10 differ.</summary>
                public abstract class Nic : PciDevice
                {
                    // Machines before 6.0 had 3 vectors: see the option's history.
                    [System.ComponentModel.Description("pc-q35-6.1")]
                    [System.Obsolete("since 2.10")]
                    public uint Vectors { get; set; } = 2;

                    [System.ComponentModel.Description(nameof(MachineType.Version))]
                    public string Name { get; set; } = nameof(RealizeContext.Machine);
                }
                """);

        [Fact]
        public Task DM0021_OptionsBusSmpAddressAndSession_MayBeRead() =>
            Analyzer(Catalog + """
                public abstract class Nic : PciDevice
                {
                    public uint Vectors { get; set; }
                    public string Model { get; set; } = "e1000";

                    private void Decide(RealizeContext context)
                    {
                        Vectors = context.Smp > 4 ? 8u : 4u;
                        if (context.Bus == BusKind.ExpressPort || context.IsPciExpress) Vectors++;
                        if (Realizing.Address.Slot == 0) Vectors = 0;
                        if (Model == "e1000" || Model.StartsWith("virtio", System.StringComparison.Ordinal)) Vectors = 1;
                        context.Session.NextDefaultMac();
                    }
                }
                """);

        [Fact]
        public Task DM0021_CodeOutsideDeviceTypes_MayReadTheMachine() =>
            Analyzer(Catalog + """
                public static class MachinePolicy
                {
                    public static bool IsOld(RealizeContext context, string name) =>
                        context.Machine.Version < new MachineVersion(6, 0) || name == "pc-q35-6.1" || MachineVersion.Parse("5.2").Major > 4;
                }
                """);
    }
}
