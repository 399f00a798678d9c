using System;
using System.IO;
using System.Text.Json;
using DeviceModel.Cli.Tool;

namespace DeviceModel.Cli.Tests;

/// <summary>Runs <c>devmodel</c> in-process with captured output.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public JsonDocument Json() => JsonDocument.Parse(Output);
}

internal static class CliRunner
{
    public static CliResult Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = DevmodelTool.Run(args, output, error);
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    public static string RepoRoot
    {
        get
        {
            for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "DeviceModel.sln"))) return dir.FullName;
            }
            throw new InvalidOperationException("DeviceModel.sln not found");
        }
    }
}
