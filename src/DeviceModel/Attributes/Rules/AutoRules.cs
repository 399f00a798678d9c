using System;

namespace DeviceModel
{
    /// <summary>
    /// Auto rule: an unset (auto) value becomes one per vCPU, at most <see cref="Max"/> (0: the option's declared
    /// <c>Max</c>) — QEMU 5.2+'s <c>num-queues</c> of virtio-blk and virtio-scsi.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = true, Inherited = true)]
    public sealed class AutoFromVcpusAttribute : OptionRuleAttribute
    {
        /// <summary>The largest value; 0 (the default) takes the option's declared maximum.</summary>
        public long Max { get; set; }

        /// <inheritdoc/>
        public override void Resolve(Device device, OptionInfo option, RealizeContext context)
        {
            ArgumentNullException.ThrowIfNull(device);
            ArgumentNullException.ThrowIfNull(option);
            ArgumentNullException.ThrowIfNull(context);
            if (!RuleValues.IsUnset(device.GetOption(option.Index))) return;
            ulong max = Max > 0 ? Math.Min((ulong)Max, option.Max) : option.Max;
            ulong value = Math.Min((ulong)Math.Max(context.Smp, 1), max);
            device.SetOption(option.Index, OptionValue.FromInteger(option.Kind, value), OptionSource.Auto);
        }

        /// <inheritdoc/>
        public override string Describe(OptionInfo option) => "auto: one per vCPU, at most " + (Max > 0 ? RuleValues.Text(option, Max) : ValueSyntax.FormatInteger(option.Max, option.Kind));
    }

    /// <summary>
    /// Auto rule: an unset (auto) value becomes the value of <see cref="Option"/> plus <see cref="Plus"/> (vectors: one per
    /// queue plus one, <c>[AutoFrom("num-queues", Plus = 1)]</c>). The other option's rules resolve first.
    /// </summary>
    /// <param name="option">The option the value is computed from.</param>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = true, Inherited = true)]
    public sealed class AutoFromAttribute(string option) : OptionRuleAttribute
    {
        /// <summary>The option the value is computed from.</summary>
        public string Option { get; } = option;

        /// <summary>Added to the other option's value.</summary>
        public long Plus { get; set; }

        /// <inheritdoc/>
        public override string? ResolveAfter => Option;

        /// <inheritdoc/>
        public override void Resolve(Device device, OptionInfo option, RealizeContext context)
        {
            ArgumentNullException.ThrowIfNull(device);
            ArgumentNullException.ThrowIfNull(option);
            if (!RuleValues.IsUnset(device.GetOption(option.Index))) return;
            OptionValue source = device.GetOption(RuleValues.IndexOf(device, Option));
            if (RuleValues.IsUnset(source) || !RuleValues.IsNumeric(source.Kind)) return;
            device.SetOption(option.Index, RuleValues.Integer(option, source.Int64 + Plus), OptionSource.Auto);
        }

        /// <inheritdoc/>
        public override string Describe(OptionInfo option) => "auto: " + Option + (Plus == 0 ? "" : Plus > 0 ? " + " + Plus.ToString(System.Globalization.CultureInfo.InvariantCulture) : " - " + (-Plus).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Auto rule: an unset (auto) value becomes <see cref="Value"/> (virtio-blk's <c>logical_block_size</c> is 512 without a
    /// backend's). With <see cref="OptionRuleAttribute.When"/>, several form a choice: the first whose condition holds
    /// decides (<c>[AutoValue(0x1000, When = "hotplug &amp; !x-native-hotplug")]</c> then <c>[AutoValue(-1)]</c>).
    /// </summary>
    /// <param name="value">The value (bool: 0 false, 1 true; on/off/auto: 1 on, 2 off; negative numbers fill unsigned bits).</param>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = true, Inherited = true)]
    public sealed class AutoValueAttribute(long value) : OptionRuleAttribute
    {
        /// <summary>The value an unset option becomes.</summary>
        public long Value { get; } = value;

        /// <inheritdoc/>
        public override void Resolve(Device device, OptionInfo option, RealizeContext context)
        {
            ArgumentNullException.ThrowIfNull(device);
            ArgumentNullException.ThrowIfNull(option);
            if (RuleValues.IsUnset(device.GetOption(option.Index))) device.SetOption(option.Index, RuleValues.Integer(option, Value), OptionSource.Auto);
        }

        /// <inheritdoc/>
        public override string Describe(OptionInfo option) => "auto: " + RuleValues.Text(option, Value);
    }

    /// <summary>
    /// Auto rule for a MAC address option: an unset value becomes the session's next default MAC
    /// (<see cref="RealizeSession.NextDefaultMac"/>: QEMU's 52:54:00:12:34:56, :57, … in realize order).
    /// </summary>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = true, Inherited = true)]
    public sealed class DefaultMacAttribute : OptionRuleAttribute
    {
        /// <inheritdoc/>
        public override void Resolve(Device device, OptionInfo option, RealizeContext context)
        {
            ArgumentNullException.ThrowIfNull(device);
            ArgumentNullException.ThrowIfNull(option);
            ArgumentNullException.ThrowIfNull(context);
            if (RuleValues.IsUnset(device.GetOption(option.Index))) device.SetOption(option.Index, OptionValue.FromMac(context.Session.NextDefaultMac()), OptionSource.Auto);
        }

        /// <inheritdoc/>
        public override string Describe(OptionInfo option) => "auto: the next default MAC address";
    }
}
