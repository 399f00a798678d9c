using System;

namespace DeviceModel
{
    /// <summary>
    /// Base of declarative rules on an option (a <c>[ConfigOption]</c> property): value constraints, auto rules, caps.
    /// The generator instantiates each rule attribute of an option into its generated row (no reflection at run time);
    /// the framework calls the hooks while it resolves and realizes a device. A product defines its own rules by deriving
    /// from this class; every constructor argument and named property must be a constant, as for any attribute.
    /// </summary>
    /// <remarks>
    /// <para>Order: the <c>Resolve</c> hooks run before the type's <see cref="Device.ResolveAuto"/> overrides, option by
    /// option in <see cref="DeviceInfo.Options"/> order except that an option whose rule names another in
    /// <see cref="ResolveAfter"/> resolves after that option's rules (vectors from num-queues: the queues first). The
    /// device rules' <c>Resolve</c> hooks run after every option rule. <c>Validate</c> hooks run at realize, before the
    /// type's <c>Validate</c> override, by ascending <see cref="ValidateOrder"/>; within one, the device rules' first
    /// (conflicts before single values, as QEMU checks), then the option rules' in option order, each option's in
    /// declaration order.</para>
    /// <para><see cref="When"/> makes any rule conditional; the framework skips the hooks while it does not hold.</para>
    /// </remarks>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = true, Inherited = true)]
    public abstract class OptionRuleAttribute : Attribute
    {
        private OptionCondition? _when;

        /// <summary>
        /// A condition on the device's options under which the rule applies (null: always): option names joined by
        /// <c>&amp;</c> (all) and <c>|</c> (any; <c>&amp;</c> binds tighter), each optionally negated with <c>!</c>. An option
        /// "holds" when it is set: a bool that is true, <c>on</c>, a non-empty string, any other value that differs from the
        /// option's current default; never while unset or auto. Example: <c>When = "hotplug &amp; !x-native-hotplug"</c>.
        /// </summary>
        public string? When { get; set; }

        /// <summary>
        /// Where the <c>Validate</c> hook runs among the type's (ascending; default 0): QEMU refuses in its code's order, so
        /// a check QEMU makes later — virtio-blk's block sizes after its queue size — gets a higher number.
        /// </summary>
        public int ValidateOrder { get; set; }

        /// <summary>The option whose rules must resolve before this one's (it reads that option's value), or null.</summary>
        public virtual string? ResolveAfter => null;

        /// <summary>Whether <see cref="When"/> holds for <paramref name="device"/>.</summary>
        internal bool AppliesTo(Device device) => When is null || (_when ??= OptionCondition.Parse(When)).Holds(device);

        /// <summary>Every option the rule names (its condition's, and those of its own arguments): checked once per device type.</summary>
        internal System.Collections.Generic.IEnumerable<string> NamedOptions()
        {
            if (When is not null)
            {
                foreach (string name in (_when ??= OptionCondition.Parse(When)).Names) yield return name;
            }
            if (ResolveAfter is string after) yield return after;
            foreach (string name in ArgumentOptions) yield return name;
        }

        /// <summary>The options a built-in rule's arguments name (besides <see cref="ResolveAfter"/>).</summary>
        internal virtual string[] ArgumentOptions => [];

        /// <summary>
        /// What the rule does to <paramref name="option"/>, in one line for the reference docs (the docs add
        /// <see cref="When"/>); by default the rule type's name without "Attribute".
        /// </summary>
        /// <param name="option">The option the rule is declared on (values are formatted in its syntax).</param>
        public virtual string Describe(OptionInfo option) => RuleValues.TypeName(this);

        /// <summary>
        /// Decides or adjusts the option's value after explicit config, hints and versioned defaults applied (QEMU's
        /// realize-time decisions), before the type's <see cref="Device.ResolveAuto"/> overrides run. Rules run in
        /// <see cref="DeviceInfo.Options"/> order (after the option named by <see cref="ResolveAfter"/>), each option's in
        /// declaration order; <see cref="VirtioPciDevice"/>'s <c>disable-legacy=auto</c> is still undecided here.
        /// </summary>
        /// <param name="device">The device being resolved.</param>
        /// <param name="option">The option the rule is declared on.</param>
        /// <param name="context">The machine, bus and session the device is realized in.</param>
        public virtual void Resolve(Device device, OptionInfo option, RealizeContext context)
        {
        }

        /// <summary>Checks the resolved value; throws <see cref="Pci.PciConfigurationException"/> with QEMU's message when it is refused.</summary>
        /// <param name="device">The device being realized.</param>
        /// <param name="option">The option the rule is declared on.</param>
        public virtual void Validate(Device device, OptionInfo option)
        {
        }
    }

    /// <summary>
    /// Base of declarative rules on a device type (class-level): cross-option rules and layout tables. Instantiated into the
    /// type's generated table like <see cref="OptionRuleAttribute"/>; a type's rules apply to it and its subtypes, base
    /// types' first.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public abstract class DeviceRuleAttribute : Attribute
    {
        private OptionCondition? _when;

        /// <summary>A condition under which the rule applies (null: always); the syntax of <see cref="OptionRuleAttribute.When"/>.</summary>
        public string? When { get; set; }

        /// <summary>Where the <c>Validate</c> hook runs among the type's (see <see cref="OptionRuleAttribute.ValidateOrder"/>).</summary>
        public int ValidateOrder { get; set; }

        /// <summary>Whether <see cref="When"/> holds for <paramref name="device"/>.</summary>
        internal bool AppliesTo(Device device) => When is null || (_when ??= OptionCondition.Parse(When)).Holds(device);

        /// <summary>Every option the rule names (its condition's, and those of its own arguments): checked once per device type.</summary>
        internal System.Collections.Generic.IEnumerable<string> NamedOptions()
        {
            if (When is not null)
            {
                foreach (string name in (_when ??= OptionCondition.Parse(When)).Names) yield return name;
            }
            foreach (string name in ArgumentOptions) yield return name;
        }

        /// <summary>The options a built-in rule's arguments name.</summary>
        internal virtual string[] ArgumentOptions => [];

        /// <summary>
        /// What the rule does to a device of <paramref name="device"/>'s type, in one line for the reference docs (the docs
        /// add <see cref="When"/>); by default the rule type's name without "Attribute".
        /// </summary>
        /// <param name="device">The device type the rule applies to.</param>
        public virtual string Describe(DeviceInfo device) => RuleValues.TypeName(this);

        /// <summary>Decides or adjusts option values (see <see cref="OptionRuleAttribute.Resolve"/>); runs after the option rules.</summary>
        /// <param name="device">The device being resolved.</param>
        /// <param name="context">The machine, bus and session the device is realized in.</param>
        public virtual void Resolve(Device device, RealizeContext context)
        {
        }

        /// <summary>
        /// Checks resolved values; throws <see cref="Pci.PciConfigurationException"/> with QEMU's message when they are
        /// refused. Runs before the option rules' <c>Validate</c>.
        /// </summary>
        /// <param name="device">The device being realized.</param>
        public virtual void Validate(Device device)
        {
        }
    }
}
