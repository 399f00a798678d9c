namespace DeviceModel.Virtio
{
    /// <summary>QEMU's virtio transport feature bits (the virtio specification's reserved range and the legacy ones).</summary>
    public static class VirtioTransportFeature
    {
        /// <summary>VIRTIO_F_NOTIFY_ON_EMPTY (legacy).</summary>
        public const int NotifyOnEmpty = 24;

        /// <summary>VIRTIO_F_ANY_LAYOUT (legacy).</summary>
        public const int AnyLayout = 27;

        /// <summary>VIRTIO_RING_F_INDIRECT_DESC.</summary>
        public const int IndirectDesc = 28;

        /// <summary>VIRTIO_RING_F_EVENT_IDX.</summary>
        public const int EventIdx = 29;

        /// <summary>VIRTIO_F_BAD_FEATURE: QEMU offers it on the legacy interface so that a driver acking it is known broken.</summary>
        public const int BadFeature = 30;

        /// <summary>VIRTIO_F_VERSION_1.</summary>
        public const int Version1 = 32;

        /// <summary>VIRTIO_F_ACCESS_PLATFORM (QEMU's iommu_platform).</summary>
        public const int AccessPlatform = 33;

        /// <summary>VIRTIO_F_RING_PACKED.</summary>
        public const int RingPacked = 34;

        /// <summary>VIRTIO_F_IN_ORDER.</summary>
        public const int InOrder = 35;

        /// <summary>VIRTIO_F_ORDER_PLATFORM.</summary>
        public const int OrderPlatform = 36;

        /// <summary>VIRTIO_F_NOTIFICATION_DATA.</summary>
        public const int NotificationData = 38;

        /// <summary>VIRTIO_F_RING_RESET.</summary>
        public const int RingReset = 40;
    }
}
