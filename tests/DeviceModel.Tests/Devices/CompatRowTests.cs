using System;

namespace DeviceModel.Tests.Devices;

/// <summary>
/// A generated history entry (<see cref="CompatRow"/>) is numbers of its option's kind: it becomes the same
/// <see cref="CompatEntry"/> the generated code used to build with the <see cref="OptionValue"/> factories.
/// </summary>
public sealed class CompatRowTests
{
    private static readonly OptionRow EnumRow = new("mode", OptionKind.Enum) { Values = ["timer", "bh", "no-delay"] };

    [Fact]
    public void Bits_BecomeTheValueOfTheKind()
    {
        OptionRow row = new("n", OptionKind.UInt32);
        Assert.Equal(new CompatEntry(new MachineVersion(2, 0), OptionValue.FromBool(false)), new CompatRow(2, 0, 0).ToEntry(row, OptionKind.Bool));
        Assert.Equal(new CompatEntry(new MachineVersion(2, 0), OptionValue.FromBool(true), "why"), new CompatRow(2, 0, 1, "why").ToEntry(row, OptionKind.Bool));
        Assert.Equal(new CompatEntry(new MachineVersion(3, 1), OptionValue.FromInteger(OptionKind.Int8, 0xfffffffffffffffb), null, "pc-q35"),
            new CompatRow(3, 1, 0xfffffffffffffffb, null, "pc-q35").ToEntry(row, OptionKind.Int8));
        Assert.Equal(new CompatEntry(new MachineVersion(2, 12, 1), OptionValue.FromInteger(OptionKind.Size, 4096), null, null),
            new CompatRow(new MachineVersion(2, 12, 1), 4096, null, null).ToEntry(row, OptionKind.Size));
        Assert.Equal(new CompatEntry(new MachineVersion(2, 5), OptionValue.FromOnOffAuto(OnOffAuto.Off)), new CompatRow(2, 5, 2).ToEntry(row, OptionKind.OnOffAuto));
        Assert.Equal(new CompatEntry(new MachineVersion(5, 0), OptionValue.FromMac(new MacAddress(0x525400123456))), new CompatRow(5, 0, 0x525400123456).ToEntry(row, OptionKind.MacAddress));
        Assert.Equal(new CompatEntry(new MachineVersion(3, 0), OptionValue.FromPciAddress(PciAddress.FromDevFn(32))), new CompatRow(3, 0, 32).ToEntry(row, OptionKind.PciAddress));
    }

    [Fact]
    public void StringsEnumsUnsetAndAuto_KeepTheirForms()
    {
        OptionRow row = new("s", OptionKind.String);
        Assert.Equal(OptionValue.FromString("old,label"), new CompatRow(4, 0, "old,label").ToEntry(row, OptionKind.String).Value);
        Assert.Equal(OptionValue.FromEnum(1, "bh"), new CompatRow(3, 0, 1).ToEntry(EnumRow, OptionKind.Enum).Value);
        Assert.Equal(OptionValue.Null(OptionKind.String), CompatRow.Null(new MachineVersion(2, 0), null, null).ToEntry(row, OptionKind.String).Value);
        Assert.Equal(OptionValue.AutoValue(OptionKind.Int32), CompatRow.Auto(new MachineVersion(5, 0), "auto now", null).ToEntry(row, OptionKind.Int32).Value);
        Assert.Equal("auto now", CompatRow.Auto(new MachineVersion(5, 0), "auto now", null).ToEntry(row, OptionKind.Int32).Reason);
    }

    [Fact]
    public void AnOrdinalPastTheEnumsValues_IsRefused()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => new CompatRow(2, 0, 3).ToEntry(EnumRow, OptionKind.Enum));
        Assert.Contains("option 'mode'", e.Message);
    }

    [Fact]
    public void OptionAssignment_ConvertsAsTheAccessorsDid()
    {
        var unset = new OptionAssignment(OptionValue.Null(OptionKind.UInt32));
        var auto = new OptionAssignment(OptionValue.AutoValue(OptionKind.MacAddress));
        Assert.Null((uint?)unset);
        Assert.Null((MacAddress?)auto);
        Assert.Equal((ushort)0x1234, (ushort)new OptionAssignment(OptionValue.FromInteger(OptionKind.UInt16, 0x1234)));
        Assert.Equal(-5, (int)new OptionAssignment(OptionValue.FromInt64(OptionKind.Int32, -5)));
        Assert.True((bool)new OptionAssignment(OptionValue.FromBool(true)));
        Assert.Equal(OnOffAuto.Off, (OnOffAuto)new OptionAssignment(OptionValue.FromOnOffAuto(OnOffAuto.Off)));
        Assert.Equal("x", (string?)new OptionAssignment(OptionValue.FromString("x")));
        Assert.Equal(OptionValue.AutoValue(OptionKind.UInt32), OptionValue.OrAuto((uint?)null));
        Assert.Equal(OptionValue.FromInteger(OptionKind.UInt32, 7), OptionValue.OrAuto(7u));
    }
}
