namespace DeviceModel.Samples.Qemu;

/// <summary>
/// The QEMU 7.2 sample product: its version, its machine types (as <c>qemu-system-x86_64 -machine help</c>
/// lists them) and, generated, the catalog of its device types.
/// </summary>
[DeviceCatalog]
[Product("qemu", "7.2")]
[MachineFamily("pc-i440fx",
    "1.4 1.5 1.6 1.7 2.0 2.1 2.2 2.3 2.4 2.5 2.6 2.7 2.8 2.9 2.10 2.11 2.12 3.0 3.1 4.0 4.1 4.2 5.0 5.1 5.2 6.0 6.1 6.2 7.0 7.1 7.2",
    Alias = "pc", Deprecated = "1.4 1.5 1.6 1.7", Description = "Standard PC (i440FX + PIIX, 1996)")]
[MachineFamily("pc-q35",
    "2.4 2.5 2.6 2.7 2.8 2.9 2.10 2.11 2.12 3.0 3.1 4.0 4.0.1 4.1 4.2 5.0 5.1 5.2 6.0 6.1 6.2 7.0 7.1 7.2",
    Alias = "q35", PciExpress = true, Description = "Standard PC (Q35 + ICH9, 2009)")]
[RomImage("efi-virtio.rom", "256k")]
[RomImage("pxe-virtio.rom", "128k")]
[RomImage("efi-e1000.rom", "256k")]
[RomImage("efi-e1000e.rom", "256k")]
[RomImage("pxe-e1000.rom", "128k")]
public static partial class QemuCatalog
{
}
