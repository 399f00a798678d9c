using System.Collections.Generic;
using System.Collections.Immutable;

namespace DeviceModel
{
    /// <summary>
    /// A device type's defaults per machine version, for every option whose default ever changed: the table
    /// <c>devmodel compat</c> prints and the docs show. Columns are the versions where some value changes
    /// (each column holds the value from that version on), with the oldest declared machine version first.
    /// </summary>
    public sealed class CompatTable
    {
        private CompatTable(ImmutableArray<MachineVersion> versions, IReadOnlyList<Row> rows)
        {
            Versions = versions;
            Rows = rows;
        }

        /// <summary>The columns: machine versions where some option's default changes, plus the oldest machine version.</summary>
        public ImmutableArray<MachineVersion> Versions { get; }
        /// <summary>One row per option with a history.</summary>
        public IReadOnlyList<Row> Rows { get; }

        /// <summary>One option's default at each column version.</summary>
        public sealed record Row(OptionInfo Option, ImmutableArray<OptionValue> Values);

        /// <summary>Builds the table of <paramref name="device"/> over the declared machine versions.</summary>
        public static CompatTable For(DeviceInfo device, MachineCatalog machines)
        {
            var columns = new SortedSet<MachineVersion>();
            ImmutableArray<MachineVersion> all = machines.Versions;
            if (!all.IsEmpty) columns.Add(all[0]);
            var options = new List<OptionInfo>();
            foreach (OptionInfo option in device.Options)
            {
                if (option.History.IsEmpty) continue;
                options.Add(option);
                foreach (CompatEntry entry in option.History) columns.Add(entry.Since);
            }
            var versions = ImmutableArray.CreateRange(columns);
            var rows = new List<Row>(options.Count);
            foreach (OptionInfo option in options)
            {
                var values = ImmutableArray.CreateBuilder<OptionValue>(versions.Length);
                foreach (MachineVersion version in versions) values.Add(option.DefaultFor(version));
                rows.Add(new Row(option, values.MoveToImmutable()));
            }
            return new CompatTable(versions, rows);
        }
    }
}
