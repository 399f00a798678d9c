using System;
using System.Collections.Generic;
using System.Text;

namespace DeviceModel.Config
{
    /// <summary>Maps byte offsets of a UTF-8 buffer to 1-based line and character column.</summary>
    internal sealed class Utf8Positions
    {
        // Every key and value gets a location, so a lookup must not rescan the buffer from its start (that made
        // reading a config quadratic: ~100 s for 1.4 MiB). Checkpoints every ~256 bytes, each at a byte that starts a
        // character, record the line and column there; a lookup scans forward from the nearest one (at most 256
        // bytes, so an input of N errors costs O(N), and the checkpoints 1/20 of the input).
        private const int Stride = 256;
        private readonly byte[] _utf8;
        private readonly int _length;
        private List<(int Offset, int Line, int Column)>? _checkpoints;

        /// <param name="utf8">The buffer; only its first <paramref name="length"/> bytes are the input (a pooled buffer is longer).</param>
        /// <param name="length">The input's length.</param>
        /// <param name="source">Names the input in errors.</param>
        public Utf8Positions(byte[] utf8, int length, string? source)
        {
            _utf8 = utf8;
            _length = length;
            Source = source;
        }

        public string? Source { get; }

        public SourceLocation At(long offset)
        {
            // Made on the first lookup: an input read without errors needs only its devices' locations, or none.
            List<(int Offset, int Line, int Column)> checkpoints = _checkpoints ??= new() { (0, 1, 0) };
            int end = (int)Math.Clamp(offset, 0, _length);
            while (checkpoints[^1].Offset + Stride <= end) AddCheckpoint(checkpoints);
            int low = 0, high = checkpoints.Count - 1;
            while (low < high)
            {
                int middle = (low + high + 1) / 2;
                if (checkpoints[middle].Offset <= end) low = middle;
                else high = middle - 1;
            }
            (int from, int line, int column) = checkpoints[low];
            Advance(from, end, ref line, ref column);
            return new SourceLocation(Source, line, column + 1);
        }

        private void AddCheckpoint(List<(int Offset, int Line, int Column)> checkpoints)
        {
            (int from, int line, int column) = checkpoints[^1];
            int to = from + Stride;
            while (to < _length && (_utf8[to] & 0xC0) == 0x80) to++; // never split a UTF-8 sequence
            Advance(from, Math.Min(to, _length), ref line, ref column);
            checkpoints.Add((to, line, column));
        }

        /// <summary>Moves a 1-based line and 0-based character column from byte <paramref name="from"/> to <paramref name="to"/>.</summary>
        private void Advance(int from, int to, ref int line, ref int column)
        {
            int lineStart = from;
            for (int i = from; i < to; i++)
            {
                if (_utf8[i] == (byte)'\n') { line++; column = 0; lineStart = i + 1; }
            }
            column += Encoding.UTF8.GetCharCount(_utf8, lineStart, to - lineStart);
        }

        public SourceLocation AtLineByte(int zeroBasedLine, int bytePositionInLine)
        {
            int line = 0, index = 0;
            while (line < zeroBasedLine && index < _length)
            {
                if (_utf8[index++] == (byte)'\n') line++;
            }
            return At(Math.Min(_length, index + bytePositionInLine));
        }
    }
}
