using System;
using System.Numerics;

namespace DeviceModel
{
    /// <summary>
    /// Distinct names by index — the option names of a device type, the device types of a catalog — for the parsers, which
    /// look up every key and driver of their input: open addressing over a table at most half full, each slot holding a
    /// name and its index, so that a lookup is a hash of the length and three characters, one slot (rarely two) and one
    /// comparison.
    /// </summary>
    internal sealed class NameTable
    {
        private readonly Entry[] _entries;
        private readonly int _shift;
        private readonly int _emptyIndex = -1;

        // The length beside the name: a probe decides on it without waiting for the string.
        private readonly struct Entry(string name, int index)
        {
            public readonly string? Name = name;
            public readonly int Index = index;
            public readonly int Length = name.Length;
        }

        /// <param name="names">Distinct names; a name's index is its position.</param>
        public NameTable(string[] names)
        {
            int bits = BitOperations.Log2(BitOperations.RoundUpToPowerOf2((uint)Math.Max(8, names.Length * 2)));
            _entries = new Entry[1 << bits];
            _shift = 32 - bits;
            int mask = _entries.Length - 1;
            for (int i = 0; i < names.Length; i++)
            {
                if (names[i].Length == 0) { _emptyIndex = i; continue; }
                int slot = Slot(names[i]);
                while (_entries[slot].Name is not null) slot = (slot + 1) & mask;
                _entries[slot] = new Entry(names[i], i);
            }
        }

        /// <summary>The index of <paramref name="name"/>, or -1.</summary>
        public int IndexOf(ReadOnlySpan<char> name)
        {
            if (name.IsEmpty) return _emptyIndex;
            Entry[] entries = _entries;
            int mask = entries.Length - 1;
            for (int slot = Slot(name); ; slot = (slot + 1) & mask)
            {
                ref readonly Entry entry = ref entries[slot];
                if (entry.Length == name.Length && name.SequenceEqual(entry.Name)) return entry.Index;
                if (entry.Name is null) return -1;
            }
        }

        // The length and three characters, by independent multiplies (no chain of dependent ones), the top bits kept.
        private int Slot(ReadOnlySpan<char> name) =>
            (int)(((uint)name.Length * 0x9E3779B1u + name[0] * 0x85EBCA77u + name[name.Length >> 1] * 0xC2B2AE3Du + name[^1] * 0x27D4EB2Fu) >> _shift);
    }
}
