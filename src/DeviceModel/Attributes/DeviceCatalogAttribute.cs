using System;

namespace DeviceModel
{
    /// <summary>
    /// Marks a <c>static partial</c> class that the generator completes with a <c>Catalog</c> property
    /// holding every device type declared in the assembly.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class DeviceCatalogAttribute : Attribute
    {
    }
}
