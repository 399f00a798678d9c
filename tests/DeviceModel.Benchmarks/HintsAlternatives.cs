using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using DeviceModel.Catalog;
using DeviceModel.Compat;
using DeviceModel.Config;
using DeviceModel.Hints;
using MessagePack;
using MessagePack.Formatters;

namespace DeviceModel.Benchmarks;

// What a VMM author would write instead of the binary hints format: the same records (key, driver, every
// guest-visible option by name with a typed value) as DTOs serialized with System.Text.Json source generation or
// MessagePack-CSharp, then validated against the catalog with the same checks HintsFileReader makes.

/// <summary>A hints file as a DTO.</summary>
[MessagePackObject]
public sealed class HintsFileDto
{
    [Key(0)] public string Producer { get; set; } = "";
    [Key(1)] public string Machine { get; set; } = "";
    [Key(2)] public List<HintsRecordDto> Records { get; set; } = new();
}

/// <summary>One device's record: options by name.</summary>
[MessagePackObject]
public sealed class HintsRecordDto
{
    [Key(0)] public string Key { get; set; } = "";
    [Key(1)] public string Driver { get; set; } = "";
    [Key(2)] public Dictionary<string, HintValue> Options { get; set; } = new();
}

/// <summary>A typed option value as JSON or MessagePack hold it: null, bool, integer, or text (strings, enums, MAC, PCI address, on/off/auto, "auto").</summary>
[JsonConverter(typeof(HintValueJsonConverter))]
[MessagePackFormatter(typeof(HintValueMessagePackFormatter))]
public readonly struct HintValue
{
    public enum Tag : byte { Null, Bool, Signed, Unsigned, Text }

    public HintValue(Tag tag, ulong bits, string? text)
    {
        Type = tag;
        Bits = bits;
        Text = text;
    }

    public Tag Type { get; }
    public ulong Bits { get; }
    public string? Text { get; }

    public static HintValue From(in OptionValue value)
    {
        if (value.IsNull) return new HintValue(Tag.Null, 0, null);
        if (value.IsAuto && value.Kind != OptionKind.OnOffAuto) return new HintValue(Tag.Text, 0, "auto");
        return value.Kind switch
        {
            OptionKind.Bool => new HintValue(Tag.Bool, value.Bits, null),
            OptionKind.Int8 or OptionKind.Int16 or OptionKind.Int32 or OptionKind.Int64 => new HintValue(Tag.Signed, value.Bits, null),
            OptionKind.UInt8 or OptionKind.UInt16 or OptionKind.UInt32 or OptionKind.UInt64 or OptionKind.Size => new HintValue(Tag.Unsigned, value.Bits, null),
            OptionKind.String or OptionKind.Enum => new HintValue(Tag.Text, 0, value.Text),
            _ => new HintValue(Tag.Text, 0, value.ToString()),
        };
    }

    /// <summary>The value for <paramref name="option"/>, checked as HintsFileReader checks it (kind, range, value syntax), or an error message.</summary>
    public string? TryConvert(OptionInfo option, out OptionValue value)
    {
        value = default;
        switch (Type)
        {
            case Tag.Null:
                value = OptionValue.Null(option.Kind);
                break;
            case Tag.Bool:
                if (option.Kind != OptionKind.Bool) return "a bool where the option is " + option.Kind;
                value = OptionValue.FromBool(Bits != 0);
                break;
            case Tag.Signed:
            case Tag.Unsigned:
                if (!ValueSyntax.IsInteger(option.Kind)) return "a number where the option is " + option.Kind;
                if (option.CheckInteger(Bits, out value) != ValueParseError.None) return "out of range; expected " + option.Expected;
                break;
            default:
                if (option.TryParse(Text, out value) != ValueParseError.None) return "not a valid value; expected " + option.Expected;
                break;
        }
        return option.Accepts(value) ? null : "does not fit; expected " + option.Expected;
    }
}

