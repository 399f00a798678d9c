using DeviceModel.Pci;

namespace DeviceModel
{
    /// <summary>
    /// A PCI Express port that other devices can sit behind with <c>bus=ID</c> (QEMU's <c>pcie-root-port</c>): a type-1
    /// header initialised as an express port, and a PCI Express function (4 KiB space) on whatever bus it sits.
    /// Concrete ports declare their options and capabilities.
    /// </summary>
    [Device("pcie-port", Description = "PCI Express port")]
    public abstract partial class PciExpressPort : PciDevice
    {
        /// <inheritdoc/>
        protected override PciHeaderType HeaderType => PciHeaderType.Bridge;

        /// <summary>A port is a PCI Express function even on a conventional bus (QEMU gives it 4 KiB on i440fx too).</summary>
        protected override bool IsExpressFunction => true;

        /// <inheritdoc/>
        protected sealed override bool IsExpressPort => true;
    }
}
