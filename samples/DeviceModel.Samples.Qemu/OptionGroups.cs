namespace DeviceModel.Samples.Qemu;

/// <summary>
/// QEMU's <c>DEFINE_NIC_PROPERTIES</c> (<c>mac</c>, <c>netdev</c>) and the NIC's <c>bootindex</c>: declared once, included by
/// e1000, e1000e and virtio-net-pci (<c>[IncludeOptions] public NicOptions Nic { get; } = new();</c>).
/// </summary>
[OptionGroup("nic", Description = "The options every NIC has")]
public sealed partial class NicOptions
{
    /// <summary>The MAC address; unset: the next default MAC (52:54:00:12:34:56, …57, …), as QEMU's <c>qemu_macaddr_default_if_unset</c>.</summary>
    [ConfigOption("mac", Auto = true, Description = "Ethernet 6-byte MAC Address, example: 52:54:00:12:34:56")]
    [DefaultMac]
    public MacAddress? Mac { get; set; }

    /// <summary>The host network backend.</summary>
    [ConfigOption("netdev", HostOnly = true, Description = "ID of a netdev to use as a backend")]
    public string? Netdev { get; set; }

    /// <summary>The firmware boot order.</summary>
    [ConfigOption("bootindex", Description = "Boot order index (-1: not bootable)")]
    public int BootIndex { get; set; } = -1;
}

/// <summary>
/// virtio-pci's <c>ioeventfd</c> flag, which QEMU defines per virtio-pci type (on for net, blk, scsi, serial and rng; off for
/// gpu, which includes it with <c>new() { Ioeventfd = false }</c>; absent from balloon and input): host-side only.
/// </summary>
[OptionGroup("virtio-ioeventfd", Description = "Virtqueue notifications through ioeventfd")]
public sealed partial class IoeventfdOption
{
    /// <summary>Whether queue notifications go through an ioeventfd.</summary>
    [ConfigOption("ioeventfd", HostOnly = true, Description = "Use ioeventfd for virtqueue notifications")]
    public bool Ioeventfd { get; set; } = true;
}
