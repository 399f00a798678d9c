using System.Collections.Generic;
using System.IO;
using DeviceModel.Generators.Tests.Harness;
using DeviceModel.Catalog;

namespace DeviceModel.Generators.Tests.Corpus
{
    /// <summary>
    /// Device declarations the generator must handle, as a device author writes them. Each file compiles with
    /// nullable enabled and warnings as errors once the generator has run.
    /// </summary>
    internal static class DeviceCorpus
    {
        /// <summary>One device with an option of every value type, limits, nullable and auto options, and typed and text histories.</summary>
        public static readonly SourceFile EveryValueType = new("Corpus/EveryValueType.cs", """
            using DeviceModel;

            namespace Corpus.Hw.Misc
            {
                /// <summary>Transmit notification strategies, spelled timer, bh and no-delay.</summary>
                public enum TxMode { Timer, Bh, NoDelay }

                [Device("corpus-everything", Description = "Every option value type")]
                public sealed partial class Everything : Device
                {
                    [ConfigOption("flag")]
                    [CompatHint("2.0", false)]
                    public bool Flag { get; set; } = true;

                    [ConfigOption("flag-opt")]
                    public bool? FlagOpt { get; set; }

                    [ConfigOption("i8", Min = "-100", Max = "100")]
                    [CompatHint("3.0", (sbyte)-5)]
                    public sbyte I8 { get; set; } = -1;

                    [ConfigOption("u8")]
                    public byte U8 { get; set; } = 200;

                    [ConfigOption("i16")]
                    [CompatHint("3.0", "-300")]
                    public short I16 { get; set; } = -3000;

                    [ConfigOption("u16")]
                    [CompatHint("2.12.1", (ushort)1)]
                    public ushort U16 { get; set; } = 60000;

                    [ConfigOption("i32", Min = "-1000", Max = "0x7fff")]
                    public int I32 { get; set; } = -42;

                    [ConfigOption("u32")]
                    public uint U32 { get; set; } = 0xdeadbeef;

                    [ConfigOption("i64")]
                    [CompatHint("2.0", -1L)]
                    public long I64 { get; set; } = long.MinValue;

                    [ConfigOption("u64")]
                    [CompatHint("2.0", "0x10")]
                    public ulong U64 { get; set; } = ulong.MaxValue;

                    [ConfigOption("size", IsSize = true, Min = "4k", Max = "1T", Description = "Window size")]
                    [CompatHint("4.0", "64M", Reason = "larger window")]
                    [CompatHint("2.0", 4096)]
                    public ulong Size { get; set; } = 1UL << 30;

                    [ConfigOption("size32", IsSize = true)]
                    public uint Size32 { get; set; } = 65536;

                    [ConfigOption("ooa")]
                    [CompatHint("6.0", "on")]
                    [CompatHint("2.5", OnOffAuto.Off)]
                    public OnOffAuto Ooa { get; set; } = OnOffAuto.Auto;

                    [ConfigOption("mac")]
                    [CompatHint("5.0", "52:54:00:12:34:56")]
                    public MacAddress? Mac { get; set; }

                    [ConfigOption("addr", Auto = true)]
                    [CompatHint("3.0", "04.0")]
                    public PciAddress? Addr { get; set; }

                    [ConfigOption("name")]
                    [CompatHint("2.0", null)]
                    public string? Name { get; set; } = "unnamed";

                    [ConfigOption("label")]
                    [CompatHint("4.0", "old,label")]
                    public string Label { get; set; } = "new label";

                    [ConfigOption("tx")]
                    [CompatHint("3.0", "bh")]
                    [CompatHint("2.0", TxMode.Timer)]
                    public TxMode Tx { get; set; } = TxMode.NoDelay;

                    [ConfigOption("tx-opt")]
                    public TxMode? TxOpt { get; set; }

                    [ConfigOption("vectors", Auto = true, Min = "1", Max = "2048")]
                    [CompatHint("5.0", "auto")]
                    [CompatHint("2.0", 3)]
                    public int? Vectors { get; set; }

                    [ConfigOption("depth")]
                    [CompatHint("2.0", null)]
                    public int? Depth { get; set; } = 128;

                    [ConfigOption("backend", HostOnly = true, Description = "Host \"backend\" id\\path")]
                    public string? Backend { get; set; }
                }
            }
            """);

        /// <summary>An abstract family with options and histories; one subtype overrides an option's default and history, one does not.</summary>
        public static readonly SourceFile NetworkFamily = new("Corpus/NetworkFamily.cs", """
            using Corpus.Hw.Misc;
            using DeviceModel;

            namespace Corpus.Hw.Net
            {
                [Device("corpus-nic", Description = "Network card family")]
                public abstract partial class NicBase : Device
                {
                    [ConfigOption("mac", Description = "Guest MAC address")]
                    public MacAddress? Mac { get; set; }

                    [ConfigOption("queues", Min = "1", Max = "64", Description = "Queue pairs")]
                    [CompatHint("3.0", (ushort)1, Reason = "multiqueue by default")]
                    public virtual ushort Queues { get; set; } = 4;

                    [ConfigOption("tx", Description = "Transmit notification mode")]
                    [CompatHint("4.1", "bh")]
                    [CompatHint("2.0", TxMode.Timer)]
                    public TxMode Tx { get; set; } = TxMode.NoDelay;

                    [ConfigOption("mtu")]
                    [CompatHint("5.0", 1500u)]
                    public virtual uint Mtu { get; set; } = 9000;
                }

                [Device("corpus-nic-fast", Description = "Multiqueue NIC")]
                public sealed partial class FastNic : NicBase
                {
                    [CompatHint("7.0", (ushort)8, Reason = "more queues")]
                    [CompatHint("6.0", "2")]
                    public override ushort Queues { get; set; } = 16;
                }

                // A product's base without [Device]: its class-level entries replace the family's mtu history for its subtypes.
                [CompatHint("4.0", 1500u, Option = "mtu", Reason = "vendor jumbo frames")]
                [CompatHint("1.0", 576u, Option = "mtu")]
                public abstract partial class VendorNic : NicBase
                {
                }

                [Device("corpus-nic-slow", Description = "Single-queue NIC")]
                public sealed partial class SlowNic : VendorNic
                {
                    /// <summary>An option group's options, composed into the device's table.</summary>
                    [IncludeOptions]
                    public BootOptions Boot { get; } = new() { Firmware = "slow.bin" };

                    [ConfigOption("bandwidth", IsSize = true, Max = "1G")]
                    public ulong Bandwidth { get; set; } = 100 << 20;
                }
            }
            """);

