using System;
using DeviceModel.Pci;

namespace DeviceModel
{
    /// <summary>
    /// The value must be a power of two (QEMU's <c>is_power_of_2</c> checks in realize). Checked at realize; an unset
    /// (auto) value is not checked.
    /// </summary>
    /// <example><c>[PowerOfTwo(Message = "invalid queue-size property ({value}), must be a power of 2 (max 1024)")]</c></example>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = true, Inherited = true)]
    public sealed class PowerOfTwoAttribute : OptionRuleAttribute
    {
        /// <summary>The error message: <c>{option}</c> and <c>{value}</c> are replaced. Default: "'{option}' must be a power of 2, not {value}".</summary>
        public string Message { get; set; } = "'{option}' must be a power of 2, not {value}";

        /// <inheritdoc/>
        public override void Validate(Device device, OptionInfo option)
        {
            ArgumentNullException.ThrowIfNull(device);
            ArgumentNullException.ThrowIfNull(option);
            OptionValue value = device.GetOption(option.Index);
            if (RuleValues.IsUnset(value) || !RuleValues.IsNumeric(option.Kind)) return;
            bool signedNegative = ValueSyntax.IsSigned(option.Kind) && value.Int64 <= 0;
            if (signedNegative || value.Bits == 0 || (value.Bits & (value.Bits - 1)) != 0)
            {
                throw new PciConfigurationException(RuleValues.Format(Message, option, value));
            }
        }

        /// <inheritdoc/>
        public override string Describe(OptionInfo option) => "must be a power of 2";
    }

    /// <summary>
    /// The value must be greater than <see cref="Bound"/> (a realize-time refusal with the product's message; the parse-time
    /// range is <c>[ConfigOption(Min = …)]</c>). An unset (auto) value is not checked.
    /// </summary>
    /// <param name="bound">The exclusive lower bound.</param>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = true, Inherited = true)]
    public sealed class GreaterThanAttribute(long bound) : OptionRuleAttribute
    {
        /// <summary>The exclusive lower bound.</summary>
        public long Bound { get; } = bound;

        /// <summary>The error message: <c>{option}</c>, <c>{value}</c> and <c>{bound}</c> are replaced. Default: "'{option}' must be greater than {bound}, not {value}".</summary>
        public string Message { get; set; } = "'{option}' must be greater than {bound}, not {value}";

        /// <inheritdoc/>
        public override void Validate(Device device, OptionInfo option)
        {
            ArgumentNullException.ThrowIfNull(device);
            ArgumentNullException.ThrowIfNull(option);
            OptionValue value = device.GetOption(option.Index);
            if (RuleValues.IsUnset(value) || !RuleValues.IsNumeric(option.Kind)) return;
            if (RuleValues.Compare(option.Kind, value.Bits, Bound) <= 0) throw new PciConfigurationException(RuleValues.Format(Message, option, value, bound: Bound));
        }

        /// <inheritdoc/>
        public override string Describe(OptionInfo option) => "must be greater than " + RuleValues.Text(option, Bound);
    }

    /// <summary>
    /// The value must be less than <see cref="Bound"/> (a realize-time refusal with the product's message). Combine with
    /// <see cref="OptionRuleAttribute.When"/> to exempt a sentinel: <c>When = "mem-reserve"</c> checks only a value that
    /// differs from the default. An unset (auto) value is not checked.
    /// </summary>
    /// <param name="bound">The exclusive upper bound.</param>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = true, Inherited = true)]
    public sealed class LessThanAttribute(long bound) : OptionRuleAttribute
    {
        /// <summary>The exclusive upper bound.</summary>
        public long Bound { get; } = bound;

        /// <summary>The error message: <c>{option}</c>, <c>{value}</c> and <c>{bound}</c> are replaced. Default: "'{option}' must be less than {bound}, not {value}".</summary>
        public string Message { get; set; } = "'{option}' must be less than {bound}, not {value}";

