using System.Collections.Generic;
using DeviceModel.Compat;

namespace DeviceModel.Cli
{
    /// <summary>Bus numbers as firmware would assign them: 0 for the root bus, then 1, 2, … for each port's secondary bus in config order.</summary>
    internal sealed class BusNumbers
    {
        private readonly Dictionary<string, int> _secondary = new(System.StringComparer.Ordinal);

        public BusNumbers(ResolvedMachine resolved)
        {
            int next = 1;
            foreach (ResolvedDevice device in resolved.Devices)
            {
                if (device.Device is PciExpressPort && device.Device.Id is not null) _secondary[device.Device.Id] = next++;
            }
        }

        public int Of(ResolvedDevice device) => device.Device.Bus is string bus && _secondary.TryGetValue(bus, out int number) ? number : 0;
    }
}
