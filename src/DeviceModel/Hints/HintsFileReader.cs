using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Text;
using DeviceModel.Catalog;
using DeviceModel.Config;

namespace DeviceModel.Hints
{
    /// <summary>The fixed header of a hints file, readable without decoding the payload.</summary>
    public sealed record HintsHeader(int FormatVersion, MachineVersion ProducerVersion, string Machine, int RecordCount, int PayloadLength);

    /// <summary>
    /// Reads hints files, strictly: size limits, magic, format version, lengths and CRC-32C first, then every record
    /// against the catalog. Truncated, corrupt or unknown-format files and records holding options this version does
    /// not know are errors naming the byte offset (and the device and option); nothing is silently dropped.
    /// </summary>
    public static class HintsFileReader
    {
        private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        /// <summary>Reads and validates a hints file from disk.</summary>
        public static ParseResult<HintsFile> ReadFile(string path, DeviceCatalog catalog)
        {
            byte[] bytes;
            try
            {
                var info = new FileInfo(path);
                if (!info.Exists) return Fail(path, 0, Directory.Exists(path) ? "a directory, not a hints file" : "hints file not found", ConfigErrorKind.Io);
                if (info.Length > HintsFileFormat.MaxFileSize) return Fail(path, HintsFileFormat.MaxFileSize, "hints file is " + info.Length + " bytes, more than the limit of " + HintsFileFormat.MaxFileSize, ConfigErrorKind.Io);
                bytes = File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                return Fail(path, 0, "cannot read hints file: " + (e is IOException or UnauthorizedAccessException ? e.Message : "not a valid path"), ConfigErrorKind.Io);
            }
            return Read(bytes, catalog, path);
        }

        /// <summary>Reads only the fixed header (no checksum or payload validation).</summary>
        public static ParseResult<HintsHeader> ReadHeader(ReadOnlySpan<byte> file, string? path = null)
        {
            var errors = new List<ConfigError>();
            HintsHeader? header = ParseHeader(file, path, errors);
            return header is not null ? ParseResult<HintsHeader>.Success(header) : ParseResult<HintsHeader>.Failure(errors);
        }

