using System.CommandLine;
using System.Text.Json;
using DeviceModel.Compat;

namespace DeviceModel.Cli.Commands
{
    /// <summary><c>devmodel resolve</c>: every device's effective options with their provenance.</summary>
    internal static class ResolveCommand
    {
        public static Command Create(CliContext context)
        {
            var inputs = new ConfigInputs();
            var format = DevmodelCli.FormatOption();
            var command = new Command("resolve", "Resolve every option of every device (explicit > hints > machine version > default > auto) and print it with its source");
            inputs.AddTo(command, realize: true);
            command.Options.Add(format);
            command.SetAction(parse =>
            {
                ResolvedMachine? resolved = inputs.Resolve(parse, context, out int exit);
                if (resolved is null) return exit;
                if (parse.GetValue(format) == "json")
                {
                    context.WriteJson(w => WriteJson(w, resolved));
                    return ExitCodes.Success;
                }
                context.Output.WriteLine("machine: " + resolved.Machine.Name + " (version " + resolved.Machine.Version + ")" + (resolved.Hints is null ? "" : ", hints from " + resolved.Hints.ProducerVersion));
                foreach (ResolvedDevice device in resolved.Devices)
                {
                    context.Output.WriteLine(device.Key + ": " + device.Device.Info.Name + " at " + device.Context.Address + " on " + device.Context.Bus);
                    foreach (OptionInfo option in device.Device.Info.Options)
                    {
                        OptionValue value = device.Device.GetOption(option.Index);
                        string text = value.IsNull ? "(none)" : value.ToString();
                        context.Output.WriteLine("  " + option.Name.PadRight(36) + " " + text.PadRight(20) + " " + SourceName(device.Device.SourceOf(option.Index)));
                    }
                }
                return ExitCodes.Success;
            });
            return command;
        }

        /// <summary>The <c>source</c> names of the JSON output.</summary>
        internal static string SourceName(OptionSource source) => source switch
        {
            OptionSource.Explicit => "explicit",
            OptionSource.Hints => "hints",
            OptionSource.Machine => "machine",
            OptionSource.Auto => "auto",
            _ => "default",
        };

        internal static void WriteJson(Utf8JsonWriter w, ResolvedMachine resolved)
        {
            w.WriteStartObject();
            w.WriteString("machine", resolved.Machine.Name);
            w.WriteNumber("smp", resolved.Smp);
            w.WriteStartArray("devices");
            foreach (ResolvedDevice device in resolved.Devices)
            {
                w.WriteStartObject();
                if (device.Device.Id is null) w.WriteNull("id");
                else w.WriteString("id", device.Device.Id);
                w.WriteString("driver", device.Device.Info.Name);
                w.WriteString("key", device.Key);
                w.WriteString("addr", device.Context.Address.ToString());
                w.WriteStartObject("options");
                foreach (OptionInfo option in device.Device.Info.Options)
                {
                    w.WriteStartObject(option.Name);
                    w.WritePropertyName("value");
                    KeyvalFormatter.WriteValue(w, device.Device.GetOption(option.Index));
                    w.WriteString("source", SourceName(device.Device.SourceOf(option.Index)));
                    w.WriteEndObject();
                }
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("ignoredHints");
            foreach (IgnoredHint ignored in resolved.IgnoredHints)
            {
                w.WriteStartObject();
                w.WriteString("key", ignored.Key);
                w.WriteString("driver", ignored.Driver);
                w.WriteString("reason", ignored.Reason);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
    }
}
