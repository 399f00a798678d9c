using System;
using System.Linq;

namespace DeviceModel.Tests.Devices;

/// <summary>
/// How <see cref="DeviceInfo"/> composes a device type's table chain: the root's rows first in slot order, a nearer row
/// of the same name or a nearer history replaces the inherited one, options sorted by name map back to their slots, and
/// a history naming an option the chain lacks is refused at start-up. The tables here are written by hand the way the
/// generator writes them.
/// </summary>
public sealed class DeviceTableCompositionTests
{
    private abstract class Family : Device
    {
        public static readonly DeviceTable Table = new(null, "Test.Family",
        [
            new OptionRow("zeta", OptionKind.UInt32, "declared first, sorted last"),
            new OptionRow("alpha", OptionKind.Bool) { History = [new CompatRow(2, 0, 0)] },
        ]) { Name = "family" };

        public uint Zeta { get; set; } = 7;
        public bool Alpha { get; set; } = true;

        protected override OptionValue AccessOption(int slot, bool set, in OptionAssignment value) => (slot - Table.First) switch
        {
            0 => set ? Zeta = value : Zeta,
            1 => set ? Alpha = value : Alpha,
            _ => base.AccessOption(slot, set, value),
        };
    }

    private sealed class Leaf : Family
    {
        public static readonly DeviceTable LeafTable = new(Table, "Test.Leaf", [new OptionRow("middle", OptionKind.Int32)])
        {
            Name = "leaf",
            Histories = [new HistoryRow("alpha", [new CompatRow(3, 0, 0, "leaf's own history")])],
        };

        public static readonly DeviceInfo Descriptor = new(LeafTable, static () => new Leaf());

        public int Middle { get; set; } = -1;

        public override DeviceInfo Info => Descriptor;

        protected override OptionValue AccessOption(int slot, bool set, in OptionAssignment value) => (slot - LeafTable.First) switch
        {
            0 => set ? Middle = value : Middle,
            _ => base.AccessOption(slot, set, value),
        };
    }

    [Fact]
    public void Options_AreSortedByName_AndReachTheirSlots()
    {
        DeviceInfo info = Leaf.Descriptor;
        Assert.Equal(new[] { "alpha", "middle", "zeta" }, info.Options.Select(o => o.Name));
        Assert.Equal(new[] { 0, 1, 2 }, info.Options.Select(o => o.Index));
        Assert.Equal(new[] { "Test.Family", "Test.Leaf", "Test.Family" }, info.Options.Select(o => o.DeclaringType));
        Assert.Equal("family", info.Parent);
        Assert.Equal(1, info.IndexOf("middle".AsSpan()));
        Assert.Equal(-1, info.IndexOf("mid".AsSpan()));

        // Defaults come from a fresh device through the slots; setting by index reaches the right property.
        Assert.Equal(new[] { "on", "-1", "7" }, info.Options.Select(o => o.Default.ToString()));
        var leaf = (Leaf)info.Create();
        leaf.SetOption(info.IndexOf("zeta"), (OptionValue)9u, OptionSource.Explicit);
        leaf.SetOption(info.IndexOf("middle"), (OptionValue)5, OptionSource.Explicit);
        Assert.Equal((9u, 5, true), (leaf.Zeta, leaf.Middle, leaf.Alpha));
        Assert.Equal(OptionSource.Explicit, leaf.SourceOf(info.IndexOf("zeta")));
        Assert.Equal(OptionSource.Default, leaf.SourceOf(info.IndexOf("alpha")));
    }

    [Fact]
    public void ANearerHistory_ReplacesTheInheritedOne()
    {
        OptionInfo alpha = Leaf.Descriptor.FindOption("alpha")!;
        CompatEntry entry = Assert.Single(alpha.History);
        Assert.Equal(new MachineVersion(3, 0), entry.Since);
        Assert.Equal("leaf's own history", entry.Reason);
        Assert.False(alpha.DefaultFor(new MachineVersion(2, 5)).Bool);
        Assert.True(alpha.DefaultFor(new MachineVersion(3, 0)).Bool);
    }

    [Fact]
    public void AHistoryOfAnOptionTheChainLacks_IsRefused()
    {
        var table = new DeviceTable(Family.Table, "Test.Broken")
        {
            Name = "broken",
            Histories = [new HistoryRow("omega", [new CompatRow(1, 0, 1)])],
        };
        ArgumentException e = Assert.Throws<ArgumentException>(() => new DeviceInfo(table, static () => new Leaf()));
        Assert.Contains("Test.Broken records a history of option 'omega', which broken does not have", e.Message);
    }

