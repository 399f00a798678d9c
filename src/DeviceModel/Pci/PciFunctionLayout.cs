using System;
using System.Collections.Generic;

namespace DeviceModel.Pci
{
    /// <summary>
    /// A declarative description of one PCI function's configuration space: identity, header type, size, the
    /// capabilities in the order they are added, the BARs and the expansion ROM. <see cref="Realize"/> turns it into
    /// a <see cref="RealizedPciFunction"/>; the description itself is immutable and reusable.
    /// </summary>
    public sealed record PciFunctionLayout
    {
        /// <summary>Identification registers.</summary>
        public required PciIdentity Identity { get; init; }
        /// <summary>Header type 0 (endpoint) or 1 (bridge).</summary>
        public PciHeaderType HeaderType { get; init; } = PciHeaderType.Endpoint;
        /// <summary>A 4 KiB PCI Express space (required for extended capabilities).</summary>
        public bool Express { get; init; }
        /// <summary>A type-1 header of a PCI Express root or downstream port (see <see cref="PciHeader.InitializeBridge"/>).</summary>
        public bool ExpressPort { get; init; }
        /// <summary>The multi-function bit of the header type.</summary>
        public bool Multifunction { get; init; }
        /// <summary>Interrupt pin (0: none, 1: INTA# … 4: INTD#).</summary>
        public byte InterruptPin { get; init; }
        /// <summary>How capabilities without a fixed offset are placed and linked.</summary>
        public CapabilityPlacement Placement { get; init; } = CapabilityPlacement.Qemu;
        /// <summary>Standard capabilities, in the order they are added.</summary>
        public IReadOnlyList<CapabilityDeclaration> Capabilities { get; init; } = [];
        /// <summary>Extended capabilities, in list order.</summary>
        public IReadOnlyList<ExtendedCapabilityDeclaration> ExtendedCapabilities { get; init; } = [];
        /// <summary>Implemented BARs; unlisted ones read 0 and ignore writes.</summary>
        public IReadOnlyList<BarDeclaration> Bars { get; init; } = [];
        /// <summary>The expansion ROM BAR, or null for none.</summary>
        public ExpansionRomDeclaration? ExpansionRom { get; init; }
        /// <summary>
        /// Whether a type-1 header's I/O window can be programmed (default); false: the guest cannot write the I/O
        /// base/limit or the command register's I/O enable (QEMU's root port with <c>io-reserve=0</c>).
        /// </summary>
        public bool IoWindow { get; init; } = true;
        /// <summary>
        /// Whether a PCI Express port's windows read base = limit = 0 after reset (a switch port, which firmware finds
        /// without windows) rather than disabled with base above limit (a root port, see <see cref="PciHeader.InitializeBridge"/>).
        /// </summary>
        public bool WindowsOpenAtReset { get; init; }

        /// <summary>Builds the configuration space.</summary>
        /// <exception cref="PciConfigurationException">Capabilities or BARs collide, overflow, or need a PCI Express space.</exception>
        public RealizedPciFunction Realize()
        {
            var space = new ConfigSpace(Express ? ConfigSpace.ExpressSize : ConfigSpace.ConventionalSize);
            if (HeaderType == PciHeaderType.Bridge)
            {
                PciHeader.InitializeBridge(space, Identity, Multifunction, ExpressPort);
                if (ExpressPort && WindowsOpenAtReset)
                {
                    space.Values.Set8(PciRegisters.IoBase, (byte)(space.Values.Get8(PciRegisters.IoBase) & 0x0f));
                    space.Values.Clear16(PciRegisters.MemoryBase, 0xfff0);
                    space.Values.Clear16(PciRegisters.PrefetchableMemoryBase, 0xfff0);
                }
                if (!IoWindow) PciHeader.DisableIoWindow(space);
            }
            else PciHeader.InitializeEndpoint(space, Identity, Multifunction);
            space.Values.Set8(PciRegisters.InterruptPin, InterruptPin);

            IReadOnlyList<PlacedCapability> standard = RealizeCapabilities(space);
            IReadOnlyList<PlacedCapability> extended = RealizeExtendedCapabilities(space);
            RealizeBars(space);
            return new RealizedPciFunction(space, standard, extended, Bars, ExpansionRom, CreateMsixTable());
        }

