using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.ComponentModel;

namespace DeviceModel
{
    /// <summary>
    /// Generated metadata of one concrete device type: its name, description, options (inherited ones
    /// included, in ordinal order of names) and a factory. The CLI, the docs and the hints file read it.
    /// </summary>
    public sealed class DeviceInfo
    {
        private readonly Func<Device> _factory;
        private readonly int[] _slots;
        private readonly NameTable _names;

        /// <summary>Used by generated code: composes the option rows of <paramref name="table"/>'s chain.</summary>
        /// <exception cref="ArgumentException">A history names an option the chain does not declare.</exception>
        // Hidden from IntelliSense: only generated code calls this; it stays public because generated code in the product assembly must reach it.
        [EditorBrowsable(EditorBrowsableState.Never)]
        public DeviceInfo(DeviceTable table, Func<Device> factory)
        {
            ArgumentNullException.ThrowIfNull(table);
            ArgumentNullException.ThrowIfNull(factory);
            Name = table.Name ?? throw new ArgumentException("a device type's table names the device", nameof(table));
            Description = table.Description;
            ClrType = table.ClrType;
            for (DeviceTable? up = table.Parent; up is not null && Parent is null; up = up.Parent) Parent = up.Name;

            // Root first, so that a nearer declaration (a row of the same name, or a history) replaces an inherited one.
            var chain = new List<DeviceTable>();
            for (DeviceTable? t = table; t is not null; t = t.Parent) chain.Add(t);
            chain.Reverse();
            var byName = new Dictionary<string, Composed>(table.Count, StringComparer.Ordinal);
            var capabilities = ImmutableArray.CreateBuilder<CapabilityInfo>();
            var rules = ImmutableArray.CreateBuilder<DeviceRuleAttribute>();
            foreach (DeviceTable t in chain)
            {
                for (int i = 0; i < t.Rows.Length; i++)
                {
                    OptionRow row = t.Rows[i];
                    byName[row.Name] = new Composed(row, t.First + i, t.ClrType, null);
                }
                int slot = t.First + t.Rows.Length;
                foreach (DeviceTable group in t.Groups ?? Array.Empty<DeviceTable>())
                {
                    // A group's options are the type's own: one of the same name as another option is ambiguous, not an override.
                    foreach (OptionRow row in group.Rows)
                    {
                        if (byName.TryGetValue(row.Name, out Composed clash))
                        {
                            throw new ArgumentException(t.ClrType + " includes option group " + group.ClrType + ", whose option '" + row.Name + "' clashes with the option of " + clash.DeclaringType, nameof(table));
                        }
                        byName.Add(row.Name, new Composed(row, slot++, group.ClrType, null));
                    }
                }
                foreach (HistoryRow history in t.Histories ?? Array.Empty<HistoryRow>())
                {
                    if (!byName.TryGetValue(history.Option, out Composed option))
                    {
                        throw new ArgumentException(t.ClrType + " records a history of option '" + history.Option + "', which " + Name + " does not have", nameof(table));
                    }
                    byName[history.Option] = option with { History = history };
                }
                if (t.Capabilities is not null) capabilities.AddRange(t.Capabilities);
                if (t.Rules is not null) rules.AddRange(t.Rules);
            }
            Capabilities = capabilities.ToImmutable();
            Rules = rules.ToImmutable();

            // A generated row leaves its kind to the accessor: the value a new device reads says it (and is the default).
            _factory = factory;
            Device prototype = factory();

            var names = new string[byName.Count];
            byName.Keys.CopyTo(names, 0);
            Array.Sort(names, StringComparer.Ordinal);
            var options = new OptionInfo[names.Length];
            _slots = new int[names.Length];
            _names = new NameTable(names);
            for (int i = 0; i < names.Length; i++)
            {
                Composed option = byName[names[i]];
                OptionValue initial = prototype.GetSlot(option.Slot);
                OptionKind kind = option.Row.Kind ?? initial.Kind;
                CompatEntry[]? history = option.History is null ? option.Row.EntriesOf(kind) : option.History.EntriesFor(option.Row, kind);
                options[i] = new OptionInfo(i, option.Row, kind, option.DeclaringType, history) { Device = this, Default = initial, Slot = option.Slot };
                _slots[i] = option.Slot;
            }
            Options = ImmutableArray.Create(options);
            CheckRules();
            _ruleOrder = OrderRules();
            ValidateOrder = OrderValidation();
        }

        /// <summary>One <c>Validate</c> hook to run: an option's rule (with its option) or a type's rule.</summary>
        internal readonly record struct ValidateStep(OptionInfo? Option, OptionRuleAttribute? OptionRule, DeviceRuleAttribute? DeviceRule);

        /// <summary>
        /// The order of the <c>Validate</c> hooks: ascending <c>ValidateOrder</c>; within one, the type's rules first (QEMU
        /// refuses conflicting options before single values), then the options' in option order, each in declaration order.
        /// </summary>
        internal ValidateStep[] ValidateOrder { get; }

