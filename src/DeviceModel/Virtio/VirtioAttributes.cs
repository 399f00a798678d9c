using System;
using System.Globalization;
using DeviceModel.Virtio;

namespace DeviceModel
{
    /// <summary>
    /// The virtio feature bit an option controls: the device offers bit <paramref name="bit"/> while the option is set (a
    /// bool that is on; any other option while it differs from its default) and its <see cref="Requires"/> expression, if
    /// any, is non-zero. Declared on the <c>[ConfigOption]</c> property, as QEMU's
    /// <c>DEFINE_PROP_BIT64("csum", VirtIONet, host_features, VIRTIO_NET_F_CSUM, true)</c>.
    /// </summary>
    /// <param name="bit">The feature bit (0–63).</param>
    /// <example><c>[VirtioFeature(VirtioNetFeature.Csum, Requires = "vnet_hdr")]</c></example>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = true, Inherited = true)]
    public sealed class VirtioFeatureAttribute(int bit) : OptionRuleAttribute
    {
        /// <summary>The feature bit.</summary>
        public int Bit { get; } = bit;

        private VirtioExpression? _backend;

        internal VirtioExpression? RequiresExpression => Requires is null ? null : _backend ??= VirtioExpression.Parse(Requires);

        /// <summary>
        /// An expression of backend inputs (<see cref="VirtioBackendInputAttribute"/>) and options that must be non-zero for
        /// the bit to be offered, QEMU's <c>get_features</c> filtering (<c>"vnet_hdr"</c>, <c>"vnet_hdr &amp;&amp; ufo"</c>,
        /// <c>"num-queues &gt; 1"</c>); null: none.
        /// </summary>
        public string? Requires { get; set; }

        /// <summary>Whether the bit is one of QEMU's <c>legacy_features</c>: offered on the legacy interface only, hidden from the modern one.</summary>
        public bool LegacyOnly { get; set; }

        /// <inheritdoc/>
        public override string Describe(OptionInfo option) => VirtioFeatureText.Describe(Bit, Requires, LegacyOnly);
    }

    /// <summary>
    /// A virtio feature bit the device type offers without an option of its own: always, or while <see cref="DeviceRuleAttribute.When"/>
    /// holds (<c>When = "host_mtu"</c>), and while its <see cref="Requires"/> expression, if any, is non-zero.
    /// </summary>
    /// <param name="bit">The feature bit (0–63).</param>
    /// <example><c>[VirtioDeviceFeature(VirtioNetFeature.Mac)]</c>, <c>[VirtioDeviceFeature(VirtioNetFeature.Mtu, When = "host_mtu")]</c></example>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class VirtioDeviceFeatureAttribute(int bit) : DeviceRuleAttribute
    {
        /// <summary>The feature bit.</summary>
        public int Bit { get; } = bit;

        private VirtioExpression? _backend;

        internal VirtioExpression? RequiresExpression => Requires is null ? null : _backend ??= VirtioExpression.Parse(Requires);

        /// <summary>An expression of backend inputs that must be non-zero for the bit to be offered (see <see cref="VirtioFeatureAttribute.Requires"/>); null: none.</summary>
        public string? Requires { get; set; }

        /// <summary>Whether the bit is offered on the legacy interface only (QEMU's <c>legacy_features</c>).</summary>
        public bool LegacyOnly { get; set; }

        /// <inheritdoc/>
        public override string Describe(DeviceInfo device) => "offers " + VirtioFeatureText.Describe(Bit, Requires, LegacyOnly);
    }

    /// <summary>
    /// A feature bit a legacy driver that acknowledges VIRTIO_F_BAD_FEATURE is given instead of the features it wrote
    /// (QEMU's <c>bad_features</c>: what early Linux drivers understood without negotiating), still masked to the offered
    /// ones. A type without any gives such a driver nothing.
    /// </summary>
    /// <param name="bit">The feature bit (0–63).</param>
    /// <example><c>[VirtioFallbackFeature(VirtioNetFeature.Mac)]</c></example>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class VirtioFallbackFeatureAttribute(int bit) : DeviceRuleAttribute
    {
        /// <summary>The feature bit.</summary>
        public int Bit { get; } = bit;

        /// <inheritdoc/>
        public override string Describe(DeviceInfo device) =>
            "gives a legacy driver acknowledging VIRTIO_F_BAD_FEATURE " + VirtioFeatureText.Describe(Bit, null, false);
    }

