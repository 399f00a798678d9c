using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Text;

namespace DeviceModel.Hints
{
    /// <summary>
    /// Writes hints files, always in the current format version (2): <see cref="Serialize"/> to bytes,
    /// <see cref="WriteAtomic"/> to disk (temp file, flush, rename). The file is measured first and encoded into one
    /// array of exactly its size, straight from the records (or the resolved devices), without intermediate copies.
    /// </summary>
    public static class HintsFileWriter
    {
        /// <summary>The file's bytes (format version <see cref="HintsFile.CurrentFormatVersion"/>, whatever version <paramref name="hints"/> was read from).</summary>
        /// <exception cref="ArgumentException">The file exceeds a format limit (names, counts, sizes).</exception>
        public static byte[] Serialize(HintsFile hints)
        {
            ArgumentNullException.ThrowIfNull(hints);
            return Encode(hints.ProducerVersion, hints.Machine, new RecordSource(hints.Records));
        }

        /// <summary>What the encoder reads: records, each a key, a shape and the values in the shape's order.</summary>
        internal interface ISource
        {
            int Count { get; }
            string KeyAt(int record);
            HintsShape ShapeAt(int record);
            /// <summary>Reads the values of <paramref name="record"/>, in its shape's order, into <paramref name="values"/> (the shape's size).</summary>
            void ReadValues(int record, Span<OptionValue> values);
        }

        private readonly struct RecordSource(ImmutableArray<HintsRecord> records) : ISource
        {
            public int Count => records.Length;
            public string KeyAt(int record) => records[record].Key;
            public HintsShape ShapeAt(int record) => records[record].Shape;
            public void ReadValues(int record, Span<OptionValue> values)
            {
                HintsRecord source = records[record];
                for (int p = 0; p < values.Length; p++) values[p] = source.ValueAt(p);
            }
        }

        /// <summary>Whether a value is written in a record's exceptions list (unset, or auto) instead of its value bytes.</summary>
        private static bool IsException(in OptionValue value, out byte state)
        {
            state = value.IsNull ? HintsFileFormat.StateNull : value.IsAuto && value.Kind != OptionKind.OnOffAuto ? HintsFileFormat.StateAuto : HintsFileFormat.StateValue;
            return state != HintsFileFormat.StateValue;
        }

