using System;
using System.ComponentModel;

namespace DeviceModel
{
    /// <summary>Where a resolved option value came from, highest precedence first.</summary>
    public enum OptionSource : byte
    {
        /// <summary>The current default (the property's initializer).</summary>
        Default = 0,
        /// <summary>The default of the machine type's version, from the option's compat history.</summary>
        Machine = 1,
        /// <summary>Decided at realize time from the machine and bus.</summary>
        Auto = 2,
        /// <summary>The record of this device in a compat hints file.</summary>
        Hints = 3,
        /// <summary>Written in the configuration.</summary>
        Explicit = 4,
    }

    /// <summary>
    /// Base of every device type. A device type is a <c>partial</c> class marked <see cref="DeviceAttribute"/>;
    /// the generator implements the option accessors below with switches, so nothing here uses reflection.
    /// </summary>
    public abstract class Device
    {
        // The provenance of every option, two to a byte (an OptionSource fits in four bits): every parsed device carries it.
        private byte[]? _sources;

        /// <summary>The device id (<c>id=</c>): names the device in hints files and error messages.</summary>
        public string? Id { get; set; }

        /// <summary>The id of the bus (a bridge or root port) the device sits on (<c>bus=</c>); null for the root bus.</summary>
        public string? Bus { get; set; }

        /// <summary>The device type's metadata.</summary>
        public abstract DeviceInfo Info { get; }

        /// <summary>The generated table of the nearest declaring type: none above the first.</summary>
        // Hidden from IntelliSense: each declaring type's generated part hides it with its own table.
        [EditorBrowsable(EditorBrowsableState.Never)]
        protected static DeviceTable? DeviceModelTable => null;

        /// <summary>
        /// Reads the option in <paramref name="slot"/> of the device type's table chain (<see cref="DeviceTable"/>), or stores
        /// <paramref name="value"/> in it (already validated; it converts to the property's type) when <paramref name="set"/>,
        /// and returns the option's value after the access, whose kind is the option's. Each declaring type's generated
        /// override serves its own slots and defers the others to its base.
        /// </summary>
        // One method for both directions: a generated arm names its property once per direction, on one line.
        // Hidden from IntelliSense: the generated option switches override it; callers use GetOption and SetOption.
        [EditorBrowsable(EditorBrowsableState.Never)]
        protected virtual OptionValue AccessOption(int slot, bool set, in OptionAssignment value) => throw new ArgumentOutOfRangeException(nameof(slot));

        /// <summary>The current value of the option at <paramref name="index"/> of <see cref="DeviceInfo.Options"/>.</summary>
        public OptionValue GetOption(int index) => AccessOption(Info.SlotOf(index), false, default);

        /// <summary>Reads a slot directly: <see cref="DeviceInfo"/> reads a prototype's defaults before <see cref="Info"/> is set.</summary>
        internal OptionValue GetSlot(int slot) => AccessOption(slot, false, default);

        /// <summary>The current value of the option named <paramref name="name"/>.</summary>
        /// <exception cref="ArgumentException">The device has no such option.</exception>
        public OptionValue GetOption(string name)
        {
            int index = Info.IndexOf(name);
            if (index < 0) throw new ArgumentException(Info.Name + " has no option '" + name + "'", nameof(name));
            return AccessOption(Info.SlotOf(index), false, default);
        }

        /// <summary>Where the value of the option at <paramref name="index"/> came from.</summary>
        public OptionSource SourceOf(int index) =>
            _sources is null ? OptionSource.Default : (OptionSource)((_sources[index >> 1] >> ((index & 1) << 2)) & 0xF);

        /// <summary>Stores <paramref name="value"/> in the option at <paramref name="index"/>, recording its provenance.</summary>
        /// <exception cref="ArgumentException">The value's kind or range does not fit the option.</exception>
        public void SetOption(int index, in OptionValue value, OptionSource source)
        {
            OptionInfo option = Info.Options[index];
            if (!option.Accepts(value))
            {
                throw new ArgumentException("value '" + value + "' (" + value.Kind + ") does not fit option '" + option.Name + "' of " + Info.Name + ": expected " + option.Expected);
            }
            AccessOption(Info.SlotOf(index), true, new OptionAssignment(value));
            RecordSource(index, source);
        }

