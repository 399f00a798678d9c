using System.CommandLine;
using DeviceModel.Config;

namespace DeviceModel.Cli.Commands
{
    /// <summary><c>devmodel parse</c>: the parsed devices as keyval or JSON, or the errors (exit 2).</summary>
    internal static class ParseCommand
    {
        public static Command Create(CliContext context)
        {
            var inputs = new ConfigInputs();
            var format = DevmodelCli.FormatOption();
            var command = new Command("parse", "Parse devices from --device strings and/or a --config file and print them, or the errors");
            inputs.AddTo(command);
            command.Options.Add(format);
            command.SetAction(parse =>
            {
                ParseResult<MachineConfig> config = inputs.Read(parse, context.Catalog);
                if (!config.Succeeded) return context.Fail(config.Errors);
                MachineConfig machine = config.Value!;
                if (parse.GetValue(format) == "json")
                {
                    context.WriteJson(w =>
                    {
                        w.WriteStartObject();
                        w.WriteString("machine", machine.Machine);
                        if (machine.HintsPath is not null) w.WriteString("hints", machine.HintsPath);
                        w.WriteStartArray("devices");
                        foreach (Device device in machine.Devices) KeyvalFormatter.WriteJson(w, device);
                        w.WriteEndArray();
                        w.WriteEndObject();
                    });
                    return ExitCodes.Success;
                }
                if (machine.Machine is not null) context.Output.WriteLine("machine: " + machine.Machine);
                foreach (Device device in machine.Devices) context.Output.WriteLine(device.ToKeyval());
                return ExitCodes.Success;
            });
            return command;
        }
    }
}
