namespace DeviceModel.Samples.Qemu;

/// <summary>
/// QEMU's <c>virtio-gpu-pci</c>: a 2D virtio GPU without VGA compatibility. QEMU's realize forces virtio 1.0
/// (<c>virtio_pci_force_virtio_1</c>): the device is always modern-only.
/// </summary>
[Device("virtio-gpu-pci", Description = "Virtio GPU (2D, no VGA)")]
// The host side: the reference host has no /dev/udmabuf, which blob resources need.
[VirtioBackendInput("udmabuf", 0, Description = "The host has /dev/udmabuf (blob resources need it)")]
[VirtioCheck("blob && !udmabuf", "cannot enable blob resources without udmabuf")]
[VirtioQueue("controlq", "64")]
[VirtioQueue("cursorq", "16")]
// virtio_gpu_config: no events pending, the scanouts, no capability sets without virgl.
[DeviceConfigField("events_read", 0, 4)]
[DeviceConfigField("events_clear", 4, 4)]
[DeviceConfigField("num_scanouts", 8, 4, Value = "max_outputs")]
[DeviceConfigField("num_capsets", 12, 4)]
public sealed partial class VirtioGpuPci : QemuVirtioPciDevice
{
    /// <summary><c>ioeventfd</c>.</summary>
    [IncludeOptions]
    public IoeventfdOption Notify { get; } = new() { Ioeventfd = false };

    /// <summary>Three vectors: config, the control queue and the cursor queue.</summary>
    [ConfigOption("vectors", Auto = true, Description = "Number of MSI-X vectors (0 disables MSI-X)")]
    public override uint? Vectors { get; set; } = 3;

    /// <inheritdoc/>
    protected override ushort VirtioDeviceType => 16;

    /// <summary>PCI_CLASS_DISPLAY_OTHER.</summary>
    protected override ushort? ClassId => 0x0380;

    /// <inheritdoc/>
    protected override bool ForcesVirtio1 => true;

    /// <summary>Scanouts (heads) offered to the guest.</summary>
    [ConfigOption("max_outputs", Min = "1", Max = "16", Description = "Number of scanouts (outputs), at most 16")]
    public uint MaxOutputs { get; set; } = 1;

    /// <summary>VIRTIO_GPU_F_EDID; machines before 4.1 do not offer it.</summary>
    [VirtioFeature(VirtioGpuFeature.Edid)]
    [ConfigOption("edid", Description = "Offer EDID blobs for the outputs (VIRTIO_GPU_F_EDID)")]
    [CompatHint("4.1", false)]
    public bool Edid { get; set; } = true;

    /// <summary>VIRTIO_GPU_F_RESOURCE_BLOB.</summary>
    [VirtioFeature(VirtioGpuFeature.ResourceBlob)]
    [ConfigOption("blob", Description = "Offer blob resources (VIRTIO_GPU_F_RESOURCE_BLOB)")]
    public bool Blob { get; set; }

    /// <summary>Preferred horizontal resolution.</summary>
    [ConfigOption("xres", Description = "Preferred horizontal resolution in pixels")]
    public uint XRes { get; set; } = 1280;

    /// <summary>Preferred vertical resolution.</summary>
    [ConfigOption("yres", Description = "Preferred vertical resolution in pixels")]
    public uint YRes { get; set; } = 800;

    /// <summary>Host memory the guest's resources may use.</summary>
    [ConfigOption("max_hostmem", IsSize = true, HostOnly = true, Description = "Host memory limit for guest resources")]
    public ulong MaxHostmem { get; set; } = 256UL * 1024 * 1024;
}
