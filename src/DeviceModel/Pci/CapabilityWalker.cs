using System.Collections.Generic;

namespace DeviceModel.Pci
{
    /// <summary>A capability found by walking a list in a configuration space.</summary>
    /// <param name="Offset">Where its header is.</param>
    /// <param name="Id">Capability ID (8 bits standard, 16 bits extended).</param>
    /// <param name="Version">Extended capabilities: the 4-bit version; 0 for standard ones.</param>
    /// <param name="Next">The next pointer in its header.</param>
    public readonly record struct FoundCapability(int Offset, int Id, int Version, int Next);

    /// <summary>
    /// Walks the capability lists the way a guest driver does, from the capability pointer (0x34) and from 0x100,
    /// through guest reads only. A loop or a pointer outside the area ends the walk.
    /// </summary>
    public static class CapabilityWalker
    {
        /// <summary>The standard list, when the status register's capability-list bit is set.</summary>
        public static IReadOnlyList<FoundCapability> Standard(ConfigSpace space)
        {
            var found = new List<FoundCapability>();
            if ((space.Read16(PciRegisters.Status) & PciRegisters.StatusCapabilityList) == 0) return found;
            var seen = new HashSet<int>();
            int offset = space.Read8(PciRegisters.CapabilityList) & 0xfc;
            while (offset >= PciRegisters.HeaderSize && seen.Add(offset))
            {
                ushort header = space.Read16(offset);
                int next = header >> 8 & 0xfc;
                found.Add(new FoundCapability(offset, header & 0xff, 0, next));
                offset = next;
            }
            return found;
        }

        /// <summary>The extended list from 0x100 (empty for a conventional space or a null header).</summary>
        public static IReadOnlyList<FoundCapability> Extended(ConfigSpace space)
        {
            var found = new List<FoundCapability>();
            if (!space.IsExpress) return found;
            var seen = new HashSet<int>();
            int offset = ConfigSpace.ConventionalSize;
            while (offset >= ConfigSpace.ConventionalSize && offset <= ConfigSpace.ExpressSize - 4 && seen.Add(offset))
            {
                uint header = space.Read32(offset);
                if (header == 0 || header == uint.MaxValue) break;
                int next = (int)(header >> 20) & 0xffc;
                found.Add(new FoundCapability(offset, (int)(header & 0xffff), (int)(header >> 16 & 0xf), next));
                offset = next;
            }
            return found;
        }
    }
}
