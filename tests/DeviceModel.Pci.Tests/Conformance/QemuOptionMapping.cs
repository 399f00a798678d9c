using System;
using System.Collections.Generic;
using System.Text.Json;

namespace DeviceModel.Pci.Tests.Conformance;

/// <summary>
/// Maps a run's effective QEMU properties to <see cref="VirtioPciOptions"/>: what the device models will do once
/// their generated capability declarations drive the layout. Device-config sizes follow QEMU 7.2's feature tables
/// (virtio-net <c>feature_sizes</c>, virtio-blk <c>VIRTIO_BLK_CFG_SIZE</c> plus discard/write-zeroes).
/// </summary>
internal static class QemuOptionMapping
{
    public static VirtioPciOptions ToOptions(QemuRun run)
    {
        IReadOnlyDictionary<string, JsonElement> p = run.Props;
        bool net = run.Device == "virtio-net-pci";
        ushort classId = !net && Int(p, "class") != 0 ? (ushort)Int(p, "class") : (ushort)0;
        return new VirtioPciOptions
        {
            DeviceType = net ? (ushort)1 : (ushort)2,
            ClassId = classId == 0 ? null : classId,
            Legacy = Str(p, "disable-legacy") switch
            {
                "off" => true,
                "on" => false,
                _ => !run.BehindRootPort, // auto: off on a root bus, on behind a PCI Express port
            },
            Modern = !Bool(p, "disable-modern"),
            Vectors = (int)Int(p, "vectors"),
            PagePerVq = Bool(p, "page-per-vq"),
            ModernPioNotify = Bool(p, "modern-pio-notify"),
            Bus = run.BehindRootPort ? BusKind.ExpressPort : run.IsQ35 ? BusKind.ExpressRoot : BusKind.ConventionalRoot,
            DisablePcie = Bool(p, "x-disable-pcie"),
            PcieDeviceErrorInit = Bool(p, "x-pcie-deverr-init"),
            PcieLinkControlInit = Bool(p, "x-pcie-lnkctl-init"),
            PciePowerManagementInit = Bool(p, "x-pcie-pm-init"),
            PcieFunctionLevelResetInit = Bool(p, "x-pcie-flr-init"),
            PcieExtendedCapabilityInit = Bool(p, "x-pcie-extcap-init"),
            Aer = Bool(p, "aer"),
            Ats = Bool(p, "ats"),
            AtsPageAligned = Bool(p, "x-ats-page-aligned"),
            DeviceConfigLength = net ? NetConfigLength(p) : BlockConfigLength(p),
            RomSize = !string.IsNullOrEmpty(Str(p, "romfile")) && Int(p, "rombar") != 0 ? (uint)Int(p, "romsize") : 0,
            Multifunction = Bool(p, "multifunction"),
            IommuPlatform = Bool(p, "iommu_platform"),
            LegacyOnlyFeatures = !net && Bool(p, "scsi") ? ["scsi"] : [],
        };
    }

    /// <summary>virtio_net_config up to the last field an offered feature needs (MAC is always offered).</summary>
    public static int NetConfigLength(IReadOnlyDictionary<string, JsonElement> p)
    {
        int length = 6;                                                                 // mac
        if (Bool(p, "status")) length = Math.Max(length, 8);                            // status
        if (Bool(p, "mq")) length = Math.Max(length, 10);                               // max_virtqueue_pairs
        if (Int(p, "host_mtu") != 0) length = Math.Max(length, 12);                     // mtu
        if (Str(p, "duplex").Length > 0 || Int(p, "speed") >= 0) length = Math.Max(length, 17); // speed, duplex
        if (Bool(p, "rss") || Bool(p, "hash")) length = Math.Max(length, 24);           // rss/hash fields
        return length;
    }

    /// <summary>virtio_blk_config up to num_queues, plus the discard and write-zeroes fields when offered.</summary>
    public static int BlockConfigLength(IReadOnlyDictionary<string, JsonElement> p)
    {
        int length = 36;
        if (Bool(p, "discard")) length = Math.Max(length, 48);
        if (Bool(p, "write-zeroes")) length = Math.Max(length, 57);
        return length;
    }

    private static bool Bool(IReadOnlyDictionary<string, JsonElement> p, string name) => p[name].GetBoolean();
    private static long Int(IReadOnlyDictionary<string, JsonElement> p, string name) => p[name].GetInt64();
    private static string Str(IReadOnlyDictionary<string, JsonElement> p, string name) => p[name].GetString() ?? "";
}
