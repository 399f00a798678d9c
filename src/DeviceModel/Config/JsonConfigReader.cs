using System;
using System.Buffers;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Text;
using System.Text.Json;
using DeviceModel.Catalog;

namespace DeviceModel.Config
{
    /// <summary>
    /// Reads JSON device objects (<c>{"driver": "virtio-rng-pci", "id": "rng0", "max-bytes": 1024}</c>) and
    /// machine config files over <see cref="Utf8JsonReader"/>. Errors carry 1-based line and column.
    /// </summary>
    public static class JsonConfigReader
    {
        private const int MaxConfigBytes = ConfigLimits.MaxConfigBytes;

        private static string Count(long n) => n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

        private static ConfigError TooLarge(string what, long size, int limit, string limitName, string? source) =>
            new(ConfigErrorKind.LimitExceeded, what + " is " + Count(size) + " bytes, more than the limit of " + Count(limit) + " (ConfigLimits." + limitName + ")",
                new SourceLocation(source, 0, 0));

        /// <summary>Reads one JSON device object.</summary>
        public static ParseResult<Device> ParseDevice(string json, DeviceCatalog catalog, string? source = null)
        {
            ArgumentNullException.ThrowIfNull(json);
            if (json.Length > ConfigLimits.MaxDeviceTextLength)
            {
                return ParseResult<Device>.Failure(new[] { new ConfigError(ConfigErrorKind.LimitExceeded,
                    "device object is " + Count(json.Length) + " characters, more than the limit of " + Count(ConfigLimits.MaxDeviceTextLength) + " (ConfigLimits.MaxDeviceTextLength)",
                    new SourceLocation(source, 0, 0)) });
            }
            // The UTF-8 form lives in a pooled buffer for the duration of the parse: errors keep locations, not bytes.
            byte[] utf8 = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
            int length = Encoding.UTF8.GetBytes(json, utf8);
            var reader = new Utf8JsonReader(utf8.AsSpan(0, length), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = false });
            var errors = new ConfigErrorList();
            var text = new Utf8Positions(utf8, length, source);
            try
            {
                if (!reader.Read()) throw new JsonException("empty input");
                Device? device = ReadDevice(ref reader, catalog, text, errors);
                if (errors.Count == 0 && reader.Read()) errors.Add(new ConfigError(ConfigErrorKind.Syntax, "unexpected content after the device object", text.At(reader.TokenStartIndex)));
                return errors.Count == 0 && device is not null ? ParseResult<Device>.Success(device) : ParseResult<Device>.Failure(errors);
            }
            catch (JsonException e)
            {
                errors.Add(SyntaxError(e, text, reader.BytesConsumed));
                return ParseResult<Device>.Failure(errors);
            }
            catch (InvalidOperationException e)
            {
                errors.Add(StringError(e, text, reader.TokenStartIndex));
                return ParseResult<Device>.Failure(errors);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(utf8);
            }
        }

        /// <summary>Reads a machine config file.</summary>
        public static ParseResult<MachineConfig> ReadMachineConfigFile(string path, DeviceCatalog catalog)
        {
            byte[] bytes;
            try
            {
                var file = new FileInfo(path);
                if (file.Exists && file.Length > MaxConfigBytes)
                {
                    return ParseResult<MachineConfig>.Failure(new[] { TooLarge("config file", file.Length, MaxConfigBytes, nameof(ConfigLimits.MaxConfigBytes), path) });
                }
                bytes = File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                return ParseResult<MachineConfig>.Failure(new[] { new ConfigError(ConfigErrorKind.Io, "cannot read config file: " + (e is IOException or UnauthorizedAccessException ? e.Message : "not a valid path"), new SourceLocation(path, 0, 0)) });
            }
            return ReadMachineConfig(bytes, catalog, path, Path.GetDirectoryName(Path.GetFullPath(path)));
        }

