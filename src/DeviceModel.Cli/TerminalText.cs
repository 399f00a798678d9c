using System;
using System.IO;
using System.Text;

namespace DeviceModel.Cli
{
    /// <summary>
    /// Makes text from input safe for a terminal: every character a terminal interprets (C0 controls but the line
    /// feed, DEL, C1 controls, bidirectional overrides, line and paragraph separators) and every lone surrogate
    /// becomes <c>\uXXXX</c>, the notation JSON output uses, so the same escape reads the same in text and JSON
    /// output, and inside a JSON string it is still valid JSON for the same character.
    /// </summary>
    internal static class TerminalText
    {
        /// <summary>Whether a terminal acts on <paramref name="c"/> rather than showing it (surrogates are judged in pairs elsewhere).</summary>
        public static bool IsControl(char c) =>
            c < 0x20 || (c >= 0x7F && c <= 0x9F)
            || c is '\u061C' or '\u200E' or '\u200F' or '\u2028' or '\u2029' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

        /// <summary><paramref name="text"/> on one line: every control character escaped, line feeds too.</summary>
        public static string Escape(string text)
        {
            var sb = new StringBuilder(text.Length);
            Append(sb, text, keepLineFeeds: false);
            return sb.ToString();
        }

        /// <summary>Appends <paramref name="text"/> escaped; line feeds are kept when <paramref name="keepLineFeeds"/>.</summary>
        public static void Append(StringBuilder sb, ReadOnlySpan<char> text, bool keepLineFeeds)
        {
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    sb.Append(c).Append(text[++i]);
                }
                else if ((c == '\n' && keepLineFeeds) || !(IsControl(c) || char.IsSurrogate(c)))
                {
                    sb.Append(c);
                }
                else
                {
                    sb.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }
    }

    /// <summary>
    /// The writer every CLI output goes through (standard output and error, text and JSON, our messages and
    /// System.CommandLine's): text passes through <see cref="TerminalText"/>. <c>WriteLine(text)</c> is one line, so a
    /// line feed inside it is escaped too; <c>Write</c> keeps line feeds for multi-line blocks (JSON, lspci, schema).
    /// </summary>
    internal sealed class TerminalWriter : TextWriter
    {
        private readonly TextWriter _inner;
        private readonly StringBuilder _buffer = new();
        private char _pendingHighSurrogate;

        public TerminalWriter(TextWriter inner)
        {
            _inner = inner;
            NewLine = inner.NewLine;
        }

        public override Encoding Encoding => _inner.Encoding;

        /// <summary>Already safe: wrapping it again would escape nothing more.</summary>
        public static TextWriter Wrap(TextWriter writer) => writer as TerminalWriter ?? new TerminalWriter(writer);

        public override void Write(char value) => Write(new ReadOnlySpan<char>(in value));

        public override void Write(string? value) => Write(value.AsSpan());

        public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

        public override void Write(ReadOnlySpan<char> buffer) => Emit(buffer, keepLineFeeds: true);

        public override void WriteLine(string? value)
        {
            Emit(value.AsSpan(), keepLineFeeds: false);
            EndLine();
        }

        public override void WriteLine(ReadOnlySpan<char> buffer)
        {
            Emit(buffer, keepLineFeeds: false);
            EndLine();
        }

        public override void WriteLine() => EndLine();

        public override void Flush()
        {
            FlushPending();
            _inner.Flush();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) FlushPending();
            base.Dispose(disposing);
        }

        private void EndLine()
        {
            FlushPending();
            _inner.Write(CoreNewLine);
        }

        private void Emit(ReadOnlySpan<char> text, bool keepLineFeeds)
        {
            if (text.IsEmpty) return;
            _buffer.Clear();
            if (_pendingHighSurrogate != 0)
            {
                // A pair split across two writes (Write(char) by char) is still a pair.
                if (char.IsLowSurrogate(text[0]))
                {
                    _buffer.Append(_pendingHighSurrogate).Append(text[0]);
                    text = text.Slice(1);
                }
                else
                {
                    TerminalText.Append(_buffer, new ReadOnlySpan<char>(in _pendingHighSurrogate), keepLineFeeds);
                }
                _pendingHighSurrogate = '\0';
            }
            if (!text.IsEmpty && char.IsHighSurrogate(text[^1]))
            {
                // Keep a trailing high surrogate until the next write says whether a low one follows.
                _pendingHighSurrogate = text[^1];
                text = text.Slice(0, text.Length - 1);
            }
            TerminalText.Append(_buffer, text, keepLineFeeds);
            _inner.Write(_buffer);
        }

        private void FlushPending()
        {
            if (_pendingHighSurrogate == 0) return;
            _buffer.Clear();
            TerminalText.Append(_buffer, new ReadOnlySpan<char>(in _pendingHighSurrogate), keepLineFeeds: true);
            _pendingHighSurrogate = '\0';
            _inner.Write(_buffer);
        }
    }
}
