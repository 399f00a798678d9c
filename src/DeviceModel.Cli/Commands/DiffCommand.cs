using System.Collections.Generic;
using System.Collections.Immutable;
using System.CommandLine;
using DeviceModel.Catalog;
using DeviceModel.Config;
using DeviceModel.Tooling.Docs;
using DeviceModel.Compat;

namespace DeviceModel.Cli.Commands
{
    /// <summary><c>devmodel diff MACHINE_A MACHINE_B</c>: every option default that differs between two machine types.</summary>
    internal static class DiffCommand
    {
        public static Command Create(CliContext context)
        {
            var from = new Argument<string>("MACHINE_A") { Description = "Machine type or alias to compare from, e.g. pc-i440fx-5.2" };
            var to = new Argument<string>("MACHINE_B") { Description = "Machine type or alias to compare to, e.g. pc-i440fx-6.0" };
            var device = new Option<string?>("--device") { Description = "Only this device type (default: every device type)" };
            var format = DevmodelCli.FormatOption();
            var command = new Command("diff", "Show every option whose default differs between two machine types (from the compat histories)");
            command.Arguments.Add(from);
            command.Arguments.Add(to);
            command.Options.Add(device);
            command.Options.Add(format);
            command.SetAction(parse =>
            {
                MachineCatalog? machines = context.Machines(out int exit);
                if (machines is null) return exit;
                ParseResult<MachineType> a = CompatResolver.ResolveMachine(machines, parse.GetValue(from)!, "MACHINE_A");
                ParseResult<MachineType> b = CompatResolver.ResolveMachine(machines, parse.GetValue(to)!, "MACHINE_B");
                if (!a.Succeeded || !b.Succeeded)
                {
                    var errors = new List<ConfigError>(a.Errors);
                    errors.AddRange(b.Errors);
                    return context.Fail(errors);
                }
                IEnumerable<DeviceInfo> devices = context.Catalog.Devices;
                string? only = parse.GetValue(device);
                if (only is not null)
                {
                    DeviceInfo? info = context.FindDevice(only, out exit);
                    if (info is null) return exit;
                    devices = new[] { info };
                }
                MachineType machineA = a.Value!, machineB = b.Value!;
                ImmutableArray<DefaultChange> changes = DefaultsDiff.Compare(machineA, machineB, devices);
                if (parse.GetValue(format) == "json") WriteJson(context, machineA, machineB, changes);
                else WriteText(context, machineA, machineB, changes, only);
                return ExitCodes.Success;
            });
            return command;
        }

        private static void WriteText(CliContext context, MachineType a, MachineType b, ImmutableArray<DefaultChange> changes, string? only)
        {
            string scope = only ?? "any device type";
            context.Output.WriteLine(a.Name + " (" + a.Version + ") -> " + b.Name + " (" + b.Version + ")");
            if (changes.IsEmpty)
            {
                context.Output.WriteLine("no option default of " + scope + " differs");
                return;
            }
            int width = 0;
            foreach (DefaultChange change in changes) width = System.Math.Max(width, change.Option.Name.Length);
            DeviceInfo? current = null;
            foreach (DefaultChange change in changes)
            {
                if (!ReferenceEquals(change.Device, current))
                {
                    current = change.Device;
                    context.Output.WriteLine(current.Name);
                }
                context.Output.WriteLine("  " + change.Option.Name.PadRight(width) + "  " + Text(change.From) + " -> " + Text(change.To));
            }
        }

        private static void WriteJson(CliContext context, MachineType a, MachineType b, ImmutableArray<DefaultChange> changes) =>
            context.WriteJson(w =>
            {
                w.WriteStartObject();
                w.WriteStartObject("from");
                w.WriteString("machine", a.Name);
                w.WriteString("version", a.Version.ToString());
                w.WriteEndObject();
                w.WriteStartObject("to");
                w.WriteString("machine", b.Name);
                w.WriteString("version", b.Version.ToString());
                w.WriteEndObject();
                w.WriteStartArray("devices");
                DeviceInfo? current = null;
                foreach (DefaultChange change in changes)
                {
                    if (!ReferenceEquals(change.Device, current))
                    {
                        if (current is not null)
                        {
                            w.WriteEndArray();
                            w.WriteEndObject();
                        }
                        current = change.Device;
                        w.WriteStartObject();
                        w.WriteString("device", current.Name);
                        w.WriteStartArray("options");
                    }
                    w.WriteStartObject();
                    w.WriteString("name", change.Option.Name);
                    w.WritePropertyName("from");
                    KeyvalFormatter.WriteValue(w, change.From);
                    w.WritePropertyName("to");
                    KeyvalFormatter.WriteValue(w, change.To);
                    w.WriteEndObject();
                }
                if (current is not null)
                {
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            });

        private static string Text(OptionValue value) => value.IsNull ? "none" : value.ToString();
    }
}
