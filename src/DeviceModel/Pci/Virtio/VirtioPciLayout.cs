using System.Collections.Generic;
using System.Numerics;

namespace DeviceModel.Pci
{
    /// <summary>
    /// The building blocks of QEMU 7.2's virtio-pci transport (<c>virtio_pci_realize</c>, <c>virtio_pci_device_plugged</c>)
    /// that <see cref="VirtioPciDevice"/> declares its configuration space from: identities, QEMU's refusals, BAR numbers
    /// and sizes. The capabilities themselves are declared on the device with <see cref="PciCapabilityAttribute"/>; the
    /// device path (options, resolution, <see cref="PciDevice.Realize"/>) is the only producer of config spaces.
    /// </summary>
    public static class VirtioPciLayout
    {
        /// <summary>BAR of the legacy I/O registers.</summary>
        public const int LegacyIoBar = 0;
        /// <summary>BAR of the MSI-X table and PBA.</summary>
        public const int MsixBar = 1;
        /// <summary>BAR of the port I/O notify region.</summary>
        public const int ModernIoBar = 2;
        /// <summary>BAR of the modern regions.</summary>
        public const int ModernMemoryBar = 4;
        /// <summary>Size of the common, ISR and device regions.</summary>
        public const uint RegionSize = 0x1000;
        /// <summary>Offset of the notify region in BAR4 (common 0, ISR 0x1000, device 0x2000).</summary>
        public const uint NotifyRegionOffset = 0x3000;
        /// <summary>Queues a device may have (<c>VIRTIO_QUEUE_MAX</c>).</summary>
        public const uint QueueMax = 1024;
        /// <summary>Size of the port I/O notify region.</summary>
        public const uint PioNotifySize = 4;

        /// <summary>Throws QEMU's refusals as <see cref="PciConfigurationException"/>.</summary>
        public static void Validate(VirtioPciOptions options)
        {
            if (!options.Modern && !options.Legacy)
                throw new PciConfigurationException("device cannot work as neither modern nor legacy mode is enabled: set either disable-modern or disable-legacy to off");
            if (options.Legacy && !options.LegacyAllowed)
                throw new PciConfigurationException("device is modern-only, use disable-legacy=on");
            if (options.Legacy && options.IommuPlatform)
                throw new PciConfigurationException("VIRTIO_F_IOMMU_PLATFORM was supported by neither legacy nor transitional device: set disable-legacy=on");
            if (options.Legacy && (options.TransitionalDeviceId ?? VirtioPciIds.TransitionalDeviceId(options.DeviceType)) is null)
                throw new PciConfigurationException("virtio device type " + options.DeviceType + " has no transitional PCI device ID: set disable-legacy=on");
            if (options.Vectors < 0) throw new PciConfigurationException("vectors must not be negative (got " + options.Vectors + ")");
            if (options.DeviceConfigLength < 0) throw new PciConfigurationException("the device configuration length must not be negative");
        }

        /// <summary>Transitional (legacy on): the transitional device ID, revision 0, subsystem ID = virtio type.
        /// Modern-only: 0x1040 + type, revision 1, QEMU's default subsystem 0x1100.</summary>
        public static PciIdentity Identity(VirtioPciOptions options)
        {
            uint classCode = PciIdentity.ClassCodeOf(options.ClassId ?? VirtioPciIds.DefaultClassId(options.DeviceType));
            return options.Legacy
                ? new PciIdentity(VirtioPciIds.VendorId, options.TransitionalDeviceId ?? VirtioPciIds.TransitionalDeviceId(options.DeviceType) ?? 0,
                    VirtioPciIds.LegacyRevision, classCode, PciIdentity.RedHatQumranetVendor, options.DeviceType)
                : new PciIdentity(VirtioPciIds.VendorId, (ushort)(VirtioPciIds.ModernDeviceIdBase + options.DeviceType),
                    VirtioPciIds.ModernRevision, classCode, PciIdentity.RedHatQumranetVendor, PciIdentity.QemuSubsystemId);
        }

        /// <summary>BAR4 (64-bit prefetchable) and, with port I/O notify, BAR2.</summary>
        public static IEnumerable<BarDeclaration> ModernBars(VirtioPciOptions options)
        {
            if (options.ModernPioNotify) yield return BarDeclaration.Io(ModernIoBar, PioNotifySize);
            yield return BarDeclaration.Memory64(ModernMemoryBar, ModernMemoryBarSize(options.PagePerVq), prefetchable: true);
        }

        /// <summary>Notify multiplier: 4 bytes per queue, or a 4 KiB page per queue.</summary>
        public static uint NotifyOffsetMultiplier(bool pagePerVq) => pagePerVq ? 0x1000u : 4u;

        /// <summary>BAR4: the four regions rounded up to a power of two (16 KiB, or 8 MiB with a page per queue).</summary>
        public static ulong ModernMemoryBarSize(bool pagePerVq) =>
            BitOperations.RoundUpToPowerOf2((ulong)NotifyRegionOffset + NotifyOffsetMultiplier(pagePerVq) * QueueMax);

        /// <summary>BAR0: the legacy header (20 bytes, 24 with MSI-X) plus the device configuration, rounded up to a power of two.</summary>
        public static uint LegacyIoBarSize(bool msix, int deviceConfigLength) =>
            BitOperations.RoundUpToPowerOf2((uint)((msix ? 24 : 20) + deviceConfigLength));
    }
}
