namespace DeviceModel.Tests.Values;

public sealed class ValueSyntaxTests
{
    // ---- bool ----

    [Theory]
    [InlineData("on", true)]
    [InlineData("yes", true)]
    [InlineData("true", true)]
    [InlineData("off", false)]
    [InlineData("no", false)]
    [InlineData("false", false)]
    public void Bool_accepts_the_six_qemu_spellings(string text, bool expected)
    {
        Assert.Equal(ValueParseError.None, ValueSyntax.ParseBool(text, out bool value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("On")]
    [InlineData("ON")]
    [InlineData("True")]
    [InlineData("1")]
    [InlineData("0")]
    [InlineData("y")]
    [InlineData("n")]
    [InlineData("enabled")]
    [InlineData(" on")]
    [InlineData("on ")]
    [InlineData("auto")]
    [InlineData("\uFF4F\uFF4E")] // full-width ｏｎ
    public void Bool_rejects_other_spellings_and_case(string text)
    {
        Assert.Equal(ValueParseError.Syntax, ValueSyntax.ParseBool(text, out bool value));
        Assert.False(value);
    }

    [Fact]
    public void Bool_rejects_empty_as_empty()
    {
        Assert.Equal(ValueParseError.Empty, ValueSyntax.ParseBool("", out _));
    }

    [Fact]
    public void Bool_formats_as_on_and_off()
    {
        Assert.Equal("on", ValueSyntax.FormatBool(true));
        Assert.Equal("off", ValueSyntax.FormatBool(false));
    }

    // ---- sizes ----

    [Theory]
    [InlineData("0", 0UL)]
    [InlineData("4096", 4096UL)]
    [InlineData("4k", 4096UL)]
    [InlineData("4K", 4096UL)]
    [InlineData("1M", 1UL << 20)]
    [InlineData("1m", 1UL << 20)]
    [InlineData("2G", 2UL << 30)]
    [InlineData("1T", 1UL << 40)]
    [InlineData("1P", 1UL << 50)]
    [InlineData("1E", 1UL << 60)]
    [InlineData("15E", 15UL << 60)]
    [InlineData("16383P", 16383UL << 50)]
    [InlineData("4096B", 4096UL)]
    [InlineData("4096b", 4096UL)]
    [InlineData("0x1000", 4096UL)]
    [InlineData("0X1000", 4096UL)]
    [InlineData("0xb", 11UL)]
    [InlineData("1.5G", 1610612736UL)]
    [InlineData("0.5k", 512UL)]
    [InlineData("1.25k", 1280UL)]
    [InlineData("1.0", 1UL)]
    [InlineData("1.25E", 1441151880758558720UL)] // 1.25 * 2^60: fits easily in 64 bits
    [InlineData("15.75E", 18158513697557839872UL)] // 15.75 * 2^60
    [InlineData("15.9375E", 18374686479671623680UL)] // 2^64 - 2^56
    [InlineData("18446744073709551615", ulong.MaxValue)]
    [InlineData("0xffffffffffffffff", ulong.MaxValue)]
    public void Sizes_parse_with_binary_suffixes_and_fractions(string text, ulong expected)
    {
        Assert.Equal(ValueParseError.None, ValueSyntax.ParseSize(text, out ulong bytes));
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData("1.3k")] // 1331.2 bytes
    [InlineData("0.5")] // half a byte
    [InlineData("1.5B")]
    [InlineData("0.999999999999999999k")]
    [InlineData("1.1E")]
    public void A_size_that_is_not_a_whole_number_of_bytes_is_a_syntax_error(string text)
    {
        Assert.Equal(ValueParseError.Syntax, ValueSyntax.ParseSize(text, out ulong bytes));
        Assert.Equal(0UL, bytes);
    }

    [Theory]
    [InlineData("16E")]
    [InlineData("16384P")]
    [InlineData("17179869184G")]
    [InlineData("18446744073709551616")]
    [InlineData("0x10000000000000000")]
    [InlineData("16.5E")]
    public void Sizes_beyond_64_bits_are_out_of_range(string text)
    {
        Assert.Equal(ValueParseError.OutOfRange, ValueSyntax.ParseSize(text, out ulong bytes));
        Assert.Equal(0UL, bytes);
    }

    [Fact]
    public void The_largest_fraction_of_an_exbibyte_that_fits_parses_and_the_next_does_not()
    {
        // 15.999...E with 2^-60 granularity: 15 + 1023/1024 fits (2^64 - 2^50); 16E does not.
        Assert.Equal(ValueParseError.None, ValueSyntax.ParseSize("15.9990234375E", out ulong bytes));
        Assert.Equal(ulong.MaxValue - (1UL << 50) + 1, bytes);
        Assert.Equal(ValueParseError.OutOfRange, ValueSyntax.ParseSize("16.0E", out _));
    }

    [Theory]
    [InlineData("k")]
    [InlineData("M")]
    [InlineData(".5k")]
    [InlineData("5.k")]
    [InlineData("5.")]
    [InlineData("1..5k")]
    [InlineData("1.5.5k")]
    [InlineData("4kk")]
    [InlineData("4 k")]
    [InlineData(" 4k")]
    [InlineData("4Ki")]
    [InlineData("4KB")]
    [InlineData("-1")]
    [InlineData("-1k")]
    [InlineData("+1k")]
    [InlineData("0x")]
    [InlineData("0x10k")]
    [InlineData("0x1.8k")]
    [InlineData("1.0x5k")]
    [InlineData("4Z")]
    [InlineData("\uFF14k")] // full-width ４
    [InlineData("\u0664k")] // Arabic-Indic ٤
    [InlineData("1.\u0665k")]
    public void Malformed_sizes_are_syntax_errors(string text)
    {
        Assert.Equal(ValueParseError.Syntax, ValueSyntax.ParseSize(text, out ulong bytes));
        Assert.Equal(0UL, bytes);
    }

    [Fact]
    public void Size_leading_zero_and_empty_are_reported_as_such()
    {
        Assert.Equal(ValueParseError.AmbiguousLeadingZero, ValueSyntax.ParseSize("010k", out _));
        Assert.Equal(ValueParseError.Empty, ValueSyntax.ParseSize("", out _));
    }

    [Theory]
    [InlineData(0UL, "0")]
    [InlineData(1UL, "1")]
    [InlineData(1023UL, "1023")]
    [InlineData(1024UL, "1k")]
    [InlineData(1536UL, "1536")]
    [InlineData(262144UL, "256k")]
    [InlineData(1UL << 20, "1M")]
    [InlineData(3UL << 30, "3G")]
    [InlineData(1UL << 40, "1T")]
    [InlineData(1UL << 50, "1P")]
    [InlineData(1UL << 63, "8E")]
    [InlineData(ulong.MaxValue, "18446744073709551615")]
    public void Sizes_format_with_the_largest_exact_suffix(ulong bytes, string expected)
    {
        Assert.Equal(expected, ValueSyntax.FormatSize(bytes));
    }

    // ---- OnOffAuto ----

    [Theory]
    [InlineData("on", ValueSyntax.On)]
    [InlineData("off", ValueSyntax.Off)]
    [InlineData("auto", ValueSyntax.Auto)]
    public void OnOffAuto_accepts_on_off_and_auto(string text, int expected)
    {
        Assert.Equal(ValueParseError.None, ValueSyntax.ParseOnOffAuto(text, out int value));
        Assert.Equal(expected, value);
        Assert.Equal(text, ValueSyntax.FormatOnOffAuto(value));
    }

    [Theory]
    [InlineData("On")]
    [InlineData("AUTO")]
    [InlineData("yes")]
    [InlineData("true")]
    [InlineData("1")]
    [InlineData("auto ")]
    public void OnOffAuto_rejects_everything_else(string text)
    {
        Assert.Equal(ValueParseError.Syntax, ValueSyntax.ParseOnOffAuto(text, out _));
    }

    [Fact]
    public void OnOffAuto_rejects_empty_as_empty_and_numbers_as_qemu_does()
    {
        Assert.Equal(ValueParseError.Empty, ValueSyntax.ParseOnOffAuto("", out _));
        Assert.Equal((int)OnOffAuto.On, ValueSyntax.On);
        Assert.Equal((int)OnOffAuto.Off, ValueSyntax.Off);
        Assert.Equal((int)OnOffAuto.Auto, ValueSyntax.Auto);
    }

    // ---- MAC ----

    [Theory]
    [InlineData("52:54:00:12:34:56", 0x5254_0012_3456UL)]
    [InlineData("52:54:00:ab:cd:ef", 0x5254_00AB_CDEFUL)]
    [InlineData("52:54:00:AB:CD:EF", 0x5254_00AB_CDEFUL)]
    [InlineData("52-54-00-ab-cd-ef", 0x5254_00AB_CDEFUL)]
    [InlineData("52:54-00:aB:Cd:eF", 0x5254_00AB_CDEFUL)]
    [InlineData("00:00:00:00:00:00", 0UL)]
    [InlineData("ff:ff:ff:ff:ff:ff", 0xFFFF_FFFF_FFFFUL)]
    public void Mac_addresses_parse_in_either_case_with_colons_or_dashes(string text, ulong expected)
    {
        Assert.Equal(ValueParseError.None, ValueSyntax.ParseMac(text, out ulong value));
        Assert.Equal(expected, value);
        Assert.Equal(new MacAddress(expected), MacAddress.Parse(text));
    }

    [Theory]
    [InlineData("52:54:00:12:34")]
    [InlineData("52:54:00:12:34:5")]
    [InlineData("52:54:00:12:34:567")]
    [InlineData("52:54:00:12:34:56:78")]
    [InlineData("52:54:00:12:34:56:")]
    [InlineData(":52:54:00:12:34:56")]
    [InlineData("5:54:00:12:34:56:7")]
    [InlineData("525400123456")]
    [InlineData("5254.0012.3456")]
    [InlineData("52_54_00_12_34_56")]
    [InlineData("52 54 00 12 34 56")]
    [InlineData("52:54:00:12:34:5g")]
    [InlineData("g2:54:00:12:34:56")]
    [InlineData("52:54:00:12:34:56 ")]
    [InlineData("\uFF15\uFF12:54:00:12:34:56")] // full-width digits
    public void Malformed_mac_addresses_are_syntax_errors(string text)
    {
        Assert.Equal(ValueParseError.Syntax, ValueSyntax.ParseMac(text, out ulong value));
        Assert.Equal(0UL, value);
        Assert.Throws<System.FormatException>(() => MacAddress.Parse(text));
    }

    [Fact]
    public void Mac_empty_is_empty_and_formats_lower_case_with_colons()
    {
        Assert.Equal(ValueParseError.Empty, ValueSyntax.ParseMac("", out _));
        Assert.Equal("52:54:00:ab:cd:ef", ValueSyntax.FormatMac(0x5254_00AB_CDEFUL));
        Assert.Equal("00:00:00:00:00:01", ValueSyntax.FormatMac(1));
        Assert.Equal("52:54:00:ab:cd:ef", new MacAddress(0x5254_00AB_CDEFUL).ToString());
    }

    // ---- PCI address ----

    [Theory]
    [InlineData("0", 0x00)]
    [InlineData("3", 0x18)]
    [InlineData("03", 0x18)]
    [InlineData("03.0", 0x18)]
    [InlineData("3.1", 0x19)]
    [InlineData("1f.7", 0xFF)]
    [InlineData("1F.7", 0xFF)]
    [InlineData("a", 0x50)]
    [InlineData("1f", 0xF8)]
    public void Pci_addresses_parse_slot_and_function_in_hex(string text, int devfn)
    {
        Assert.Equal(ValueParseError.None, ValueSyntax.ParsePciAddress(text, out int value));
        Assert.Equal(devfn, value);
        Assert.Equal(PciAddress.FromDevFn(devfn), PciAddress.Parse(text));
    }

    [Theory]
    [InlineData("20")]
    [InlineData("ff")]
    [InlineData("3.8")]
    [InlineData("3.f")]
    [InlineData("20.0")]
    public void Pci_slot_above_1f_or_function_above_7_is_out_of_range(string text)
    {
        Assert.Equal(ValueParseError.OutOfRange, ValueSyntax.ParsePciAddress(text, out int devfn));
        Assert.Equal(0, devfn);
    }

    [Theory]
    [InlineData("3.")]
    [InlineData(".3")]
    [InlineData(".")]
    [InlineData("003")]
    [InlineData("3.00")]
    [InlineData("3.0.0")]
    [InlineData("g")]
    [InlineData("3.g")]
    [InlineData("0x3")]
    [InlineData("3:0")]
    [InlineData(" 3")]
    [InlineData("-1")]
    [InlineData("\uFF13")] // full-width ３
    public void Malformed_pci_addresses_are_syntax_errors(string text)
    {
        Assert.Equal(ValueParseError.Syntax, ValueSyntax.ParsePciAddress(text, out int devfn));
        Assert.Equal(0, devfn);
    }

    [Fact]
    public void Pci_address_empty_is_empty_and_formats_as_qemu_prints_it()
    {
        Assert.Equal(ValueParseError.Empty, ValueSyntax.ParsePciAddress("", out _));
        Assert.Equal("03.0", ValueSyntax.FormatPciAddress(0x18));
        Assert.Equal("1f.7", ValueSyntax.FormatPciAddress(0xFF));
        Assert.Equal("00.0", ValueSyntax.FormatPciAddress(0));
        Assert.Equal("10.2", new PciAddress(0x10, 2).ToString());
        Assert.Equal(0x82, new PciAddress(0x10, 2).DevFn);
    }

    // ---- enums ----

    [Theory]
    [InlineData("split", 0)]
    [InlineData("page-per-vq", 1)]
    [InlineData("x86-mode", 3)]
    public void Enums_parse_by_exact_kebab_case_name(string text, int expected)
    {
        Assert.Equal(ValueParseError.None, ValueSyntax.ParseEnum(text, SampleOptions.EnumNames, out int index));
        Assert.Equal(expected, index);
    }

    [Theory]
    [InlineData("Split")]
    [InlineData("page_per_vq")]
    [InlineData("PagePerVq")]
    [InlineData("1")]
    [InlineData("spli")]
    [InlineData("split ")]
    public void Enums_reject_other_spellings_and_ordinals(string text)
    {
        Assert.Equal(ValueParseError.Syntax, ValueSyntax.ParseEnum(text, SampleOptions.EnumNames, out int index));
        Assert.Equal(-1, index);
    }

    [Fact]
    public void Enum_empty_is_empty()
    {
        Assert.Equal(ValueParseError.Empty, ValueSyntax.ParseEnum("", SampleOptions.EnumNames, out int index));
        Assert.Equal(-1, index);
    }

    // ---- names ----

    [Theory]
    [InlineData("PagePerVq", "page-per-vq")]
    [InlineData("IOThread", "io-thread")]
    [InlineData("Mq", "mq")]
    [InlineData("X86Mode", "x86-mode")]
    [InlineData("MSIXVectors", "msix-vectors")]
    [InlineData("VirtioNetPCI", "virtio-net-pci")]
    [InlineData("HTTPServer", "http-server")]
    [InlineData("Ipv6Addr", "ipv6-addr")]
    [InlineData("Foo_Bar", "foo-bar")]
    [InlineData("vectors", "vectors")]
    [InlineData("A", "a")]
    [InlineData("", "")]
    public void ToKebabCase_splits_words_and_acronyms(string identifier, string expected)
    {
        Assert.Equal(expected, ValueSyntax.ToKebabCase(identifier));
    }

    [Theory]
    [InlineData("mq", true)]
    [InlineData("max-bytes", true)]
    [InlineData("x-pcie-lnksta-dllla", true)]
    [InlineData("any_layout", true)]
    [InlineData("a.b", true)]
    [InlineData("a1", true)]
    [InlineData("", false)]
    [InlineData("Mq", false)]
    [InlineData("mQ", false)]
    [InlineData("1a", false)]
    [InlineData("-a", false)]
    [InlineData("_a", false)]
    [InlineData("a,b", false)]
    [InlineData("a=b", false)]
    [InlineData("a b", false)]
    [InlineData("a\t", false)]
    [InlineData("\u00e9", false)]
    [InlineData("a\u00e9", false)]
    public void IsValidOptionName_allows_lower_case_ascii_names_only(string name, bool expected)
    {
        Assert.Equal(expected, ValueSyntax.IsValidOptionName(name));
    }
}
