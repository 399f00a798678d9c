using System;
using System.Collections.Generic;

namespace DeviceModel.Pci
{
    /// <summary>
    /// The configuration space of one PCI function: 256 bytes (conventional) or 4096 (PCI Express) plus, per byte,
    /// QEMU's write mask (<c>wmask</c>: bits the guest may change), write-1-to-clear mask (<c>w1cmask</c>) and
    /// checked mask (<c>cmask</c>: bits that must match on migration).
    /// <para>Writes honour the masks exactly as QEMU's <c>pci_default_write_config</c>:
    /// <c>new = (old &amp; ~wmask) | (value &amp; wmask)</c>, then the W1C bits written as 1 are cleared. The device side
    /// programs values and masks through <see cref="Values"/>, <see cref="WriteMask"/>, <see cref="WriteOneToClearMask"/>
    /// and <see cref="CheckMask"/>.</para>
    /// <para>Two access paths: <see cref="GuestRead"/> / <see cref="GuestWrite"/> for raw guest accesses forwarded by a
    /// VMM (never throw; QEMU's <c>pci_host_config_read_common</c> / <c>pci_host_config_write_common</c> semantics), and
    /// the strict <see cref="Read"/> / <see cref="Write"/> family for tools and tests, which rejects anything a
    /// well-behaved driver would not do.</para>
    /// </summary>
    public sealed class ConfigSpace
    {
        /// <summary>Size of a conventional PCI configuration space.</summary>
        public const int ConventionalSize = 256;
        /// <summary>Size of a PCI Express configuration space.</summary>
        public const int ExpressSize = 4096;

        private readonly byte[] _values;
        private readonly byte[] _writeMask;
        private readonly byte[] _w1cMask;
        private readonly byte[] _checkMask;
        private List<IConfigWriteObserver>? _observers;

        /// <summary>Creates an all-zero space of <paramref name="size"/> bytes with nothing writable.</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is neither 256 nor 4096.</exception>
        public ConfigSpace(int size)
        {
            if (size != ConventionalSize && size != ExpressSize)
                throw new ArgumentOutOfRangeException(nameof(size), size, "a configuration space has 256 (conventional) or 4096 (PCI Express) bytes");
            _values = new byte[size];
            _writeMask = new byte[size];
            _w1cMask = new byte[size];
            _checkMask = new byte[size];
        }

        /// <summary>Creates an empty 256-byte conventional space.</summary>
        public static ConfigSpace Conventional() => new(ConventionalSize);

        /// <summary>Creates an empty 4096-byte PCI Express space.</summary>
        public static ConfigSpace Express() => new(ExpressSize);

        /// <summary>Number of bytes: 256 or 4096.</summary>
        public int Size => _values.Length;

        /// <summary>Whether this is a 4 KiB PCI Express space.</summary>
        public bool IsExpress => _values.Length == ExpressSize;

        /// <summary>The register values, device side (no masks).</summary>
        public ConfigBytes Values => new(_values, 0);
        /// <summary>Bits the guest may write.</summary>
        public ConfigBytes WriteMask => new(_writeMask, 0);
        /// <summary>Bits the guest clears by writing 1.</summary>
        public ConfigBytes WriteOneToClearMask => new(_w1cMask, 0);
        /// <summary>Bits checked on migration (QEMU's cmask).</summary>
        public ConfigBytes CheckMask => new(_checkMask, 0);

        /// <summary>The current bytes.</summary>
        public ReadOnlySpan<byte> Bytes => _values;

        /// <summary>A copy of the current bytes.</summary>
        public byte[] ToArray() => (byte[])_values.Clone();

        /// <summary>Raised when the guest initiates a Function Level Reset through the PCI Express capability; the
        /// device resets its state in the handler (QEMU's <c>pci_device_reset</c>).</summary>
        public event EventHandler? FunctionLevelResetRequested;

        internal void RequestFunctionLevelReset() => FunctionLevelResetRequested?.Invoke(this, EventArgs.Empty);

        /// <summary>Runs <paramref name="observer"/> after every guest write.</summary>
        public void AddWriteObserver(IConfigWriteObserver observer)
        {
            ArgumentNullException.ThrowIfNull(observer);
            (_observers ??= new List<IConfigWriteObserver>()).Add(observer);
        }

        /// <summary>Strict read of one byte (see <see cref="Read"/>).</summary>
        /// <exception cref="ArgumentOutOfRangeException">The offset is outside the space.</exception>
        public byte Read8(int offset) => (byte)Read(offset, 1);
        /// <summary>Strict read of a word at an even offset (see <see cref="Read"/>).</summary>
        /// <exception cref="ArgumentOutOfRangeException">The access is unaligned or outside the space.</exception>
        public ushort Read16(int offset) => (ushort)Read(offset, 2);
        /// <summary>Strict read of a dword at a multiple of 4 (see <see cref="Read"/>).</summary>
        /// <exception cref="ArgumentOutOfRangeException">The access is unaligned or outside the space.</exception>
        public uint Read32(int offset) => Read(offset, 4);

