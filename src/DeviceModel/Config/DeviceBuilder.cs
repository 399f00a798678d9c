using System;
using System.Text;

namespace DeviceModel.Config
{
    /// <summary>
    /// Where a parser's positions are in its input. A parser records plain positions (a keyval column, a JSON byte
    /// offset) and turns one into a <see cref="SourceLocation"/> only when an error needs it.
    /// </summary>
    internal readonly struct InputPositions
    {
        private readonly Utf8Positions? _json;
        private readonly string? _source;
        private readonly int _line, _columnOffset;

        private InputPositions(Utf8Positions? json, string? source, int line, int columnOffset)
        {
            _json = json;
            _source = source;
            _line = line;
            _columnOffset = columnOffset;
        }

        /// <summary>Positions are 1-based columns of a keyval string, shifted by <paramref name="columnOffset"/> (a string inside JSON).</summary>
        public static InputPositions Keyval(string? source, int line, int columnOffset) => new(null, source, line, columnOffset);

        /// <summary>Positions are byte offsets of a UTF-8 JSON buffer.</summary>
        public static InputPositions Json(Utf8Positions positions) => new(positions, positions.Source, 0, 0);

        public SourceLocation At(long position) =>
            _json is not null ? _json.At(position) : new SourceLocation(_source, _line, (int)position + _columnOffset);
    }

