using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using DeviceModel.Compat;
using DeviceModel.Config;
using DeviceModel.Pci;
using DeviceModel.Virtio;

namespace DeviceModel.Cli.Commands
{
    /// <summary>
    /// <c>devmodel virtio</c>: what a virtio driver reads from each realized virtio device (offered features, virtqueue
    /// sizes, device config) on each interface it offers. <c>--format json</c> gives
    /// <c>{"machine", "devices": [{"id", "driver", "modern": null | {...}, "legacy": null | {...}}]}</c>.
    /// </summary>
    internal static class VirtioCommand
    {
        public static Command Create(CliContext context)
        {
            var inputs = new ConfigInputs();
            var format = DevmodelCli.FormatOption();
            var backend = new Option<string[]>("--backend")
            {
                Description = "A backend input of one device, ID.NAME=VALUE (e.g. net0.vnet_hdr=1); repeatable. Without: the declared defaults (see 'devmodel docs')",
                AllowMultipleArgumentsPerToken = false,
            };
            var command = new Command("virtio", "Realize the devices and print the virtio ABI a driver reads: features, virtqueues, device config");
            inputs.AddTo(command, realize: true);
            command.Options.Add(format);
            command.Options.Add(backend);
            command.SetAction(parse =>
            {
                ResolvedMachine? resolved = inputs.Resolve(parse, context, out int exit);
                if (resolved is null) return exit;
                Dictionary<string, Dictionary<string, long>>? backends = ParseBackends(parse.GetValue(backend) ?? [], resolved, context, out exit);
                if (backends is null) return exit;

                var abis = new List<(ResolvedDevice Device, VirtioDeviceAbi Abi)>();
                foreach (ResolvedDevice device in resolved.Devices)
                {
                    if (device.Device is not VirtioPciDevice virtio) continue;
                    VirtioBackend given = device.Device.Id is string id && backends.TryGetValue(id, out Dictionary<string, long>? values) ? new VirtioBackend(values) : VirtioBackend.Default;
                    try
                    {
                        abis.Add((device, virtio.DescribeVirtio(device.Context, given)));
                    }
                    catch (PciConfigurationException e)
                    {
                        return context.Fail(new[] { new ConfigError(ConfigErrorKind.Unsupported, e.Message, default, device.Device.Info.Name, device.Device.Id) });
                    }
                }
                if (parse.GetValue(format) == "json")
                {
                    context.WriteJson(w =>
                    {
                        w.WriteStartObject();
                        w.WriteString("machine", resolved.Machine.Name);
                        w.WriteStartArray("devices");
                        foreach ((ResolvedDevice device, VirtioDeviceAbi abi) in abis) abi.WriteJson(w, device.Device.Id, device.Device.Info.Name);
                        w.WriteEndArray();
                        w.WriteEndObject();
                    });
                    return ExitCodes.Success;
                }
                context.Output.WriteLine("machine: " + resolved.Machine.Name);
                foreach ((ResolvedDevice device, VirtioDeviceAbi abi) in abis)
                {
                    context.Output.WriteLine(device.Key + ": " + device.Device.Info.Name + " (virtio device type " + abi.DeviceType.ToString(CultureInfo.InvariantCulture) + ")");
                    if (abi.Modern)
                        context.Output.WriteLine("  modern: features 0x" + abi.ModernFeatures.ToString("x16", CultureInfo.InvariantCulture) + " (bits " + Bits(abi.ModernFeatures) + "), "
                            + abi.QueueSizes.Length.ToString(CultureInfo.InvariantCulture) + " queues [" + string.Join(", ", abi.QueueSizes) + "]");
                    if (abi.Legacy)
                        context.Output.WriteLine("  legacy: host features 0x" + abi.LegacyFeatures.ToString("x8", CultureInfo.InvariantCulture) + " (bits " + Bits(abi.LegacyFeatures) + ")");
                    context.Output.WriteLine("  config: " + abi.Config.Length.ToString(CultureInfo.InvariantCulture) + " bytes" + (abi.Config.Length == 0 ? "" : " " + abi.ConfigHex));
                }
                return ExitCodes.Success;
            });
            return command;
        }

        private static string Bits(ulong features)
        {
            var bits = new List<string>();
            for (int bit = 0; bit < 64; bit++)
            {
                if ((features >> bit & 1) != 0) bits.Add(bit.ToString(CultureInfo.InvariantCulture));
            }
            return bits.Count == 0 ? "none" : string.Join(" ", bits);
        }

        /// <summary>The <c>--backend ID.NAME=VALUE</c> values by device id; null with the bad-input exit code for a malformed one or an unknown id.</summary>
        private static Dictionary<string, Dictionary<string, long>>? ParseBackends(string[] given, ResolvedMachine resolved, CliContext context, out int exit)
        {
            exit = ExitCodes.Success;
            var byId = new Dictionary<string, Dictionary<string, long>>(System.StringComparer.Ordinal);
            var ids = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (ResolvedDevice device in resolved.Devices)
            {
                if (device.Device.Id is string id) ids.Add(id);
            }
            for (int i = 0; i < given.Length; i++)
            {
                string text = given[i];
                // An id may contain dots (QEMU allows them), an input name does not: the last dot before '=' splits them.
                int equals = text.IndexOf('=', System.StringComparison.Ordinal);
                int dot = equals < 0 ? -1 : text.LastIndexOf('.', equals);
                if (dot <= 0 || equals < dot + 2 || !TryValue(text[(equals + 1)..], out long value))
                {
                    exit = context.Fail("--backend #" + (i + 1).ToString(CultureInfo.InvariantCulture) + " '" + Clip(text) + "': expected ID.NAME=VALUE with VALUE an integer (decimal or 0x hex) or on/off");
                    return null;
                }
                string deviceId = text[..dot];
                if (!ids.Contains(deviceId))
                {
                    exit = context.Fail("--backend #" + (i + 1).ToString(CultureInfo.InvariantCulture) + " '" + Clip(text) + "': no device has id '" + Clip(deviceId) + "'");
                    return null;
                }
                if (!byId.TryGetValue(deviceId, out Dictionary<string, long>? values)) byId[deviceId] = values = new Dictionary<string, long>(System.StringComparer.Ordinal);
                values[text[(dot + 1)..equals]] = value;
            }
            return byId;
        }

        /// <summary>At most 80 characters of what the user gave (the error writer escapes control characters).</summary>
        private static string Clip(string text) => text.Length <= 80 ? text : text[..80] + "...";

        private static bool TryValue(string text, out long value)
        {
            switch (text)
            {
                case "on" or "true" or "yes": value = 1; return true;
                case "off" or "false" or "no": value = 0; return true;
            }
            if (text.StartsWith("0x", System.StringComparison.OrdinalIgnoreCase))
                return long.TryParse(text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
            return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
        }
    }
}
