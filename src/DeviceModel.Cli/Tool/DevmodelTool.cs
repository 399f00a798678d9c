using System.IO;

namespace DeviceModel.Cli.Tool
{
    /// <summary>
    /// The <c>devmodel</c> tool: the bundled QEMU 7.2 catalog by default, any product's catalog with
    /// <c>--catalog PATH.dll</c> (see <see cref="ProductCatalogSource"/>).
    /// </summary>
    internal static class DevmodelTool
    {
        /// <summary>Runs <c>devmodel</c> with <paramref name="args"/>; returns the exit code (0 ok, 2 bad input, 1 internal failure).</summary>
        public static int Run(string[] args, TextWriter output, TextWriter error) => DevmodelCli.Run(args, output, error, new ProductCatalogSource());
    }
}
