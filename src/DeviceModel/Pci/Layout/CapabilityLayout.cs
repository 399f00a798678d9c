using System;
using System.Collections.Generic;

namespace DeviceModel.Pci
{
    /// <summary>
    /// Allocates the standard capability area (0x40–0xff) one capability at a time, like QEMU's
    /// <c>pci_add_capability</c>/<c>pci_find_space</c>, and links the list by the <see cref="CapabilityPlacement"/>
    /// policy. Space is reserved in dword multiples. Misalignment, overlap and overflow throw
    /// <see cref="CapabilityLayoutException"/> naming the capability.
    /// </summary>
    public sealed class CapabilityLayout
    {
        /// <summary>First offset available to capabilities.</summary>
        public const int AreaStart = PciRegisters.HeaderSize;
        /// <summary>End (exclusive) of the standard capability area.</summary>
        public const int AreaEnd = ConfigSpace.ConventionalSize;

        private readonly byte[] _owner = new byte[AreaEnd];   // 0: free, else 1 + index into _added
        private readonly List<PlacedCapability> _added = new();
        private int _appendCursor = AreaStart;

        /// <summary>Creates an empty layout.</summary>
        public CapabilityLayout(CapabilityPlacement policy = CapabilityPlacement.Qemu) => Policy = policy;

        /// <summary>The placement and linking policy.</summary>
        public CapabilityPlacement Policy { get; }

        /// <summary>Number of capabilities placed.</summary>
        public int Count => _added.Count;

        /// <summary>Places <paramref name="capability"/> and returns its offset.</summary>
        /// <exception cref="CapabilityLayoutException">The capability does not fit.</exception>
        [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ in their first parameter's type, so no call is ambiguous; nothing has shipped yet.")]
        public int Add(PciCapability capability, int? offset = null)
        {
            ArgumentNullException.ThrowIfNull(capability);
            return Add(capability.Name, capability.Id, capability.Length, offset);
        }

        /// <summary>Places a capability of <paramref name="length"/> bytes and returns its offset.</summary>
        /// <exception cref="CapabilityLayoutException">The capability does not fit.</exception>
        [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ in their first parameter's type, so no call is ambiguous; nothing has shipped yet.")]
        public int Add(string name, byte id, int length, int? offset = null)
        {
            ArgumentException.ThrowIfNullOrEmpty(name);
            if (_added.Count >= byte.MaxValue - 1) throw new CapabilityLayoutException(name, "too many capabilities: '" + name + "' would be number " + (_added.Count + 1));
            if (length < 2) throw new CapabilityLayoutException(name, "capability '" + name + "' is " + length + " bytes long: it cannot hold its ID and next pointer");
            int at = offset is int fixedOffset ? CheckFixed(name, fixedOffset, length) : FindSpace(name, length);
            int reserved = Math.Min(AlignUp(length), AreaEnd - at);
            _owner.AsSpan(at, reserved).Fill((byte)(_added.Count + 1));
            _added.Add(new PlacedCapability(name, id, at, length, 0));
            if (Policy == CapabilityPlacement.Append) _appendCursor = Math.Max(_appendCursor, at + reserved);
            return at;
        }

        /// <summary>The capability pointer (0x34): the first capability of the list, or 0 when there is none.</summary>
        public int ListHead => _added.Count == 0 ? 0 : Policy == CapabilityPlacement.Qemu ? _added[^1].Offset : _added[0].Offset;

        /// <summary>The capabilities in list order, each with the offset of the next.</summary>
        public IReadOnlyList<PlacedCapability> InListOrder()
        {
            var list = new PlacedCapability[_added.Count];
            for (int i = 0; i < list.Length; i++)
                list[i] = _added[Policy == CapabilityPlacement.Qemu ? _added.Count - 1 - i : i];
            for (int i = 0; i < list.Length; i++)
                list[i] = list[i] with { Next = i + 1 < list.Length ? list[i + 1].Offset : 0 };
            return list;
        }

        /// <summary>The capabilities in the order they were added.</summary>
        public IReadOnlyList<PlacedCapability> InAddOrder() => _added;

        private int CheckFixed(string name, int offset, int length)
        {
            if ((offset & 3) != 0)
                throw new CapabilityLayoutException(name, "capability '" + name + "' at 0x" + offset.ToString("x") + " is not dword aligned");
            if (offset < AreaStart)
                throw new CapabilityLayoutException(name, "capability '" + name + "' at 0x" + offset.ToString("x") + " overlaps the standard header (capabilities start at 0x40)");
            if (offset + length > AreaEnd)
                throw new CapabilityLayoutException(name, "capability '" + name + "' (" + length + " bytes) at 0x" + offset.ToString("x") + " runs past the end of the configuration space at 0xff");
            for (int i = offset; i < offset + length; i++)
            {
                if (_owner[i] == 0) continue;
                PlacedCapability other = _added[_owner[i] - 1];
                throw new CapabilityLayoutException(name, "capability '" + name + "' (" + length + " bytes) at 0x" + offset.ToString("x") + " overlaps capability '" + other.Name + "' at 0x" + other.Offset.ToString("x"));
            }
            return offset;
        }

        // pci_find_space: the first run of `length` free bytes; with the append policy, only after the previous capability.
        private int FindSpace(string name, int length)
        {
            int start = Policy == CapabilityPlacement.Append ? _appendCursor : AreaStart;
            int candidate = start;
            for (int i = start; i < AreaEnd; i++)
            {
                if (_owner[i] != 0) candidate = i + 1;
                else if (i - candidate + 1 == length) return candidate;
            }
            throw new CapabilityLayoutException(name, "no room for capability '" + name + "' (" + length + " bytes): the capability area 0x40-0xff is full from 0x" + start.ToString("x"));
        }

        private static int AlignUp(int length) => (length + 3) & ~3;
    }
}