        /// <summary>Strict write of one byte (see <see cref="Write"/>).</summary>
        /// <exception cref="ArgumentOutOfRangeException">The offset is outside the space.</exception>
        public void Write8(int offset, byte value) => Write(offset, 1, value);
        /// <summary>Strict write of a word at an even offset (see <see cref="Write"/>).</summary>
        /// <exception cref="ArgumentOutOfRangeException">The access is unaligned or outside the space.</exception>
        public void Write16(int offset, ushort value) => Write(offset, 2, value);
        /// <summary>Strict write of a dword at a multiple of 4 (see <see cref="Write"/>).</summary>
        /// <exception cref="ArgumentOutOfRangeException">The access is unaligned or outside the space.</exception>
        public void Write32(int offset, uint value) => Write(offset, 4, value);

        /// <summary>
        /// A raw guest read as QEMU's <c>pci_host_config_read_common</c> (hw/pci/pci_host.c) performs it, with the
        /// space's size as the limit; never throws. An access starting at or beyond the end (or at a negative offset)
        /// reads all ones (QEMU returns <c>~0</c>; the guest sees the access width of it). An access that starts inside
        /// but runs past the end reads only the bytes inside (QEMU's <c>MIN(len, limit - addr)</c>), the rest read 0.
        /// Alignment is not required: QEMU forms the offset from CONFIG_ADDRESS and the data port's low bits
        /// (<c>config_reg | (port &amp; 3)</c>), so a 2-byte access at 0xCFD reads the register's bytes 1 and 2.
        /// Widths other than 1, 2 and 4 are not PCI configuration accesses: they read all ones.
        /// </summary>
        /// <returns>The value, zero-extended from <paramref name="width"/> bytes (little endian).</returns>
        public uint GuestRead(int offset, int width)
        {
            if (width is not (1 or 2 or 4)) return uint.MaxValue;
            if ((uint)offset >= (uint)_values.Length) return uint.MaxValue >> (32 - 8 * width);
            int length = Math.Min(width, _values.Length - offset);
            uint value = 0;
            for (int i = length - 1; i >= 0; i--) value = value << 8 | _values[offset + i];
            return value;
        }

        /// <summary>
        /// A raw guest write as QEMU's <c>pci_host_config_write_common</c> performs it, through the masks; never throws
        /// for any guest input. Writes starting at or beyond the end (or at a negative offset), and widths other than
        /// 1, 2 and 4, are ignored; a write that runs past the end writes only the bytes inside; alignment is not
        /// required (see <see cref="GuestRead"/>). Write observers see the bytes actually written.
        /// </summary>
        /// <exception cref="InvalidOperationException">A byte is both writable and write-1-to-clear: a device bug QEMU
        /// asserts on, never caused by the guest.</exception>
        public void GuestWrite(int offset, int width, uint value)
        {
            if (width is not (1 or 2 or 4) || (uint)offset >= (uint)_values.Length) return;
            Apply(offset, Math.Min(width, _values.Length - offset), value);
        }

        /// <summary>Strict read of 1, 2 or 4 naturally aligned bytes inside the space (tools and tests; guests use
        /// <see cref="GuestRead"/>).</summary>
        /// <exception cref="ArgumentOutOfRangeException">Bad width, unaligned, or outside the space.</exception>
        public uint Read(int offset, int width)
        {
            CheckAccess(offset, width);
            uint value = 0;
            for (int i = width - 1; i >= 0; i--) value = value << 8 | _values[offset + i];
            return value;
        }

        /// <summary>Strict write of 1, 2 or 4 naturally aligned bytes inside the space, through the masks (tools and
        /// tests; guests use <see cref="GuestWrite"/>).</summary>
        /// <exception cref="ArgumentOutOfRangeException">Bad width, unaligned, or outside the space.</exception>
        /// <exception cref="InvalidOperationException">A byte is both writable and write-1-to-clear (a device bug QEMU asserts on).</exception>
        public void Write(int offset, int width, uint value)
        {
            CheckAccess(offset, width);
            Apply(offset, width, value);
        }

        private void Apply(int offset, int width, uint value)
        {
            for (int i = 0; i < width; i++, value >>= 8)
            {
                int at = offset + i;
                byte written = (byte)value, wmask = _writeMask[at], w1c = _w1cMask[at];
                if ((wmask & w1c) != 0)
                    throw new InvalidOperationException("configuration byte 0x" + at.ToString("x") + " is both writable and write-1-to-clear");
                byte updated = (byte)((_values[at] & ~wmask) | (written & wmask));
                _values[at] = (byte)(updated & ~(written & w1c));
            }
            if (_observers is null) return;
            foreach (IConfigWriteObserver observer in _observers) observer.AfterWrite(this, offset, width);
        }

        private void CheckAccess(int offset, int width)
        {
            if (width is not (1 or 2 or 4))
                throw new ArgumentOutOfRangeException(nameof(width), width, "configuration accesses are 1, 2 or 4 bytes wide");
            if (offset < 0 || offset > _values.Length - width)
                throw new ArgumentOutOfRangeException(nameof(offset), offset, "a " + width + "-byte access at 0x" + offset.ToString("x") + " is outside the " + _values.Length + "-byte configuration space");
            if ((offset & (width - 1)) != 0)
                throw new ArgumentOutOfRangeException(nameof(offset), offset, "a " + width + "-byte access at 0x" + offset.ToString("x") + " is not naturally aligned");
        }
    }
}
