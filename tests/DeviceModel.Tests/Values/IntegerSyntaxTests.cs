using System.Collections.Generic;
using System.Globalization;
using System.Numerics;

namespace DeviceModel.Tests.Values;

public sealed class IntegerSyntaxTests
{
    private static readonly OptionKind[] IntegerKinds =
    {
        OptionKind.Int8, OptionKind.UInt8, OptionKind.Int16, OptionKind.UInt16,
        OptionKind.Int32, OptionKind.UInt32, OptionKind.Int64, OptionKind.UInt64,
    };

    private static BigInteger Min(OptionKind kind) => ValueSyntax.MinOf(kind);
    private static BigInteger Max(OptionKind kind) => ValueSyntax.MaxOf(kind);
    private static string Text(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);
    private static ulong Bits(BigInteger value) => value.Sign < 0 ? unchecked((ulong)(long)value) : (ulong)value;

    public static IEnumerable<object[]> Kinds()
    {
        foreach (OptionKind kind in IntegerKinds) yield return new object[] { kind };
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_width_accepts_its_minimum_and_maximum_in_decimal(OptionKind kind)
    {
        Assert.Equal(ValueParseError.None, ValueSyntax.ParseInteger(Text(Min(kind)), kind, out ulong min));
        Assert.Equal(Bits(Min(kind)), min);
        Assert.Equal(ValueParseError.None, ValueSyntax.ParseInteger(Text(Max(kind)), kind, out ulong max));
        Assert.Equal(Bits(Max(kind)), max);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_width_rejects_one_past_either_end_as_out_of_range(OptionKind kind)
    {
        Assert.Equal(ValueParseError.OutOfRange, ValueSyntax.ParseInteger(Text(Max(kind) + 1), kind, out ulong above));
        Assert.Equal(0UL, above);
        Assert.Equal(ValueParseError.OutOfRange, ValueSyntax.ParseInteger(Text(Min(kind) - 1), kind, out ulong below));
        Assert.Equal(0UL, below);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_width_accepts_its_maximum_in_hex_and_rejects_one_more(OptionKind kind)
    {
        string hexMax = "0x" + ((ulong)Max(kind)).ToString("x", CultureInfo.InvariantCulture);
        Assert.Equal(ValueParseError.None, ValueSyntax.ParseInteger(hexMax, kind, out ulong max));
        Assert.Equal((ulong)Max(kind), max);
        string hexAbove = "0x" + (Max(kind) + 1).ToString("x", CultureInfo.InvariantCulture).TrimStart('0');
        Assert.Equal(ValueParseError.OutOfRange, ValueSyntax.ParseInteger(hexAbove, kind, out _));
    }

    [Theory]
    [InlineData(OptionKind.UInt8, "256")]
    [InlineData(OptionKind.Int8, "-129")]
    [InlineData(OptionKind.Int8, "128")]
    [InlineData(OptionKind.UInt16, "65536")]
    [InlineData(OptionKind.Int16, "-32769")]
    [InlineData(OptionKind.Int16, "32768")]
    [InlineData(OptionKind.UInt32, "4294967296")]
    [InlineData(OptionKind.Int32, "-2147483649")]
    [InlineData(OptionKind.Int32, "2147483648")]
    [InlineData(OptionKind.UInt64, "18446744073709551616")]
    [InlineData(OptionKind.UInt64, "99999999999999999999999")]
    [InlineData(OptionKind.Int64, "9223372036854775808")]
    [InlineData(OptionKind.Int64, "-9223372036854775809")]
    [InlineData(OptionKind.UInt64, "0x10000000000000000")]
    [InlineData(OptionKind.Int8, "0x80")]
    [InlineData(OptionKind.Int8, "-0x81")]
    public void Overflow_by_one_is_out_of_range(OptionKind kind, string text)
    {
        Assert.Equal(ValueParseError.OutOfRange, ValueSyntax.ParseInteger(text, kind, out _));
    }

    [Theory]
    [InlineData(OptionKind.UInt8, "255", 255UL)]
    [InlineData(OptionKind.Int8, "-128", 0xFFFF_FFFF_FFFF_FF80UL)]
    [InlineData(OptionKind.Int8, "127", 127UL)]
    [InlineData(OptionKind.Int8, "-0x80", 0xFFFF_FFFF_FFFF_FF80UL)]
    [InlineData(OptionKind.UInt64, "18446744073709551615", ulong.MaxValue)]
    [InlineData(OptionKind.UInt64, "0xffffffffffffffff", ulong.MaxValue)]
    [InlineData(OptionKind.Int64, "9223372036854775807", 0x7FFF_FFFF_FFFF_FFFFUL)]
    [InlineData(OptionKind.Int64, "-9223372036854775808", 0x8000_0000_0000_0000UL)]
    [InlineData(OptionKind.Int32, "-1", ulong.MaxValue)]
    [InlineData(OptionKind.Int32, "-0", 0UL)]
    [InlineData(OptionKind.UInt32, "0", 0UL)]
    [InlineData(OptionKind.UInt32, "0x10", 16UL)]
    [InlineData(OptionKind.UInt32, "0X1f", 31UL)]
    [InlineData(OptionKind.UInt32, "0xAbC", 0xABCUL)]
    [InlineData(OptionKind.UInt32, "0x0010", 16UL)]
    [InlineData(OptionKind.UInt32, "+5", 5UL)]
    [InlineData(OptionKind.Int32, "+5", 5UL)]
    [InlineData(OptionKind.UInt32, "10", 10UL)]
    public void Valid_integers_parse_to_their_two_complement_bits(OptionKind kind, string text, ulong expected)
    {
        Assert.Equal(ValueParseError.None, ValueSyntax.ParseInteger(text, kind, out ulong bits));
        Assert.Equal(expected, bits);
    }

    [Theory]
    [InlineData(OptionKind.UInt8, "-1")]
    [InlineData(OptionKind.UInt16, "-1")]
    [InlineData(OptionKind.UInt32, "-1")]
    [InlineData(OptionKind.UInt64, "-1")]
    [InlineData(OptionKind.UInt32, "-0")]
    [InlineData(OptionKind.UInt32, "-0x1")]
    public void A_negative_number_for_an_unsigned_kind_is_out_of_range(OptionKind kind, string text)
    {
        Assert.Equal(ValueParseError.OutOfRange, ValueSyntax.ParseInteger(text, kind, out ulong bits));
        Assert.Equal(0UL, bits);
    }

    [Theory]
    [InlineData("010")]
    [InlineData("00")]
    [InlineData("0777")]
    [InlineData("-010")]
    public void A_leading_zero_is_refused_as_ambiguous_octal(string text)
    {
        Assert.Equal(ValueParseError.AmbiguousLeadingZero, ValueSyntax.ParseInteger(text, OptionKind.Int32, out _));
    }

    [Fact]
    public void An_empty_integer_is_empty()
    {
        Assert.Equal(ValueParseError.Empty, ValueSyntax.ParseInteger("", OptionKind.UInt32, out _));
        Assert.Equal(ValueParseError.Empty, ValueSyntax.ParseInteger("", OptionKind.Int64, out _));
    }

    [Theory]
    [InlineData("0x")]
    [InlineData("0X")]
    [InlineData("0xg")]
    [InlineData("0x1g")]
    [InlineData("x10")]
    [InlineData("-")]
    [InlineData("+")]
    [InlineData("--1")]
    [InlineData("+-1")]
    [InlineData(" 5")]
    [InlineData("5 ")]
    [InlineData("1 000")]
    [InlineData("\t5")]
    [InlineData("1_000")]
    [InlineData("1e3")]
    [InlineData("1.0")]
    [InlineData("5k")]
    [InlineData("0b101")]
    [InlineData("0o17")]
    [InlineData("abc")]
    [InlineData("\u0661\u0662")] // Arabic-Indic ١٢
    [InlineData("\u0967")] // Devanagari one
    [InlineData("\uFF11\uFF12")] // full-width １２
    [InlineData("\uFF10\uFF58\uFF11")] // full-width ０ｘ１
    [InlineData("1\uFF10")]
    [InlineData("\uFF0D1")] // full-width minus
    [InlineData("\u22121")] // Unicode minus sign
    public void Malformed_integers_are_syntax_errors(string text)
    {
        foreach (OptionKind kind in IntegerKinds)
        {
            Assert.Equal(ValueParseError.Syntax, ValueSyntax.ParseInteger(text, kind, out ulong bits));
            Assert.Equal(0UL, bits);
        }
    }

    [Theory]
    [InlineData(0UL, OptionKind.UInt32, "0")]
    [InlineData(4096UL, OptionKind.UInt32, "4096")]
    [InlineData(ulong.MaxValue, OptionKind.Int8, "-1")]
    [InlineData(ulong.MaxValue, OptionKind.UInt64, "18446744073709551615")]
    [InlineData(0x8000_0000_0000_0000UL, OptionKind.Int64, "-9223372036854775808")]
    [InlineData(262144UL, OptionKind.Size, "256k")]
    public void Integers_format_in_decimal(ulong bits, OptionKind kind, string expected)
    {
        Assert.Equal(expected, ValueSyntax.FormatInteger(bits, kind));
    }
}
