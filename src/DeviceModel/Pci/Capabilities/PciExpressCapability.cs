namespace DeviceModel.Pci
{
    /// <summary>The Device/Port Type field of the PCI Express Capabilities register.</summary>
    public enum PciExpressPortType : byte
    {
        /// <summary>PCI Express endpoint.</summary>
        Endpoint = 0x0,
        /// <summary>Legacy PCI Express endpoint.</summary>
        LegacyEndpoint = 0x1,
        /// <summary>Root port of a root complex.</summary>
        RootPort = 0x4,
        /// <summary>Upstream port of a switch.</summary>
        UpstreamPort = 0x5,
        /// <summary>Downstream port of a switch.</summary>
        DownstreamPort = 0x6,
        /// <summary>PCI Express to PCI/PCI-X bridge.</summary>
        PciExpressToPciBridge = 0x7,
        /// <summary>Root complex integrated endpoint.</summary>
        RootComplexIntegratedEndpoint = 0x9,
    }

    /// <summary>A hot-plug slot behind a root or downstream port, as reset leaves it: empty.</summary>
    /// <param name="Number">Physical slot number (13 bits).</param>
    /// <param name="HotPlug">Hot-plug surprise and hot-plug capable (QEMU: <c>hotplug</c> and native hot-plug).</param>
    /// <param name="PowerController">A power controller is present (QEMU's <c>power_controller_present</c>): its control
    /// bit is writable and an empty slot is powered off.</param>
    public readonly record struct PciExpressSlot(ushort Number, bool HotPlug = true, bool PowerController = false);

    /// <summary>
    /// The PCI Express capability (ID 0x10), version 2, 60 bytes, as QEMU's <c>pcie_cap_init</c> fills it: x1 link at
    /// 2.5 GT/s with L0s, role-based error reporting, End-End TLP prefix support, End-End TLP Prefix Blocking writable.
    /// The init properties mirror QEMU's compat switches and port set-up calls.
    /// </summary>
    [CapabilityLength(Version1Size, Version2Size)]
    public sealed class PciExpressCapability : PciCapability
    {
        /// <summary>Capability ID.</summary>
        public const byte CapabilityId = 0x10;
        /// <summary>Length of a version 2 capability (<c>PCI_EXP_VER2_SIZEOF</c>).</summary>
        public const int Version2Size = 0x3c;
        /// <summary>Length of a version 1 capability (<c>PCI_EXP_VER1_SIZEOF</c>): up to Link Status.</summary>
        public const int Version1Size = 0x14;

        /// <summary>PCI Express Capabilities register.</summary>
        public const int FlagsOffset = 0x02;
        /// <summary>Device Capabilities.</summary>
        public const int DeviceCapabilitiesOffset = 0x04;
        /// <summary>Device Control.</summary>
        public const int DeviceControlOffset = 0x08;
        /// <summary>Device Status.</summary>
        public const int DeviceStatusOffset = 0x0a;
        /// <summary>Link Capabilities.</summary>
        public const int LinkCapabilitiesOffset = 0x0c;
        /// <summary>Link Control.</summary>
        public const int LinkControlOffset = 0x10;
        /// <summary>Link Status.</summary>
        public const int LinkStatusOffset = 0x12;
        /// <summary>Slot Capabilities.</summary>
        public const int SlotCapabilitiesOffset = 0x14;
        /// <summary>Slot Control.</summary>
        public const int SlotControlOffset = 0x18;
        /// <summary>Slot Status.</summary>
        public const int SlotStatusOffset = 0x1a;
        /// <summary>Root Control.</summary>
        public const int RootControlOffset = 0x1c;
        /// <summary>Device Capabilities 2.</summary>
        public const int DeviceCapabilities2Offset = 0x24;
        /// <summary>Device Control 2.</summary>
        public const int DeviceControl2Offset = 0x28;
        /// <summary>Link Capabilities 2.</summary>
        public const int LinkCapabilities2Offset = 0x2c;
        /// <summary>Link Control 2.</summary>
        public const int LinkControl2Offset = 0x30;

        /// <summary>Device Control: initiate Function Level Reset (self-clearing).</summary>
        public const ushort FunctionLevelResetBit = 0x8000;
        /// <summary>Device Capabilities: Function Level Reset capable.</summary>
        public const uint FunctionLevelResetCapable = 0x1000_0000;
        /// <summary>Device Control: correctable, non-fatal, fatal, unsupported-request reporting enables.</summary>
        public const ushort ErrorReportingEnables = 0x000f;
        /// <summary>Link Control: common clock configuration and extended synch.</summary>
        public const ushort LinkControlWritableBits = 0x00c0;

        /// <summary>Declares the capability (version 2) for a function of <paramref name="portType"/>.</summary>
        public PciExpressCapability(PciExpressPortType portType) : this(portType, 2)
        {
        }

        /// <summary>Declares a capability of <paramref name="version"/> 1 (QEMU's <c>pcie_cap_v1_init</c>: 20 bytes, no
        /// Device/Link 2 registers) or 2 for a function of <paramref name="portType"/>.</summary>
        /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="version"/> is not 1 or 2.</exception>
        public PciExpressCapability(PciExpressPortType portType, int version)
            : base(CapabilityId, "PCIe", version switch
            {
                1 => Version1Size,
                2 => Version2Size,
                _ => throw new System.ArgumentOutOfRangeException(nameof(version), version, "PCI Express capability versions are 1 and 2"),
            })
        {
            PortType = portType;
            Version = version;
        }

        /// <summary>The Device/Port Type.</summary>
        public PciExpressPortType PortType { get; }
        /// <summary>The capability version (1 or 2).</summary>
        public int Version { get; }
        /// <summary>Link Capabilities: port number (bits 31:24).</summary>
        public byte PortNumber { get; init; }
        /// <summary>Error reporting enables writable, error status bits W1C (QEMU's <c>pcie_cap_deverr_init</c>, <c>x-pcie-deverr-init</c>).</summary>
        public bool DeviceErrorReporting { get; init; }
        /// <summary>Link Control CCC and ES writable (<c>pcie_cap_lnkctl_init</c>, <c>x-pcie-lnkctl-init</c>).</summary>
        public bool LinkControl { get; init; }
        /// <summary>Function Level Reset capable; the initiate bit is writable and self-clearing (<c>pcie_cap_flr_init</c>, <c>x-pcie-flr-init</c>).</summary>
        public bool FunctionLevelReset { get; init; }
        /// <summary>
        /// Make the extended capability header at 0x100 read-only, so a function without extended capabilities reads a
        /// null header whatever the guest writes (<c>x-pcie-extcap-init</c>). QEMU does it inside <c>pcie_cap_init</c>:
        /// the one effect of this capability outside its own bytes.
        /// </summary>
        public bool ReadOnlyEmptyExtendedHeader { get; init; }
        /// <summary>ARI forwarding supported and its enable writable (<c>pcie_cap_arifwd_init</c>, ports only).</summary>
        public bool AriForwarding { get; init; }
        /// <summary>A slot behind this port (<c>pcie_cap_slot_init</c>), or null.</summary>
        public PciExpressSlot? Slot { get; init; }
        /// <summary>Root Control system-error enables writable (<c>pcie_cap_root_init</c>, root ports only).</summary>
        public bool RootControl { get; init; }
        /// <summary>
        /// The link a port advertises (QEMU's <c>x-speed</c>/<c>x-width</c>, <c>pcie_cap_fill_slot_lnk</c>): maximum speed
        /// and width in Link Capabilities and Link Status, bandwidth notification and DLL Link Active reporting above
        /// x1 2.5 GT/s, the supported speeds vector and the target speed. Null: version 1's x1 at 2.5 GT/s, untouched.
        /// </summary>
        public PciExpressLink? Link { get; init; }
        /// <summary>
        /// Link Capabilities advertise no maximum speed or width (a port whose link is not configured: Link Status still
        /// reads x1 at 2.5 GT/s). Ignored when <see cref="Link"/> is given.
        /// </summary>
        public bool UnconfiguredLink { get; init; }

        /// <summary>An endpoint with QEMU's virtio-pci init switches.</summary>
        public static PciExpressCapability Endpoint(bool deviceErrorReporting, bool linkControl, bool functionLevelReset, bool readOnlyEmptyExtendedHeader) =>
            new(PciExpressPortType.Endpoint)
            {
                DeviceErrorReporting = deviceErrorReporting,
                LinkControl = linkControl,
                FunctionLevelReset = functionLevelReset,
                ReadOnlyEmptyExtendedHeader = readOnlyEmptyExtendedHeader,
            };

        /// <summary>
        /// QEMU's <c>pcie_endpoint_cap_v1_init</c>: a version 1 endpoint capability with no error reporting or link
        /// control init; a function on a PCI Express root bus is a root complex integrated endpoint.
        /// </summary>
        public static PciExpressCapability EndpointVersion1(bool rootComplexIntegrated) =>
            new(rootComplexIntegrated ? PciExpressPortType.RootComplexIntegratedEndpoint : PciExpressPortType.Endpoint, 1);

        /// <summary>A root port as QEMU's <c>rp_realize</c> sets its capability up: ARI forwarding, error reporting, the
        /// slot, root control and, when given, the advertised link.</summary>
        public static PciExpressCapability RootPort(byte portNumber, PciExpressSlot? slot, bool readOnlyEmptyExtendedHeader = true, PciExpressLink? link = null) =>
            new(PciExpressPortType.RootPort)
            {
                PortNumber = portNumber,
                AriForwarding = true,
                DeviceErrorReporting = true,
                Slot = slot,
                RootControl = true,
                ReadOnlyEmptyExtendedHeader = readOnlyEmptyExtendedHeader,
                Link = link,
            };

        /// <inheritdoc/>
        protected internal override void Initialize(CapabilityRegisters registers)
        {
            ConfigBytes v = registers.Values, w = registers.WriteMask, w1c = registers.WriteOneToClearMask;

            // pcie_cap_v1_fill: flags, RBER, x1 2.5 GT/s link with L0s; link status is not checked on migration.
            v.Set16(FlagsOffset, (ushort)((byte)PortType << 4 & 0xf0 | Version));
            v.Set32(DeviceCapabilitiesOffset, 0x8000);
            v.Set32(LinkCapabilitiesOffset, (uint)PortNumber << 24 | 0x400 | 0x10 | 0x1);
            v.Set16(LinkStatusOffset, 0x0011);
            registers.CheckMask.Set16(LinkStatusOffset, 0);
            if (Link is PciExpressLink link) FillLink(v, link);
            else if (UnconfiguredLink) v.Set32(LinkCapabilitiesOffset, (uint)PortNumber << 24 | 0x400);
            if (Version == 1) return;

            // pcie_cap_init, version 2: extended fmt field and End-End TLP prefix supported; prefix blocking writable.
            v.Set32(DeviceCapabilities2Offset, 0x0010_0000 | 0x0020_0000);
            w.Set16(DeviceControl2Offset, 0x8000);
            if (ReadOnlyEmptyExtendedHeader && registers.Space.IsExpress)
                registers.Space.WriteMask.Set32(ConfigSpace.ConventionalSize, 0);

            if (AriForwarding)
            {
                v.Or32(DeviceCapabilities2Offset, 0x20);
                w.Or32(DeviceControl2Offset, 0x20);
            }
            if (DeviceErrorReporting)
            {
                v.Or32(DeviceCapabilitiesOffset, 0x8000);
                w.Or32(DeviceControlOffset, ErrorReportingEnables);
                w1c.Or32(DeviceStatusOffset, 0x000f);
            }
            if (Slot is PciExpressSlot slot) InitializeSlot(registers, slot);
            if (RootControl) w.Set16(RootControlOffset, 0x0007);
            if (LinkControl) w.Or32(LinkControlOffset, LinkControlWritableBits);
            if (FunctionLevelReset)
            {
                v.Or32(DeviceCapabilitiesOffset, FunctionLevelResetCapable);
                w.Or16(DeviceControlOffset, FunctionLevelResetBit);
            }
        }

        /// <summary>pcie_cap_fill_slot_lnk: the link's maximum speed and width, and what a faster or wider link implies.</summary>
        private static void FillLink(ConfigBytes v, PciExpressLink link)
        {
            uint speed = (uint)link.Speed, width = (uint)link.Width;
            uint capabilities = v.Get32(LinkCapabilitiesOffset) & ~0x3ffu | width << 4 | speed;
            if (link.Width > PciExpressLinkWidth.X1 || link.Speed > PciExpressLinkSpeed.Gt2_5) capabilities |= 0x0020_0000; // bandwidth notification
            if (link.Speed > PciExpressLinkSpeed.Gt2_5)
            {
                capabilities |= 0x0010_0000;                                                                     // DLL Link Active reporting
                v.Set16(LinkControl2Offset, (ushort)(v.Get16(LinkControl2Offset) & ~0xf | (int)speed));            // target link speed
            }
            if (link.Speed > PciExpressLinkSpeed.Gt5)
            {
                // Supported Link Speeds vector: every speed up to the maximum (8 GT/s and up are described only here).
                v.Set32(LinkCapabilities2Offset, link.Speed > PciExpressLinkSpeed.Gt8 ? 0x1eu : 0x0eu);
            }
            v.Set32(LinkCapabilitiesOffset, capabilities);
            v.Set16(LinkStatusOffset, (ushort)(width << 4 | speed));
        }

        /// <summary>
        /// pcie_cap_slot_init and the slot's reset: slot implemented, number, indicators and buttons, hot-plug events;
        /// an empty slot reads with both indicators off and, with a power controller, powered off. (QEMU also makes
        /// Electromechanical Interlock Control writable but clears it after every write, so it always reads 0: modelled
        /// as read-only.)
        /// </summary>
        private static void InitializeSlot(CapabilityRegisters registers, PciExpressSlot slot)
        {
            ConfigBytes v = registers.Values, w = registers.WriteMask;
            v.Or16(FlagsOffset, 0x0100);
            uint slotCapabilities = (uint)(slot.Number & 0x1fff) << 19 | 0x0002_0000 | 0x10 | 0x8 | 0x1;
            if (slot.HotPlug) slotCapabilities |= 0x20 | 0x40;
            if (slot.PowerController) slotCapabilities |= 0x2;
            v.Set32(SlotCapabilitiesOffset, slotCapabilities);
            v.Set16(SlotControlOffset, (ushort)(slot.PowerController ? 0x0400 | 0x0300 | 0x00c0 : 0x00c0));
            w.Or16(SlotControlOffset, (ushort)(0x0300 | 0x00c0 | 0x0020 | 0x0010 | 0x0008 | 0x0001 | (slot.PowerController ? 0x0400 : 0)));
            registers.WriteOneToClearMask.Or16(SlotStatusOffset, 0x0019);
        }

        /// <inheritdoc/>
        protected internal override IConfigWriteObserver? CreateWriteObserver(int offset) =>
            FunctionLevelReset ? new FunctionLevelResetObserver(offset + DeviceControlOffset) : null;

        /// <summary>QEMU's <c>pcie_cap_flr_write_config</c>: a 1 written to Initiate FLR requests a reset and reads back 0.</summary>
        private sealed class FunctionLevelResetObserver(int deviceControl) : IConfigWriteObserver
        {
            public void AfterWrite(ConfigSpace space, int offset, int width)
            {
                if ((space.Values.Get16(deviceControl) & FunctionLevelResetBit) == 0) return;
                space.RequestFunctionLevelReset();
                space.Values.Clear16(deviceControl, FunctionLevelResetBit);
            }
        }
    }
}
