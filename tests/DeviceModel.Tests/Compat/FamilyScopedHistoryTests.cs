using System.Linq;
using DeviceModel.Catalog;
using DeviceModel.Compat;
using DeviceModel.Tooling.Docs;

namespace DeviceModel.Tests.Compat;

/// <summary>
/// The one compat evaluation (<see cref="OptionInfo.HistoryIndexFor"/>) with family-scoped and family-less entries
/// mixed: a machine of family F and version V gets the oldest entry, among the family-less ones and F's, whose
/// since is newer than V.
/// </summary>
public sealed class FamilyScopedHistoryTests
{
    // Default 9; family-less: 1 before 2.0, 3 before 5.0; pc-q35: 2 before 3.0; pc-i440fx: 4 before 6.0.
    private static OptionInfo Option()
    {
        var history = new[]
        {
            new CompatEntry(new MachineVersion(2, 0), U32(1), null),
            new CompatEntry(new MachineVersion(3, 0), U32(2), null, "pc-q35"),
            new CompatEntry(new MachineVersion(5, 0), U32(3), "global"),
            new CompatEntry(new MachineVersion(6, 0), U32(4), null, "pc-i440fx"),
        };
        var option = new OptionInfo(0, new OptionRow("n", OptionKind.UInt32), "T", history);
        option.Default = U32(9);
        return option;
    }

    private static OptionValue U32(ulong value) => OptionValue.FromInteger(OptionKind.UInt32, value);

    [Theory]
    [InlineData("1.9", null, 1UL)]
    [InlineData("2.0", null, 3UL)]
    [InlineData("4.2", null, 3UL)]
    [InlineData("5.0", null, 9UL)]
    [InlineData("5.2", null, 9UL)]
    [InlineData("1.9", "pc-q35", 1UL)]
    [InlineData("2.0", "pc-q35", 2UL)]
    [InlineData("2.12", "pc-q35", 2UL)]
    [InlineData("3.0", "pc-q35", 3UL)]
    [InlineData("5.0", "pc-q35", 9UL)]
    [InlineData("1.9", "pc-i440fx", 1UL)]
    [InlineData("2.12", "pc-i440fx", 3UL)]
    [InlineData("5.0", "pc-i440fx", 4UL)]
    [InlineData("5.2", "pc-i440fx", 4UL)]
    [InlineData("6.0", "pc-i440fx", 9UL)]
    [InlineData("2.12", "microvm", 3UL)]
    [InlineData("5.2", "microvm", 9UL)]
    public void Family_scoped_entries_apply_to_their_family_and_family_less_ones_to_every_machine(string version, string? family, ulong expected)
    {
        Assert.Equal(expected, Option().DefaultFor(MachineVersion.Parse(version), family).Bits);
    }

    [Fact]
    public void Family_less_evaluation_sees_only_entries_without_a_family()
    {
        OptionInfo option = Option();
        Assert.Equal(3UL, option.DefaultFor(new MachineVersion(2, 5)).Bits);
        Assert.Equal(2, option.HistoryIndexFor(new MachineVersion(2, 5), null));
        Assert.Equal(1, option.HistoryIndexFor(new MachineVersion(2, 5), "pc-q35"));
        Assert.Equal(3, option.HistoryIndexFor(new MachineVersion(5, 0), "pc-i440fx"));
        Assert.Equal(-1, option.HistoryIndexFor(new MachineVersion(6, 0), "pc-i440fx"));
    }

    [Fact]
    public void A_machine_type_is_evaluated_at_its_version_for_its_family()
    {
        OptionInfo hotplug = TestData.Catalog.Find("pcie-root-port")!.FindOption("x-native-hotplug")!;
        MachineCatalog machines = TestData.Catalog.RequireMachines();
        Assert.False(hotplug.DefaultFor(machines.Find("pc-q35-6.1")!).Bool);
        Assert.True(hotplug.DefaultFor(machines.Find("pc-q35-6.0")!).Bool);
        Assert.True(hotplug.DefaultFor(machines.Find("pc-q35-6.2")!).Bool);
        Assert.True(hotplug.DefaultFor(machines.Find("pc-i440fx-6.1")!).Bool);
        Assert.True(hotplug.DefaultFor(new MachineVersion(6, 1)).Bool);
    }

    [Fact]
    public void Compat_table_shows_a_family_scoped_history_as_that_familys_row()
    {
        DeviceInfo port = TestData.Catalog.Find("pcie-root-port")!;
        CompatTable table = CompatTable.For(port, TestData.Catalog.RequireMachines());
        CompatTable.Row row = Assert.Single(table.Rows, r => r.Option.Name == "x-native-hotplug");
        Assert.Equal("pc-q35", row.Family);
        Assert.Equal("x-native-hotplug (pc-q35 only)", row.Label);
        int at61 = table.Versions.IndexOf(new MachineVersion(6, 1)), at62 = table.Versions.IndexOf(new MachineVersion(6, 2));
        Assert.True(row.Values[at61 - 1].Bool);
        Assert.False(row.Values[at61].Bool);
        Assert.True(row.Values[at62].Bool);
    }

    [Fact]
    public void Diff_evaluates_each_machine_for_its_family()
    {
        MachineCatalog machines = TestData.Catalog.RequireMachines();
        DeviceInfo[] port = { TestData.Catalog.Find("pcie-root-port")! };
        DefaultChange change = Assert.Single(DefaultsDiff.Compare(machines.Find("pc-q35-6.0")!, machines.Find("pc-q35-6.1")!, port), c => c.Option.Name == "x-native-hotplug");
        Assert.True(change.From.Bool);
        Assert.False(change.To.Bool);
        Assert.DoesNotContain(DefaultsDiff.Compare(machines.Find("pc-i440fx-6.0")!, machines.Find("pc-i440fx-6.1")!, port), c => c.Option.Name == "x-native-hotplug");
        Assert.Contains(DefaultsDiff.Compare(machines.Find("pc-i440fx-6.1")!, machines.Find("pc-q35-6.1")!, port), c => c.Option.Name == "x-native-hotplug");
    }
}
