using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace DeviceModel.GeneratorCost.Corpus;

/// <summary>A file of the corpus: its path relative to the project folder and its text.</summary>
public sealed record CorpusFile(string Path, string Text);

/// <summary>
/// A synthetic product of <see cref="DeviceCount"/> device types, shaped like the README quickstart: one
/// <c>[DeviceCatalog]</c> with <c>[Product]</c> and one <c>[MachineFamily]</c>, then one file per device (half
/// <c>VirtioPciDevice</c>, half <c>PciDevice</c>) with 15 options of mixed types and 3–5 <c>[CompatHint]</c>s, plus
/// the <c>CompatDefaults.*.txt</c> baseline that matches the devices' defaults. Deterministic: the same N gives the
/// same text.
/// </summary>
public sealed class SyntheticCorpus
{
    public const string Namespace = "Corpus.Devices";
    public const string CatalogType = Namespace + ".CorpusCatalog";
    public const string ProductVersion = "3.0";
    public const int OptionsPerDevice = 15;

    /// <summary>The versions of the one machine family, oldest first; every hint's <c>since</c> is one of them.</summary>
    private static readonly string[] MachineVersions = ["1.0", "1.1", "1.2", "2.0", "2.1", "2.2", "3.0"];

    private static readonly string[] Kinds = ["net", "blk", "rng", "serial", "gpu", "input", "scsi", "crypto", "sound", "watchdog", "tpm", "pmem"];

    private static readonly (string Type, string[] Members)[] Enums =
    [
        ("CorpusQueueMode", ["RoundRobin", "Strict", "Weighted"]),
        ("CorpusLinkSpeed", ["Gen1", "Gen2", "Gen3", "Gen4"]),
        ("CorpusErrorPolicy", ["Report", "Ignore", "Stop", "Retry"]),
    ];

    private SyntheticCorpus(int deviceCount, IReadOnlyList<CorpusFile> sources, string shipped, string unshipped, int hintCount)
    {
        DeviceCount = deviceCount;
        Sources = sources;
        CompatDefaultsShipped = shipped;
        CompatDefaultsUnshipped = unshipped;
        HintCount = hintCount;
    }

    public int DeviceCount { get; }

    /// <summary>C# sources: <c>CorpusCatalog.cs</c>, <c>CorpusEnums.cs</c>, then <c>Devices/*.cs</c>, one per device.</summary>
    public IReadOnlyList<CorpusFile> Sources { get; }

    /// <summary><c>CompatDefaults.Shipped.txt</c>: every guest-visible option's default, sorted as the format requires.</summary>
    public string CompatDefaultsShipped { get; }

    /// <summary><c>CompatDefaults.Unshipped.txt</c>: nothing accepted since the release (a comment only).</summary>
    public string CompatDefaultsUnshipped { get; }

    /// <summary>The number of <c>[CompatHint]</c> attributes across all devices.</summary>
    public int HintCount { get; }

    /// <summary>The device names (<c>[Device]</c> names of the concrete classes), in corpus order.</summary>
    public static string DeviceName(int index) => "corpus-" + Kinds[index % Kinds.Length] + "-" + index.ToString("D4", CultureInfo.InvariantCulture) + "-pci";

    public static SyntheticCorpus Create(int deviceCount)
    {
        if (deviceCount < 1) throw new ArgumentOutOfRangeException(nameof(deviceCount), deviceCount, "at least one device");
        var sources = new List<CorpusFile>(deviceCount + 2) { new("CorpusCatalog.cs", CatalogSource()), new("CorpusEnums.cs", EnumsSource()) };
        var baseline = new List<(string Key, string Line)>(deviceCount * OptionsPerDevice);
        int hints = 0;
        for (int i = 0; i < deviceCount; i++)
        {
            DeviceSource device = WriteDevice(i);
            sources.Add(new CorpusFile("Devices/" + device.ClassName + ".cs", device.Text));
            baseline.AddRange(device.BaselineLines);
            hints += device.HintCount;
        }

        var shipped = new StringBuilder()
            .Append("# Compat defaults baseline of the synthetic corpus (shipped): DEVICE OPTION=VALUE sorted by device then option.\n")
            .Append("# Format: docs/compat-defaults-format.md. Written by tests/DeviceModel.GeneratorCost.\n");
        foreach ((string _, string line) in baseline.OrderBy(l => l.Key, StringComparer.Ordinal)) shipped.Append(line).Append('\n');
        const string unshipped = "# Compat defaults accepted since the last release; same format as CompatDefaults.Shipped.txt.\n";
        return new SyntheticCorpus(deviceCount, sources, shipped.ToString(), unshipped, hints);
    }

