using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace DeviceModel.Hints
{
    /// <summary>
    /// A compat hints file: what a resolved configuration dumps so that a later product version reproduces the
    /// same guest-visible devices. One record per device (keyed by id, or PCI address), holding every
    /// guest-visible option. Binary format: <c>docs/hints-format.md</c>.
    /// </summary>
    public sealed class HintsFile
    {
        /// <summary>The only format version this build reads and writes.</summary>
        public const int CurrentFormatVersion = 1;

        /// <summary>Creates a hints file.</summary>
        public HintsFile(MachineVersion producerVersion, string machine, IEnumerable<HintsRecord> records, string? path = null, int formatVersion = CurrentFormatVersion)
        {
            ProducerVersion = producerVersion;
            Machine = machine;
            Records = records.ToImmutableArray();
            Path = path;
            FormatVersion = formatVersion;
        }

        /// <summary>Format version of the file.</summary>
        public int FormatVersion { get; }
        /// <summary>Version of the product that wrote the file: the version versioned defaults are taken at for recorded devices.</summary>
        public MachineVersion ProducerVersion { get; }
        /// <summary>The machine type the configuration ran on.</summary>
        public string Machine { get; }
        /// <summary>The records, in device order.</summary>
        public ImmutableArray<HintsRecord> Records { get; }
        /// <summary>Where the file was read from, for messages.</summary>
        public string? Path { get; }
    }

    /// <summary>One device's hints: its key (id or <c>addr:SS.F</c>), its driver and its option values in ordinal order of names.</summary>
    public sealed class HintsRecord
    {
        private static readonly Comparison<KeyValuePair<string, OptionValue>> ByName = (a, b) => string.CompareOrdinal(a.Key, b.Key);

        /// <summary>Creates a record.</summary>
        /// <exception cref="ArgumentException">An option appears twice.</exception>
        public HintsRecord(string key, string driver, IEnumerable<KeyValuePair<string, OptionValue>> values)
        {
            Key = key;
            Driver = driver;
            var list = new List<KeyValuePair<string, OptionValue>>(values);
            list.Sort(ByName);
            for (int i = 1; i < list.Count; i++)
            {
                if (list[i - 1].Key == list[i].Key) throw new ArgumentException("option '" + list[i].Key + "' appears twice in the record of '" + key + "'");
            }
            Values = ImmutableArray.CreateRange(list);
        }

        /// <summary>Device id, or <c>addr:SS.F</c>.</summary>
        public string Key { get; }
        /// <summary>The device type.</summary>
        public string Driver { get; }
        /// <summary>Option values, in ordinal order of names.</summary>
        public ImmutableArray<KeyValuePair<string, OptionValue>> Values { get; }

        /// <summary>The recorded value of an option, if any (binary search, no allocation).</summary>
        public bool TryGetValue(string option, out OptionValue value)
        {
            int low = 0, high = Values.Length - 1;
            while (low <= high)
            {
                int middle = (low + high) >> 1;
                int c = string.CompareOrdinal(Values[middle].Key, option);
                if (c == 0)
                {
                    value = Values[middle].Value;
                    return true;
                }
                if (c < 0) low = middle + 1;
                else high = middle - 1;
            }
            value = default;
            return false;
        }
    }
}
