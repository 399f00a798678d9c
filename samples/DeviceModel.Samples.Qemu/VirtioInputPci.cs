namespace DeviceModel.Samples.Qemu;

/// <summary>
/// QEMU's abstract <c>virtio-input-pci</c>: the options shared by virtio-keyboard-pci, virtio-mouse-pci and
/// virtio-tablet-pci. QEMU's realize forces virtio 1.0 (<c>virtio_pci_force_virtio_1</c>): the devices are always
/// modern-only, whatever <c>disable-legacy</c>/<c>disable-modern</c> say.
/// </summary>
[Device("virtio-input-pci", Description = "Virtio input device")]
[VirtioQueue("eventq", "64")]
[VirtioQueue("statusq", "64")]
// virtio_input_config: select, subsel, size and 5 reserved bytes, then the union as long as the type's largest config
// entry (QEMU's cfg_size; each type declares its own); zero until the driver selects an entry.
[DeviceConfigField("select..reserved", 0, 8)]
[DeviceConfigField("u.string (serial)", 8, 128, Length = "serial.length")] // the serial entry, when longer than the type's largest
// QEMU 7.2 aborts on a longer one (an assertion on cfg_size in virtio_input_device_realize): refused here.
[VirtioCheck("serial.length > 128", "serial is longer than the 128 bytes of virtio_input_config's string")]
public abstract partial class VirtioInputPci : QemuVirtioPciDevice
{
    /// <summary>Two vectors: config and the event queue.</summary>
    [ConfigOption("vectors", Auto = true, Description = "Number of MSI-X vectors (0 disables MSI-X)")]
    public override uint? Vectors { get; set; } = 2;

    /// <inheritdoc/>
    protected override ushort VirtioDeviceType => 18;

    /// <summary>PCI_CLASS_INPUT_OTHER (virtio-tablet-pci); the keyboard and the mouse have their own.</summary>
    protected override ushort? ClassId => 0x0980;

    /// <inheritdoc/>
    protected override bool ForcesVirtio1 => true;

    /// <summary>The serial string the device reports (VIRTIO_INPUT_CFG_ID_SERIAL).</summary>
    [ConfigOption("serial", Description = "Serial number reported to the guest")]
    public string? Serial { get; set; }

    /// <summary>The display (console) whose input events the device receives.</summary>
    [ConfigOption("display", HostOnly = true, Description = "ID of the display whose input events are routed to the device")]
    public string? Display { get; set; }

    /// <summary>The head of <see cref="Display"/>.</summary>
    [ConfigOption("head", HostOnly = true, Description = "Head of the display whose input events are routed to the device")]
    public uint Head { get; set; }
}

/// <summary>QEMU's <c>virtio-keyboard-pci</c>.</summary>
[Device("virtio-keyboard-pci", Description = "Virtio keyboard")]
[DeviceConfigField("u", 8, 29)] // the EV_KEY bitmap of the keys QEMU maps, up to KEY_MICMUTE
public sealed partial class VirtioKeyboardPci : VirtioInputPci
{
    /// <summary>PCI_CLASS_INPUT_KEYBOARD.</summary>
    protected override ushort? ClassId => 0x0900;
}

/// <summary>QEMU's <c>virtio-mouse-pci</c>.</summary>
[Device("virtio-mouse-pci", Description = "Virtio mouse")]
[DeviceConfigField("u", 8, 43)] // the EV_KEY bitmap of the buttons, up to BTN_GEAR_UP
public sealed partial class VirtioMousePci : VirtioInputPci
{
    /// <summary>PCI_CLASS_INPUT_MOUSE.</summary>
    protected override ushort? ClassId => 0x0902;

    /// <summary>Report a wheel axis (REL_WHEEL) instead of wheel buttons; machines before 2.11 do not.</summary>
    [ConfigOption("wheel-axis", Description = "Report the wheel as an axis (REL_WHEEL)")]
    [CompatHint("2.11", false)]
    public bool WheelAxis { get; set; } = true;
}

/// <summary>QEMU's <c>virtio-tablet-pci</c>.</summary>
[Device("virtio-tablet-pci", Description = "Virtio tablet (absolute pointer)")]
[DeviceConfigField("u", 8, 43)] // the EV_KEY bitmap of the buttons, up to BTN_GEAR_UP
public sealed partial class VirtioTabletPci : VirtioInputPci
{
    /// <summary>Report a wheel axis (REL_WHEEL) instead of wheel buttons; machines before 2.11 do not.</summary>
    [ConfigOption("wheel-axis", Description = "Report the wheel as an axis (REL_WHEEL)")]
    [CompatHint("2.11", false)]
    public bool WheelAxis { get; set; } = true;
}
