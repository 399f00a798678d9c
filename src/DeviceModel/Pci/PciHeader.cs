namespace DeviceModel.Pci
{
    /// <summary>
    /// Initialises the standard header of a fresh configuration space as QEMU's <c>do_pci_register_device</c> does
    /// (<c>pci_init_cmask</c>, <c>pci_init_wmask</c>, <c>pci_init_w1cmask</c>, and for bridges
    /// <c>pci_init_mask_bridge</c> and <c>pci_bridge_initfn</c>).
    /// </summary>
    public static class PciHeader
    {
        /// <summary>The command bits QEMU lets the guest write: I/O, memory, bus master, SERR#, INTx disable (0x0507).</summary>
        public const ushort WritableCommandBits = PciRegisters.CommandIo | PciRegisters.CommandMemory | PciRegisters.CommandMaster
            | PciRegisters.CommandSerr | PciRegisters.CommandIntxDisable;

        /// <summary>Bridge control bits QEMU lets the guest write (parity, SERR, ISA, VGA, VGA 16-bit, master abort,
        /// bus reset, fast back-to-back, both discard timers, discard SERR).</summary>
        public const ushort WritableBridgeControlBits = 0x0bff;

        /// <summary>Bridge control bits a PCI Express port lets the guest write: parity, SERR, ISA, VGA, VGA 16-bit and
        /// bus reset; the rest "does not apply to PCI Express and must be hardwired to 0" (QEMU's <c>pcie_port_init_reg</c>).</summary>
        public const ushort ExpressPortWritableBridgeControlBits = 0x005f;

        /// <summary>
        /// Type 0 header: identity, subsystem, header type, and QEMU's default masks: command 0x0507, cache line size and
        /// interrupt line writable, status error bits write-1-to-clear, and every byte after the header writable
        /// (QEMU makes the capability area guest-writable until a capability claims it).
        /// </summary>
        public static void InitializeEndpoint(ConfigSpace space, in PciIdentity identity, bool multifunction = false)
        {
            InitializeCommon(space, identity);
            ConfigBytes v = space.Values;
            v.Set16(PciRegisters.SubsystemVendorId, identity.SubsystemVendorId);
            v.Set16(PciRegisters.SubsystemId, identity.SubsystemId);
            v.Set8(PciRegisters.HeaderType, (byte)(multifunction ? 0x80 : 0x00));
        }

        /// <summary>
        /// Makes a bridge's I/O window unprogrammable: I/O base/limit and the command register's I/O enable read-only
        /// (QEMU's gen_rp_realize when the root port reserves no I/O, <c>io-reserve=0</c>).
        /// </summary>
        public static void DisableIoWindow(ConfigSpace space)
        {
            System.ArgumentNullException.ThrowIfNull(space);
            ConfigBytes w = space.WriteMask;
            w.Set16(PciRegisters.Command, (ushort)(w.Get16(PciRegisters.Command) & ~PciRegisters.CommandIo));
            w.Set8(PciRegisters.IoBase, 0);
            w.Set8(PciRegisters.IoLimit, 0);
        }

        /// <summary>
        /// Type 1 header: identity (the class code is forced to PCI bridge 0x0604 as QEMU's <c>pci_bridge_initfn</c>),
        /// 66 MHz and fast back-to-back in status and secondary status, 16-bit I/O and 64-bit prefetchable windows, and the
        /// bridge masks: bus numbers and secondary latency timer, windows, upper-32 prefetchable registers and bridge
        /// control writable.
        /// <para>With <paramref name="expressPort"/>, a PCI Express root or downstream port as QEMU's
        /// <c>pcie_port_init_reg</c> and the port's reset leave it: no 66 MHz or fast back-to-back (they do not apply to
        /// PCI Express), only <see cref="ExpressPortWritableBridgeControlBits"/> writable, and every window disabled
        /// (base above limit, <c>pci_bridge_disable_base_limit</c>).</para>
        /// </summary>
        public static void InitializeBridge(ConfigSpace space, in PciIdentity identity, bool multifunction = false, bool expressPort = false)
        {
            InitializeCommon(space, identity with { ClassCode = 0x060400 });
            ConfigBytes v = space.Values, w = space.WriteMask, w1c = space.WriteOneToClearMask, c = space.CheckMask;
            v.Set8(PciRegisters.HeaderType, (byte)(multifunction ? 0x81 : 0x01));

            // pci_init_mask_bridge
            w.Fill(PciRegisters.PrimaryBus, 4, 0xff);
            w.Set8(PciRegisters.IoBase, 0xf0);
            w.Set8(PciRegisters.IoLimit, 0xf0);
            w.Set16(PciRegisters.MemoryBase, 0xfff0);
            w.Set16(PciRegisters.MemoryLimit, 0xfff0);
            w.Set16(PciRegisters.PrefetchableMemoryBase, 0xfff0);
            w.Set16(PciRegisters.PrefetchableMemoryLimit, 0xfff0);
            w.Fill(PciRegisters.PrefetchableBaseUpper32, 8, 0xff);
            v.Or16(PciRegisters.PrefetchableMemoryBase, 0x0001);
            v.Or16(PciRegisters.PrefetchableMemoryLimit, 0x0001);
            w.Set16(PciRegisters.BridgeControl, WritableBridgeControlBits);
            w1c.Set16(PciRegisters.BridgeControl, 0x0400);
            c.Set8(PciRegisters.IoBase, (byte)(c.Get8(PciRegisters.IoBase) | 0x0f));
            c.Set8(PciRegisters.IoLimit, (byte)(c.Get8(PciRegisters.IoLimit) | 0x0f));
            c.Or16(PciRegisters.PrefetchableMemoryBase, 0x000f);
            c.Or16(PciRegisters.PrefetchableMemoryLimit, 0x000f);

            if (expressPort)
            {
                // pcie_port_init_reg, then the reset's pci_bridge_disable_base_limit.
                w.Set16(PciRegisters.BridgeControl, ExpressPortWritableBridgeControlBits);
                v.Set8(PciRegisters.IoBase, (byte)(v.Get8(PciRegisters.IoBase) | 0xf0));
                v.Or16(PciRegisters.MemoryBase, 0xfff0);
                v.Or16(PciRegisters.PrefetchableMemoryBase, 0xfff0);
                return;
            }

            // pci_bridge_initfn
            v.Or16(PciRegisters.Status, PciRegisters.Status66MHz | PciRegisters.StatusFastBackToBack);
            v.Set16(PciRegisters.SecondaryStatus, PciRegisters.Status66MHz | PciRegisters.StatusFastBackToBack);
        }

        private static void InitializeCommon(ConfigSpace space, in PciIdentity identity)
        {
            ConfigBytes v = space.Values, w = space.WriteMask, w1c = space.WriteOneToClearMask, c = space.CheckMask;
            v.Set16(PciRegisters.VendorId, identity.VendorId);
            v.Set16(PciRegisters.DeviceId, identity.DeviceId);
            v.Set8(PciRegisters.RevisionId, identity.Revision);
            v.Set8(PciRegisters.ClassProgrammingInterface, (byte)identity.ClassCode);
            v.Set16(PciRegisters.ClassDevice, (ushort)(identity.ClassCode >> 8));

            // pci_init_cmask
            c.Set16(PciRegisters.VendorId, 0xffff);
            c.Set16(PciRegisters.DeviceId, 0xffff);
            c.Set8(PciRegisters.Status, (byte)PciRegisters.StatusCapabilityList);
            c.Set8(PciRegisters.RevisionId, 0xff);
            c.Set8(PciRegisters.ClassProgrammingInterface, 0xff);
            c.Set16(PciRegisters.ClassDevice, 0xffff);
            c.Set8(PciRegisters.HeaderType, 0xff);
            c.Set8(PciRegisters.CapabilityList, 0xff);

            // pci_init_wmask
            w.Set8(PciRegisters.CacheLineSize, 0xff);
            w.Set8(PciRegisters.InterruptLine, 0xff);
            w.Set16(PciRegisters.Command, WritableCommandBits);
            w.Fill(PciRegisters.HeaderSize, space.Size - PciRegisters.HeaderSize, 0xff);

            // pci_init_w1cmask
            w1c.Set16(PciRegisters.Status, PciRegisters.StatusWriteOneToClear);
        }
    }
}
