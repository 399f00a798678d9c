namespace DeviceModel.Samples.Qemu;

/// <summary>virtio-net feature bits (virtio specification 5.1.3; QEMU's <c>standard-headers/linux/virtio_net.h</c>).</summary>
public static class VirtioNetFeature
{
    /// <summary>VIRTIO_NET_F_CSUM.</summary>
    public const int Csum = 0;
    /// <summary>VIRTIO_NET_F_GUEST_CSUM.</summary>
    public const int GuestCsum = 1;
    /// <summary>VIRTIO_NET_F_CTRL_GUEST_OFFLOADS.</summary>
    public const int CtrlGuestOffloads = 2;
    /// <summary>VIRTIO_NET_F_MTU.</summary>
    public const int Mtu = 3;
    /// <summary>VIRTIO_NET_F_MAC.</summary>
    public const int Mac = 5;
    /// <summary>VIRTIO_NET_F_GSO (legacy).</summary>
    public const int Gso = 6;
    /// <summary>VIRTIO_NET_F_GUEST_TSO4.</summary>
    public const int GuestTso4 = 7;
    /// <summary>VIRTIO_NET_F_GUEST_TSO6.</summary>
    public const int GuestTso6 = 8;
    /// <summary>VIRTIO_NET_F_GUEST_ECN.</summary>
    public const int GuestEcn = 9;
    /// <summary>VIRTIO_NET_F_GUEST_UFO.</summary>
    public const int GuestUfo = 10;
    /// <summary>VIRTIO_NET_F_HOST_TSO4.</summary>
    public const int HostTso4 = 11;
    /// <summary>VIRTIO_NET_F_HOST_TSO6.</summary>
    public const int HostTso6 = 12;
    /// <summary>VIRTIO_NET_F_HOST_ECN.</summary>
    public const int HostEcn = 13;
    /// <summary>VIRTIO_NET_F_HOST_UFO.</summary>
    public const int HostUfo = 14;
    /// <summary>VIRTIO_NET_F_MRG_RXBUF.</summary>
    public const int MrgRxbuf = 15;
    /// <summary>VIRTIO_NET_F_STATUS.</summary>
    public const int Status = 16;
    /// <summary>VIRTIO_NET_F_CTRL_VQ.</summary>
    public const int CtrlVq = 17;
    /// <summary>VIRTIO_NET_F_CTRL_RX.</summary>
    public const int CtrlRx = 18;
    /// <summary>VIRTIO_NET_F_CTRL_VLAN.</summary>
    public const int CtrlVlan = 19;
    /// <summary>VIRTIO_NET_F_CTRL_RX_EXTRA.</summary>
    public const int CtrlRxExtra = 20;
    /// <summary>VIRTIO_NET_F_GUEST_ANNOUNCE.</summary>
    public const int GuestAnnounce = 21;
    /// <summary>VIRTIO_NET_F_MQ.</summary>
    public const int Mq = 22;
    /// <summary>VIRTIO_NET_F_CTRL_MAC_ADDR.</summary>
    public const int CtrlMacAddr = 23;
    /// <summary>VIRTIO_NET_F_HASH_REPORT.</summary>
    public const int HashReport = 57;
    /// <summary>VIRTIO_NET_F_RSS.</summary>
    public const int Rss = 60;
    /// <summary>VIRTIO_NET_F_RSC_EXT.</summary>
    public const int RscExt = 61;
    /// <summary>VIRTIO_NET_F_STANDBY.</summary>
    public const int Standby = 62;
    /// <summary>VIRTIO_NET_F_SPEED_DUPLEX.</summary>
    public const int SpeedDuplex = 63;
}

/// <summary>virtio-blk feature bits (virtio specification 5.2.3).</summary>
public static class VirtioBlkFeature
{
    /// <summary>VIRTIO_BLK_F_SIZE_MAX.</summary>
    public const int SizeMax = 1;
    /// <summary>VIRTIO_BLK_F_SEG_MAX.</summary>
    public const int SegMax = 2;
    /// <summary>VIRTIO_BLK_F_GEOMETRY.</summary>
    public const int Geometry = 4;
    /// <summary>VIRTIO_BLK_F_RO.</summary>
    public const int ReadOnly = 5;
    /// <summary>VIRTIO_BLK_F_BLK_SIZE.</summary>
    public const int BlockSize = 6;
    /// <summary>VIRTIO_BLK_F_SCSI (legacy).</summary>
    public const int Scsi = 7;
    /// <summary>VIRTIO_BLK_F_FLUSH (legacy name VIRTIO_BLK_F_WCE).</summary>
    public const int Flush = 9;
    /// <summary>VIRTIO_BLK_F_TOPOLOGY.</summary>
    public const int Topology = 10;
    /// <summary>VIRTIO_BLK_F_CONFIG_WCE.</summary>
    public const int ConfigWce = 11;
    /// <summary>VIRTIO_BLK_F_MQ.</summary>
    public const int Mq = 12;
    /// <summary>VIRTIO_BLK_F_DISCARD.</summary>
    public const int Discard = 13;
    /// <summary>VIRTIO_BLK_F_WRITE_ZEROES.</summary>
    public const int WriteZeroes = 14;
}

/// <summary>virtio-scsi feature bits (virtio specification 5.6.3).</summary>
public static class VirtioScsiFeature
{
    /// <summary>VIRTIO_SCSI_F_HOTPLUG.</summary>
    public const int Hotplug = 1;
    /// <summary>VIRTIO_SCSI_F_CHANGE.</summary>
    public const int Change = 2;
}

/// <summary>virtio-balloon feature bits (virtio specification 5.5.3).</summary>
public static class VirtioBalloonFeature
{
    /// <summary>VIRTIO_BALLOON_F_STATS_VQ.</summary>
    public const int StatsVq = 1;
    /// <summary>VIRTIO_BALLOON_F_DEFLATE_ON_OOM.</summary>
    public const int DeflateOnOom = 2;
    /// <summary>VIRTIO_BALLOON_F_FREE_PAGE_HINT.</summary>
    public const int FreePageHint = 3;
    /// <summary>VIRTIO_BALLOON_F_PAGE_POISON.</summary>
    public const int PagePoison = 4;
    /// <summary>VIRTIO_BALLOON_F_REPORTING.</summary>
    public const int Reporting = 5;
}

/// <summary>virtio-console feature bits (virtio specification 5.3.3).</summary>
public static class VirtioConsoleFeature
{
    /// <summary>VIRTIO_CONSOLE_F_SIZE.</summary>
    public const int Size = 0;
    /// <summary>VIRTIO_CONSOLE_F_MULTIPORT.</summary>
    public const int Multiport = 1;
    /// <summary>VIRTIO_CONSOLE_F_EMERG_WRITE.</summary>
    public const int EmergWrite = 2;
}

/// <summary>virtio-gpu feature bits (virtio specification 5.7.3).</summary>
public static class VirtioGpuFeature
{
    /// <summary>VIRTIO_GPU_F_VIRGL.</summary>
    public const int Virgl = 0;
    /// <summary>VIRTIO_GPU_F_EDID.</summary>
    public const int Edid = 1;
    /// <summary>VIRTIO_GPU_F_RESOURCE_UUID.</summary>
    public const int ResourceUuid = 2;
    /// <summary>VIRTIO_GPU_F_RESOURCE_BLOB.</summary>
    public const int ResourceBlob = 3;
}
