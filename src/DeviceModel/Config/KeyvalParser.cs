using System;
using System.Collections.Generic;
using System.Text;
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
        private readonly record struct Pair(string Key, int KeyColumn, string? Value, int ValueColumn);

        /// <summary>Parses one device string against <paramref name="catalog"/>.</summary>
        /// <param name="text">The <c>-device</c> argument.</param>
        /// <param name="catalog">The device types.</param>
        /// <param name="source">Names the input in errors (e.g. <c>--device #1</c>).</param>
        public static ParseResult<Device> ParseDevice(string text, DeviceCatalog catalog, string? source = null) =>
            ParseDevice(text, catalog, source, line: 0, columnOffset: 0);

        internal static ParseResult<Device> ParseDevice(string text, DeviceCatalog catalog, string? source, int line, int columnOffset)
        {
            ArgumentNullException.ThrowIfNull(text);
            var errors = new ConfigErrorList();
            SourceLocation At(int column) => new(source, line, column + columnOffset);
            if (text.Length > ConfigLimits.MaxDeviceTextLength)
            {
                errors.Add(new ConfigError(ConfigErrorKind.LimitExceeded,
                    "device string is " + text.Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " characters, more than the limit of "
                    + ConfigLimits.MaxDeviceTextLength.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " (ConfigLimits.MaxDeviceTextLength)",
                    At(ConfigLimits.MaxDeviceTextLength + 1), Value: ConfigLimits.Bound(text.AsSpan())));
                return ParseResult<Device>.Failure(errors);
            }
            List<Pair> pairs = Tokenize(text, errors, At);
            if (errors.Count > 0) return ParseResult<Device>.Failure(errors);

            // The driver: a first token without '=', or driver=NAME anywhere.
            string? driver = null;
            int driverColumn = 1;
            string? id = null;
            foreach (Pair pair in pairs)
            {
                if (pair.Value is null && pair.KeyColumn == 1) { driver = pair.Key; driverColumn = 1; }
                else if (pair.Key == "driver" && pair.Value is not null) { driver = pair.Value; driverColumn = pair.ValueColumn; }
                else if (pair.Key == "id" && pair.Value is not null) id = pair.Value;
            }
            if (driver is null)
            {
                errors.Add(new ConfigError(ConfigErrorKind.Missing, "no device driver: the string must start with the device type, as in 'virtio-net-pci,id=n0'", At(1), DeviceId: id));
                return ParseResult<Device>.Failure(errors);
            }
            DeviceInfo? info = catalog.Find(driver);
            if (info is null)
            {
                errors.Add(new ConfigError(ConfigErrorKind.UnknownDevice, "unknown device type " + ConfigLimits.Quote(driver), At(driverColumn),
                    DeviceId: id, Value: driver, Suggestion: catalog.Suggest(driver)));
                return ParseResult<Device>.Failure(errors);
            }

            Device device = info.Create();
            var builder = new DeviceBuilder(device, id, source);
            foreach (Pair pair in pairs)
            {
                if (pair.Value is null && pair.KeyColumn == 1) continue;
                if (pair.Value is null)
                {
                    errors.Add(builder.Error(ConfigErrorKind.Missing, "missing '=value' (QEMU's short form 'mq' for 'mq=on' is not accepted: write " + pair.Key + "=on)",
                        At(pair.KeyColumn), option: pair.Key));
                    continue;
                }
                builder.Set(pair.Key, pair.Value.AsSpan(), pair.Value, At(pair.KeyColumn), At(pair.ValueColumn), errors);
            }
            return errors.Count > 0 ? ParseResult<Device>.Failure(errors) : ParseResult<Device>.Success(device);
        }

        private static List<Pair> Tokenize(string text, ConfigErrorList errors, Func<int, SourceLocation> at)
        {
            var pairs = new List<Pair>();
            if (text.Length == 0)
            {
                errors.Add(new ConfigError(ConfigErrorKind.Missing, "empty device string", at(1)));
                return pairs;
            }
            int i = 0;
            var value = new StringBuilder();
            while (i <= text.Length)
            {
                int keyStart = i;
                // A key runs to '=' or ','; keys cannot contain escaped commas.
                while (i < text.Length && text[i] != '=' && text[i] != ',') i++;
                string key = text.Substring(keyStart, i - keyStart);
                if (key.Length == 0)
                {
                    string what = i < text.Length && text[i] == '=' ? "missing option name before '='" : keyStart == 0 ? "missing device type before ','" : keyStart >= text.Length ? "trailing ',' after the last option" : "empty option between ','";
                    // A trailing ',' is reported at the comma itself (keyStart is one past it), as after a value.
                    errors.Add(new ConfigError(ConfigErrorKind.Syntax, what, at(keyStart >= text.Length ? keyStart : keyStart + 1)));
                }
                if (i >= text.Length || text[i] == ',')
                {
                    if (key.Length > 0) pairs.Add(new Pair(key, keyStart + 1, null, 0));
                    i++;
                    continue;
                }
                i++; // '='
                int valueStart = i;
                value.Clear();
                while (i < text.Length)
                {
                    if (text[i] == ',')
                    {
                        if (i + 1 < text.Length && text[i + 1] == ',') { value.Append(','); i += 2; continue; }
                        break;
                    }
                    value.Append(text[i]);
                    i++;
                }
                if (key.Length > 0) pairs.Add(new Pair(key, keyStart + 1, value.ToString(), valueStart + 1));
                if (i < text.Length && i == text.Length - 1)
                {
                    errors.Add(new ConfigError(ConfigErrorKind.Syntax, "trailing ',' after the last option", at(i + 1), Option: key.Length > 0 ? key : null));
                    break;
                }
                i++;
            }
            return pairs;
        }
    }

    /// <summary>Applies options to a fresh device for the keyval and JSON readers, collecting errors.</summary>
    internal sealed class DeviceBuilder
    {
        private readonly Device _device;
        private readonly string? _id;
        private readonly string? _source;
        private readonly bool[] _seen;
        private bool _seenId, _seenBus, _seenDriver;

        public DeviceBuilder(Device device, string? id, string? source)
        {
            _device = device;
            _id = id;
            _source = source;
            _seen = new bool[device.Info.Options.Length];
        }

        public ConfigError Error(ConfigErrorKind kind, string message, SourceLocation at, string? option = null, string? value = null, string? expected = null, string? suggestion = null) =>
            new(kind, message, at, _device.Info.Name, _id, option, value, expected, suggestion);

        /// <summary>Sets one option from its text; <paramref name="valueString"/> is the same text when already a string.</summary>
        public void Set(string key, ReadOnlySpan<char> value, string? valueString, SourceLocation keyAt, SourceLocation valueAt, ConfigErrorList errors)
        {
            switch (key)
            {
                case "driver":
                    if (_seenDriver) errors.Add(Error(ConfigErrorKind.DuplicateOption, "driver given twice", keyAt, option: key));
                    _seenDriver = true;
                    return;
                case "id":
                    if (_seenId) { errors.Add(Error(ConfigErrorKind.DuplicateOption, "option given twice", keyAt, option: key)); return; }
                    _seenId = true;
                    if (value.Length > ConfigLimits.MaxIdLength) { errors.Add(IdTooLong(key, value, valueAt)); return; }
                    if (!IsValidId(value))
                    {
                        errors.Add(Error(ConfigErrorKind.InvalidValue, ConfigLimits.Quote(value) + " is not a valid id", valueAt, option: key, value: value.ToString(),
                            expected: "an identifier: a letter, then letters, digits, '-', '.' or '_'"));
                        return;
                    }
                    _device.Id = valueString ?? value.ToString();
                    return;
                case "bus":
                    if (_seenBus) { errors.Add(Error(ConfigErrorKind.DuplicateOption, "option given twice", keyAt, option: key)); return; }
                    _seenBus = true;
                    if (value.Length > ConfigLimits.MaxIdLength) { errors.Add(IdTooLong(key, value, valueAt)); return; }
                    if (!IsValidId(value))
                    {
                        errors.Add(Error(ConfigErrorKind.InvalidValue, ConfigLimits.Quote(value) + " is not a valid bus id", valueAt, option: key, value: value.ToString(),
                            expected: "the id of a bridge or root port device"));
                        return;
                    }
                    _device.Bus = valueString ?? value.ToString();
                    return;
            }
            DeviceInfo info = _device.Info;
            int index = info.IndexOf(key);
            if (index < 0)
            {
                errors.Add(Error(ConfigErrorKind.UnknownOption, "unknown option", keyAt, option: key, suggestion: info.Suggest(key)));
                return;
            }
            if (_seen[index])
            {
                errors.Add(Error(ConfigErrorKind.DuplicateOption, "option given twice", keyAt, option: key));
                return;
            }
            _seen[index] = true;
            OptionInfo option = info.Options[index];
            if (option.Kind is OptionKind.String or OptionKind.Enum && value.Length > ConfigLimits.MaxStringBytes / 3
                && Encoding.UTF8.GetByteCount(value) is int bytes && bytes > ConfigLimits.MaxStringBytes)
            {
                errors.Add(Error(ConfigErrorKind.LimitExceeded,
                    "value is " + bytes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " UTF-8 bytes, more than the limit of "
                    + ConfigLimits.MaxStringBytes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " (ConfigLimits.MaxStringBytes)",
                    valueAt, option: key, value: ConfigLimits.Bound(value), expected: "a string of at most " + ConfigLimits.MaxStringBytes + " UTF-8 bytes"));
                return;
            }
            ValueParseError error = option.TryParse(value, out OptionValue parsed);
            if (error != ValueParseError.None)
            {
                errors.Add(ValueError(option, value.ToString(), error, valueAt));
                return;
            }
            _device.SetOption(index, parsed, OptionSource.Explicit);
        }

        /// <summary>Sets a nullable option to no value (JSON <c>null</c>).</summary>
        public void SetNull(string key, SourceLocation keyAt, SourceLocation valueAt, ConfigErrorList errors)
        {
            if (key == "id" || key == "bus" || key == "driver")
            {
                // Not the id "null": these are strings, as for a JSON number or boolean.
                errors.Add(Error(ConfigErrorKind.InvalidValue, "'" + key + "' must be a string", valueAt, option: key, value: "null"));
                return;
            }
            int index = _device.Info.IndexOf(key);
            if (index < 0)
            {
                Set(key, "null", "null", keyAt, valueAt, errors);
                return;
            }
            OptionInfo option = _device.Info.Options[index];
            if (_seen[index]) { errors.Add(Error(ConfigErrorKind.DuplicateOption, "option given twice", keyAt, option: key)); return; }
            _seen[index] = true;
            if (!option.IsNullable)
            {
                errors.Add(Error(ConfigErrorKind.InvalidValue, "null is not a value of this option", valueAt, option: key, value: "null", expected: option.Expected));
                return;
            }
            _device.SetOption(index, OptionValue.Null(option.Kind), OptionSource.Explicit);
        }

        private ConfigError IdTooLong(string key, ReadOnlySpan<char> value, SourceLocation at) =>
            Error(ConfigErrorKind.LimitExceeded,
                (key == "bus" ? "bus id" : "id") + " is " + value.Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " characters, more than the limit of "
                + ConfigLimits.MaxIdLength + " (ConfigLimits.MaxIdLength)", at, option: key, value: ConfigLimits.Bound(value),
                expected: "an identifier of at most " + ConfigLimits.MaxIdLength + " characters");

        public ConfigError ValueError(OptionInfo option, string value, ValueParseError error, SourceLocation at)
        {
            string quoted = ConfigLimits.Quote(value);
            string message = error switch
            {
                ValueParseError.Empty => "empty value",
                ValueParseError.OutOfRange => quoted + " is out of range",
                ValueParseError.AmbiguousLeadingZero => quoted + " has a leading zero, which QEMU reads as octal: write it without the zero, or in 0x hex",
                _ => quoted + " is not a valid " + ValueSyntax.TypeName(option.Kind),
            };
            ConfigErrorKind kind = error == ValueParseError.OutOfRange ? ConfigErrorKind.OutOfRange : ConfigErrorKind.InvalidValue;
            return Error(kind, message, at, option: option.Name, value: value, expected: option.Expected);
        }

        public static bool IsValidId(ReadOnlySpan<char> id)
        {
            if (id.IsEmpty || !char.IsAsciiLetter(id[0])) return false;
            foreach (char c in id)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '.' && c != '_') return false;
            }
            return true;
        }
    }
}
