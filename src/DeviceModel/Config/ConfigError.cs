using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;

namespace DeviceModel.Config
{
    /// <summary>What went wrong with a piece of configuration.</summary>
    public enum ConfigErrorKind
    {
        /// <summary>The text is not well-formed keyval or JSON.</summary>
        Syntax,
        /// <summary>No device type has this driver name.</summary>
        UnknownDevice,
        /// <summary>The device type has no such option.</summary>
        UnknownOption,
        /// <summary>The option is given twice.</summary>
        DuplicateOption,
        /// <summary>The value does not parse as the option's type.</summary>
        InvalidValue,
        /// <summary>The value is outside the type's range or the option's limits.</summary>
        OutOfRange,
        /// <summary>A required part is missing (a driver, a value).</summary>
        Missing,
        /// <summary>Two devices share an id, or a reference names no device.</summary>
        InvalidReference,
        /// <summary>The machine type is unknown.</summary>
        UnknownMachine,
        /// <summary>A file could not be read.</summary>
        Io,
        /// <summary>The combination of options is refused at realize time.</summary>
        Unsupported,
        /// <summary>An input exceeds a size limit of <see cref="ConfigLimits"/> (length, count or bytes).</summary>
        LimitExceeded,
        /// <summary>Not an error of its own: the last entry of a list cut at <see cref="ConfigLimits.MaxErrors"/>, counting the errors left out (in <see cref="ConfigError.Value"/>).</summary>
        TooManyErrors,
    }