        /// <summary>
        /// Encodes a format version 2 file from <paramref name="source"/>: the distinct shapes and their names first (a
        /// configuration has a handful of device types), then each record's values read once and written in one pass into a
        /// pooled buffer that grows, copied once into the file's array.
        /// </summary>
        /// <exception cref="ArgumentException">The file exceeds a format limit.</exception>
        internal static byte[] Encode<TSource>(MachineVersion producer, string machine, TSource source) where TSource : struct, ISource
        {
            int count = source.Count;
            if (count > HintsFileFormat.MaxRecords) throw new ArgumentException("more than " + HintsFileFormat.MaxRecords + " records");
            if (machine.Length == 0 || machine.Length > HintsFileFormat.MachineLength) throw new ArgumentException("machine type name must be 1 to 32 ASCII characters");
            foreach (char c in machine)
            {
                if (c <= ' ' || c > '~') throw new ArgumentException("machine type name must be printable ASCII");
            }

            int widest = 1;
            for (int r = 0; r < count; r++)
            {
                int options = source.ShapeAt(r).Count;
                if (options > HintsFileFormat.MaxOptionsPerRecord) throw new ArgumentException("record '" + source.KeyAt(r) + "' has more than " + HintsFileFormat.MaxOptionsPerRecord + " options");
                widest = Math.Max(widest, options);
            }

            // Type table: distinct shapes in order of first use. A name that cannot be written is reported when its record
            // comes, after the problems of the records before it (the order the errors have always come in).
            var shapes = new List<HintsShape>();
            var shapeNames = new List<int[]>(); // per shape: the driver's name index, then each option's
            var names = new Dictionary<string, int>(StringComparer.Ordinal);
            int[] shapeOf = ArrayPool<int>.Shared.Rent(Math.Max(count, 1));
            ArgumentException? nameProblem = null;
            int nameProblemRecord = count;
            for (int r = 0; r < count; r++)
            {
                HintsShape shape = source.ShapeAt(r);
                int index = shapes.Count - 1;
                while (index >= 0 && !shapes[index].SameAs(shape)) index--;
                if (index < 0)
                {
                    index = shapes.Count;
                    var indices = new int[shape.Count + 1];
                    try
                    {
                        MeasureShape(shape, names, indices);
                    }
                    catch (ArgumentException e)
                    {
                        nameProblem = e;
                        nameProblemRecord = r;
                        break;
                    }
                    shapes.Add(shape);
                    shapeNames.Add(indices);
                }
                shapeOf[r] = index;
            }

            OptionValue[] values = ArrayPool<OptionValue>.Shared.Rent(widest);
            // A v2 record of the common devices takes about 110 bytes: most files fit the first buffer.
            var output = new PooledWriter(HintsFileFormat.HeaderSize + 256 + Math.Min(count, 1024) * 128);
            try
            {
                output.Advance(HintsFileFormat.HeaderSize);
                var ordered = new string[names.Count];
                foreach (KeyValuePair<string, int> name in names) ordered[name.Value] = name.Key;
                output.VarInt((ulong)ordered.Length);
                foreach (string name in ordered) output.String(name);
                output.VarInt((ulong)shapes.Count);
                for (int t = 0; t < shapes.Count; t++)
                {
                    HintsShape shape = shapes[t];
                    int[] indices = shapeNames[t];
                    output.VarInt((ulong)indices[0]);
                    output.VarInt((ulong)shape.Count);
                    for (int p = 0; p < shape.Count; p++)
                    {
                        output.VarInt((ulong)indices[p + 1]);
                        output.Byte((byte)shape.Kinds[p]);
                    }
                }

                // Past the size limit the rest is only checked, not written, so that a record's own problem still comes first.
                bool oversized = false;
                for (int r = 0; r < count; r++)
                {
                    if (r == nameProblemRecord) throw nameProblem!;
                    HintsShape shape = shapes[shapeOf[r]];
                    Span<OptionValue> record = values.AsSpan(0, shape.Count);
                    source.ReadValues(r, record);
                    string? problem;
                    int position;
                    if (oversized)
                    {
                        MeasureValues(source.KeyAt(r), shape, record, out _, out problem, out position);
                    }
                    else
                    {
                        WriteRecord(ref output, source.KeyAt(r), shapeOf[r], shape, record, out problem, out position);
                        oversized = output.Length > HintsFileFormat.MaxFileSize;
                    }
                    if (problem is not null) throw new ArgumentException(position < 0 ? problem : "value of " + source.KeyAt(r) + "." + shape.Names[position] + ": " + problem);
                }
                if (nameProblem is not null) throw nameProblem;
                if (names.Count > HintsFileFormat.MaxNames) throw new ArgumentException("more than " + HintsFileFormat.MaxNames + " distinct names");
                if (oversized) throw new ArgumentException("hints file would exceed " + HintsFileFormat.MaxFileSize + " bytes");

                byte[] file = output.Written.ToArray();
                WriteHeader(file, producer, machine, count, file.Length - HintsFileFormat.HeaderSize);
                BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(HintsFileFormat.ChecksumOffset), HintsFileFormat.Checksum(file));
                return file;
            }
            finally
            {
                output.Dispose();
                ArrayPool<int>.Shared.Return(shapeOf);
                Array.Clear(values, 0, widest); // only what was used: the pool rounds up to a power of two
                ArrayPool<OptionValue>.Shared.Return(values);
            }
        }