    /// <summary>
    /// A host-side input of the virtio ABI (what QEMU reads from the backend: whether a NIC's peer has a vnet header, a
    /// disk's capacity): a named integer with a documented default equal to the reference setup, which the VMM overrides per
    /// device with <see cref="VirtioBackend"/>. Feature conditions (<c>Requires</c>), queue and config expressions read it
    /// by name.
    /// </summary>
    /// <param name="name">The input's name (letters, digits, <c>_</c>).</param>
    /// <param name="defaultValue">Its value when the VMM gives none.</param>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class VirtioBackendInputAttribute(string name, long defaultValue) : DeviceRuleAttribute
    {
        /// <summary>The input's name.</summary>
        public string Name { get; } = name;

        /// <summary>Its default.</summary>
        public long Default { get; } = defaultValue;

        /// <summary>What the input means, for the reference docs.</summary>
        public string? Description { get; set; }

        /// <inheritdoc/>
        public override string Describe(DeviceInfo device) => "backend input " + Name + " (default " + Default.ToString(CultureInfo.InvariantCulture) + ")"
            + (Description is null ? "" : ": " + Description);
    }

    /// <summary>
    /// One virtqueue (or <see cref="Count"/> of them) of a virtio device type, in declaration order, base types' first. Its
    /// size and count are <see cref="VirtioExpression">expressions</see> of options and backend inputs. Consecutive
    /// declarations with the same <see cref="Group"/> are interleaved (virtio-net's receiveq0, transmitq0, receiveq1, …)
    /// and take the first one's count.
    /// </summary>
    /// <param name="name">The queue's name in the virtio specification (for docs).</param>
    /// <param name="size">Its size: a number or an expression (<c>"rx_queue_size"</c>, <c>"128"</c>).</param>
    /// <example><c>[VirtioQueue("requestq", "queue-size", Count = "num-queues")]</c></example>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class VirtioQueueAttribute(string name, string size) : DeviceRuleAttribute
    {
        private VirtioExpression? _size, _count;

        /// <summary>The queue's name.</summary>
        public string Name { get; } = name;

        /// <summary>The size expression.</summary>
        public string Size { get; } = size;

        /// <summary>How many queues of this kind (an expression); null: one.</summary>
        public string? Count { get; set; }

        /// <summary>Interleaves consecutive declarations of the same group; null: none.</summary>
        public string? Group { get; set; }

        internal VirtioExpression SizeExpression => _size ??= VirtioExpression.Parse(Size);

        internal VirtioExpression? CountExpression => Count is null ? null : _count ??= VirtioExpression.Parse(Count);

        /// <inheritdoc/>
        public override string Describe(DeviceInfo device) => "virtqueue " + Name + ", size " + Size + (Count is null ? "" : ", count " + Count);
    }

    /// <summary>
    /// A configuration the device refuses when its virtio ABI is computed (QEMU's realize-time checks that need the host
    /// side, or that the ABI's sizes impose): while <paramref name="condition"/> (an expression of options and backend
    /// inputs) is non-zero,
    /// <see cref="VirtioPciDevice.DescribeVirtio"/> throws <see cref="Pci.PciConfigurationException"/> with <paramref name="message"/>.
    /// </summary>
    /// <param name="condition">When the configuration is refused (<c>"blob &amp;&amp; !udmabuf"</c>).</param>
    /// <param name="message">The refusal, in the reference's words.</param>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class VirtioCheckAttribute(string condition, string message) : DeviceRuleAttribute
    {
        private VirtioExpression? _condition;

        /// <summary>The condition.</summary>
        public string Condition { get; } = condition;

        /// <summary>The refusal message.</summary>
        public string Message { get; } = message;

        internal VirtioExpression ConditionExpression => _condition ??= VirtioExpression.Parse(Condition);

        /// <inheritdoc/>
        public override string Describe(DeviceInfo device) => "refused while " + Condition + ": " + Message;
    }

    internal static class VirtioFeatureText
    {
        public static string Describe(int bit, string? requires, bool legacyOnly) =>
            "virtio feature bit " + bit.ToString(CultureInfo.InvariantCulture)
            + (requires is null ? "" : " if " + requires)
            + (legacyOnly ? " (legacy interface only)" : "");
    }
}
