using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace DeviceModel.Catalog
{
    /// <summary>
    /// The device types of a product, registered by generated code (a class marked
    /// <see cref="DeviceCatalogAttribute"/> gets a <c>Catalog</c> property listing every device type of its assembly).
    /// </summary>
    public sealed class DeviceCatalog
    {
        private readonly Dictionary<string, DeviceInfo> _byName;
        // Device types by a slice of the parsers' input, in the order of Devices.
        private readonly NameTable _bySpan;

        /// <summary>Creates a catalog of <paramref name="devices"/>.</summary>
        /// <exception cref="ArgumentException">Two device types share a name.</exception>
        public DeviceCatalog(IEnumerable<DeviceInfo> devices, MachineCatalog? machines = null)
        {
            Machines = machines;
            _byName = new Dictionary<string, DeviceInfo>(StringComparer.Ordinal);
            var list = new List<DeviceInfo>();
            foreach (DeviceInfo device in devices)
            {
                if (!_byName.TryAdd(device.Name, device)) throw new ArgumentException("two device types are named '" + device.Name + "'", nameof(devices));
                list.Add(device);
            }
            list.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            Devices = list.ToImmutableArray();
            _bySpan = new NameTable(list.ConvertAll(device => device.Name).ToArray());
        }

        /// <summary>The product's version and machine types, when the catalog class declares them.</summary>
        public MachineCatalog? Machines { get; }

        /// <summary>The machine types, or an exception naming what is missing.</summary>
        public MachineCatalog RequireMachines() =>
            Machines ?? throw new InvalidOperationException("the catalog declares no [Product] and [MachineFamily]: add them to the [DeviceCatalog] class");

        /// <summary>Every device type, in ordinal order of names.</summary>
        public ImmutableArray<DeviceInfo> Devices { get; }

        /// <summary>The device type named <paramref name="name"/>, or null.</summary>
        public DeviceInfo? Find(string name) => _byName.TryGetValue(name, out DeviceInfo? info) ? info : null;

        /// <summary>The device type named <paramref name="name"/>, or null: the parsers look up a slice of their input.</summary>
        internal DeviceInfo? Find(ReadOnlySpan<char> name) => _bySpan.IndexOf(name) is int index and >= 0 ? Devices[index] : null;

        /// <summary>A device type name close to <paramref name="name"/>, for "did you mean".</summary>
        public string? Suggest(string name) => Spelling.Closest(name, _byName.Keys);
    }
}