        /// <summary>
        /// Writes one record (type index, key, exceptions, values), or says why it cannot be written (<paramref name="problem"/>,
        /// and the shape position of the value at fault or -1) with the precedence of <see cref="MeasureValues"/>.
        /// </summary>
        private static void WriteRecord(ref PooledWriter output, string key, int shapeIndex, HintsShape shape, ReadOnlySpan<OptionValue> values, out string? problem, out int position)
        {
            problem = null;
            position = -1;
            output.VarInt((ulong)shapeIndex);
            int keyBytes = output.String(key);
            if (keyBytes is 0 or > HintsFileFormat.MaxNameBytes) problem = "record key must be 1 to " + HintsFileFormat.MaxNameBytes + " UTF-8 bytes";

            OptionKind[] kinds = shape.Kinds;
            int exceptions = 0;
            for (int p = 0; p < values.Length; p++)
            {
                ref readonly OptionValue value = ref values[p];
                if (value.Kind != kinds[p] && problem is null)
                {
                    problem = "value of kind " + value.Kind + " where the record's option is " + kinds[p];
                    position = p;
                }
                if (IsException(value, out _)) exceptions++;
            }
            output.VarInt((ulong)exceptions);
            for (int p = 0; p < values.Length && exceptions > 0; p++)
            {
                if (!IsException(values[p], out byte state)) continue;
                output.VarInt((ulong)p);
                output.Byte(state);
                exceptions--;
            }
            for (int p = 0; p < values.Length; p++)
            {
                ref readonly OptionValue value = ref values[p];
                if (IsException(value, out _)) continue;
                switch (value.Kind)
                {
                    case OptionKind.Bool:
                        output.Byte(value.Bool ? (byte)1 : (byte)0);
                        break;
                    case OptionKind.String:
                    case OptionKind.Enum:
                        int bytes = output.String(value.Text ?? "");
                        // A kind mismatch at an earlier position, or at this one, was found first.
                        if (bytes > HintsFileFormat.MaxStringBytes && (problem is null || position > p))
                        {
                            problem = "value is " + bytes + " UTF-8 bytes, more than the limit of " + HintsFileFormat.MaxStringBytes + " (ConfigLimits.MaxStringBytes)";
                            position = p;
                        }
                        break;
                    default:
                        output.VarInt(HintsFileFormat.IsSigned(value.Kind) ? HintsFileFormat.ZigZag(value.Int64) : value.Bits);
                        break;
                }
            }
        }

        private static void WriteHeader(Span<byte> header, MachineVersion producer, string machine, int records, int payload)
        {
            HintsFileFormat.Magic.CopyTo(header);
            BinaryPrimitives.WriteUInt16LittleEndian(header.Slice(HintsFileFormat.FormatVersionOffset), HintsFile.CurrentFormatVersion);
            BinaryPrimitives.WriteUInt16LittleEndian(header.Slice(HintsFileFormat.HeaderSizeOffset), HintsFileFormat.HeaderSize);
            BinaryPrimitives.WriteUInt16LittleEndian(header.Slice(HintsFileFormat.ProducerOffset), checked((ushort)producer.Major));
            BinaryPrimitives.WriteUInt16LittleEndian(header.Slice(HintsFileFormat.ProducerOffset + 2), checked((ushort)producer.Minor));
            BinaryPrimitives.WriteUInt16LittleEndian(header.Slice(HintsFileFormat.ProducerOffset + 4), checked((ushort)producer.Patch));
            BinaryPrimitives.WriteUInt32LittleEndian(header.Slice(HintsFileFormat.RecordCountOffset), (uint)records);
            BinaryPrimitives.WriteUInt32LittleEndian(header.Slice(HintsFileFormat.PayloadLengthOffset), (uint)payload);
            for (int i = 0; i < machine.Length; i++) header[HintsFileFormat.MachineOffset + i] = (byte)machine[i];
        }

