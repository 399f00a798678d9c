using System;

namespace DeviceModel.Tests.Values;

/// <summary>OptionInfo.TryParse: the value syntax plus an option's limits, auto and nullability, as the parsers apply them.</summary>
public sealed class OptionInfoParseTests
{
    private static OptionValue Parsed(OptionInfo option, string text)
    {
        Assert.Equal(ValueParseError.None, option.TryParse(text, out OptionValue value));
        return value;
    }

    [Fact]
    public void Period_honours_its_declared_minimum_of_one()
    {
        OptionInfo period = SampleOptions.Rng("period");
        Assert.Equal(OptionKind.UInt32, period.Kind);
        Assert.True(period.HasLimits);
        Assert.Equal(1UL, period.Min);
        Assert.Equal(uint.MaxValue, period.Max);
        Assert.Equal(ValueParseError.OutOfRange, period.TryParse("0", out OptionValue zero));
        Assert.Equal(default, zero);
        Assert.Equal(OptionValue.FromInteger(OptionKind.UInt32, 1), Parsed(period, "1"));
        Assert.Equal(OptionValue.FromInteger(OptionKind.UInt32, 16), Parsed(period, "0x10"));
        Assert.Equal(OptionValue.FromInteger(OptionKind.UInt32, uint.MaxValue), Parsed(period, "4294967295"));
        Assert.Equal(ValueParseError.OutOfRange, period.TryParse("4294967296", out _));
        Assert.Equal(ValueParseError.OutOfRange, period.TryParse("-1", out _));
        Assert.Equal(ValueParseError.Syntax, period.TryParse("auto", out _));
        Assert.Equal(ValueParseError.Empty, period.TryParse("", out _));
        Assert.Equal(ValueParseError.AmbiguousLeadingZero, period.TryParse("010", out _));
        Assert.Equal("a uint32 value from 1 to 4294967295", period.Expected);
    }

    [Fact]
    public void Max_bytes_honours_its_declared_maximum_below_the_type_maximum()
    {
        OptionInfo maxBytes = SampleOptions.Rng("max-bytes");
        Assert.Equal(OptionKind.UInt64, maxBytes.Kind);
        Assert.Equal((ulong)long.MaxValue, maxBytes.Max);
        Assert.Equal(OptionValue.FromInteger(OptionKind.UInt64, long.MaxValue), Parsed(maxBytes, "9223372036854775807"));
        Assert.Equal(ValueParseError.OutOfRange, maxBytes.TryParse("9223372036854775808", out _));
        Assert.Equal(ValueParseError.OutOfRange, maxBytes.TryParse("18446744073709551615", out _));
        Assert.Equal(ValueParseError.OutOfRange, maxBytes.TryParse("18446744073709551616", out _));
        Assert.Equal("a uint64 value from 0 to 9223372036854775807", maxBytes.Expected);
        Assert.Equal(OptionValue.FromInteger(OptionKind.UInt64, long.MaxValue), maxBytes.Default);
    }

    [Fact]
    public void Bool_option_parses_every_spelling_and_rejects_numbers()
    {
        OptionInfo packed = SampleOptions.Rng("packed");
        Assert.Equal(OptionValue.FromBool(true), Parsed(packed, "on"));
        Assert.Equal(OptionValue.FromBool(true), Parsed(packed, "yes"));
        Assert.Equal(OptionValue.FromBool(false), Parsed(packed, "false"));
        Assert.Equal(ValueParseError.Syntax, packed.TryParse("1", out _));
        Assert.Equal(ValueParseError.Syntax, packed.TryParse("On", out _));
        Assert.Equal(ValueParseError.Empty, packed.TryParse("", out _));
        Assert.Equal("a boolean (on/off, yes/no, true/false)", packed.Expected);
    }

    [Fact]
    public void OnOffAuto_option_parses_auto_as_an_ordinary_value()
    {
        OptionInfo disableLegacy = SampleOptions.Rng("disable-legacy");
        Assert.Equal(OptionKind.OnOffAuto, disableLegacy.Kind);
        OptionValue auto = Parsed(disableLegacy, "auto");
        Assert.Equal(OptionValue.FromOnOffAuto(OnOffAuto.Auto), auto);
        Assert.True(auto.IsAuto);
        Assert.True(disableLegacy.Accepts(auto));
        Assert.Equal(OptionValue.FromOnOffAuto(OnOffAuto.On), Parsed(disableLegacy, "on"));
        Assert.Equal(OptionValue.FromOnOffAuto(OnOffAuto.Off), Parsed(disableLegacy, "off"));
        Assert.Equal(ValueParseError.Syntax, disableLegacy.TryParse("yes", out _));
        Assert.Equal("on, off or auto", disableLegacy.Expected);
    }

