using System;
using System.Collections.Generic;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace DeviceModel.Benchmarks;

// What a VMM author would write instead of DeviceModel for the options of the benchmark string, with the same checks as
// DeviceModel's parser: QEMU keyval syntax (',,' escapes, 'key=value', the driver first or as driver=), ids (a letter,
// then letters, digits, '-', '.', '_'; at most 255), duplicates, unknown options, on/off/yes/no/true/false, decimal or 0x
// integers with QEMU's leading-zero ambiguity refused, ranges (rx_queue_size 256 to 1024), 'auto' where allowed, MAC
// addresses, slot[.fn] PCI addresses, strings at most 4,096 UTF-8 bytes, and errors with a 1-based column.

/// <summary>An error of the alternatives: a message and the column it points at.</summary>
public sealed record NetConfigError(string Message, int Column, string? Option = null)
{
    public override string ToString() => "column " + Column + ": " + Message;
}

/// <summary>The typed result of the hand-written parser: what a VMM author keeps of a virtio-net-pci string.</summary>
public sealed class NetConfig
{
    public string? Id;
    public string? Bus;
    public ulong? Mac;
    public bool MacAuto;
    public bool Mq;
    public uint? Vectors = 4;
    public bool VectorsAuto;
    public ushort RxQueueSize = 256;
    public OnOffAuto DisableLegacy = OnOffAuto.Auto;
    public string? RomFile = "efi-virtio.rom";
    public int Addr = -1;
}

/// <summary>A hand-written span + switch parser, as a careful engineer writes one: no strings but the ones kept.</summary>
public static class HandWrittenNetParser
{
    private const int MaxIdLength = 255, MaxStringBytes = 4096;

    [Flags]
    private enum Seen : ushort { Id = 1, Bus = 2, Mac = 4, Mq = 8, Vectors = 16, RxQueueSize = 32, DisableLegacy = 64, RomFile = 128, Addr = 256, Driver = 512 }

