using System.Text;
using System.Text.Json;

namespace DeviceModel
{
    /// <summary>Writes devices back as <c>-device</c> strings and JSON objects that the parsers read back to equal devices.</summary>
    public static class KeyvalFormatter
    {
        /// <summary>
        /// <c>driver,id=…,bus=…,opt=value…</c> with every explicitly set option (or every option with
        /// <paramref name="allOptions"/>), in ordinal order of names; commas in values doubled.
        /// </summary>
        public static string Format(Device device, bool allOptions = false)
        {
            var sb = new StringBuilder(device.Info.Name);
            if (device.Id is not null) sb.Append(",id=").Append(device.Id);
            if (device.Bus is not null) sb.Append(",bus=").Append(device.Bus);
            foreach (OptionInfo option in device.Info.Options)
            {
                if (!allOptions && device.SourceOf(option.Index) != OptionSource.Explicit) continue;
                OptionValue value = device.GetOption(option.Index);
                if (value.IsNull) continue;
                sb.Append(',').Append(option.Name).Append('=').Append(value.ToString().Replace(",", ",,"));
            }
            return sb.ToString();
        }

        /// <summary>Writes the device as a JSON object, like <see cref="Format"/>; values as JSON booleans, numbers or strings.</summary>
        public static void WriteJson(Utf8JsonWriter writer, Device device, bool allOptions = false)
        {
            writer.WriteStartObject();
            writer.WriteString("driver", device.Info.Name);
            if (device.Id is not null) writer.WriteString("id", device.Id);
            if (device.Bus is not null) writer.WriteString("bus", device.Bus);
            foreach (OptionInfo option in device.Info.Options)
            {
                if (!allOptions && device.SourceOf(option.Index) != OptionSource.Explicit) continue;
                writer.WritePropertyName(option.Name);
                WriteValue(writer, device.GetOption(option.Index));
            }
            writer.WriteEndObject();
        }

        /// <summary>
        /// Writes one value: bools as JSON booleans, integers (sizes in bytes) as numbers, everything else
        /// (OnOffAuto, MAC, PCI address, strings, enums, auto) as strings; unset as null.
        /// </summary>
        public static void WriteValue(Utf8JsonWriter writer, in OptionValue value)
        {
            if (value.IsNull) { writer.WriteNullValue(); return; }
            if (value.IsAuto && value.Kind != OptionKind.OnOffAuto) { writer.WriteStringValue("auto"); return; }
            switch (value.Kind)
            {
                case OptionKind.Bool: writer.WriteBooleanValue(value.Bool); break;
                case OptionKind.Int8:
                case OptionKind.Int16:
                case OptionKind.Int32:
                case OptionKind.Int64: writer.WriteNumberValue(value.Int64); break;
                case OptionKind.UInt8:
                case OptionKind.UInt16:
                case OptionKind.UInt32:
                case OptionKind.UInt64:
                case OptionKind.Size: writer.WriteNumberValue(value.Bits); break;
                default: writer.WriteStringValue(value.ToString()); break;
            }
        }
    }
}
