using System;

namespace DeviceModel
{
    /// <summary>
    /// Declares a standard PCI capability of a device type: the factory names an instance method
    /// returning the <c>DeviceModel.Pci.PciCapability</c> (it owns its bytes and writable bits). Capabilities are added
    /// in declaration order, base types' first, and placed by the device's placement policy (QEMU's by default)
    /// unless <see cref="Offset"/> fixes them. The generator emits the construction code and a static description.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class PciCapabilityAttribute : Attribute
    {
        /// <summary>Declares a capability built by <paramref name="factory"/>.</summary>
        public PciCapabilityAttribute(string factory) => Factory = factory;

        /// <summary>Name of the instance method that builds the capability.</summary>
        public string Factory { get; }
        /// <summary>Name of a bool property of the device: the capability exists only when it is true at realize.</summary>
        public string? When { get; set; }
        /// <summary>A fixed, dword-aligned offset (0x40–0xfc); 0 lets the placement policy choose.</summary>
        public int Offset { get; set; }
        /// <summary>
        /// The capability's length, so that analyzers can check fixed layouts at build time (DM0012); it must be one of
        /// the lengths the factory's return type states with <c>[CapabilityLength]</c>. 0 (left out) means the type's
        /// length when it has only one, else unknown until realize.
        /// </summary>
        public int Length { get; set; }
    }

    /// <summary>
    /// Declares a PCI Express extended capability (at 0x100 and up) of a device type: the factory names an
    /// instance method returning the <c>DeviceModel.Pci.PciExtendedCapability</c>. Extended capabilities chain in
    /// declaration order, each at the next free offset unless <see cref="Offset"/> fixes it.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class PciExtendedCapabilityAttribute : Attribute
    {
        /// <summary>Declares an extended capability built by <paramref name="factory"/>.</summary>
        public PciExtendedCapabilityAttribute(string factory) => Factory = factory;

        /// <summary>Name of the instance method that builds the capability.</summary>
        public string Factory { get; }
        /// <summary>Name of a bool property of the device: the capability exists only when it is true at realize.</summary>
        public string? When { get; set; }
        /// <summary>A fixed, dword-aligned offset (0x100–0xffc); 0 for the next free offset.</summary>
        public int Offset { get; set; }
        /// <summary>The capability's length for build-time checks (DM0012), one of the factory type's <c>[CapabilityLength]</c>
        /// lengths; 0 (left out) means the type's length when it has only one, else unknown until realize.</summary>
        public int Length { get; set; }
    }
}
