using System.Collections.Generic;

namespace DeviceModel.Pci
{
    /// <summary>A realized function: its configuration space, where its capabilities landed, its BARs and its MSI-X table.</summary>
    public sealed class RealizedPciFunction
    {
        internal RealizedPciFunction(ConfigSpace config, IReadOnlyList<PlacedCapability> capabilities, IReadOnlyList<PlacedCapability> extendedCapabilities,
            IReadOnlyList<BarDeclaration> bars, ExpansionRomDeclaration? expansionRom, MsixTable? msix)
        {
            Config = config;
            Capabilities = capabilities;
            ExtendedCapabilities = extendedCapabilities;
            Bars = bars;
            ExpansionRom = expansionRom;
            Msix = msix;
        }

        /// <summary>The configuration space, as the guest sees it before firmware runs.</summary>
        public ConfigSpace Config { get; }
        /// <summary>Standard capabilities in list order (from the capability pointer).</summary>
        public IReadOnlyList<PlacedCapability> Capabilities { get; }
        /// <summary>Extended capabilities in list order (from 0x100).</summary>
        public IReadOnlyList<PlacedCapability> ExtendedCapabilities { get; }
        /// <summary>The implemented BARs.</summary>
        public IReadOnlyList<BarDeclaration> Bars { get; }
        /// <summary>The expansion ROM BAR, if any.</summary>
        public ExpansionRomDeclaration? ExpansionRom { get; }
        /// <summary>The MSI-X table and PBA when the function has MSI-X in one BAR, else null.</summary>
        public MsixTable? Msix { get; }
    }
}
