using DeviceModel.Pci;
using DeviceModel.Virtio;

namespace DeviceModel
{
    /// <summary>
    /// A virtio device on the PCI transport (QEMU's <c>virtio-pci</c> proxy plus the common options of its
    /// <c>virtio-device</c> backend). Concrete virtio devices derive from it and add their own options.
    /// </summary>
    [Device("virtio-pci", Description = "Virtio device on the PCI transport")]
    // QEMU's virtio_pci_pre_plugged: VERSION_1 with the modern interface; BAD_FEATURE always, legacy interface only.
    [VirtioDeviceFeature(VirtioTransportFeature.Version1, When = "!disable-modern")]
    [VirtioDeviceFeature(VirtioTransportFeature.BadFeature, LegacyOnly = true)]
    public abstract partial class VirtioPciDevice : PciDevice
    {
        /// <summary>Disable the legacy (virtio 0.9) interface; auto: on behind a PCI Express port, else off.</summary>
        [ConfigOption("disable-legacy", Description = "Disable the legacy virtio interface (auto: on for PCI Express)")]
        public OnOffAuto DisableLegacy { get; set; } = OnOffAuto.Auto;

        /// <summary>Disable the modern (virtio 1.0) interface.</summary>
        [ConfigOption("disable-modern", Description = "Disable the modern virtio 1.0 interface")]
        public bool DisableModern { get; set; }

        /// <summary>
        /// Number of MSI-X vectors; null: none (QEMU's virtio-balloon-pci has no vectors option and no MSI-X). Device
        /// types that have the option override this property with <c>[ConfigOption("vectors", Auto = true)]</c>.
        /// </summary>
        public virtual uint? Vectors { get; set; }

        /// <summary>Migrate extra state (MSI-X pending bits and more).</summary>
        [ConfigOption("migrate-extra", Description = "Migrate extra transport state")]
        public bool MigrateExtra { get; set; } = true;

        /// <summary>Add a port-I/O notify capability and an I/O BAR2.</summary>
        [ConfigOption("modern-pio-notify", Description = "Add a port I/O notification capability (BAR2)")]
        public bool ModernPioNotify { get; set; }

        /// <summary>Never expose the PCI Express capability, even behind a PCI Express port.</summary>
        [ConfigOption("x-disable-pcie", Description = "Do not expose PCI Express capabilities")]
        public bool DisablePcie { get; set; }

        /// <summary>One 4 KiB notify page per virtqueue (notify multiplier 0x1000).</summary>
        [ConfigOption("page-per-vq", Description = "Use a separate notification page per virtqueue")]
        public bool PagePerVq { get; set; }

        /// <summary>Offer features the backend does not support (pre-2.8 behaviour).</summary>
        [ConfigOption("x-ignore-backend-features", Description = "Ignore backend features when offering device features")]
        public bool IgnoreBackendFeatures { get; set; }

        /// <summary>Address Translation Services extended capability.</summary>
        [ConfigOption("ats", Description = "Add the ATS extended capability (PCI Express only)")]
        public bool Ats { get; set; }

        /// <summary>ATS: page-aligned requests.</summary>
        [ConfigOption("x-ats-page-aligned", Description = "ATS capability reports page-aligned requests")]
        public bool AtsPageAligned { get; set; } = true;

        /// <summary>Advanced Error Reporting extended capability.</summary>
        [ConfigOption("aer", Description = "Add the AER extended capability (PCI Express only)")]
        public bool Aer { get; set; }

        /// <summary>PCIe Device Control: error reporting enables writable.</summary>
        [ConfigOption("x-pcie-deverr-init", Description = "Make PCIe device error reporting enables writable")]
        public bool PcieDeverrInit { get; set; } = true;

        /// <summary>PCIe Link Control writable bits.</summary>
        [ConfigOption("x-pcie-lnkctl-init", Description = "Make PCIe link control bits writable")]
        public bool PcieLnkctlInit { get; set; } = true;

        /// <summary>PCI power management capability behind PCI Express ports.</summary>
        [ConfigOption("x-pcie-pm-init", Description = "Add the power management capability on PCI Express")]
        public bool PciePmInit { get; set; } = true;

        /// <summary>Function Level Reset capability bit.</summary>
        [ConfigOption("x-pcie-flr-init", Description = "Advertise Function Level Reset")]
        public bool PcieFlrInit { get; set; } = true;

        /// <summary>QEMU 2.1 bus-master migration bug compatibility.</summary>
        [ConfigOption("virtio-pci-bus-master-bug-migration", Description = "Reproduce the pre-2.2 bus master migration bug")]
        public bool BusMasterBugMigration { get; set; }

        /// <summary>VIRTIO_RING_F_INDIRECT_DESC.</summary>
        [VirtioFeature(VirtioTransportFeature.IndirectDesc)]
        [ConfigOption("indirect_desc", Description = "Offer indirect descriptors")]
        public bool IndirectDesc { get; set; } = true;

        /// <summary>VIRTIO_RING_F_EVENT_IDX.</summary>
        [VirtioFeature(VirtioTransportFeature.EventIdx)]
        [ConfigOption("event_idx", Description = "Offer event index suppression")]
        public bool EventIdx { get; set; } = true;

