namespace DeviceModel.Samples.Qemu;

/// <summary>QEMU's <c>virtio-balloon-pci</c>: memory ballooning.</summary>
[Device("virtio-balloon-pci", Description = "Virtio memory balloon")]
// virtio_balloon_config up to the last field an offered feature needs; QEMU 4.0 machines keep 4.0's larger size.
// virtio_balloon_get_features adds STATS_VQ; the stats queue always exists.
[VirtioDeviceFeature(VirtioBalloonFeature.StatsVq)]
[VirtioQueue("inflateq", "128")]
[VirtioQueue("deflateq", "128")]
[VirtioQueue("statsq", "128")]
[VirtioQueue("free_page_vq", "1024", When = "free-page-hint")] // VIRTQUEUE_MAX_SIZE
[VirtioQueue("reporting_vq", "32", When = "free-page-reporting")]
// All zero at reset: no target, nothing inflated, no hinting command, no poison value.
[DeviceConfigField("num_pages", 0, 4)]
[DeviceConfigField("actual", 4, 4)]
[DeviceConfigField("free_page_hint_cmd_id", 8, 4, When = "free-page-hint")]
[DeviceConfigField("poison_val", 12, 4, When = "page-poison | qemu-4-0-config-size")]
public sealed partial class VirtioBalloonPci : QemuVirtioPciDevice
{
    /// <summary>VIRTIO_F_ANY_LAYOUT: machines before 2.4 do not offer it (QEMU hw_compat_2_3).</summary>
    [CompatHint("2.4", false)]
    public override bool AnyLayout { get; set; } = true;

    /// <inheritdoc/>
    protected override ushort VirtioDeviceType => 5;

    [VirtioFeature(VirtioBalloonFeature.DeflateOnOom)]
    [ConfigOption("deflate-on-oom", Description = "Deflate the balloon when the guest is out of memory")]
    public bool DeflateOnOom { get; set; }

    /// <summary>QEMU (virtio_balloon_device_realize) runs free page hinting in an IOThread and refuses it without one.</summary>
    [VirtioFeature(VirtioBalloonFeature.FreePageHint)]
    [ConfigOption("free-page-hint", Description = "Free page hinting (VIRTIO_BALLOON_F_FREE_PAGE_HINT)")]
    [Requires("iothread")]
    public bool FreePageHint { get; set; }

    [VirtioFeature(VirtioBalloonFeature.Reporting)]
    [ConfigOption("free-page-reporting", Description = "Free page reporting (VIRTIO_BALLOON_F_REPORTING)")]
    public bool FreePageReporting { get; set; }

    [VirtioFeature(VirtioBalloonFeature.PagePoison)]
    [ConfigOption("page-poison", Description = "Page poisoning (VIRTIO_BALLOON_F_PAGE_POISON)")]
    [CompatHint("5.1", false)]
    public bool PagePoison { get; set; } = true;

    /// <summary>QEMU 4.0 shipped a larger config size; only 4.0 machines keep it.</summary>
    [ConfigOption("qemu-4-0-config-size", Description = "Use QEMU 4.0's larger config size")]
    [CompatHint("4.0", false)]
    [CompatHint("4.1", true)]
    public bool Qemu40ConfigSize { get; set; }

    [ConfigOption("guest-stats-polling-interval", HostOnly = true, Description = "Seconds between guest statistics polls (0: off)")]
    public long GuestStatsPollingInterval { get; set; }

    [ConfigOption("iothread", HostOnly = true, Description = "IOThread for free page hinting")]
    public string? IoThread { get; set; }
}
