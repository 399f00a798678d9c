using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;

namespace DeviceModel.Package.Tests;

/// <summary>What one command printed (standard output and error interleaved) and how it exited.</summary>
public sealed record ProcessResult(string Command, int ExitCode, string Output, TimeSpan Elapsed)
{
    public string Describe() => "$ " + Command + "\nexit " + ExitCode + " after " + Elapsed.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " s\n" + Output;
}

/// <summary>Runs <c>dotnet</c> (or a built tool) as a user would, with an environment that keeps the machine clean.</summary>
public sealed class DotnetProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);
    private readonly Dictionary<string, string> _environment;

    public DotnetProcess(string dotnet, Dictionary<string, string> environment)
    {
        Dotnet = dotnet;
        _environment = environment;
    }

    public string Dotnet { get; }

    /// <summary>The dotnet executable that runs these tests, or null (with the reason) when there is none.</summary>
    public static string? Find(out string reason)
    {
        reason = "";
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host)) return host;
        foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(directory, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
            if (File.Exists(candidate)) return candidate;
        }
        reason = "no dotnet executable (DOTNET_HOST_PATH unset and none on PATH)";
        return null;
    }

    public ProcessResult Run(string workingDirectory, params string[] arguments) => Exec(Dotnet, workingDirectory, arguments);

    public ProcessResult Exec(string program, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        // The test host's MSBuild/VSTest variables would point the inner commands at the outer build's SDK resolution.
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }
        foreach (KeyValuePair<string, string> variable in _environment) start.Environment[variable.Key] = variable.Value;

        var output = new StringBuilder();
        var watch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        string command = Path.GetFileName(program) + " " + string.Join(" ", arguments);
        if (!process.WaitForExit((int)Timeout.TotalMilliseconds))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(command + " did not finish in " + Timeout + ":\n" + output);
        }
        process.WaitForExit();
        return new ProcessResult(command, process.ExitCode, output.ToString(), watch.Elapsed);
    }
}