        /// <inheritdoc/>
        public override void Validate(Device device, OptionInfo option)
        {
            ArgumentNullException.ThrowIfNull(device);
            ArgumentNullException.ThrowIfNull(option);
            OptionValue value = device.GetOption(option.Index);
            if (RuleValues.IsUnset(value) || !RuleValues.IsNumeric(option.Kind)) return;
            if (RuleValues.Compare(option.Kind, value.Bits, Bound) >= 0) throw new PciConfigurationException(RuleValues.Format(Message, option, value, bound: Bound));
        }

        /// <inheritdoc/>
        public override string Describe(OptionInfo option) => "must be less than " + RuleValues.Text(option, Bound);
    }

    /// <summary>
    /// QEMU's silent caps: a value above <see cref="Max"/> is lowered to it while the device resolves, without an error
    /// (virtio-net's <c>tx_queue_size</c> is capped at 256 unless the peer is vhost-user). The provenance of a capped
    /// value is <see cref="OptionSource.Auto"/>. As QEMU checks before it caps, a value the option's other rules refuse
    /// is left as given, for realize to refuse with their message.
    /// </summary>
    /// <param name="max">The largest value the device keeps.</param>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = true, Inherited = true)]
    public sealed class CappedAtAttribute(long max) : OptionRuleAttribute
    {
        /// <summary>The largest value the device keeps.</summary>
        public long Max { get; } = max;

        /// <inheritdoc/>
        public override void Resolve(Device device, OptionInfo option, RealizeContext context)
        {
            ArgumentNullException.ThrowIfNull(device);
            ArgumentNullException.ThrowIfNull(option);
            OptionValue value = device.GetOption(option.Index);
            if (RuleValues.IsUnset(value) || !RuleValues.IsNumeric(option.Kind)) return;
            if (RuleValues.Compare(option.Kind, value.Bits, Max) > 0 && OthersAccept(device, option)) device.SetOption(option.Index, RuleValues.Integer(option, Max), OptionSource.Auto);
        }

        /// <summary>Whether the option's other rules accept its value: QEMU checks, then caps, so a refused value is left for realize to refuse.</summary>
        private bool OthersAccept(Device device, OptionInfo option)
        {
            foreach (OptionRuleAttribute rule in option.Rules)
            {
                if (ReferenceEquals(rule, this) || !rule.AppliesTo(device)) continue;
                try
                {
                    rule.Validate(device, option);
                }
                catch (PciConfigurationException)
                {
                    return false;
                }
            }
            return true;
        }

        /// <inheritdoc/>
        public override string Describe(OptionInfo option) => "silently capped at " + RuleValues.Text(option, Max);
    }

    /// <summary>
    /// QEMU's silent replacement: a value that is not one of <see cref="Values"/> (auto included) becomes
    /// <see cref="Otherwise"/> while the device resolves (virtio-serial keeps classes 0x0780, 0x0380 and 0xff00 and uses
    /// 0x0780 for any other).
    /// </summary>
    /// <param name="otherwise">The value anything else becomes.</param>
    /// <param name="values">The values kept as given.</param>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = true, Inherited = true)]
    public sealed class OneOfOrAttribute(long otherwise, params long[] values) : OptionRuleAttribute
    {
        private readonly long[] _values = values ?? [];

        /// <summary>The value anything else becomes.</summary>
        public long Otherwise { get; } = otherwise;

        /// <summary>The values kept as given.</summary>
        public ReadOnlySpan<long> Values => _values;

        /// <inheritdoc/>
        public override void Resolve(Device device, OptionInfo option, RealizeContext context)
        {
            ArgumentNullException.ThrowIfNull(device);
            ArgumentNullException.ThrowIfNull(option);
            OptionValue value = device.GetOption(option.Index);
            if (!RuleValues.IsUnset(value))
            {
                foreach (long kept in _values)
                {
                    if (RuleValues.Compare(option.Kind, value.Bits, kept) == 0) return;
                }
            }
            device.SetOption(option.Index, RuleValues.Integer(option, Otherwise), OptionSource.Auto);
        }