public sealed class HintValueJsonConverter : JsonConverter<HintValue>
{
    public override HintValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => new HintValue(HintValue.Tag.Null, 0, null),
        JsonTokenType.True => new HintValue(HintValue.Tag.Bool, 1, null),
        JsonTokenType.False => new HintValue(HintValue.Tag.Bool, 0, null),
        JsonTokenType.String => new HintValue(HintValue.Tag.Text, 0, reader.GetString()),
        JsonTokenType.Number => reader.TryGetUInt64(out ulong u) ? new HintValue(HintValue.Tag.Unsigned, u, null) : new HintValue(HintValue.Tag.Signed, unchecked((ulong)reader.GetInt64()), null),
        _ => throw new JsonException("expected null, a bool, a number or a string"),
    };

    public override void Write(Utf8JsonWriter writer, HintValue value, JsonSerializerOptions options)
    {
        switch (value.Type)
        {
            case HintValue.Tag.Null: writer.WriteNullValue(); break;
            case HintValue.Tag.Bool: writer.WriteBooleanValue(value.Bits != 0); break;
            case HintValue.Tag.Signed: writer.WriteNumberValue(unchecked((long)value.Bits)); break;
            case HintValue.Tag.Unsigned: writer.WriteNumberValue(value.Bits); break;
            default: writer.WriteStringValue(value.Text); break;
        }
    }
}

public sealed class HintValueMessagePackFormatter : IMessagePackFormatter<HintValue>
{
    public void Serialize(ref MessagePackWriter writer, HintValue value, MessagePackSerializerOptions options)
    {
        switch (value.Type)
        {
            case HintValue.Tag.Null: writer.WriteNil(); break;
            case HintValue.Tag.Bool: writer.Write(value.Bits != 0); break;
            case HintValue.Tag.Signed: writer.Write(unchecked((long)value.Bits)); break;
            case HintValue.Tag.Unsigned: writer.Write(value.Bits); break;
            default: writer.Write(value.Text); break;
        }
    }

    public HintValue Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Nil: reader.ReadNil(); return new HintValue(HintValue.Tag.Null, 0, null);
            case MessagePackType.Boolean: return new HintValue(HintValue.Tag.Bool, reader.ReadBoolean() ? 1UL : 0UL, null);
            case MessagePackType.String: return new HintValue(HintValue.Tag.Text, 0, reader.ReadString());
            case MessagePackType.Integer:
                byte code = reader.NextCode;
                bool negative = code >= MessagePackCode.MinNegativeFixInt || code is MessagePackCode.Int8 or MessagePackCode.Int16 or MessagePackCode.Int32 or MessagePackCode.Int64;
                return negative ? new HintValue(HintValue.Tag.Signed, unchecked((ulong)reader.ReadInt64()), null) : new HintValue(HintValue.Tag.Unsigned, reader.ReadUInt64(), null);
            default: throw new MessagePackSerializationException("expected nil, a bool, an integer or a string");
        }
    }
}

