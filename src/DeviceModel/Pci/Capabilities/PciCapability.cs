using System;

namespace DeviceModel.Pci
{
    /// <summary>
    /// A capability in the standard list (0x40–0xff): its ID, its length, and the registers and writable bits of its
    /// body. The list header (ID and next pointer) belongs to the layout; a capability initialises bytes 2 onward.
    /// Instances are immutable declarations: one can be realized into any number of configuration spaces.
    /// </summary>
    public abstract class PciCapability
    {
        /// <summary>Declares a capability.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The length cannot hold the header or exceeds the capability area.</exception>
        protected PciCapability(byte id, string name, int length)
        {
            ArgumentException.ThrowIfNullOrEmpty(name);
            if (length < 2 || length > ConfigSpace.ConventionalSize - PciRegisters.HeaderSize)
                throw new ArgumentOutOfRangeException(nameof(length), length, "capability '" + name + "' must be 2 … 192 bytes long");
            Id = id;
            Name = name;
            Length = length;
        }

        /// <summary>Capability ID (byte 0).</summary>
        public byte Id { get; }
        /// <summary>A name for diagnostics, e.g. <c>MSI-X</c> or <c>virtio-notify</c>.</summary>
        public string Name { get; }
        /// <summary>Length in bytes, header included.</summary>
        public int Length { get; }

        /// <summary>Writes the body's values and masks. Called after the layout cleared the capability's write mask and
        /// set its check mask, as QEMU's <c>pci_add_capability</c> does.</summary>
        protected internal abstract void Initialize(CapabilityRegisters registers);

        /// <summary>Behaviour after guest writes (self-clearing bits), or null.</summary>
        protected internal virtual IConfigWriteObserver? CreateWriteObserver(int offset) => null;

        /// <inheritdoc/>
        public override string ToString() => Name + " (id 0x" + Id.ToString("x2") + ", " + Length + " bytes)";
    }

    /// <summary>
    /// A PCI Express extended capability (0x100–0xfff): a 32-bit header of ID (16 bits), version (4) and next offset
    /// (12), then a body the capability initialises from byte 4.
    /// </summary>
    public abstract class PciExtendedCapability
    {
        /// <summary>Declares an extended capability.</summary>
        /// <exception cref="ArgumentOutOfRangeException">Bad version or length.</exception>
        protected PciExtendedCapability(ushort id, byte version, string name, int length)
        {
            ArgumentException.ThrowIfNullOrEmpty(name);
            if (version > 0xf) throw new ArgumentOutOfRangeException(nameof(version), version, "extended capability versions are 4 bits");
            if (length < 4 || length > ConfigSpace.ExpressSize - ConfigSpace.ConventionalSize)
                throw new ArgumentOutOfRangeException(nameof(length), length, "extended capability '" + name + "' must be 4 … 3840 bytes long");
            Id = id;
            Version = version;
            Name = name;
            Length = length;
        }

        /// <summary>Extended capability ID.</summary>
        public ushort Id { get; }
        /// <summary>Capability version (4 bits).</summary>
        public byte Version { get; }
        /// <summary>A name for diagnostics, e.g. <c>AER</c>.</summary>
        public string Name { get; }
        /// <summary>Length in bytes, header included.</summary>
        public int Length { get; }

        /// <summary>The header dword: <c>id | version &lt;&lt; 16 | next &lt;&lt; 20</c>.</summary>
        public uint Header(int next) => Id | (uint)Version << 16 | (uint)next << 20;

        /// <summary>Writes the body's values and masks, after the layout made all its bytes read-only, not W1C and checked
        /// (QEMU's <c>pcie_add_capability</c>).</summary>
        protected internal abstract void Initialize(CapabilityRegisters registers);

        /// <inheritdoc/>
        public override string ToString() => Name + " (ext id 0x" + Id.ToString("x4") + " v" + Version + ", " + Length + " bytes)";
    }
}