    [Fact]
    public void Auto_options_accept_auto_and_say_so_in_expected()
    {
        OptionInfo vectors = SampleOptions.Rng("vectors");
        Assert.True(vectors.IsAuto);
        OptionValue auto = Parsed(vectors, "auto");
        Assert.Equal(OptionValue.AutoValue(OptionKind.UInt32), auto);
        Assert.True(auto.IsAuto);
        Assert.Equal(OptionValue.FromInteger(OptionKind.UInt32, 3), Parsed(vectors, "3"));
        Assert.Equal(ValueParseError.Syntax, vectors.TryParse("Auto", out _));
        Assert.Equal("a uint32 integer (0 to 4294967295, decimal or 0x hex), or auto", vectors.Expected);

        OptionInfo addr = SampleOptions.Rng("addr");
        Assert.Equal(OptionValue.AutoValue(OptionKind.PciAddress), Parsed(addr, "auto"));
        Assert.Equal(OptionValue.FromPciAddress(new PciAddress(5, 0)), Parsed(addr, "05.0"));
        Assert.Equal(ValueParseError.OutOfRange, addr.TryParse("20", out _));
        Assert.Equal(ValueParseError.Syntax, addr.TryParse("3.", out _));
    }

    [Fact]
    public void String_option_takes_any_text_verbatim_including_empty_and_commas()
    {
        OptionInfo romfile = SampleOptions.Rng("romfile");
        Assert.Equal(OptionValue.FromString(""), Parsed(romfile, ""));
        Assert.Equal(OptionValue.FromString("a,b"), Parsed(romfile, "a,b"));
        Assert.Equal(OptionValue.FromString(" \u00e9\u0000 "), Parsed(romfile, " \u00e9\u0000 "));
        Assert.True(romfile.IsNullable);
        Assert.Equal(OptionValue.Null(OptionKind.String), romfile.Default);
    }

    [Fact]
    public void Enum_option_parses_names_and_lists_them_in_expected()
    {
        OptionInfo option = SampleOptions.ForKind(OptionKind.Enum);
        Assert.Equal(OptionValue.FromEnum(2, "io-thread"), Parsed(option, "io-thread"));
        Assert.Equal(ValueParseError.Syntax, option.TryParse("IOThread", out _));
        Assert.Equal(ValueParseError.Syntax, option.TryParse("2", out _));
        Assert.Equal(ValueParseError.Empty, option.TryParse("", out _));
        Assert.Equal("one of split, page-per-vq, io-thread, x86-mode", option.Expected);
        Assert.True(option.Accepts(OptionValue.FromEnum(3, "x86-mode")));
        Assert.False(option.Accepts(OptionValue.FromEnum(3, "split")));
        Assert.False(option.Accepts(OptionValue.FromEnum(4, "other")));
    }

    [Fact]
    public void Size_option_parses_suffixes_and_checks_its_limits()
    {
        OptionInfo option = SampleOptions.ForKind(OptionKind.Size, min: "4k", max: "1G");
        Assert.Equal(OptionValue.FromInteger(OptionKind.Size, 4096), Parsed(option, "4k"));
        Assert.Equal(OptionValue.FromInteger(OptionKind.Size, 4096), Parsed(option, "0x1000"));
        Assert.Equal(OptionValue.FromInteger(OptionKind.Size, 768UL << 20), Parsed(option, "0.75G"));
        Assert.Equal(OptionValue.FromInteger(OptionKind.Size, 4096), Parsed(option, "4096"));
    }

    [Fact]
    public void Size_option_rejects_values_outside_its_limits_as_out_of_range()
    {
        OptionInfo option = SampleOptions.ForKind(OptionKind.Size, min: "4k", max: "1G");
        Assert.Equal(ValueParseError.OutOfRange, option.TryParse("1.5G", out _));
        Assert.Equal(ValueParseError.OutOfRange, option.TryParse("4095", out _));
        Assert.Equal(ValueParseError.OutOfRange, option.TryParse("16E", out _));
        Assert.Equal(ValueParseError.Syntax, option.TryParse("1.3k", out _));
        Assert.Equal(OptionValue.FromInteger(OptionKind.Size, 1UL << 30), Parsed(option, "1G"));
        Assert.Equal("a size value from 4k to 1G", option.Expected);
    }

