namespace DeviceModel.Samples.Qemu;

/// <summary>QEMU's block error policies (<c>BlockdevOnError</c>).</summary>
public enum BlockdevOnError
{
    /// <summary>Report the error to the guest.</summary>
    Report,
    /// <summary>Ignore it.</summary>
    Ignore,
    /// <summary>Stop the VM on ENOSPC, report others.</summary>
    Enospc,
    /// <summary>Stop the VM.</summary>
    Stop,
    /// <summary>The drive's policy.</summary>
    Auto,
}

/// <summary>
/// QEMU's <c>virtio-blk-pci</c>: a virtio block device. Options and compat history as QEMU 7.2 has them. Without virtio
/// 1.0 the device offers SCSI instead of any_layout (virtio_blk_get_features), and reports any_layout off.
/// </summary>
[Device("virtio-blk-pci", Description = "Virtio block device")]
[ForceOption("any_layout", 0, When = "disable-modern")]
// The host side: QEMU's reference setup is a raw null-co:// drive (1 GiB, writable, write cache on: cache=writeback).
[VirtioBackendInput("capacity", 2097152, Description = "The drive's size in 512-byte sectors")]
[VirtioBackendInput("read_only", 0, Description = "The drive is read-only (VIRTIO_BLK_F_RO)")]
[VirtioBackendInput("write_cache", 1, Description = "The drive's write cache is enabled (used while write-cache=auto)")]
// virtio_blk_get_features: these four always; legacy-only devices get SCSI (and lose any_layout, see ForceOption).
[VirtioDeviceFeature(VirtioBlkFeature.SegMax)]
[VirtioDeviceFeature(VirtioBlkFeature.Geometry)]
[VirtioDeviceFeature(VirtioBlkFeature.Topology)]
[VirtioDeviceFeature(VirtioBlkFeature.BlockSize)]
[VirtioDeviceFeature(VirtioBlkFeature.Scsi, When = "disable-modern")]
// SCSI passthrough exists only in legacy virtio: virtio_blk_get_features refuses it with VERSION_1.
[VirtioCheck("scsi && !disable-modern", "Please set scsi=off for virtio-blk devices in order to use virtio 1.0")]
// FLUSH (legacy WCE) with the write cache on, or with config-wce while x-enable-wce-if-config-wce (machines from 5.0).
[VirtioDeviceFeature(VirtioBlkFeature.Flush, Requires = "(write-cache < 0 ? write_cache : write-cache) || (x-enable-wce-if-config-wce && config-wce)")]
[VirtioDeviceFeature(VirtioBlkFeature.ReadOnly, Requires = "read_only")]
[VirtioDeviceFeature(VirtioBlkFeature.Mq, Requires = "num-queues > 1")]
[VirtioQueue("requestq", "queue-size", Count = "num-queues")]
// virtio_blk_config up to num_queues, plus the discard and write-zeroes fields when offered (QEMU's feature_sizes).
[DeviceConfigField("capacity", 0, 8, Value = "capacity")]
[DeviceConfigField("size_max", 8, 4)]
[DeviceConfigField("seg_max", 12, 4, Value = "seg-max-adjust ? queue-size - 2 : 126")]
// blkconf_geometry: without cyls, heads and secs, hd_geometry_guess's guess_chs_for_size (16 heads, 63 sectors).
[DeviceConfigField("cylinders", 16, 2, Value = "cyls || heads || secs ? cyls : max(2, min(16383, capacity / 1008))")]
[DeviceConfigField("heads", 18, 1, Value = "cyls || heads || secs ? heads : 16")]
// get_config: a capacity that is no multiple of the block size per track rounds the sectors down to whole blocks.
[DeviceConfigField("sectors", 19, 1, Value = "(cyls || heads || secs ? secs : 63) - (capacity * 512 / (cyls || heads || secs ? heads : 16) / (cyls || heads || secs ? secs : 63) % logical_block_size ? (cyls || heads || secs ? secs : 63) % (logical_block_size / 512) : 0)")]
[DeviceConfigField("blk_size", 20, 4, Value = "logical_block_size")]
[DeviceConfigField("physical_block_exp", 24, 1, Value = "log2(physical_block_size / logical_block_size)")]
[DeviceConfigField("alignment_offset", 25, 1)]
[DeviceConfigField("min_io_size", 26, 2, Value = "min_io_size / logical_block_size")]
[DeviceConfigField("opt_io_size", 28, 4, Value = "opt_io_size / logical_block_size")]
[DeviceConfigField("wce", 32, 1, Value = "write-cache < 0 ? write_cache : write-cache")]
[DeviceConfigField("num_queues", 34, 2, Value = "num-queues")]
[DeviceConfigField("max_discard_sectors", 36, 4, When = "discard", Value = "discard ? max-discard-sectors : 0")]
[DeviceConfigField("max_discard_seg", 40, 4, When = "discard", Value = "discard")]
[DeviceConfigField("discard_sector_alignment", 44, 4, When = "discard", Value = "discard ? (discard_granularity == 4294967295 || !report-discard-granularity ? logical_block_size : discard_granularity) / 512 : 0")]
[DeviceConfigField("max_write_zeroes_sectors", 48, 4, When = "write-zeroes", Value = "write-zeroes ? max-write-zeroes-sectors : 0")]
[DeviceConfigField("max_write_zeroes_seg", 52, 4, When = "write-zeroes", Value = "write-zeroes")]
[DeviceConfigField("write_zeroes_may_unmap", 56, 1, When = "write-zeroes", Value = "write-zeroes")]
public sealed partial class VirtioBlkPci : QemuVirtioPciDevice
{
    /// <summary><c>ioeventfd</c>.</summary>
    [IncludeOptions]
    public IoeventfdOption Notify { get; } = new();

