using System.Collections.Generic;
using System.CommandLine;
using DeviceModel.Catalog;
using DeviceModel.Compat;

namespace DeviceModel.Cli.Commands
{
    /// <summary><c>devmodel compat TYPE</c>: option × machine version for every option whose default ever changed.</summary>
    internal static class CompatCommand
    {
        public static Command Create(CliContext context)
        {
            var type = new Argument<string>("TYPE") { Description = "Device type" };
            var format = DevmodelCli.FormatOption();
            var command = new Command("compat", "Show how a device type's defaults changed across machine versions");
            command.Arguments.Add(type);
            command.Options.Add(format);
            command.SetAction(parse =>
            {
                string name = parse.GetValue(type)!;
                DeviceInfo? device = context.FindDevice(name, out int exit);
                if (device is null) return exit;
                MachineCatalog? machines = context.Machines(out exit);
                if (machines is null) return exit;
                CompatTable table = CompatTable.For(device, machines);
                if (parse.GetValue(format) == "json")
                {
                    context.WriteJson(w =>
                    {
                        w.WriteStartObject();
                        w.WriteString("device", device.Name);
                        w.WriteStartArray("versions");
                        foreach (MachineVersion v in table.Versions) w.WriteStringValue(v.ToString());
                        w.WriteEndArray();
                        // "options": the family-less rows; "families": per machine family, the rows of family-scoped histories.
                        w.WriteStartObject("options");
                        foreach (CompatTable.Row row in table.Rows)
                        {
                            if (row.Family is null) WriteRow(w, row);
                        }
                        w.WriteEndObject();
                        var families = new SortedSet<string>(System.StringComparer.Ordinal);
                        foreach (CompatTable.Row row in table.Rows)
                        {
                            if (row.Family is not null) families.Add(row.Family);
                        }
                        if (families.Count > 0)
                        {
                            w.WriteStartObject("families");
                            foreach (string family in families)
                            {
                                w.WriteStartObject(family);
                                foreach (CompatTable.Row row in table.Rows)
                                {
                                    if (row.Family == family) WriteRow(w, row);
                                }
                                w.WriteEndObject();
                            }
                            w.WriteEndObject();
                        }
                        w.WriteEndObject();
                    });
                    return ExitCodes.Success;
                }
                if (table.Rows.Count == 0)
                {
                    context.Output.WriteLine(device.Name + ": no option's default ever changed");
                    return ExitCodes.Success;
                }
                var header = new List<string> { "option" };
                foreach (MachineVersion v in table.Versions) header.Add(v.ToString());
                var lines = new List<List<string>> { header };
                foreach (CompatTable.Row row in table.Rows)
                {
                    var line = new List<string> { row.Label };
                    foreach (OptionValue value in row.Values) line.Add(value.ToString());
                    lines.Add(line);
                }
                var widths = new int[header.Count];
                foreach (List<string> line in lines)
                {
                    for (int i = 0; i < line.Count; i++) widths[i] = System.Math.Max(widths[i], line[i].Length);
                }
                foreach (List<string> line in lines)
                {
                    var cells = new List<string>();
                    for (int i = 0; i < line.Count; i++) cells.Add(line[i].PadRight(widths[i]));
                    context.Output.WriteLine(string.Join("  ", cells).TrimEnd());
                }
                return ExitCodes.Success;
            });
            return command;
        }

        private static void WriteRow(System.Text.Json.Utf8JsonWriter w, CompatTable.Row row)
        {
            w.WriteStartArray(row.Option.Name);
            foreach (OptionValue value in row.Values) KeyvalFormatter.WriteValue(w, value);
            w.WriteEndArray();
        }
    }
}
