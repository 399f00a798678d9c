using DeviceModel;

namespace Acme;

/// <summary>A virtio entropy source: the virtio-pci transport and its options come from <see cref="VirtioPciDevice"/>.</summary>
[Device("acme-rng-pci", Description = "Acme entropy source")]
[VirtioQueue("requestq", "8")] // one virtqueue of 8 entries: `devmodel virtio` shows it with the offered features
public sealed partial class AcmeRngPci : VirtioPciDevice
{
    /// <summary>A virtio entropy device (virtio device ID 4).</summary>
    protected override ushort VirtioDeviceType => 4;

    /// <summary>Bytes the guest may read per <see cref="Period"/>.</summary>
    [ConfigOption("max-bytes", Min = "64", Description = "Entropy bytes per period")]
    public ulong MaxBytes { get; set; } = 4096;

    /// <summary>The rate-limit period: 1000 ms on machines before 2.0, 250 ms since.</summary>
    [ConfigOption("period", Min = "1", Max = "60000", Description = "Rate-limit period in milliseconds")]
    [CompatHint("2.0", 1000u)]
    public uint Period { get; set; } = 250;

    /// <summary>The host entropy backend: host wiring, never guest-visible, never versioned.</summary>
    [ConfigOption("rng", HostOnly = true, Description = "Host entropy backend")]
    public string? Rng { get; set; }
}
