using System;
using System.CommandLine;
using System.IO;
using DeviceModel.Cli.Commands;
using DeviceModel.Samples.Qemu;

namespace DeviceModel.Cli
{
    /// <summary>The <c>devmodel</c> command line: builds the command tree and runs it with the given writers.</summary>
    public static class DevmodelCli
    {
        /// <summary>Runs <c>devmodel</c> with <paramref name="args"/>; returns the exit code (0 ok, 2 bad input, 1 internal failure).</summary>
        public static int Run(string[] args, TextWriter output, TextWriter error)
        {
            var context = new CliContext(output, error, QemuCatalog.Catalog);
            RootCommand root = Build(context);
            ParseResult parse = root.Parse(args);
            if (parse.Errors.Count > 0)
            {
                foreach (System.CommandLine.Parsing.ParseError parseError in parse.Errors) error.WriteLine("error: " + parseError.Message);
                error.WriteLine("run 'devmodel --help' for usage");
                return ExitCodes.BadInput;
            }
            try
            {
                return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Not swallowed: reported with its stack so a bug is visible, and the exit code says "internal".
                error.WriteLine("internal error: " + e);
                return ExitCodes.InternalError;
            }
        }

        internal static RootCommand Build(CliContext context)
        {
            var root = new RootCommand("devmodel: emulated PCI/virtio device models with generated config parsers and compat hints");
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
