using DeviceModel.Pci;

namespace DeviceModel
{
    /// <summary>
    /// A conventional PCI-to-PCI bridge that other devices can sit behind with <c>bus=ID</c>: a type-1 header with
    /// programmable windows, and a secondary bus of 32 slots × 8 functions on which devices are conventional PCI
    /// functions (<see cref="BusKind.ConventionalBridge"/>), whatever bus the bridge itself sits on. Concrete bridges
    /// declare their options and capabilities.
    /// </summary>
    [Device("pci-to-pci-bridge", Description = "PCI-to-PCI bridge")]
    public abstract partial class PciToPciBridge : PciDevice
    {
        /// <inheritdoc/>
        protected override PciHeaderType HeaderType => PciHeaderType.Bridge;

        /// <summary>A conventional bridge is a conventional function on every bus (no PCI Express capability, 256-byte space).</summary>
        protected override bool IsExpressFunction => false;
    }
}
