using System;
using System.Collections.Generic;

namespace DeviceModel
{
    /// <summary>"Did you mean" suggestions by edit distance.</summary>
    public static class Spelling
    {
        /// <summary>The candidate closest to <paramref name="word"/>, if one is close enough to be a likely typo.</summary>
        public static string? Closest(string word, IEnumerable<string> candidates)
        {
            IReadOnlyList<string> all = Close(word, candidates, 1);
            return all.Count == 0 ? null : all[0];
        }

        /// <summary>Up to <paramref name="limit"/> candidates within a typo's distance of <paramref name="word"/>, closest first, then ordinal.</summary>
        public static IReadOnlyList<string> Close(string word, IEnumerable<string> candidates, int limit)
        {
            var scored = new List<(int Distance, string Name)>();
            int threshold = Math.Max(2, word.Length / 3);
            string normalized = Normalize(word);
            foreach (string candidate in candidates)
            {
                bool prefix = candidate.StartsWith(word, StringComparison.Ordinal) || word.StartsWith(candidate, StringComparison.Ordinal);
                bool separators = normalized == Normalize(candidate);
                // The distance is at least the length gap, and exactly that for a prefix: skip the O(n·m) table when it
                // cannot matter (a megabyte-long unknown name must not cost seconds and gigabytes).
                int gap = Math.Abs(word.Length - candidate.Length);
                if (gap > threshold && !separators && !(prefix && word.Length >= 3)) continue;
                int distance = prefix ? gap : Distance(word, candidate);
                if (distance <= threshold || separators || (prefix && word.Length >= 3))
                {
                    scored.Add((separators ? 0 : distance, candidate));
                }
            }
            scored.Sort((a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : string.CompareOrdinal(a.Name, b.Name));
            var result = new List<string>(Math.Min(limit, scored.Count));
            for (int i = 0; i < scored.Count && i < limit; i++) result.Add(scored[i].Name);
            return result;
        }

        private static string Normalize(string s) => s.Replace('_', '-').ToLowerInvariant();

        /// <summary>Optimal-string-alignment distance (Levenshtein with adjacent transpositions).</summary>
        public static int Distance(string a, string b)
        {
            var d = new int[a.Length + 1, b.Length + 1];
            for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
            for (int j = 0; j <= b.Length; j++) d[0, j] = j;
            for (int i = 1; i <= a.Length; i++)
            {
                for (int j = 1; j <= b.Length; j++)
                {
                    int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    int value = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                    if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) value = Math.Min(value, d[i - 2, j - 2] + 1);
                    d[i, j] = value;
                }
            }
            return d[a.Length, b.Length];
        }
    }
}