    /// <summary>
    /// Applies options to a fresh device for the keyval and JSON readers, collecting errors. A stack-only value: the
    /// duplicate check is a bit set over the caller's stack, the error list exists only once an error does, and each value
    /// is validated once, by <see cref="OptionInfo.TryParse"/>, then stored without a second check.
    /// </summary>
    internal ref struct DeviceBuilder
    {
        private readonly Device _device;
        private readonly DeviceInfo _info;
        private readonly string? _id;
        private readonly InputPositions _at;
        private readonly Span<ulong> _seen;
        private ConfigErrorList? _errors;
        private bool _seenId, _seenBus, _seenDriver;

        /// <param name="device">The fresh device.</param>
        /// <param name="id">The id the input gives the device (its last <c>id</c>), named in every error; stored when valid.</param>
        /// <param name="at">Turns positions into locations.</param>
        /// <param name="seen">Zeroed, <see cref="SeenWords"/> long.</param>
        /// <param name="errors">Where errors go; null to create a list on the first one.</param>
        public DeviceBuilder(Device device, string? id, InputPositions at, Span<ulong> seen, ConfigErrorList? errors)
        {
            _device = device;
            _info = device.Info;
            _id = id;
            _at = at;
            _seen = seen;
            _errors = errors;
        }

        /// <summary>The length of the bit set of options already given for a device type of <paramref name="optionCount"/> options.</summary>
        public static int SeenWords(int optionCount) => (optionCount + 63) >> 6;

        /// <summary>The errors so far, or null when there are none and no list was given.</summary>
        public readonly ConfigErrorList? Errors => _errors;

        public void Add(ConfigError error) => (_errors ??= new ConfigErrorList()).Add(error);

        public readonly ConfigError Error(ConfigErrorKind kind, string message, long at, string? option = null, string? value = null, string? expected = null, string? suggestion = null) =>
            new(kind, message, _at.At(at), _info.Name, _id, option, value, expected, suggestion);

        /// <summary>
        /// Sets one option from its text. <paramref name="index"/> is <c>IndexOf(key)</c> of the device type (the caller
        /// has looked it up); positions are as the <see cref="InputPositions"/> say.
        /// </summary>
        public void Set(scoped ReadOnlySpan<char> key, int index, scoped ReadOnlySpan<char> value, long keyAt, long valueAt)
        {
            switch (key)
            {
                case "driver":
                    if (_seenDriver) Add(Error(ConfigErrorKind.DuplicateOption, "driver given twice", keyAt, option: "driver"));
                    _seenDriver = true;
                    return;
                case "id":
                    if (_seenId) { Add(Error(ConfigErrorKind.DuplicateOption, "option given twice", keyAt, option: "id")); return; }
                    _seenId = true;
                    if (value.Length > ConfigLimits.MaxIdLength) { Add(IdTooLong("id", value, valueAt)); return; }
                    if (!IsValidId(value))
                    {
                        Add(Error(ConfigErrorKind.InvalidValue, ConfigLimits.Quote(value) + " is not a valid id", valueAt, option: "id", value: value.ToString(),
                            expected: "an identifier: a letter, then letters, digits, '-', '.' or '_'"));
                        return;
                    }
                    // The id the reader already holds is this one when the input names it once: no second copy.
                    _device.Id = _id is not null && value.SequenceEqual(_id) ? _id : value.ToString();
                    return;
                case "bus":
                    if (_seenBus) { Add(Error(ConfigErrorKind.DuplicateOption, "option given twice", keyAt, option: "bus")); return; }
                    _seenBus = true;
                    if (value.Length > ConfigLimits.MaxIdLength) { Add(IdTooLong("bus", value, valueAt)); return; }
                    if (!IsValidId(value))
                    {
                        Add(Error(ConfigErrorKind.InvalidValue, ConfigLimits.Quote(value) + " is not a valid bus id", valueAt, option: "bus", value: value.ToString(),
                            expected: "the id of a bridge or root port device"));
                        return;
                    }
                    _device.Bus = value.ToString();
                    return;
            }
            if (index < 0)
            {
                string name = key.ToString();
                Add(Error(ConfigErrorKind.UnknownOption, "unknown option", keyAt, option: name, suggestion: _info.Suggest(name)));
                return;
            }
            if (!MarkSeen(index))
            {
                Add(Error(ConfigErrorKind.DuplicateOption, "option given twice", keyAt, option: key.ToString()));
                return;
            }
            OptionInfo option = _info.Options[index];
            if (option.Kind is OptionKind.String or OptionKind.Enum && value.Length > ConfigLimits.MaxStringBytes / 3
                && Encoding.UTF8.GetByteCount(value) is int bytes && bytes > ConfigLimits.MaxStringBytes)
            {
                Add(Error(ConfigErrorKind.LimitExceeded,
                    "value is " + bytes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " UTF-8 bytes, more than the limit of "
                    + ConfigLimits.MaxStringBytes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " (ConfigLimits.MaxStringBytes)",
                    valueAt, option: option.Name, value: ConfigLimits.Bound(value), expected: "a string of at most " + ConfigLimits.MaxStringBytes + " UTF-8 bytes"));
                return;
            }
            ValueParseError error = option.TryParse(value, out OptionValue parsed);
            if (error != ValueParseError.None)
            {
                Add(ValueError(option, value.ToString(), error, valueAt));
                return;
            }
            _device.SetValidated(option, parsed, OptionSource.Explicit);
        }

        /// <summary>Sets a nullable option to no value (JSON <c>null</c>).</summary>
        public void SetNull(scoped ReadOnlySpan<char> key, int index, long keyAt, long valueAt)
        {
            if (key is "id" or "bus" or "driver")
            {
                // Not the id "null": these are strings, as for a JSON number or boolean.
                Add(Error(ConfigErrorKind.InvalidValue, "'" + key.ToString() + "' must be a string", valueAt, option: key.ToString(), value: "null"));
                return;
            }
            if (index < 0)
            {
                Set(key, index, "null", keyAt, valueAt);
                return;
            }
            OptionInfo option = _info.Options[index];
            if (!MarkSeen(index)) { Add(Error(ConfigErrorKind.DuplicateOption, "option given twice", keyAt, option: option.Name)); return; }
            if (!option.IsNullable)
            {
                Add(Error(ConfigErrorKind.InvalidValue, "null is not a value of this option", valueAt, option: option.Name, value: "null", expected: option.Expected));
                return;
            }
            _device.SetValidated(option, OptionValue.Null(option.Kind), OptionSource.Explicit);
        }

        /// <summary>Records the option at <paramref name="index"/> as given; false when it already was.</summary>
        private readonly bool MarkSeen(int index)
        {
            ref ulong word = ref _seen[index >> 6];
            ulong bit = 1UL << (index & 63);
            if ((word & bit) != 0) return false;
            word |= bit;
            return true;
        }

        private readonly ConfigError IdTooLong(string key, scoped ReadOnlySpan<char> value, long at) =>
            Error(ConfigErrorKind.LimitExceeded,
                (key == "bus" ? "bus id" : "id") + " is " + value.Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " characters, more than the limit of "
                + ConfigLimits.MaxIdLength + " (ConfigLimits.MaxIdLength)", at, option: key, value: ConfigLimits.Bound(value),
                expected: "an identifier of at most " + ConfigLimits.MaxIdLength + " characters");

        private readonly ConfigError ValueError(OptionInfo option, string value, ValueParseError error, long at)
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
