using System;
using System.CommandLine;
using System.IO;
using DeviceModel.Catalog;
using DeviceModel.Config;
using DeviceModel.Cli.Commands;

namespace DeviceModel.Cli
{
    /// <summary>The <c>devmodel</c> command line: builds the command tree over a catalog and runs it with the given writers.</summary>
    internal static class DevmodelCli
    {
        // No response files: System.CommandLine would expand '@file' into tokens without any size limit (a 100 MiB
        // file took 7.7 GB and printed 3.5 GB of errors). Every input of devmodel has its own bounded reader
        // (--config for a machine config file); '@x' is an ordinary argument.
        private static readonly ParserConfiguration Parsing = new() { ResponseFileTokenReplacer = null };

        /// <summary>
        /// Runs <c>devmodel</c> with <paramref name="args"/> on the catalog <paramref name="source"/> decides from the
        /// parsed arguments; returns the exit code (0 ok, 2 bad input, 1 internal failure).
        /// </summary>
        internal static int Run(string[] args, TextWriter output, TextWriter error, CatalogSource source)
        {
            ArgumentNullException.ThrowIfNull(args);
            // One root for terminal safety: whatever any command or System.CommandLine prints passes through here.
            TextWriter safeOutput = TerminalWriter.Wrap(output), safeError = TerminalWriter.Wrap(error);
            try
            {
                return RunSafely(args, safeOutput, safeError, source);
            }
            finally
            {
                safeOutput.Flush();
                safeError.Flush();
            }
        }

        private static int RunSafely(string[] args, TextWriter output, TextWriter error, CatalogSource source)
        {
            // Parse once against an empty catalog to read the global options (commands read the catalog only when they
            // run), then build the tree over the chosen catalog: the context stays immutable.
            RootCommand probe = Build(new CliContext(output, error, CatalogSet.Empty), source);
            ParseResult parse = probe.Parse(args, Parsing);
            if (parse.Errors.Count > 0)
            {
                foreach (System.CommandLine.Parsing.ParseError parseError in parse.Errors) error.WriteLine("error: " + parseError.Message);
                error.WriteLine("run 'devmodel --help' for usage");
                return ExitCodes.BadInput;
            }
            try
            {
                if (!source.TryGetCatalog(parse, out DeviceCatalog? catalog, out string? problem))
                {
                    error.WriteLine("error: " + problem);
                    return ExitCodes.BadInput;
                }
                RootCommand root = Build(new CliContext(output, error, catalog), source);
                return root.Parse(args, Parsing).Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
            }
            catch (Exception e) when (e is ConfigException or DeviceModel.Pci.PciConfigurationException or IOException or UnauthorizedAccessException)
            {
                // The documented bad-input exceptions of the runtime, and the environment's I/O failures (a closed
                // output pipe, a full disk) are not bugs: exit 2. Commands catch them earlier where they can say more.
                if (e is ConfigException config)
                {
                    foreach (ConfigError configError in config.Errors) error.WriteLine("error: " + configError);
                }
                else
                {
                    error.WriteLine("error: " + e.Message);
                }
                return ExitCodes.BadInput;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Not swallowed: reported with its stack so a bug is visible, and the exit code says "internal".
                error.Write("internal error: " + e + "\n"); // Write: the stack trace keeps its lines
                return ExitCodes.InternalError;
            }
        }

        internal static RootCommand Build(CliContext context, CatalogSource source)
        {
            var root = new RootCommand("devmodel: emulated PCI/virtio device models with generated config parsers and compat hints");
            source.AddOptions(root);
            root.Subcommands.Add(DevicesCommand.Create(context));
            root.Subcommands.Add(OptionsCommand.Create(context));
            root.Subcommands.Add(ParseCommand.Create(context));
            root.Subcommands.Add(MachinesCommand.Create(context));
            root.Subcommands.Add(ResolveCommand.Create(context));
            root.Subcommands.Add(HintsCommand.Create(context));
            root.Subcommands.Add(CompatCommand.Create(context));
            root.Subcommands.Add(DocsCommand.Create(context));
            root.Subcommands.Add(SchemaCommand.Create(context));
            root.Subcommands.Add(DiffCommand.Create(context));
            root.Subcommands.Add(LspciCommand.Create(context));
            root.Subcommands.Add(VirtioCommand.Create(context));
            return root;
        }

        /// <summary>The <c>--format</c> option shared by commands with structured output.</summary>
        internal static Option<string> FormatOption()
        {
            var option = new Option<string>("--format", "-f") { Description = "Output format: text or json", DefaultValueFactory = _ => "text" };
            option.AcceptOnlyFromAmong("text", "json");
            return option;
        }
    }
}
