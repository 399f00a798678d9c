using System;
using System.Globalization;
using System.Numerics;
using CsCheck;

namespace DeviceModel.Tests.Values;

/// <summary>For every value v of every kind, parse(format(v)) == v.</summary>
public sealed class ValueRoundTripProperties
{
    private const long Iterations = 2000;

    /// <summary>Bit patterns within the kind's range, biased towards small magnitudes and the ends of the range.</summary>
    internal static Gen<ulong> BitsOf(OptionKind kind)
    {
        int width = kind switch
        {
            OptionKind.Int8 or OptionKind.UInt8 => 8,
            OptionKind.Int16 or OptionKind.UInt16 => 16,
            OptionKind.Int32 or OptionKind.UInt32 => 32,
            _ => 64,
        };
        bool signed = ValueSyntax.IsSigned(kind);
        ulong min = unchecked((ulong)ValueSyntax.MinOf(kind)), max = ValueSyntax.MaxOf(kind);
        // Any bit pattern shifted down to a random length: uniform magnitudes from 0 to the full width.
        Gen<ulong> anyLength = Gen.Select(Gen.ULong, Gen.Int[1, width], (bits, length) =>
            signed ? unchecked((ulong)((long)bits >> (64 - length))) : bits >> (64 - length));
        Gen<ulong> edges = Gen.OneOfConst(min, max, 0UL, 1UL, unchecked(min + 1), unchecked(max - 1));
        Gen<ulong> integers = Gen.Frequency((4, anyLength), (1, edges));
        if (kind != OptionKind.Size) return integers;
        // Sizes: also whole multiples of k/M/G/T/P/E so every suffix is formatted.
        Gen<ulong> multiples = Gen.Select(Gen.ULong, Gen.Int[1, 6], Gen.Int[1, 64], (bits, suffix, length) =>
            (bits >> (64 - length)) << (10 * suffix));
        return Gen.Frequency((2, integers), (2, multiples));
    }

    /// <summary>Values of every kind, as the catalog stores them.</summary>
    internal static Gen<OptionValue> ValuesOf(OptionKind kind) => kind switch
    {
        OptionKind.Bool => Gen.Bool.Select(OptionValue.FromBool),
        OptionKind.OnOffAuto => Gen.Int[0, 2].Select(v => OptionValue.FromOnOffAuto((OnOffAuto)v)),
        OptionKind.MacAddress => Gen.ULong.Select(v => OptionValue.FromMac(new MacAddress(v & 0xFFFF_FFFF_FFFFUL))),
        OptionKind.PciAddress => Gen.Int[0, 255].Select(devfn => OptionValue.FromPciAddress(PciAddress.FromDevFn(devfn))),
        OptionKind.String => Gen.String.Select(OptionValue.FromString),
        OptionKind.Enum => Gen.Int[0, SampleOptions.EnumNames.Length - 1].Select(i => OptionValue.FromEnum(i, SampleOptions.EnumNames[i])),
        _ => BitsOf(kind).Select(bits => OptionValue.FromInteger(kind, bits)),
    };

