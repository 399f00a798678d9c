using System;
using System.Buffers;
using System.Collections.Immutable;
using DeviceModel.Catalog;

namespace DeviceModel.Config
{
    /// <summary>
    /// Parses QEMU <c>-device</c> strings: <c>driver,id=x,opt=value,…</c>, where <c>,,</c> stands for a comma
    /// inside a value. Errors carry the 1-based column of the offending text. All-or-nothing: a string with
    /// any error yields no device.
    /// </summary>
    public static class KeyvalParser
    {
        // The smallest buffer rented to undo the ',,' escapes of a value.
        private const int MinEscapeBufferChars = 256;

        /// <summary>Parses one device string against <paramref name="catalog"/>.</summary>
        /// <param name="text">The <c>-device</c> argument.</param>
        /// <param name="catalog">The device types.</param>
        /// <param name="source">Names the input in errors (e.g. <c>--device #1</c>).</param>
        public static ParseResult<Device> ParseDevice(string text, DeviceCatalog catalog, string? source = null) =>
            ParseDevice(text, catalog, source, line: 0, columnOffset: 0);

        internal static ParseResult<Device> ParseDevice(string text, DeviceCatalog catalog, string? source, int line, int columnOffset)
        {
            ArgumentNullException.ThrowIfNull(text);
            ArgumentNullException.ThrowIfNull(catalog);
            if (text.Length is > 0 and <= ConfigLimits.MaxDeviceTextLength && TryFast(text, catalog) is { } parsed) return ParseResult<Device>.Success(parsed);
            return ParseReporting(text, catalog, source, line, columnOffset);
        }

        /// <summary>
        /// Parses a string that is not of the common shape, or has an error, reporting every error (internal: the tests check
        /// that it gives the device the fast path gives).
        /// </summary>
        // Not inlined: the fast path keeps a small frame.
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        internal static ParseResult<Device> ParseReporting(string text, DeviceCatalog catalog, string? source, int line, int columnOffset)
        {
            InputPositions at = InputPositions.Keyval(source, line, columnOffset);
            if (text.Length > ConfigLimits.MaxDeviceTextLength)
            {
                return Failed(new ConfigError(ConfigErrorKind.LimitExceeded,
                    "device string is " + text.Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " characters, more than the limit of "
                    + ConfigLimits.MaxDeviceTextLength.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " (ConfigLimits.MaxDeviceTextLength)",
                    at.At(ConfigLimits.MaxDeviceTextLength + 1), Value: ConfigLimits.Bound(text.AsSpan())));
            }
            if (text.Length == 0) return Failed(new ConfigError(ConfigErrorKind.Missing, "empty device string", at.At(1)));

            // First pass: the syntax, and the driver and id, so that every later error names the device. Nothing is copied.
            ConfigErrorList? errors = null;
            Token driverToken = default, idToken = default;
            bool hasDriver = false, driverIsValue = false, hasId = false;
            var tokens = new Tokenizer(text);
            while (tokens.Next(out Token token))
            {
                ReadOnlySpan<char> key = token.Key(text);
                if (key.IsEmpty)
                {
                    string what = token.HasValue ? "missing option name before '='" : token.KeyStart == 0 ? "missing device type before ','"
                        : token.KeyStart >= text.Length ? "trailing ',' after the last option" : "empty option between ','";
                    // A trailing ',' is reported at the comma itself (KeyStart is one past it), as after a value.
                    (errors ??= new()).Add(new ConfigError(ConfigErrorKind.Syntax, what, at.At(token.KeyStart >= text.Length ? token.KeyStart : token.KeyStart + 1)));
                }
                else if (!token.HasValue && token.KeyStart == 0) { driverToken = token; hasDriver = true; driverIsValue = false; }
                else if (token.HasValue && key is "driver") { driverToken = token; hasDriver = true; driverIsValue = true; }
                else if (token.HasValue && key is "id") { idToken = token; hasId = true; }
                if (token.TrailingComma)
                {
                    (errors ??= new()).Add(new ConfigError(ConfigErrorKind.Syntax, "trailing ',' after the last option", at.At(token.ValueEnd + 1),
                        Option: key.IsEmpty ? null : key.ToString()));
                }
            }
            if (errors is not null) return ParseResult<Device>.Failure(errors);

            // The id is copied once: the builder stores this string when the id is valid.
            string? id = hasId ? ValueString(text, idToken) : null;
            if (!hasDriver)
            {
                return Failed(new ConfigError(ConfigErrorKind.Missing, "no device driver: the string must start with the device type, as in 'virtio-net-pci,id=n0'", at.At(1), DeviceId: id));
            }
            string? escapedDriver = driverIsValue && driverToken.Escaped ? ValueString(text, driverToken) : null;
            ReadOnlySpan<char> driver = escapedDriver is not null ? escapedDriver : driverIsValue ? driverToken.RawValue(text) : driverToken.Key(text);
            int driverColumn = driverIsValue ? driverToken.ValueStart + 1 : 1;
            DeviceInfo? info = catalog.Find(driver);
            if (info is null)
            {
                string name = driver.ToString();
                return Failed(new ConfigError(ConfigErrorKind.UnknownDevice, "unknown device type " + ConfigLimits.Quote(name), at.At(driverColumn),
                    DeviceId: id, Value: name, Suggestion: catalog.Suggest(name)));
            }

            // Second pass: each option straight from its slice of the text into the device.
            Device? device = Apply(text, info, id, at, out ConfigErrorList? failed);
            return device is not null ? ParseResult<Device>.Success(device) : ParseResult<Device>.Failure(failed!);
        }