    private static string CatalogSource() =>
        "using DeviceModel;\n\n" +
        "namespace " + Namespace + "\n{\n" +
        "    [DeviceCatalog]\n" +
        "    [Product(\"corpus-vmm\", \"" + ProductVersion + "\")]\n" +
        "    [MachineFamily(\"corpus-pc\", \"" + string.Join(" ", MachineVersions) + "\", Alias = \"corpus\", Description = \"Corpus PC\")]\n" +
        "    public static partial class CorpusCatalog\n    {\n    }\n}\n";

    private static string EnumsSource()
    {
        var text = new StringBuilder("namespace " + Namespace + "\n{\n");
        foreach ((string type, string[] members) in Enums)
        {
            text.Append("    public enum ").Append(type).Append("\n    {\n");
            foreach (string member in members) text.Append("        ").Append(member).Append(",\n");
            text.Append("    }\n\n");
        }
        text.Length--;
        return text.Append("}\n").ToString();
    }

    private sealed record DeviceSource(string ClassName, string Text, List<(string Key, string Line)> BaselineLines, int HintCount);

    /// <summary>One option of a device: its declaration lines, its baseline value (null: host-only, no line) and a possible hint.</summary>
    private sealed record OptionText(string Name, string Declaration, string? BaselineValue, string? HintValue);

    private static DeviceSource WriteDevice(int i)
    {
        string kind = Kinds[i % Kinds.Length];
        string number = i.ToString("D4", CultureInfo.InvariantCulture);
        string className = "Corpus" + char.ToUpperInvariant(kind[0]) + kind.Substring(1) + number;
        string name = DeviceName(i);
        bool virtio = i % 2 == 0;
        (string enumType, string[] members) = Enums[i % Enums.Length];
        string enumDefault = members[i % members.Length], enumOld = members[(i + 1) % members.Length];
        uint queueSize = 256u << (i % 3);
        uint burst = 32u + (uint)(i % 64);
        ushort queues = (ushort)(2 + i % 7);
        ulong buffer = 4096ul << (i % 6);
        ulong window = 1048576ul << (i % 4);
        string polling = (i % 3) switch { 0 => "Auto", 1 => "On", _ => "Off" };

        var options = new List<OptionText>
        {
            new("offload", Option("offload", "Offload " + kind + " checksums to the host backend") + "        public bool Offload { get; set; } = true;\n", "on", "false"),
            new("mitigation", Option("mitigation", "Coalesce " + kind + " completion interrupts") + "        public bool Mitigation { get; set; } = true;\n", "on", "false"),
            new("x-tracing", Option("x-tracing", "Trace every " + kind + " request to the log") + "        public bool Tracing { get; set; }\n", "off", null),
            new("queue-size", Option("queue-size", "Descriptors per " + kind + " virtqueue", "Min = \"16\", Max = \"1024\"") + "        public uint QueueSize { get; set; } = " + U(queueSize) + ";\n", U(queueSize), U(queueSize / 2) + "u"),
            new("burst", Option("burst", "Requests handled per " + kind + " notification", "Min = \"1\", Max = \"4096\"") + "        public uint Burst { get; set; } = " + U(burst) + ";\n", U(burst), "16u"),
            new("queues", Option("queues", "Number of " + kind + " request queue pairs", "Min = \"1\", Max = \"64\"") + "        public ushort Queues { get; set; } = " + U(queues) + ";\n", U(queues), "(ushort)1"),
            new("lanes", Option("lanes", "Link lanes (auto: as many as the bus has)", "Auto = true") + "        public uint? Lanes { get; set; }\n", "auto", null),
            new("serial", Option("serial", "Serial number the " + kind + " device reports") + "        public string? Serial { get; set; }\n", null, null),
            new("backend", Option("backend", "ID of the host " + kind + " backend object", "HostOnly = true") + "        public string? Backend { get; set; }\n", null, null),
            new("mode", Option("mode", "Scheduling policy of the " + kind + " queues") + "        public " + enumType + " Mode { get; set; } = " + enumType + "." + enumDefault + ";\n", Kebab(enumDefault), enumType + "." + enumOld),
            new("polling", Option("polling", "Poll the " + kind + " queues from the host") + "        public OnOffAuto Polling { get; set; } = OnOffAuto." + polling + ";\n", polling.ToLowerInvariant(), polling == "Off" ? "OnOffAuto.On" : "OnOffAuto.Off"),
            new("mac", Option("mac", "MAC address (auto: the next default one)", "Auto = true") + "        public MacAddress? Mac { get; set; }\n", "auto", null),
            new("buffer-size", Option("buffer-size", "Bounce buffer size of the " + kind + " device", "IsSize = true") + "        public ulong BufferSize { get; set; } = " + buffer.ToString(CultureInfo.InvariantCulture) + ";\n", Size(buffer), "(ulong)" + (buffer / 2).ToString(CultureInfo.InvariantCulture)),
            new("window", Option("window", "Size of the " + kind + " shared memory window", "IsSize = true") + "        public ulong Window { get; set; } = " + window.ToString(CultureInfo.InvariantCulture) + ";\n", Size(window), null),
            new("bootindex", Option("bootindex", "Boot order index (-1: not bootable)") + "        public int BootIndex { get; set; } = -1;\n", "-1", null),
        };

        // 3 to 5 hints, on a rotating choice of the hintable options, each with its own machine version.
        OptionText[] hintable = options.Where(o => o.HintValue is not null).ToArray();
        int hintCount = 3 + i % 3;
        var hinted = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int h = 0; h < hintCount; h++)
        {
            OptionText option = hintable[(i + h * 3) % hintable.Length];
            string since = MachineVersions[1 + (i + h) % (MachineVersions.Length - 1)];
            hinted[option.Name] = "        [CompatHint(\"" + since + "\", " + option.HintValue + ")]\n";
        }
        if (hinted.Count != hintCount) throw new InvalidOperationException("two hints chose one option of " + name);

