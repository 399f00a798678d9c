using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.Text;

namespace DeviceModel.Analyzers.Baseline
{
    /// <summary>
    /// Text edits of a compat defaults file, for the code fixes: set lines (replacing the option's line, else inserting
    /// in sorted position) and remove lines, keeping the file's line endings, comments and blank lines.
    /// </summary>
    internal static class CompatDefaultsEditor
    {
        /// <summary>
        /// Sets each <c>(key, line)</c>: replaces the option's existing line or inserts the line before the first line
        /// whose key sorts after it (ordinal), else at the end. All edits are applied at once (a fix-all batch).
        /// </summary>
        public static SourceText SetLines(SourceText text, IEnumerable<(string Key, string Line)> lines)
        {
            string newLine = NewLineOf(text);
            CompatDefaultsFile file = CompatDefaultsFile.Get(text);
            List<CompatDefaultsLine> existing = file.Lines.Where(l => l.Problem is null).ToList();
            var changes = new List<TextChange>();
            var inserts = new SortedDictionary<int, List<(string Key, string Line)>>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach ((string key, string line) in lines.OrderBy(l => l.Key, StringComparer.Ordinal))
            {
                if (!seen.Add(key)) continue;
                CompatDefaultsLine? current = existing.FirstOrDefault(l => l.Key == key);
                if (current is not null)
                {
                    if (current.Text != line) changes.Add(new TextChange(current.Span, line));
                    continue;
                }
                CompatDefaultsLine? after = existing.FirstOrDefault(l => string.CompareOrdinal(l.Key, key) > 0);
                int position = after is null ? text.Length : text.Lines[after.LineSpan.Start.Line].Start;
                if (!inserts.TryGetValue(position, out List<(string, string)>? atPosition)) inserts.Add(position, atPosition = new List<(string, string)>());
                atPosition.Add((key, line));
            }
            bool endsWithLineBreak = text.Length == 0 || EndsWithLineBreak(text);
            foreach (KeyValuePair<int, List<(string Key, string Line)>> insert in inserts)
            {
                string block = string.Concat(insert.Value.Select(l => l.Line + newLine));
                if (insert.Key == text.Length && !endsWithLineBreak) block = newLine + block;
                changes.Add(new TextChange(new TextSpan(insert.Key, 0), block));
            }
            return changes.Count == 0 ? text : text.WithChanges(changes);
        }

        /// <summary>Removes the whole lines (line breaks included) holding the given spans.</summary>
        public static SourceText RemoveLines(SourceText text, IEnumerable<TextSpan> spans)
        {
            var changes = new List<TextChange>();
            var lineNumbers = new SortedSet<int>();
            foreach (TextSpan span in spans)
            {
                if (span.End <= text.Length) lineNumbers.Add(text.Lines.GetLineFromPosition(span.Start).LineNumber);
            }
            foreach (int number in lineNumbers)
            {
                TextLine line = text.Lines[number];
                changes.Add(new TextChange(TextSpan.FromBounds(line.Start, line.EndIncludingLineBreak), ""));
            }
            return changes.Count == 0 ? text : text.WithChanges(changes);
        }

        /// <summary>The file's line break (that of its first line), or <c>\n</c> for a file of one line or none.</summary>
        public static string NewLineOf(SourceText text)
        {
            foreach (TextLine line in text.Lines)
            {
                if (line.EndIncludingLineBreak > line.End) return text.ToString(TextSpan.FromBounds(line.End, line.EndIncludingLineBreak));
            }
            return "\n";
        }

        private static bool EndsWithLineBreak(SourceText text)
        {
            char last = text[text.Length - 1];
            return last == '\n' || last == '\r';
        }
    }
}