[JsonSerializable(typeof(HintsFileDto))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
public sealed partial class HintsJsonContext : JsonSerializerContext;

/// <summary>Building the DTOs from a resolved machine, and validating loaded DTOs into hints records.</summary>
public static class HintsDto
{
    public static HintsFileDto From(ResolvedMachine resolved, MachineCatalog product)
    {
        var file = new HintsFileDto { Producer = product.ProductVersion.ToString(), Machine = resolved.Machine.Name, Records = new List<HintsRecordDto>(resolved.Devices.Length) };
        foreach (ResolvedDevice device in resolved.Devices)
        {
            DeviceInfo info = device.Device.Info;
            var options = new Dictionary<string, HintValue>(info.Options.Length, StringComparer.Ordinal);
            foreach (OptionInfo option in info.Options)
            {
                if (!option.HostOnly) options.Add(option.Name, HintValue.From(device.Device.GetOption(option.Index)));
            }
            file.Records.Add(new HintsRecordDto { Key = device.Key, Driver = info.Name, Options = options });
        }
        return file;
    }

    /// <summary>The checks HintsFileReader makes, on a loaded DTO: machine and producer, keys, device types, options, values.</summary>
    public static HintsFile Validate(HintsFileDto dto, DeviceCatalog catalog)
    {
        if (!MachineVersion.TryParse(dto.Producer, out MachineVersion producer) || !producer.IsValid) throw new FormatException("producer version '" + dto.Producer + "' is not a version");
        if (dto.Machine.Length is 0 or > HintsFileFormat.MachineLength) throw new FormatException("machine type name must be 1 to 32 characters");
        if (dto.Records.Count > HintsFileFormat.MaxRecords) throw new FormatException("too many records");
        var keys = new HashSet<string>(dto.Records.Count, StringComparer.Ordinal);
        var records = new List<HintsRecord>(dto.Records.Count);
        foreach (HintsRecordDto record in dto.Records)
        {
            if (!IsValidKey(record.Key)) throw new FormatException("record key '" + record.Key + "' is neither a device id nor addr:SS.F");
            if (!keys.Add(record.Key)) throw new FormatException("two records have key '" + record.Key + "'");
            DeviceInfo info = catalog.Find(record.Driver) ?? throw new FormatException("unknown device type '" + record.Driver + "'");
            if (record.Options.Count > HintsFileFormat.MaxOptionsPerRecord) throw new FormatException("too many options");
            var values = new List<KeyValuePair<string, OptionValue>>(record.Options.Count);
            foreach (KeyValuePair<string, HintValue> pair in record.Options)
            {
                int index = info.IndexOf(pair.Key);
                if (index < 0) throw new FormatException(record.Key + ": unknown option '" + pair.Key + "'");
                OptionInfo option = info.Options[index];
                if (option.HostOnly) throw new FormatException(record.Key + "." + pair.Key + ": host-only options never belong in hints");
                string? error = pair.Value.TryConvert(option, out OptionValue value);
                if (error is not null) throw new FormatException(record.Key + "." + pair.Key + ": " + error);
                values.Add(new KeyValuePair<string, OptionValue>(option.Name, value));
            }
            records.Add(new HintsRecord(record.Key, record.Driver, values));
        }
        return new HintsFile(producer, dto.Machine, records);
    }

    private static bool IsValidKey(string key)
    {
        if (key.StartsWith("addr:", StringComparison.Ordinal))
        {
            return key.Length == 9 && ValueSyntax.ParsePciAddress(key.AsSpan(5), out int devfn) == ValueParseError.None && PciAddress.FromDevFn(devfn).ToString() == key.Substring(5);
        }
        if (key.Length is 0 or > ConfigLimits.MaxIdLength || !char.IsAsciiLetter(key[0])) return false;
        foreach (char c in key)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '.' or '_')) return false;
        }
        return true;
    }

    /// <summary>The size of the same records in format version 1 (docs/hints-format.md: names and kinds in every record, 8-byte integers).</summary>
    public static int Version1Size(HintsFile hints)
    {
        int size = HintsFileFormat.HeaderSize;
        foreach (HintsRecord record in hints.Records)
        {
            size += 1 + 1 + System.Text.Encoding.UTF8.GetByteCount(record.Key) + 1 + System.Text.Encoding.UTF8.GetByteCount(record.Driver) + 2;
            foreach (KeyValuePair<string, OptionValue> pair in record.Values)
            {
                size += 1 + System.Text.Encoding.UTF8.GetByteCount(pair.Key) + 2;
                OptionValue value = pair.Value;
                if (value.IsNull || (value.IsAuto && value.Kind != OptionKind.OnOffAuto)) continue;
                size += value.Kind switch
                {
                    OptionKind.Bool => 1,
                    OptionKind.String or OptionKind.Enum => 2 + System.Text.Encoding.UTF8.GetByteCount(value.Text ?? ""),
                    _ => 8,
                };
            }
        }
        return size;
    }
}
