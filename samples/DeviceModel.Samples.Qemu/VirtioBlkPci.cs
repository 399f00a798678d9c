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
// virtio_blk_config up to num_queues, plus the discard and write-zeroes fields when offered (QEMU's feature_sizes).
[DeviceConfigField("capacity..num_queues", 0, 36)]
[DeviceConfigField("max_discard_sectors..discard_sector_alignment", 36, 12, When = "discard")]
[DeviceConfigField("max_write_zeroes_sectors..write_zeroes_may_unmap", 48, 9, When = "write-zeroes")]
public sealed partial class VirtioBlkPci : QemuVirtioPciDevice
{
    /// <inheritdoc/>
    [ConfigOption("ioeventfd", HostOnly = true, Description = "Use ioeventfd for virtqueue notifications")]
    public override bool Ioeventfd { get; set; } = true;

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

    [ConfigOption("config-wce", Description = "Guest can toggle the write cache (VIRTIO_BLK_F_CONFIG_WCE)")]
    public bool ConfigWce { get; set; } = true;

    [ConfigOption("scsi", Description = "SCSI passthrough requests (VIRTIO_BLK_F_SCSI, legacy only)")]
    [CompatHint("2.5", true)]
    public bool Scsi { get; set; }

    [ConfigOption("discard", Description = "Offer DISCARD (VIRTIO_BLK_F_DISCARD)")]
    [CompatHint("4.0", false)]
    public bool Discard { get; set; } = true;

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

    /// <summary>SCSI passthrough (VIRTIO_BLK_F_SCSI) exists only in legacy virtio.</summary>
    protected override System.Collections.Generic.IReadOnlyList<string> LegacyOnlyFeatures => Scsi ? ["scsi"] : [];

}