        /// <summary>
        /// The common shape, a device type first and no error, in one pass: null when the string is anything else (a syntax
        /// error, a <c>driver=</c>, an unknown option, a bad value, …), for the two passes of <see cref="ParseReporting"/> to
        /// report it as they always have. It makes no error and no string but those the device keeps; every check it makes is
        /// the one <see cref="DeviceBuilder.Set"/> makes.
        /// </summary>
        private static Device? TryFast(string text, DeviceCatalog catalog)
        {
            ReadOnlySpan<char> rest = text;
            int first = rest.IndexOfAny('=', ',');
            if (first == 0 || (first > 0 && text[first] == '=')) return null;
            DeviceInfo? info = catalog.Find(first < 0 ? rest : rest.Slice(0, first));
            if (info is null) return null;
            Device device = info.Create();
            if (first < 0) return device;
            ImmutableArray<OptionInfo> options = info.Options;
            if (options.Length > FastSeen.Capacity) return null;
            FastSeen seen = default;
            bool seenId = false, seenBus = false;
            char[]? rented = null;
            try
            {
                int i = first + 1;
                while (true)
                {
                    // key=value up to a ',' that is not doubled; anything else (an empty key, a key without a value, a
                    // trailing ',') is for the slow path to report.
                    // Keys and values are a few characters: plain loops (a vectorized scan of 64 characters at a time measured no faster).
                    int keyEnd = i;
                    while (keyEnd < rest.Length && rest[keyEnd] != '=' && rest[keyEnd] != ',') keyEnd++;
                    if (keyEnd == i || keyEnd == rest.Length || rest[keyEnd] != '=') return null;
                    ReadOnlySpan<char> key = rest.Slice(i, keyEnd - i);
                    int valueStart = keyEnd + 1;
                    int end = valueStart;
                    bool escaped = false;
                    while (true)
                    {
                        while (end < rest.Length && rest[end] != ',') end++;
                        if (end + 1 < rest.Length && rest[end + 1] == ',') { escaped = true; end += 2; continue; }
                        break;
                    }
                    if (end == text.Length - 1) return null;
                    scoped ReadOnlySpan<char> value = rest.Slice(valueStart, end - valueStart);
                    if (escaped)
                    {
                        if (rented is null || value.Length > rented.Length)
                        {
                            if (rented is not null) ArrayPool<char>.Shared.Return(rented);
                            rented = ArrayPool<char>.Shared.Rent(Math.Max(value.Length, MinEscapeBufferChars));
                        }
                        value = rented.AsSpan(0, Unescape(value, rented));
                    }
                    switch (key)
                    {
                        case "driver":
                            return null;
                        case "id":
                            if (seenId || value.Length > ConfigLimits.MaxIdLength || !DeviceBuilder.IsValidId(value)) return null;
                            seenId = true;
                            device.Id = value.ToString();
                            break;
                        case "bus":
                            if (seenBus || value.Length > ConfigLimits.MaxIdLength || !DeviceBuilder.IsValidId(value)) return null;
                            seenBus = true;
                            device.Bus = value.ToString();
                            break;
                        default:
                            int index = info.IndexOf(key);
                            if (index < 0 || !seen.Mark(index)) return null;
                            OptionInfo option = options[index];
                            if (option.Kind is OptionKind.String or OptionKind.Enum && value.Length > ConfigLimits.MaxStringBytes / 3) return null;
                            if (option.TryParse(value, out OptionValue parsed) != ValueParseError.None) return null;
                            device.SetValidated(option, parsed, OptionSource.Explicit);
                            break;
                    }
                    if (end >= text.Length) return device;
                    i = end + 1;
                }
            }
            finally
            {
                if (rented is not null) ArrayPool<char>.Shared.Return(rented);
            }
        }

        /// <summary>The options already given, for the fast path: a bit set on the stack without <c>stackalloc</c>.</summary>
        [System.Runtime.CompilerServices.InlineArray(4)]
        private struct FastSeen
        {
            public const int Capacity = 4 * 64;
            private ulong _word;

            /// <summary>Records the option at <paramref name="index"/>; false when it already was.</summary>
            public bool Mark(int index)
            {
                ref ulong word = ref this[index >> 6];
                ulong bit = 1UL << (index & 63);
                if ((word & bit) != 0) return false;
                word |= bit;
                return true;
            }
        }