    [Fact]
    public void Signed_option_limits_compare_as_signed_numbers()
    {
        OptionInfo option = SampleOptions.ForKind(OptionKind.Int16, min: "-10", max: "10");
        Assert.Equal(OptionValue.FromInt64(OptionKind.Int16, -10), Parsed(option, "-10"));
        Assert.Equal(OptionValue.FromInt64(OptionKind.Int16, 10), Parsed(option, "10"));
        Assert.Equal(ValueParseError.OutOfRange, option.TryParse("-11", out _));
        Assert.Equal(ValueParseError.OutOfRange, option.TryParse("11", out _));
        Assert.Equal("a int16 value from -10 to 10", option.Expected);
    }

    [Fact]
    public void Mac_option_parses_an_address()
    {
        OptionInfo option = SampleOptions.ForKind(OptionKind.MacAddress);
        Assert.Equal(OptionValue.FromMac(new MacAddress(0x5254_0012_3456)), Parsed(option, "52:54:00:12:34:56"));
        Assert.Equal(ValueParseError.Syntax, option.TryParse("52:54:00:12:34", out _));
    }

    [Fact]
    public void A_limit_that_does_not_parse_is_refused_when_the_option_is_built()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => SampleOptions.ForKind(OptionKind.UInt8, max: "256"));
        Assert.Contains("'256'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_kind_without_limits_reports_the_type_range_as_expected()
    {
        foreach (OptionKind kind in SampleOptions.AllKinds)
        {
            OptionInfo option = SampleOptions.ForKind(kind);
            Assert.False(option.HasLimits);
            if (kind != OptionKind.Enum) Assert.Equal(ValueSyntax.Expected(kind), option.Expected);
        }
        Assert.Equal("a int8 integer (-128 to 127, decimal or 0x hex)", ValueSyntax.Expected(OptionKind.Int8));
        Assert.Equal("a uint64 integer (0 to 18446744073709551615, decimal or 0x hex)", ValueSyntax.Expected(OptionKind.UInt64));
    }

    [Fact]
    public void Accepts_checks_kind_nullability_auto_and_range()
    {
        OptionInfo period = SampleOptions.Rng("period");
        Assert.True(period.Accepts(OptionValue.FromInteger(OptionKind.UInt32, 1)));
        Assert.False(period.Accepts(OptionValue.FromInteger(OptionKind.UInt32, 0)));
        Assert.False(period.Accepts(OptionValue.FromInteger(OptionKind.UInt64, 5)));
        Assert.False(period.Accepts(OptionValue.Null(OptionKind.UInt32)));
        Assert.False(period.Accepts(OptionValue.AutoValue(OptionKind.UInt32)));
        Assert.True(SampleOptions.Rng("vectors").Accepts(OptionValue.AutoValue(OptionKind.UInt32)));
        Assert.True(SampleOptions.Rng("romfile").Accepts(OptionValue.Null(OptionKind.String)));
        Assert.True(SampleOptions.Rng("disable-legacy").Accepts(OptionValue.AutoValue(OptionKind.OnOffAuto)));
    }

    // ---- options of the other sample devices ----

    [Fact]
    public void Catalog_enum_option_parses_its_kebab_case_member_names()
    {
        OptionInfo werror = SampleOptions.Of("virtio-blk-pci", "werror");
        Assert.Equal(OptionKind.Enum, werror.Kind);
        Assert.Equal(new[] { "report", "ignore", "enospc", "stop", "auto" }, werror.EnumNames.ToArray());
        Assert.Equal(OptionValue.FromEnum(3, "stop"), Parsed(werror, "stop"));
        Assert.Equal(OptionValue.FromEnum(4, "auto"), Parsed(werror, "auto"));
        Assert.Equal(ValueParseError.Syntax, werror.TryParse("Stop", out _));
        Assert.Equal(ValueParseError.Syntax, werror.TryParse("3", out _));
        Assert.Equal(ValueParseError.Empty, werror.TryParse("", out _));
        Assert.Equal("one of report, ignore, enospc, stop, auto", werror.Expected);
        Assert.Equal(OptionValue.FromEnum(4, "auto"), werror.Default);
    }

    [Fact]
    public void Catalog_size_options_parse_suffixes_and_auto()
    {
        OptionInfo logical = SampleOptions.Of("virtio-blk-pci", "logical_block_size");
        Assert.Equal(OptionKind.Size, logical.Kind);
        Assert.Equal(OptionValue.FromInteger(OptionKind.Size, 4096), Parsed(logical, "4k"));
        Assert.Equal(OptionValue.FromInteger(OptionKind.Size, 512), Parsed(logical, "0x200"));
        Assert.Equal(OptionValue.AutoValue(OptionKind.Size), Parsed(logical, "auto"));
        Assert.Equal(ValueParseError.Syntax, logical.TryParse("1.3k", out _));
        Assert.Equal(ValueParseError.OutOfRange, logical.TryParse("16E", out _));
        Assert.Equal(ValueSyntax.Expected(OptionKind.Size) + ", or auto", logical.Expected);

        OptionInfo granularity = SampleOptions.Of("virtio-blk-pci", "discard_granularity");
        Assert.Equal(OptionValue.FromInteger(OptionKind.Size, 4294967295), granularity.Default);
        Assert.Equal("4294967295", granularity.Default.ToString());
        Assert.Equal(OptionValue.FromInteger(OptionKind.Size, 3UL << 19), Parsed(granularity, "1.5M"));
        Assert.Equal("1536k", Parsed(granularity, "1.5M").ToString());
    }

    [Fact]
    public void Catalog_mac_option_parses_addresses_and_auto()
    {
        OptionInfo mac = SampleOptions.Of("virtio-net-pci", "mac");
        Assert.Equal(OptionKind.MacAddress, mac.Kind);
        Assert.Equal(OptionValue.FromMac(new MacAddress(0x5254_0012_3456)), Parsed(mac, "52:54:00:12:34:56"));
        Assert.Equal(OptionValue.FromMac(new MacAddress(0x5254_0012_3456)), Parsed(mac, "52-54-00-12-34-56"));
        Assert.Equal(OptionValue.AutoValue(OptionKind.MacAddress), Parsed(mac, "auto"));
        Assert.Equal(ValueParseError.Syntax, mac.TryParse("52:54:00:12:34", out _));
        Assert.Equal(ValueSyntax.Expected(OptionKind.MacAddress) + ", or auto", mac.Expected);
    }

    [Fact]
    public void Catalog_uint16_option_with_limits_refuses_values_outside_them()
    {
        OptionInfo rx = SampleOptions.Of("virtio-net-pci", "rx_queue_size");
        Assert.Equal(OptionKind.UInt16, rx.Kind);
        Assert.Equal(OptionValue.FromInteger(OptionKind.UInt16, 256), Parsed(rx, "256"));
        Assert.Equal(OptionValue.FromInteger(OptionKind.UInt16, 1024), Parsed(rx, "0x400"));
        Assert.Equal(ValueParseError.OutOfRange, rx.TryParse("255", out _));
        Assert.Equal(ValueParseError.OutOfRange, rx.TryParse("1025", out _));
        Assert.Equal(ValueParseError.OutOfRange, rx.TryParse("65536", out _));
        Assert.Equal("a uint16 value from 256 to 1024", rx.Expected);
    }

    [Fact]
    public void Catalog_int32_option_takes_negative_values_down_to_its_minimum()
    {
        OptionInfo bootIndex = SampleOptions.Of("virtio-net-pci", "bootindex");
        Assert.Equal(OptionKind.Int32, bootIndex.Kind);
        Assert.Equal(OptionValue.FromInt64(OptionKind.Int32, -1), bootIndex.Default);
        Assert.Equal(OptionValue.FromInt64(OptionKind.Int32, int.MinValue), Parsed(bootIndex, "-2147483648"));
        Assert.Equal(ValueParseError.OutOfRange, bootIndex.TryParse("-2147483649", out _));
        Assert.Equal(ValueParseError.OutOfRange, bootIndex.TryParse("2147483648", out _));
        Assert.Equal(OptionValue.FromInt64(OptionKind.Int32, -16), Parsed(bootIndex, "-0x10"));
    }
}
