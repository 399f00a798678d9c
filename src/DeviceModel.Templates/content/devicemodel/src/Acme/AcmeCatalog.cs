using DeviceModel;

namespace Acme;

/// <summary>
/// The Acme product: its version, its machine types and (generated) the catalog of every device type declared in
/// this assembly. A [CompatHint] version is one of these machine versions.
/// </summary>
[DeviceCatalog]
[Product("acme", "2.0")]
[MachineFamily("acme-pc", "1.0 1.1 2.0", Alias = "acme", Description = "Acme PC")]
public static partial class AcmeCatalog
{
}
