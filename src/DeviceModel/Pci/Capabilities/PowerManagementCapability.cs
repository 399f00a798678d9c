namespace DeviceModel.Pci
{
    /// <summary>
    /// PCI Power Management (ID 1, 8 bytes), as QEMU's virtio-pci adds it behind a PCI Express port: PMC from
    /// <see cref="Capabilities"/> (0x0003: version 1.2), and the PowerState field of PMCSR guest-writable when
    /// <see cref="PowerStateWritable"/> (QEMU's <c>x-pcie-pm-init</c>).
    /// </summary>
    public sealed class PowerManagementCapability : PciCapability
    {
        /// <summary>Capability ID.</summary>
        public const byte CapabilityId = 0x01;
        /// <summary>Length in bytes (<c>PCI_PM_SIZEOF</c>).</summary>
        public const int Size = 8;
        /// <summary>Offset of the capabilities register (PMC).</summary>
        public const int PmcOffset = 2;
        /// <summary>Offset of the control/status register (PMCSR).</summary>
        public const int ControlOffset = 4;
        /// <summary>PMCSR PowerState field (D0–D3hot).</summary>
        public const ushort PowerStateMask = 0x0003;

        /// <summary>Declares the capability.</summary>
        public PowerManagementCapability(ushort capabilities = 0x0003, bool powerStateWritable = true)
            : base(CapabilityId, "PM", Size)
        {
            Capabilities = capabilities;
            PowerStateWritable = powerStateWritable;
        }

        /// <summary>The PMC register value.</summary>
        public ushort Capabilities { get; }
        /// <summary>Whether the guest may write PMCSR's PowerState.</summary>
        public bool PowerStateWritable { get; }

        /// <inheritdoc/>
        protected internal override void Initialize(CapabilityRegisters registers)
        {
            registers.Values.Set16(PmcOffset, Capabilities);
            if (PowerStateWritable) registers.WriteMask.Set16(ControlOffset, PowerStateMask);
        }
    }
}
