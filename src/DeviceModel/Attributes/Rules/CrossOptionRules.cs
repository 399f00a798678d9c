using System;
using DeviceModel.Pci;

namespace DeviceModel
{
    /// <summary>
    /// While this option is set, <see cref="Other"/> must be set too (QEMU: "'free-page-hint' requires 'iothread' to be
    /// set"). "Set" as in <see cref="OptionRuleAttribute.When"/>: true, on, a non-empty string, a value other than the
    /// default. Checked at realize.
    /// </summary>
    /// <param name="other">The option this one requires.</param>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = true, Inherited = true)]
    public sealed class RequiresAttribute(string other) : OptionRuleAttribute
    {
        /// <summary>The option this one requires.</summary>
        public string Other { get; } = other;

        /// <inheritdoc/>
        internal override string[] ArgumentOptions => [Other];

        /// <summary>The error message: <c>{option}</c>, <c>{value}</c> and <c>{other}</c> are replaced. Default (QEMU's): "'{option}' requires '{other}' to be set".</summary>
        public string Message { get; set; } = "'{option}' requires '{other}' to be set";

        /// <inheritdoc/>
        public override void Validate(Device device, OptionInfo option)
        {
            ArgumentNullException.ThrowIfNull(device);
            ArgumentNullException.ThrowIfNull(option);
            if (RuleValues.IsSet(device, option.Index) && !RuleValues.IsSet(device, RuleValues.IndexOf(device, Other)))
            {
                throw new PciConfigurationException(RuleValues.Format(Message, option, device.GetOption(option.Index), Other));
            }
        }

        /// <inheritdoc/>
        public override string Describe(OptionInfo option) => "requires " + Other;
    }

    /// <summary>
    /// This option and <see cref="Other"/> must not both be set (QEMU: "PCI resource reserve cap: PREF32 and PREF64
    /// conflict"). "Set" as in <see cref="OptionRuleAttribute.When"/>. Checked at realize.
    /// </summary>
    /// <param name="other">The option this one excludes.</param>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = true, Inherited = true)]
    public sealed class ConflictsWithAttribute(string other) : OptionRuleAttribute
    {
        /// <summary>The option this one excludes.</summary>
        public string Other { get; } = other;

        /// <inheritdoc/>
        internal override string[] ArgumentOptions => [Other];

        /// <summary>The error message: <c>{option}</c>, <c>{value}</c> and <c>{other}</c> are replaced. Default: "'{option}' and '{other}' conflict: set only one".</summary>
        public string Message { get; set; } = "'{option}' and '{other}' conflict: set only one";

        /// <inheritdoc/>
        public override void Validate(Device device, OptionInfo option)
        {
            ArgumentNullException.ThrowIfNull(device);
            ArgumentNullException.ThrowIfNull(option);
            if (RuleValues.IsSet(device, option.Index) && RuleValues.IsSet(device, RuleValues.IndexOf(device, Other)))
            {
                throw new PciConfigurationException(RuleValues.Format(Message, option, device.GetOption(option.Index), Other));
            }
        }

        /// <inheritdoc/>
        public override string Describe(OptionInfo option) => "conflicts with " + Other;
    }

    /// <summary>
    /// QEMU's realize overrides an option it then reports: while <see cref="DeviceRuleAttribute.When"/> holds,
    /// <see cref="Option"/> becomes <see cref="Value"/> (virtio-blk without virtio 1.0 reports <c>any_layout</c> off:
    /// <c>[ForceOption("any_layout", 0, When = "disable-modern")]</c>). Runs after the option rules; provenance
    /// <see cref="OptionSource.Auto"/>. Declared on the type, so it applies to an inherited option too.
    /// </summary>
    /// <param name="option">The option overridden.</param>
    /// <param name="value">Its value (bool: 0 false, 1 true; on/off/auto: 0 auto, 1 on, 2 off).</param>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class ForceOptionAttribute(string option, long value) : DeviceRuleAttribute
    {
        /// <summary>The option overridden.</summary>
        public string Option { get; } = option;

        /// <inheritdoc/>
        internal override string[] ArgumentOptions => [Option];

        /// <summary>The value it becomes.</summary>
        public long Value { get; } = value;

        /// <inheritdoc/>
        public override void Resolve(Device device, RealizeContext context)
        {
            ArgumentNullException.ThrowIfNull(device);
            int index = RuleValues.IndexOf(device, Option);
            OptionValue forced = RuleValues.Integer(device.Info.Options[index], Value);
            if (device.GetOption(index) != forced) device.SetOption(index, forced, OptionSource.Auto);
        }

        /// <inheritdoc/>
        public override string Describe(DeviceInfo device) => Option + " becomes " + (device?.FindOption(Option) is { } option ? RuleValues.Text(option, Value) : Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// At most one of <see cref="Options"/> may be set (QEMU: "PCI resource reserve cap: PREF32 and PREF64 conflict").
    /// "Set" as in <see cref="OptionRuleAttribute.When"/>. Declared on the type, it is checked
    /// at realize before the options' own rules, as QEMU's realize functions refuse conflicts before ranges.
    /// </summary>
    /// <param name="options">The options of which at most one may be set.</param>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class MutuallyExclusiveAttribute(params string[] options) : DeviceRuleAttribute
    {
        private readonly string[] _options = options ?? [];

        /// <summary>The options of which at most one may be set.</summary>
        public ReadOnlySpan<string> Options => _options;

        /// <inheritdoc/>
        internal override string[] ArgumentOptions => _options;

        /// <summary>
        /// The error message: <c>{first}</c> and <c>{second}</c> are replaced by the first two options set. Default:
        /// "'{first}' and '{second}' conflict: set only one".
        /// </summary>
        public string Message { get; set; } = "'{first}' and '{second}' conflict: set only one";

        /// <inheritdoc/>
        public override void Validate(Device device)
        {
            ArgumentNullException.ThrowIfNull(device);
            string? first = null;
            foreach (string option in _options)
            {
                if (!RuleValues.IsSet(device, RuleValues.IndexOf(device, option))) continue;
                if (first is null)
                {
                    first = option;
                    continue;
                }
                throw new PciConfigurationException(Message.Replace("{first}", first, StringComparison.Ordinal).Replace("{second}", option, StringComparison.Ordinal));
            }
        }

        /// <inheritdoc/>
        public override string Describe(DeviceInfo device) => "at most one of " + string.Join(", ", _options);
    }
}
