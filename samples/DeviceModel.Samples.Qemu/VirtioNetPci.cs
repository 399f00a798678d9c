namespace DeviceModel.Samples.Qemu;

/// <summary>QEMU's <c>virtio-net-pci</c>: a virtio network card. Options and compat history as QEMU 7.2 has them.</summary>
[Device("virtio-net-pci", Description = "Virtio network device")]
// The host side: QEMU's reference setup is a virtio-net-pci without -netdev (no peer: no vnet header, no UFO, one queue pair).
[VirtioBackendInput("vnet_hdr", 0, Description = "The peer accepts the virtio-net header (tap with vnet_hdr): the offload bits are offered")]
[VirtioBackendInput("ufo", 0, Description = "The peer handles UFO (with vnet_hdr): the UFO bits are offered")]
[VirtioBackendInput("queue_pairs", 1, Description = "The peer's queue pairs (the netdev's queues=; 1 without one)")]
// virtio_net_get_features: MAC always; MTU with host_mtu; SPEED_DUPLEX with a speed or duplex.
[VirtioDeviceFeature(VirtioNetFeature.Mac)]
[VirtioDeviceFeature(VirtioNetFeature.Mtu, When = "host_mtu")]
[VirtioDeviceFeature(VirtioNetFeature.SpeedDuplex, When = "speed | duplex")]
// virtio_net_bad_features: what Linux 2.6.25 understood, for a legacy driver that acknowledges VIRTIO_F_BAD_FEATURE.
[VirtioFallbackFeature(VirtioNetFeature.Mac)]
[VirtioFallbackFeature(VirtioNetFeature.Csum)]
[VirtioFallbackFeature(VirtioNetFeature.HostTso4)]
[VirtioFallbackFeature(VirtioNetFeature.HostTso6)]
[VirtioFallbackFeature(VirtioNetFeature.HostEcn)]
// Queues: receiveq/transmitq per pair, then the control queue (always created, as QEMU does).
[VirtioQueue("receiveq", "rx_queue_size", Count = "queue_pairs", Group = "pair")]
[VirtioQueue("transmitq", "tx_queue_size", Count = "queue_pairs", Group = "pair")]
[VirtioQueue("controlq", "64")]
// virtio_net_config up to the last field an offered feature needs (QEMU's feature_sizes); get_config fills it all.
[DeviceConfigField("mac", 0, 6, Value = "mac")]
[DeviceConfigField("status", 6, 2, When = "status", Value = "1")] // VIRTIO_NET_S_LINK_UP
[DeviceConfigField("max_virtqueue_pairs", 8, 2, When = "mq", Value = "queue_pairs")]
[DeviceConfigField("mtu", 10, 2, When = "host_mtu", Value = "host_mtu")]
[DeviceConfigField("speed", 12, 4, When = "speed | duplex", Value = "speed")]
[DeviceConfigField("duplex", 16, 1, When = "speed | duplex", Value = "duplex", Map = "half:0 full:1 :0xff")]
[DeviceConfigField("rss_max_key_size", 17, 1, When = "rss | hash", Value = "40")]
[DeviceConfigField("rss_max_indirection_table_length", 18, 2, When = "rss | hash", Value = "rss ? 128 : 1")]
[DeviceConfigField("supported_hash_types", 20, 4, When = "rss | hash", Value = "0x1ff")]
public sealed partial class VirtioNetPci : QemuVirtioPciDevice
{
    /// <summary><c>ioeventfd</c>.</summary>
    [IncludeOptions]
    public IoeventfdOption Notify { get; } = new();

    /// <inheritdoc/>
    [ConfigOption("vectors", Auto = true, Description = "Number of MSI-X vectors (0 disables MSI-X)")]
    [AutoValue(4)] // 2 × queue pairs + config + control, with one queue pair
    [CompatHint("6.0", 3u)]
    public override uint? Vectors { get; set; } = 4;

    /// <inheritdoc/>
    [CompatHint("1.6", false)]
    public override bool AnyLayout { get; set; } = true;

    /// <inheritdoc/>
    [CompatHint("1.5", "pxe-virtio.rom")]
    public override string? RomFile { get; set; } = "efi-virtio.rom";

