using System;

namespace DeviceModel
{
    /// <summary>
    /// Marks a <c>partial</c> class as an option group: options declared once — name, default, history, rules and
    /// storage — for every device type that includes it with an <see cref="IncludeOptionsAttribute"/> property (QEMU's
    /// <c>DEFINE_NIC_PROPERTIES</c>, which each NIC expands). The generator gives the class its own table, once; a
    /// device's table composes it, so nothing is copied into the devices. The generator also makes the class derive from
    /// <see cref="OptionGroup"/> (write no other base).
    /// </summary>
    /// <example>
    /// <code>
    /// [OptionGroup("nic")]
    /// public sealed partial class NicOptions
    /// {
    ///     [ConfigOption("bootindex")] public int BootIndex { get; set; } = -1;
    /// }
    ///
    /// [Device("my-nic")]
    /// public sealed partial class MyNic : PciDevice
    /// {
    ///     [IncludeOptions] public NicOptions Nic { get; } = new();
    /// }
    /// </code>
    /// </example>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class OptionGroupAttribute : Attribute
    {
        /// <summary>Declares an option group.</summary>
        /// <param name="name">
        /// The group's name, in option-name syntax: it keys the group's lines in the compat defaults baseline
        /// (<c>CompatDefaults.Shipped.txt</c>), so that a default declared once is guarded once. It must differ from every
        /// device name of the product.
        /// </param>
        public OptionGroupAttribute(string name) => Name = name;

        /// <summary>The group's name.</summary>
        public string Name { get; }

        /// <summary>One line describing the group.</summary>
        public string? Description { get; set; }
    }

    /// <summary>
    /// Includes an <see cref="OptionGroupAttribute">option group</see>'s options in a device type: put it on a get-only
    /// property of the group's type initialised with a new instance (<c>{ get; } = new();</c>). The options are the
    /// device's own, as if declared in it — a name may not clash with another option of the device — and device code
    /// reads them through the property (<c>Nic.BootIndex</c>). Derived device types inherit the included options.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
    public sealed class IncludeOptionsAttribute : Attribute
    {
    }
}
