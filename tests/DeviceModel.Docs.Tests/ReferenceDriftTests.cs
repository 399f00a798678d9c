using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using DeviceModel.Tooling.Docs;

namespace DeviceModel.Docs.Tests;

/// <summary>The checked-in <c>docs/reference/</c> is exactly what <c>devmodel docs</c> generates from the samples now.</summary>
public sealed class ReferenceDriftTests
{
    [Fact]
    public void Checked_in_reference_matches_what_devmodel_docs_generates()
    {
        string checkedIn = Repo.PathOf("docs", "reference");
        if (Environment.GetEnvironmentVariable("DEVICEMODEL_UPDATE_BASELINES") == "1")
        {
            // The repository's one switch for rewriting goldens: regenerate in place, then review the diff.
            if (Directory.Exists(checkedIn)) Directory.Delete(checkedIn, recursive: true);
            (int rewritten, _, string rewriteError) = Repo.Devmodel("docs", "--out", checkedIn);
            Assert.True(rewritten == 0, "devmodel docs failed: " + rewriteError);
        }
        using var temp = new Repo.TempDirectory();
        (int exit, _, string error) = Repo.Devmodel("docs", "--out", temp.Path);
        Assert.True(exit == 0, "devmodel docs failed: " + error);

        string? problem = Compare(expectedDirectory: temp.Path, actualDirectory: checkedIn);
        if (problem is not null)
        {
            Assert.Fail("docs/reference/ is out of date: " + problem + "\nRegenerate it from the repository root with:\n  rm -rf docs/reference && "
                + Repo.RegenerateCommand + "\n(or DEVICEMODEL_UPDATE_BASELINES=1 dotnet test tests/DeviceModel.Docs.Tests) and review the diff.");
        }
    }

    [Fact]
    public void Generating_twice_gives_the_same_bytes()
    {
        IReadOnlyList<GeneratedFile> first = ReferenceDocs.Generate(Samples.Qemu.QemuCatalog.Catalog);
        IReadOnlyList<GeneratedFile> second = ReferenceDocs.Generate(Samples.Qemu.QemuCatalog.Catalog);
        Assert.Equal(first.Select(f => f.Path), second.Select(f => f.Path));
        for (int i = 0; i < first.Count; i++) Assert.True(first[i].Content == second[i].Content, first[i].Path + " differs between two runs");
        Assert.All(first, f => Assert.DoesNotContain("\r", f.Content, StringComparison.Ordinal));
    }

    [Fact]
    public void Drift_message_names_the_first_differing_file_and_line()
    {
        using var expected = new Repo.TempDirectory();
        using var actual = new Repo.TempDirectory();
        File.WriteAllText(Path.Combine(expected.Path, "a.md"), "same\n");
        File.WriteAllText(Path.Combine(actual.Path, "a.md"), "same\n");
        File.WriteAllText(Path.Combine(expected.Path, "b.md"), "one\ntwo\nthree\n");
        File.WriteAllText(Path.Combine(actual.Path, "b.md"), "one\r\nTWO\r\nthree\r\n");

        string? problem = Compare(expected.Path, actual.Path);

        Assert.NotNull(problem);
        Assert.Contains("b.md line 2", problem, StringComparison.Ordinal);
        Assert.Contains("TWO", problem, StringComparison.Ordinal);
        Assert.Contains("two", problem, StringComparison.Ordinal);
    }

    /// <summary>Null when both directories hold the same files with the same text (line endings aside), else the first difference.</summary>
    internal static string? Compare(string expectedDirectory, string actualDirectory)
    {
        if (!Directory.Exists(actualDirectory)) return "the directory does not exist";
        SortedSet<string> expected = Files(expectedDirectory), actual = Files(actualDirectory);
        foreach (string path in expected)
        {
            if (!actual.Contains(path)) return path + " is missing (the generator writes it)";
        }
        foreach (string path in actual)
        {
            if (!expected.Contains(path)) return path + " is not generated any more (delete it)";
        }
        foreach (string path in expected)
        {
            string[] want = Lines(Path.Combine(expectedDirectory, path));
            string[] have = Lines(Path.Combine(actualDirectory, path));
            int count = Math.Max(want.Length, have.Length);
            for (int i = 0; i < count; i++)
            {
                string? w = i < want.Length ? want[i] : null, h = i < have.Length ? have[i] : null;
                if (w == h) continue;
                var message = new StringBuilder();
                message.Append(path).Append(" line ").Append(i + 1).Append(" differs\n");
                message.Append("  checked in: ").Append(h is null ? "(end of file)" : Shorten(h)).Append('\n');
                message.Append("  generated:  ").Append(w is null ? "(end of file)" : Shorten(w));
                return message.ToString();
            }
        }
        return null;
    }

    private static SortedSet<string> Files(string directory)
    {
        var set = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            set.Add(Path.GetRelativePath(directory, file).Replace(Path.DirectorySeparatorChar, '/'));
        }
        return set;
    }

    // A checkout may turn \n into \r\n: compare text, not line endings.
    private static string[] Lines(string path) => File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');

    private static string Shorten(string line) => line.Length <= 200 ? line : line.Substring(0, 200) + "…";
}
