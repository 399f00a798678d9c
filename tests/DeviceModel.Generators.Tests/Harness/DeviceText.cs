using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using DeviceModel.Catalog;
using DeviceModel.Config;

namespace DeviceModel.Generators.Tests.Harness
{
    /// <summary>Renders what the runtime sees of generated devices as text, so tests compare readable blocks.</summary>
    internal static class DeviceText
    {
        /// <summary>An option value: its value syntax, <c>&lt;null&gt;</c> when unset.</summary>
        public static string Value(OptionValue value) => value.IsNull ? "<null>" : value.ToString();

        /// <summary><c>name=default</c>, one line per option, in descriptor order.</summary>
        public static string Defaults(DeviceInfo device) =>
            string.Join("\n", device.Options.Select(o => o.Name + "=" + Value(o.Default)));

        /// <summary><c>name: since=value (reason); …</c> for every option with a history.</summary>
        public static string Histories(DeviceInfo device) =>
            string.Join("\n", device.Options.Where(o => o.History.Length > 0).Select(o => o.Name + ": " + string.Join("; ",
                o.History.Select(e => e.Since + "=" + Value(e.Value) + (e.Reason is null ? "" : " (" + e.Reason + ")")))));

        /// <summary>The device as a JSON object, as <see cref="KeyvalFormatter.WriteJson"/> writes it.</summary>
        public static string Json(Device device)
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                KeyvalFormatter.WriteJson(writer, device);
            }
            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }

        /// <summary>Option by option, where two devices of the same type differ in value or provenance; empty when equal.</summary>
        public static IReadOnlyList<string> Differences(Device expected, Device actual)
        {
            var differences = new List<string>();
            if (!ReferenceEquals(expected.Info, actual.Info)) differences.Add("type: " + expected.Info.Name + " != " + actual.Info.Name);
            if (expected.Id != actual.Id) differences.Add("id: " + expected.Id + " != " + actual.Id);
            if (expected.Bus != actual.Bus) differences.Add("bus: " + expected.Bus + " != " + actual.Bus);
            if (differences.Count > 0) return differences;
            foreach (OptionInfo option in expected.Info.Options)
            {
                OptionValue a = expected.GetOption(option.Index), b = actual.GetOption(option.Index);
                if (a != b) differences.Add(option.Name + ": " + Value(a) + " (" + a.Kind + ") != " + Value(b) + " (" + b.Kind + ")");
                if (expected.SourceOf(option.Index) != actual.SourceOf(option.Index))
                {
                    differences.Add(option.Name + ": source " + expected.SourceOf(option.Index) + " != " + actual.SourceOf(option.Index));
                }
            }
            return differences;
        }

        /// <summary>Parses a <c>-device</c> string, failing with the errors if it does not parse.</summary>
        public static Device ParseKeyval(string text, DeviceCatalog catalog)
        {
            ParseResult<Device> result = KeyvalParser.ParseDevice(text, catalog);
            Assert.True(result.Succeeded, "'" + text + "' does not parse:\n" + string.Join("\n", result.Errors));
            return result.Value!;
        }

        /// <summary>Parses a JSON device object, failing with the errors if it does not parse.</summary>
        public static Device ParseJson(string json, DeviceCatalog catalog)
        {
            ParseResult<Device> result = JsonConfigReader.ParseDevice(json, catalog);
            Assert.True(result.Succeeded, json + " does not parse:\n" + string.Join("\n", result.Errors));
            return result.Value!;
        }
    }
}
