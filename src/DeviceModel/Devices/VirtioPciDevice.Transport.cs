using System.Collections.Generic;
using DeviceModel.Pci;

namespace DeviceModel
{
    // The virtio-pci transport's configuration space, declared: QEMU 7.2 adds (virtio_pci_realize and
    // virtio_pci_device_plugged) the PCI Express endpoint and PM capabilities behind an express port, then the modern
    // virtio_pci_cap structures, then MSI-X; AER and ATS extended capabilities when asked for.
    [PciCapability(nameof(CreateExpressEndpoint), When = nameof(IsExpressFunction), Length = PciExpressCapability.Version2Size)]
    [PciCapability(nameof(CreatePowerManagement), When = nameof(IsExpressFunction), Length = PowerManagementCapability.Size)]
    [PciCapability(nameof(CreateCommonConfig), When = nameof(IsModern), Length = 16)]
    [PciCapability(nameof(CreateIsrConfig), When = nameof(IsModern), Length = 16)]
    [PciCapability(nameof(CreateDeviceConfig), When = nameof(IsModern), Length = 16)]
    [PciCapability(nameof(CreateNotifyConfig), When = nameof(IsModern), Length = 20)]
    [PciCapability(nameof(CreateNotifyPioConfig), When = nameof(HasNotifyPio), Length = 20)]
    [PciCapability(nameof(CreatePciConfigWindow), When = nameof(IsModern), Length = 20)]
    [PciCapability(nameof(CreateMsix), When = nameof(HasMsix), Length = 12)]
    [PciExtendedCapability(nameof(CreateAer), When = nameof(HasAer))]
    [PciExtendedCapability(nameof(CreateAts), When = nameof(HasAts))]
    public abstract partial class VirtioPciDevice
    {
        /// <summary>The virtio device type (net 1, block 2, console 3, entropy 4, balloon 5, SCSI 8, …).</summary>
        protected abstract ushort VirtioDeviceType { get; }

        /// <summary>
        /// Length of the device-specific configuration for the current options (sizes the legacy I/O BAR): by default the
        /// end of the last present <see cref="DeviceConfigFieldAttribute"/> of the type chain.
        /// </summary>
        protected virtual int DeviceConfigLength => DeviceConfigFieldAttribute.LengthOf(this);

        /// <summary>
        /// What a driver reads before it moves a byte: offered features, virtqueue sizes and the device configuration, on
        /// each interface the device offers (<see cref="Virtio.VirtioDeviceAbi"/>), from the type's declarations and the
        /// resolved options. The device is validated as <see cref="PciDevice.Realize"/> validates it.
        /// </summary>
        /// <param name="context">The context the device was resolved in.</param>
        /// <param name="backend">The host side's inputs; null: the context's <see cref="RealizeContext.Backend"/>, else every declared default (the reference setup).</param>
        /// <exception cref="PciConfigurationException">The options are refused at realize, or the backend gives an input the type does not declare.</exception>
        public Virtio.VirtioDeviceAbi DescribeVirtio(RealizeContext context, Virtio.VirtioBackend? backend = null)
        {
            System.ArgumentNullException.ThrowIfNull(context);
            if (backend is not null) context = context with { Backend = backend };
            CreateLayout(context);
            return VirtioAbiBuilder.Build(this, VirtioDeviceType, IsModern, IsLegacy, context.Backend ?? Virtio.VirtioBackend.Default);
        }

        /// <summary>
        /// The transport's registers as the guest sees them after realize (<see cref="Virtio.VirtioPciRegisters"/>): the
        /// device's <see cref="DescribeVirtio"/> with its MSI-X vector count (0 when it has no MSI-X).
        /// </summary>
        /// <param name="context">The context the device was resolved in.</param>
        /// <param name="backend">The host side's inputs; null: every declared default (the reference setup).</param>
        /// <exception cref="PciConfigurationException">The options are refused at realize, or the backend gives an input the type does not declare.</exception>
        public Virtio.VirtioPciRegisters CreateRegisters(RealizeContext context, Virtio.VirtioBackend? backend = null)
        {
            Virtio.VirtioDeviceAbi abi = DescribeVirtio(context, backend);
            return new Virtio.VirtioPciRegisters(abi, HasMsix ? (int)Vectors!.Value : 0);
        }

        /// <summary>The 16-bit PCI class; null for the virtio type's default.</summary>
        protected virtual ushort? ClassId => null;

        /// <summary>Whether the type may offer the legacy interface.</summary>
        protected virtual bool LegacyAllowed => true;

        /// <summary>The legacy interface is on (after <c>disable-legacy=auto</c> was resolved).</summary>
        protected bool IsLegacy => DisableLegacy != OnOffAuto.On;

        /// <summary>The modern interface is on.</summary>
        protected bool IsModern => !DisableModern;

        /// <inheritdoc/>
        protected override bool IsExpressFunction => Realizing.IsPciExpress && RequestedModern && !DisablePcie;

        /// <summary>The port I/O notify capability is present.</summary>
        protected bool HasNotifyPio => IsModern && ModernPioNotify;

        /// <summary>MSI-X is present (QEMU drops it when <c>msix_init</c> rejects the vector count).</summary>
        protected bool HasMsix => Msix is not null;