        /// <summary>
        /// Reads a machine config: <c>{"machine": "pc-q35-7.2", "hints": "vm.dmh", "devices": [ … ]}</c>, where each
        /// device is a JSON object or a <c>-device</c> string. A relative hints path is taken from <paramref name="baseDirectory"/>.
        /// </summary>
        public static ParseResult<MachineConfig> ReadMachineConfig(ReadOnlySpan<byte> utf8, DeviceCatalog catalog, string? source = null, string? baseDirectory = null)
        {
            if (utf8.Length > MaxConfigBytes)
            {
                return ParseResult<MachineConfig>.Failure(new[] { TooLarge("machine config", utf8.Length, MaxConfigBytes, nameof(ConfigLimits.MaxConfigBytes), source) });
            }
            if (utf8.Length >= 3 && utf8[0] == 0xEF && utf8[1] == 0xBB && utf8[2] == 0xBF) utf8 = utf8.Slice(3);
            var errors = new ConfigErrorList();
            byte[] copy = utf8.ToArray();
            var text = new Utf8Positions(copy, copy.Length, source);
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            string? machine = null, hints = null;
            int? smp = null;
            var devices = new List<(Device Device, SourceLocation At)>();
            try
            {
                if (!reader.Read()) throw new JsonException("empty input");
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    errors.Add(new ConfigError(ConfigErrorKind.Syntax, "a machine config must be a JSON object with 'machine' and 'devices'", text.At(reader.TokenStartIndex)));
                    return ParseResult<MachineConfig>.Failure(errors);
                }
                var seen = new HashSet<string>(StringComparer.Ordinal);
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    SourceLocation keyAt = text.At(reader.TokenStartIndex);
                    string key = reader.GetString()!;
                    reader.Read();
                    SourceLocation valueAt = text.At(reader.TokenStartIndex);
                    if (!seen.Add(key))
                    {
                        errors.Add(new ConfigError(ConfigErrorKind.DuplicateOption, ConfigLimits.Quote(key) + " given twice", keyAt, Option: key));
                        reader.Skip();
                        continue;
                    }
                    switch (key)
                    {
                        case "machine":
                            machine = ReadString(ref reader, key, valueAt, errors);
                            break;
                        case "hints":
                            hints = ReadString(ref reader, key, valueAt, errors);
                            if (hints is not null && baseDirectory is not null && !Path.IsPathRooted(hints)) hints = Path.GetFullPath(Path.Combine(baseDirectory, hints));
                            break;
                        case "smp":
                            if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int cpus) && cpus >= 1 && cpus <= 1024) smp = cpus;
                            else
                            {
                                // An object or array is reported here, at 'smp', and skipped whole: its contents are not machine config keys.
                                errors.Add(new ConfigError(ConfigErrorKind.InvalidValue, "'smp' must be a vCPU count, not " + KindOf(reader.TokenType), valueAt, Option: key,
                                    Value: RawText(ref reader), Expected: "an integer from 1 to 1024"));
                                reader.Skip();
                            }
                            break;
                        case "devices":
                            if (reader.TokenType != JsonTokenType.StartArray)
                            {
                                errors.Add(new ConfigError(ConfigErrorKind.Syntax, "'devices' must be an array of device objects or -device strings", valueAt, Option: key));
                                reader.Skip();
                                break;
                            }
                            int number = 0;
                            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                            {
                                number++;
                                if (number > ConfigLimits.MaxDevices)
                                {
                                    // Reported once, at the first device over the limit; the rest are skipped unread.
                                    if (number == ConfigLimits.MaxDevices + 1)
                                    {
                                        errors.Add(new ConfigError(ConfigErrorKind.LimitExceeded, "more than " + Count(ConfigLimits.MaxDevices)
                                            + " devices (ConfigLimits.MaxDevices: the most a machine can place)", text.At(reader.TokenStartIndex), Option: key));
                                    }
                                    reader.Skip();
                                    continue;
                                }
                                SourceLocation at = text.At(reader.TokenStartIndex);
                                if (reader.TokenType == JsonTokenType.String)
                                {
                                    string keyval = reader.GetString()!;
                                    // Columns of a keyval string inside JSON point just after the opening quote.
                                    ParseResult<Device> parsed = KeyvalParser.ParseDevice(keyval, catalog, source, at.Line, at.Column);
                                    if (parsed.Succeeded) devices.Add((parsed.Value!, at));
                                    else errors.AddRange(parsed.Errors);
                                }
                                else if (reader.TokenType == JsonTokenType.StartObject)
                                {
                                    Device? device = ReadDevice(ref reader, catalog, text, errors);
                                    if (device is not null) devices.Add((device, at));
                                }
                                else
                                {
                                    errors.Add(new ConfigError(ConfigErrorKind.Syntax, "device #" + number + " must be an object or a -device string, not " + KindOf(reader.TokenType), at));
                                    reader.Skip();
                                }
                            }
                            break;
                        default:
                            errors.Add(new ConfigError(ConfigErrorKind.UnknownOption, "unknown machine config key " + ConfigLimits.Quote(key), keyAt, Option: key,
                                Suggestion: Spelling.Closest(key, new[] { "machine", "devices", "hints", "smp" })));
                            reader.Skip();
                            break;
                    }
                }
                if (reader.TokenType != JsonTokenType.EndObject) throw new JsonException("expected '}'");
                if (reader.Read()) errors.Add(new ConfigError(ConfigErrorKind.Syntax, "unexpected content after the machine config object", text.At(reader.TokenStartIndex)));
            }
            catch (JsonException e)
            {
                errors.Add(SyntaxError(e, text, reader.BytesConsumed));
            }
            catch (InvalidOperationException e)
            {
                errors.Add(StringError(e, text, reader.TokenStartIndex));
            }
            CheckIds(devices, errors);
            if (errors.Count > 0) return ParseResult<MachineConfig>.Failure(errors);
            return ParseResult<MachineConfig>.Success(MachineConfig.Build(machine, hints, smp, devices));
        }

        internal static void CheckIds(IReadOnlyList<(Device Device, SourceLocation At)> devices, ConfigErrorList errors)
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach ((Device device, SourceLocation at) in devices)
            {
                if (device.Id is not null && !ids.Add(device.Id))
                {
                    errors.Add(new ConfigError(ConfigErrorKind.InvalidReference, "two devices have id " + ConfigLimits.Quote(device.Id), at, device.Info.Name, device.Id, "id", device.Id));
                }
            }
        }

        // Option names longer than this cannot be an option's: they are read as strings, for their error.
        private const int StackKeyChars = 64;

        private static Device? ReadDevice(ref Utf8JsonReader reader, DeviceCatalog catalog, Utf8Positions text, ConfigErrorList errors)
        {
            long objectStart = reader.TokenStartIndex;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                errors.Add(new ConfigError(ConfigErrorKind.Syntax, "a device must be a JSON object", text.At(objectStart)));
                reader.Skip();
                return null;
            }
            // First pass on a copy of the reader: find driver and id, so every error names the device.
            Utf8JsonReader scan = reader;
            Span<char> driverBuffer = stackalloc char[StackKeyChars];
            scoped ReadOnlySpan<char> driver = default;
            string? driverText = null, id = null;
            bool hasDriver = false;
            long driverStart = objectStart;
            int depth = scan.CurrentDepth;
            try
            {
                while (scan.Read() && !(scan.TokenType == JsonTokenType.EndObject && scan.CurrentDepth == depth))
                {
                    if (scan.TokenType == JsonTokenType.PropertyName && scan.CurrentDepth == depth + 1)
                    {
                        bool isDriver = scan.ValueTextEquals("driver"u8), isId = scan.ValueTextEquals("id"u8);
                        scan.Read();
                        if (isDriver && scan.TokenType == JsonTokenType.String)
                        {
                            if (TryCopyString(ref scan, driverBuffer, out int written)) driver = driverBuffer.Slice(0, written);
                            else driver = driverText = scan.GetString()!;
                            hasDriver = true;
                            driverStart = scan.TokenStartIndex;
                        }
                        else if (isId && scan.TokenType == JsonTokenType.String) id = scan.GetString();
                        else scan.Skip();
                    }
                }
            }
            catch (InvalidOperationException e)
            {
                errors.Add(StringError(e, text, scan.TokenStartIndex));
                reader.Skip();
                return null;
            }
            if (!hasDriver)
            {
                errors.Add(new ConfigError(ConfigErrorKind.Missing, "device object has no \"driver\"", text.At(objectStart), DeviceId: id, Option: "driver", Expected: "a string naming the device type"));
                reader.Skip();
                return null;
            }
            DeviceInfo? info = catalog.Find(driver);
            if (info is null)
            {
                string name = driverText ?? driver.ToString();
                errors.Add(new ConfigError(ConfigErrorKind.UnknownDevice, "unknown device type " + ConfigLimits.Quote(name), text.At(driverStart), DeviceId: id, Value: name, Suggestion: catalog.Suggest(name)));
                reader.Skip();
                return null;
            }

            // Second pass: every value straight from the reader's bytes into the device; names are looked up as spans.
            Device device = info.Create();
            int words = DeviceBuilder.SeenWords(info.Options.Length);
            Span<ulong> seen = words <= 16 ? stackalloc ulong[words] : new ulong[words];
            seen.Clear();
            var builder = new DeviceBuilder(device, id, InputPositions.Json(text), seen, errors);
            int before = errors.Count;
            char[]? rented = null;
            Span<char> buffer = stackalloc char[128];
            Span<char> keyBuffer = stackalloc char[StackKeyChars];
            try
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    long keyAt = reader.TokenStartIndex;
                    scoped ReadOnlySpan<char> key = TryCopyString(ref reader, keyBuffer, out int keyLength) ? keyBuffer.Slice(0, keyLength) : reader.GetString();
                    int index = info.IndexOf(key);
                    reader.Read();
                    long valueAt = reader.TokenStartIndex;
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.String:
                        {
                            int length = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
                            if (length > buffer.Length)
                            {
                                if (rented is not null) ArrayPool<char>.Shared.Return(rented);
                                rented = ArrayPool<char>.Shared.Rent(length);
                                buffer = rented;
                            }
                            int written = reader.CopyString(buffer);
                            SetFromJson(ref builder, info, key, index, JsonTokenType.String, keyAt, valueAt, buffer.Slice(0, written));
                            break;
                        }
                        case JsonTokenType.Number:
                        case JsonTokenType.True:
                        case JsonTokenType.False:
                        {
                            // Numbers and booleans go through the same value syntax as keyval text.
                            ReadOnlySpan<byte> raw = reader.ValueSpan;
                            if (raw.Length > buffer.Length)
                            {
                                // A number literal has no length limit in JSON: never let a long one overflow the buffer.
                                if (rented is not null) ArrayPool<char>.Shared.Return(rented);
                                rented = ArrayPool<char>.Shared.Rent(raw.Length);
                                buffer = rented;
                            }
                            int written = Encoding.UTF8.GetChars(raw, buffer);
                            SetFromJson(ref builder, info, key, index, reader.TokenType, keyAt, valueAt, buffer.Slice(0, written));
                            break;
                        }
                        case JsonTokenType.Null:
                            builder.SetNull(key, index, keyAt, valueAt);
                            break;
                        default:
                            builder.Add(builder.Error(ConfigErrorKind.InvalidValue, "objects and arrays are not option values", valueAt, option: key.ToString(),
                                expected: index < 0 ? null : info.Options[index].Expected));
                            reader.Skip();
                            break;
                    }
                }
            }
            finally
            {
                if (rented is not null) ArrayPool<char>.Shared.Return(rented);
            }
            return errors.Count == before ? device : null;
        }

        /// <summary>Unescapes the string token at <paramref name="reader"/> into <paramref name="buffer"/>; false when it may not fit.</summary>
        private static bool TryCopyString(ref Utf8JsonReader reader, scoped Span<char> buffer, out int written)
        {
            // Unescaped, a JSON string has at most as many characters as it has bytes.
            long bytes = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
            written = bytes <= buffer.Length ? reader.CopyString(buffer) : -1;
            return written >= 0;
        }

        private static void SetFromJson(ref DeviceBuilder builder, DeviceInfo info, scoped ReadOnlySpan<char> key, int index, JsonTokenType token, long keyAt, long valueAt,
            scoped ReadOnlySpan<char> value)
        {
            OptionInfo? option = index < 0 ? null : info.Options[index];
            if (option is not null && token != JsonTokenType.String)
            {
                bool fits = token == JsonTokenType.Number ? ValueSyntax.IsInteger(option.Kind) : option.Kind == OptionKind.Bool;
                if (!fits)
                {
                    string got = token == JsonTokenType.Number ? "a JSON number" : "a JSON boolean";
                    builder.Add(builder.Error(ConfigErrorKind.InvalidValue, "got " + got + " " + ConfigLimits.Quote(value), valueAt, option: key.ToString(), value: ConfigLimits.Bound(value),
                        expected: option.Expected));
                    return;
                }
            }
            if (option is null && token != JsonTokenType.String && key is "id" or "bus" or "driver")
            {
                builder.Add(builder.Error(ConfigErrorKind.InvalidValue, "'" + key.ToString() + "' must be a string", valueAt, option: key.ToString(), value: ConfigLimits.Bound(value)));
                return;
            }
            builder.Set(key, index, value, keyAt, valueAt);
        }

        private static string? ReadString(ref Utf8JsonReader reader, string key, SourceLocation at, ConfigErrorList errors)
        {
            if (reader.TokenType == JsonTokenType.String) return reader.GetString();
            errors.Add(new ConfigError(ConfigErrorKind.InvalidValue, "'" + key + "' must be a string", at, Option: key, Value: RawText(ref reader), Expected: "a string"));
            reader.Skip();
            return null;
        }

        private static string RawText(ref Utf8JsonReader reader)
        {
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) return reader.TokenType == JsonTokenType.StartObject ? "{…}" : "[…]";
            ReadOnlySpan<byte> raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
            // Bounded before decoding: a long string token costs no more than the quote of it.
            int take = Math.Min(raw.Length, ConfigLimits.MaxQuotedLength * 4);
            string text = Encoding.UTF8.GetString(raw.Slice(0, take));
            if (raw.Length == take) return text;
            return text.Substring(0, Math.Min(text.Length, ConfigLimits.MaxQuotedLength - 1)) + "… (" + Count(raw.Length) + " bytes)";
        }

        private static string KindOf(JsonTokenType token) => token switch
        {
            JsonTokenType.StartObject => "an object",
            JsonTokenType.StartArray => "an array",
            JsonTokenType.String => "a string",
            JsonTokenType.Number => "a number",
            JsonTokenType.True or JsonTokenType.False => "a boolean",
            JsonTokenType.Null => "null",
            _ => "a " + token,
        };

        private static ConfigError SyntaxError(JsonException e, Utf8Positions text, long consumed)
        {
            SourceLocation at = e.LineNumber is long line && e.BytePositionInLine is long column
                ? text.AtLineByte((int)line, (int)column)
                : text.At(consumed);
            string message = e.Message;
            int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
            if (cut < 0) cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut > 0) message = message.Substring(0, cut);
            return new ConfigError(ConfigErrorKind.Syntax, "malformed JSON: " + message, at);
        }

        // Utf8JsonReader accepts an unpaired surrogate escape such as "\uD800" as well-formed JSON but refuses to
        // decode it into a string (InvalidOperationException): report it as malformed JSON at the string's token.
        private static ConfigError StringError(InvalidOperationException e, Utf8Positions text, long tokenStart) =>
            new(ConfigErrorKind.Syntax, "malformed JSON: " + e.Message, text.At(tokenStart));
    }

    /// <summary>A machine configuration: machine type, devices, optional hints file and vCPU count.</summary>
    /// <param name="Machine">Machine type name or alias; null for the product's default.</param>
    /// <param name="HintsPath">
    /// Compat hints file to apply, if any: <see cref="Compat.CompatResolver.Resolve(MachineConfig, Catalog.DeviceCatalog)"/> reads it,
    /// and fails when it cannot. Absolute when read from a config file (a relative path there is taken from the config
    /// file's directory); a relative path set in code is taken from the current directory.
    /// </param>
    /// <param name="Smp">vCPU count, if given.</param>
    /// <param name="Devices">The devices, in config order.</param>
    public sealed record MachineConfig(string? Machine, string? HintsPath, int? Smp, ImmutableArray<Device> Devices)
    {
        /// <summary>
        /// A config of devices parsed one by one (e.g. <c>-device</c> strings from a command line), checking what the
        /// config file reader checks across devices: no two devices share an id. Each device's location is where an
        /// error about it points. All-or-nothing.
        /// </summary>
        public static ParseResult<MachineConfig> Create(string? machine, string? hintsPath, int? smp, IEnumerable<(Device Device, SourceLocation At)> devices)
        {
            ArgumentNullException.ThrowIfNull(devices);
            var list = new List<(Device Device, SourceLocation At)>(devices);
            var errors = new ConfigErrorList();
            if (list.Count > ConfigLimits.MaxDevices)
            {
                errors.Add(new ConfigError(ConfigErrorKind.LimitExceeded, list.Count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " devices, more than the limit of "
                    + ConfigLimits.MaxDevices.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " (ConfigLimits.MaxDevices: the most a machine can place)",
                    list[ConfigLimits.MaxDevices].At, Option: "devices"));
                return ParseResult<MachineConfig>.Failure(errors);
            }
            JsonConfigReader.CheckIds(list, errors);
            if (errors.Count > 0) return ParseResult<MachineConfig>.Failure(errors);
            return ParseResult<MachineConfig>.Success(Build(machine, hintsPath, smp, list));
        }

        /// <summary>
        /// Where each device of <see cref="Devices"/> was written, in the same order (the start of its <c>-device</c> string
        /// or JSON object): resolve errors about a device (its slot, its bus) point there. Empty when the devices were
        /// built in code; a missing entry is an unknown position.
        /// </summary>
        public ImmutableArray<SourceLocation> Locations
        {
            get => _locations.IsDefault ? ImmutableArray<SourceLocation>.Empty : _locations;
            init => _locations = value;
        }

        private readonly ImmutableArray<SourceLocation> _locations;

        /// <summary>The location of the device at <paramref name="index"/> of <see cref="Devices"/>, or an unknown one.</summary>
        public SourceLocation LocationOf(int index) => (uint)index < (uint)Locations.Length ? Locations[index] : default;

        internal static MachineConfig Build(string? machine, string? hintsPath, int? smp, List<(Device Device, SourceLocation At)> devices)
        {
            var list = ImmutableArray.CreateBuilder<Device>(devices.Count);
            var locations = ImmutableArray.CreateBuilder<SourceLocation>(devices.Count);
            foreach ((Device device, SourceLocation at) in devices)
            {
                list.Add(device);
                locations.Add(at);
            }
            return new MachineConfig(machine, hintsPath, smp, list.MoveToImmutable()) { Locations = locations.MoveToImmutable() };
        }
    }
}