        private ValidateStep[] OrderValidation()
        {
            var steps = new List<(int Order, int Sequence, ValidateStep Step)>();
            foreach (DeviceRuleAttribute rule in Rules) steps.Add((rule.ValidateOrder, steps.Count, new ValidateStep(null, null, rule)));
            foreach (OptionInfo option in Options)
            {
                foreach (OptionRuleAttribute rule in option.Rules) steps.Add((rule.ValidateOrder, steps.Count, new ValidateStep(option, rule, null)));
            }
            steps.Sort((a, b) => a.Order != b.Order ? a.Order.CompareTo(b.Order) : a.Sequence.CompareTo(b.Sequence));
            return steps.ConvertAll(s => s.Step).ToArray();
        }

        /// <summary>A rule that names an option the type does not have fails here, when the catalog loads, not at a first resolve.</summary>
        /// <exception cref="ArgumentException">A rule names an unknown option, or its condition does not parse.</exception>
        private void CheckRules()
        {
            foreach (OptionInfo option in Options)
            {
                foreach (OptionRuleAttribute rule in option.Rules)
                {
                    foreach (string name in rule.NamedOptions())
                    {
                        if (IndexOf(name) < 0) throw new ArgumentException(Name + ": " + rule.GetType().Name + " on option '" + option.Name + "' names option '" + name + "', which " + Name + " does not have");
                    }
                }
            }
            bool virtio = false;
            foreach (DeviceRuleAttribute rule in Rules)
            {
                foreach (string name in rule.NamedOptions())
                {
                    if (IndexOf(name) < 0) throw new ArgumentException(Name + ": " + rule.GetType().Name + " names option '" + name + "', which " + Name + " does not have");
                }
                virtio |= rule is VirtioQueueAttribute or VirtioDeviceFeatureAttribute or VirtioBackendInputAttribute or VirtioCheckAttribute || rule is DeviceConfigFieldAttribute { Value: not null };
            }
            // The virtio declarations' expressions may also name backend inputs: their plan checks every name.
            if (virtio) VirtioAbiBuilder.PlanOf(this);
        }

        private readonly OptionInfo[] _ruleOrder;

        /// <summary>
        /// The options that declare rules, in the order their <c>Resolve</c> hooks run: option order, except that an option
        /// comes after the one its rules name in <see cref="OptionRuleAttribute.ResolveAfter"/>. Computed once per type,
        /// when the catalog loads (a cycle fails there).
        /// </summary>
        internal OptionInfo[] RuleOrder => _ruleOrder;

        private OptionInfo[] OrderRules()
        {
            var order = new List<OptionInfo>();
            var state = new byte[Options.Length]; // 0 unvisited, 1 on the path, 2 placed
            for (int i = 0; i < Options.Length; i++)
            {
                if (!Options[i].Rules.IsEmpty) Visit(i);
            }
            return order.ToArray();

            void Visit(int index)
            {
                if (state[index] == 2) return;
                if (state[index] == 1) throw new ArgumentException(Name + ": the rules of option '" + Options[index].Name + "' depend on themselves (ResolveAfter cycle)");
                state[index] = 1;
                foreach (OptionRuleAttribute rule in Options[index].Rules)
                {
                    if (rule.ResolveAfter is not string after) continue;
                    int other = IndexOf(after);
                    if (other < 0) throw new ArgumentException(Name + ": a rule of option '" + Options[index].Name + "' reads option '" + after + "', which " + Name + " does not have");
                    if (!Options[other].Rules.IsEmpty) Visit(other);
                }
                state[index] = 2;
                order.Add(Options[index]);
            }
        }

        private readonly record struct Composed(OptionRow Row, int Slot, string DeclaringType, HistoryRow? History);

        /// <summary>The slot of the option at <paramref name="index"/> in the generated accessors.</summary>
        internal int SlotOf(int index) => _slots[index];

        /// <summary>The driver name.</summary>
        public string Name { get; }
        /// <summary>One line of description.</summary>
        public string? Description { get; }
        /// <summary>The C# type, fully qualified.</summary>
        public string ClrType { get; }
        /// <summary>The nearest base device type's name (abstract families included), if any.</summary>
        public string? Parent { get; }
        /// <summary>Every option, inherited ones included, in ordinal order of names.</summary>
        public ImmutableArray<OptionInfo> Options { get; }

        /// <summary>The declared PCI capabilities, base types' first, in declaration order (standard then extended lists).</summary>
        public ImmutableArray<CapabilityInfo> Capabilities { get; }

        /// <summary>The declarative rules of the type and its base types (<see cref="DeviceRuleAttribute"/>), base types' first.</summary>
        public ImmutableArray<DeviceRuleAttribute> Rules { get; }

        /// <summary>Creates a device with every option at its current default.</summary>
        public Device Create() => _factory();

        /// <summary>The index of the option named <paramref name="name"/>, or -1.</summary>
        public int IndexOf(ReadOnlySpan<char> name) => _names.IndexOf(name);

        /// <summary>The option named <paramref name="name"/>, or null.</summary>
        public OptionInfo? FindOption(ReadOnlySpan<char> name)
        {
            int index = IndexOf(name);
            return index < 0 ? null : Options[index];
        }

        /// <summary>Names of options close to <paramref name="name"/>, best first (for "did you mean").</summary>
        public string? Suggest(string name)
        {
            var names = new List<string>(Options.Length);
            foreach (OptionInfo option in Options) names.Add(option.Name);
            return Spelling.Closest(name, names);
        }

        /// <inheritdoc/>
        public override string ToString() => Name;
    }
}
