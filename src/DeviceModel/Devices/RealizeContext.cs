namespace DeviceModel
{
    /// <summary>The kind of bus a PCI device sits on.</summary>
    public enum BusKind
    {
        /// <summary>A conventional PCI root bus (i440fx's <c>pci.0</c>).</summary>
        ConventionalRoot,
        /// <summary>A PCI Express root complex bus (q35's <c>pcie.0</c>): devices there are integrated endpoints.</summary>
        ExpressRoot,
        /// <summary>Behind a PCI Express root port: devices get their PCI Express personality.</summary>
        ExpressPort,
        /// <summary>Behind a conventional PCI-to-PCI bridge: devices are conventional PCI functions, on any machine.</summary>
        ConventionalBridge,
    }

    /// <summary>What a device may look at when deciding its "auto" options and building its config space.</summary>
    /// <param name="Machine">The machine type.</param>
    /// <param name="Bus">The bus the device sits on.</param>
    /// <param name="Smp">Number of vCPUs.</param>
    /// <param name="Address">The device's slot and function.</param>
    /// <param name="Session">State shared by the devices of one machine (MAC address allocation).</param>
    public sealed record RealizeContext(MachineType Machine, BusKind Bus, int Smp, PciAddress Address, RealizeSession Session)
    {
        /// <summary>Whether the device sits behind a PCI Express port.</summary>
        public bool IsPciExpress => Bus == BusKind.ExpressPort;

        /// <summary>
        /// The host-side inputs of a virtio device (<see cref="VirtioBackendInputAttribute"/>), which its
        /// <see cref="VirtioCheckAttribute"/>s and <see cref="VirtioPciDevice.DescribeVirtio"/> read; null: every declared
        /// default (the reference setup).
        /// </summary>
        public Virtio.VirtioBackend? Backend { get; init; }
    }

    /// <summary>Machine-wide state of one resolution, shared by its devices in config order.</summary>
    public sealed class RealizeSession
    {
        private readonly System.Collections.Generic.HashSet<ulong> _reserved = new();
        private int _macIndex;

        /// <summary>Creates the state of one resolution for a product shipping <paramref name="romImages"/>.</summary>
        public RealizeSession(System.Collections.Generic.IReadOnlyDictionary<string, uint> romImages)
        {
            System.ArgumentNullException.ThrowIfNull(romImages);
            RomImages = romImages;
        }

        /// <summary>ROM BAR size of each option ROM image the product ships, by file name (a device's <c>romfile</c> default sizes its ROM BAR from it).</summary>
        public System.Collections.Generic.IReadOnlyDictionary<string, uint> RomImages { get; }

        /// <summary>
        /// QEMU's default MAC for a NIC without one: 52:54:00:12:34:56, then :57, … in the order NICs are realized.
        /// </summary>
        public MacAddress NextDefaultMac()
        {
            MacAddress mac;
            do
            {
                mac = new MacAddress(0x5254_0012_3456UL + (ulong)_macIndex++);
            }
            while (!_reserved.Add(mac.Value));
            return mac;
        }

        /// <summary>Marks a MAC as taken (given in the config or a hints record), so defaults skip it.</summary>
        public void ReserveMac(MacAddress mac) => _reserved.Add(mac.Value);
    }
}