        /// <summary>AER is present (PCI Express only).</summary>
        protected bool HasAer => IsExpressFunction && Aer;

        /// <summary>ATS is present (PCI Express only).</summary>
        protected bool HasAts => IsExpressFunction && Ats;

        private MsixExclusiveBar? Msix => Vectors is uint n and > 0 and <= MsixCapability.MaxVectors ? MsixExclusiveBar.For((int)n, VirtioPciLayout.MsixBar) : null;

        /// <inheritdoc/>
        protected override PciIdentity Identity => VirtioPciLayout.Identity(Options);

        /// <inheritdoc/>
        protected override void Validate()
        {
            if (RequestedNeither)
                throw new PciConfigurationException("device cannot work as neither modern nor legacy mode is enabled: set either disable-modern or disable-legacy to off");
            VirtioPciLayout.Validate(Options);
            VirtioAbiBuilder.Check(this, Realizing.Backend ?? Virtio.VirtioBackend.Default); // [VirtioCheck]s: QEMU refuses at realize
        }

        /// <inheritdoc/>
        protected override void DeclareBars(List<BarDeclaration> bars)
        {
            if (IsModern) bars.AddRange(VirtioPciLayout.ModernBars(Options));
            if (Msix is MsixExclusiveBar msix) bars.Add(msix.Bar);
            if (IsLegacy) bars.Add(BarDeclaration.Io(VirtioPciLayout.LegacyIoBar, VirtioPciLayout.LegacyIoBarSize(HasMsix, DeviceConfigLength)));
        }

        /// <summary>PCI Express v2 endpoint; the x-pcie-* options decide its writable bits.</summary>
        protected PciExpressCapability CreateExpressEndpoint() => PciExpressCapability.Endpoint(PcieDeverrInit, PcieLnkctlInit, PcieFlrInit, PcieExtcapInit);

        /// <summary>Power management 1.2; the power state is writable with x-pcie-pm-init.</summary>
        protected PowerManagementCapability CreatePowerManagement() => new PowerManagementCapability(0x0003, PciePmInit);

        /// <summary>VIRTIO_PCI_CAP_COMMON_CFG in BAR4.</summary>
        protected VirtioPciCapability CreateCommonConfig() =>
            VirtioPciCapability.Region(VirtioPciCapabilityType.Common, VirtioPciLayout.ModernMemoryBar, 0, VirtioPciLayout.RegionSize);

        /// <summary>VIRTIO_PCI_CAP_ISR_CFG in BAR4.</summary>
        protected VirtioPciCapability CreateIsrConfig() =>
            VirtioPciCapability.Region(VirtioPciCapabilityType.Isr, VirtioPciLayout.ModernMemoryBar, VirtioPciLayout.RegionSize, VirtioPciLayout.RegionSize);

        /// <summary>VIRTIO_PCI_CAP_DEVICE_CFG in BAR4.</summary>
        protected VirtioPciCapability CreateDeviceConfig() =>
            VirtioPciCapability.Region(VirtioPciCapabilityType.Device, VirtioPciLayout.ModernMemoryBar, 2 * VirtioPciLayout.RegionSize, VirtioPciLayout.RegionSize);

        /// <summary>VIRTIO_PCI_CAP_NOTIFY_CFG in BAR4: multiplier 4, or 0x1000 with page-per-vq.</summary>
        protected VirtioPciCapability CreateNotifyConfig()
        {
            uint multiplier = VirtioPciLayout.NotifyOffsetMultiplier(PagePerVq);
            return VirtioPciCapability.Notify(VirtioPciLayout.ModernMemoryBar, VirtioPciLayout.NotifyRegionOffset, multiplier * VirtioPciLayout.QueueMax, multiplier);
        }

        /// <summary>The port I/O notify capability in BAR2 (modern-pio-notify).</summary>
        protected VirtioPciCapability CreateNotifyPioConfig() =>
            VirtioPciCapability.Notify(VirtioPciLayout.ModernIoBar, 0, VirtioPciLayout.PioNotifySize, 0, "virtio-notify-pio");

        /// <summary>VIRTIO_PCI_CAP_PCI_CFG: the access window into the BARs.</summary>
        protected VirtioPciCapability CreatePciConfigWindow() => VirtioPciCapability.PciConfig();

        /// <summary>MSI-X with table and PBA in an exclusive BAR1.</summary>
        protected MsixCapability CreateMsix() => Msix!.Value.Capability;

        /// <summary>Advanced Error Reporting.</summary>
        protected AerCapability CreateAer() => new AerCapability();

        /// <summary>Address Translation Services.</summary>
        protected AtsCapability CreateAts() => new AtsCapability(AtsPageAligned);

        /// <summary>The resolved options as the transport layout's inputs.</summary>
        private VirtioPciOptions Options => new()
        {
            DeviceType = VirtioDeviceType,
            ClassId = ClassId,
            Legacy = IsLegacy,
            Modern = IsModern,
            Vectors = Vectors is uint n ? (int)System.Math.Min(n, int.MaxValue) : 0,
            PagePerVq = PagePerVq,
            ModernPioNotify = ModernPioNotify,
            IommuPlatform = IommuPlatform,
            LegacyAllowed = LegacyAllowed,
            DeviceConfigLength = DeviceConfigLength,
        };
    }
}
