using System.Collections.Generic;
using System.Numerics;

namespace DeviceModel.Pci
{
    /// <summary>
    /// The configuration space QEMU 7.2's virtio-pci transport gives a device (<c>virtio_pci_realize</c> and
    /// <c>virtio_pci_device_plugged</c>), as a <see cref="PciFunctionLayout"/>: capability declarations in QEMU's
    /// order and BAR declarations, each built by a small public step so that generated capability declarations can
    /// reuse them.
    /// <list type="bullet">
    /// <item>Behind a PCI Express port, modern: PCIe v2 endpoint and PM first; AER at 0x100 and ATS after it.</item>
    /// <item>Modern: common, ISR, device and notify capabilities in BAR4 (64-bit prefetchable), an optional port I/O
    /// notify in BAR2, then the PCI-config window.</item>
    /// <item>MSI-X last, in an exclusive BAR1; the legacy I/O BAR0 when legacy is on.</item>
    /// </list>
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

        /// <summary>The whole layout for <paramref name="options"/>.</summary>
        /// <exception cref="PciConfigurationException">QEMU refuses the combination (neither legacy nor modern, …).</exception>
        public static PciFunctionLayout Create(VirtioPciOptions options)
        {
            Validate(options);
            bool express = IsExpressFunction(options);
            var capabilities = new List<CapabilityDeclaration>();
            var extended = new List<ExtendedCapabilityDeclaration>();
            var bars = new List<BarDeclaration>();

            if (express)
            {
                capabilities.AddRange(ExpressCapabilities(options));
                extended.AddRange(ExtendedCapabilities(options));
            }
            if (options.Modern)
            {
                capabilities.AddRange(ModernCapabilities(options));
                bars.AddRange(ModernBars(options));
            }
            if (MsixLayout(options) is MsixExclusiveBar msix)
            {
                capabilities.Add(new CapabilityDeclaration(msix.Capability));
                bars.Add(msix.Bar);
            }
            if (options.Legacy) bars.Add(BarDeclaration.Io(LegacyIoBar, LegacyIoBarSize(MsixLayout(options) is not null, options.DeviceConfigLength)));

            return new PciFunctionLayout
            {
                Identity = Identity(options),
                Express = express,
                Multifunction = options.Multifunction,
                InterruptPin = 1,
                Placement = CapabilityPlacement.Qemu,
                Capabilities = capabilities,
                ExtendedCapabilities = extended,
                Bars = bars,
                ExpansionRom = options.RomSize > 0 ? new ExpansionRomDeclaration(options.RomSize) : null,
            };
        }

        /// <summary>Throws QEMU's refusals as <see cref="PciConfigurationException"/>.</summary>
        public static void Validate(VirtioPciOptions options)
        {
            if (!options.Modern && !options.Legacy)
                throw new PciConfigurationException("device cannot work as neither modern nor legacy mode is enabled: set either disable-modern or disable-legacy to off");
            if (options.Modern && options.LegacyOnlyFeatures.Count > 0)
                throw new PciConfigurationException("feature(s) " + string.Join(", ", options.LegacyOnlyFeatures) + " cannot be offered with virtio 1.0: turn them off to use the modern interface (or set disable-modern=on)");
            if (options.Legacy && !options.LegacyAllowed)
                throw new PciConfigurationException("device is modern-only, use disable-legacy=on");
            if (options.Legacy && options.IommuPlatform)
                throw new PciConfigurationException("VIRTIO_F_IOMMU_PLATFORM was supported by neither legacy nor transitional device: set disable-legacy=on");
            if (options.Legacy && (options.TransitionalDeviceId ?? VirtioPciIds.TransitionalDeviceId(options.DeviceType)) is null)
                throw new PciConfigurationException("virtio device type " + options.DeviceType + " has no transitional PCI device ID: set disable-legacy=on");
            if (options.Vectors < 0) throw new PciConfigurationException("vectors must not be negative (got " + options.Vectors + ")");
            if (options.DeviceConfigLength < 0) throw new PciConfigurationException("the device configuration length must not be negative");
        }

