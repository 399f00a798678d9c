using System;
using System.ComponentModel;

namespace DeviceModel
{
    /// <summary>
    /// The base of every <see cref="OptionGroupAttribute">option group</see>: the generator derives each group class from
    /// it and emits the group's table and option accessor. A device type reaches the group's options through its
    /// <see cref="IncludeOptionsAttribute"/> property.
    /// </summary>
    public abstract class OptionGroup
    {
        /// <summary>Used by generated code: the device accessor's arm for the group's rows.</summary>
        /// <param name="row">The row of the group's table.</param>
        /// <param name="set">Whether to store <paramref name="value"/>.</param>
        /// <param name="value">The value to store (already validated).</param>
        // Hidden from IntelliSense: only generated code calls it; it stays public because a device of another assembly reaches it.
        [EditorBrowsable(EditorBrowsableState.Never)]
        public OptionValue Access(int row, bool set, in OptionAssignment value) => AccessOption(row, set, value);

        /// <summary>The group's root table, which the generated table of each group hides with its own.</summary>
        // Hidden from IntelliSense: each group's generated part hides it with its own table.
        [EditorBrowsable(EditorBrowsableState.Never)]
        protected static DeviceTable? DeviceModelTable => null;

        /// <summary>Reads or stores the option in <paramref name="slot"/> of the group's table (see <see cref="Device"/>'s accessor).</summary>
        // Hidden from IntelliSense: the generated option switch overrides it.
        [EditorBrowsable(EditorBrowsableState.Never)]
        protected virtual OptionValue AccessOption(int slot, bool set, in OptionAssignment value) => throw new ArgumentOutOfRangeException(nameof(slot));
    }
}