        /// <summary>Reads and validates a hints file.</summary>
        public static ParseResult<HintsFile> Read(ReadOnlySpan<byte> file, DeviceCatalog catalog, string? path = null)
        {
            var errors = new List<ConfigError>();
            HintsHeader? header = ParseHeader(file, path, errors);
            if (header is null) return ParseResult<HintsFile>.Failure(errors);
            int expected = HintsFileFormat.HeaderSize + header.PayloadLength;
            if (file.Length < expected) return Fail(path, file.Length, "truncated: the header announces " + expected + " bytes, the file has " + file.Length);
            if (file.Length > expected) return Fail(path, expected, "trailing data: the header announces " + expected + " bytes, the file has " + file.Length);
            uint stored = BinaryPrimitives.ReadUInt32LittleEndian(file.Slice(HintsFileFormat.ChecksumOffset));
            uint computed = HintsFileFormat.Checksum(file);
            if (stored != computed) return Fail(path, HintsFileFormat.ChecksumOffset, "checksum mismatch (stored 0x" + stored.ToString("x8") + ", computed 0x" + computed.ToString("x8") + "): the file is corrupt");

            var cursor = new Cursor(file, HintsFileFormat.HeaderSize, path);
            var records = new List<HintsRecord>(header.RecordCount);
            var keys = new HashSet<string>(StringComparer.Ordinal);
            bool[] seenBuffer = new bool[64];
            try
            {
                for (int r = 0; r < header.RecordCount; r++)
                {
                    int recordOffset = cursor.Offset;
                    byte tag = cursor.U8("record tag");
                    if (tag != HintsFileFormat.RecordTag) throw cursor.Error(recordOffset, "expected a record tag 0x52, found 0x" + tag.ToString("x2"));
                    string key = cursor.String8("record key");
                    if (!IsValidKey(key)) throw cursor.Error(recordOffset, "record key '" + key + "' is neither a device id (a letter, then letters, digits, '-', '.' or '_') nor addr:SS.F");
                    if (!keys.Add(key)) throw cursor.Error(recordOffset, "two records have key '" + key + "'");
                    int driverOffset = cursor.Offset;
                    string driver = cursor.String8("driver");
                    DeviceInfo? info = catalog.Find(driver);
                    if (info is null) throw cursor.Error(driverOffset, "record '" + key + "' is for device type '" + driver + "', which this version does not know", driver, key);
                    int count = cursor.U16("option count");
                    if (count > HintsFileFormat.MaxOptionsPerRecord) throw cursor.Error(cursor.Offset - 2, "record '" + key + "' has " + count + " options, more than the limit of " + HintsFileFormat.MaxOptionsPerRecord, driver, key);
                    var values = new List<KeyValuePair<string, OptionValue>>(count);
                    if (seenBuffer.Length < info.Options.Length) seenBuffer = new bool[info.Options.Length];
                    Span<bool> seen = seenBuffer.AsSpan(0, info.Options.Length);
                    seen.Clear();
                    for (int i = 0; i < count; i++)
                    {
                        int optionOffset = cursor.Offset;
                        // Option names are looked up through the generated switch without allocating a string.
                        int index = cursor.OptionIndex(info, out string? unknown);
                        if (index < 0) throw cursor.Error(optionOffset, "this version does not know the option (a newer producer, or a removed option)", driver, key, unknown);
                        OptionInfo option = info.Options[index];
                        string name = option.Name;
                        if (option.HostOnly) throw cursor.Error(optionOffset, "host-only options never belong in hints", driver, key, name);
                        if (seen[index]) throw cursor.Error(optionOffset, "option recorded twice", driver, key, name);
                        seen[index] = true;
                        int kindOffset = cursor.Offset;
                        var kind = (OptionKind)cursor.U8("value kind");
                        if (kind != option.Kind) throw cursor.Error(kindOffset, "recorded as " + ValueSyntax.TypeName(kind) + " but the option is " + ValueSyntax.TypeName(option.Kind), driver, key, name);
                        byte state = cursor.U8("value state");
                        OptionValue value;
                        int valueOffset = cursor.Offset;
                        switch (state)
                        {
                            case HintsFileFormat.StateNull:
                                value = OptionValue.Null(kind);
                                break;
                            case HintsFileFormat.StateAuto:
                                value = OptionValue.AutoValue(kind);
                                break;
                            case HintsFileFormat.StateValue:
                                value = ReadValue(ref cursor, option, driver, key);
                                break;
                            default:
                                throw cursor.Error(valueOffset - 1, "unknown value state " + state, driver, key, name);
                        }
                        if (!option.Accepts(value)) throw cursor.Error(valueOffset, "value '" + value + "' does not fit; expected " + option.Expected, driver, key, name, value.ToString());
                        values.Add(new KeyValuePair<string, OptionValue>(name, value));
                    }
                    records.Add(new HintsRecord(key, driver, values));
                }
                if (cursor.Offset != file.Length) throw cursor.Error(cursor.Offset, "payload has " + (file.Length - cursor.Offset) + " bytes after the last of " + header.RecordCount + " records");
            }
            catch (HintsFormatException e)
            {
                return ParseResult<HintsFile>.Failure(new[] { e.Error });
            }
            return ParseResult<HintsFile>.Success(new HintsFile(header.ProducerVersion, header.Machine, records, path, header.FormatVersion));
        }

        private static OptionValue ReadValue(ref Cursor cursor, OptionInfo option, string driver, string key)
        {
            int offset = cursor.Offset;
            switch (option.Kind)
            {
                case OptionKind.Bool:
                    byte b = cursor.U8("bool value");
                    if (b > 1) throw cursor.Error(offset, "bool value must be 0 or 1, found " + b, driver, key, option.Name);
                    return OptionValue.FromBool(b == 1);
                case OptionKind.String:
                case OptionKind.Enum:
                    string text = cursor.String16("value");
                    // Through the one value-syntax module, like config values.
                    ValueParseError error = option.TryParse(text, out OptionValue parsed);
                    if (error != ValueParseError.None) throw cursor.Error(offset, "'" + text + "' is not a valid value; expected " + option.Expected, driver, key, option.Name, text);
                    return parsed;
                default:
                    ulong bits = cursor.U64("value");
                    if (option.Kind == OptionKind.OnOffAuto) return bits <= 2 ? OptionValue.FromOnOffAuto((OnOffAuto)bits) : throw cursor.Error(offset, "OnOffAuto value " + bits + " is not 0, 1 or 2", driver, key, option.Name);
                    if (option.Kind == OptionKind.MacAddress) return bits <= 0xFFFF_FFFF_FFFFUL ? OptionValue.FromMac(new MacAddress(bits)) : throw cursor.Error(offset, "MAC value is wider than 48 bits", driver, key, option.Name);
                    if (option.Kind == OptionKind.PciAddress) return bits <= 0xFF ? OptionValue.FromPciAddress(PciAddress.FromDevFn((int)bits)) : throw cursor.Error(offset, "PCI devfn " + bits + " is above 0xff", driver, key, option.Name);
                    if (option.CheckInteger(bits, out OptionValue integer) != ValueParseError.None)
                    {
                        throw cursor.Error(offset, "value " + ValueSyntax.FormatInteger(bits, option.Kind) + " is out of range; expected " + option.Expected, driver, key, option.Name);
                    }
                    return integer;
            }
        }