        /// <summary>Whether the function gets its PCI Express personality: modern, PCIe not disabled, behind an express port.</summary>
        public static bool IsExpressFunction(VirtioPciOptions options) => options.Bus == BusKind.ExpressPort && options.Modern && !options.DisablePcie;

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

        /// <summary>PCIe v2 endpoint, then PM (version 1.2; power state writable with <c>x-pcie-pm-init</c>).</summary>
        public static IEnumerable<CapabilityDeclaration> ExpressCapabilities(VirtioPciOptions options)
        {
            yield return new CapabilityDeclaration(PciExpressCapability.Endpoint(
                options.PcieDeviceErrorInit, options.PcieLinkControlInit, options.PcieFunctionLevelResetInit, options.PcieExtendedCapabilityInit));
            yield return new CapabilityDeclaration(new PowerManagementCapability(0x0003, options.PciePowerManagementInit));
        }

        /// <summary>AER at 0x100, ATS right after the previous extended capability.</summary>
        public static IEnumerable<ExtendedCapabilityDeclaration> ExtendedCapabilities(VirtioPciOptions options)
        {
            int next = ExtendedCapabilityLayout.AreaStart;
            if (options.Aer)
            {
                yield return new ExtendedCapabilityDeclaration(new AerCapability(), next);
                next += AerCapability.Size;
            }
            if (options.Ats) yield return new ExtendedCapabilityDeclaration(new AtsCapability(options.AtsPageAligned), next);
        }

        /// <summary>Common, ISR, device, notify, [notify port I/O], PCI-config window.</summary>
        public static IEnumerable<CapabilityDeclaration> ModernCapabilities(VirtioPciOptions options)
        {
            uint multiplier = NotifyOffsetMultiplier(options.PagePerVq);
            yield return new CapabilityDeclaration(VirtioPciCapability.Region(VirtioPciCapabilityType.Common, ModernMemoryBar, 0, RegionSize));
            yield return new CapabilityDeclaration(VirtioPciCapability.Region(VirtioPciCapabilityType.Isr, ModernMemoryBar, RegionSize, RegionSize));
            yield return new CapabilityDeclaration(VirtioPciCapability.Region(VirtioPciCapabilityType.Device, ModernMemoryBar, 2 * RegionSize, RegionSize));
            yield return new CapabilityDeclaration(VirtioPciCapability.Notify(ModernMemoryBar, NotifyRegionOffset, multiplier * QueueMax, multiplier));
            if (options.ModernPioNotify)
                yield return new CapabilityDeclaration(VirtioPciCapability.Notify(ModernIoBar, 0, PioNotifySize, 0, "virtio-notify-pio"));
            yield return new CapabilityDeclaration(VirtioPciCapability.PciConfig());
        }

        /// <summary>BAR4 (64-bit prefetchable) and, with port I/O notify, BAR2.</summary>
        public static IEnumerable<BarDeclaration> ModernBars(VirtioPciOptions options)
        {
            if (options.ModernPioNotify) yield return BarDeclaration.Io(ModernIoBar, PioNotifySize);
            yield return BarDeclaration.Memory64(ModernMemoryBar, ModernMemoryBarSize(options.PagePerVq), prefetchable: true);
        }

        /// <summary>The MSI-X BAR layout, or null without vectors. QEMU drops MSI-X (with a warning) when <c>msix_init</c>
        /// rejects the vector count, so more than 2048 vectors means no MSI-X too.</summary>
        public static MsixExclusiveBar? MsixLayout(VirtioPciOptions options) =>
            options.Vectors is > 0 and <= MsixCapability.MaxVectors ? MsixExclusiveBar.For(options.Vectors, MsixBar) : null;

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
