using System;
using CsCheck;

namespace DeviceModel.Tests.Values;

/// <summary>Arbitrary text given to every value parser yields a value or a clean <see cref="ValueParseError"/>, never an exception.</summary>
public sealed class ValueParserRobustnessProperties
{
    private const long Iterations = 2000;

    private static readonly string[] Tokens =
    {
        "0", "1", "7", "9", "10", "255", "256", "0x", "0X", "f", "F", "ff", "1f", "-", "+", ".", ":", "-", ",", "=",
        "k", "K", "M", "G", "T", "P", "E", "B", "on", "off", "auto", "yes", "true", "split", "io-thread", " ", "\t",
        "18446744073709551615", "9223372036854775808", "52:54:00", "\u0661", "\uFF11", "\u00e9", "\ud800", "\0",
    };

    /// <summary>Full-range strings (controls, surrogates, any plane) and near-valid strings built from value-syntax pieces.</summary>
    internal static readonly Gen<string> Text = Gen.Frequency(
        (2, Gen.String),
        (2, Gen.Char.Array[0, 24].Select(chars => new string(chars))),
        (4, Gen.OneOfConst(Tokens).Array[0, 8].Select(parts => string.Concat(parts))));

    [Fact]
    public void ValueSyntax_parsers_never_throw_and_leave_defaults_on_error()
    {
        OptionKind[] integerKinds = { OptionKind.Int8, OptionKind.UInt8, OptionKind.Int16, OptionKind.UInt16, OptionKind.Int32, OptionKind.UInt32, OptionKind.Int64, OptionKind.UInt64 };
        Text.Sample(text =>
        {
            ReadOnlySpan<char> span = text;
            CheckBool(ValueSyntax.ParseBool(span, out bool b), b, text);
            foreach (OptionKind kind in integerKinds)
            {
                ValueParseError error = ValueSyntax.ParseInteger(span, kind, out ulong bits);
                if (error == ValueParseError.None)
                {
                    Assert.Equal(ValueParseError.None, ValueSyntax.ParseInteger(ValueSyntax.FormatInteger(bits, kind), kind, out ulong again));
                    Assert.Equal(bits, again);
                }
                else
                {
                    AssertDefined(error);
                    Assert.Equal(0UL, bits);
                }
            }
            ValueParseError sizeError = ValueSyntax.ParseSize(span, out ulong bytes);
            if (sizeError == ValueParseError.None)
            {
                Assert.Equal(ValueParseError.None, ValueSyntax.ParseSize(ValueSyntax.FormatSize(bytes), out ulong again));
                Assert.Equal(bytes, again);
            }
            else
            {
                AssertDefined(sizeError);
                Assert.Equal(0UL, bytes);
            }
            ValueParseError ooaError = ValueSyntax.ParseOnOffAuto(span, out int ooa);
            if (ooaError == ValueParseError.None) Assert.Equal(text, ValueSyntax.FormatOnOffAuto(ooa));
            else AssertDefined(ooaError);
            ValueParseError macError = ValueSyntax.ParseMac(span, out ulong mac);
            if (macError == ValueParseError.None) Assert.Equal(text.ToLowerInvariant().Replace('-', ':'), ValueSyntax.FormatMac(mac));
            else { AssertDefined(macError); Assert.Equal(0UL, mac); }
            ValueParseError pciError = ValueSyntax.ParsePciAddress(span, out int devfn);
            if (pciError == ValueParseError.None) Assert.InRange(devfn, 0, 255);
            else { AssertDefined(pciError); Assert.Equal(0, devfn); }
            ValueParseError enumError = ValueSyntax.ParseEnum(span, SampleOptions.EnumNames, out int index);
            if (enumError == ValueParseError.None) Assert.Equal(text, SampleOptions.EnumNames[index]);
            else { AssertDefined(enumError); Assert.Equal(-1, index); }
            _ = ValueSyntax.IsValidOptionName(text);
            _ = ValueSyntax.ToKebabCase(text);
        }, iter: Iterations);
    }

    [Fact]
    public void OptionInfo_TryParse_of_every_kind_never_throws_and_canonicalises()
    {
        OptionInfo[] options = Array.ConvertAll(SampleOptions.AllKinds, kind => SampleOptions.ForKind(kind, auto: kind == OptionKind.UInt32));
        OptionInfo[] limited =
        {
            SampleOptions.Rng("period"), SampleOptions.Rng("max-bytes"), SampleOptions.Rng("addr"), SampleOptions.Rng("disable-legacy"),
            SampleOptions.ForKind(OptionKind.Int16, min: "-10", max: "0x10"), SampleOptions.ForKind(OptionKind.Size, min: "4k", max: "1G"),
        };
        Text.Sample(text =>
        {
            foreach (OptionInfo option in options) Check(option, text);
            foreach (OptionInfo option in limited) Check(option, text);
        }, iter: Iterations);

        static void Check(OptionInfo option, string text)
        {
            ValueParseError error = option.TryParse(text, out OptionValue value);
            if (error == ValueParseError.None)
            {
                Assert.Equal(option.Kind, value.Kind);
                Assert.True(option.Accepts(value), option.Name + " does not accept its own parse of '" + text + "'");
                Assert.Equal(ValueParseError.None, option.TryParse(value.ToString(), out OptionValue again));
                Assert.Equal(value, again);
            }
            else
            {
                AssertDefined(error);
                Assert.Equal(default, value);
            }
        }
    }

    private static void CheckBool(ValueParseError error, bool value, string text)
    {
        if (error == ValueParseError.None) Assert.Equal(value, text is "on" or "yes" or "true");
        else { AssertDefined(error); Assert.False(value); }
    }

    private static void AssertDefined(ValueParseError error) =>
        Assert.True(error is ValueParseError.Empty or ValueParseError.Syntax or ValueParseError.OutOfRange or ValueParseError.AmbiguousLeadingZero, error.ToString());
}
