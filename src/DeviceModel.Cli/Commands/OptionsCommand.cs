using System.CommandLine;
using System.Text.Json;

namespace DeviceModel.Cli.Commands
{
    /// <summary><c>devmodel options TYPE</c>: every option with type, default and description (QEMU's <c>-device TYPE,help</c>).</summary>
    internal static class OptionsCommand
    {
        public static Command Create(CliContext context)
        {
            var type = new Argument<string>("TYPE") { Description = "Device type, e.g. virtio-rng-pci" };
            var format = DevmodelCli.FormatOption();
            var command = new Command("options", "List the options of a device type with type, default and description");
            command.Arguments.Add(type);
            command.Options.Add(format);
            command.SetAction(parse =>
            {
                string name = parse.GetValue(type)!;
                DeviceInfo? device = context.FindDevice(name, out int exit);
                if (device is null) return exit;
                if (parse.GetValue(format) == "json")
                {
                    context.WriteJson(w => WriteJson(w, device));
                    return ExitCodes.Success;
                }
                context.Output.WriteLine(device.Name + " options:");
                foreach (OptionInfo option in device.Options)
                {
                    string head = "  " + option.Name + "=<" + ValueSyntax.TypeName(option.Kind) + ">";
                    string text = head.PadRight(27) + " - " + (option.Description ?? "");
                    text += " (default: " + DefaultText(option) + ")";
                    if (option.HasLimits) text += " [" + option.Min + ".." + option.Max + "]";
                    if (option.HostOnly) text += " [host-only]";
                    if (!option.History.IsEmpty) text += " [compat: " + HistoryText(option) + "]";
                    context.Output.WriteLine(text);
                }
                return ExitCodes.Success;
            });
            return command;
        }

        internal static string DefaultText(OptionInfo option) =>
            option.Default.IsNull ? "none" : option.Default.IsAuto ? "auto" : option.Default.ToString();

        private static string HistoryText(OptionInfo option)
        {
            var parts = new System.Collections.Generic.List<string>();
            foreach (CompatEntry entry in option.History) parts.Add(entry.Value + " before " + entry.SinceText);
            return string.Join(", ", parts);
        }

        private static void WriteJson(Utf8JsonWriter w, DeviceInfo device)
        {
            w.WriteStartObject();
            w.WriteString("device", device.Name);
            w.WriteString("description", device.Description);
            w.WriteStartArray("options");
            foreach (OptionInfo option in device.Options)
            {
                w.WriteStartObject();
                w.WriteString("name", option.Name);
                w.WriteString("type", ValueSyntax.TypeName(option.Kind));
                w.WritePropertyName("default");
                KeyvalFormatter.WriteValue(w, option.Default);
                w.WriteString("description", option.Description);
                w.WriteBoolean("hostOnly", option.HostOnly);
                if (option.HasLimits)
                {
                    w.WriteString("min", ValueSyntax.FormatInteger(option.Min, option.Kind));
                    w.WriteString("max", ValueSyntax.FormatInteger(option.Max, option.Kind));
                }
                if (option.Kind == OptionKind.Enum)
                {
                    w.WriteStartArray("values");
                    foreach (string value in option.EnumNames) w.WriteStringValue(value);
                    w.WriteEndArray();
                }
                w.WriteStartArray("history");
                foreach (CompatEntry entry in option.History)
                {
                    w.WriteStartObject();
                    w.WriteString("before", entry.Since.ToString());
                    if (entry.Family is not null) w.WriteString("family", entry.Family);
                    w.WritePropertyName("value");
                    KeyvalFormatter.WriteValue(w, entry.Value);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
    }
}