    public static NetConfig? Parse(string text, out NetConfigError? error)
    {
        error = null;
        if (text.Length == 0) return Fail(out error, "empty device string", 1);
        if (text.Length > 64 * 1024) return Fail(out error, "device string too long", 64 * 1024 + 1);
        var config = new NetConfig();
        Seen seen = 0;
        bool haveDriver = false;
        Span<char> scratch = stackalloc char[256];
        int i = 0;
        while (i <= text.Length)
        {
            int keyStart = i;
            int end = text.AsSpan(i).IndexOfAny('=', ',');
            i = end < 0 ? text.Length : i + end;
            ReadOnlySpan<char> key = text.AsSpan(keyStart, i - keyStart);
            if (key.IsEmpty) return Fail(out error, i < text.Length && text[i] == '=' ? "missing option name before '='" : "empty option", keyStart + 1);
            if (i >= text.Length || text[i] == ',')
            {
                if (keyStart != 0) return Fail(out error, "missing '=value'", keyStart + 1, key);
                if (!key.SequenceEqual("virtio-net-pci")) return Fail(out error, "unknown device type", 1);
                haveDriver = true;
                i++;
                continue;
            }
            int valueStart = ++i;
            bool escaped = false;
            while (true)
            {
                int comma = text.AsSpan(i).IndexOf(',');
                if (comma < 0) { i = text.Length; break; }
                i += comma;
                if (i + 1 < text.Length && text[i + 1] == ',') { escaped = true; i += 2; continue; }
                break;
            }
            scoped ReadOnlySpan<char> value = text.AsSpan(valueStart, i - valueStart);
            if (i == text.Length - 1) return Fail(out error, "trailing ','", i + 1, key);
            i++;
            if (escaped)
            {
                if (value.Length > scratch.Length) scratch = new char[value.Length];
                int n = 0;
                for (int k = 0; k < value.Length; k++) { scratch[n++] = value[k]; if (value[k] == ',') k++; }
                value = scratch.Slice(0, n);
            }
            int column = valueStart + 1;
            switch (key)
            {
                case "driver":
                    if (!Mark(ref seen, Seen.Driver)) return Fail(out error, "driver given twice", keyStart + 1, key);
                    if (!value.SequenceEqual("virtio-net-pci")) return Fail(out error, "unknown device type", column, key);
                    haveDriver = true;
                    break;
                case "id":
                    if (!Mark(ref seen, Seen.Id)) return Fail(out error, "option given twice", keyStart + 1, key);
                    if (!IsValidId(value)) return Fail(out error, "not a valid id", column, key);
                    config.Id = value.ToString();
                    break;
                case "bus":
                    if (!Mark(ref seen, Seen.Bus)) return Fail(out error, "option given twice", keyStart + 1, key);
                    if (!IsValidId(value)) return Fail(out error, "not a valid bus id", column, key);
                    config.Bus = value.ToString();
                    break;
                case "mac":
                    if (!Mark(ref seen, Seen.Mac)) return Fail(out error, "option given twice", keyStart + 1, key);
                    if (value.SequenceEqual("auto")) { config.MacAuto = true; break; }
                    if (!TryParseMac(value, out ulong mac)) return Fail(out error, "not a valid MAC address", column, key);
                    config.Mac = mac;
                    break;
                case "mq":
                    if (!Mark(ref seen, Seen.Mq)) return Fail(out error, "option given twice", keyStart + 1, key);
                    if (!TryParseBool(value, out config.Mq)) return Fail(out error, "not a valid bool", column, key);
                    break;
                case "vectors":
                    if (!Mark(ref seen, Seen.Vectors)) return Fail(out error, "option given twice", keyStart + 1, key);
                    if (value.SequenceEqual("auto")) { config.VectorsAuto = true; config.Vectors = null; break; }
                    if (TryParseInteger(value, uint.MaxValue, out ulong vectors) is string vectorsError) return Fail(out error, vectorsError, column, key);
                    config.Vectors = (uint)vectors;
                    break;
                case "rx_queue_size":
                    if (!Mark(ref seen, Seen.RxQueueSize)) return Fail(out error, "option given twice", keyStart + 1, key);
                    if (TryParseInteger(value, ushort.MaxValue, out ulong size) is string sizeError) return Fail(out error, sizeError, column, key);
                    if (size is < 256 or > 1024) return Fail(out error, "out of range", column, key);
                    config.RxQueueSize = (ushort)size;
                    break;
                case "disable-legacy":
                    if (!Mark(ref seen, Seen.DisableLegacy)) return Fail(out error, "option given twice", keyStart + 1, key);
                    if (value.SequenceEqual("auto")) config.DisableLegacy = OnOffAuto.Auto;
                    else if (TryParseBool(value, out bool legacy)) config.DisableLegacy = legacy ? OnOffAuto.On : OnOffAuto.Off;
                    else return Fail(out error, "not one of on, off, auto", column, key);
                    break;
                case "romfile":
                    if (!Mark(ref seen, Seen.RomFile)) return Fail(out error, "option given twice", keyStart + 1, key);
                    if (value.Length > MaxStringBytes / 3 && Encoding.UTF8.GetByteCount(value) > MaxStringBytes) return Fail(out error, "value too long", column, key);
                    config.RomFile = value.ToString();
                    break;
                case "addr":
                    if (!Mark(ref seen, Seen.Addr)) return Fail(out error, "option given twice", keyStart + 1, key);
                    if (!TryParsePciAddress(value, out config.Addr)) return Fail(out error, "not a valid PCI address", column, key);
                    break;
                default:
                    return Fail(out error, "unknown option", keyStart + 1, key);
            }
        }
        if (!haveDriver) return Fail(out error, "no device driver", 1);
        return config;
    }

    private static bool Mark(ref Seen seen, Seen option)
    {
        if ((seen & option) != 0) return false;
        seen |= option;
        return true;
    }

    private static NetConfig? Fail(out NetConfigError error, string message, int column, ReadOnlySpan<char> option = default)
    {
        error = new NetConfigError(message, column, option.IsEmpty ? null : option.ToString());
        return null;
    }

