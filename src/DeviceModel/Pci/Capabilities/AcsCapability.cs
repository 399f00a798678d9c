namespace DeviceModel.Pci
{
    /// <summary>
    /// Access Control Services (extended ID 0xD, version 1, 8 bytes) as QEMU's <c>pcie_acs_init</c>: the ACS Capability
    /// register lists the controls the port implements and exactly those are writable in ACS Control, which resets to 0.
    /// </summary>
    [CapabilityLength(Size)]
    public sealed class AcsCapability : PciExtendedCapability
    {
        /// <summary>Extended capability ID.</summary>
        public const ushort CapabilityId = 0x000d;
        /// <summary>Length in bytes (<c>PCI_ACS_SIZEOF</c>).</summary>
        public const int Size = 8;
        /// <summary>ACS Capability register.</summary>
        public const int CapabilityOffset = 4;
        /// <summary>ACS Control register.</summary>
        public const int ControlOffset = 6;
        /// <summary>What a downstream or root port implements: source validation, translation blocking, P2P request
        /// redirect, P2P completion redirect, upstream forwarding and direct translated P2P (0x005f).</summary>
        public const ushort DownstreamPortControls = 0x0001 | 0x0002 | 0x0004 | 0x0008 | 0x0010 | 0x0040;

        /// <summary>Declares the capability with <paramref name="controls"/> implemented.</summary>
        public AcsCapability(ushort controls) : base(CapabilityId, 1, "ACS", Size) => Controls = controls;

        /// <summary>The ACS of a downstream or root port (<see cref="DownstreamPortControls"/>).</summary>
        public static AcsCapability DownstreamPort() => new(DownstreamPortControls);

        /// <summary>The implemented controls.</summary>
        public ushort Controls { get; }

        /// <inheritdoc/>
        protected internal override void Initialize(CapabilityRegisters registers)
        {
            registers.Values.Set16(CapabilityOffset, Controls);
            registers.WriteMask.Set16(ControlOffset, Controls);
        }
    }
}
