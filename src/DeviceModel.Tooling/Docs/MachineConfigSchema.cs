using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DeviceModel.Catalog;
using DeviceModel.Config;

namespace DeviceModel.Tooling.Docs
{
    /// <summary>
    /// The JSON Schema (draft 2020-12) of a product's machine config file, as <see cref="JsonConfigReader"/> reads it:
    /// <c>machine</c> (a machine type name or alias), <c>smp</c>, <c>hints</c> and <c>devices</c>, each device a
    /// <c>-device</c> string or an object with <c>driver</c>, <c>id</c>, <c>bus</c> and the options of that driver.
    /// <para>An option's value may be its JSON type (a boolean for <c>bool</c>, an integer within the option's
    /// limits for integers and sizes) or, as the reader accepts, a string in the value syntax (<c>"on"</c>,
    /// <c>"0x10"</c>, <c>"4k"</c>), checked by pattern: the schema never rejects a config the reader takes, except
    /// for range checks a pattern cannot express on strings. Nullable options also accept <c>null</c>.</para>
    /// </summary>
    public static class MachineConfigSchema
    {
        /// <summary>The dialect the schema declares.</summary>
        public const string Dialect = "https://json-schema.org/draft/2020-12/schema";

        /// <summary>The schema file name the reference uses.</summary>
        public const string FileName = "machine-config.schema.json";

        private const string UnsignedInteger = "0[xX][0-9a-fA-F]+|0|[1-9][0-9]*";

        /// <summary>The schema as indented JSON text with <c>\n</c> line endings and a final newline.</summary>
        public static string Generate(DeviceCatalog catalog)
        {
            ArgumentNullException.ThrowIfNull(catalog);
            using var stream = new MemoryStream();
            var options = new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            using (var writer = new Utf8JsonWriter(stream, options)) Write(writer, catalog);
            return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
        }

