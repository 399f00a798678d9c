namespace DeviceModel.Samples.Qemu;

/// <summary>QEMU's <c>virtio-serial-pci</c>: virtio console and serial ports.</summary>
[Device("virtio-serial-pci", Description = "Virtio serial ports and console")]
public sealed partial class VirtioSerialPci : VirtioPciDevice
{
    [ConfigOption("max_ports", Min = "1", Max = "511", Description = "Largest number of ports")]
    public uint MaxPorts { get; set; } = 31;

    [ConfigOption("emergency-write", Description = "Emergency write (VIRTIO_CONSOLE_F_EMERG_WRITE)")]
    public bool EmergencyWrite { get; set; } = true;

    [ConfigOption("class", Description = "PCI class code (0: communication controller)")]
    public uint Class { get; set; }

    /// <inheritdoc/>
    protected override ushort VirtioDeviceType => 3;

    /// <summary>virtio_console_config: cols, rows, max_nr_ports, and emerg_wr with emergency-write.</summary>
    protected override int DeviceConfigLength => EmergencyWrite ? 12 : 8;

    /// <inheritdoc/>
    /// <remarks>QEMU accepts communication-other (0x0780), display-other (0x0380) and "others" (0xff00); anything else is 0x0780.</remarks>
    protected override ushort? ClassId => Class is 0x0780 or 0x0380 or 0xff00 ? (ushort)Class : null;

    /// <summary>QEMU: two vectors, for config and the control queues.</summary>
    protected override void ResolveAuto(RealizeContext context)
    {
        base.ResolveAuto(context);
        Vectors ??= 2;
    }
}
