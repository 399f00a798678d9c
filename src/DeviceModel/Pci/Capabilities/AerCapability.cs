namespace DeviceModel.Pci
{
    /// <summary>
    /// Advanced Error Reporting (extended ID 1, version 2, 0x48 bytes) as QEMU 7.2's <c>pcie_aer_init</c> sets it up for
    /// an endpoint without a header log: uncorrectable status W1C, default severities and correctable mask writable,
    /// ECRC generation/check capable with their enables writable. (The uncorrectable mask is left read-only 0: QEMU
    /// 8.0 changed that behind <c>x-pcie-err-unc-mask</c>.)
    /// </summary>
    [CapabilityLength(SizeWithoutPrefixLogTail, Size)]
    public sealed class AerCapability : PciExtendedCapability
    {
        /// <summary>Extended capability ID.</summary>
        public const ushort CapabilityId = 0x0001;
        /// <summary>Length in bytes (<c>PCI_ERR_SIZEOF</c>).</summary>
        public const int Size = 0x48;
        /// <summary>Uncorrectable error status.</summary>
        public const int UncorrectableStatusOffset = 0x04;
        /// <summary>Uncorrectable error severity.</summary>
        public const int UncorrectableSeverityOffset = 0x0c;
        /// <summary>Correctable error status.</summary>
        public const int CorrectableStatusOffset = 0x10;
        /// <summary>Correctable error mask.</summary>
        public const int CorrectableMaskOffset = 0x14;
        /// <summary>Advanced error capabilities and control.</summary>
        public const int CapabilitiesOffset = 0x18;
        /// <summary>Uncorrectable errors QEMU supports (<c>PCI_ERR_UNC_SUPPORTED</c>).</summary>
        public const uint UncorrectableSupported = 0x03ff_f030;
        /// <summary>Default severities (<c>PCI_ERR_UNC_SEVERITY_DEFAULT</c>).</summary>
        public const uint UncorrectableSeverityDefault = 0x0046_2030;
        /// <summary>Correctable errors QEMU supports (<c>PCI_ERR_COR_SUPPORTED</c>).</summary>
        public const uint CorrectableSupported = 0x0000_f1c1;
        /// <summary>Default correctable mask (<c>PCI_ERR_COR_MASK_DEFAULT</c>).</summary>
        public const uint CorrectableMaskDefault = 0x0000_e000;

        /// <summary>Root error command (root ports).</summary>
        public const int RootCommandOffset = 0x2c;
        /// <summary>Root error status (root ports).</summary>
        public const int RootStatusOffset = 0x30;

        /// <summary>Length up to the end of the TLP prefix log's first two dwords (0x40): what a device reserves when it
        /// places another extended capability over the rest of the log, as QEMU's e1000e puts its DSN at AER + 0x40.</summary>
        public const int SizeWithoutPrefixLogTail = 0x40;

        /// <summary>Declares the capability; <paramref name="multipleHeaderRecording"/> when the device keeps a header log
        /// (QEMU's <c>aer_log_max</c> &gt; 0), <paramref name="rootPort"/> for a root port's root error registers.
        /// <paramref name="length"/> is the span the capability reserves: <see cref="Size"/>, or
        /// <see cref="SizeWithoutPrefixLogTail"/> when the device overlays the last 8 bytes (which always read 0 and are
        /// read-only here) with another capability.</summary>
        /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="length"/> is neither.</exception>
        public AerCapability(bool multipleHeaderRecording = false, bool rootPort = false, int length = Size) : base(CapabilityId, 2, "AER", CheckLength(length))
        {
            MultipleHeaderRecording = multipleHeaderRecording;
            RootPort = rootPort;
        }

        private static int CheckLength(int length) => length is Size or SizeWithoutPrefixLogTail
            ? length
            : throw new System.ArgumentOutOfRangeException(nameof(length), length, "AER is 0x48 bytes, or 0x40 without the tail of its TLP prefix log");

        /// <summary>Multiple header recording capable (and its enable writable).</summary>
        public bool MultipleHeaderRecording { get; }

        /// <summary>Root error command enables writable and root error status W1C (QEMU's <c>pcie_aer_root_init</c>).</summary>
        public bool RootPort { get; }

        /// <inheritdoc/>
        protected internal override void Initialize(CapabilityRegisters registers)
        {
            ConfigBytes v = registers.Values, w = registers.WriteMask, w1c = registers.WriteOneToClearMask;
            w1c.Set32(UncorrectableStatusOffset, UncorrectableSupported);
            v.Set32(UncorrectableSeverityOffset, UncorrectableSeverityDefault);
            w.Set32(UncorrectableSeverityOffset, UncorrectableSupported);
            w1c.Or32(CorrectableStatusOffset, CorrectableSupported);
            v.Set32(CorrectableMaskOffset, CorrectableMaskDefault);
            w.Set32(CorrectableMaskOffset, CorrectableSupported);
            // ECRC generation (0x20) and check (0x80) capable; their enables 0x40 and 0x100; MHRC 0x200, MHRE 0x400.
            v.Set32(CapabilitiesOffset, MultipleHeaderRecording ? 0xa0u | 0x200u : 0xa0u);
            w.Set32(CapabilitiesOffset, MultipleHeaderRecording ? 0x140u | 0x400u : 0x140u);
            if (RootPort)
            {
                w.Set32(RootCommandOffset, 0x7);          // correctable, non-fatal, fatal reporting enables
                w1c.Set32(RootStatusOffset, 0x7f);        // the error received bits
                registers.CheckMask.Set32(RootStatusOffset, 0x07ff_ffff); // the interrupt message number is not checked
            }
        }
    }
}