        /// <summary>Writes the schema to <paramref name="writer"/>.</summary>
        public static void Write(Utf8JsonWriter writer, DeviceCatalog catalog)
        {
            ArgumentNullException.ThrowIfNull(writer);
            ArgumentNullException.ThrowIfNull(catalog);
            MachineCatalog machines = catalog.RequireMachines();
            writer.WriteStartObject();
            writer.WriteString("$schema", Dialect);
            writer.WriteString("title", machines.ProductName + " " + machines.ProductVersion + " machine configuration");
            writer.WriteString("description", "A machine config file: the machine type, the vCPU count, an optional compat hints file and the devices, "
                + "each a JSON object or a QEMU -device string.");
            writer.WriteString("type", "object");
            writer.WriteStartObject("properties");

            writer.WriteStartObject("machine");
            writer.WriteString("description", "Machine type or alias; the default is " + machines.Default.Name + ".");
            writer.WriteString("default", machines.Default.Name);
            writer.WriteStartArray("enum");
            foreach (string name in MachineNames(machines)) writer.WriteStringValue(name);
            writer.WriteEndArray();
            writer.WriteEndObject();

            writer.WriteStartObject("smp");
            writer.WriteString("description", "Number of vCPUs (queue counts of some devices follow it).");
            writer.WriteString("type", "integer");
            writer.WriteNumber("minimum", 1);
            writer.WriteNumber("maximum", 1024);
            writer.WriteNumber("default", 1);
            writer.WriteEndObject();

            writer.WriteStartObject("hints");
            writer.WriteString("description", "A compat hints file to apply; a relative path is relative to the config file.");
            writer.WriteString("type", "string");
            writer.WriteNumber("minLength", 1);
            writer.WriteEndObject();

            writer.WriteStartObject("devices");
            writer.WriteString("description", "The devices, in order: JSON objects or -device strings.");
            writer.WriteString("type", "array");
            writer.WriteStartObject("items");
            writer.WriteStartArray("oneOf");
            writer.WriteStartObject();
            writer.WriteString("$ref", "#/$defs/keyval");
            writer.WriteEndObject();
            foreach (DeviceInfo device in catalog.Devices)
            {
                writer.WriteStartObject();
                writer.WriteString("$ref", "#/$defs/" + DefinitionOf(device));
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();

            writer.WriteEndObject(); // properties
            writer.WriteBoolean("additionalProperties", false);

            writer.WriteStartObject("$defs");
            writer.WriteStartObject("keyval");
            writer.WriteString("description", "A device as a QEMU -device string: DRIVER,id=ID,option=value,… (',,' escapes a comma).");
            writer.WriteString("type", "string");
            writer.WriteString("pattern", KeyvalPattern(catalog));
            writer.WriteEndObject();
            WriteValueDefinitions(writer);
            foreach (DeviceInfo device in catalog.Devices) WriteDevice(writer, device);
            writer.WriteEndObject();

            writer.WriteEndObject();
        }

        /// <summary>Machine names in catalog order, then the aliases.</summary>
        private static List<string> MachineNames(MachineCatalog machines)
        {
            var names = new List<string>();
            foreach (MachineType machine in machines.Machines) names.Add(machine.Name);
            foreach (MachineType machine in machines.Machines) names.AddRange(machine.Aliases);
            return names;
        }

        private static string KeyvalPattern(DeviceCatalog catalog)
        {
            var names = new List<string>();
            foreach (DeviceInfo device in catalog.Devices) names.Add(EscapeRegex(device.Name));
            return "^(" + string.Join("|", names) + ")(,.*)?$";
        }

        /// <summary>The name of a device type's schema under <c>$defs</c> (prefixed, so no device name collides with a value syntax's).</summary>
        public static string DefinitionOf(DeviceInfo device) => "device:" + device.Name;

        private static void WriteDevice(Utf8JsonWriter writer, DeviceInfo device)
        {
            writer.WriteStartObject(DefinitionOf(device));
            if (device.Description is not null) writer.WriteString("description", device.Description);
            writer.WriteString("type", "object");
            writer.WriteStartObject("properties");
            writer.WriteStartObject("driver");
            writer.WriteString("const", device.Name);
            writer.WriteEndObject();
            writer.WriteStartObject("id");
            writer.WriteString("description", "The device id: names the device in hints files and error messages.");
            writer.WriteString("$ref", "#/$defs/id");
            writer.WriteEndObject();
            writer.WriteStartObject("bus");
            writer.WriteString("description", "The id of the port or bridge the device sits behind; absent for the root bus.");
            writer.WriteString("$ref", "#/$defs/id");
            writer.WriteEndObject();
            foreach (OptionInfo option in device.Options) WriteOption(writer, option);
            writer.WriteEndObject();
            writer.WriteStartArray("required");
            writer.WriteStringValue("driver");
            writer.WriteEndArray();
            writer.WriteBoolean("additionalProperties", false);
            writer.WriteEndObject();
        }

        private static void WriteOption(Utf8JsonWriter writer, OptionInfo option)
        {
            writer.WriteStartObject(option.Name);
            string description = option.Description ?? "";
            if (option.HostOnly) description = Sentence(description) + "Host-only: never guest-visible, never versioned.";
            string history = HistoryText(option);
            if (history.Length > 0) description = Sentence(description) + "Compat: " + history + ".";
            if (description.Length > 0) writer.WriteString("description", description);
            if (!option.Default.IsNull)
            {
                writer.WritePropertyName("default");
                KeyvalFormatter.WriteValue(writer, option.Default);
            }
            bool auto = option.IsAuto && option.Kind != OptionKind.OnOffAuto && option.Kind != OptionKind.Enum;
            var alternatives = new List<Action>();
            switch (option.Kind)
            {
                case OptionKind.Bool: alternatives.Add(() => Ref(writer, "bool")); break;
                case OptionKind.OnOffAuto: alternatives.Add(() => Ref(writer, "on-off-auto")); break;
                case OptionKind.MacAddress: alternatives.Add(() => Ref(writer, "mac-address")); break;
                case OptionKind.PciAddress: alternatives.Add(() => Ref(writer, "pci-address")); break;
                case OptionKind.String: alternatives.Add(() => Type(writer, "string")); break;
                case OptionKind.Enum:
                    alternatives.Add(() =>
                    {
                        var names = new List<string>(option.EnumNames.ToArray());
                        if (option.IsAuto && !names.Contains("auto")) names.Add("auto");
                        Enum(writer, names);
                    });
                    break;
                case OptionKind.Size:
                    alternatives.Add(() => Integer(writer, option));
                    alternatives.Add(() => Ref(writer, "size-text"));
                    break;
                default:
                    alternatives.Add(() => Integer(writer, option));
                    alternatives.Add(() => Ref(writer, ValueSyntax.IsSigned(option.Kind) ? "signed-text" : "unsigned-text"));
                    break;
            }
            if (auto) alternatives.Add(() => { writer.WriteStartObject(); writer.WriteString("const", "auto"); writer.WriteEndObject(); });
            if (option.IsNullable) alternatives.Add(() => Type(writer, "null"));
            writer.WriteStartArray("anyOf");
            foreach (Action alternative in alternatives) alternative();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        /// <summary>The value syntaxes options share, as strings (JSON booleans and numbers are checked inline).</summary>
        private static void WriteValueDefinitions(Utf8JsonWriter writer)
        {
            writer.WriteStartObject("bool");
            writer.WriteString("description", "A JSON boolean, or on/off, yes/no, true/false.");
            writer.WriteStartArray("anyOf");
            Type(writer, "boolean");
            Enum(writer, new[] { "on", "off", "yes", "no", "true", "false" });
            writer.WriteEndArray();
            writer.WriteEndObject();

            writer.WriteStartObject("on-off-auto");
            writer.WriteStartArray("enum");
            foreach (string value in new[] { "on", "off", "auto" }) writer.WriteStringValue(value);
            writer.WriteEndArray();
            writer.WriteEndObject();

            Definition(writer, "unsigned-text", "An unsigned integer as text: decimal without leading zeros, or 0x hex.", "^\\+?(" + UnsignedInteger + ")$");
            Definition(writer, "signed-text", "A signed integer as text: decimal without leading zeros, or 0x hex.", "^[-+]?(" + UnsignedInteger + ")$");
            Definition(writer, "size-text", "A size in bytes as text: decimal or 0x hex, with an optional k/M/G/T/P/E suffix (powers of 1024), e.g. 4k or 1.5G.",
                "^(0[xX][0-9a-fA-F]+|(0|[1-9][0-9]*)(\\.[0-9]+)?[bBkKmMgGtTpPeE]?)$");
            Definition(writer, "mac-address", "A MAC address xx:xx:xx:xx:xx:xx.", "^[0-9a-fA-F]{2}([:-][0-9a-fA-F]{2}){5}$");
            Definition(writer, "pci-address", "A PCI slot and optional function, in hex: slot 00-1f, function 0-7 (06 or 06.0).", "^(0?[0-9a-fA-F]|1[0-9a-fA-F])(\\.[0-7])?$");
            Definition(writer, "id", "An identifier: a letter, then letters, digits, '-', '.' or '_'.", "^[A-Za-z][A-Za-z0-9._-]*$");
        }

        private static void Definition(Utf8JsonWriter writer, string name, string description, string pattern)
        {
            writer.WriteStartObject(name);
            writer.WriteString("description", description);
            writer.WriteString("type", "string");
            writer.WriteString("pattern", pattern);
            writer.WriteEndObject();
        }

        private static void Integer(Utf8JsonWriter writer, OptionInfo option)
        {
            writer.WriteStartObject();
            writer.WriteString("type", "integer");
            if (ValueSyntax.IsSigned(option.Kind))
            {
                writer.WriteNumber("minimum", unchecked((long)option.Min));
                writer.WriteNumber("maximum", unchecked((long)option.Max));
            }
            else
            {
                writer.WriteNumber("minimum", option.Min);
                writer.WriteNumber("maximum", option.Max);
            }
            writer.WriteEndObject();
        }

        private static void Ref(Utf8JsonWriter writer, string definition)
        {
            writer.WriteStartObject();
            writer.WriteString("$ref", "#/$defs/" + definition);
            writer.WriteEndObject();
        }

        private static void Type(Utf8JsonWriter writer, string type)
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            writer.WriteEndObject();
        }

        private static void Enum(Utf8JsonWriter writer, IEnumerable<string> values)
        {
            writer.WriteStartObject();
            writer.WriteStartArray("enum");
            foreach (string value in values) writer.WriteStringValue(value);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        /// <summary><c>3 before 6.0</c> (<c>off before pc-q35-6.2</c> for a family-scoped entry), oldest first, with the author's reason when there is one.</summary>
        internal static string HistoryText(OptionInfo option)
        {
            var parts = new List<string>(option.History.Length);
            foreach (CompatEntry entry in option.History)
            {
                string value = entry.Value.IsNull ? "none" : entry.Value.ToString();
                parts.Add(value + " before " + entry.SinceText + (entry.Reason is null ? "" : " (" + entry.Reason + ")"));
            }
            return string.Join(", ", parts);
        }

        private static string Sentence(string text) =>
            text.Length == 0 ? "" : text.EndsWith('.') ? text + " " : text + ". ";

        private static string EscapeRegex(string text)
        {
            var sb = new StringBuilder(text.Length);
            foreach (char c in text)
            {
                if ("\\^$.|?*+()[]{}/".IndexOf(c, StringComparison.Ordinal) >= 0) sb.Append('\\');
                sb.Append(c);
            }
            return sb.ToString();
        }
    }
}
