using System;
using System.Text;

namespace DeviceModel
{
    /// <summary>
    /// The values of <see cref="Options"/> must differ from those of every earlier device of the machine that declares
    /// the same <see cref="Scope"/> — QEMU's PCI Express slots: <c>(chassis, slot)</c> is unique among root ports and
    /// switch downstream ports (<c>pcie_chassis_add_slot</c>: "Can't add chassis slot, error -16"). Checked when the
    /// machine is resolved, in device order: the later device is refused, as QEMU refuses the device it realizes second.
    /// </summary>
    /// <param name="scope">The name devices share a value space by: device types with one scope are checked together.</param>
    /// <param name="options">The options whose values together must be unique.</param>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class UniqueInMachineAttribute(string scope, params string[] options) : DeviceRuleAttribute
    {
        private readonly string[] _options = options ?? [];

        /// <summary>The name of the value space shared by every device type that declares it.</summary>
        public string Scope { get; } = scope ?? "";

        /// <summary>The options whose values together must be unique.</summary>
        public ReadOnlySpan<string> Options => _options;

        /// <inheritdoc/>
        internal override string[] ArgumentOptions => _options;

        /// <summary>
        /// The error message: <c>{values}</c> is replaced by the options and values (<c>chassis=1, slot=0</c>), <c>{other}</c>
        /// by the earlier device. Default: "{values} is already used by {other}".
        /// </summary>
        public string Message { get; set; } = "{values} is already used by {other}";

        /// <summary>The key of <paramref name="device"/>'s values in <see cref="Scope"/> (equal keys: a clash).</summary>
        internal string KeyOf(Device device)
        {
            var key = new StringBuilder(Scope).Append('\0');
            foreach (string option in _options) key.Append(device.GetOption(RuleValues.IndexOf(device, option)).ToString()).Append('\0');
            return key.ToString();
        }

        /// <summary>The options and values of <paramref name="device"/>, for messages: <c>chassis=1, slot=0</c>.</summary>
        internal string ValuesOf(Device device)
        {
            var values = new StringBuilder();
            foreach (string option in _options)
            {
                if (values.Length > 0) values.Append(", ");
                values.Append(option).Append('=').Append(device.GetOption(RuleValues.IndexOf(device, option)).ToString());
            }
            return values.ToString();
        }

        /// <inheritdoc/>
        public override string Describe(DeviceInfo device) => "unique in the machine among '" + Scope + "' devices: " + string.Join(", ", _options);
    }
}
