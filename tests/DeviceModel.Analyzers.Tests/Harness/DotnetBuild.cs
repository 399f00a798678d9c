using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace DeviceModel.Analyzers.Tests.Harness
{
    /// <summary>What one <c>dotnet build</c> of a copied tree printed and reported.</summary>
    internal sealed record BuildResult(int ExitCode, string Output, IReadOnlyList<(string Id, string Message, string? Uri, int Line)> Diagnostics, TimeSpan Elapsed);

    /// <summary>
    /// Runs the real <c>dotnet build</c> on a copy of the parts of the repository a sample build needs, so that a test
    /// can edit sources without touching the work tree.
    /// </summary>
    internal sealed class DotnetBuild : IDisposable
    {
        // Everything samples/DeviceModel.Samples.Qemu builds from (bin/obj left behind).
        private static readonly string[] Parts =
        {
            "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json", "NuGet.config", "nuget.config",
            "src/Directory.Build.props", "src/Directory.Build.targets", "samples/Directory.Build.props", "samples/Directory.Build.targets",
            "src/DeviceModel", "generators", "analyzers", "samples/DeviceModel.Samples.Qemu",
        };

        private DotnetBuild(string dotnet, string root)
        {
            Dotnet = dotnet;
            Root = root;
        }

        public string Dotnet { get; }

        /// <summary>The copy's root.</summary>
        public string Root { get; }

        /// <summary>The dotnet executable that runs these tests, or null (with the reason) when there is none.</summary>
        public static string? FindDotnet(out string reason)
        {
            reason = "";
            string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            if (!string.IsNullOrEmpty(host) && System.IO.File.Exists(host)) return host;
            foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                foreach (string name in new[] { "dotnet", "dotnet.exe" })
                {
                    string candidate = Path.Combine(directory, name);
                    if (System.IO.File.Exists(candidate)) return candidate;
                }
            }
            reason = "no dotnet executable (DOTNET_HOST_PATH unset and none on PATH)";
            return null;
        }

        /// <summary>Copies the sample's build inputs from the work tree into a new temporary folder.</summary>
        public static DotnetBuild CopyRepository(string dotnet)
        {
            string root = Path.Combine(Path.GetTempPath(), "devicemodel-analyzers-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            foreach (string part in Parts)
            {
                string source = RepositoryRoot.File(part);
                string target = Path.Combine(root, part.Replace('/', Path.DirectorySeparatorChar));
                if (System.IO.File.Exists(source))
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    System.IO.File.Copy(source, target);
                }
                else if (Directory.Exists(source))
                {
                    CopyDirectory(source, target);
                }
            }
            return new DotnetBuild(dotnet, root);
        }

        public string File(string relativePath) => Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

        /// <summary>
        /// Builds <paramref name="project"/> with a SARIF log (every diagnostic, info ones included) and the analyzer
        /// timing report. No node reuse: nothing stays running after the test.
        /// </summary>
        public BuildResult Build(string project, TimeSpan timeout)
        {
            string sarif = Path.Combine(Root, "build-" + Guid.NewGuid().ToString("N").Substring(0, 6) + ".sarif");
            var start = new ProcessStartInfo(Dotnet)
            {
                WorkingDirectory = Root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string argument in new[] { "build", project, "-nologo", "-nodeReuse:false", "-v:d", "-p:ReportAnalyzer=true", "-p:ErrorLog=" + sarif + "%2Cversion=2.1" })
            {
                start.ArgumentList.Add(argument);
            }
            // The test host's MSBuild variables would point the inner build at the outer one's SDK resolution.
            foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                start.Environment.Remove(name);
            }
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";

            var output = new StringBuilder();
            var watch = Stopwatch.StartNew();
            using var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit((int)timeout.TotalMilliseconds))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("dotnet build " + project + " did not finish in " + timeout + ":\n" + output);
            }
            process.WaitForExit();
            watch.Stop();
            return new BuildResult(process.ExitCode, output.ToString(), ReadSarif(sarif), watch.Elapsed);
        }

        /// <summary>The DeviceModel lines of the compiler's analyzer timing report (ReportAnalyzer=true).</summary>
        public static IEnumerable<string> AnalyzerTimings(string output) =>
            output.Split('\n')
                .Select(l => l.TrimEnd('\r'))
                .Where(l => l.Contains("Total analyzer execution time", StringComparison.Ordinal)
                    || l.Contains("DeviceModel.Analyzers.DeviceAnalyzer", StringComparison.Ordinal)
                    || l.Contains("DeviceModel.Generators.DeviceGenerator", StringComparison.Ordinal))
                .Select(l => l.Trim());

        private static List<(string, string, string?, int)> ReadSarif(string path)
        {
            var result = new List<(string, string, string?, int)>();
            if (!System.IO.File.Exists(path)) return result;
            using JsonDocument document = JsonDocument.Parse(System.IO.File.ReadAllText(path));
            foreach (JsonElement run in document.RootElement.GetProperty("runs").EnumerateArray())
            {
                if (!run.TryGetProperty("results", out JsonElement results)) continue;
                foreach (JsonElement item in results.EnumerateArray())
                {
                    string id = item.GetProperty("ruleId").GetString() ?? "";
                    string message = item.GetProperty("message").GetProperty("text").GetString() ?? "";
                    string? uri = null;
                    int line = 0;
                    if (item.TryGetProperty("locations", out JsonElement locations) && locations.GetArrayLength() > 0)
                    {
                        JsonElement physical = locations[0].GetProperty("physicalLocation");
                        uri = physical.GetProperty("artifactLocation").GetProperty("uri").GetString();
                        if (physical.TryGetProperty("region", out JsonElement region)) line = region.GetProperty("startLine").GetInt32();
                    }
                    result.Add((id, message, uri, line));
                }
            }
            return result;
        }

        private static void CopyDirectory(string source, string target)
        {
            Directory.CreateDirectory(target);
            foreach (string file in Directory.GetFiles(source)) System.IO.File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
            foreach (string directory in Directory.GetDirectories(source))
            {
                string name = Path.GetFileName(directory);
                if (name is "bin" or "obj" or ".vs" or "TestResults") continue;
                CopyDirectory(directory, Path.Combine(target, name));
            }
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by an exiting build process: the temporary folder is cleaned up by the OS.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
