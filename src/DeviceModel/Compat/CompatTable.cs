using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using DeviceModel.Catalog;

namespace DeviceModel.Compat
{
    /// <summary>
    /// A device type's defaults per machine version, for every option whose default ever changed: the table
    /// <c>devmodel compat</c> prints and the docs show. Columns are the versions where some value changes
    /// (each column holds the value from that version on), with the oldest declared machine version first.
    /// An option with family-scoped history entries (<see cref="CompatEntry.Family"/>) gets one row per family its
    /// entries name (what that family's machines get), after its family-less row (what every other machine gets),
    /// which is left out when no entry without a family exists (every other machine then keeps the default).
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
        /// <summary>One row per option with a history, and one more per machine family its history is scoped to.</summary>
        public IReadOnlyList<Row> Rows { get; }

        /// <summary>One option's default at each column version, for machines of <see cref="Family"/> (null: machines of any other family).</summary>
        public sealed record Row(OptionInfo Option, string? Family, ImmutableArray<OptionValue> Values)
        {
            /// <summary>The row's label: the option name, with <c>(FAMILY only)</c> for a family's row.</summary>
            public string Label => Family is null ? Option.Name : Option.Name + " (" + Family + " only)";
        }

        /// <summary>Builds the table of <paramref name="device"/> over the declared machine versions.</summary>
        public static CompatTable For(DeviceInfo device, MachineCatalog machines)
        {
            var columns = new SortedSet<MachineVersion>();
            ImmutableArray<MachineVersion> all = machines.Versions;
            if (!all.IsEmpty) columns.Add(all[0]);
            var scopes = new List<(OptionInfo Option, string? Family)>();
            foreach (OptionInfo option in device.Options)
            {
                if (option.History.IsEmpty) continue;
                var families = new SortedSet<string>(StringComparer.Ordinal);
                bool global = false;
                foreach (CompatEntry entry in option.History)
                {
                    columns.Add(entry.Since);
                    if (entry.Family is null) global = true;
                    else families.Add(entry.Family);
                }
                if (global) scopes.Add((option, null));
                foreach (string family in families) scopes.Add((option, family));
            }
            var versions = ImmutableArray.CreateRange(columns);
            var rows = new List<Row>(scopes.Count);
            foreach ((OptionInfo option, string? family) in scopes)
            {
                var values = ImmutableArray.CreateBuilder<OptionValue>(versions.Length);
                foreach (MachineVersion version in versions) values.Add(option.DefaultFor(version, family));
                rows.Add(new Row(option, family, values.MoveToImmutable()));
            }
            return new CompatTable(versions, rows);
        }
    }
}