        /// <summary>
        /// Stores a value the caller has already checked against the option (the config parsers, whose
        /// <see cref="OptionInfo.TryParse"/> applies kind, range and limits): <see cref="SetOption"/> without checking it again.
        /// </summary>
        internal void SetValidated(OptionInfo option, in OptionValue value, OptionSource source)
        {
            AccessOption(option.Slot, true, new OptionAssignment(value));
            Record(_sources ??= NewSources(option.Device.Options.Length), option.Index, source);
        }

        private void RecordSource(int index, OptionSource source)
        {
            // Allocated on the first value that is not a default: a device built in code and never configured keeps none.
            if (source != OptionSource.Default || _sources is not null)
            {
                Record(_sources ??= NewSources(Info.Options.Length), index, source);
            }
        }

        private static byte[] NewSources(int options) => new byte[(options + 1) >> 1];

        private static void Record(byte[] sources, int index, OptionSource source)
        {
            ref byte pair = ref sources[index >> 1];
            int shift = (index & 1) << 2;
            pair = (byte)((pair & ~(0xF << shift)) | ((int)source << shift));
        }

        /// <summary>
        /// Decides the options still "auto" after explicit config, hints and versioned defaults (QEMU decides them
        /// in realize), and applies the rules by which QEMU's realize changes a property it then reports (virtio-blk
        /// without virtio 1.0 drops <c>any_layout</c>). Set the properties directly; the resolver records the provenance
        /// of every value decided or changed here as <see cref="OptionSource.Auto"/>. Overrides call the base first.
        /// </summary>
        protected internal virtual void ResolveAuto(RealizeContext context)
        {
        }

        /// <summary>
        /// Applies the realize rules that depend on values <see cref="ResolveAuto"/> decided anywhere in the class
        /// hierarchy (it runs after every override of <see cref="ResolveAuto"/>): QEMU's virtio-pci drops MSI-X, and
        /// reports <c>vectors</c> 0, when msix_init rejects the vector count. Provenance as for <see cref="ResolveAuto"/>.
        /// Overrides call the base first.
        /// </summary>
        protected internal virtual void ApplyRealizeRules(RealizeContext context)
        {
        }

        /// <summary>
        /// Runs the <c>Resolve</c> hooks of the declared rules whose condition holds: every option's, in option order with
        /// <see cref="OptionRuleAttribute.ResolveAfter"/> dependencies first, then the type's.
        /// </summary>
        internal void ResolveDeclaredRules(RealizeContext context)
        {
            DeviceInfo info = Info;
            foreach (OptionInfo option in info.RuleOrder)
            {
                foreach (OptionRuleAttribute rule in option.Rules)
                {
                    if (rule.AppliesTo(this)) rule.Resolve(this, option, context);
                }
            }
            foreach (DeviceRuleAttribute rule in info.Rules)
            {
                if (rule.AppliesTo(this)) rule.Resolve(this, context);
            }
        }

        /// <summary>
        /// Runs the <c>Validate</c> hooks of the declared rules whose condition holds, in <see cref="DeviceInfo.ValidateOrder"/>:
        /// by <c>ValidateOrder</c>, then the type's rules, then every option's in option order.
        /// </summary>
        internal void ValidateDeclaredRules()
        {
            foreach (DeviceInfo.ValidateStep step in Info.ValidateOrder)
            {
                if (step.OptionRule is { } optionRule)
                {
                    if (optionRule.AppliesTo(this)) optionRule.Validate(this, step.Option!);
                }
                else if (step.DeviceRule!.AppliesTo(this))
                {
                    step.DeviceRule.Validate(this);
                }
            }
        }

        /// <summary>The device as a <c>-device</c> keyval string with every explicitly set option.</summary>
        public string ToKeyval(bool allOptions = false) => KeyvalFormatter.Format(this, allOptions);

        /// <inheritdoc/>
        public override string ToString() => Id is null ? Info.Name : Info.Name + " '" + Id + "'";
    }
}
