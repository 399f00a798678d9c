using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;

namespace DeviceModel.Virtio
{
    /// <summary>
    /// What a virtio driver reads from a realized device before it moves a byte: the offered feature bits, the
    /// virtqueues and their sizes, and the device-specific configuration, on each interface the device offers. Computed by
    /// <see cref="VirtioPciDevice.DescribeVirtio"/> from the type's declarations (<see cref="VirtioFeatureAttribute"/>,
    /// <see cref="VirtioDeviceFeatureAttribute"/>, <see cref="VirtioQueueAttribute"/>, <see cref="DeviceConfigFieldAttribute"/>),
    /// its resolved options and its <see cref="VirtioBackend"/>.
    /// </summary>
    public sealed class VirtioDeviceAbi
    {
        internal VirtioDeviceAbi(ushort deviceType, bool modern, bool legacy, ulong hostFeatures, ulong legacyOnlyFeatures, ulong fallbackFeatures,
            ImmutableArray<ushort> queueSizes, ImmutableArray<byte> config)
        {
            DeviceType = deviceType;
            Modern = modern;
            Legacy = legacy;
            HostFeatures = hostFeatures;
            LegacyOnlyFeatures = legacyOnlyFeatures;
            FallbackFeatures = fallbackFeatures;
            QueueSizes = queueSizes;
            Config = config;
        }

        /// <summary>The virtio device type (net 1, block 2, …).</summary>
        public ushort DeviceType { get; }

        /// <summary>Whether the modern (virtio 1.0) interface is offered.</summary>
        public bool Modern { get; }

        /// <summary>Whether the legacy (virtio 0.9) interface is offered.</summary>
        public bool Legacy { get; }

        /// <summary>Every offered feature bit (QEMU's <c>host_features</c> after <c>get_features</c>).</summary>
        public ulong HostFeatures { get; }

        /// <summary>The bits hidden from the modern interface (QEMU's <c>legacy_features</c>).</summary>
        public ulong LegacyOnlyFeatures { get; }

        /// <summary>
        /// What a legacy driver that acknowledges VIRTIO_F_BAD_FEATURE is given instead of the features it wrote, before
        /// masking to <see cref="HostFeatures"/> (QEMU's <c>bad_features</c>; <see cref="VirtioFallbackFeatureAttribute"/>).
        /// </summary>
        public ulong FallbackFeatures { get; }

        /// <summary>The features the modern interface's <c>device_feature</c> shows.</summary>
        public ulong ModernFeatures => HostFeatures & ~LegacyOnlyFeatures;

        /// <summary>The legacy interface's 32-bit host features.</summary>
        public uint LegacyFeatures => unchecked((uint)HostFeatures);

        /// <summary>Each virtqueue's size, by queue index (no gaps).</summary>
        public ImmutableArray<ushort> QueueSizes { get; }

        /// <summary>The device-specific configuration, as long as the guest sees it.</summary>
        public ImmutableArray<byte> Config { get; }

        /// <summary>The config as lower-case hex without separators.</summary>
        public string ConfigHex => Convert.ToHexStringLower(Config.AsSpan());

        /// <summary>
        /// The ABI as the JSON object of <c>devmodel virtio --format json</c>:
        /// <c>{"id", "driver", "modern": null | {device_features, num_queues, queue_sizes, config}, "legacy": null | {host_features, queue_sizes, config}}</c>.
        /// </summary>
        /// <param name="writer">Where to write.</param>
        /// <param name="id">The device's id (null: written as null).</param>
        /// <param name="driver">The device type's name.</param>
        public void WriteJson(System.Text.Json.Utf8JsonWriter writer, string? id, string driver)
        {
            ArgumentNullException.ThrowIfNull(writer);
            ArgumentNullException.ThrowIfNull(driver);
            writer.WriteStartObject();
            if (id is null) writer.WriteNull("id"); else writer.WriteString("id", id);
            writer.WriteString("driver", driver);
            if (Modern)
            {
                writer.WriteStartObject("modern");
                writer.WriteString("device_features", "0x" + ModernFeatures.ToString("x16", CultureInfo.InvariantCulture));
                writer.WriteNumber("num_queues", QueueSizes.Length);
                WriteQueues(writer, QueueSizes.Length);
                writer.WriteString("config", ConfigHex);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNull("modern");
            }
            if (Legacy)
            {
                writer.WriteStartObject("legacy");
                writer.WriteString("host_features", "0x" + LegacyFeatures.ToString("x8", CultureInfo.InvariantCulture));
                int untilZero = QueueSizes.IndexOf(0);
                WriteQueues(writer, untilZero < 0 ? QueueSizes.Length : untilZero);
                writer.WriteString("config", ConfigHex);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNull("legacy");
            }
            writer.WriteEndObject();
        }

        private void WriteQueues(System.Text.Json.Utf8JsonWriter writer, int count)
        {
            writer.WriteStartArray("queue_sizes");
            for (int i = 0; i < count; i++) writer.WriteNumberValue(QueueSizes[i]);
            writer.WriteEndArray();
        }
    }

    /// <summary>
    /// The host side of a virtio device, as named integer inputs (<see cref="VirtioBackendInputAttribute"/>): what QEMU
    /// reads from a NIC's peer or a disk's drive. An input the VMM does not give keeps the type's declared default.
    /// </summary>
    public sealed class VirtioBackend
    {
        private readonly Dictionary<string, long> _values;

        /// <summary>No inputs given: every device keeps its declared defaults.</summary>
        public static VirtioBackend Default { get; } = new(new Dictionary<string, long>());

        /// <summary>A backend with the given inputs.</summary>
        /// <param name="values">Input name → value.</param>
        public VirtioBackend(IReadOnlyDictionary<string, long> values)
        {
            ArgumentNullException.ThrowIfNull(values);
            _values = new Dictionary<string, long>(values, StringComparer.Ordinal);
        }

        /// <summary>The inputs given.</summary>
        public IReadOnlyDictionary<string, long> Values => _values;

        internal bool TryGet(string name, out long value) => _values.TryGetValue(name, out value);
    }
}
