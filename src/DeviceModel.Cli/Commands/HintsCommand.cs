using System;
using System.Collections.Generic;
using System.CommandLine;
using DeviceModel.Config;
using DeviceModel.Hints;
using DeviceModel.Compat;

namespace DeviceModel.Cli.Commands
{
    /// <summary><c>devmodel hints dump|show</c>: write a resolved configuration's compat hints file, or render one as JSON.</summary>
    internal static class HintsCommand
    {
        public static Command Create(CliContext context)
        {
            var command = new Command("hints", "Dump or show compat hints files");

            var inputs = new ConfigInputs();
            var output = new Option<string>("--output", "-o") { Description = "The hints file to write (atomically)", Required = true };
            var dump = new Command("dump", "Resolve the configuration and write its compat hints file: every guest-visible option of every device");
            inputs.AddTo(dump, realize: true);
            dump.Options.Add(output);
            dump.SetAction(parse =>
            {
                ResolvedMachine? resolved = inputs.Resolve(parse, context, out int exit);
                if (resolved is null) return exit;
                string path = parse.GetValue(output)!;
                var machines = context.Catalog.RequireMachines();
                try
                {
                    resolved.WriteHintsFile(path, machines); // encoded straight from the resolved devices
                }
                catch (ArgumentException e) when (e.ParamName is null)
                {
                    // Serialize's documented refusal: the resolved configuration exceeds a format limit.
                    return context.Fail("cannot write hints file " + path + ": " + e.Message);
                }
                catch (Exception e) when (CliContext.IsPathError(e))
                {
                    return context.FailPath("write hints file", path, e);
                }
                context.Error.WriteLine("wrote " + path + ": " + resolved.Devices.Length + " device record(s), machine " + resolved.Machine.Name + ", producer " + machines.ProductVersion);
                return ExitCodes.Success;
            });
            command.Subcommands.Add(dump);

            var file = new Argument<string>("FILE") { Description = "A compat hints file" };
            var show = new Command("show", "Validate a compat hints file and print it as JSON");
            show.Arguments.Add(file);
            show.SetAction(parse =>
            {
                ParseResult<HintsFile> read = HintsFileReader.ReadFile(parse.GetValue(file)!, context.Catalog);
                if (!read.Succeeded) return context.Fail(read.Errors);
                HintsFile hints = read.Value!;
                context.WriteJson(w =>
                {
                    w.WriteStartObject();
                    w.WriteNumber("format", hints.FormatVersion);
                    w.WriteString("producer", hints.ProducerVersion.ToString());
                    w.WriteString("machine", hints.Machine);
                    w.WriteStartArray("records");
                    foreach (HintsRecord record in hints.Records)
                    {
                        w.WriteStartObject();
                        w.WriteString("key", record.Key);
                        w.WriteString("driver", record.Driver);
                        w.WriteStartObject("options");
                        foreach (KeyValuePair<string, OptionValue> pair in record.Values)
                        {
                            w.WritePropertyName(pair.Key);
                            KeyvalFormatter.WriteValue(w, pair.Value);
                        }
                        w.WriteEndObject();
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteEndObject();
                });
                return ExitCodes.Success;
            });
            command.Subcommands.Add(show);
            return command;
        }
    }
}
