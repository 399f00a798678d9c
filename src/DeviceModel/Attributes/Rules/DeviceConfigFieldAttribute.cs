using System;

namespace DeviceModel
{
    /// <summary>
    /// One field of a virtio device's device-specific configuration (QEMU's <c>feature_sizes</c>): the configuration is
    /// as long as the end of its last present field. A field without <see cref="DeviceRuleAttribute.When"/> is always
    /// present; with it, only while the condition holds (<c>When = "mq"</c>, <c>When = "rss | hash"</c>). The fields of a
    /// type and its base types together make <see cref="VirtioPciDevice"/>'s device configuration length; a type without
    /// fields has none. <see cref="Value"/> says what the field holds (<see cref="VirtioPciDevice.DescribeVirtio"/> writes every
    /// field below the length, present or not, as QEMU's <c>get_config</c> fills the whole structure).
    /// </summary>
    /// <param name="name">The field's name in the virtio specification (for readers and docs).</param>
    /// <param name="offset">Its byte offset in the device configuration.</param>
    /// <param name="size">Its size in bytes.</param>
    /// <example><c>[DeviceConfigField("mac", 0, 6)]</c>, <c>[DeviceConfigField("status", 6, 2, When = "status")]</c></example>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class DeviceConfigFieldAttribute(string name, int offset, int size) : DeviceRuleAttribute
    {
        /// <summary>The field's name.</summary>
        public string Name { get; } = name;

        /// <summary>Its byte offset.</summary>
        public int Offset { get; } = offset;

        /// <summary>Its size in bytes.</summary>
        public int Size { get; } = size;

        /// <summary>
        /// What the field holds: an expression of options and backend inputs (see <see cref="VirtioQueueAttribute"/>),
        /// written little-endian in <see cref="Size"/> bytes; a MAC address option alone is written in its byte order;
        /// a string option alone is looked up in <see cref="Map"/>. Null: zeros.
        /// </summary>
        public string? Value { get; set; }

        /// <summary>For a <see cref="Value"/> that names a string option: <c>text:number</c> pairs separated by spaces, an empty text for an unset option (<c>"half:0 full:1 :0xff"</c>).</summary>
        public string? Map { get; set; }

        /// <summary>
        /// The field's size as the guest sees it when it varies (an expression, at most <see cref="Size"/>): a string
        /// whose length comes from an option (<c>"serial.length"</c>). Null: <see cref="Size"/>.
        /// </summary>
        public string? Length { get; set; }

        private Virtio.VirtioExpression? _value, _length;

        internal Virtio.VirtioExpression? LengthExpression => Length is null ? null : _length ??= Virtio.VirtioExpression.Parse(Length);

        internal Virtio.VirtioExpression? ValueExpression => Value is null ? null : _value ??= Virtio.VirtioExpression.Parse(Value);

        /// <inheritdoc/>
        public override string Describe(DeviceInfo device) => "device config field " + Name + " at " + Offset.ToString(System.Globalization.CultureInfo.InvariantCulture)
            + ", " + Size.ToString(System.Globalization.CultureInfo.InvariantCulture) + " bytes";

        /// <summary>The end of the last field of <paramref name="device"/>'s type chain that is present for its current options (backend inputs at their defaults); 0 without fields.</summary>
        public static int LengthOf(Device device)
        {
            ArgumentNullException.ThrowIfNull(device);
            return VirtioAbiBuilder.ConfigLength(device, null);
        }
    }
}