        private static HintsHeader? ParseHeader(ReadOnlySpan<byte> file, string? path, List<ConfigError> errors)
        {
            ConfigError At(int offset, string message) => new(ConfigErrorKind.Syntax, message + " (byte offset " + offset + ")", new SourceLocation(path, 0, 0));
            if (file.Length > HintsFileFormat.MaxFileSize) { errors.Add(At(HintsFileFormat.MaxFileSize, "hints file is larger than the limit of " + HintsFileFormat.MaxFileSize + " bytes")); return null; }
            int magicLength = Math.Min(file.Length, HintsFileFormat.Magic.Length);
            if (!file.Slice(0, magicLength).SequenceEqual(HintsFileFormat.Magic.Slice(0, magicLength)))
            {
                int at = 0;
                while (at < magicLength && file[at] == HintsFileFormat.Magic[at]) at++;
                errors.Add(At(at, "not a DeviceModel hints file (bad magic)"));
                return null;
            }
            if (file.Length < HintsFileFormat.HeaderSize) { errors.Add(At(file.Length, "truncated: the header needs " + HintsFileFormat.HeaderSize + " bytes, the file has " + file.Length)); return null; }
            int format = BinaryPrimitives.ReadUInt16LittleEndian(file.Slice(HintsFileFormat.FormatVersionOffset));
            if (format != HintsFile.CurrentFormatVersion) { errors.Add(At(HintsFileFormat.FormatVersionOffset, "unknown hints format version " + format + " (this version reads " + HintsFile.CurrentFormatVersion + ")")); return null; }
            int headerSize = BinaryPrimitives.ReadUInt16LittleEndian(file.Slice(HintsFileFormat.HeaderSizeOffset));
            if (headerSize != HintsFileFormat.HeaderSize) { errors.Add(At(HintsFileFormat.HeaderSizeOffset, "header size " + headerSize + " is not " + HintsFileFormat.HeaderSize)); return null; }
            int major = BinaryPrimitives.ReadUInt16LittleEndian(file.Slice(HintsFileFormat.ProducerOffset));
            int minor = BinaryPrimitives.ReadUInt16LittleEndian(file.Slice(HintsFileFormat.ProducerOffset + 2));
            int patch = BinaryPrimitives.ReadUInt16LittleEndian(file.Slice(HintsFileFormat.ProducerOffset + 4));
            var producer = new MachineVersion(major, minor, patch);
            if (!producer.IsValid) { errors.Add(At(HintsFileFormat.ProducerOffset, "producer version 0.0 is not a version")); return null; }
            int flags = BinaryPrimitives.ReadUInt16LittleEndian(file.Slice(HintsFileFormat.FlagsOffset));
            if (flags != 0) { errors.Add(At(HintsFileFormat.FlagsOffset, "unknown flags 0x" + flags.ToString("x4"))); return null; }
            uint records = BinaryPrimitives.ReadUInt32LittleEndian(file.Slice(HintsFileFormat.RecordCountOffset));
            if (records > HintsFileFormat.MaxRecords) { errors.Add(At(HintsFileFormat.RecordCountOffset, records + " records is more than the limit of " + HintsFileFormat.MaxRecords)); return null; }
            uint payload = BinaryPrimitives.ReadUInt32LittleEndian(file.Slice(HintsFileFormat.PayloadLengthOffset));
            if (payload > HintsFileFormat.MaxFileSize - HintsFileFormat.HeaderSize) { errors.Add(At(HintsFileFormat.PayloadLengthOffset, "payload length " + payload + " exceeds the size limit")); return null; }
            ReadOnlySpan<byte> machineBytes = file.Slice(HintsFileFormat.MachineOffset, HintsFileFormat.MachineLength);
            int length = machineBytes.IndexOf((byte)0);
            if (length < 0) length = HintsFileFormat.MachineLength;
            if (length == 0) { errors.Add(At(HintsFileFormat.MachineOffset, "machine type is empty")); return null; }
            for (int i = 0; i < HintsFileFormat.MachineLength; i++)
            {
                byte c = machineBytes[i];
                bool ok = i < length ? c > 0x20 && c < 0x7f : c == 0;
                if (!ok) { errors.Add(At(HintsFileFormat.MachineOffset + i, "machine type field holds a byte 0x" + c.ToString("x2") + " that is not printable ASCII or padding")); return null; }
            }
            return new HintsHeader(format, producer, Encoding.ASCII.GetString(machineBytes.Slice(0, length)), (int)records, (int)payload);
        }

