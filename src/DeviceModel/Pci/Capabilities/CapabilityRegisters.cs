namespace DeviceModel.Pci
{
    /// <summary>
    /// A capability's window into the configuration space: the four layers addressed relative to the capability's
    /// offset, so a capability writes its registers at the offsets its specification gives.
    /// </summary>
    public readonly struct CapabilityRegisters
    {
        internal CapabilityRegisters(ConfigSpace space, int offset)
        {
            Space = space;
            Offset = offset;
        }

        /// <summary>The whole space (for capabilities whose effects reach outside their own bytes).</summary>
        public ConfigSpace Space { get; }
        /// <summary>The capability's absolute offset.</summary>
        public int Offset { get; }
        /// <summary>Register values from the capability's first byte.</summary>
        public ConfigBytes Values => Space.Values.Slice(Offset);
        /// <summary>Writable bits from the capability's first byte.</summary>
        public ConfigBytes WriteMask => Space.WriteMask.Slice(Offset);
        /// <summary>Write-1-to-clear bits from the capability's first byte.</summary>
        public ConfigBytes WriteOneToClearMask => Space.WriteOneToClearMask.Slice(Offset);
        /// <summary>Checked bits from the capability's first byte.</summary>
        public ConfigBytes CheckMask => Space.CheckMask.Slice(Offset);
    }
}
