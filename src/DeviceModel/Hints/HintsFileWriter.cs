using System;
using System.Buffers.Binary;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace DeviceModel.Hints
{
    /// <summary>Writes hints files: <see cref="Serialize"/> to bytes, <see cref="WriteAtomic"/> to disk (temp file, flush, rename).</summary>
    public static class HintsFileWriter
    {
        /// <summary>The file's bytes.</summary>
        /// <exception cref="ArgumentException">The file exceeds a format limit (names, counts, sizes).</exception>
        public static byte[] Serialize(HintsFile hints)
        {
            if (hints.Records.Length > HintsFileFormat.MaxRecords) throw new ArgumentException("more than " + HintsFileFormat.MaxRecords + " records");
            var payload = new ArrayBufferWriter<byte>(hints.Records.Length * 512 + 64);
            foreach (HintsRecord record in hints.Records)
            {
                WriteByte(payload, HintsFileFormat.RecordTag);
                WriteString8(payload, record.Key, "record key");
                WriteString8(payload, record.Driver, "driver");
                if (record.Values.Length > HintsFileFormat.MaxOptionsPerRecord) throw new ArgumentException("record '" + record.Key + "' has more than " + HintsFileFormat.MaxOptionsPerRecord + " options");
                WriteU16(payload, (ushort)record.Values.Length);
                foreach (KeyValuePair<string, OptionValue> pair in record.Values)
                {
                    WriteString8(payload, pair.Key, "option name");
                    OptionValue value = pair.Value;
                    WriteByte(payload, (byte)value.Kind);
                    if (value.IsNull) { WriteByte(payload, HintsFileFormat.StateNull); continue; }
                    if (value.IsAuto && value.Kind != OptionKind.OnOffAuto) { WriteByte(payload, HintsFileFormat.StateAuto); continue; }
                    WriteByte(payload, HintsFileFormat.StateValue);
                    switch (value.Kind)
                    {
                        case OptionKind.Bool: WriteByte(payload, value.Bool ? (byte)1 : (byte)0); break;
                        case OptionKind.String:
                        case OptionKind.Enum: WriteString16(payload, value.Text ?? "", record.Key + "." + pair.Key); break;
                        default:
                            BinaryPrimitives.WriteUInt64LittleEndian(payload.GetSpan(8), value.Bits);
                            payload.Advance(8);
                            break;
                    }
                }
            }
            if (HintsFileFormat.HeaderSize + payload.WrittenCount > HintsFileFormat.MaxFileSize) throw new ArgumentException("hints file would exceed " + HintsFileFormat.MaxFileSize + " bytes");

            byte[] file = new byte[HintsFileFormat.HeaderSize + payload.WrittenCount];
            HintsFileFormat.Magic.CopyTo(file);
            Span<byte> header = file;
            BinaryPrimitives.WriteUInt16LittleEndian(header.Slice(HintsFileFormat.FormatVersionOffset), (ushort)hints.FormatVersion);
            BinaryPrimitives.WriteUInt16LittleEndian(header.Slice(HintsFileFormat.HeaderSizeOffset), HintsFileFormat.HeaderSize);
            BinaryPrimitives.WriteUInt16LittleEndian(header.Slice(HintsFileFormat.ProducerOffset), checked((ushort)hints.ProducerVersion.Major));
            BinaryPrimitives.WriteUInt16LittleEndian(header.Slice(HintsFileFormat.ProducerOffset + 2), checked((ushort)hints.ProducerVersion.Minor));
            BinaryPrimitives.WriteUInt16LittleEndian(header.Slice(HintsFileFormat.ProducerOffset + 4), checked((ushort)hints.ProducerVersion.Patch));
            BinaryPrimitives.WriteUInt32LittleEndian(header.Slice(HintsFileFormat.RecordCountOffset), (uint)hints.Records.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(header.Slice(HintsFileFormat.PayloadLengthOffset), (uint)payload.WrittenCount);
            if (hints.Machine.Length == 0 || hints.Machine.Length > HintsFileFormat.MachineLength) throw new ArgumentException("machine type name must be 1 to 32 ASCII characters");
            for (int i = 0; i < hints.Machine.Length; i++)
            {
                char c = hints.Machine[i];
                if (c <= ' ' || c > '~') throw new ArgumentException("machine type name must be printable ASCII");
                file[HintsFileFormat.MachineOffset + i] = (byte)c;
            }
            payload.WrittenSpan.CopyTo(file.AsSpan(HintsFileFormat.HeaderSize));
            BinaryPrimitives.WriteUInt32LittleEndian(header.Slice(HintsFileFormat.ChecksumOffset), HintsFileFormat.Checksum(file));
            return file;
        }

        /// <summary>
        /// Writes the file atomically and durably: to a temporary file beside <paramref name="path"/>, flushed to disk,
        /// renamed over it, then the directory flushed (on Unix), so a reader sees the old file or the new one, never a
        /// part, and after a crash the rename is on disk. The temporary file is removed on every failure; temporary
        /// files of earlier writes to the same <paramref name="path"/> that were killed mid-write are removed first.
        /// </summary>
        /// <exception cref="ArgumentException">The file exceeds a format limit.</exception>
        /// <exception cref="IOException">The file cannot be written; the message names <paramref name="path"/>, never the temporary file.</exception>
        /// <exception cref="UnauthorizedAccessException">Writing is not permitted; the message names <paramref name="path"/>.</exception>
        public static void WriteAtomic(string path, HintsFile hints)
        {
            byte[] bytes = Serialize(hints);
            string full = Path.GetFullPath(path);
            string directory = Path.GetDirectoryName(full) ?? ".";
            string name = Path.GetFileName(full);
            RemoveStaleTempFiles(directory, name);
            string temp = Path.Combine(directory, TempPrefix(name) + Guid.NewGuid().ToString("N") + TempSuffix);
            bool renamed = false;
            try
            {
                // FileShare.None is an exclusive advisory lock (flock) on Unix: RemoveStaleTempFiles skips a temp file
                // a live writer holds. The rename happens under the lock, so the temp name is never unlocked and present.
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
                {
                    stream.Write(bytes);
                    stream.Flush(flushToDisk: true);
                    if (!OperatingSystem.IsWindows())
                    {
                        File.Move(temp, full, overwrite: true);
                        renamed = true;
                    }
                }
                if (!renamed)
                {
                    File.Move(temp, full, overwrite: true); // Windows cannot rename a file it holds open
                    renamed = true;
                }
                DirectoryFlush.Flush(directory);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw NamingTarget(e, temp, full);
            }
            finally
            {
                if (!renamed) TryDelete(temp);
            }
        }

        private const string TempSuffix = ".tmp";

        /// <summary>Temp files of a target <c>vm.dmh</c> are <c>.vm.dmh.&lt;32 hex digits&gt;.tmp</c> in its directory.</summary>
        private static string TempPrefix(string name) => "." + name + ".";

        /// <summary>Whether <paramref name="file"/> is exactly this writer's temp-file name for the target <paramref name="name"/>.</summary>
        internal static bool IsTempFileOf(string file, string name)
        {
            string prefix = TempPrefix(name);
            if (file.Length != prefix.Length + 32 + TempSuffix.Length) return false;
            if (!file.StartsWith(prefix, StringComparison.Ordinal) || !file.EndsWith(TempSuffix, StringComparison.Ordinal)) return false;
            for (int i = prefix.Length; i < prefix.Length + 32; i++)
            {
                char c = file[i];
                if (c is not (>= '0' and <= '9' or >= 'a' and <= 'f')) return false;
            }
            return true;
        }

        /// <summary>
        /// Removes temp files left by writes to the same target that died (kill -9, power loss) before their rename.
        /// A temp file a live writer holds is locked (Unix) or open without sharing (Windows) and is left alone.
        /// Best effort: a directory that cannot be listed is the write's own error to report.
        /// </summary>
        private static void RemoveStaleTempFiles(string directory, string name)
        {
            IEnumerable<string> candidates;
            try
            {
                candidates = Directory.EnumerateFiles(directory, TempPrefix(name) + "*" + TempSuffix, new EnumerationOptions { MatchType = MatchType.Simple, AttributesToSkip = 0, IgnoreInaccessible = true });
                foreach (string candidate in candidates)
                {
                    if (!IsTempFileOf(Path.GetFileName(candidate), name)) continue;
                    try
                    {
                        if (OperatingSystem.IsWindows())
                        {
                            File.Delete(candidate);
                            continue;
                        }
                        using (new FileStream(candidate, FileMode.Open, FileAccess.Read, FileShare.None))
                        {
                            File.Delete(candidate);
                        }
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        // Held by a live writer, or already gone.
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }

        private static void TryDelete(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }

        /// <summary>The same failure with the target path in place of the temp file's: users name the target, never the temp file.</summary>
        private static Exception NamingTarget(Exception e, string temp, string target)
        {
            string message = e.Message.Replace(temp, target, StringComparison.Ordinal).Replace(Path.GetFileName(temp), Path.GetFileName(target), StringComparison.Ordinal);
            return e switch
            {
                UnauthorizedAccessException => new UnauthorizedAccessException(message, e),
                DirectoryNotFoundException => new DirectoryNotFoundException(message, e),
                PathTooLongException => new PathTooLongException(message, e),
                FileNotFoundException => new FileNotFoundException(message, target, e),
                _ => new IOException(message, e),
            };
        }

        /// <summary>
        /// The bytes a record takes in a file, or why it cannot be written (a name or value over a format limit):
        /// the resolver checks each device with it, so whatever resolves can be dumped.
        /// </summary>
        internal static long MeasureRecord(HintsRecord record, out string? problem, out string? option)
        {
            problem = null;
            option = null;
            int keyBytes = Encoding.UTF8.GetByteCount(record.Key), driverBytes = Encoding.UTF8.GetByteCount(record.Driver);
            if (keyBytes is 0 or > HintsFileFormat.MaxNameBytes) problem = "record key must be 1 to " + HintsFileFormat.MaxNameBytes + " UTF-8 bytes";
            else if (driverBytes > HintsFileFormat.MaxNameBytes) problem = "device type name is longer than " + HintsFileFormat.MaxNameBytes + " UTF-8 bytes";
            else if (record.Values.Length > HintsFileFormat.MaxOptionsPerRecord) problem = "more than " + HintsFileFormat.MaxOptionsPerRecord + " guest-visible options (ConfigLimits.MaxOptionsPerDevice)";
            long size = 1 + 1 + keyBytes + 1 + driverBytes + 2;
            foreach (KeyValuePair<string, OptionValue> pair in record.Values)
            {
                size += 1 + Encoding.UTF8.GetByteCount(pair.Key) + 2;
                OptionValue value = pair.Value;
                if (value.IsNull || (value.IsAuto && value.Kind != OptionKind.OnOffAuto)) continue;
                switch (value.Kind)
                {
                    case OptionKind.Bool: size += 1; break;
                    case OptionKind.String:
                    case OptionKind.Enum:
                        int bytes = Encoding.UTF8.GetByteCount(value.Text ?? "");
                        if (bytes > HintsFileFormat.MaxStringBytes && problem is null)
                        {
                            problem = "value is " + bytes + " UTF-8 bytes, more than the limit of " + HintsFileFormat.MaxStringBytes + " (ConfigLimits.MaxStringBytes)";
                            option = pair.Key;
                        }
                        size += 2 + bytes;
                        break;
                    default: size += 8; break;
                }
            }
            return size;
        }

        private static void WriteByte(ArrayBufferWriter<byte> output, byte value)
        {
            output.GetSpan(1)[0] = value;
            output.Advance(1);
        }

        private static void WriteU16(ArrayBufferWriter<byte> output, ushort value)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(output.GetSpan(2), value);
            output.Advance(2);
        }

        private static void WriteString8(ArrayBufferWriter<byte> output, string text, string what)
        {
            int length = Encoding.UTF8.GetByteCount(text);
            if (length == 0 || length > HintsFileFormat.MaxNameBytes) throw new ArgumentException(what + " " + Config.ConfigLimits.Quote(text) + " must be 1 to 255 UTF-8 bytes");
            WriteByte(output, (byte)length);
            output.Advance(Encoding.UTF8.GetBytes(text, output.GetSpan(length)));
        }

        private static void WriteString16(ArrayBufferWriter<byte> output, string text, string what)
        {
            int length = Encoding.UTF8.GetByteCount(text);
            if (length > HintsFileFormat.MaxStringBytes) throw new ArgumentException("value of " + what + " is longer than " + HintsFileFormat.MaxStringBytes + " bytes");
            WriteU16(output, (ushort)length);
            output.Advance(Encoding.UTF8.GetBytes(text, output.GetSpan(length)));
        }
    }
}
