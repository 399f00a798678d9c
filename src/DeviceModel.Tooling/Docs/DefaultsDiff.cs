using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace DeviceModel.Tooling.Docs
{
    /// <summary>One option whose versioned default differs between two machine types.</summary>
    /// <param name="Device">The device type.</param>
    /// <param name="Option">The option.</param>
    /// <param name="From">Its default on the first machine type.</param>
    /// <param name="To">Its default on the second.</param>
    public sealed record DefaultChange(DeviceInfo Device, OptionInfo Option, OptionValue From, OptionValue To);

    /// <summary>
    /// Compares two machine types through the options' compat histories (<see cref="OptionInfo.DefaultFor(MachineType)"/>: each at its version, for its family): what a
    /// VM manager moving a guest from one to the other would see change when it sets nothing explicitly. Options
    /// decided at realize time ("auto") compare as auto; <c>devmodel resolve</c> shows what they become on a bus.
    /// </summary>
    public static class DefaultsDiff
    {
        /// <summary>
        /// Every option of <paramref name="devices"/> (in their order, options in ordinal order) whose default on
        /// <paramref name="from"/> differs from its default on <paramref name="to"/>.
        /// </summary>
        public static ImmutableArray<DefaultChange> Compare(MachineType from, MachineType to, IEnumerable<DeviceInfo> devices)
        {
            ArgumentNullException.ThrowIfNull(from);
            ArgumentNullException.ThrowIfNull(to);
            ArgumentNullException.ThrowIfNull(devices);
            var changes = ImmutableArray.CreateBuilder<DefaultChange>();
            foreach (DeviceInfo device in devices)
            {
                foreach (OptionInfo option in device.Options)
                {
                    if (option.History.IsEmpty) continue;
                    OptionValue a = option.DefaultFor(from), b = option.DefaultFor(to);
                    if (a != b) changes.Add(new DefaultChange(device, option, a, b));
                }
            }
            return changes.ToImmutable();
        }
    }
}
