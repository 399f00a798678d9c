namespace DeviceModel.Tests.Values;

public sealed class OptionValueTests
{
    [Fact]
    public void Values_of_the_same_kind_and_bits_are_equal_with_equal_hashes()
    {
        OptionValue a = OptionValue.FromInteger(OptionKind.UInt32, 42);
        OptionValue b = OptionValue.FromInteger(OptionKind.UInt32, 42);
        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.False(a != b);
        Assert.True(a.Equals((object)b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(OptionValue.FromString("x" + "y"), OptionValue.FromString("xy"));
        Assert.Equal(OptionValue.FromString("xy").GetHashCode(), OptionValue.FromString("x" + "y").GetHashCode());
    }

    [Fact]
    public void Values_differing_in_kind_bits_text_or_state_are_not_equal()
    {
        Assert.NotEqual(OptionValue.FromInteger(OptionKind.UInt32, 1), OptionValue.FromInteger(OptionKind.UInt64, 1));
        Assert.NotEqual(OptionValue.FromInteger(OptionKind.UInt32, 1), OptionValue.FromInteger(OptionKind.UInt32, 2));
        Assert.NotEqual(OptionValue.FromBool(true), OptionValue.FromInteger(OptionKind.UInt8, 1));
        Assert.NotEqual(OptionValue.FromString("a"), OptionValue.FromString("A"));
        Assert.NotEqual(OptionValue.FromString(""), OptionValue.Null(OptionKind.String));
        Assert.NotEqual(OptionValue.Null(OptionKind.UInt32), OptionValue.AutoValue(OptionKind.UInt32));
        Assert.NotEqual(OptionValue.Null(OptionKind.UInt32), OptionValue.FromInteger(OptionKind.UInt32, 0));
        Assert.NotEqual(OptionValue.AutoValue(OptionKind.UInt32), OptionValue.FromInteger(OptionKind.UInt32, 0));
        Assert.NotEqual(OptionValue.FromEnum(1, "a"), OptionValue.FromEnum(1, "b"));
        Assert.False(OptionValue.FromBool(true).Equals("on"));
    }

    [Fact]
    public void Null_and_auto_report_their_state()
    {
        Assert.True(OptionValue.Null(OptionKind.String).IsNull);
        Assert.False(OptionValue.Null(OptionKind.String).IsAuto);
        Assert.True(OptionValue.FromString(null).IsNull);
        Assert.True(OptionValue.AutoValue(OptionKind.PciAddress).IsAuto);
        Assert.False(OptionValue.AutoValue(OptionKind.PciAddress).IsNull);
        Assert.False(OptionValue.FromInteger(OptionKind.UInt32, 0).IsAuto);
    }

    [Fact]
    public void OnOffAuto_auto_is_the_same_value_whichever_way_it_is_made()
    {
        Assert.Equal(OptionValue.FromOnOffAuto(OnOffAuto.Auto), OptionValue.AutoValue(OptionKind.OnOffAuto));
        Assert.True(OptionValue.FromOnOffAuto(OnOffAuto.Auto).IsAuto);
        Assert.False(OptionValue.FromOnOffAuto(OnOffAuto.On).IsAuto);
        Assert.Equal(OnOffAuto.Off, OptionValue.FromOnOffAuto(OnOffAuto.Off).AsOnOffAuto());
    }

    [Fact]
    public void Accessors_return_what_was_stored()
    {
        Assert.True(OptionValue.FromBool(true).Bool);
        Assert.Equal(-5L, OptionValue.FromInt64(OptionKind.Int32, -5).Int64);
        Assert.Equal(unchecked((ulong)-5L), OptionValue.FromInt64(OptionKind.Int32, -5).Bits);
        Assert.Equal(new MacAddress(0x5254_0012_3456), OptionValue.FromMac(new MacAddress(0x5254_0012_3456)).AsMac());
        Assert.Equal(new PciAddress(3, 1), OptionValue.FromPciAddress(new PciAddress(3, 1)).AsPciAddress());
        Assert.Equal(0x19UL, OptionValue.FromPciAddress(new PciAddress(3, 1)).Bits);
        Assert.Equal("io-thread", OptionValue.FromEnum(2, "io-thread").Text);
        Assert.Equal(2UL, OptionValue.FromEnum(2, "io-thread").Bits);
    }

    [Theory]
    [MemberData(nameof(FormattedValues))]
    public void ToString_writes_the_value_syntax(OptionValue value, string expected)
    {
        Assert.Equal(expected, value.ToString());
    }

    public static TheoryData<OptionValue, string> FormattedValues => new()
    {
        { OptionValue.FromBool(true), "on" },
        { OptionValue.FromBool(false), "off" },
        { OptionValue.FromInt64(OptionKind.Int8, -128), "-128" },
        { OptionValue.FromInteger(OptionKind.UInt8, 255), "255" },
        { OptionValue.FromInt64(OptionKind.Int64, long.MinValue), "-9223372036854775808" },
        { OptionValue.FromInteger(OptionKind.UInt64, ulong.MaxValue), "18446744073709551615" },
        { OptionValue.FromInteger(OptionKind.UInt32, 16), "16" },
        { OptionValue.FromInteger(OptionKind.Size, 262144), "256k" },
        { OptionValue.FromInteger(OptionKind.Size, 1536), "1536" },
        { OptionValue.FromInteger(OptionKind.Size, 0), "0" },
        { OptionValue.FromOnOffAuto(OnOffAuto.On), "on" },
        { OptionValue.FromOnOffAuto(OnOffAuto.Off), "off" },
        { OptionValue.FromOnOffAuto(OnOffAuto.Auto), "auto" },
        { OptionValue.FromMac(new MacAddress(0x5254_00AB_CDEF)), "52:54:00:ab:cd:ef" },
        { OptionValue.FromPciAddress(new PciAddress(3, 0)), "03.0" },
        { OptionValue.FromPciAddress(new PciAddress(0x1f, 7)), "1f.7" },
        { OptionValue.FromString("a,b"), "a,b" },
        { OptionValue.FromString(""), "" },
        { OptionValue.FromEnum(1, "page-per-vq"), "page-per-vq" },
        { OptionValue.Null(OptionKind.UInt32), "" },
        { OptionValue.AutoValue(OptionKind.UInt32), "auto" },
        { OptionValue.AutoValue(OptionKind.PciAddress), "auto" },
    };
}