    /// <summary>Where a piece of configuration sits: a file or command-line argument, a line and a column (1-based; 0 when not applicable).</summary>
    /// <param name="Source">The file name, or a description such as <c>--device #2</c>.</param>
    /// <param name="Line">1-based line, or 0 for one-line inputs.</param>
    /// <param name="Column">1-based column in characters, or 0.</param>
    public readonly record struct SourceLocation(string? Source, int Line, int Column)
    {
        /// <summary><c>source:line:column</c>, <c>source: column N</c> or empty.</summary>
        public override string ToString()
        {
            var sb = new StringBuilder();
            if (Source is not null) sb.Append(Source);
            if (Line > 0)
            {
                if (sb.Length > 0) sb.Append(':');
                sb.Append(Line.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(':').Append(Column.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            else if (Column > 0)
            {
                if (sb.Length > 0) sb.Append(", ");
                sb.Append("column ").Append(Column.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            return sb.ToString();
        }
    }

    /// <summary>
    /// One configuration error: the one error type of every parser and reader. It names the device (id and
    /// type), the option, the offending value, the expected form and the position, and for unknown names a
    /// "did you mean" suggestion.
    /// </summary>
    public sealed record ConfigError(
        ConfigErrorKind Kind,
        string Message,
        SourceLocation Location,
        string? DeviceType = null,
        string? DeviceId = null,
        string? Option = null,
        string? Value = null,
        string? Expected = null,
        string? Suggestion = null)
    {
        // Every field that may carry input is bounded, so no input makes an unbounded message.
        /// <summary>What is wrong (at most a few hundred characters: pieces of input in it are quoted up to <see cref="ConfigLimits.MaxQuotedLength"/>).</summary>
        public string Message { get; init; } = BoundMessage(Message);
        /// <summary>The device type, bounded as <see cref="ConfigLimits.Bound(string?)"/> does.</summary>
        public string? DeviceType { get; init; } = ConfigLimits.BoundField(DeviceType);
        /// <summary>The device id, bounded.</summary>
        public string? DeviceId { get; init; } = ConfigLimits.BoundField(DeviceId);
        /// <summary>The option, bounded.</summary>
        public string? Option { get; init; } = ConfigLimits.BoundField(Option);
        /// <summary>The offending value, bounded: its start, an ellipsis and its length when longer than <see cref="ConfigLimits.MaxQuotedLength"/>.</summary>
        public string? Value { get; init; } = ConfigLimits.BoundField(Value);
        /// <summary>The suggestion, bounded.</summary>
        public string? Suggestion { get; init; } = ConfigLimits.BoundField(Suggestion);

        private const int MaxMessageLength = 1024;

        private static string BoundMessage(string message)
        {
            ArgumentNullException.ThrowIfNull(message);
            return message.Length <= MaxMessageLength ? message : string.Concat(message.AsSpan(0, MaxMessageLength - 1), "…");
        }

        /// <summary>One line: <c>location: device 'id': option 'x': message (expected …; did you mean 'y'?)</c>.</summary>
        public override string ToString()
        {
            var sb = new StringBuilder();
            string location = Location.ToString();
            if (location.Length > 0) sb.Append(location).Append(": ");
            if (DeviceType is not null)
            {
                sb.Append(DeviceType);
                if (DeviceId is not null) sb.Append(" '").Append(DeviceId).Append('\'');
                sb.Append(": ");
            }
            else if (DeviceId is not null)
            {
                sb.Append("device '").Append(DeviceId).Append("': ");
            }
            if (Option is not null) sb.Append("option '").Append(Option).Append("': ");
            sb.Append(Message);
            if (Expected is not null) sb.Append("; expected ").Append(Expected);
            if (Suggestion is not null) sb.Append("; did you mean '").Append(Suggestion).Append("'?");
            return sb.ToString();
        }
    }

    /// <summary>Raised by convenience APIs (<c>Parse</c> rather than <c>TryParse</c>) with every error found.</summary>
    public sealed class ConfigException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public ConfigException(IReadOnlyList<ConfigError> errors)
            : base(Join(errors)) => Errors = errors.ToImmutableArray();

        /// <summary>The errors, in input order.</summary>
        public ImmutableArray<ConfigError> Errors { get; }

        private static string Join(IReadOnlyList<ConfigError> errors)
        {
            var sb = new StringBuilder();
            foreach (ConfigError error in errors)
            {
                if (sb.Length > 0) sb.Append('\n');
                sb.Append(error);
            }
            return sb.ToString();
        }
    }

    /// <summary>The result of a parse: a value, or the errors (never both, never a partial value).</summary>
    public readonly struct ParseResult<T> where T : class
    {
        private readonly ImmutableArray<ConfigError> _errors;

        private ParseResult(T? value, ImmutableArray<ConfigError> errors)
        {
            Value = value;
            _errors = errors;
        }

        /// <summary>The parsed value, or null when there were errors.</summary>
        public T? Value { get; }
        /// <summary>The errors, empty on success (also for <c>default</c>).</summary>
        public ImmutableArray<ConfigError> Errors => _errors.IsDefault ? ImmutableArray<ConfigError>.Empty : _errors;
        /// <summary>Whether the parse succeeded.</summary>
        public bool Succeeded => Value is not null;

        /// <summary>A success.</summary>
        public static ParseResult<T> Success(T value) => new(value, ImmutableArray<ConfigError>.Empty);
        /// <summary>A failure.</summary>
        /// <remarks>
        /// At most <see cref="ConfigLimits.MaxErrors"/> errors are kept: the first ones, then one entry saying how
        /// many more there were.
        /// </remarks>
        public static ParseResult<T> Failure(IEnumerable<ConfigError> errors)
        {
            ArgumentNullException.ThrowIfNull(errors);
            if (errors is ConfigErrorList bounded) return new(null, bounded.ToImmutable());
            var list = new ConfigErrorList();
            list.AddRange(errors);
            if (list.Count == 0) throw new ArgumentException("a failure needs at least one error", nameof(errors));
            return new(null, list.ToImmutable());
        }

        /// <summary>The value, or throws <see cref="ConfigException"/> with the errors.</summary>
        public T GetValueOrThrow() => Value ?? throw new ConfigException(Errors);
    }
}

namespace DeviceModel.Config
{
    /// <summary>
    /// Collects errors, keeping the first <see cref="ConfigLimits.MaxErrors"/> and counting the rest, so that an input
    /// full of mistakes costs bounded memory and output; <see cref="ToImmutable"/> ends with one "… and N more errors" entry.
    /// </summary>
    internal sealed class ConfigErrorList : IEnumerable<ConfigError>
    {
        private readonly List<ConfigError> _kept = new();
        private ConfigError? _lastDropped;

        /// <summary>Every error added, including those not kept.</summary>
        public int Count { get; private set; }

        /// <summary>Whether errors are no longer kept (later ones are only counted).</summary>
        public bool IsFull => _kept.Count >= ConfigLimits.MaxErrors;

        public void Add(ConfigError error)
        {
            Count++;
            if (_kept.Count < ConfigLimits.MaxErrors) _kept.Add(error);
            else _lastDropped = error;
        }

        public void AddRange(IEnumerable<ConfigError> errors)
        {
            foreach (ConfigError error in errors)
            {
                if (error.Kind == ConfigErrorKind.TooManyErrors && error.Value is { } more && int.TryParse(more, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n))
                {
                    // The summary of a list that was already cut: its errors count, none is kept.
                    Count += n;
                    _lastDropped = error;
                    continue;
                }
                Add(error);
            }
        }

        public ImmutableArray<ConfigError> ToImmutable()
        {
            int more = Count - _kept.Count;
            if (more == 0) return _kept.ToImmutableArray();
            var builder = ImmutableArray.CreateBuilder<ConfigError>(_kept.Count + 1);
            builder.AddRange(_kept);
            string count = more.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
            builder.Add(new ConfigError(ConfigErrorKind.TooManyErrors,
                "… and " + count + " more error" + (more == 1 ? "" : "s") + " (only the first " + ConfigLimits.MaxErrors + " are reported)",
                _lastDropped?.Location ?? default, Value: more.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            return builder.MoveToImmutable();
        }

        public IEnumerator<ConfigError> GetEnumerator() => ((IEnumerable<ConfigError>)ToImmutable()).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