        /// <summary>The type-table bytes of a new shape, numbering its names not seen before.</summary>
        private static long MeasureShape(HintsShape shape, Dictionary<string, int> names, Span<int> indices)
        {
            long size = NameIndexSize(shape.Driver, names, "device type name", out indices[0]) + HintsFileFormat.VarIntSize((ulong)shape.Count);
            for (int p = 0; p < shape.Count; p++) size += NameIndexSize(shape.Names[p], names, "option name", out indices[p + 1]) + 1;
            return size;
        }

        private static long NameIndexSize(string name, Dictionary<string, int> names, string what, out int index)
        {
            if (!names.TryGetValue(name, out index))
            {
                int bytes = Encoding.UTF8.GetByteCount(name);
                if (bytes is 0 or > HintsFileFormat.MaxNameBytes) throw new ArgumentException(what + " " + Config.ConfigLimits.Quote(name) + " must be 1 to 255 UTF-8 bytes");
                index = names.Count;
                names.Add(name, index);
                // The name table entry is counted with the first use.
                return HintsFileFormat.VarIntSize((ulong)index) + HintsFileFormat.VarIntSize((ulong)bytes) + bytes;
            }
            return HintsFileFormat.VarIntSize((ulong)index);
        }

        /// <summary>
        /// The bytes a record takes past its type index (key, exceptions, values), or why it cannot be written
        /// (<paramref name="problem"/>, and the shape position of the value at fault or -1): the key's problem first, then
        /// the first value at fault.
        /// </summary>
        private static long MeasureValues(string key, HintsShape shape, ReadOnlySpan<OptionValue> values, out int exceptions, out string? problem, out int position)
        {
            problem = null;
            position = -1;
            int keyBytes = Encoding.UTF8.GetByteCount(key);
            if (keyBytes is 0 or > HintsFileFormat.MaxNameBytes) problem = "record key must be 1 to " + HintsFileFormat.MaxNameBytes + " UTF-8 bytes";
            if (shape.Count > HintsFileFormat.MaxOptionsPerRecord) problem = "more than " + HintsFileFormat.MaxOptionsPerRecord + " guest-visible options (ConfigLimits.MaxOptionsPerDevice)";
            long size = HintsFileFormat.VarIntSize((ulong)keyBytes) + keyBytes;
            exceptions = 0;
            for (int p = 0; p < shape.Count; p++)
            {
                OptionValue value = values[p];
                if (value.Kind != shape.Kinds[p] && problem is null)
                {
                    problem = "value of kind " + value.Kind + " where the record's option is " + shape.Kinds[p];
                    position = p;
                }
                if (IsException(value, out _))
                {
                    exceptions++;
                    size += HintsFileFormat.VarIntSize((ulong)p) + 1;
                    continue;
                }
                switch (value.Kind)
                {
                    case OptionKind.Bool: size += 1; break;
                    case OptionKind.String:
                    case OptionKind.Enum:
                        int bytes = Encoding.UTF8.GetByteCount(value.Text ?? "");
                        if (bytes > HintsFileFormat.MaxStringBytes && problem is null)
                        {
                            problem = "value is " + bytes + " UTF-8 bytes, more than the limit of " + HintsFileFormat.MaxStringBytes + " (ConfigLimits.MaxStringBytes)";
                            position = p;
                        }
                        size += HintsFileFormat.VarIntSize((ulong)bytes) + bytes;
                        break;
                    default:
                        size += HintsFileFormat.VarIntSize(HintsFileFormat.IsSigned(value.Kind) ? HintsFileFormat.ZigZag(value.Int64) : value.Bits);
                        break;
                }
            }
            return size + HintsFileFormat.VarIntSize((ulong)exceptions);
        }

