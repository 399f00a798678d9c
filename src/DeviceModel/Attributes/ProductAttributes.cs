using System;

namespace DeviceModel
{
    /// <summary>
    /// Declares, on the <see cref="DeviceCatalogAttribute"/> class, the product and its current version: the
    /// version stamped into hints files as their producer.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class ProductAttribute : Attribute
    {
        /// <summary>Declares the product.</summary>
        /// <param name="name">Product name.</param>
        /// <param name="version">Current version, <c>x.y</c> or <c>x.y.z</c>.</param>
        public ProductAttribute(string name, string version)
        {
            Name = name;
            Version = version;
        }

        /// <summary>Product name.</summary>
        public string Name { get; }
        /// <summary>Current version.</summary>
        public string Version { get; }
    }

    /// <summary>
    /// Declares, on the <see cref="DeviceCatalogAttribute"/> class, an option ROM image the product ships and its
    /// size, which decides the ROM BAR size of devices whose <c>romfile</c> names it (QEMU reads the file).
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class RomImageAttribute : Attribute
    {
        /// <summary>Declares a ROM image.</summary>
        /// <param name="file">File name as <c>romfile</c> names it.</param>
        /// <param name="size">Size of the ROM BAR it needs, in the size syntax (<c>"256k"</c>).</param>
        public RomImageAttribute(string file, string size)
        {
            File = file;
            Size = size;
        }

        /// <summary>File name.</summary>
        public string File { get; }
        /// <summary>ROM BAR size.</summary>
        public string Size { get; }
    }

    /// <summary>
    /// Declares, on the <see cref="DeviceCatalogAttribute"/> class, a family of machine types named
    /// <c>FAMILY-VERSION</c> (<c>pc-i440fx-5.2</c>), one per listed version. The first family is the default.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class MachineFamilyAttribute : Attribute
    {
        /// <summary>Declares a machine family.</summary>
        /// <param name="family">Name prefix, e.g. <c>pc-i440fx</c>.</param>
        /// <param name="versions">Space-separated versions, oldest first, e.g. <c>"1.4 1.5 … 7.2"</c>.</param>
        public MachineFamilyAttribute(string family, string versions)
        {
            Family = family;
            Versions = versions;
        }

        /// <summary>Name prefix.</summary>
        public string Family { get; }
        /// <summary>Space-separated versions.</summary>
        public string Versions { get; }
        /// <summary>Alias of the newest machine of the family (<c>pc</c>, <c>q35</c>).</summary>
        public string? Alias { get; set; }
        /// <summary>Space-separated versions that are deprecated.</summary>
        public string? Deprecated { get; set; }
        /// <summary>One line describing the family.</summary>
        public string? Description { get; set; }
        /// <summary>Whether the root bus is PCI Express (ECAM: 4 KiB config spaces; root ports available).</summary>
        public bool PciExpress { get; set; }
    }
}
