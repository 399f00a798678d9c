using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using DeviceModel.Pci;

namespace DeviceModel.Conformance.Tests.Harness;

/// <summary>
/// Compares a realized config space with QEMU's recording, in the recorder's order (tools/qemu-reference/qemuref/
/// cfgspace.py): the 256 bytes and, where QEMU was read through ECAM, the 4 KiB view (a conventional function reads
/// all ones above 0x100 there); the capability chain; BAR and ROM sizing; the write probes; finally the 256 bytes
/// must be back as dumped (unless QEMU's were not either).
/// </summary>
internal static partial class ConfigComparison
{
    public static void Compare(List<Mismatch> mismatches, RealizedPciFunction function, JsonElement cfg, bool restoredAfterProbes)
    {
        ConfigSpace space = function.Config;
        byte[] expected = Convert.FromHexString(cfg.GetProperty("config_bytes").GetString()!);
        CompareBytes(mismatches, "config", expected, space.Bytes[..ConfigSpace.ConventionalSize].ToArray(), 0);
        if (cfg.TryGetProperty("ext_config_bytes", out JsonElement ext))
        {
            byte[] expectedExt = new byte[ConfigSpace.ExpressSize - ConfigSpace.ConventionalSize];
            expectedExt.AsSpan().Fill(Convert.FromHexString(cfg.GetProperty("ext_config_fill").GetString()!)[0]);
            Convert.FromHexString(ext.GetString()!).CopyTo(expectedExt, 0);
            byte[] actualExt = new byte[expectedExt.Length];
            for (int i = 0; i < actualExt.Length; i++) actualExt[i] = (byte)Ecam.Read(space, ConfigSpace.ConventionalSize + i, 1);
            CompareBytes(mismatches, "extended config", expectedExt, actualExt, ConfigSpace.ConventionalSize);
        }

        int[] chain = ChainOffset().Matches(cfg.GetProperty("chain").GetString()!).Select(m => int.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToArray();
        int[] placed = function.Capabilities.Concat(function.ExtendedCapabilities).Select(c => c.Offset).ToArray();
        // Without ECAM (i440fx) QEMU's chain lists only the standard capabilities.
        if (!cfg.TryGetProperty("ext_config_bytes", out _)) placed = function.Capabilities.Select(c => c.Offset).ToArray();
        if (!chain.SequenceEqual(placed))
            mismatches.Add(new("chain", "QEMU " + Offsets(chain) + ", ours " + Offsets(placed)));

        CompareBars(mismatches, space, cfg);
        CompareWriteProbes(mismatches, space, cfg.GetProperty("write_probe"));
        if (restoredAfterProbes) CompareBytes(mismatches, "restore", expected, space.Bytes[..ConfigSpace.ConventionalSize].ToArray(), 0);
    }

    private static void CompareBars(List<Mismatch> mismatches, ConfigSpace space, JsonElement cfg)
    {
        IReadOnlyList<BarProbeResult> probes = BarProber.ProbeAll(space);
        JsonElement[] recorded = cfg.GetProperty("bar_sizing").EnumerateArray().ToArray();
        if (recorded.Length != probes.Count)
            mismatches.Add(new("BARs", "QEMU sized " + recorded.Length + " registers, we " + probes.Count));
        foreach (JsonElement bar in recorded)
        {
            int index = bar.GetProperty("index").GetInt32();
            BarProbeResult ours = probes.FirstOrDefault(p => p.Index == index);
            bool implemented = bar.GetProperty("implemented").GetBoolean();
            string kind = implemented ? bar.GetProperty("kind").GetString()! : "-";
            string oursKind = !ours.Implemented ? "-" : ours.Kind switch { BarKind.Io => "io", BarKind.Memory32 => "mem32", _ => "mem64" };
            ulong size = implemented ? bar.GetProperty("size").GetUInt64() : 0;
            bool prefetchable = bar.TryGetProperty("prefetchable", out JsonElement pf) && pf.GetBoolean();
            if (kind != oursKind || size != ours.Size || prefetchable != ours.Prefetchable)
                mismatches.Add(new("BAR" + index, "QEMU " + kind + " 0x" + size.ToString("x", CultureInfo.InvariantCulture) + (prefetchable ? " pref" : "")
                    + ", ours " + oursKind + " 0x" + ours.Size.ToString("x", CultureInfo.InvariantCulture) + (ours.Prefetchable ? " pref" : "")));
        }
        JsonElement rom = cfg.GetProperty("rom_sizing");
        uint romSize = rom.GetProperty("implemented").GetBoolean() ? rom.GetProperty("size").GetUInt32() : 0;
        uint oursRom = BarProber.ProbeRom(space);
        if (romSize != oursRom) mismatches.Add(new("ROM", "QEMU 0x" + romSize.ToString("x", CultureInfo.InvariantCulture) + ", ours 0x" + oursRom.ToString("x", CultureInfo.InvariantCulture)));
    }

    private static void CompareWriteProbes(List<Mismatch> mismatches, ConfigSpace space, JsonElement probes)
    {
        foreach (JsonProperty probe in probes.EnumerateObject())
        {
            int offset = Hex(probe.Value.GetProperty("offset"));
            int width = probe.Value.GetProperty("width").GetInt32() / 8;
            uint wrote = (uint)Hex(probe.Value.GetProperty("wrote"));
            uint original = Ecam.Read(space, offset, width);
            Ecam.Write(space, offset, width, wrote);
            uint readBack = Ecam.Read(space, offset, width);
            Ecam.Write(space, offset, width, original);
            uint expectedOriginal = (uint)Hex(probe.Value.GetProperty("original")), expectedReadBack = (uint)Hex(probe.Value.GetProperty("read_back"));
            if (original != expectedOriginal || readBack != expectedReadBack)
                mismatches.Add(new("probe " + probe.Name, "QEMU 0x" + expectedOriginal.ToString("x", CultureInfo.InvariantCulture) + " -> 0x" + expectedReadBack.ToString("x", CultureInfo.InvariantCulture)
                    + ", ours 0x" + original.ToString("x", CultureInfo.InvariantCulture) + " -> 0x" + readBack.ToString("x", CultureInfo.InvariantCulture)));
        }
    }

    private static void CompareBytes(List<Mismatch> mismatches, string what, byte[] expected, byte[] actual, int baseOffset)
    {
        if (expected.AsSpan().SequenceEqual(actual)) return;
        var differences = new List<string>();
        for (int i = 0; i < Math.Min(expected.Length, actual.Length) && differences.Count < 6; i++)
        {
            if (expected[i] != actual[i])
                differences.Add("0x" + (baseOffset + i).ToString("x", CultureInfo.InvariantCulture) + " QEMU " + expected[i].ToString("x2", CultureInfo.InvariantCulture) + " ours " + actual[i].ToString("x2", CultureInfo.InvariantCulture));
        }
        mismatches.Add(new(what, string.Join(", ", differences)));
    }

    private static string Offsets(IEnumerable<int> offsets) => string.Join(" -> ", offsets.Select(o => o.ToString("x", CultureInfo.InvariantCulture)));

    private static int Hex(JsonElement value) => (int)Convert.ToUInt32(value.GetString()!, 16);

    [GeneratedRegex(@"0x([0-9a-f]+):")]
    private static partial Regex ChainOffset();

    /// <summary>Guest access through ECAM: a conventional (256-byte) function reads all ones above 0x100 and ignores writes there.</summary>
    private static class Ecam
    {
        public static uint Read(ConfigSpace space, int offset, int width) =>
            offset >= space.Size ? uint.MaxValue >> (32 - 8 * width) : space.Read(offset, width);

        public static void Write(ConfigSpace space, int offset, int width, uint value)
        {
            if (offset < space.Size) space.Write(offset, width, value);
        }
    }
}