    internal static bool IsValidId(ReadOnlySpan<char> id)
    {
        if (id.IsEmpty || id.Length > MaxIdLength || !char.IsAsciiLetter(id[0])) return false;
        foreach (char c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '.' && c != '_') return false;
        }
        return true;
    }

    internal static bool TryParseBool(ReadOnlySpan<char> text, out bool value)
    {
        switch (text)
        {
            case "on" or "yes" or "true": value = true; return true;
            case "off" or "no" or "false": value = false; return true;
            default: value = false; return false;
        }
    }

    /// <summary>Decimal or 0x hex up to <paramref name="max"/>; null when valid, else the error.</summary>
    internal static string? TryParseInteger(ReadOnlySpan<char> text, ulong max, out ulong value)
    {
        value = 0;
        if (text.IsEmpty) return "empty value";
        if (text.Length > 2 && text[0] == '0' && (text[1] | 0x20) == 'x')
        {
            foreach (char c in text.Slice(2))
            {
                int d = HexDigit(c);
                if (d < 0) return "not a valid integer";
                if (value > (ulong.MaxValue >> 4)) return "out of range";
                value = value << 4 | (uint)d;
            }
        }
        else
        {
            foreach (char c in text)
            {
                if (!char.IsAsciiDigit(c)) return "not a valid integer";
            }
            if (text.Length > 1 && text[0] == '0') return "leading zero (octal in QEMU)";
            foreach (char c in text)
            {
                uint d = (uint)(c - '0');
                if (value > (ulong.MaxValue - d) / 10) return "out of range";
                value = value * 10 + d;
            }
        }
        return value > max ? "out of range" : null;
    }

    internal static bool TryParseMac(ReadOnlySpan<char> text, out ulong value)
    {
        value = 0;
        if (text.Length != 17) return false;
        for (int i = 0; i < 6; i++)
        {
            int hi = HexDigit(text[i * 3]), lo = HexDigit(text[i * 3 + 1]);
            if (hi < 0 || lo < 0 || (i < 5 && text[i * 3 + 2] is not (':' or '-'))) return false;
            value = value << 8 | (uint)(hi << 4 | lo);
        }
        return true;
    }

    internal static bool TryParsePciAddress(ReadOnlySpan<char> text, out int devfn)
    {
        devfn = -1;
        int dot = text.IndexOf('.');
        ReadOnlySpan<char> slotText = dot < 0 ? text : text.Slice(0, dot);
        if (slotText.IsEmpty || slotText.Length > 2 || (dot >= 0 && text.Length - dot - 1 != 1)) return false;
        int slot = 0;
        foreach (char c in slotText)
        {
            int d = HexDigit(c);
            if (d < 0) return false;
            slot = slot * 16 + d;
        }
        int fn = dot < 0 ? 0 : HexDigit(text[dot + 1]);
        if (fn < 0 || slot > 0x1f || fn > 7) return false;
        devfn = slot << 3 | fn;
        return true;
    }

    private static int HexDigit(char c) => c is >= '0' and <= '9' ? c - '0' : (c | 0x20) is >= 'a' and <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
}

/// <summary>Names an option on a property of <see cref="ReflectedNetConfig"/>, with its range and whether it takes <c>auto</c>.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NetOptionAttribute(string name) : Attribute
{
    public string Name { get; } = name;
    public ulong Min { get; init; }
    public ulong Max { get; init; } = ulong.MaxValue;
    public bool Auto { get; init; }
}

/// <summary>The result of the reflection parser: plain properties, named by attributes.</summary>
public sealed class ReflectedNetConfig
{
    [NetOption("id")] public string? Id { get; set; }
    [NetOption("bus")] public string? Bus { get; set; }
    [NetOption("mac", Auto = true)] public MacAddress? Mac { get; set; }
    [NetOption("mq")] public bool Mq { get; set; }
    [NetOption("vectors", Auto = true, Max = uint.MaxValue)] public uint? Vectors { get; set; } = 4;
    [NetOption("rx_queue_size", Min = 256, Max = 1024)] public ushort RxQueueSize { get; set; } = 256;
    [NetOption("disable-legacy")] public OnOffAuto DisableLegacy { get; set; } = OnOffAuto.Auto;
    [NetOption("romfile")] public string? RomFile { get; set; } = "efi-virtio.rom";
    [NetOption("addr")] public PciAddress? Addr { get; set; }
}

/// <summary>
/// The other common way: split into key and value strings, find the property in a dictionary built once by reflection,
/// convert the text by the property's type (a converter per type, integers through <see cref="Convert.ToUInt64(string, IFormatProvider)"/>
/// after QEMU's syntax checks), check the attribute's range, and set it with <see cref="PropertyInfo.SetValue(object, object)"/>.
/// </summary>
public static class ReflectionNetParser
{
    private sealed record Option(PropertyInfo Property, NetOptionAttribute Attribute, Type Type);

    private static readonly Dictionary<string, Option> Options = Build();