    [Fact]
    public void Slots_NumberTheChainRootFirst()
    {
        Assert.Equal((0, 2), (Family.Table.First, Family.Table.Count));
        Assert.Equal((2, 3), (Leaf.LeafTable.First, Leaf.LeafTable.Count));
    }

    private sealed class Nic : OptionGroup
    {
        public static new readonly DeviceTable DeviceModelTable = new(null, "Test.Nic",
        [
            new OptionRow("bootindex", OptionKind.Int32),
            new OptionRow("netdev", OptionKind.String, null, OptionFlags.NullableHostOnly),
        ]);

        public int BootIndex { get; set; } = -1;
        public string? Netdev { get; set; }

        protected override OptionValue AccessOption(int slot, bool set, in OptionAssignment value) => slot switch
        {
            0 => set ? BootIndex = value : BootIndex,
            1 => set ? Netdev = value : Netdev,
            _ => base.AccessOption(slot, set, value),
        };
    }

    /// <summary>A device that includes a group after its own row, the way the generator writes it.</summary>
    private sealed class WithGroup : Family
    {
        public static readonly DeviceTable GroupTable = new(Table, "Test.WithGroup", [new OptionRow("own", OptionKind.Bool)])
        {
            Name = "with-group",
            Groups = [Nic.DeviceModelTable],
        };

        public static readonly DeviceInfo Descriptor = new(GroupTable, static () => new WithGroup());

        public bool Own { get; set; }
        public Nic Group { get; } = new() { Netdev = "net0" };

        public override DeviceInfo Info => Descriptor;

        protected override OptionValue AccessOption(int slot, bool set, in OptionAssignment value) => (slot - GroupTable.First) switch
        {
            0 => set ? Own = value : Own,
            _ when GroupTable.GroupRow(slot - GroupTable.First, 0) is var g0 and >= 0 => Group.Access(g0, set, value),
            _ => base.AccessOption(slot, set, value),
        };
    }

    [Fact]
    public void AnIncludedGroup_TakesTheSlotsAfterTheOwnRows_AndItsInstanceHoldsTheValues()
    {
        Assert.Equal((2, 5), (WithGroup.GroupTable.First, WithGroup.GroupTable.Count));
        Assert.Equal((1, 0, -1), (WithGroup.GroupTable.GroupRow(2, 0), WithGroup.GroupTable.GroupRow(1, 0), WithGroup.GroupTable.GroupRow(3, 0)));

        DeviceInfo info = WithGroup.Descriptor;
        Assert.Equal(new[] { "alpha", "bootindex", "netdev", "own", "zeta" }, info.Options.Select(o => o.Name));
        Assert.Equal(new[] { "Test.Family", "Test.Nic", "Test.Nic", "Test.WithGroup", "Test.Family" }, info.Options.Select(o => o.DeclaringType));
        // The include's initializer sets a host-only default; the rest are the group's.
        Assert.Equal(new[] { "on", "-1", "net0", "off", "7" }, info.Options.Select(o => o.Default.ToString()));

        var device = (WithGroup)info.Create();
        device.SetOption(info.IndexOf("bootindex"), (OptionValue)3, OptionSource.Explicit);
        device.SetOption(info.IndexOf("own"), (OptionValue)true, OptionSource.Explicit);
        Assert.Equal((3, true, "net0"), (device.Group.BootIndex, device.Own, device.Group.Netdev));
        Assert.Equal(3, device.GetOption(info.IndexOf("bootindex")).Int64);
        Assert.NotSame(device.Group, ((WithGroup)info.Create()).Group);
    }

    [Fact]
    public void AGroupOptionClashingWithAnotherOption_IsRefused()
    {
        var clashing = new DeviceTable(null, "Test.Clash", [new OptionRow("netdev", OptionKind.String, null, OptionFlags.NullableHostOnly)])
        {
            Name = "clash",
            Groups = [Nic.DeviceModelTable],
        };
        ArgumentException e = Assert.Throws<ArgumentException>(() => new DeviceInfo(clashing, static () => new WithGroup()));
        Assert.Contains("Test.Clash includes option group Test.Nic, whose option 'netdev' clashes with the option of Test.Clash", e.Message);
    }
}
