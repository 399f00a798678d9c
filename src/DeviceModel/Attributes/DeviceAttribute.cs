using System;

namespace DeviceModel
{
    /// <summary>
    /// Marks a <c>partial</c> class as a device type named as QEMU names it (<c>virtio-net-pci</c>).
    /// The generator emits its option parser, formatters, compat histories and catalog entry.
    /// Abstract classes are device families whose options their subtypes inherit.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class DeviceAttribute : Attribute
    {
        /// <summary>Declares a device type.</summary>
        /// <param name="name">The driver name used in <c>-device NAME,…</c> and in JSON <c>"driver"</c>.</param>
        public DeviceAttribute(string name) => Name = name;

        /// <summary>The driver name.</summary>
        public string Name { get; }

        /// <summary>One line describing the device, shown by <c>devmodel devices</c> and in the docs.</summary>
        public string? Description { get; set; }
    }

    /// <summary>
    /// Marks a property of a device type as a configuration option. The property's initializer is the
    /// default for the newest machine version; it must be a compile-time constant (or absent: null/zero).
    /// </summary>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
    public sealed class ConfigOptionAttribute : Attribute
    {
        /// <summary>Declares an option.</summary>
        /// <param name="name">The option name as written in <c>-device</c> strings: lower case, no <c>,</c>, <c>=</c> or spaces.</param>
        public ConfigOptionAttribute(string name) => Name = name;

        /// <summary>The option name.</summary>
        public string Name { get; }

        /// <summary>One line describing the option.</summary>
        public string? Description { get; set; }

        /// <summary>
        /// Host-side wiring (a backend id, a file path): never guest-visible, never versioned, never in a hints file.
        /// </summary>
        public bool HostOnly { get; set; }

        /// <summary>Smallest accepted value, in the option's value syntax (e.g. <c>"1"</c>); null for the type's minimum.</summary>
        public string? Min { get; set; }

        /// <summary>Largest accepted value, in the option's value syntax (e.g. <c>"0x400"</c>); null for the type's maximum.</summary>
        public string? Max { get; set; }

        /// <summary>The integer property is a byte count written with <c>k/M/G/T</c> suffixes (QEMU <c>size</c>).</summary>
        public bool IsSize { get; set; }

        /// <summary>
        /// The default is decided at realize time from the machine and bus (QEMU's "auto"): the property is
        /// nullable and null means auto; <c>auto</c> is accepted as a value.
        /// </summary>
        public bool Auto { get; set; }
    }

    /// <summary>
    /// Records a compat history entry: machines older than <c>since</c> keep <c>value</c>; machines from
    /// <c>since</c> on get the next newer entry's value, or the property's default. Several on one option
    /// form its history, replacing QEMU's hand-kept <c>hw_compat_X_Y</c> tables (and, with <see cref="Family"/>,
    /// the per-machine-family <c>pc_compat_X_Y</c> ones).
    /// </summary>
    /// <remarks>
    /// <para>A machine of family F and version V gets the value of the oldest entry, among the entries without a
    /// <see cref="Family"/> and those of family F, whose <c>since</c> is newer than V; else the property's default.</para>
    /// <para>On a class, with <see cref="Option"/>, an entry belongs to the history of an option the class inherits: a
    /// product records its own machine versions for options a framework base type declares (the framework has no
    /// versions). The class and its subtypes get that history; the nearest declaration wins, so a subtype's own
    /// entries (on the class or on an overriding property) replace the inherited ones.</para>
    /// </remarks>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Class, AllowMultiple = true, Inherited = true)]
    public sealed class CompatHintAttribute : Attribute
    {
        /// <summary>Records that machines before <paramref name="since"/> keep <paramref name="value"/>.</summary>
        /// <param name="since">The first machine version (<c>x.y</c> or <c>x.y.z</c>) with the newer value.</param>
        /// <param name="value">The value older machines keep: a constant of the option's type, or its text in the value syntax.</param>
        public CompatHintAttribute(string since, object? value)
        {
            Since = since;
            Value = value;
        }

        /// <summary>The first machine version with the newer value.</summary>
        public string Since { get; }

        /// <summary>The value machines before <see cref="Since"/> keep.</summary>
        public object? Value { get; }

        /// <summary>Why the default changed (shown in the docs' compat history).</summary>
        public string? Reason { get; set; }

        /// <summary>
        /// The <c>[MachineFamily]</c> (e.g. <c>"pc-q35"</c>) whose machines this entry applies to; null (the default)
        /// for machines of every family. Other families' machines skip the entry as if it were not declared.
        /// </summary>
        public string? Family { get; set; }

        /// <summary>
        /// On a class: the name of the inherited option (<c>"disable-modern"</c>) whose history this entry belongs to.
        /// Required there; not used on a property, whose entries belong to its own option.
        /// </summary>
        public string? Option { get; set; }
    }
}
