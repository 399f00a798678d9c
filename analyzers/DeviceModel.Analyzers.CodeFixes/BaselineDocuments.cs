using System.Linq;
using DeviceModel.Analyzers.Baseline;
using Microsoft.CodeAnalysis;

namespace DeviceModel.Analyzers.CodeFixes
{
    /// <summary>Finds a project's compat defaults files among its additional documents, by file name as the analyzer does.</summary>
    internal static class BaselineDocuments
    {
        public static TextDocument? Unshipped(Project project) =>
            project.AdditionalDocuments.FirstOrDefault(d => d.FilePath is { } path ? CompatDefaultsFormat.IsUnshipped(path) : CompatDefaultsFormat.IsUnshipped(d.Name));
    }
}
