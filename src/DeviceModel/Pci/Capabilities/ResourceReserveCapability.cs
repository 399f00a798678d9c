using System;
using System.Buffers.Binary;

namespace DeviceModel.Pci
{
    /// <summary>
    /// QEMU's Red Hat vendor-specific RESOURCE_RESERVE capability (32 bytes, <c>pci_bridge_qemu_reserve_cap_init</c>):
    /// tells firmware how many buses and how much I/O and memory to reserve behind a bridge for devices plugged later.
    /// All-ones in a field means "no reservation asked". Read-only.
    /// </summary>
    [CapabilityLength(Size)]
    public sealed class ResourceReserveCapability : VendorSpecificCapability
    {
        /// <summary>Length in bytes (<c>sizeof(PCIBridgeQemuCap)</c>).</summary>
        public const int Size = 32;
        /// <summary>The Red Hat capability type (<c>REDHAT_PCI_CAP_RESOURCE_RESERVE</c>).</summary>
        public const byte RedHatType = 1;

        /// <summary>Declares the capability; all-ones fields reserve nothing.</summary>
        public ResourceReserveCapability(uint buses, ulong io, uint memory, uint prefetchable32, ulong prefetchable64)
            : base("RESOURCE_RESERVE", BuildBody(buses, io, memory, prefetchable32, prefetchable64))
        {
            Buses = buses;
            Io = io;
            Memory = memory;
            Prefetchable32 = prefetchable32;
            Prefetchable64 = prefetchable64;
        }

        /// <summary>Secondary buses to reserve.</summary>
        public uint Buses { get; }
        /// <summary>I/O bytes to reserve.</summary>
        public ulong Io { get; }
        /// <summary>Non-prefetchable memory bytes to reserve.</summary>
        public uint Memory { get; }
        /// <summary>32-bit prefetchable memory bytes to reserve.</summary>
        public uint Prefetchable32 { get; }
        /// <summary>64-bit prefetchable memory bytes to reserve.</summary>
        public ulong Prefetchable64 { get; }

        // From byte 3: type, bus_res, io, mem, mem_pref_32, mem_pref_64 (QEMU's PCIBridgeQemuCap, packed).
        private static byte[] BuildBody(uint buses, ulong io, uint memory, uint prefetchable32, ulong prefetchable64)
        {
            var body = new byte[Size - BodyOffset];
            Span<byte> at = body.AsSpan();
            body[0] = RedHatType;
            BinaryPrimitives.WriteUInt32LittleEndian(at.Slice(4 - BodyOffset), buses);
            BinaryPrimitives.WriteUInt64LittleEndian(at.Slice(8 - BodyOffset), io);
            BinaryPrimitives.WriteUInt32LittleEndian(at.Slice(16 - BodyOffset), memory);
            BinaryPrimitives.WriteUInt32LittleEndian(at.Slice(20 - BodyOffset), prefetchable32);
            BinaryPrimitives.WriteUInt64LittleEndian(at.Slice(24 - BodyOffset), prefetchable64);
            return body;
        }
    }
}
