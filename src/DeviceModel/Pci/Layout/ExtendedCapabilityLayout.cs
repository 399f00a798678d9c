using System;
using System.Collections.Generic;

namespace DeviceModel.Pci
{
    /// <summary>
    /// Allocates the PCI Express extended capability area (0x100–0xfff) as QEMU's <c>pcie_add_capability</c>: the
    /// list starts at 0x100 and is chained in the order capabilities are added; a capability without an explicit
    /// offset goes right after the previous one (dword aligned).
    /// </summary>
    public sealed class ExtendedCapabilityLayout
    {
        /// <summary>Where the extended list starts.</summary>
        public const int AreaStart = ConfigSpace.ConventionalSize;
        /// <summary>End (exclusive) of the extended area.</summary>
        public const int AreaEnd = ConfigSpace.ExpressSize;

        private readonly List<PlacedCapability> _added = new();
        private int _cursor = AreaStart;

        /// <summary>Number of capabilities placed.</summary>
        public int Count => _added.Count;

        /// <summary>Places <paramref name="capability"/> and returns its offset.</summary>
        /// <exception cref="CapabilityLayoutException">The capability does not fit.</exception>
        [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ in their first parameter's type, so no call is ambiguous; nothing has shipped yet.")]
        public int Add(PciExtendedCapability capability, int? offset = null)
        {
            ArgumentNullException.ThrowIfNull(capability);
            return Add(capability.Name, capability.Id, capability.Length, offset);
        }

        /// <summary>Places an extended capability of <paramref name="length"/> bytes and returns its offset.</summary>
        /// <exception cref="CapabilityLayoutException">The capability does not fit.</exception>
        [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ in their first parameter's type, so no call is ambiguous; nothing has shipped yet.")]
        public int Add(string name, ushort id, int length, int? offset = null)
        {
            ArgumentException.ThrowIfNullOrEmpty(name);
            if (length < 4) throw new CapabilityLayoutException(name, "extended capability '" + name + "' is " + length + " bytes long: it cannot hold its header");
            int at = offset ?? AlignUp(_cursor);
            if ((at & 3) != 0)
                throw new CapabilityLayoutException(name, "extended capability '" + name + "' at 0x" + at.ToString("x") + " is not dword aligned");
            if (at < AreaStart)
                throw new CapabilityLayoutException(name, "extended capability '" + name + "' at 0x" + at.ToString("x") + " is below the extended area (0x100)");
            if (at + length > AreaEnd)
                throw new CapabilityLayoutException(name, "extended capability '" + name + "' (" + length + " bytes) at 0x" + at.ToString("x") + " runs past the end of the configuration space at 0xfff");
            if (_added.Count == 0 && at != AreaStart)
                throw new CapabilityLayoutException(name, "the first extended capability must be at 0x100 where the list starts; '" + name + "' was declared at 0x" + at.ToString("x"));
            foreach (PlacedCapability other in _added)
            {
                if (at < other.Offset + AlignUp(other.Length) && other.Offset < at + length)
                    throw new CapabilityLayoutException(name, "extended capability '" + name + "' (" + length + " bytes) at 0x" + at.ToString("x") + " overlaps '" + other.Name + "' at 0x" + other.Offset.ToString("x"));
            }
            _added.Add(new PlacedCapability(name, id, at, length, 0));
            _cursor = Math.Max(_cursor, at + length);
            return at;
        }

        /// <summary>The capabilities in list (= add) order, each with the offset of the next.</summary>
        public IReadOnlyList<PlacedCapability> InListOrder()
        {
            var list = new PlacedCapability[_added.Count];
            for (int i = 0; i < list.Length; i++)
                list[i] = _added[i] with { Next = i + 1 < list.Length ? _added[i + 1].Offset : 0 };
            return list;
        }

        private static int AlignUp(int value) => (value + 3) & ~3;
    }
}