    private static readonly Dictionary<Type, Func<string, Option, object?>> Converters = new()
    {
        [typeof(string)] = (text, option) => option.Property.Name is "Id" or "Bus" ? (HandWrittenNetParser.IsValidId(text) ? text : null)
            : Encoding.UTF8.GetByteCount(text) <= 4096 ? text : null,
        [typeof(bool)] = (text, _) => HandWrittenNetParser.TryParseBool(text, out bool b) ? b : null,
        [typeof(ushort)] = (text, option) => Integer(text, option) is ulong v ? Convert.ToUInt16(v, CultureInfo.InvariantCulture) : null,
        [typeof(uint)] = (text, option) => Integer(text, option) is ulong v ? Convert.ToUInt32(v, CultureInfo.InvariantCulture) : null,
        [typeof(MacAddress)] = (text, _) => HandWrittenNetParser.TryParseMac(text, out ulong mac) ? new MacAddress(mac) : null,
        [typeof(PciAddress)] = (text, _) => HandWrittenNetParser.TryParsePciAddress(text, out int devfn) ? PciAddress.FromDevFn(devfn) : null,
        [typeof(OnOffAuto)] = (text, _) => text == "auto" ? OnOffAuto.Auto : HandWrittenNetParser.TryParseBool(text, out bool b) ? (b ? OnOffAuto.On : OnOffAuto.Off) : null,
    };

    private static Dictionary<string, Option> Build()
    {
        var options = new Dictionary<string, Option>(StringComparer.Ordinal);
        foreach (PropertyInfo property in typeof(ReflectedNetConfig).GetProperties())
        {
            if (property.GetCustomAttribute<NetOptionAttribute>() is { } attribute)
            {
                options.Add(attribute.Name, new Option(property, attribute, Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType));
            }
        }
        return options;
    }

    private static ulong? Integer(string text, Option option)
    {
        // QEMU's syntax first (0x hex, no ambiguous leading zero), then Convert for the value.
        if (HandWrittenNetParser.TryParseInteger(text, ulong.MaxValue, out _) is not null) return null;
        ulong value = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? Convert.ToUInt64(text.Substring(2), 16)
            : Convert.ToUInt64(text, CultureInfo.InvariantCulture);
        return value < option.Attribute.Min || value > option.Attribute.Max ? null : value;
    }

    public static ReflectedNetConfig? Parse(string text, out NetConfigError? error)
    {
        error = null;
        if (text.Length == 0) return Fail(out error, "empty device string", 1);
        var config = new ReflectedNetConfig();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        bool haveDriver = false;
        int i = 0;
        var value = new StringBuilder();
        while (i <= text.Length)
        {
            int keyStart = i;
            while (i < text.Length && text[i] != '=' && text[i] != ',') i++;
            string key = text.Substring(keyStart, i - keyStart);
            if (key.Length == 0) return Fail(out error, "empty option", keyStart + 1);
            if (i >= text.Length || text[i] == ',')
            {
                if (keyStart != 0) return Fail(out error, "missing '=value'", keyStart + 1, key);
                if (key != "virtio-net-pci") return Fail(out error, "unknown device type", 1);
                haveDriver = true;
                i++;
                continue;
            }
            int valueStart = ++i;
            value.Clear();
            while (i < text.Length)
            {
                if (text[i] == ',')
                {
                    if (i + 1 < text.Length && text[i + 1] == ',') { value.Append(','); i += 2; continue; }
                    break;
                }
                value.Append(text[i++]);
            }
            if (i == text.Length - 1) return Fail(out error, "trailing ','", i + 1, key);
            i++;
            string valueText = value.ToString();
            if (!seen.Add(key)) return Fail(out error, "option given twice", keyStart + 1, key);
            if (key == "driver")
            {
                if (valueText != "virtio-net-pci") return Fail(out error, "unknown device type", valueStart + 1, key);
                haveDriver = true;
                continue;
            }
            if (!Options.TryGetValue(key, out Option? option)) return Fail(out error, "unknown option", keyStart + 1, key);
            if (option.Attribute.Auto && valueText == "auto")
            {
                option.Property.SetValue(config, null);
                continue;
            }
            object? converted = Converters[option.Type](valueText, option);
            if (converted is null) return Fail(out error, "invalid value", valueStart + 1, key);
            option.Property.SetValue(config, converted);
        }
        if (!haveDriver) return Fail(out error, "no device driver", 1);
        return config;
    }

    private static ReflectedNetConfig? Fail(out NetConfigError error, string message, int column, string? option = null)
    {
        error = new NetConfigError(message, column, option);
        return null;
    }
}
