using System.CommandLine;
using DeviceModel.Pci;
using DeviceModel.Config;
using DeviceModel.Compat;
using DeviceModel.Tooling.Lspci;

namespace DeviceModel.Cli.Commands
{
    /// <summary>
    /// <c>devmodel lspci</c>: every realized device's config space in <c>lspci -xxx</c> text format (<c>-xxxx</c>, 4 KiB,
    /// for PCI Express functions), so that <c>lspci -F FILE -vvv</c> decodes it.
    /// </summary>
    internal static class LspciCommand
    {
        public static Command Create(CliContext context)
        {
            var inputs = new ConfigInputs();
            var command = new Command("lspci", "Realize the devices and print their PCI config spaces as lspci -xxx does");
            inputs.AddTo(command, realize: true);
            command.SetAction(parse =>
            {
                ResolvedMachine? resolved = inputs.Resolve(parse, context, out int exit);
                if (resolved is null) return exit;
                var buses = new BusNumbers(resolved);
                var output = new System.Text.StringBuilder();
                foreach (ResolvedDevice device in resolved.Devices)
                {
                    if (device.Device is not PciDevice pci) continue;
                    RealizedPciFunction function;
                    try
                    {
                        function = pci.Realize(device.Context);
                    }
                    catch (PciConfigurationException e)
                    {
                        return context.Fail(new[] { new ConfigError(ConfigErrorKind.Unsupported, e.Message, default, device.Device.Info.Name, device.Device.Id) });
                    }
                    output.Append(LspciFormatter.Format(function.Config, device.Context.Address, buses.Of(device)));
                }
                context.Output.Write(output.ToString());
                return ExitCodes.Success;
            });
            return command;
        }
    }
}
