using System.Globalization;
using System.Text.Json;

namespace DeviceModel.Conformance.Tests.Harness;

/// <summary>Compares a resolved option value with the value QEMU's <c>qom-get</c> reported for the property.</summary>
internal static class OptionComparison
{
    /// <summary>Null when <paramref name="ours"/> is QEMU's <paramref name="qemu"/>, else what differs.</summary>
    public static string? Compare(OptionInfo option, OptionValue ours, JsonElement qemu)
    {
        string theirs = qemu.ToString();
        if (ours.IsAuto && option.Kind != OptionKind.OnOffAuto)
        {
            // QEMU spells "not decided" with the type's all-ones sentinel (romsize without a ROM file).
            bool sentinel = qemu.ValueKind == JsonValueKind.Number
                && (qemu.GetRawText() == ValueSyntax.MaxOf(option.Kind).ToString(CultureInfo.InvariantCulture) || qemu.GetRawText() == "-1");
            return sentinel ? null : "ours is auto, QEMU's is " + theirs;
        }
        switch (option.Kind)
        {
            case OptionKind.Bool:
                return qemu.ValueKind is JsonValueKind.True or JsonValueKind.False && qemu.GetBoolean() == ours.Bool ? null : "ours " + ours + ", QEMU's " + theirs;
            case OptionKind.String:
            case OptionKind.MacAddress:
            case OptionKind.OnOffAuto:
            case OptionKind.Enum:
                string text = ours.IsNull ? "" : ours.ToString();
                return qemu.ValueKind == JsonValueKind.String && text == qemu.GetString() ? null : "ours '" + text + "', QEMU's '" + theirs + "'";
            case OptionKind.PciAddress:
                return qemu.ValueKind == JsonValueKind.Number && qemu.GetInt64() == (long)ours.Bits ? null : "ours devfn " + ours.Bits + ", QEMU's " + theirs;
            default:
                string number = ValueSyntax.IsSigned(option.Kind) ? ours.Int64.ToString(CultureInfo.InvariantCulture) : ours.Bits.ToString(CultureInfo.InvariantCulture);
                return number == qemu.GetRawText() ? null : "ours " + number + ", QEMU's " + theirs;
        }
    }
}
