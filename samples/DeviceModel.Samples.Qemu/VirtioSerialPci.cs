namespace DeviceModel.Samples.Qemu;

/// <summary>QEMU's <c>virtio-serial-pci</c>: virtio console and serial ports.</summary>
[Device("virtio-serial-pci", Description = "Virtio serial ports and console")]
// virtio_console_config: cols, rows, max_nr_ports, and emerg_wr with emergency-write.
// get_features: MULTIPORT with more than one port.
[VirtioDeviceFeature(VirtioConsoleFeature.Multiport, Requires = "max_ports > 1")]
// virtio_serial_device_realize: port 0's pair, the control pair (32 each), then the other ports' pairs.
[VirtioQueue("receiveq0", "128")]
[VirtioQueue("transmitq0", "128")]
[VirtioQueue("control_receiveq", "32")]
[VirtioQueue("control_transmitq", "32")]
[VirtioQueue("receiveq", "128", Count = "max_ports - 1", Group = "port")]
[VirtioQueue("transmitq", "128", Count = "max_ports - 1", Group = "port")]
[DeviceConfigField("cols", 0, 2)]
[DeviceConfigField("rows", 2, 2)]
[DeviceConfigField("max_nr_ports", 4, 4, Value = "max_ports")]
[DeviceConfigField("emerg_wr", 8, 4, When = "emergency-write")]
public sealed partial class VirtioSerialPci : QemuVirtioPciDevice
{
    /// <summary><c>ioeventfd</c>.</summary>
    [IncludeOptions]
    public IoeventfdOption Notify { get; } = new();

    /// <summary>VIRTIO_F_ANY_LAYOUT: machines before 2.4 do not offer it (QEMU hw_compat_2_3).</summary>
    [CompatHint("2.4", false)]
    public override bool AnyLayout { get; set; } = true;

    [ConfigOption("max_ports", Min = "1", Max = "511", Description = "Largest number of ports")]
    public uint MaxPorts { get; set; } = 31;

    /// <summary>Vectors: config and the control queues; auto (machines before 1.5): one per port plus one.</summary>
    [ConfigOption("vectors", Auto = true, Description = "Number of MSI-X vectors (0 disables MSI-X; auto: max_ports + 1)")]
    [AutoFrom("max_ports", Plus = 1)]
    [CompatHint("1.5", "auto")]
    public override uint? Vectors { get; set; } = 2;

    [VirtioFeature(VirtioConsoleFeature.EmergWrite)]
    [ConfigOption("emergency-write", Description = "Emergency write (VIRTIO_CONSOLE_F_EMERG_WRITE)")]
    [CompatHint("2.8", false)]
    public bool EmergencyWrite { get; set; } = true;

    /// <summary>QEMU keeps communication-other (0x0780), display-other (0x0380) and "others" (0xff00), and uses 0x0780 for anything else.</summary>
    [ConfigOption("class", Auto = true, Description = "PCI class (0x0780 communication, 0x0380 display, 0xff00 other)")]
    [OneOfOr(0x0780, 0x0780, 0x0380, 0xff00)]
    public uint? Class { get; set; }

    /// <inheritdoc/>
    protected override ushort VirtioDeviceType => 3;

    /// <inheritdoc/>
    /// <remarks>QEMU accepts communication-other (0x0780), display-other (0x0380) and "others" (0xff00); anything else is 0x0780.</remarks>
    protected override ushort? ClassId => (ushort?)Class;
}
