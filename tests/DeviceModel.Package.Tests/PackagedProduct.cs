using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace DeviceModel.Package.Tests;

/// <summary>
/// A product made the way a new user makes one, outside the repository: the solution packed into a temporary folder
/// feed, the template installed into a private template hive, <c>dotnet new devicemodel -n Widget</c>, then built and
/// tested with PackageReferences only. Restores go to a private packages folder (the user's is only a read-only
/// fallback), so the machine's caches never see the test packages; the package version is unique per run.
/// </summary>
public sealed class PackagedProduct : IDisposable
{
    public const string Name = "Widget";

    public PackagedProduct()
    {
        DotnetPath = DotnetProcess.Find(out string reason);
        SkipReason = reason;
        if (DotnetPath is null) return;

        Root = Path.Combine(Path.GetTempPath(), "devicemodel-package-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        Feed = Path.Combine(Root, "feed");
        ProductDirectory = Path.Combine(Root, Name);
        Directory.CreateDirectory(Feed);
        Version = "0.1.0-test." + Guid.NewGuid().ToString("N").Substring(0, 8);
        string repository = RepositoryRoot();
        if (Root.StartsWith(repository + Path.DirectorySeparatorChar, StringComparison.Ordinal)) throw new InvalidOperationException("the temporary folder " + Root + " is inside the repository");

        string userPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        // The user's own sources still apply (no <clear/>): the feed is added to them.
        File.WriteAllText(Path.Combine(Root, "nuget.config"),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <packageSources>\n    <add key=\"devicemodel-test-feed\" value=\"" + Feed + "\" />\n  </packageSources>\n"
            + "  <fallbackPackageFolders>\n    <add key=\"user\" value=\"" + userPackages + "\" />\n  </fallbackPackageFolders>\n</configuration>\n");
        Process = new DotnetProcess(DotnetPath, new Dictionary<string, string>
        {
            ["NUGET_PACKAGES"] = Path.Combine(Root, "packages"),
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        });
        string hive = Path.Combine(Root, "template-hive");

        // The projects were built by this test project's ProjectReferences: pack their outputs as they are.
        string configuration = typeof(PackagedProduct).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        Steps.Add(Pack = Process.Run(Root, "pack", Path.Combine(repository, "DeviceModel.sln"), "--no-build", "-c", configuration, "-o", Feed, "-p:PackageVersion=" + Version, "-nodeReuse:false"));
        if (Pack.ExitCode != 0) return;
        Steps.Add(Process.Run(Root, "new", "install", Path.Combine(Feed, "DeviceModel.Templates." + Version + ".nupkg"), "--debug:custom-hive", hive));
        if (Steps[^1].ExitCode != 0) return;
        Steps.Add(Process.Run(Root, "new", "devicemodel", "-n", Name, "-o", ProductDirectory, "--debug:custom-hive", hive));
        if (Steps[^1].ExitCode != 0) return;
        Steps.Add(Build = Process.Run(ProductDirectory, "build", Name + ".sln", "-nodeReuse:false"));
        if (Build.ExitCode != 0) return;
        Steps.Add(Test = Process.Run(ProductDirectory, "test", Name + ".sln", "--no-build"));
    }

    /// <summary>Null when there is no dotnet to run (see <see cref="SkipReason"/>).</summary>
    public string? DotnetPath { get; }
    public string SkipReason { get; }
    public string Root { get; } = "";
    public string Feed { get; } = "";
    public string ProductDirectory { get; } = "";
    public string Version { get; } = "";
    public DotnetProcess? Process { get; }
    public List<ProcessResult> Steps { get; } = new();
    public ProcessResult? Pack { get; }
    public ProcessResult? Build { get; }
    public ProcessResult? Test { get; }

    /// <summary>Every step so far, for assertion messages.</summary>
    public string Transcript => string.Join("\n\n", Steps.ConvertAll(s => s.Describe()));

    public string ProductFile(string relativePath) => Path.Combine(ProductDirectory, relativePath.Replace('/', Path.DirectorySeparatorChar));

    public void Dispose()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DeviceModel.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("DeviceModel.sln not found above " + AppContext.BaseDirectory);
    }
}