        /// <summary>
        /// Checks that the records of <paramref name="source"/> can be written and returns the file's size, or reports the
        /// first problem of each record through <paramref name="report"/> (record, message, shape position or -1): the
        /// resolver checks a configuration with it, so whatever resolves can be dumped.
        /// </summary>
        internal static long Measure<TSource>(TSource source, Action<int, string, int> report) where TSource : struct, ISource
        {
            var shapes = new List<HintsShape>();
            var names = new Dictionary<string, int>(StringComparer.Ordinal);
            long payload = 0;
            OptionValue[] buffer = Array.Empty<OptionValue>();
            for (int r = 0; r < source.Count; r++)
            {
                HintsShape shape = source.ShapeAt(r);
                int index = shapes.Count - 1;
                while (index >= 0 && !shapes[index].SameAs(shape)) index--;
                if (index < 0)
                {
                    index = shapes.Count;
                    shapes.Add(shape);
                    try
                    {
                        payload += MeasureShape(shape, names, new int[shape.Count + 1]);
                    }
                    catch (ArgumentException e)
                    {
                        report(r, e.Message, -1);
                    }
                }
                if (buffer.Length < shape.Count) buffer = new OptionValue[shape.Count];
                Span<OptionValue> values = buffer.AsSpan(0, shape.Count);
                source.ReadValues(r, values);
                payload += HintsFileFormat.VarIntSize((ulong)index) + MeasureValues(source.KeyAt(r), shape, values, out _, out string? problem, out int position);
                if (problem is not null) report(r, problem, position);
            }
            return HintsFileFormat.HeaderSize + payload + HintsFileFormat.VarIntSize((ulong)names.Count) + HintsFileFormat.VarIntSize((ulong)shapes.Count);
        }

        /// <summary>Writes into an array rented from the pool, doubling it when full; <see cref="Dispose"/> returns it.</summary>
        private struct PooledWriter(int capacity) : IDisposable
        {
            private byte[] _buffer = ArrayPool<byte>.Shared.Rent(capacity);

            public int Length { get; private set; }

            public readonly ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Length);

            public void Advance(int count)
            {
                Reserve(count);
                _buffer.AsSpan(Length, count).Clear();
                Length += count;
            }

            public void Byte(byte value)
            {
                Reserve(1);
                _buffer[Length++] = value;
            }

            public void VarInt(ulong value)
            {
                Reserve(HintsFileFormat.MaxVarIntBytes);
                byte[] buffer = _buffer;
                int at = Length;
                while (value >= 0x80)
                {
                    buffer[at++] = (byte)(value | 0x80);
                    value >>= 7;
                }
                buffer[at++] = (byte)value;
                Length = at;
            }

            /// <summary>Writes the text's UTF-8 length and bytes, and returns the length.</summary>
            public int String(string text)
            {
                // Names, keys and most values are short ASCII: one byte of length, one byte per character.
                if (text.Length < 0x80 && System.Text.Ascii.IsValid(text))
                {
                    Reserve(1 + text.Length);
                    _buffer[Length] = (byte)text.Length;
                    System.Text.Ascii.FromUtf16(text, _buffer.AsSpan(Length + 1), out int written);
                    Length += 1 + written;
                    return written;
                }
                int length = Encoding.UTF8.GetByteCount(text);
                VarInt((ulong)length);
                Reserve(length);
                Length += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(Length, length));
                return length;
            }

            private void Reserve(int count)
            {
                if (_buffer.Length - Length < count) Grow(count);
            }

            private void Grow(int count)
            {
                byte[] larger = ArrayPool<byte>.Shared.Rent(checked(Math.Max(_buffer.Length * 2, Length + count)));
                _buffer.AsSpan(0, Length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = larger;
            }

            public void Dispose()
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = [];
            }
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
        public static void WriteAtomic(string path, HintsFile hints) => WriteBytesAtomic(path, Serialize(hints));

        /// <summary>Writes already encoded bytes atomically and durably (see <see cref="WriteAtomic(string, HintsFile)"/>).</summary>
        internal static void WriteBytesAtomic(string path, byte[] bytes)
        {
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
    }
}
