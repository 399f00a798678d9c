using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Collections.Immutable;
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
            try
            {
                ImmutableArray<HintsRecord> records = header.FormatVersion == 1 ? ReadRecordsV1(ref cursor, header, catalog) : ReadRecordsV2(ref cursor, header, catalog);
                if (cursor.Offset != file.Length) throw cursor.Error(cursor.Offset, "payload has " + (file.Length - cursor.Offset) + " bytes after the last of " + header.RecordCount + " records");
                return ParseResult<HintsFile>.Success(new HintsFile(header.ProducerVersion, header.Machine, records, path, header.FormatVersion));
            }
            catch (HintsFormatException e)
            {
                return ParseResult<HintsFile>.Failure(new[] { e.Error });
            }
        }

        /// <summary>Format version 1 (still read, no longer written): each record names its driver and every option, and tags every value.</summary>
        private static ImmutableArray<HintsRecord> ReadRecordsV1(ref Cursor cursor, HintsHeader header, DeviceCatalog catalog)
        {
            var records = ImmutableArray.CreateBuilder<HintsRecord>(header.RecordCount);
            var keys = new HashSet<string>(StringComparer.Ordinal);
            var shapes = new List<HintsShape>();
            int[] indexBuffer = new int[64];
            OptionValue[] valueBuffer = new OptionValue[64];
            bool[] seenBuffer = new bool[64];
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
                if (seenBuffer.Length < info.Options.Length) seenBuffer = new bool[info.Options.Length];
                if (indexBuffer.Length < count)
                {
                    indexBuffer = new int[count];
                    valueBuffer = new OptionValue[count];
                }
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
                            value = ReadValueV1(ref cursor, option, driver, key);
                            break;
                        default:
                            throw cursor.Error(valueOffset - 1, "unknown value state " + state, driver, key, name);
                    }
                    if (!option.Accepts(value)) throw cursor.Error(valueOffset, "value '" + value + "' does not fit; expected " + option.Expected, driver, key, name, value.ToString());
                    indexBuffer[i] = index;
                    valueBuffer[i] = value;
                }
                // Records of one device type with the same options share a shape, as in a version 2 type table.
                ReadOnlySpan<int> indices = indexBuffer.AsSpan(0, count);
                HintsShape? shape = null;
                foreach (HintsShape candidate in shapes)
                {
                    if (ReferenceEquals(candidate.Info, info) && candidate.Indices.AsSpan().SequenceEqual(indices)) { shape = candidate; break; }
                }
                if (shape is null) shapes.Add(shape = HintsShape.Bound(info, indices.ToArray()));
                records.Add(new HintsRecord(key, shape, valueBuffer.AsSpan(0, count).ToArray()));
            }
            return records.MoveToImmutable();
        }

        /// <summary>
        /// Format version 2: a name table, a type table (each entry a driver and its options with their kinds, checked
        /// against the catalog once), then records holding only a type index, a key, the exceptions (unset or auto
        /// options) and the values, decoded straight into each record's value array.
        /// </summary>
        private static ImmutableArray<HintsRecord> ReadRecordsV2(ref Cursor cursor, HintsHeader header, DeviceCatalog catalog)
        {
            // Name table: kept as ranges of the file; names are decoded only where a type or option is looked up.
            int nameCount = cursor.Count("name count", HintsFileFormat.MaxNames, 2);
            var nameRanges = new (int Offset, int Length)[nameCount];
            for (int n = 0; n < nameCount; n++)
            {
                int start = cursor.Offset;
                int length = cursor.VarLength("name length", HintsFileFormat.MaxNameBytes);
                if (length == 0) throw cursor.Error(start, "name " + n + " is empty; expected 1 to " + HintsFileFormat.MaxNameBytes + " UTF-8 bytes");
                int offset = cursor.Offset;
                if (!System.Text.Unicode.Utf8.IsValid(cursor.Bytes(length, "name"))) throw cursor.Error(offset, "name " + n + " is not valid UTF-8");
                nameRanges[n] = (offset, length);
            }

            // Type table: its structure is checked here; each entry is checked against the catalog when the first
            // record that uses it is read, so errors name that record's key as version 1's did.
            int typeCountOffset = cursor.Offset;
            int typeCount = cursor.Count("type count", HintsFileFormat.MaxRecords, 2);
            if (typeCount > header.RecordCount) throw cursor.Error(typeCountOffset, typeCount + " type table entries for " + header.RecordCount + " records; expected at most one entry per record");
            var entryOffsets = new int[typeCount];
            for (int t = 0; t < typeCount; t++)
            {
                entryOffsets[t] = cursor.Offset;
                ReadTypeEntry(ref cursor, nameRanges, t, null, null);
            }
            var shapes = new HintsShape?[typeCount];

            // Records.
            var records = ImmutableArray.CreateBuilder<HintsRecord>(header.RecordCount);
            var keys = new HashSet<string>(header.RecordCount, StringComparer.Ordinal);
            for (int r = 0; r < header.RecordCount; r++)
            {
                int recordOffset = cursor.Offset;
                if (typeCount == 0) throw cursor.Error(recordOffset, "record " + r + " but the type table is empty");
                int type = (int)cursor.VarUInt("type index", (ulong)typeCount - 1);
                int keyOffset = cursor.Offset;
                int keyLength = cursor.VarLength("record key length", HintsFileFormat.MaxNameBytes);
                if (keyLength == 0) throw cursor.Error(keyOffset, "record key is empty; expected a device id or addr:SS.F");
                string key = cursor.Utf8String(keyLength, keyOffset, "record key");
                if (!IsValidKey(key)) throw cursor.Error(keyOffset, "record key '" + key + "' is neither a device id (a letter, then letters, digits, '-', '.' or '_') nor addr:SS.F");
                if (!keys.Add(key)) throw cursor.Error(keyOffset, "two records have key '" + key + "'", null, key);
                HintsShape? shape = shapes[type];
                if (shape is null)
                {
                    var entry = new Cursor(cursor.File, entryOffsets[type], cursor.Path);
                    shape = shapes[type] = ReadTypeEntry(ref entry, nameRanges, type, catalog, key);
                }
                string driver = shape!.Driver;

                var values = new OptionValue[shape.Count];
                int exceptions = cursor.Count("exception count", shape.Count, 2);
                int previous = -1;
                for (int e = 0; e < exceptions; e++)
                {
                    int at = cursor.Offset;
                    ulong position = cursor.VarUInt("exception position", ulong.MaxValue);
                    if (position >= (ulong)shape.Count || (long)position <= previous)
                        throw cursor.Error(at, "exception position " + position + "; expected positions in increasing order, " + (previous + 1) + " to " + (shape.Count - 1), driver, key);
                    previous = (int)position;
                    OptionInfo option = shape.Info!.Options[shape.Indices![previous]];
                    int stateOffset = cursor.Offset;
                    byte state = cursor.U8("exception state");
                    OptionValue value = state switch
                    {
                        HintsFileFormat.StateNull => OptionValue.Null(option.Kind),
                        HintsFileFormat.StateAuto => OptionValue.AutoValue(option.Kind),
                        _ => throw cursor.Error(stateOffset, "exception state " + state + "; expected 1 (unset) or 2 (auto)", driver, key, option.Name),
                    };
                    if (!option.Accepts(value)) throw cursor.Error(stateOffset, "value '" + value + "' does not fit; expected " + option.Expected, driver, key, option.Name, value.ToString());
                    values[previous] = value;
                }
                for (int p = 0; p < values.Length; p++)
                {
                    if (values[p].Kind != 0) continue; // an exception
                    OptionInfo option = shape.Info!.Options[shape.Indices![p]];
                    values[p] = ReadValueV2(ref cursor, option, driver, key);
                }
                records.Add(new HintsRecord(key, shape, values));
            }
            for (int t = 0; t < typeCount; t++)
            {
                if (shapes[t] is null) throw cursor.Error(entryOffsets[t], "type table entry " + t + " is used by no record; expected every entry to be used");
            }
            return records.MoveToImmutable();
        }

        /// <summary>
        /// A type table entry: a driver name index, an option count, then each option's name index and kind. Without a
        /// catalog only the structure is checked (null is returned); with one, the driver and every option are checked
        /// against it for the record <paramref name="key"/>, the first that uses the entry.
        /// </summary>
        private static HintsShape? ReadTypeEntry(ref Cursor cursor, (int Offset, int Length)[] names, int t, DeviceCatalog? catalog, string? key)
        {
            int entryOffset = cursor.Offset;
            int driverIndex = cursor.NameIndex(names, "device type name index");
            DeviceInfo? info = null;
            string? driver = null;
            if (catalog is not null)
            {
                driver = cursor.NameAt(names, driverIndex, entryOffset, "device type name");
                info = catalog.Find(driver);
                if (info is null) throw cursor.Error(entryOffset, "record '" + key + "' is for device type '" + driver + "' (type table entry " + t + "), which this version does not know", driver, key);
            }
            int count = cursor.Count("option count", HintsFileFormat.MaxOptionsPerRecord, 2);
            int[]? indices = info is null ? null : new int[count];
            Span<bool> seen = info is null ? default : info.Options.Length <= 256 ? stackalloc bool[info.Options.Length] : new bool[info.Options.Length];
            for (int p = 0; p < count; p++)
            {
                int optionOffset = cursor.Offset;
                int nameIndex = cursor.NameIndex(names, "option name index");
                int kindOffset = cursor.Offset;
                var kind = (OptionKind)cursor.U8("option kind");
                if (kind is < OptionKind.Bool or > OptionKind.Enum) throw cursor.Error(kindOffset, "option kind " + (int)kind + " is not a kind this format defines (1 to 15)");
                if (info is null) continue;
                int index = cursor.OptionIndex(names, nameIndex, info, out string? unknown);
                if (index < 0) throw cursor.Error(optionOffset, "this version does not know the option (a newer producer, or a removed option)", driver, key, unknown);
                OptionInfo option = info.Options[index];
                if (option.HostOnly) throw cursor.Error(optionOffset, "host-only options never belong in hints", driver, key, option.Name);
                if (seen[index]) throw cursor.Error(optionOffset, "option listed twice in type table entry " + t, driver, key, option.Name);
                seen[index] = true;
                if (kind != option.Kind) throw cursor.Error(kindOffset, "recorded as " + ValueSyntax.TypeName(kind) + " but the option is " + ValueSyntax.TypeName(option.Kind), driver, key, option.Name);
                indices![p] = index;
            }
            return info is null ? null : HintsShape.Bound(info, indices!);
        }

        private static OptionValue ReadValueV2(ref Cursor cursor, OptionInfo option, string driver, string key)
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
                    int length = cursor.VarLength("value length", HintsFileFormat.MaxStringBytes);
                    return ParseText(ref cursor, option, cursor.Utf8String(length, offset, "value"), offset, driver, key);
                default:
                    ulong raw = cursor.VarUInt("value", ulong.MaxValue);
                    ulong bits = HintsFileFormat.IsSigned(option.Kind) ? unchecked((ulong)HintsFileFormat.UnZigZag(raw)) : raw;
                    return CheckBits(ref cursor, option, bits, offset, driver, key);
            }
        }

        private static OptionValue ParseText(ref Cursor cursor, OptionInfo option, string text, int offset, string driver, string key)
        {
            // Through the one value-syntax module, like config values.
            ValueParseError error = option.TryParse(text, out OptionValue parsed);
            if (error != ValueParseError.None) throw cursor.Error(offset, "'" + text + "' is not a valid value; expected " + option.Expected, driver, key, option.Name, text);
            return parsed;
        }

        private static OptionValue CheckBits(ref Cursor cursor, OptionInfo option, ulong bits, int offset, string driver, string key)
        {
            if (option.Kind == OptionKind.OnOffAuto) return bits <= 2 ? OptionValue.FromOnOffAuto((OnOffAuto)bits) : throw cursor.Error(offset, "OnOffAuto value " + bits + " is not 0, 1 or 2", driver, key, option.Name);
            if (option.Kind == OptionKind.MacAddress) return bits <= 0xFFFF_FFFF_FFFFUL ? OptionValue.FromMac(new MacAddress(bits)) : throw cursor.Error(offset, "MAC value is wider than 48 bits", driver, key, option.Name);
            if (option.Kind == OptionKind.PciAddress) return bits <= 0xFF ? OptionValue.FromPciAddress(PciAddress.FromDevFn((int)bits)) : throw cursor.Error(offset, "PCI devfn " + bits + " is above 0xff", driver, key, option.Name);
            if (option.CheckInteger(bits, out OptionValue integer) != ValueParseError.None)
            {
                throw cursor.Error(offset, "value " + ValueSyntax.FormatInteger(bits, option.Kind) + " is out of range; expected " + option.Expected, driver, key, option.Name);
            }
            return integer;
        }

        private static OptionValue ReadValueV1(ref Cursor cursor, OptionInfo option, string driver, string key)
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
                    return ParseText(ref cursor, option, cursor.String16("value"), offset, driver, key);
                default:
                    return CheckBits(ref cursor, option, cursor.U64("value"), offset, driver, key);
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
            if (format is < 1 or > HintsFile.CurrentFormatVersion) { errors.Add(At(HintsFileFormat.FormatVersionOffset, "unknown hints format version " + format + " (this version reads 1 to " + HintsFile.CurrentFormatVersion + ")")); return null; }
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

        /// <summary>
        /// A record key as the format defines it: a device id, or <c>addr:SS.F</c> (root bus) or <c>addr:BUS/SS.F</c>
        /// (behind the port or bridge with id <c>BUS</c>) in canonical form, as the writer emits it.
        /// </summary>
        internal static bool IsValidKey(string key)
        {
            const string AddressPrefix = "addr:";
            if (!key.StartsWith(AddressPrefix, StringComparison.Ordinal)) return DeviceBuilder.IsValidId(key);
            string address = key.Substring(AddressPrefix.Length);
            int slash = address.IndexOf('/');
            if (slash >= 0)
            {
                if (!DeviceBuilder.IsValidId(address.Substring(0, slash))) return false;
                address = address.Substring(slash + 1);
            }
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

            public ReadOnlySpan<byte> Bytes(int count, string what) => Take(count, what);

            /// <summary>An unsigned LEB128 integer in its shortest form (at most 10 bytes), no larger than <paramref name="max"/>.</summary>
            public ulong VarUInt(string what, ulong max)
            {
                int start = Offset;
                ulong value = 0;
                for (int shift = 0; ; shift += 7)
                {
                    if (Offset >= _file.Length) throw Error(start, "truncated " + what + ": the variable-length integer ends after " + (Offset - start) + " bytes, at the end of the file");
                    byte b = _file[Offset++];
                    if (shift == 63 && b > 1) throw Error(start, what + " is a variable-length integer wider than 64 bits");
                    value |= (ulong)(b & 0x7f) << shift;
                    if (b < 0x80)
                    {
                        if (b == 0 && shift > 0) throw Error(start, what + " is a variable-length integer with a redundant trailing zero byte; expected its shortest form");
                        break;
                    }
                }
                if (value > max) throw Error(start, what + " is " + value + "; expected at most " + max);
                return value;
            }

            /// <summary>A count of entries that each take at least <paramref name="minBytes"/> bytes: no more than <paramref name="max"/>, nor than the bytes left allow.</summary>
            public int Count(string what, int max, int minBytes)
            {
                int start = Offset;
                int count = (int)VarUInt(what, (ulong)max);
                if ((long)count * minBytes > _file.Length - Offset) throw Error(start, what + " is " + count + " but only " + (_file.Length - Offset) + " bytes are left; expected at least " + minBytes + " bytes each");
                return count;
            }

            /// <summary>A byte length no larger than <paramref name="max"/> whose bytes are all in the file.</summary>
            public int VarLength(string what, int max)
            {
                int start = Offset;
                int length = (int)VarUInt(what, (ulong)max);
                if (length > _file.Length - Offset) throw Error(start, "truncated: " + what + " is " + length + ", " + (_file.Length - Offset) + " bytes left");
                return length;
            }

            public string Utf8String(int length, int start, string what) => Decode(Take(length, what), start, what);

            public ReadOnlySpan<byte> File => _file;
            public string? Path => _path;

            /// <summary>An index into the name table.</summary>
            public int NameIndex((int Offset, int Length)[] names, string what)
            {
                if (names.Length == 0) throw Error(Offset, what + " but the name table is empty");
                return (int)VarUInt(what, (ulong)names.Length - 1);
            }

            public string NameAt((int Offset, int Length)[] names, int index, int start, string what) =>
                Decode(_file.Slice(names[index].Offset, names[index].Length), start, what);

            /// <summary>The option of <paramref name="info"/> that name <paramref name="nameIndex"/> names: its index, or -1 and the name when unknown.</summary>
            public int OptionIndex((int Offset, int Length)[] names, int nameIndex, DeviceInfo info, out string? unknown)
            {
                (int offset, int length) = names[nameIndex];
                Span<char> chars = stackalloc char[HintsFileFormat.MaxNameBytes];
                int count = Utf8.GetChars(_file.Slice(offset, length), chars); // validated with the name table
                int index = info.IndexOf(chars.Slice(0, count));
                unknown = index < 0 ? chars.Slice(0, count).ToString() : null;
                return index;
            }

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
