namespace DeviceModel.Samples.Qemu;

// QEMU's machine-version history of the options its devices inherit from the framework's base types. The framework
// has no versions (its PciDevice and VirtioPciDevice carry today's defaults only); these entries are QEMU's
// hw_compat_X_Y lines for TYPE_PCI_DEVICE and TYPE_VIRTIO_PCI, declared once, next to the devices that inherit them.

/// <summary>A QEMU PCI device: the framework's <see cref="PciDevice"/> with QEMU's history of its options.</summary>
[CompatHint("2.4", false, Option = "x-pcie-lnksta-dllla")]
[CompatHint("2.9", false, Option = "x-pcie-extcap-init")]
public abstract partial class QemuPciDevice : PciDevice
{
}

/// <summary>A QEMU virtio-pci device: the framework's <see cref="VirtioPciDevice"/> with QEMU's history of its options.</summary>
[CompatHint("2.4", false, Option = "x-pcie-lnksta-dllla")]
[CompatHint("2.9", false, Option = "x-pcie-extcap-init")]
[CompatHint("2.2", true, Option = "virtio-pci-bus-master-bug-migration")]
[CompatHint("2.5", false, Option = "migrate-extra")]
[CompatHint("2.5", true, Option = "x-disable-pcie")]
[CompatHint("2.7", OnOffAuto.Off, Option = "disable-legacy")]
[CompatHint("2.7", true, Option = "disable-modern")]
[CompatHint("2.8", true, Option = "page-per-vq")]
[CompatHint("2.8", true, Option = "x-ignore-backend-features")]
[CompatHint("2.9", false, Option = "x-pcie-deverr-init")]
[CompatHint("2.9", false, Option = "x-pcie-lnkctl-init")]
[CompatHint("2.9", false, Option = "x-pcie-pm-init")]
[CompatHint("4.1", false, Option = "use-started")]
[CompatHint("4.2", false, Option = "x-pcie-flr-init")]
[CompatHint("5.0", false, Option = "use-disabled-flag")]
[CompatHint("5.1", true, Option = "x-disable-legacy-check")]
[CompatHint("5.2", false, Option = "x-ats-page-aligned")]
[CompatHint("7.2", false, Option = "queue_reset")]
public abstract partial class QemuVirtioPciDevice : VirtioPciDevice
{
}
