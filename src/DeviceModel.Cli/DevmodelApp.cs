using System;
using System.Collections.Generic;
using System.IO;
using DeviceModel.Catalog;

namespace DeviceModel.Cli
{
    /// <summary>
    /// A product's own <c>devmodel</c>: every command of the <c>devmodel</c> tool (<c>devices</c>, <c>options</c>,
    /// <c>parse</c>, <c>machines</c>, <c>resolve</c>, <c>hints</c>, <c>compat</c>, <c>docs</c>, <c>schema</c>, <c>diff</c>,
    /// <c>lspci</c>) over the catalogs a host passes in. No reflection: it can be published trimmed or native AOT.
    /// </summary>
    /// <example>
    /// <code>
    /// return DeviceModel.Cli.DevmodelApp.Run(args, AcmeCatalog.Catalog);
    /// </code>
    /// </example>
    public static class DevmodelApp
    {
        /// <summary>Runs the command line <paramref name="args"/> on the console over <paramref name="catalogs"/>.</summary>
        /// <param name="args">The command line, e.g. <c>resolve --machine acme --device acme-rng-pci,id=r0</c>.</param>
        /// <param name="catalogs">
        /// The generated <c>Catalog</c> of each <c>[DeviceCatalog]</c> class to serve. Device type names must be unique
        /// across them, and at most one may declare a product (<c>[Product]</c>/<c>[MachineFamily]</c>); the others are
        /// device libraries.
        /// </param>
        /// <returns>The process exit code: 0 success, 2 bad input (errors on standard error), 1 internal failure.</returns>
        /// <exception cref="ArgumentException">No catalog is given, or the catalogs do not combine (see <paramref name="catalogs"/>).</exception>
        public static int Run(string[] args, params DeviceCatalog[] catalogs) => Run(args, Console.Out, Console.Error, catalogs);

        /// <summary>Runs the command line <paramref name="args"/> over <paramref name="catalogs"/>, writing to the given writers (for tests and embedding).</summary>
        /// <param name="args">The command line.</param>
        /// <param name="output">Where results go (standard output).</param>
        /// <param name="error">Where errors and progress go (standard error).</param>
        /// <param name="catalogs">The catalogs to serve, as in <see cref="Run(string[], DeviceCatalog[])"/>.</param>
        /// <returns>The process exit code: 0 success, 2 bad input, 1 internal failure.</returns>
        /// <exception cref="ArgumentException">No catalog is given, or the catalogs do not combine.</exception>
        public static int Run(string[] args, TextWriter output, TextWriter error, params DeviceCatalog[] catalogs)
        {
            ArgumentNullException.ThrowIfNull(args);
            ArgumentNullException.ThrowIfNull(output);
            ArgumentNullException.ThrowIfNull(error);
            return DevmodelCli.Run(args, output, error, new FixedCatalogSource(Combine(catalogs)));
        }

        /// <summary>The one catalog <paramref name="catalogs"/> make together: the union of their device types and the machine types of the one that declares a product.</summary>
        /// <param name="catalogs">The catalogs, as in <see cref="Run(string[], DeviceCatalog[])"/>.</param>
        /// <returns>The combined catalog (the catalog itself when there is one).</returns>
        /// <exception cref="ArgumentException">No catalog is given, two device types share a name, or two catalogs declare a product.</exception>
        public static DeviceCatalog Combine(params DeviceCatalog[] catalogs)
        {
            ArgumentNullException.ThrowIfNull(catalogs);
            var named = new List<(DeviceCatalog, string)>(catalogs.Length);
            for (int i = 0; i < catalogs.Length; i++)
            {
                DeviceCatalog catalog = catalogs[i] ?? throw new ArgumentException("catalog " + i + " is null", nameof(catalogs));
                named.Add((catalog, "catalog " + i + (catalog.Machines is { } m ? " (" + m.ProductName + ")" : "")));
            }
            if (!CatalogSet.TryCombine(named, out DeviceCatalog? combined, out string? problem)) throw new ArgumentException(problem, nameof(catalogs));
            return combined;
        }
    }
}
