using System.CommandLine;
using DeviceModel.Catalog;

namespace DeviceModel.Cli.Commands
{
    /// <summary><c>devmodel machines</c>: every machine type with its version and aliases.</summary>
    internal static class MachinesCommand
    {
        public static Command Create(CliContext context)
        {
            var command = new Command("machines", "List the product's machine types");
            command.SetAction(parse =>
            {
                MachineCatalog? machines = context.Machines(out int exit);
                if (machines is null) return exit;
                context.Output.WriteLine(machines.ProductName + " " + machines.ProductVersion + " (default machine: " + machines.Default.Name + ")");
                foreach (MachineType machine in machines.Machines)
                {
                    string aliases = machine.Aliases.IsEmpty ? "" : " (alias " + string.Join(", ", machine.Aliases) + ")";
                    context.Output.WriteLine("  " + machine.Name.PadRight(16) + " " + machine.Version.ToString().PadRight(6) + (machine.Deprecated ? " deprecated" : "") + aliases);
                }
                return ExitCodes.Success;
            });
            return command;
        }
    }
}
