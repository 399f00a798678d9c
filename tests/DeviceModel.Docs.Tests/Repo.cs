using System;
using System.IO;
using DeviceModel.Cli;

namespace DeviceModel.Docs.Tests;

/// <summary>The repository's files and an in-process <c>devmodel</c>.</summary>
internal static class Repo
{
    /// <summary>The command that rewrites the checked-in reference (run from the repository root).</summary>
    public const string RegenerateCommand = "dotnet run --project src/DeviceModel.Cli -- docs --out docs/reference";

    public static string Root
    {
        get
        {
            for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "DeviceModel.sln"))) return dir.FullName;
            }
            throw new InvalidOperationException("DeviceModel.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static string PathOf(params string[] parts) => Path.Combine(Root, Path.Combine(parts));

    /// <summary>Runs <c>devmodel</c> in-process with captured output, through the public host API over the QEMU catalog.</summary>
    public static (int ExitCode, string Output, string Error) Devmodel(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        int exit = DevmodelApp.Run(args, output, error, DeviceModel.Samples.Qemu.QemuCatalog.Catalog);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>A fresh empty directory under the temp directory, deleted on dispose.</summary>
    public sealed class TempDirectory : IDisposable
    {
        public TempDirectory()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "devmodel-docs-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a leftover temp directory is harmless.
            }
        }
    }
}
