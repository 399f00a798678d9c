namespace DeviceModel.Pci
{
    /// <summary>How capabilities without an explicit offset are placed and linked.</summary>
    public enum CapabilityPlacement
    {
        /// <summary>
        /// QEMU's <c>pci_add_capability</c>: the lowest free offset from 0x40 where the capability fits (offsets stay
        /// dword aligned because space is reserved in dword multiples), and each new capability is prepended to the
        /// list, so the capability pointer names the newest.
        /// </summary>
        Qemu,
        /// <summary>Each capability at the next free dword-aligned offset after the previous one, linked in declaration order.</summary>
        Append,
    }

    /// <summary>A standard capability and, optionally, the offset it must occupy.</summary>
    /// <param name="Capability">The capability.</param>
    /// <param name="Offset">A fixed offset (dword aligned, 0x40–0xfc), or null to let the placement policy choose.</param>
    public readonly record struct CapabilityDeclaration(PciCapability Capability, int? Offset = null);

    /// <summary>An extended capability and, optionally, the offset it must occupy.</summary>
    /// <param name="Capability">The capability.</param>
    /// <param name="Offset">A fixed offset (dword aligned, 0x100–0xffc), or null for the next free offset after the previous one.</param>
    public readonly record struct ExtendedCapabilityDeclaration(PciExtendedCapability Capability, int? Offset = null);

    /// <summary>Where a capability landed and what follows it in its list.</summary>
    /// <param name="Name">The capability's name.</param>
    /// <param name="Id">Capability ID (8 bits standard, 16 bits extended).</param>
    /// <param name="Offset">Absolute offset.</param>
    /// <param name="Length">Length in bytes.</param>
    /// <param name="Next">Offset of the next capability in the list, 0 at the end.</param>
    public readonly record struct PlacedCapability(string Name, int Id, int Offset, int Length, int Next)
    {
        /// <inheritdoc/>
        public override string ToString() => "0x" + Offset.ToString("x2") + ":" + Name + "(" + Length + ")";
    }
}
