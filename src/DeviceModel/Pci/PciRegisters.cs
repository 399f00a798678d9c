namespace DeviceModel.Pci
{
    /// <summary>Offsets of the registers in the first 64 bytes of a configuration space (both header types).</summary>
    public static class PciRegisters
    {
        /// <summary>Vendor ID (16 bits).</summary>
        public const int VendorId = 0x00;
        /// <summary>Device ID (16 bits).</summary>
        public const int DeviceId = 0x02;
        /// <summary>Command register (16 bits).</summary>
        public const int Command = 0x04;
        /// <summary>Status register (16 bits).</summary>
        public const int Status = 0x06;
        /// <summary>Revision ID (8 bits).</summary>
        public const int RevisionId = 0x08;
        /// <summary>Programming interface, the low byte of the class code.</summary>
        public const int ClassProgrammingInterface = 0x09;
        /// <summary>Sub-class and base class (16 bits).</summary>
        public const int ClassDevice = 0x0a;
        /// <summary>Cache line size (8 bits).</summary>
        public const int CacheLineSize = 0x0c;
        /// <summary>Latency timer (8 bits).</summary>
        public const int LatencyTimer = 0x0d;
        /// <summary>Header type (8 bits; bit 7 = multi-function).</summary>
        public const int HeaderType = 0x0e;
        /// <summary>Built-in self test (8 bits).</summary>
        public const int Bist = 0x0f;
        /// <summary>The first base address register.</summary>
        public const int Bar0 = 0x10;
        /// <summary>Subsystem vendor ID (type 0 only).</summary>
        public const int SubsystemVendorId = 0x2c;
        /// <summary>Subsystem ID (type 0 only).</summary>
        public const int SubsystemId = 0x2e;
        /// <summary>Expansion ROM base address (type 0).</summary>
        public const int RomAddress = 0x30;
        /// <summary>Pointer to the first capability.</summary>
        public const int CapabilityList = 0x34;
        /// <summary>Interrupt line (8 bits).</summary>
        public const int InterruptLine = 0x3c;
        /// <summary>Interrupt pin (8 bits; 1 = INTA#).</summary>
        public const int InterruptPin = 0x3d;
        /// <summary>Min_Gnt (type 0).</summary>
        public const int MinGnt = 0x3e;
        /// <summary>Max_Lat (type 0).</summary>
        public const int MaxLat = 0x3f;
        /// <summary>Size of the standard header: capabilities start here.</summary>
        public const int HeaderSize = 0x40;

        /// <summary>Primary bus number (type 1).</summary>
        public const int PrimaryBus = 0x18;
        /// <summary>Secondary bus number (type 1).</summary>
        public const int SecondaryBus = 0x19;
        /// <summary>Subordinate bus number (type 1).</summary>
        public const int SubordinateBus = 0x1a;
        /// <summary>Secondary latency timer (type 1).</summary>
        public const int SecondaryLatencyTimer = 0x1b;
        /// <summary>I/O base (type 1).</summary>
        public const int IoBase = 0x1c;
        /// <summary>I/O limit (type 1).</summary>
        public const int IoLimit = 0x1d;
        /// <summary>Secondary status (type 1).</summary>
        public const int SecondaryStatus = 0x1e;
        /// <summary>Memory base (type 1).</summary>
        public const int MemoryBase = 0x20;
        /// <summary>Memory limit (type 1).</summary>
        public const int MemoryLimit = 0x22;
        /// <summary>Prefetchable memory base (type 1).</summary>
        public const int PrefetchableMemoryBase = 0x24;
        /// <summary>Prefetchable memory limit (type 1).</summary>
        public const int PrefetchableMemoryLimit = 0x26;
        /// <summary>Prefetchable base, upper 32 bits (type 1).</summary>
        public const int PrefetchableBaseUpper32 = 0x28;
        /// <summary>Prefetchable limit, upper 32 bits (type 1).</summary>
        public const int PrefetchableLimitUpper32 = 0x2c;
        /// <summary>Expansion ROM base address (type 1).</summary>
        public const int BridgeRomAddress = 0x38;
        /// <summary>Bridge control (type 1, 16 bits).</summary>
        public const int BridgeControl = 0x3e;

        /// <summary>Command: I/O space enable.</summary>
        public const ushort CommandIo = 0x0001;
        /// <summary>Command: memory space enable.</summary>
        public const ushort CommandMemory = 0x0002;
        /// <summary>Command: bus master enable.</summary>
        public const ushort CommandMaster = 0x0004;
        /// <summary>Command: SERR# enable.</summary>
        public const ushort CommandSerr = 0x0100;
        /// <summary>Command: INTx emulation disable.</summary>
        public const ushort CommandIntxDisable = 0x0400;

        /// <summary>Status: capability list present.</summary>
        public const ushort StatusCapabilityList = 0x0010;
        /// <summary>Status: 66 MHz capable.</summary>
        public const ushort Status66MHz = 0x0020;
        /// <summary>Status: fast back-to-back capable.</summary>
        public const ushort StatusFastBackToBack = 0x0080;
        /// <summary>Status bits that are write-1-to-clear in QEMU (<c>pci_init_w1cmask</c>): master data parity error,
        /// signalled/received target abort, received master abort, signalled system error, detected parity error.</summary>
        public const ushort StatusWriteOneToClear = 0x0100 | 0x0800 | 0x1000 | 0x2000 | 0x4000 | 0x8000;

        /// <summary>The offset of BAR <paramref name="index"/>.</summary>
        public static int Bar(int index) => Bar0 + 4 * index;
    }
}
