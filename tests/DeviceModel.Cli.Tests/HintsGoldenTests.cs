using System;
using System.IO;
using System.Linq;

namespace DeviceModel.Cli.Tests;

/// <summary>
/// The checked-in hints files of every format version (tests/goldens/hints-v1, -v2) show and resolve, through the
/// CLI a VM manager runs, to exactly the output recorded when they were written.
/// </summary>
public sealed class HintsGoldenTests
{
    public static TheoryData<string, string> Samples()
    {
        var data = new TheoryData<string, string>();
        foreach (string version in new[] { "hints-v1", "hints-v2" })
        {
            foreach (string file in Directory.EnumerateFiles(Path.Combine(CliRunner.RepoRoot, "tests", "goldens", version), "*.dmh").OrderBy(f => f, StringComparer.Ordinal))
                data.Add(version, Path.GetFileNameWithoutExtension(file));
        }
        return data;
    }

    private static string PathOf(string version, string file) => Path.Combine(CliRunner.RepoRoot, "tests", "goldens", version, file);

    [Theory]
    [MemberData(nameof(Samples))]
    public void Hints_show_prints_what_it_printed_when_the_file_was_written(string version, string name)
    {
        CliResult result = CliRunner.Run("hints", "show", PathOf(version, name + ".dmh"));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(File.ReadAllText(PathOf(version, name + ".show.json")), result.Output);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Resolving_with_the_file_on_the_newest_machine_prints_what_it_printed_when_the_file_was_written(string version, string name)
    {
        string machine = name.StartsWith("q35", StringComparison.Ordinal) ? "q35" : "pc";
        CliResult result = CliRunner.Run("resolve", "--config", PathOf(version, name + ".config.json"), "--machine", machine, "--hints", PathOf(version, name + ".dmh"), "--format", "json");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(File.ReadAllText(PathOf(version, name + ".resolved.json")), result.Output);
    }
}
