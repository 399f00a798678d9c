// Shared source: compiled into the runtime, the generator and the analyzers (one value-syntax module).
namespace DeviceModel
{
    /// <summary>The value syntax of a configuration option, as QEMU spells its property types.</summary>
#if DEVICEMODEL_ROSLYN
    internal
#else
    public
#endif
    enum OptionKind
    {
        /// <summary><c>on/off/yes/no/true/false</c>.</summary>
        Bool = 1,
        /// <summary>Signed 8-bit integer.</summary>
        Int8,
        /// <summary>Unsigned 8-bit integer.</summary>
        UInt8,
        /// <summary>Signed 16-bit integer.</summary>
        Int16,
        /// <summary>Unsigned 16-bit integer.</summary>
        UInt16,
        /// <summary>Signed 32-bit integer.</summary>
        Int32,
        /// <summary>Unsigned 32-bit integer.</summary>
        UInt32,
        /// <summary>Signed 64-bit integer.</summary>
        Int64,
        /// <summary>Unsigned 64-bit integer.</summary>
        UInt64,
        /// <summary>A byte count with optional <c>k/M/G/T/P/E</c> suffix (QEMU <c>size</c>).</summary>
        Size,
        /// <summary><c>on/off/auto</c>.</summary>
        OnOffAuto,
        /// <summary>Ethernet MAC address <c>xx:xx:xx:xx:xx:xx</c>.</summary>
        MacAddress,
        /// <summary>PCI slot and function <c>slot[.fn]</c>, both hexadecimal.</summary>
        PciAddress,
        /// <summary>Free text.</summary>
        String,
        /// <summary>One of an enum's members, by kebab-case name.</summary>
        Enum,
    }
}
