namespace DeviceModel.Pci
{
    /// <summary>
    /// PCI Power Management (ID 1, 8 bytes), as QEMU's virtio-pci adds it behind a PCI Express port: PMC from
    /// <see cref="Capabilities"/> (0x0003: version 1.2), and the PowerState field of PMCSR guest-writable when
    /// <see cref="PowerStateWritable"/> (QEMU's <c>x-pcie-pm-init</c>).
    /// </summary>
    [CapabilityLength(Size)]
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
        /// <summary>PMCSR PME_En.</summary>
        public const ushort PmeEnableBit = 0x0100;
        /// <summary>PMCSR Data_Select field.</summary>
        public const ushort DataSelectMask = 0x1e00;
        /// <summary>PMCSR PME_Status (write 1 to clear).</summary>
        public const ushort PmeStatusBit = 0x8000;

        /// <summary>Declares the capability.</summary>
        public PowerManagementCapability(ushort capabilities = 0x0003, bool powerStateWritable = true)
            : base(CapabilityId, "PM", Size)
        {
            Capabilities = capabilities;
            PowerStateWritable = powerStateWritable;
        }

        /// <summary>
        /// A PM capability whose PMCSR is a NIC's (QEMU's e1000e: <c>e1000e_add_pm_capability</c>): PowerState, PME_En and
        /// Data_Select writable, PME_Status write-1-to-clear.
        /// </summary>
        public static PowerManagementCapability WithPme(ushort capabilities) => new(capabilities) { PmeControl = true };

        /// <summary>PME_En and Data_Select writable and PME_Status W1C, besides PowerState.</summary>
        public bool PmeControl { get; private init; }

        /// <summary>The PMC register value.</summary>
        public ushort Capabilities { get; }
        /// <summary>Whether the guest may write PMCSR's PowerState.</summary>
        public bool PowerStateWritable { get; }

        /// <inheritdoc/>
        protected internal override void Initialize(CapabilityRegisters registers)
        {
            registers.Values.Set16(PmcOffset, Capabilities);
            if (PowerStateWritable) registers.WriteMask.Set16(ControlOffset, PowerStateMask);
            if (PmeControl)
            {
                registers.WriteMask.Or16(ControlOffset, PmeEnableBit | DataSelectMask);
                registers.WriteOneToClearMask.Set16(ControlOffset, PmeStatusBit);
            }
        }
    }
}
