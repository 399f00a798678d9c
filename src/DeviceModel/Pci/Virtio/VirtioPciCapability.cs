using System;
using System.Buffers.Binary;

namespace DeviceModel.Pci
{
    /// <summary>The <c>cfg_type</c> of a virtio PCI capability (virtio 1.2, 4.1.4).</summary>
    public enum VirtioPciCapabilityType : byte
    {
        /// <summary>Common configuration.</summary>
        Common = 1,
        /// <summary>Notifications.</summary>
        Notify = 2,
        /// <summary>ISR status.</summary>
        Isr = 3,
        /// <summary>Device-specific configuration.</summary>
        Device = 4,
        /// <summary>PCI configuration access window.</summary>
        PciConfig = 5,
    }

    /// <summary>
    /// A <c>virtio_pci_cap</c> (a vendor-specific capability, 16 bytes): configuration type, BAR, offset and length
    /// of a region. The notify variant adds <c>notify_off_multiplier</c> (20 bytes); the PCI-config variant adds the
    /// <c>pci_cfg_data</c> window (20 bytes) whose BAR, offset, length and data fields the guest may write.
    /// </summary>
    [CapabilityLength(BaseSize, ExtendedSize)]
    public sealed class VirtioPciCapability : VendorSpecificCapability
    {
        /// <summary>Length of a plain <c>virtio_pci_cap</c>.</summary>
        public const int BaseSize = 16;
        /// <summary>Length of <c>virtio_pci_notify_cap</c> and <c>virtio_pci_cfg_cap</c>.</summary>
        public const int ExtendedSize = 20;

        private VirtioPciCapability(string name, VirtioPciCapabilityType type, int bar, uint offset, uint length, uint? multiplier, bool configWindow)
            : base(name, BuildBody(type, bar, offset, length, multiplier, configWindow), configWindow ? ConfigWindowMask() : default)
        {
            Type = type;
            Bar = bar;
            RegionOffset = offset;
            RegionLength = length;
            NotifyOffsetMultiplier = multiplier ?? 0;
        }

        /// <summary>The configuration type.</summary>
        public VirtioPciCapabilityType Type { get; }
        /// <summary>The BAR holding the region.</summary>
        public int Bar { get; }
        /// <summary>Region offset in the BAR.</summary>
        public uint RegionOffset { get; }
        /// <summary>Region length.</summary>
        public uint RegionLength { get; }
        /// <summary>Notify only: bytes between queue notify addresses.</summary>
        public uint NotifyOffsetMultiplier { get; }

        /// <summary>A region capability (common, ISR or device configuration).</summary>
        /// <exception cref="ArgumentException">Use <see cref="Notify"/> or <see cref="PciConfig"/> for those types.</exception>
        public static VirtioPciCapability Region(VirtioPciCapabilityType type, int bar, uint offset, uint length) =>
            type is VirtioPciCapabilityType.Notify or VirtioPciCapabilityType.PciConfig
                ? throw new ArgumentException("a " + type + " capability has its own factory", nameof(type))
                : new("virtio-" + type.ToString().ToLowerInvariant(), type, bar, offset, length, null, false);

        /// <summary>A notify capability with its multiplier.</summary>
        public static VirtioPciCapability Notify(int bar, uint offset, uint length, uint multiplier, string name = "virtio-notify") =>
            new(name, VirtioPciCapabilityType.Notify, bar, offset, length, multiplier, false);

        /// <summary>The PCI configuration access capability: BAR, offset, length and data writable by the guest.</summary>
        public static VirtioPciCapability PciConfig() => new("virtio-pci-cfg", VirtioPciCapabilityType.PciConfig, 0, 0, 0, null, true);

        // Bytes from cap offset 3: cfg_type, bar, id, padding[2], offset, length, then multiplier or pci_cfg_data.
        private static byte[] BuildBody(VirtioPciCapabilityType type, int bar, uint offset, uint length, uint? multiplier, bool configWindow)
        {
            if (bar is < 0 or > 5) throw new ArgumentOutOfRangeException(nameof(bar), bar, "virtio regions live in BAR 0 … 5");
            var body = new byte[(multiplier is null && !configWindow ? BaseSize : ExtendedSize) - BodyOffset];
            body[0] = (byte)type;
            body[1] = (byte)bar;
            BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(8 - BodyOffset), offset);
            BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(12 - BodyOffset), length);
            if (multiplier is uint m) BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(16 - BodyOffset), m);
            return body;
        }

        // QEMU: pci_cfg_data window registers are guest-writable: bar, offset, length, data.
        private static byte[] ConfigWindowMask()
        {
            var mask = new byte[ExtendedSize - BodyOffset];
            mask[4 - BodyOffset] = 0xff;
            mask.AsSpan(8 - BodyOffset).Fill(0xff);
            return mask;
        }
    }
}
