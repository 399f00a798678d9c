using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using DiffPlex;
using DiffPlex.Chunkers;
using DiffPlex.Model;

namespace DeviceModel.Generators.Tests.Harness
{
    /// <summary>
    /// A unified diff of two texts (DiffPlex line diff), for failure messages: hunks with <c>@@ -a,n +b,m @@</c>
    /// headers, each line prefixed with its old and new line numbers and <c>-</c>, <c>+</c> or a space.
    /// </summary>
    internal static class UnifiedDiff
    {
        public static string Format(string expected, string actual, int context = 3)
        {
            DiffResult diff = Differ.Instance.CreateDiffs(expected, actual, ignoreWhiteSpace: false, ignoreCase: false, LineChunker.Instance);
            IReadOnlyList<string> oldLines = diff.PiecesOld, newLines = diff.PiecesNew;
            var sb = new StringBuilder();
            int index = 0;
            while (index < diff.DiffBlocks.Count)
            {
                // Merge blocks whose context would overlap into one hunk.
                int last = index;
                while (last + 1 < diff.DiffBlocks.Count
                    && diff.DiffBlocks[last + 1].DeleteStartA - (diff.DiffBlocks[last].DeleteStartA + diff.DiffBlocks[last].DeleteCountA) <= 2 * context)
                {
                    last++;
                }
                DiffBlock first = diff.DiffBlocks[index], end = diff.DiffBlocks[last];
                int oldStart = Math.Max(0, first.DeleteStartA - context);
                int newStart = Math.Max(0, first.InsertStartB - (first.DeleteStartA - oldStart));
                int oldEnd = Math.Min(oldLines.Count, end.DeleteStartA + end.DeleteCountA + context);
                int newEnd = Math.Min(newLines.Count, end.InsertStartB + end.InsertCountB + (oldEnd - (end.DeleteStartA + end.DeleteCountA)));
                sb.Append("@@ -").Append(oldStart + 1).Append(',').Append(oldEnd - oldStart)
                  .Append(" +").Append(newStart + 1).Append(',').Append(newEnd - newStart).Append(" @@\n");

                int a = oldStart, b = newStart;
                for (int i = index; i <= last; i++)
                {
                    DiffBlock block = diff.DiffBlocks[i];
                    while (a < block.DeleteStartA) Line(sb, ' ', a + 1, b + 1, oldLines[a++], ref b);
                    for (int k = 0; k < block.DeleteCountA; k++, a++) Line(sb, '-', a + 1, null, oldLines[a]);
                    for (int k = 0; k < block.InsertCountB; k++, b++) Line(sb, '+', null, b + 1, newLines[b]);
                }
                while (a < oldEnd) Line(sb, ' ', a + 1, b + 1, oldLines[a++], ref b);
                index = last + 1;
            }
            return sb.ToString();
        }

        private static void Line(StringBuilder sb, char marker, int oldNumber, int newNumber, string text, ref int b)
        {
            Line(sb, marker, oldNumber, newNumber, text);
            b++;
        }

        private static void Line(StringBuilder sb, char marker, int? oldNumber, int? newNumber, string text)
        {
            sb.Append(Number(oldNumber)).Append(' ').Append(Number(newNumber)).Append(' ').Append(marker).Append(' ').Append(text).Append('\n');
        }

        private static string Number(int? n) => (n?.ToString(CultureInfo.InvariantCulture) ?? "").PadLeft(5);
    }
}
