using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using DeviceModel.GeneratorCost.Corpus;

namespace DeviceModel.GeneratorCost.Measurement;

/// <summary>One assembly's line of the compiler's <c>ReportAnalyzer</c> table.</summary>
public sealed record AssemblyTime(string Assembly, double Seconds);

/// <summary>The Csc task time of the corpus project and what <c>-p:ReportAnalyzer=true</c> reported inside it.</summary>
public sealed record BuildCost(double CscSeconds, double AnalyzerSeconds, double GeneratorSeconds, IReadOnlyList<AssemblyTime> Analyzers, IReadOnlyList<AssemblyTime> Generators, string LogPath)
{
    /// <summary>Seconds of the analyzer or generator assemblies whose name starts with <paramref name="assemblyName"/>.</summary>
    public double SecondsOf(string assemblyName) =>
        Analyzers.Concat(Generators).Where(a => a.Assembly.Equals(assemblyName, StringComparison.Ordinal)).Sum(a => a.Seconds);

    public double ShareOf(string assemblyName) => SecondsOf(assemblyName) / CscSeconds;
}

/// <summary>
/// Writes the corpus as a project that references the repository's runtime, generator and analyzers the way
/// samples/DeviceModel.Samples.Qemu does, builds it once (restore, dependencies, compiler server warm), then rebuilds
/// only the corpus project with <c>-p:ReportAnalyzer=true</c> and reads the compiler's timing tables.
/// </summary>
public static class BuildMeasurement
{
    public const string ProjectName = "Corpus.Product";

