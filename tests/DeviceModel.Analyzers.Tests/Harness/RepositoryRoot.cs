using System;
using System.IO;

namespace DeviceModel.Analyzers.Tests.Harness
{
    /// <summary>The source tree the tests run from (the folder holding <c>DeviceModel.sln</c>).</summary>
    internal static class RepositoryRoot
    {
        private static readonly Lazy<string> Root = new(Find);

        public static string Path => Root.Value;

        /// <summary>A file of the repository by its path relative to the root, with <c>/</c> separators.</summary>
        public static string File(string relativePath) => System.IO.Path.Combine(Path, relativePath.Replace('/', System.IO.Path.DirectorySeparatorChar));

        private static string Find()
        {
            for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (System.IO.File.Exists(System.IO.Path.Combine(directory.FullName, "DeviceModel.sln"))) return directory.FullName;
            }
            throw new InvalidOperationException("no DeviceModel.sln above " + AppContext.BaseDirectory + ": the tests must run from a build inside the source tree");
        }
    }
}