    /// <summary><c>mac</c>, <c>netdev</c> and <c>bootindex</c>.</summary>
    [IncludeOptions]
    public NicOptions Nic { get; } = new();

    [VirtioFeature(VirtioNetFeature.Mq)]
    [ConfigOption("mq", Description = "Multi-queue virtqueue pairs (VIRTIO_NET_F_MQ)")]
    public bool Mq { get; set; }

    [VirtioFeature(VirtioNetFeature.Csum, Requires = "vnet_hdr")]
    [ConfigOption("csum", Description = "Host handles packets with partial checksum")]
    public bool Csum { get; set; } = true;

    [VirtioFeature(VirtioNetFeature.GuestCsum, Requires = "vnet_hdr")]
    [ConfigOption("guest_csum", Description = "Guest handles packets with partial checksum")]
    public bool GuestCsum { get; set; } = true;

    [VirtioFeature(VirtioNetFeature.Gso, LegacyOnly = true)]
    [ConfigOption("gso", Description = "Host handles packets with any GSO type")]
    public bool Gso { get; set; } = true;

    [VirtioFeature(VirtioNetFeature.GuestTso4, Requires = "vnet_hdr")]
    [ConfigOption("guest_tso4", Description = "Guest can receive TSOv4")]
    public bool GuestTso4 { get; set; } = true;

    [VirtioFeature(VirtioNetFeature.GuestTso6, Requires = "vnet_hdr")]
    [ConfigOption("guest_tso6", Description = "Guest can receive TSOv6")]
    public bool GuestTso6 { get; set; } = true;

    [VirtioFeature(VirtioNetFeature.GuestEcn, Requires = "vnet_hdr")]
    [ConfigOption("guest_ecn", Description = "Guest can receive TSO with ECN")]
    public bool GuestEcn { get; set; } = true;

    [VirtioFeature(VirtioNetFeature.GuestUfo, Requires = "vnet_hdr && ufo")]
    [ConfigOption("guest_ufo", Description = "Guest can receive UFO")]
    public bool GuestUfo { get; set; } = true;

    [VirtioFeature(VirtioNetFeature.GuestAnnounce)]
    [ConfigOption("guest_announce", Description = "Guest can send gratuitous packets")]
    [CompatHint("2.1", false)]
    public bool GuestAnnounce { get; set; } = true;

    [VirtioFeature(VirtioNetFeature.HostTso4, Requires = "vnet_hdr")]
    [ConfigOption("host_tso4", Description = "Host can receive TSOv4")]
    public bool HostTso4 { get; set; } = true;

    [VirtioFeature(VirtioNetFeature.HostTso6, Requires = "vnet_hdr")]
    [ConfigOption("host_tso6", Description = "Host can receive TSOv6")]
    public bool HostTso6 { get; set; } = true;

    [VirtioFeature(VirtioNetFeature.HostEcn, Requires = "vnet_hdr")]
    [ConfigOption("host_ecn", Description = "Host can receive TSO with ECN")]
    public bool HostEcn { get; set; } = true;

    [VirtioFeature(VirtioNetFeature.HostUfo, Requires = "vnet_hdr && ufo")]
    [ConfigOption("host_ufo", Description = "Host can receive UFO")]
    public bool HostUfo { get; set; } = true;

    [VirtioFeature(VirtioNetFeature.MrgRxbuf)]
    [ConfigOption("mrg_rxbuf", Description = "Host can merge receive buffers")]
    public bool MrgRxbuf { get; set; } = true;

    [VirtioFeature(VirtioNetFeature.Status)]
    [ConfigOption("status", Description = "Configuration status field is available")]
    public bool Status { get; set; } = true;

    [VirtioFeature(VirtioNetFeature.CtrlVq)]
    [ConfigOption("ctrl_vq", Description = "Control channel is available")]
    public bool CtrlVq { get; set; } = true;

    [VirtioFeature(VirtioNetFeature.CtrlRx)]
    [ConfigOption("ctrl_rx", Description = "Control channel RX mode support")]
    public bool CtrlRx { get; set; } = true;

