using System.Collections.Generic;
using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using DeviceModel.Catalog;
using DeviceModel.Config;
using DeviceModel.Hints;
using DeviceModel.Compat;

namespace DeviceModel.Cli
{
    /// <summary>The inputs common to every command that reads a configuration: <c>--device</c>, <c>--config</c>, <c>--machine</c>.</summary>
    internal sealed class ConfigInputs
    {
        public Option<string[]> Device { get; } = new("--device", "-d")
        {
            Description = "A device as a QEMU -device string, e.g. virtio-net-pci,id=n0,mq=on (repeatable)",
            AllowMultipleArgumentsPerToken = false,
            Arity = ArgumentArity.ZeroOrMore,
        };

        public Option<string?> Config { get; } = new("--config", "-c")
        {
            Description = "A machine config file (JSON: machine, devices, optional hints)",
        };

        public Option<string?> Machine { get; } = new("--machine", "-M")
        {
            Description = "Machine type or alias (overrides the config file's)",
        };

        public Option<int?> Smp { get; } = new("--smp")
        {
            Description = "Number of vCPUs (default 1; queue counts of some devices follow it)",
        };

        public Option<string?> Hints { get; } = new("--hints")
        {
            Description = "A compat hints file to apply (overrides the config file's)",
        };

        public void AddTo(Command command, bool realize = false)
        {
            command.Options.Add(Device);
            command.Options.Add(Config);
            command.Options.Add(Machine);
            if (realize)
            {
                command.Options.Add(Smp);
                command.Options.Add(Hints);
            }
        }

        /// <summary>Reads the inputs and resolves every option, applying the hints file if any (exit code on failure).</summary>
        public ResolvedMachine? Resolve(ParseResult parse, CliContext context, out int exitCode)
        {
            if (context.Machines(out exitCode) is null) return null;
            ParseResult<MachineConfig> config = Read(parse, context.Catalog);
            if (!config.Succeeded)
            {
                exitCode = context.Fail(config.Errors);
                return null;
            }
            int? smp = parse.GetValue(Smp);
            if (smp is < 1 or > 1024)
            {
                exitCode = context.Fail("--smp must be from 1 to 1024, not " + smp);
                return null;
            }
            // --hints overrides the config file's; the resolver reads the file (and fails if it cannot).
            MachineConfig machine = config.Value! with { Smp = smp ?? config.Value!.Smp, HintsPath = parse.GetValue(Hints) ?? config.Value!.HintsPath };
            ParseResult<ResolvedMachine> resolved = CompatResolver.Resolve(machine, context.Catalog);
            if (!resolved.Succeeded)
            {
                exitCode = context.Fail(resolved.Errors);
                return null;
            }
            foreach (IgnoredHint ignored in resolved.Value!.IgnoredHints)
            {
                context.Error.WriteLine("note: hints record '" + ignored.Key + "' (" + ignored.Driver + ") ignored: " + ignored.Reason);
            }
            return resolved.Value;
        }

        /// <summary>Reads the config file (if any), then the <c>--device</c> strings; all-or-nothing.</summary>
        public ParseResult<MachineConfig> Read(ParseResult parse, DeviceCatalog catalog)
        {
            var errors = new List<ConfigError>();
            string? machine = null, hints = null;
            int? smp = null;
            var devices = new List<(Device, SourceLocation)>();
            string? configPath = parse.GetValue(Config);
            if (configPath is not null)
            {
                ParseResult<MachineConfig> file = JsonConfigReader.ReadMachineConfigFile(configPath, catalog);
                if (!file.Succeeded) return file;
                machine = file.Value!.Machine;
                hints = file.Value.HintsPath;
                smp = file.Value.Smp;
                for (int i = 0; i < file.Value.Devices.Length; i++) devices.Add((file.Value.Devices[i], file.Value.LocationOf(i)));
            }
            string[] strings = parse.GetValue(Device) ?? System.Array.Empty<string>();
            for (int i = 0; i < strings.Length; i++)
            {
                string source = "--device #" + (i + 1).ToString(CultureInfo.InvariantCulture);
                ParseResult<Device> device = KeyvalParser.ParseDevice(strings[i], catalog, source);
                if (device.Succeeded) devices.Add((device.Value!, new SourceLocation(source, 0, 1)));
                else errors.AddRange(device.Errors);
            }
            if (errors.Count > 0) return ParseResult<MachineConfig>.Failure(errors);
            return MachineConfig.Create(parse.GetValue(Machine) ?? machine, hints, smp, devices);
        }
    }
}
