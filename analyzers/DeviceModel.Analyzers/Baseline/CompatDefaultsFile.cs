using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace DeviceModel.Analyzers.Baseline
{
    /// <summary>
    /// A parsed compat defaults file. Parsed once per <see cref="SourceText"/> (the cache is keyed by the text
    /// instance, which the compiler and the IDE keep while the file is unchanged), as PublicApiAnalyzers does.
    /// </summary>
    internal sealed class CompatDefaultsFile
    {
        private static readonly ConditionalWeakTable<SourceText, CompatDefaultsFile> Cache = new();

        private readonly Dictionary<string, CompatDefaultsLine> _byKey;

        private CompatDefaultsFile(ImmutableArray<CompatDefaultsLine> lines, Dictionary<string, CompatDefaultsLine> byKey)
        {
            Lines = lines;
            _byKey = byKey;
        }

        /// <summary>Every data line in file order, malformed ones included.</summary>
        public ImmutableArray<CompatDefaultsLine> Lines { get; }

        /// <summary>The first well-formed line of the option, or null.</summary>
        public CompatDefaultsLine? Find(string device, string option) =>
            _byKey.TryGetValue(CompatDefaultsFormat.Key(device, option), out CompatDefaultsLine? line) ? line : null;

        public static CompatDefaultsFile Get(SourceText text) => Cache.GetValue(text, Parse);

        /// <summary>Reads the file, or null when it cannot be read (then it counts as absent).</summary>
        public static CompatDefaultsFile? Get(AdditionalText file, CancellationToken cancellationToken)
        {
            SourceText? text = file.GetText(cancellationToken);
            return text is null ? null : Get(text);
        }

        private static CompatDefaultsFile Parse(SourceText text)
        {
            var lines = ImmutableArray.CreateBuilder<CompatDefaultsLine>();
            var byKey = new Dictionary<string, CompatDefaultsLine>(StringComparer.Ordinal);
            foreach (TextLine textLine in text.Lines)
            {
                string raw = text.ToString(textLine.Span);
                int start = 0, end = raw.Length;
                while (start < end && char.IsWhiteSpace(raw[start])) start++;
                while (end > start && char.IsWhiteSpace(raw[end - 1])) end--;
                if (start == end || raw[start] == '#') continue;
                var span = new TextSpan(textLine.Start + start, end - start);
                CompatDefaultsLine line = ParseLine(raw.Substring(start, end - start), span, text.Lines.GetLinePositionSpan(span));
                if (line.Problem is null)
                {
                    if (byKey.TryGetValue(line.Key, out CompatDefaultsLine? first))
                    {
                        line = new CompatDefaultsLine(line.Text, line.Device, line.Option, line.HasValue, line.Value, line.Span, line.LineSpan,
                            "it repeats the option of line " + (first.LineSpan.Start.Line + 1).ToString(CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        byKey.Add(line.Key, line);
                    }
                }
                lines.Add(line);
            }
            return new CompatDefaultsFile(lines.ToImmutable(), byKey);
        }

        private static CompatDefaultsLine ParseLine(string content, TextSpan span, LinePositionSpan lineSpan)
        {
            int space = 0;
            while (space < content.Length && !char.IsWhiteSpace(content[space])) space++;
            string device = content.Substring(0, space);
            int optionStart = space;
            while (optionStart < content.Length && char.IsWhiteSpace(content[optionStart])) optionStart++;
            if (optionStart >= content.Length)
            {
                return Malformed(content, span, lineSpan, "it is not 'DEVICE OPTION=VALUE'");
            }
            string rest = content.Substring(optionStart);
            int equals = rest.IndexOf('=');
            string option = equals < 0 ? rest : rest.Substring(0, equals);
            if (!CompatDefaultsFormat.IsLineName(device) || !CompatDefaultsFormat.IsLineName(option))
            {
                return Malformed(content, span, lineSpan, "it is not 'DEVICE OPTION=VALUE'");
            }
            if (equals < 0) return new CompatDefaultsLine(content, device, option, false, null, span, lineSpan, null);
            if (!CompatDefaultsFormat.TryUnescape(rest.Substring(equals + 1), out string value))
            {
                return Malformed(content, span, lineSpan, "its value has an unknown escape (known: \\\\ \\n \\r \\t \\s \\uXXXX)");
            }
            return new CompatDefaultsLine(content, device, option, true, value, span, lineSpan, null);
        }

        private static CompatDefaultsLine Malformed(string content, TextSpan span, LinePositionSpan lineSpan, string problem) =>
            new(content, "", "", false, null, span, lineSpan, problem);
    }
}