        var text = new StringBuilder();
        text.Append("using System.Collections.Generic;\nusing DeviceModel;\nusing DeviceModel.Pci;\n\n");
        text.Append("namespace ").Append(Namespace).Append("\n{\n");
        text.Append("    [Device(\"").Append(name).Append("\", Description = \"Corpus ").Append(kind).Append(" device number ").Append(number).Append("\")]\n");
        text.Append("    public sealed partial class ").Append(className).Append(" : ").Append(virtio ? "VirtioPciDevice" : "PciDevice").Append("\n    {\n");
        if (virtio)
        {
            text.Append("        protected override ushort VirtioDeviceType => ").Append(U((uint)(1 + i % 40))).Append(";\n");
            text.Append("        protected override int DeviceConfigLength => ").Append(U((uint)(i % 4) * 8)).Append(";\n");
        }
        else
        {
            text.Append("        protected override PciIdentity Identity => new(PciIdentity.RedHatQumranetVendor, 0x")
                .Append((0x1100 + i % 0x800).ToString("x4", CultureInfo.InvariantCulture)).Append(", 1, PciIdentity.ClassCodeOf(0x0880), PciIdentity.RedHatQumranetVendor, 0x0001);\n");
            text.Append("        protected override bool IsExpressFunction => false;\n");
            text.Append("        protected override void DeclareBars(List<BarDeclaration> bars) => bars.Add(BarDeclaration.Memory32(0, 0x1000));\n");
        }
        var lines = new List<(string Key, string Line)>();
        foreach (OptionText option in options)
        {
            text.Append('\n');
            int attributeEnd = option.Declaration.IndexOf(")]\n", StringComparison.Ordinal) + 3;
            text.Append(option.Declaration, 0, attributeEnd);
            if (hinted.TryGetValue(option.Name, out string? hint)) text.Append(hint);
            text.Append(option.Declaration, attributeEnd, option.Declaration.Length - attributeEnd);
            if (option.Declaration.Contains("HostOnly = true", StringComparison.Ordinal)) continue;
            string key = name + " " + option.Name;
            lines.Add((key, option.BaselineValue is null ? key : key + "=" + option.BaselineValue));
        }
        text.Append("    }\n}\n");
        return new DeviceSource(className, text.ToString(), lines, hintCount);
    }

    private static string Option(string name, string description, string? extra = null) =>
        "        [ConfigOption(\"" + name + "\"" + (extra is null ? "" : ", " + extra) + ", Description = \"" + description + "\")]\n";

    private static string U(uint value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The value syntax of a size: its largest exact binary suffix (65536 is <c>64k</c>).</summary>
    private static string Size(ulong value)
    {
        string[] suffixes = ["", "k", "M", "G", "T", "P", "E"];
        int s = 0;
        while (value != 0 && value % 1024 == 0 && s < suffixes.Length - 1)
        {
            value /= 1024;
            s++;
        }
        return value.ToString(CultureInfo.InvariantCulture) + suffixes[s];
    }

    /// <summary>An enum member as the value syntax spells it: <c>RoundRobin</c> is <c>round-robin</c>, <c>Gen1</c> is <c>gen1</c>.</summary>
    private static string Kebab(string member)
    {
        var text = new StringBuilder();
        for (int c = 0; c < member.Length; c++)
        {
            if (char.IsUpper(member[c]) && c > 0) text.Append('-');
            text.Append(char.ToLowerInvariant(member[c]));
        }
        return text.ToString();
    }
}
