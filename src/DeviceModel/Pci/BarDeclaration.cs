using System;
using System.Numerics;

namespace DeviceModel.Pci
{
    /// <summary>The kind of a base address register.</summary>
    public enum BarKind
    {
        /// <summary>Port I/O space (bit 0 set).</summary>
        Io,
        /// <summary>32-bit memory space.</summary>
        Memory32,
        /// <summary>64-bit memory space: takes this BAR and the next.</summary>
        Memory64,
    }

    /// <summary>A base address register a function implements: index, kind, size (a power of two) and prefetchability.</summary>
    /// <param name="Index">BAR number: 0–5 for endpoints, 0–1 for bridges; a 64-bit BAR also uses <c>Index + 1</c>.</param>
    /// <param name="Kind">I/O, 32-bit or 64-bit memory.</param>
    /// <param name="Size">Region size in bytes: a power of two, at least 4 for I/O and 16 for memory.</param>
    /// <param name="Prefetchable">Memory only: the prefetchable bit (bit 3).</param>
    public readonly record struct BarDeclaration(int Index, BarKind Kind, ulong Size, bool Prefetchable = false)
    {
        /// <summary>An I/O BAR.</summary>
        public static BarDeclaration Io(int index, uint size) => new(index, BarKind.Io, size);
        /// <summary>A 32-bit memory BAR.</summary>
        public static BarDeclaration Memory32(int index, uint size, bool prefetchable = false) => new(index, BarKind.Memory32, size, prefetchable);
        /// <summary>A 64-bit memory BAR (uses <paramref name="index"/> and the next register).</summary>
        public static BarDeclaration Memory64(int index, ulong size, bool prefetchable = false) => new(index, BarKind.Memory64, size, prefetchable);

        /// <summary>The read-only type bits of the low register: bit 0 I/O, bits 2:1 memory type, bit 3 prefetchable.</summary>
        public uint TypeBits => Kind switch
        {
            BarKind.Io => 0x1u,
            BarKind.Memory64 => 0x4u | (Prefetchable ? 0x8u : 0u),
            _ => Prefetchable ? 0x8u : 0u,
        };

        /// <summary>Number of 32-bit registers used: 2 for 64-bit memory, else 1.</summary>
        public int RegisterCount => Kind == BarKind.Memory64 ? 2 : 1;

        /// <summary>The writable address bits, <c>~(size - 1)</c> (QEMU's BAR wmask), 64 bits wide.</summary>
        public ulong AddressMask => ~(Size - 1);

        /// <summary>Throws if the declaration cannot exist in a header of <paramref name="headerType"/>.</summary>
        /// <exception cref="ArgumentException">Bad index, size or flag.</exception>
        public void Validate(PciHeaderType headerType)
        {
            int count = headerType == PciHeaderType.Bridge ? 2 : 6;
            if (Index < 0 || Index + RegisterCount > count)
                throw new ArgumentException("BAR" + Index + " (" + Kind + ") does not fit in the " + count + " BARs of a type " + (int)headerType + " header");
            if (!BitOperations.IsPow2(Size))
                throw new ArgumentException("BAR" + Index + " size 0x" + Size.ToString("x") + " is not a power of two");
            if (Kind == BarKind.Io && (Size < 4 || Size > 0x1_0000_0000UL))
                throw new ArgumentException("I/O BAR" + Index + " size 0x" + Size.ToString("x") + " is outside 4 B … 4 GiB");
            if (Kind != BarKind.Io && Size < 16)
                throw new ArgumentException("memory BAR" + Index + " size 0x" + Size.ToString("x") + " is below 16 bytes");
            if (Kind == BarKind.Memory32 && Size > 0x8000_0000UL)
                throw new ArgumentException("32-bit memory BAR" + Index + " size 0x" + Size.ToString("x") + " exceeds 2 GiB");
            if (Kind == BarKind.Io && Prefetchable)
                throw new ArgumentException("I/O BAR" + Index + " cannot be prefetchable");
        }

        /// <summary>
        /// Programs the BAR into <paramref name="space"/> as QEMU's <c>pci_register_bar</c>: the type bits as the value,
        /// <c>~(size - 1)</c> as the write mask (both registers of a 64-bit BAR), all bits checked.
        /// </summary>
        public void ApplyTo(ConfigSpace space, PciHeaderType headerType = PciHeaderType.Endpoint)
        {
            Validate(headerType);
            int offset = PciRegisters.Bar(Index);
            space.Values.Set32(offset, TypeBits);
            if (Kind == BarKind.Memory64)
            {
                space.Values.Set32(offset + 4, 0);
                space.WriteMask.Set64(offset, AddressMask);
                space.CheckMask.Set64(offset, ulong.MaxValue);
            }
            else
            {
                space.WriteMask.Set32(offset, (uint)AddressMask);
                space.CheckMask.Set32(offset, uint.MaxValue);
            }
        }
    }

    /// <summary>An expansion ROM BAR (0x30, or 0x38 on a bridge) of <paramref name="Size"/> bytes.</summary>
    /// <param name="Size">ROM size: a power of two of at least 2 KiB.</param>
    public readonly record struct ExpansionRomDeclaration(uint Size)
    {
        /// <summary>The enable bit (bit 0).</summary>
        public const uint EnableBit = 0x1;

        /// <summary>The ROM address register's offset for a header type.</summary>
        public static int RegisterOffset(PciHeaderType headerType) => headerType == PciHeaderType.Bridge ? PciRegisters.BridgeRomAddress : PciRegisters.RomAddress;

        /// <summary>Programs the ROM BAR as QEMU's <c>pci_register_bar(PCI_ROM_SLOT)</c>: value 0, write mask
        /// <c>~(size - 1) | enable</c>, all bits checked.</summary>
        /// <exception cref="ArgumentException">The size is not a power of two of at least 2 KiB.</exception>
        public void ApplyTo(ConfigSpace space, PciHeaderType headerType = PciHeaderType.Endpoint)
        {
            if (!BitOperations.IsPow2(Size) || Size < 0x800)
                throw new ArgumentException("expansion ROM size 0x" + Size.ToString("x") + " is not a power of two of at least 2 KiB");
            int offset = RegisterOffset(headerType);
            space.Values.Set32(offset, 0);
            space.WriteMask.Set32(offset, ~(Size - 1) | EnableBit);
            space.CheckMask.Set32(offset, uint.MaxValue);
        }
    }
}
