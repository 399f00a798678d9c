using System;

namespace DeviceModel
{
    /// <summary>
    /// Spells an enum member as an option value when its kebab-case name cannot: QEMU names some values with digits
    /// first (<c>PCIELinkSpeed</c> <c>2_5</c>, <c>16</c>), which a C# identifier cannot start with. Without this
    /// attribute a member is spelt in kebab case (<c>ExtraLarge</c> → <c>extra-large</c>).
    /// </summary>
    [AttributeUsage(AttributeTargets.Field, AllowMultiple = false, Inherited = false)]
    public sealed class OptionValueNameAttribute : Attribute
    {
        /// <summary>Spells the member <paramref name="name"/> in option values, hints and docs.</summary>
        /// <param name="name">The value's name: no <c>,</c>, <c>=</c> or white space.</param>
        public OptionValueNameAttribute(string name) => Name = name;

        /// <summary>The value's name.</summary>
        public string Name { get; }
    }
}