        /// <summary>A record key as the format defines it: a device id, or <c>addr:SS.F</c> in canonical form (as the writer emits it).</summary>
        internal static bool IsValidKey(string key)
        {
            const string AddressPrefix = "addr:";
            if (!key.StartsWith(AddressPrefix, StringComparison.Ordinal)) return DeviceBuilder.IsValidId(key);
            string address = key.Substring(AddressPrefix.Length);
            return address.Length == 4 && ValueSyntax.ParsePciAddress(address, out int devfn) == ValueParseError.None && PciAddress.FromDevFn(devfn).ToString() == address;
        }

        private static ParseResult<HintsFile> Fail(string? path, int offset, string message, ConfigErrorKind kind = ConfigErrorKind.Syntax) =>
            ParseResult<HintsFile>.Failure(new[] { new ConfigError(kind, message + " (byte offset " + offset + ")", new SourceLocation(path, 0, 0)) });

        private sealed class HintsFormatException : Exception
        {
            public HintsFormatException(ConfigError error) : base(error.ToString()) => Error = error;
            public ConfigError Error { get; }
        }

        /// <summary>Bounds-checked little-endian reads that fail with the byte offset.</summary>
        private ref struct Cursor
        {
            private readonly ReadOnlySpan<byte> _file;
            private readonly string? _path;

            public Cursor(ReadOnlySpan<byte> file, int offset, string? path)
            {
                _file = file;
                Offset = offset;
                _path = path;
            }

            public int Offset { get; private set; }

            public HintsFormatException Error(int offset, string message, string? driver = null, string? key = null, string? option = null, string? value = null) =>
                new(new ConfigError(ConfigErrorKind.InvalidValue, message + " (byte offset " + offset + ")", new SourceLocation(_path, 0, 0), driver,
                    key, option, value));

            private ReadOnlySpan<byte> Take(int count, string what)
            {
                if (_file.Length - Offset < count) throw Error(Offset, "truncated " + what + ": needs " + count + " bytes, " + (_file.Length - Offset) + " left");
                ReadOnlySpan<byte> span = _file.Slice(Offset, count);
                Offset += count;
                return span;
            }

            public byte U8(string what) => Take(1, what)[0];
            public ushort U16(string what) => BinaryPrimitives.ReadUInt16LittleEndian(Take(2, what));
            public ulong U64(string what) => BinaryPrimitives.ReadUInt64LittleEndian(Take(8, what));

            /// <summary>Reads a length-prefixed option name and finds it in <paramref name="info"/>; -1 and the name when unknown.</summary>
            public int OptionIndex(DeviceInfo info, out string? unknown)
            {
                int start = Offset;
                int length = U8("option name length");
                if (length == 0) throw Error(start, "option name is empty");
                ReadOnlySpan<byte> bytes = Take(length, "option name");
                Span<char> chars = stackalloc char[256];
                int count;
                try
                {
                    count = Utf8.GetChars(bytes, chars);
                }
                catch (DecoderFallbackException)
                {
                    throw Error(start, "option name is not valid UTF-8");
                }
                int index = info.IndexOf(chars.Slice(0, count));
                unknown = index < 0 ? chars.Slice(0, count).ToString() : null;
                return index;
            }

            public string String8(string what)
            {
                int start = Offset;
                int length = U8(what + " length");
                if (length == 0) throw Error(start, what + " is empty");
                return Decode(Take(length, what), start, what);
            }

            public string String16(string what)
            {
                int start = Offset;
                int length = U16(what + " length");
                if (length > HintsFileFormat.MaxStringBytes) throw Error(start, what + " is " + length + " bytes, more than the limit of " + HintsFileFormat.MaxStringBytes);
                return Decode(Take(length, what), start, what);
            }

            private string Decode(ReadOnlySpan<byte> bytes, int start, string what)
            {
                try
                {
                    return Utf8.GetString(bytes);
                }
                catch (DecoderFallbackException)
                {
                    throw Error(start, what + " is not valid UTF-8");
                }
            }
        }
    }
}
