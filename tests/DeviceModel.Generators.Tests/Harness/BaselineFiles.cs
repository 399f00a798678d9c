using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;

namespace DeviceModel.Generators.Tests.Harness
{
    /// <summary>
    /// Checked-in expected generator output: <c>Baselines/{Test}/{hintName}.txt</c> in the source tree, one file
    /// per generated source. Setting <see cref="UpdateVariable"/> to <c>1</c> rewrites the folder instead of
    /// comparing (see README.md); review the result as a plain diff before committing.
    /// </summary>
    internal static class BaselineFiles
    {
        public const string UpdateVariable = "DEVICEMODEL_UPDATE_BASELINES";

        public static bool UpdateRequested => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

        /// <summary>The baseline folder of a test.</summary>
        public static string Folder(string testName) => Path.Combine(RepositoryRoot.TestProject, "Baselines", testName);

        /// <summary>
        /// Fails unless the generated sources are exactly the baseline folder's files: none missing, none extra,
        /// every text equal (line endings aside). The message holds every difference as a unified diff.
        /// </summary>
        public static void AssertMatch(IReadOnlyDictionary<string, string> generated, [CallerMemberName] string testName = "")
        {
            string folder = Folder(testName);
            if (UpdateRequested)
            {
                Rewrite(folder, generated);
                return;
            }

            var baselines = Directory.Exists(folder)
                ? Directory.GetFiles(folder, "*.txt").ToDictionary(f => Path.GetFileNameWithoutExtension(f), StringComparer.Ordinal)
                : new Dictionary<string, string>(StringComparer.Ordinal);
            var problems = new StringBuilder();
            foreach (string hint in generated.Keys.Except(baselines.Keys, StringComparer.Ordinal).OrderBy(h => h, StringComparer.Ordinal))
            {
                problems.Append("generated ").Append(hint).Append(" has no baseline ").Append(Path.Combine(folder, hint + ".txt")).Append('\n');
            }
            foreach (string hint in baselines.Keys.Except(generated.Keys, StringComparer.Ordinal).OrderBy(h => h, StringComparer.Ordinal))
            {
                problems.Append("baseline ").Append(baselines[hint]).Append(" was not generated\n");
            }
            foreach (string hint in generated.Keys.Intersect(baselines.Keys, StringComparer.Ordinal).OrderBy(h => h, StringComparer.Ordinal))
            {
                string expected = Normalize(File.ReadAllText(baselines[hint]));
                string actual = Normalize(generated[hint]);
                if (expected == actual) continue;
                problems.Append("--- ").Append(baselines[hint]).Append('\n')
                        .Append("+++ generated ").Append(hint).Append('\n')
                        .Append(UnifiedDiff.Format(expected, actual));
            }
            if (problems.Length > 0)
            {
                Assert.Fail("Generated code differs from the baselines of " + testName + " (set " + UpdateVariable + "=1 to rewrite them, then review the diff):\n" + problems);
            }
        }

        private static void Rewrite(string folder, IReadOnlyDictionary<string, string> generated)
        {
            Directory.CreateDirectory(folder);
            foreach (string stale in Directory.GetFiles(folder, "*.txt"))
            {
                if (!generated.ContainsKey(Path.GetFileNameWithoutExtension(stale))) File.Delete(stale);
            }
            foreach (KeyValuePair<string, string> source in generated)
            {
                File.WriteAllText(Path.Combine(folder, source.Key + ".txt"), Normalize(source.Value), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            }
        }

        private static string Normalize(string text) => text.Replace("\r\n", "\n");
    }
}