        private IReadOnlyList<PlacedCapability> RealizeCapabilities(ConfigSpace space)
        {
            var layout = new CapabilityLayout(Placement);
            var offsets = new int[Capabilities.Count];
            for (int i = 0; i < offsets.Length; i++)
            {
                CapabilityDeclaration declaration = Capabilities[i];
                ArgumentNullException.ThrowIfNull(declaration.Capability);
                offsets[i] = layout.Add(declaration.Capability, declaration.Offset);
            }
            IReadOnlyList<PlacedCapability> list = layout.InListOrder();
            if (list.Count == 0) return list;

            space.Values.Set8(PciRegisters.CapabilityList, (byte)layout.ListHead);
            space.Values.Or16(PciRegisters.Status, PciRegisters.StatusCapabilityList);
            foreach (PlacedCapability placed in list)
            {
                space.Values.Set8(placed.Offset, (byte)placed.Id);
                space.Values.Set8(placed.Offset + 1, (byte)placed.Next);
            }
            // In add order, as QEMU initialises each capability right after pci_add_capability.
            for (int i = 0; i < offsets.Length; i++)
            {
                PciCapability capability = Capabilities[i].Capability;
                space.WriteMask.Fill(offsets[i], capability.Length, 0);
                space.CheckMask.Fill(offsets[i], capability.Length, 0xff);
                capability.Initialize(new CapabilityRegisters(space, offsets[i]));
                if (capability.CreateWriteObserver(offsets[i]) is IConfigWriteObserver observer) space.AddWriteObserver(observer);
            }
            return list;
        }

        private IReadOnlyList<PlacedCapability> RealizeExtendedCapabilities(ConfigSpace space)
        {
            if (ExtendedCapabilities.Count == 0) return [];
            if (!space.IsExpress)
                throw new PciConfigurationException("extended capability '" + ExtendedCapabilities[0].Capability.Name + "' needs a PCI Express (4 KiB) configuration space");
            var layout = new ExtendedCapabilityLayout();
            foreach (ExtendedCapabilityDeclaration declaration in ExtendedCapabilities)
            {
                ArgumentNullException.ThrowIfNull(declaration.Capability);
                layout.Add(declaration.Capability, declaration.Offset);
            }
            IReadOnlyList<PlacedCapability> list = layout.InListOrder();
            for (int i = 0; i < list.Count; i++)
            {
                PciExtendedCapability capability = ExtendedCapabilities[i].Capability;
                int offset = list[i].Offset;
                space.Values.Set32(offset, capability.Header(list[i].Next));
                space.WriteMask.Fill(offset, capability.Length, 0);
                space.WriteOneToClearMask.Fill(offset, capability.Length, 0);
                space.CheckMask.Fill(offset, capability.Length, 0xff);
                capability.Initialize(new CapabilityRegisters(space, offset));
            }
            return list;
        }

        private void RealizeBars(ConfigSpace space)
        {
            var used = new bool[6];
            foreach (BarDeclaration bar in Bars)
            {
                try
                {
                    bar.Validate(HeaderType);
                }
                catch (ArgumentException e)
                {
                    throw new PciConfigurationException(e.Message, e);
                }
                for (int i = bar.Index; i < bar.Index + bar.RegisterCount; i++)
                {
                    if (used[i]) throw new PciConfigurationException("BAR" + bar.Index + " (" + bar.Kind + ") overlaps another BAR at register " + i);
                    used[i] = true;
                }
                bar.ApplyTo(space, HeaderType);
            }
            if (ExpansionRom is ExpansionRomDeclaration rom)
            {
                try
                {
                    rom.ApplyTo(space, HeaderType);
                }
                catch (ArgumentException e)
                {
                    throw new PciConfigurationException(e.Message, e);
                }
            }
        }

        // The table of an MSI-X capability whose table and PBA share one declared memory BAR.
        private MsixTable? CreateMsixTable()
        {
            foreach (CapabilityDeclaration declaration in Capabilities)
            {
                if (declaration.Capability is not MsixCapability msix || msix.TableBar != msix.PbaBar) continue;
                foreach (BarDeclaration bar in Bars)
                {
                    if (bar.Index != msix.TableBar || bar.Kind == BarKind.Io) continue;
                    try
                    {
                        return new MsixTable(msix.Vectors, msix.TableOffset, msix.PbaOffset, bar.Size);
                    }
                    catch (ArgumentException e)
                    {
                        throw new PciConfigurationException(e.Message, e);
                    }
                }
            }
            return null;
        }
    }
}