    public static TheoryData<OptionKind> Kinds()
    {
        var data = new TheoryData<OptionKind>();
        foreach (OptionKind kind in SampleOptions.AllKinds) data.Add(kind);
        return data;
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_kind_parses_its_formatted_value_back(OptionKind kind)
    {
        OptionInfo option = SampleOptions.ForKind(kind);
        ValuesOf(kind).Sample(value =>
        {
            string text = value.ToString();
            Assert.Equal(ValueParseError.None, option.TryParse(text, out OptionValue parsed));
            Assert.Equal(value, parsed);
            Assert.True(option.Accepts(parsed));
        }, iter: Iterations);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Auto_options_of_every_kind_parse_auto_back(OptionKind kind)
    {
        OptionInfo option = SampleOptions.ForKind(kind, auto: true);
        OptionValue auto = OptionValue.AutoValue(kind);
        Assert.Equal(ValueParseError.None, option.TryParse(auto.ToString(), out OptionValue parsed));
        Assert.Equal(auto, parsed);
        Assert.True(option.Accepts(parsed));
    }

    [Fact]
    public void Integers_of_every_width_round_trip_through_decimal_and_hex()
    {
        foreach (OptionKind kind in new[] { OptionKind.Int8, OptionKind.UInt8, OptionKind.Int16, OptionKind.UInt16, OptionKind.Int32, OptionKind.UInt32, OptionKind.Int64, OptionKind.UInt64 })
        {
            BitsOf(kind).Sample(bits =>
            {
                Assert.Equal(ValueParseError.None, ValueSyntax.ParseInteger(ValueSyntax.FormatInteger(bits, kind), kind, out ulong parsed));
                Assert.Equal(bits, parsed);
                long signed = unchecked((long)bits);
                string hex = ValueSyntax.IsSigned(kind) && signed < 0
                    ? "-0x" + ((ulong)(-(signed + 1)) + 1).ToString("x", CultureInfo.InvariantCulture)
                    : "0x" + bits.ToString("X", CultureInfo.InvariantCulture);
                Assert.Equal(ValueParseError.None, ValueSyntax.ParseInteger(hex, kind, out ulong fromHex));
                Assert.Equal(bits, fromHex);
            }, iter: Iterations / 4);
        }
    }

    [Fact]
    public void Sizes_round_trip_through_their_suffixed_form()
    {
        BitsOf(OptionKind.Size).Sample(bytes =>
        {
            string text = ValueSyntax.FormatSize(bytes);
            Assert.Equal(ValueParseError.None, ValueSyntax.ParseSize(text, out ulong parsed));
            Assert.Equal(bytes, parsed);
            Assert.Equal(ValueParseError.None, ValueSyntax.ParseSize("0x" + bytes.ToString("x", CultureInfo.InvariantCulture), out ulong fromHex));
            Assert.Equal(bytes, fromHex);
        }, iter: Iterations);
    }

    [Fact]
    public void Fractional_sizes_parse_to_the_exact_byte_count_or_are_refused()
    {
        // n + f/2^k of a unit, written in decimal: exact when the result is whole bytes and fits in 64 bits, else refused.
        Gen.Select(Gen.Int[0, 1023], Gen.Int[1, 6], Gen.Int[1, 12], Gen.ULong).Sample((whole, suffix, k, bits) =>
        {
            int shift = 10 * suffix;
            ulong numerator = bits & ((1UL << k) - 1);
            // numerator / 2^k has at most k decimal places, so decimal writes it exactly: "0.375" -> ".375".
            string fraction = numerator == 0 ? "" : (numerator / (decimal)(1UL << k)).ToString(CultureInfo.InvariantCulture).Substring(1);
            string text = whole.ToString(CultureInfo.InvariantCulture) + fraction + "kMGTPE"[suffix - 1];
            BigInteger exact = ((BigInteger)whole << shift) + (((BigInteger)numerator << shift) >> k);
            bool wholeBytes = (((BigInteger)numerator << shift) & ((BigInteger.One << k) - 1)) == 0;
            ValueParseError error = ValueSyntax.ParseSize(text, out ulong parsed);
            if (!wholeBytes)
            {
                Assert.True(ValueParseError.Syntax == error, text + ": " + error);
            }
            else if (exact > ulong.MaxValue)
            {
                Assert.Equal(ValueParseError.OutOfRange, error);
            }
            else
            {
                Assert.True(ValueParseError.None == error, text + ": " + error);
                Assert.Equal((ulong)exact, parsed);
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Mac_addresses_round_trip_in_both_cases_and_separators()
    {
        Gen.ULong.Select(v => v & 0xFFFF_FFFF_FFFFUL).Sample(value =>
        {
            string text = ValueSyntax.FormatMac(value);
            Assert.Equal(ValueParseError.None, ValueSyntax.ParseMac(text, out ulong parsed));
            Assert.Equal(value, parsed);
            Assert.Equal(ValueParseError.None, ValueSyntax.ParseMac(text.ToUpperInvariant().Replace(':', '-'), out ulong upper));
            Assert.Equal(value, upper);
        }, iter: Iterations);
    }

    [Fact]
    public void Every_devfn_round_trips_through_its_pci_address()
    {
        for (int devfn = 0; devfn < 256; devfn++)
        {
            string text = ValueSyntax.FormatPciAddress(devfn);
            Assert.Equal(ValueParseError.None, ValueSyntax.ParsePciAddress(text, out int parsed));
            Assert.Equal(devfn, parsed);
            Assert.Equal(devfn, PciAddress.Parse(text).DevFn);
        }
    }

    [Fact]
    public void Bool_and_OnOffAuto_round_trip()
    {
        foreach (bool b in new[] { false, true })
        {
            Assert.Equal(ValueParseError.None, ValueSyntax.ParseBool(ValueSyntax.FormatBool(b), out bool parsed));
            Assert.Equal(b, parsed);
        }
        foreach (int v in new[] { ValueSyntax.Auto, ValueSyntax.On, ValueSyntax.Off })
        {
            Assert.Equal(ValueParseError.None, ValueSyntax.ParseOnOffAuto(ValueSyntax.FormatOnOffAuto(v), out int parsed));
            Assert.Equal(v, parsed);
        }
    }

    [Fact]
    public void Kebab_case_names_are_valid_option_names_and_stable()
    {
        Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"].Array[1, 20].Select(chars => new string(chars))
            .Where(s => s[0] >= 'A' && s[0] <= 'Z')
            .Sample(identifier =>
            {
                string kebab = ValueSyntax.ToKebabCase(identifier);
                Assert.True(ValueSyntax.IsValidOptionName(kebab), kebab);
                Assert.Equal(kebab, ValueSyntax.ToKebabCase(kebab));
                Assert.Equal(identifier.ToLowerInvariant(), kebab.Replace("-", "", StringComparison.Ordinal));
            }, iter: Iterations);
    }
}
