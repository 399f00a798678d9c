namespace DeviceModel.Samples.Qemu;

/// <summary>QEMU's <c>virtio-rng-pci</c>: an entropy source for the guest. It has no device configuration (no <see cref="DeviceConfigFieldAttribute"/>).</summary>
[Device("virtio-rng-pci", Description = "Virtio entropy source (random number generator)")]
[VirtioQueue("requestq", "8")]
public sealed partial class VirtioRngPci : QemuVirtioPciDevice
{
    /// <summary><c>ioeventfd</c>.</summary>
    [IncludeOptions]
    public IoeventfdOption Notify { get; } = new();

    /// <summary>VIRTIO_F_ANY_LAYOUT: machines before 2.4 do not offer it (QEMU hw_compat_2_3).</summary>
    [CompatHint("2.4", false)]
    public override bool AnyLayout { get; set; } = true;

    /// <summary>Vectors: QEMU 7.2 gave virtio-rng-pci two (config and the request queue); older machines had none.</summary>
    [ConfigOption("vectors", Auto = true, Description = "Number of MSI-X vectors (0 disables MSI-X)")]
    [CompatHint("7.2", 0u)]
    public override uint? Vectors { get; set; } = 2;

    /// <inheritdoc/>
    protected override ushort VirtioDeviceType => 4;

    /// <summary>The host RNG backend object.</summary>
    [ConfigOption("rng", HostOnly = true, Description = "ID of the rng-backend object that supplies entropy")]
    public string? Rng { get; set; }

    /// <summary>Bytes the guest may read per <see cref="Period"/>.</summary>
    [ConfigOption("max-bytes", Min = "0", Max = "9223372036854775807", Description = "Maximum bytes of entropy per period (rate limit)")]
    public ulong MaxBytes { get; set; } = long.MaxValue;

    /// <summary>The rate-limit period in milliseconds.</summary>
    [ConfigOption("period", Min = "1", Description = "Rate-limit period in milliseconds")]
    public uint Period { get; set; } = 65536;
}
