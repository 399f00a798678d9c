using System;
using System.Collections.Generic;
using DeviceModel.Pci;
using System.ComponentModel;

namespace DeviceModel
{
    public abstract partial class PciDevice
    {
        private RealizeContext? _realizeContext;

        /// <summary>The context of the realize in progress: capability factories and <c>When</c> conditions read it.</summary>
        /// <exception cref="InvalidOperationException">Outside <see cref="Realize"/>.</exception>
        protected RealizeContext Realizing => _realizeContext ?? throw new InvalidOperationException(Info.Name + " is not being realized");

        /// <summary>
        /// Builds the device's configuration space from its resolved options: identity, BARs, expansion ROM and the
        /// capabilities its type declares with <see cref="PciCapabilityAttribute"/> (construction code generated).
        /// </summary>
        /// <exception cref="PciConfigurationException">The combination of options is refused, or the layout does not fit.</exception>
        public RealizedPciFunction Realize(RealizeContext context) => CreateLayout(context).Realize();

        /// <summary>The declarative layout of the function for <paramref name="context"/> (what <see cref="Realize"/> builds).</summary>
        public PciFunctionLayout CreateLayout(RealizeContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            _realizeContext = context;
            try
            {
                ValidateDeclaredRules();
                Validate();
                ValidateRomSize();
                var standard = new List<CapabilityDeclaration>();
                var extended = new List<ExtendedCapabilityDeclaration>();
                DeclareCapabilities(standard, extended);
                var bars = new List<BarDeclaration>();
                DeclareBars(bars);
                return new PciFunctionLayout
                {
                    Identity = Identity,
                    HeaderType = HeaderType,
                    Express = IsExpressFunction,
                    ExpressPort = IsExpressPort,
                    Multifunction = Multifunction,
                    IoWindow = HasIoWindow,
                    WindowsOpenAtReset = WindowsOpenAtReset,
                    InterruptPin = InterruptPin,
                    Placement = Placement,
                    Capabilities = standard,
                    ExtendedCapabilities = extended,
                    Bars = bars,
                    ExpansionRom = RomBar != 0 && !string.IsNullOrEmpty(RomFile) && RomSize is uint size and not (0 or uint.MaxValue) ? new ExpansionRomDeclaration(size) : null,
                };
            }
            finally
            {
                _realizeContext = null;
            }
        }

        /// <summary>Vendor, device, revision, class and subsystem IDs.</summary>
        protected abstract PciIdentity Identity { get; }

        /// <summary>Whether an express port's windows read 0 after reset instead of disabled (see <see cref="PciFunctionLayout.WindowsOpenAtReset"/>).</summary>
        protected virtual bool WindowsOpenAtReset => false;

        /// <summary>Whether a type-1 header's I/O window is programmable (see <see cref="PciFunctionLayout.IoWindow"/>).</summary>
        protected virtual bool HasIoWindow => true;

        /// <summary>
        /// QEMU (pci_add_option_rom) refuses an explicit <c>romsize</c> smaller than the ROM image when the ROM BAR is
        /// used. The product declares each image's BAR size (its size rounded up to a power of two), and a power-of-two
        /// romsize below it is smaller than the image.
        /// </summary>
        private void ValidateRomSize()
        {
            if (RomBar == 0 || string.IsNullOrEmpty(RomFile) || RomSize is not uint size || size == uint.MaxValue) return;
            if (Realizing.Session.RomImages.TryGetValue(RomFile, out uint image) && size < image)
                throw new PciConfigurationException("romfile \"" + RomFile + "\" is too large for ROM size " + size.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        /// <summary>Endpoint (type 0) or bridge (type 1) header.</summary>
        protected virtual PciHeaderType HeaderType => PciHeaderType.Endpoint;

        /// <summary>Whether the function has a 4 KiB PCI Express space and capability (by default: behind an express port).</summary>
        protected virtual bool IsExpressFunction => Realizing.IsPciExpress;

        /// <summary>Whether the type-1 header is a PCI Express port's (see <see cref="PciHeader.InitializeBridge"/>).</summary>
        protected virtual bool IsExpressPort => false;

        /// <summary>The interrupt pin (1 = INTA#); 0 for none.</summary>
        protected virtual byte InterruptPin => 1;

        /// <summary>How capabilities without a fixed offset are placed.</summary>
        protected virtual CapabilityPlacement Placement => CapabilityPlacement.Qemu;

        /// <summary>Refuses option combinations the device cannot realize (throw <see cref="PciConfigurationException"/>).</summary>
        protected virtual void Validate()
        {
        }

        /// <summary>Adds the implemented BARs.</summary>
        protected virtual void DeclareBars(List<BarDeclaration> bars)
        {
        }

        /// <summary>Adds the declared capabilities in order (generated from the capability attributes; overrides call the base first).</summary>
        // Hidden from IntelliSense: the generator overrides it from [PciCapability]/[PciExtendedCapability]; authors declare, never override.
        [EditorBrowsable(EditorBrowsableState.Never)]
        protected virtual void DeclareCapabilities(List<CapabilityDeclaration> standard, List<ExtendedCapabilityDeclaration> extended)
        {
        }
    }
}
