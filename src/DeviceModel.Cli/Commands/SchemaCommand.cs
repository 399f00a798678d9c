using System.CommandLine;
using System.IO;
using System.Text;
using DeviceModel.Tooling.Docs;

namespace DeviceModel.Cli.Commands
{
    /// <summary><c>devmodel schema [--out FILE]</c>: the JSON Schema (draft 2020-12) of machine config files.</summary>
    internal static class SchemaCommand
    {
        public static Command Create(CliContext context)
        {
            var output = new Option<string?>("--out", "-o") { Description = "File to write the schema to (default: standard output)" };
            var command = new Command("schema", "Print the JSON Schema of machine config files: machine types, devices and every option's type, limits and default");
            command.Options.Add(output);
            command.SetAction(parse =>
            {
                string schema = MachineConfigSchema.Generate(context.Catalog);
                string? path = parse.GetValue(output);
                if (path is null)
                {
                    context.Output.Write(schema);
                    return ExitCodes.Success;
                }
                try
                {
                    File.WriteAllText(path, schema, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                }
                catch (System.Exception e) when (CliContext.IsPathError(e))
                {
                    return context.FailPath("write schema", path, e);
                }
                context.Output.WriteLine("wrote " + path);
                return ExitCodes.Success;
            });
            return command;
        }
    }
}
