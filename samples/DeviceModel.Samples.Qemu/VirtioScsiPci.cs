namespace DeviceModel.Samples.Qemu;

/// <summary>QEMU's <c>virtio-scsi-pci</c>: a virtio SCSI host adapter.</summary>
[Device("virtio-scsi-pci", Description = "Virtio SCSI host adapter")]
// virtio_scsi_common_realize: the control and event queues, then one request queue per num_queues, all virtqueue_size.
[VirtioQueue("controlq", "virtqueue_size")]
[VirtioQueue("eventq", "virtqueue_size")]
[VirtioQueue("requestq", "virtqueue_size", Count = "num_queues")]
// virtio_scsi_config as virtio_scsi_get_config fills it.
[DeviceConfigField("num_queues", 0, 4, Value = "num_queues")]
[DeviceConfigField("seg_max", 4, 4, Value = "seg_max_adjust ? virtqueue_size - 2 : 126")]
[DeviceConfigField("max_sectors", 8, 4, Value = "max_sectors")]
[DeviceConfigField("cmd_per_lun", 12, 4, Value = "cmd_per_lun")]
[DeviceConfigField("event_info_size", 16, 4, Value = "16")] // sizeof(VirtIOSCSIEvent)
[DeviceConfigField("sense_size", 20, 4, Value = "96")] // VIRTIO_SCSI_SENSE_DEFAULT_SIZE
[DeviceConfigField("cdb_size", 24, 4, Value = "32")] // VIRTIO_SCSI_CDB_DEFAULT_SIZE
[DeviceConfigField("max_channel", 28, 2, Value = "0")]
[DeviceConfigField("max_target", 30, 2, Value = "255")]
[DeviceConfigField("max_lun", 32, 4, Value = "16383")]
public sealed partial class VirtioScsiPci : QemuVirtioPciDevice
{
    /// <summary><c>ioeventfd</c>.</summary>
    [IncludeOptions]
    public IoeventfdOption Notify { get; } = new();

    /// <summary>Vectors: auto is one per request queue plus control, event and config.</summary>
    [ConfigOption("vectors", Auto = true, Description = "Number of MSI-X vectors (0 disables MSI-X)")]
    [AutoFrom("num_queues", Plus = 3)]
    public override uint? Vectors { get; set; }

    /// <inheritdoc/>
    [CompatHint("2.2", false)]
    public override bool AnyLayout { get; set; } = true;

    [ConfigOption("num_queues", Auto = true, Min = "1", Max = "1021", Description = "Number of request virtqueues (auto: one per vCPU)")]
    [AutoFromVcpus]
    [CompatHint("5.2", 1u)]
    public uint? NumQueues { get; set; }

    [ConfigOption("virtqueue_size", Min = "2", Max = "1024", Description = "Virtqueue size")]
    [GreaterThan(2, Message = "invalid virtqueue_size property (= {value}), must be > 2")]
    [CompatHint("5.0", 128u)]
    public uint VirtqueueSize { get; set; } = 256;

    [ConfigOption("seg_max_adjust", Description = "Derive seg_max from the virtqueue size")]
    [CompatHint("5.0", false)]
    public bool SegMaxAdjust { get; set; } = true;

    [ConfigOption("max_sectors", Description = "Largest transfer in sectors")]
    public uint MaxSectors { get; set; } = 65535;

    [ConfigOption("cmd_per_lun", Description = "Commands per LUN")]
    public uint CmdPerLun { get; set; } = 128;

    [VirtioFeature(VirtioScsiFeature.Hotplug)]
    [ConfigOption("hotplug", Description = "Offer hot-plug events (VIRTIO_SCSI_F_HOTPLUG)")]
    public bool Hotplug { get; set; } = true;

    [VirtioFeature(VirtioScsiFeature.Change)]
    [ConfigOption("param_change", Description = "Offer parameter change events (VIRTIO_SCSI_F_CHANGE)")]
    public bool ParamChange { get; set; } = true;

    [ConfigOption("iothread", HostOnly = true, Description = "IOThread to process requests in")]
    public string? IoThread { get; set; }

    /// <inheritdoc/>
    protected override ushort VirtioDeviceType => 8;
}
