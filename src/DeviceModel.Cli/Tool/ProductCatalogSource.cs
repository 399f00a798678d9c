using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using DeviceModel.Catalog;
using DeviceModel.Samples.Qemu;

namespace DeviceModel.Cli.Tool
{
    /// <summary>
    /// The tool's <c>--catalog PATH.dll</c> global option (repeatable, valid on every command): each assembly's
    /// <c>[DeviceCatalog]</c> classes replace the bundled QEMU 7.2 catalog, combined as <see cref="CatalogSet"/> says.
    /// </summary>
    internal sealed class ProductCatalogSource : CatalogSource
    {
        private readonly Option<string[]> _catalog = new("--catalog")
        {
            Description = "A product assembly (PATH.dll, built with DeviceModel) whose [DeviceCatalog] to serve instead of the bundled QEMU 7.2 catalog (repeatable)",
            Recursive = true,
            Arity = ArgumentArity.ZeroOrMore,
            AllowMultipleArgumentsPerToken = false,
        };

        public override void AddOptions(RootCommand root) => root.Options.Add(_catalog);

        [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Guarded by CatalogAssemblyLoader.IsSupported, a feature switch set to false (Trim=\"true\") in trimmed and AOT builds, which removes the call.")]
        [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Guarded by CatalogAssemblyLoader.IsSupported, a feature switch set to false (Trim=\"true\") in trimmed and AOT builds, which removes the call.")]
        public override bool TryGetCatalog(ParseResult parse, [NotNullWhen(true)] out DeviceCatalog? catalog, [NotNullWhen(false)] out string? problem)
        {
            string[] paths = parse.GetValue(_catalog) ?? [];
            if (paths.Length == 0)
            {
                catalog = QemuCatalog.Catalog;
                problem = null;
                return true;
            }
            catalog = null;
            if (!CatalogAssemblyLoader.IsSupported)
            {
                problem = "--catalog loads a product assembly at run time, which this trimmed or native (AOT) build of devmodel cannot do; "
                    + "use the .NET tool (dotnet tool install -g DeviceModel.Cli) or build your product's own CLI with DeviceModel.Cli.DevmodelApp.Run(args, YourCatalog.Catalog)";
                return false;
            }
            var loaded = new List<(DeviceCatalog, string)>();
            var loader = new CatalogAssemblyLoader();
            var seen = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (string path in paths)
            {
                // The same file twice is one product, not two.
                if (!seen.Add(System.IO.Path.GetFullPath(path))) continue;
                if (!loader.TryLoad(path, loaded, out problem)) return false;
            }
            return CatalogSet.TryCombine(loaded, out catalog, out problem);
        }
    }
}
