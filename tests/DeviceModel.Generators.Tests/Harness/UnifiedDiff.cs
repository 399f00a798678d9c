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
    /// headers, each line prefixed with its expected and actual line numbers and <c>-</c>, <c>+</c> or a space.
    /// </summary>
    internal static class UnifiedDiff
    {
        public static string Format(string expected, string actual, int context = 3)
        {
            DiffResult diff = Differ.Instance.CreateDiffs(expected, actual, ignoreWhiteSpace: false, ignoreCase: false, LineChunker.Instance);
            IReadOnlyList<string> oldLines = diff.PiecesOld, newLines = diff.PiecesNew;
            IList<DiffBlock> blocks = diff.DiffBlocks;
            var sb = new StringBuilder();
            for (int first = 0; first < blocks.Count;)
            {
                // One hunk spans the blocks whose context would overlap.
                int last = first;
                while (last + 1 < blocks.Count && blocks[last + 1].DeleteStartA - End(blocks[last]) <= 2 * context) last++;
                int oldStart = Math.Max(0, blocks[first].DeleteStartA - context);
                int newStart = blocks[first].InsertStartB - (blocks[first].DeleteStartA - oldStart);
                int trailing = Math.Min(oldLines.Count, End(blocks[last]) + context) - End(blocks[last]);
                int oldEnd = End(blocks[last]) + trailing;
                int newEnd = blocks[last].InsertStartB + blocks[last].InsertCountB + trailing;
                sb.Append("@@ -").Append(oldStart + 1).Append(',').Append(oldEnd - oldStart)
                  .Append(" +").Append(newStart + 1).Append(',').Append(newEnd - newStart).Append(" @@\n");

                int a = oldStart, b = newStart;
                for (int i = first; i <= last; i++)
                {
                    for (; a < blocks[i].DeleteStartA; a++, b++) Line(sb, ' ', a + 1, b + 1, oldLines[a]);
                    for (int k = 0; k < blocks[i].DeleteCountA; k++, a++) Line(sb, '-', a + 1, null, oldLines[a]);
                    for (int k = 0; k < blocks[i].InsertCountB; k++, b++) Line(sb, '+', null, b + 1, newLines[b]);
                }
                for (; a < oldEnd; a++, b++) Line(sb, ' ', a + 1, b + 1, oldLines[a]);
                first = last + 1;
            }
            return sb.ToString();
        }

        private static int End(DiffBlock block) => block.DeleteStartA + block.DeleteCountA;

        private static void Line(StringBuilder sb, char marker, int? oldNumber, int? newNumber, string text) =>
            sb.Append(Number(oldNumber)).Append(' ').Append(Number(newNumber)).Append(' ').Append(marker).Append(' ').Append(text).Append('\n');

        private static string Number(int? n) => (n?.ToString(CultureInfo.InvariantCulture) ?? "").PadLeft(5);
    }
}