        /// <inheritdoc/>
        public override string Describe(OptionInfo option) => "kept if one of " + string.Join(", ", Array.ConvertAll(_values, v => RuleValues.Text(option, v))) + ", else " + RuleValues.Text(option, Otherwise);
    }

    /// <summary>
    /// A relation between two options: the value must be at most the value of <see cref="Other"/> (QEMU:
    /// "logical_block_size &gt; physical_block_size not supported"). Checked at realize when both are set to numbers.
    /// </summary>
    /// <param name="other">The option this one must not exceed.</param>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = true, Inherited = true)]
    public sealed class AtMostOptionAttribute(string other) : OptionRuleAttribute
    {
        /// <summary>The option this one must not exceed.</summary>
        public string Other { get; } = other;

        /// <inheritdoc/>
        internal override string[] ArgumentOptions => [Other];

        /// <summary>The error message: <c>{option}</c>, <c>{value}</c> and <c>{other}</c> are replaced. Default: "'{option}' ({value}) must not exceed '{other}'".</summary>
        public string Message { get; set; } = "'{option}' ({value}) must not exceed '{other}'";

        /// <inheritdoc/>
        public override void Validate(Device device, OptionInfo option)
        {
            ArgumentNullException.ThrowIfNull(device);
            ArgumentNullException.ThrowIfNull(option);
            OptionValue value = device.GetOption(option.Index);
            OptionValue limit = device.GetOption(RuleValues.IndexOf(device, Other));
            if (RuleValues.IsUnset(value) || RuleValues.IsUnset(limit) || !RuleValues.IsNumeric(option.Kind) || !RuleValues.IsNumeric(limit.Kind)) return;
            bool exceeds = ValueSyntax.IsSigned(option.Kind) || ValueSyntax.IsSigned(limit.Kind) ? value.Int64 > limit.Int64 : value.Bits > limit.Bits;
            if (exceeds) throw new PciConfigurationException(RuleValues.Format(Message, option, value, Other));
        }

        /// <inheritdoc/>
        public override string Describe(OptionInfo option) => "must not exceed " + Other;
    }

    /// <summary>
    /// A relation between two options: the value must be a multiple of the value of <see cref="Other"/> (QEMU:
    /// "min_io_size must be a multiple of logical_block_size"). Checked at realize when both are set and the other is not 0.
    /// </summary>
    /// <param name="other">The option whose value this one must be a multiple of.</param>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = true, Inherited = true)]
    public sealed class MultipleOfOptionAttribute(string other) : OptionRuleAttribute
    {
        /// <summary>The option whose value this one must be a multiple of.</summary>
        public string Other { get; } = other;

        /// <inheritdoc/>
        internal override string[] ArgumentOptions => [Other];

        /// <summary>The error message: <c>{option}</c>, <c>{value}</c> and <c>{other}</c> are replaced. Default: "{option} must be a multiple of {other}".</summary>
        public string Message { get; set; } = "{option} must be a multiple of {other}";

        /// <inheritdoc/>
        public override void Validate(Device device, OptionInfo option)
        {
            ArgumentNullException.ThrowIfNull(device);
            ArgumentNullException.ThrowIfNull(option);
            OptionValue value = device.GetOption(option.Index);
            OptionValue unit = device.GetOption(RuleValues.IndexOf(device, Other));
            if (RuleValues.IsUnset(value) || RuleValues.IsUnset(unit) || !RuleValues.IsNumeric(option.Kind) || !RuleValues.IsNumeric(unit.Kind) || unit.Bits == 0) return;
            if (value.Bits % unit.Bits != 0) throw new PciConfigurationException(RuleValues.Format(Message, option, value, Other));
        }

        /// <inheritdoc/>
        public override string Describe(OptionInfo option) => "must be a multiple of " + Other;
    }
}