    /// <summary>VIRTIO_F_ANY_LAYOUT: machines before 2.4 do not offer it (QEMU hw_compat_2_3).</summary>
    [CompatHint("2.4", false)]
    public override bool AnyLayout { get; set; } = true;

    /// <summary>Vectors: auto is one per queue plus one for configuration changes.</summary>
    [ConfigOption("vectors", Auto = true, Description = "Number of MSI-X vectors (0 disables MSI-X)")]
    [AutoFrom("num-queues", Plus = 1)]
    [CompatHint("2.12", 2u)]
    public override uint? Vectors { get; set; }

    [ConfigOption("drive", HostOnly = true, Description = "Node name or ID of a block device to use as a backend")]
    public string? Drive { get; set; }

    [ConfigOption("iothread", HostOnly = true, Description = "IOThread to process requests in")]
    public string? IoThread { get; set; }

    [ConfigOption("num-queues", Auto = true, Min = "1", Max = "1024", Description = "Number of request virtqueues (auto: one per vCPU)")]
    [AutoFromVcpus]
    [CompatHint("5.2", (ushort)1)]
    public ushort? NumQueues { get; set; }

    [ConfigOption("queue-size", Min = "2", Max = "1024", Description = "Virtqueue size")]
    [GreaterThan(2, Message = "invalid queue-size property ({value}), must be > 2")]
    [PowerOfTwo(Message = "invalid queue-size property ({value}), must be a power of 2 (max 1024)")]
    [CompatHint("5.0", (ushort)128)]
    public ushort QueueSize { get; set; } = 256;

    [ConfigOption("bootindex", Description = "Boot order index (-1: not bootable)")]
    public int BootIndex { get; set; } = -1;

    [ConfigOption("serial", Description = "Disk serial number reported to the guest")]
    public string? Serial { get; set; }

    [VirtioFeature(VirtioBlkFeature.ConfigWce)]
    [ConfigOption("config-wce", Description = "Guest can toggle the write cache (VIRTIO_BLK_F_CONFIG_WCE)")]
    public bool ConfigWce { get; set; } = true;

    [VirtioFeature(VirtioBlkFeature.Scsi)]
    [ConfigOption("scsi", Description = "SCSI passthrough requests (VIRTIO_BLK_F_SCSI, legacy only)")]
    [CompatHint("2.5", true)]
    public bool Scsi { get; set; }

    [VirtioFeature(VirtioBlkFeature.Discard)]
    [ConfigOption("discard", Description = "Offer DISCARD (VIRTIO_BLK_F_DISCARD)")]
    [CompatHint("4.0", false)]
    public bool Discard { get; set; } = true;

    [VirtioFeature(VirtioBlkFeature.WriteZeroes)]
    [ConfigOption("write-zeroes", Description = "Offer WRITE ZEROES (VIRTIO_BLK_F_WRITE_ZEROES)")]
    [CompatHint("4.0", false)]
    public bool WriteZeroes { get; set; } = true;

    [ConfigOption("report-discard-granularity", Description = "Report the discard granularity to the guest")]
    [CompatHint("6.0", false)]
    public bool ReportDiscardGranularity { get; set; } = true;

    [ConfigOption("seg-max-adjust", Description = "Derive seg_max from the queue size")]
    [CompatHint("5.0", false)]
    public bool SegMaxAdjust { get; set; } = true;