        /// <summary>
        /// Creates a device of <paramref name="info"/> and sets every option of <paramref name="text"/>, collecting every
        /// error (the id is the one the first pass found, named in each).
        /// </summary>
        private static Device? Apply(string text, DeviceInfo info, string? id, InputPositions at, out ConfigErrorList? errors)
        {
            Device device = info.Create();
            int words = DeviceBuilder.SeenWords(info.Options.Length);
            Span<ulong> seen = words <= 16 ? stackalloc ulong[words] : new ulong[words];
            seen.Clear();
            var builder = new DeviceBuilder(device, id, at, seen, errors: null);
            // Only values with ',,' escapes need a buffer to undo them in: rented when one appears.
            char[]? rented = null;
            try
            {
                var tokens = new Tokenizer(text);
                while (tokens.Next(out Token token))
                {
                    ReadOnlySpan<char> key = token.Key(text);
                    if (!token.HasValue)
                    {
                        if (token.KeyStart == 0) continue; // the driver
                        builder.Add(builder.Error(ConfigErrorKind.Missing, "missing '=value' (QEMU's short form 'mq' for 'mq=on' is not accepted: write " + key.ToString() + "=on)",
                            token.KeyStart + 1, option: key.ToString()));
                        continue;
                    }
                    scoped ReadOnlySpan<char> value = token.RawValue(text);
                    if (token.Escaped)
                    {
                        if (rented is null || value.Length > rented.Length)
                        {
                            if (rented is not null) ArrayPool<char>.Shared.Return(rented);
                            rented = ArrayPool<char>.Shared.Rent(Math.Max(value.Length, MinEscapeBufferChars));
                        }
                        value = rented.AsSpan(0, Unescape(value, rented));
                    }
                    builder.Set(key, info.IndexOf(key), value, token.KeyStart + 1, token.ValueStart + 1);
                }
            }
            finally
            {
                if (rented is not null) ArrayPool<char>.Shared.Return(rented);
            }
            errors = builder.Errors;
            return errors is null ? device : null;
        }

        private static ParseResult<Device> Failed(ConfigError error)
        {
            var errors = new ConfigErrorList();
            errors.Add(error);
            return ParseResult<Device>.Failure(errors);
        }

        /// <summary>A token's value as a string, its <c>,,</c> escapes undone.</summary>
        private static string ValueString(string text, Token token)
        {
            ReadOnlySpan<char> raw = token.RawValue(text);
            if (!token.Escaped) return raw.ToString();
            char[] buffer = ArrayPool<char>.Shared.Rent(raw.Length);
            string value = new(buffer, 0, Unescape(raw, buffer));
            ArrayPool<char>.Shared.Return(buffer);
            return value;
        }

        /// <summary>Undoes the <c>,,</c> escapes of a raw value (every comma in it is doubled); returns the length.</summary>
        private static int Unescape(ReadOnlySpan<char> raw, Span<char> into)
        {
            int n = 0;
            for (int i = 0; i < raw.Length; i++)
            {
                char c = raw[i];
                into[n++] = c;
                if (c == ',') i++;
            }
            return n;
        }

        /// <summary>
        /// One <c>key</c> or <c>key=value</c> of the text, as positions: a key runs to '=' or ',' (keys cannot contain
        /// escaped commas); a value runs to a ',' that is not doubled.
        /// </summary>
        private struct Token
        {
            public int KeyStart, KeyEnd, ValueStart, ValueEnd;
            /// <summary>The value has <c>,,</c> escapes.</summary>
            public bool Escaped;
            /// <summary>The value ends at a ',' that is the last character of the text.</summary>
            public bool TrailingComma;

            public readonly bool HasValue => ValueStart >= 0;
            public readonly ReadOnlySpan<char> Key(string text) => text.AsSpan(KeyStart, KeyEnd - KeyStart);
            public readonly ReadOnlySpan<char> RawValue(string text) => text.AsSpan(ValueStart, ValueEnd - ValueStart);
        }

        /// <summary>Splits a keyval string into tokens without copying; an empty key is a token too, for its error.</summary>
        private ref struct Tokenizer
        {
            private readonly ReadOnlySpan<char> _text;
            private int _next;

            public Tokenizer(ReadOnlySpan<char> text)
            {
                _text = text;
                _next = 0;
            }

            public bool Next(out Token token)
            {
                token = default;
                ReadOnlySpan<char> text = _text;
                if (_next > text.Length) return false;
                int keyStart = _next;
                int end = text.Slice(keyStart).IndexOfAny('=', ',');
                int i = end < 0 ? text.Length : keyStart + end;
                token.KeyStart = keyStart;
                token.KeyEnd = i;
                token.ValueStart = -1;
                if (i >= text.Length || text[i] == ',')
                {
                    _next = i + 1;
                    return true;
                }
                int valueStart = ++i; // past '='
                while (true)
                {
                    int comma = text.Slice(i).IndexOf(',');
                    if (comma < 0) { i = text.Length; break; }
                    i += comma;
                    if (i + 1 < text.Length && text[i + 1] == ',') { token.Escaped = true; i += 2; continue; }
                    break;
                }
                token.ValueStart = valueStart;
                token.ValueEnd = i;
                if (i < text.Length && i == text.Length - 1)
                {
                    token.TrailingComma = true;
                    _next = text.Length + 1;
                    return true;
                }
                _next = i + 1;
                return true;
            }
        }
    }
}
