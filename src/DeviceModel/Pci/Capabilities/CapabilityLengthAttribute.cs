using System;
using System.Collections.Generic;

namespace DeviceModel.Pci
{
    /// <summary>
    /// States every length, header included, that instances of a capability type can have: one for a fixed-size
    /// capability (MSI-X, 12 bytes), each variant for one whose size depends on its arguments (MSI: 10, 14, 20 or 24).
    /// The analyzers compare a device's <c>[PciCapability(…, Length = n)]</c> or <c>[PciExtendedCapability(…, Length = n)]</c>
    /// with the lengths of its factory's declared return type (DM0012), and take the length of a single-length type
    /// when the declaration leaves <c>Length</c> out. A type without it (an open-ended vendor-specific capability)
    /// leaves the declared length unchecked until realize.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class CapabilityLengthAttribute : Attribute
    {
        /// <summary>Declares the lengths instances of the type can have.</summary>
        public CapabilityLengthAttribute(params int[] lengths) => Lengths = lengths ?? [];

        /// <summary>The lengths instances of the type can have, in bytes.</summary>
        public IReadOnlyList<int> Lengths { get; }
    }
}