    [ConfigOption("x-enable-wce-if-config-wce", Description = "Enable the write cache when config-wce is on")]
    [CompatHint("5.0", false)]
    public bool EnableWceIfConfigWce { get; set; } = true;

    [ConfigOption("max-discard-sectors", Min = "1", Description = "Largest discard request in sectors")]
    public uint MaxDiscardSectors { get; set; } = 4194303;

    [ConfigOption("max-write-zeroes-sectors", Min = "1", Description = "Largest write-zeroes request in sectors")]
    public uint MaxWriteZeroesSectors { get; set; } = 4194303;

    [ConfigOption("discard_granularity", IsSize = true, Description = "Discard granularity (4294967295: the backend's)")]
    [CompatHint("1.5", 0UL)]
    public ulong DiscardGranularity { get; set; } = 4294967295;

    [ConfigOption("logical_block_size", IsSize = true, Auto = true, Description = "Logical block size, a power of two between 512 B and 2 MiB")]
    [AutoValue(512)]
    // blkconf_blocksizes, after the queue-size checks of virtio_blk_device_realize
    [AtMostOption("physical_block_size", Message = "logical_block_size > physical_block_size not supported", ValidateOrder = 1)]
    public ulong? LogicalBlockSize { get; set; }

    [ConfigOption("physical_block_size", IsSize = true, Auto = true, Description = "Physical block size, a power of two between 512 B and 2 MiB")]
    [AutoValue(512)]
    public ulong? PhysicalBlockSize { get; set; }

    [ConfigOption("min_io_size", IsSize = true, Description = "Minimum I/O size")]
    [MultipleOfOption("logical_block_size", Message = "min_io_size must be a multiple of logical_block_size", ValidateOrder = 1)]
    public ulong MinIoSize { get; set; }

    [ConfigOption("opt_io_size", IsSize = true, Description = "Optimal I/O size")]
    [MultipleOfOption("logical_block_size", Message = "opt_io_size must be a multiple of logical_block_size", ValidateOrder = 1)]
    public ulong OptIoSize { get; set; }

    [ConfigOption("cyls", Auto = true, Description = "Cylinders (auto: from the drive's size)")]
    public uint? Cyls { get; set; }

    [ConfigOption("heads", Auto = true, Description = "Heads (auto: from the drive's size)")]
    public uint? Heads { get; set; }

    [ConfigOption("secs", Auto = true, Description = "Sectors per track (auto: from the drive's size)")]
    public uint? Secs { get; set; }

    [ConfigOption("lcyls", Description = "BIOS translation cylinders")]
    public uint Lcyls { get; set; }

    [ConfigOption("lheads", Description = "BIOS translation heads")]
    public uint Lheads { get; set; }

    [ConfigOption("lsecs", Description = "BIOS translation sectors")]
    public uint Lsecs { get; set; }

    [ConfigOption("backend_defaults", Description = "Take block sizes and limits from the backend")]
    public OnOffAuto BackendDefaults { get; set; } = OnOffAuto.Auto;

    [ConfigOption("write-cache", Description = "Write cache mode (auto: the drive's)")]
    public OnOffAuto WriteCache { get; set; } = OnOffAuto.Auto;

    [ConfigOption("class", Description = "PCI class code (0: mass storage SCSI)")]
    public uint Class { get; set; }

    [ConfigOption("share-rw", HostOnly = true, Description = "Allow other writers of the image")]
    public bool ShareRw { get; set; }

    [ConfigOption("request-merging", HostOnly = true, Description = "Merge adjacent requests")]
    public bool RequestMerging { get; set; } = true;

    [ConfigOption("rerror", HostOnly = true, Description = "Read error policy")]
    public BlockdevOnError Rerror { get; set; } = BlockdevOnError.Auto;

    [ConfigOption("werror", HostOnly = true, Description = "Write error policy")]
    public BlockdevOnError Werror { get; set; } = BlockdevOnError.Auto;

    [ConfigOption("account-failed", HostOnly = true, Description = "Account failed requests in statistics")]
    public OnOffAuto AccountFailed { get; set; } = OnOffAuto.Auto;

    [ConfigOption("account-invalid", HostOnly = true, Description = "Account invalid requests in statistics")]
    public OnOffAuto AccountInvalid { get; set; } = OnOffAuto.Auto;

    /// <inheritdoc/>
    protected override ushort VirtioDeviceType => 2;

    /// <inheritdoc/>
    /// <remarks>QEMU uses any non-zero class as given (its low 16 bits) and storage-SCSI (0x0100) for 0.</remarks>
    protected override ushort? ClassId => Class != 0 ? (ushort)Class : null;


}