        /// <summary>An option group: declared once, included by <c>SlowNic</c>.</summary>
        public static readonly SourceFile BootGroup = new("Corpus/BootGroup.cs", """
            using Corpus.Hw.Misc;
            using DeviceModel;

            namespace Corpus.Hw.Net
            {
                [OptionGroup("corpus-boot", Description = "Boot options")]
                public sealed partial class BootOptions
                {
                    [ConfigOption("bootindex", Min = "-1")]
                    [CompatHint("2.0", 0)]
                    public int BootIndex { get; set; } = -1;

                    [ConfigOption("firmware", HostOnly = true)]
                    public string? Firmware { get; set; }

                    [ConfigOption("boot-mode")]
                    public TxMode Mode { get; set; } = TxMode.Timer;
                }
            }
            """);

        /// <summary>
        /// A <c>Controller</c> in nested namespace declarations; another <c>Controller</c> is in <see cref="Usb"/>. Its
        /// discard history mixes a family-scoped entry (listed first: the generator sorts by version) with a family-less one.
        /// </summary>
        public static readonly SourceFile Storage = new("Corpus/Storage.cs", """
            using DeviceModel;

            namespace Corpus
            {
                namespace Hw.Storage
                {
                    [Device("corpus-storage-controller", Description = "Storage controller")]
                    public sealed partial class Controller : Device
                    {
                        [ConfigOption("drive", HostOnly = true)]
                        public string? Drive { get; set; }

                        [ConfigOption("serial")]
                        public string Serial { get; set; } = "QM00001";

                        [ConfigOption("discard", Description = "Pass discard requests")]
                        [CompatHint("5.0", OnOffAuto.On, Family = "corpus-q35")]
                        [CompatHint("4.0", OnOffAuto.Off)]
                        public OnOffAuto Discard { get; set; } = OnOffAuto.Auto;
                    }
                }
            }
            """);

        /// <summary>A concrete device (file-scoped namespace) with a concrete subtype, which hides its descriptor.</summary>
        public static readonly SourceFile Usb = new("Corpus/Usb.cs", """
            namespace Corpus.Hw.Usb;

            using DeviceModel;

            [Device("corpus-usb-controller", Description = "USB controller")]
            public partial class Controller : Device
            {
                [ConfigOption("ports", Min = "1", Max = "15")]
                [CompatHint("2.0", (byte)2)]
                public byte Ports { get; set; } = 4;
            }

            [Device("corpus-usb-xhci", Description = "USB 3 controller")]
            public sealed partial class XhciController : Controller
            {
                [ConfigOption("streams")]
                public bool Streams { get; set; } = true;
            }
            """);

        /// <summary>An internal device in the global namespace.</summary>
        public static readonly SourceFile GlobalNamespace = new("Corpus/GlobalNamespace.cs", """
            using DeviceModel;

            [Device("corpus-global", Description = "Device in the global namespace")]
            internal sealed partial class GlobalDevice : Device
            {
                [ConfigOption("level", Min = "-8", Max = "8")]
                public short Level { get; set; }
            }
            """);

        /// <summary>The catalog class of the corpus.</summary>
        public static readonly SourceFile Catalog = new("Corpus/CorpusCatalog.cs", """
            namespace Corpus
            {
                /// <summary>Every corpus device.</summary>
                [DeviceModel.DeviceCatalog]
                public static partial class CorpusCatalog
                {
                }
            }
            """);

        public const string CatalogType = "Corpus.CorpusCatalog";

        /// <summary>The whole corpus.</summary>
        public static IReadOnlyList<SourceFile> All => new[] { EveryValueType, NetworkFamily, BootGroup, Storage, Usb, GlobalNamespace, Catalog };

        /// <summary>The virtio-rng-pci sample as checked in: the device and its catalog.</summary>
        public static IReadOnlyList<SourceFile> VirtioRngSample => new[]
        {
            ReadSample("samples/DeviceModel.Samples.Qemu/VirtioRngPci.cs"),
            ReadSample("samples/DeviceModel.Samples.Qemu/QemuDeviceTypes.cs"),
            ReadSample("samples/DeviceModel.Samples.Qemu/QemuCatalog.cs"),
            ReadSample("samples/DeviceModel.Samples.Qemu/OptionGroups.cs"),
        };

        public const string SampleCatalogType = "DeviceModel.Samples.Qemu.QemuCatalog";

        private static SourceFile ReadSample(string relativePath) => new(relativePath, File.ReadAllText(RepositoryRoot.File(relativePath)));
    }
}
