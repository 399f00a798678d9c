namespace DeviceModel.Samples.Qemu;

/// <summary>The QEMU 7.2 sample product: its device types (generated <c>Catalog</c>).</summary>
[DeviceCatalog]
public static partial class QemuCatalog
{
}