    [VirtioFeature(VirtioNetFeature.CtrlVlan)]
    [ConfigOption("ctrl_vlan", Description = "Control channel VLAN filtering")]
    public bool CtrlVlan { get; set; } = true;

    [VirtioFeature(VirtioNetFeature.CtrlRxExtra)]
    [ConfigOption("ctrl_rx_extra", Description = "Extra RX mode control support")]
    public bool CtrlRxExtra { get; set; } = true;

    [VirtioFeature(VirtioNetFeature.CtrlMacAddr)]
    [ConfigOption("ctrl_mac_addr", Description = "MAC address can be set by the control channel")]
    public bool CtrlMacAddr { get; set; } = true;

    [VirtioFeature(VirtioNetFeature.CtrlGuestOffloads)]
    [ConfigOption("ctrl_guest_offloads", Description = "Guest offloads can be set by the control channel")]
    [CompatHint("1.5", false)]
    public bool CtrlGuestOffloads { get; set; } = true;

    [VirtioFeature(VirtioNetFeature.RscExt)]
    [ConfigOption("guest_rsc_ext", Description = "Guest can handle coalesced packets (RSC extension)")]
    public bool GuestRscExt { get; set; }

    [VirtioFeature(VirtioNetFeature.Rss)]
    [ConfigOption("rss", Description = "Receive side scaling (VIRTIO_NET_F_RSS)")]
    public bool Rss { get; set; }

    [VirtioFeature(VirtioNetFeature.HashReport, Requires = "vnet_hdr")]
    [ConfigOption("hash", Description = "Report packet hashes (VIRTIO_NET_F_HASH_REPORT)")]
    public bool Hash { get; set; }

    [VirtioFeature(VirtioNetFeature.Standby)]
    [ConfigOption("failover", Description = "Standby device of a failover pair (VIRTIO_NET_F_STANDBY)")]
    public bool Failover { get; set; }

    [ConfigOption("host_mtu", Description = "Advertised MTU (0: none)")]
    public ushort HostMtu { get; set; }

    [ConfigOption("x-mtu-bypass-backend", Description = "Offer the MTU feature even if the backend does not")]
    [CompatHint("2.10", false)]
    public bool MtuBypassBackend { get; set; } = true;

    [ConfigOption("speed", Description = "Link speed in Mbit/s (-1: unknown)")]
    [GreaterThan(-2, Message = "'speed' must be between 0 and INT_MAX")]
    public int Speed { get; set; } = -1;

    [ConfigOption("duplex", Description = "Link duplex: half or full")]
    public string? Duplex { get; set; }

    [ConfigOption("rx_queue_size", Min = "256", Max = "1024", Description = "Receive virtqueue size (power of two)")]
    [PowerOfTwo(Message = "Invalid rx_queue_size (= {value}), must be a power of 2 between 256 and 1024.", ValidateOrder = 1)] // after speed, as QEMU
    public ushort RxQueueSize { get; set; } = 256;

    /// <summary>
    /// QEMU caps it at 256 (virtio_net_max_tx_queue_size) unless the peer is vhost-user or vhost-vdpa, which the model
    /// does not know (<c>netdev</c> is host-only): the cap always applies.
    /// </summary>
    [ConfigOption("tx_queue_size", Min = "256", Max = "1024", Description = "Transmit virtqueue size (power of two)")]
    [PowerOfTwo(Message = "Invalid tx_queue_size (= {value}), must be a power of 2 between 256 and 1024", ValidateOrder = 1)]
    [CappedAt(256)]
    public ushort TxQueueSize { get; set; } = 256;

    [ConfigOption("rsc_interval", Description = "RSC coalescing interval in nanoseconds")]
    public uint RscInterval { get; set; } = 300000;

    [ConfigOption("tx", HostOnly = true, Description = "Transmit mode: timer or bh")]
    public string? Tx { get; set; }

    [ConfigOption("x-txburst", HostOnly = true, Description = "Transmit burst size")]
    public int TxBurst { get; set; } = 256;

    [ConfigOption("x-txtimer", HostOnly = true, Description = "Transmit timer in nanoseconds")]
    public uint TxTimer { get; set; } = 150000;

    /// <inheritdoc/>
    protected override ushort VirtioDeviceType => 1;
}
