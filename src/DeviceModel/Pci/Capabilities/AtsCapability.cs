namespace DeviceModel.Pci
{
    /// <summary>
    /// Address Translation Services (extended ID 0xF, version 1, 8 bytes) as QEMU's <c>pcie_ats_init</c>: invalidate
    /// queue depth 0, page-aligned requests when <see cref="PageAligned"/> (<c>x-ats-page-aligned</c>), disabled, with
    /// Enable and Smallest Translation Unit writable.
    /// </summary>
    [CapabilityLength(Size)]
    public sealed class AtsCapability : PciExtendedCapability
    {
        /// <summary>Extended capability ID.</summary>
        public const ushort CapabilityId = 0x000f;
        /// <summary>Length in bytes (<c>PCI_EXT_CAP_ATS_SIZEOF</c>).</summary>
        public const int Size = 8;
        /// <summary>ATS Capability register.</summary>
        public const int CapabilityOffset = 4;
        /// <summary>ATS Control register.</summary>
        public const int ControlOffset = 6;

        /// <summary>Declares the capability.</summary>
        public AtsCapability(bool pageAligned) : base(CapabilityId, 1, "ATS", Size) => PageAligned = pageAligned;

        /// <summary>Page Aligned Request bit.</summary>
        public bool PageAligned { get; }

        /// <inheritdoc/>
        protected internal override void Initialize(CapabilityRegisters registers)
        {
            if (PageAligned) registers.Values.Set16(CapabilityOffset, 0x0020);
            registers.Values.Set16(ControlOffset, 0);
            registers.WriteMask.Set16(ControlOffset, 0x800f);
        }
    }
}