    public static string WriteProject(SyntheticCorpus corpus, string repositoryRoot, string directory)
    {
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        Directory.CreateDirectory(directory);
        foreach (CorpusFile file in corpus.Sources)
        {
            string path = Path.Combine(directory, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Text);
        }
        File.WriteAllText(Path.Combine(directory, "CompatDefaults.Shipped.txt"), corpus.CompatDefaultsShipped);
        File.WriteAllText(Path.Combine(directory, "CompatDefaults.Unshipped.txt"), corpus.CompatDefaultsUnshipped);

        string Repo(string relative) => Path.GetFullPath(Path.Combine(repositoryRoot, relative));
        // Outside the repository no Directory.Build.props applies: the properties a repository project gets are set here.
        string project = $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
                <LangVersion>latest</LangVersion>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <Deterministic>true</Deterministic>
                <DeviceModelAnalyzerGlobalPropertiesToRemove>RuntimeIdentifier;SelfContained;PublishAot;PublishTrimmed;PublishSingleFile;PublishReadyToRun;IsAotCompatible;IsTrimmable;_IsPublishing</DeviceModelAnalyzerGlobalPropertiesToRemove>
                <DeviceModelProductVersion>{SyntheticCorpus.ProductVersion}</DeviceModelProductVersion>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{Repo("src/DeviceModel/DeviceModel.csproj")}" />
                <ProjectReference Include="{Repo("generators/DeviceModel.Generators/DeviceModel.Generators.csproj")}" OutputItemType="Analyzer" ReferenceOutputAssembly="false" GlobalPropertiesToRemove="$(DeviceModelAnalyzerGlobalPropertiesToRemove)" />
                <ProjectReference Include="{Repo("analyzers/DeviceModel.Analyzers/DeviceModel.Analyzers.csproj")}" OutputItemType="Analyzer" ReferenceOutputAssembly="false" GlobalPropertiesToRemove="$(DeviceModelAnalyzerGlobalPropertiesToRemove)" />
                <ProjectReference Include="{Repo("analyzers/DeviceModel.Analyzers.CodeFixes/DeviceModel.Analyzers.CodeFixes.csproj")}" OutputItemType="Analyzer" ReferenceOutputAssembly="false" GlobalPropertiesToRemove="$(DeviceModelAnalyzerGlobalPropertiesToRemove)" />
              </ItemGroup>
              <ItemGroup>
                <AdditionalFiles Include="CompatDefaults.Shipped.txt" />
                <AdditionalFiles Include="CompatDefaults.Unshipped.txt" />
                <CompilerVisibleProperty Include="DeviceModelProductVersion" />
              </ItemGroup>
            </Project>

            """;
        string projectPath = Path.Combine(directory, ProjectName + ".csproj");
        File.WriteAllText(projectPath, project);
        return projectPath;
    }

    public static BuildCost Run(string projectPath, string configuration)
    {
        string directory = Path.GetDirectoryName(projectPath)!;
        // Warm-up: restore, build the runtime/generator/analyzers if needed, start the compiler server.
        RunDotnet(directory, Path.Combine(directory, "warmup.log"), "build", projectPath, "-c", configuration, "-nologo");
        // Measured: the corpus project alone, compiled again, with the compiler's analyzer and generator timings.
        string log = Path.Combine(directory, "report-analyzer.log");
        RunDotnet(directory, log, "build", projectPath, "-c", configuration, "-nologo", "--no-restore", "--no-dependencies", "--no-incremental",
            "-p:ReportAnalyzer=true", "-v:detailed", "-clp:PerformanceSummary");
        return Parse(File.ReadAllLines(log), log);
    }

    private static readonly Regex TotalLine = new(@"Total (analyzer|generator) execution time: ([\d.,]+) seconds", RegexOptions.CultureInvariant);
    private static readonly Regex TableLine = new(@"^\s*(<?[\d.]+)\s+(<?\d+)\s+(\S.*?)\s*$", RegexOptions.CultureInvariant);
    private static readonly Regex CscLine = new(@"^\s*(\d+) ms\s+Csc\s+(\d+) calls", RegexOptions.CultureInvariant);

    /// <summary>Reads the ReportAnalyzer tables (assembly rows only) and the Csc line of the task performance summary.</summary>
    public static BuildCost Parse(IReadOnlyList<string> lines, string logPath)
    {
        double csc = double.NaN, analyzerTotal = 0, generatorTotal = 0;
        var analyzers = new List<AssemblyTime>();
        var generators = new List<AssemblyTime>();
        List<AssemblyTime>? table = null;
        foreach (string line in lines)
        {
            Match total = TotalLine.Match(line);
            if (total.Success)
            {
                double seconds = double.Parse(total.Groups[2].Value.Replace(',', '.'), CultureInfo.InvariantCulture);
                if (total.Groups[1].Value == "analyzer") { analyzerTotal += seconds; table = analyzers; }
                else { generatorTotal += seconds; table = generators; }
                continue;
            }
            Match csc1 = CscLine.Match(line);
            if (csc1.Success)
            {
                csc = double.Parse(csc1.Groups[1].Value, CultureInfo.InvariantCulture) / 1000;
                continue;
            }
            if (table is null) continue;
            Match row = TableLine.Match(line);
            if (!row.Success)
            {
                if (!line.Contains("Time (s)", StringComparison.Ordinal) && !line.Contains("NOTE:", StringComparison.Ordinal) && line.Trim().Length > 0) table = null;
                continue;
            }
            string name = row.Groups[3].Value;
            int comma = name.IndexOf(", Version=", StringComparison.Ordinal);
            if (comma < 0) continue; // a type row under its assembly
            string seconds1 = row.Groups[1].Value.TrimStart('<');
            table.Add(new AssemblyTime(name.Substring(0, comma), double.Parse(seconds1, CultureInfo.InvariantCulture)));
        }
        if (double.IsNaN(csc)) throw new InvalidOperationException("no Csc line in the task performance summary of " + logPath);
        if (analyzers.Count == 0 && generators.Count == 0) throw new InvalidOperationException("no ReportAnalyzer table in " + logPath);
        return new BuildCost(csc, analyzerTotal, generatorTotal, analyzers, generators, logPath);
    }

    private static void RunDotnet(string directory, string logPath, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using Process process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.Append(e.Data).Append('\n'); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.Append(e.Data).Append('\n'); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        File.WriteAllText(logPath, output.ToString());
        if (process.ExitCode != 0)
        {
            string[] tail = output.ToString().Split('\n').Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Take(20).ToArray();
            throw new InvalidOperationException("dotnet " + string.Join(" ", arguments) + " failed with exit code " + process.ExitCode + " (log: " + logPath + "):\n" + string.Join("\n", tail));
        }
    }
}
