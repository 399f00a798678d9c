using System.Collections.Generic;
using System.Collections.Immutable;
using DeviceModel.Pci;
using DeviceModel.Catalog;
using DeviceModel.Compat;
using DeviceModel.Config;

namespace DeviceModel.Tooling.Docs
{
    /// <summary>A device realized on one reference bus for the docs, or why it could not be.</summary>
    /// <param name="Device">The device type.</param>
    /// <param name="Bus">Where it sits.</param>
    /// <param name="Machine">The machine type it was resolved on, if the product has one for the bus.</param>
    /// <param name="Function">The realized function, or null when <paramref name="Unavailable"/> says why not.</param>
    /// <param name="Unavailable">Why there is no picture, in one sentence; null when there is one.</param>
    public sealed record LayoutSample(DeviceInfo Device, ReferenceBus Bus, MachineType? Machine, RealizedPciFunction? Function, string? Unavailable);

    /// <summary>
    /// Realizes a device type the way a VM manager would, through the real configuration path: <c>-device</c> strings
    /// parsed by <see cref="KeyvalParser"/>, resolved by <see cref="CompatResolver"/> on the product's newest machine of
    /// the bus's kind (every option at that machine's default, auto options decided), then <see cref="PciDevice.Realize"/>.
    /// </summary>
    public static class LayoutSamples
    {
        /// <summary>The id the sampled device gets.</summary>
        public const string DeviceId = "dev0";

        /// <summary>The id of the root port the device sits behind on <see cref="ReferenceBus.ExpressPort"/>.</summary>
        public const string PortId = "rp0";

        /// <summary>Realizes <paramref name="device"/> on <paramref name="bus"/>.</summary>
        /// <exception cref="System.InvalidOperationException">The catalog declares no machine types.</exception>
        public static LayoutSample Realize(DeviceCatalog catalog, DeviceInfo device, ReferenceBus bus)
        {
            MachineCatalog machines = catalog.RequireMachines();
            bool express = bus.Kind != BusKind.ConventionalRoot;
            MachineType? machine = NewestMachine(machines, express);
            if (machine is null)
            {
                return new LayoutSample(device, bus, null, null,
                    "the product declares no machine type " + (express ? "with" : "without") + " a PCI Express root complex.");
            }
            Device prototype = device.Create();
            if (prototype is not PciDevice)
            {
                return new LayoutSample(device, bus, machine, null, "`" + device.Name + "` is not a PCI device.");
            }
            if (prototype is PciExpressPort && bus.Kind != BusKind.ExpressRoot)
            {
                // A root port plugs into a PCI Express root complex, never into a conventional bus or another root port.
                return new LayoutSample(device, bus, machine, null, "a PCI Express port sits on a PCI Express root bus only.");
            }
            var strings = new List<string>();
            if (bus.Kind == BusKind.ExpressPort)
            {
                if (catalog.Find(ReferenceBus.RootPortType) is null)
                {
                    return new LayoutSample(device, bus, machine, null, "this product has no `" + ReferenceBus.RootPortType + "` device type.");
                }
                strings.Add(ReferenceBus.RootPortType + ",id=" + PortId + ",chassis=1");
                strings.Add(device.Name + ",id=" + DeviceId + ",bus=" + PortId);
            }
            else
            {
                strings.Add(device.Name + ",id=" + DeviceId);
            }

            var devices = ImmutableArray.CreateBuilder<Device>(strings.Count);
            foreach (string text in strings)
            {
                ParseResult<Device> parsed = KeyvalParser.ParseDevice(text, catalog, "reference");
                if (!parsed.Succeeded) return new LayoutSample(device, bus, machine, null, "`" + text + "` does not parse: " + First(parsed.Errors));
                devices.Add(parsed.Value!);
            }
            var config = new MachineConfig(machine.Name, HintsPath: null, Smp: 1, devices.MoveToImmutable());
            ParseResult<ResolvedMachine> resolved = CompatResolver.Resolve(config, catalog);
            if (!resolved.Succeeded) return new LayoutSample(device, bus, machine, null, "the configuration does not resolve: " + First(resolved.Errors));

            ResolvedDevice target = resolved.Value!.Devices[resolved.Value.Devices.Length - 1];
            try
            {
                RealizedPciFunction function = ((PciDevice)target.Device).Realize(target.Context);
                return new LayoutSample(device, bus, machine, function, null);
            }
            catch (PciConfigurationException e)
            {
                return new LayoutSample(device, bus, machine, null, "the device refuses to realize there: " + e.Message);
            }
        }

        /// <summary>The newest machine type with (or without) a PCI Express root complex; the first declared on a tie.</summary>
        public static MachineType? NewestMachine(MachineCatalog machines, bool pciExpress)
        {
            MachineType? newest = null;
            foreach (MachineType machine in machines.Machines)
            {
                if (machine.PciExpress != pciExpress) continue;
                if (newest is null || machine.Version > newest.Version) newest = machine;
            }
            return newest;
        }

        private static string First(ImmutableArray<ConfigError> errors) => errors.IsEmpty ? "(no error reported)" : errors[0].ToString();
    }
}
