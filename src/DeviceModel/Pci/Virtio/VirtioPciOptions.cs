using System.Collections.Generic;

namespace DeviceModel.Pci
{
    /// <summary>
    /// The resolved inputs of the virtio-pci building blocks (<see cref="VirtioPciLayout"/>): plain values, as a device's
    /// effective options give them (QEMU property names in the remarks). Defaults are QEMU 7.2's.
    /// </summary>
    public sealed record VirtioPciOptions
    {
        /// <summary>Virtio device type (net 1, block 2, console 3, entropy 4, balloon 5, SCSI 8, …).</summary>
        public required ushort DeviceType { get; init; }
        /// <summary>16-bit class (base and sub-class); null for the type's default (<see cref="VirtioPciIds.DefaultClassId"/>).</summary>
        public ushort? ClassId { get; init; }
        /// <summary>Transitional device ID; null for the type's (<see cref="VirtioPciIds.TransitionalDeviceId"/>).</summary>
        public ushort? TransitionalDeviceId { get; init; }
        /// <summary>The legacy interface is enabled (<c>disable-legacy=off</c>, resolved).</summary>
        public bool Legacy { get; init; } = true;
        /// <summary>The modern interface is enabled (<c>disable-modern=off</c>).</summary>
        public bool Modern { get; init; } = true;
        /// <summary>MSI-X vectors (<c>vectors</c>, resolved); 0: no MSI-X.</summary>
        public int Vectors { get; init; }
        /// <summary>One notify page per queue (<c>page-per-vq</c>).</summary>
        public bool PagePerVq { get; init; }
        /// <summary>Port I/O notify capability in BAR2 (<c>modern-pio-notify</c>).</summary>
        public bool ModernPioNotify { get; init; }
        /// <summary>Length of the device-specific configuration (sizes the legacy I/O BAR).</summary>
        public int DeviceConfigLength { get; init; }
        /// <summary>The device sits behind an IOMMU (<c>iommu_platform</c>): refused with the legacy interface.</summary>
        public bool IommuPlatform { get; init; }
        /// <summary>The device type may offer the legacy interface (false for modern-only types).</summary>
        public bool LegacyAllowed { get; init; } = true;
    }
}
