using System.Collections.Immutable;
using System.CommandLine;
using DeviceModel.Tooling.Docs;

namespace DeviceModel.Cli.Commands
{
    /// <summary><c>devmodel docs --out DIR</c>: the Markdown reference, configuration space pictures and config schema.</summary>
    internal static class DocsCommand
    {
        public static Command Create(CliContext context)
        {
            var output = new Option<string>("--out", "-o") { Description = "Directory to write the reference into (created if needed)", Required = true };
            var command = new Command("docs", "Write the reference: index.md, a page and configuration space pictures per device type, and the config JSON Schema");
            command.Options.Add(output);
            command.SetAction(parse =>
            {
                string directory = parse.GetValue(output)!;
                ImmutableArray<GeneratedFile> files = ReferenceDocs.Generate(context.Catalog);
                try
                {
                    ReferenceDocs.WriteTo(directory, files);
                }
                catch (System.Exception e) when (CliContext.IsPathError(e))
                {
                    return context.FailPath("write the reference to", directory, e);
                }
                context.Output.WriteLine("wrote " + files.Length + " files to " + directory);
                return ExitCodes.Success;
            });
            return command;
        }
    }
}