        /// <summary>VIRTIO_F_NOTIFY_ON_EMPTY.</summary>
        [VirtioFeature(VirtioTransportFeature.NotifyOnEmpty, LegacyOnly = true)]
        [ConfigOption("notify_on_empty", Description = "Offer notify on empty")]
        public bool NotifyOnEmpty { get; set; } = true;

        /// <summary>
        /// VIRTIO_F_ANY_LAYOUT. QEMU's compat entries for it name device types (hw_compat_2_3: virtio-blk, -balloon,
        /// -serial, -rng, …), so the history is on the device types that have one.
        /// </summary>
        [VirtioFeature(VirtioTransportFeature.AnyLayout, LegacyOnly = true)]
        [ConfigOption("any_layout", Description = "Offer any descriptor layout")]
        public virtual bool AnyLayout { get; set; } = true;

        /// <summary>VIRTIO_F_IOMMU_PLATFORM.</summary>
        [VirtioFeature(VirtioTransportFeature.AccessPlatform)]
        [ConfigOption("iommu_platform", Description = "Device sits behind an IOMMU")]
        public bool IommuPlatform { get; set; }

        /// <summary>VIRTIO_F_RING_PACKED.</summary>
        [VirtioFeature(VirtioTransportFeature.RingPacked)]
        [ConfigOption("packed", Description = "Offer packed virtqueues")]
        public bool Packed { get; set; }

        /// <summary>VIRTIO_F_RING_RESET.</summary>
        [VirtioFeature(VirtioTransportFeature.RingReset)]
        [ConfigOption("queue_reset", Description = "Offer virtqueue reset")]
        public bool QueueReset { get; set; } = true;

        /// <summary>Use the started flag in migration.</summary>
        [ConfigOption("use-started", Description = "Migrate the device's started flag")]
        public bool UseStarted { get; set; } = true;

        /// <summary>Use the disabled flag in migration.</summary>
        [ConfigOption("use-disabled-flag", Description = "Migrate the device's disabled flag")]
        public bool UseDisabledFlag { get; set; } = true;

        /// <summary>Skip the check that refuses legacy mode for modern-only devices.</summary>
        [ConfigOption("x-disable-legacy-check", Description = "Allow legacy mode for modern-only device types")]
        public bool DisableLegacyCheck { get; set; }
    
        /// <summary>
        /// QEMU: <c>disable-legacy=auto</c> is on behind a PCI Express port, off elsewhere. A type that cannot offer the
        /// legacy interface at all (no transitional PCI device ID, or <see cref="VirtioPciDevice.LegacyAllowed"/> false)
        /// and does not force virtio 1.0 gets on everywhere, so a modern-only type realizes with its defaults; an
        /// explicit <c>disable-legacy=off</c> on it is still refused.
        /// </summary>
        protected internal override void ResolveAuto(RealizeContext context)
        {
            base.ResolveAuto(context);
            if (DisableLegacy == OnOffAuto.Auto)
            {
                bool modernOnly = !ForcesVirtio1 && (!LegacyAllowed || VirtioPciIds.TransitionalDeviceId(VirtioDeviceType) is null);
                DisableLegacy = context.IsPciExpress || modernOnly ? OnOffAuto.On : OnOffAuto.Off;
            }
        }

        /// <summary>
        /// QEMU (virtio_pci_device_plugged): when msix_init rejects the vector count (more than 2048), the device runs
        /// without MSI-X and its <c>vectors</c> property reads 0.
        /// </summary>
        protected internal override void ApplyRealizeRules(RealizeContext context)
        {
            base.ApplyRealizeRules(context);
            if (Vectors is > MsixCapability.MaxVectors) Vectors = 0;
            if (ForcesVirtio1)
            {
                // virtio_pci_dc_realize decided PCI Express from the requested disable-modern, and virtio_pci_realize
                // refused "neither", before the type's realize calls virtio_pci_force_virtio_1.
                _requestedNeither = DisableModern && DisableLegacy == OnOffAuto.On;
                _requestedModern = !DisableModern;
                DisableLegacy = OnOffAuto.On;
                DisableModern = false;
            }
        }

        /// <summary>
        /// QEMU's <c>virtio_pci_force_virtio_1</c> (virtio-input, virtio-gpu): the type's realize sets
        /// <c>disable-legacy=on</c> and <c>disable-modern=off</c> whatever was asked, after the transport decided the
        /// PCI Express capability from the requested <c>disable-modern</c> and refused "neither".
        /// </summary>
        protected virtual bool ForcesVirtio1 => false;

        private bool _requestedNeither;
        private bool? _requestedModern;

        /// <summary>Whether the modern interface was requested before <see cref="ForcesVirtio1"/> applied (PCI Express decision).</summary>
        private protected bool RequestedModern => _requestedModern ?? !DisableModern;

        /// <summary>Whether neither interface was requested before <see cref="ForcesVirtio1"/> applied.</summary>
        private protected bool RequestedNeither => _requestedNeither;
    }
}
