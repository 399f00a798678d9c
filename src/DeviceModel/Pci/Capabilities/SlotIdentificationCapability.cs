namespace DeviceModel.Pci
{
    /// <summary>
    /// Slot Identification (ID 0x04, 4 bytes) of a bridge: expansion slots provided, First In Chassis, and the chassis
    /// number. Each bridge is its own chassis, so it is first in it. The chassis number stays writable so firmware can
    /// renumber chassis (QEMU's <c>slotid_cap_init</c>).
    /// </summary>
    [CapabilityLength(Size)]
    public sealed class SlotIdentificationCapability : PciCapability
    {
        /// <summary>Capability ID.</summary>
        public const byte CapabilityId = 0x04;
        /// <summary>Length in bytes.</summary>
        public const int Size = 4;
        /// <summary>Offset of the expansion slot register (slots provided, First In Chassis).</summary>
        public const int ExpansionSlotOffset = 2;
        /// <summary>Offset of the chassis number.</summary>
        public const int ChassisOffset = 3;
        /// <summary>First In Chassis bit of the expansion slot register.</summary>
        public const byte FirstInChassis = 0x20;

        /// <summary>Declares the capability.</summary>
        /// <param name="chassis">The chassis number (greater than 0).</param>
        /// <param name="slots">Expansion slots provided (0 to 31).</param>
        public SlotIdentificationCapability(byte chassis, byte slots = 0) : base(CapabilityId, "SLOTID", Size)
        {
            if (slots > 0x1f) throw new PciConfigurationException("slot identification: " + slots + " expansion slots, at most 31");
            Chassis = chassis;
            Slots = slots;
        }

        /// <summary>The chassis number.</summary>
        public byte Chassis { get; }
        /// <summary>Expansion slots provided.</summary>
        public byte Slots { get; }

        /// <inheritdoc/>
        protected internal override void Initialize(CapabilityRegisters registers)
        {
            registers.Values.Set8(ExpansionSlotOffset, (byte)(Slots | FirstInChassis));
            registers.CheckMask.Set8(ExpansionSlotOffset, 0xff);
            registers.Values.Set8(ChassisOffset, Chassis);
            registers.WriteMask.Set8(ChassisOffset, 0xff);
        }
    }
}
