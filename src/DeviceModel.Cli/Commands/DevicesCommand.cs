using System.CommandLine;

namespace DeviceModel.Cli.Commands
{
    /// <summary><c>devmodel devices</c>: every device type with its description.</summary>
    internal static class DevicesCommand
    {
        public static Command Create(CliContext context)
        {
            var format = DevmodelCli.FormatOption();
            var command = new Command("devices", "List every device type with its description");
            command.Options.Add(format);
            command.SetAction(parse =>
            {
                if (parse.GetValue(format) == "json")
                {
                    context.WriteJson(w =>
                    {
                        w.WriteStartArray();
                        foreach (DeviceInfo device in context.Catalog.Devices)
                        {
                            w.WriteStartObject();
                            w.WriteString("name", device.Name);
                            w.WriteString("description", device.Description);
                            w.WriteString("parent", device.Parent);
                            w.WriteNumber("options", device.Options.Length);
                            w.WriteEndObject();
                        }
                        w.WriteEndArray();
                    });
                    return ExitCodes.Success;
                }
                int width = 0;
                foreach (DeviceInfo device in context.Catalog.Devices) width = System.Math.Max(width, device.Name.Length);
                foreach (DeviceInfo device in context.Catalog.Devices)
                {
                    context.Output.WriteLine(device.Name.PadRight(width + 2) + (device.Description ?? ""));
                }
                return ExitCodes.Success;
            });
            return command;
        }
    }
}
