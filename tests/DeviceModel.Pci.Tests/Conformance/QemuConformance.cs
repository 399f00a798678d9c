using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DeviceModel.Pci.Tests.Conformance;

/// <summary>
/// Builds a run's config space from its effective options and compares it with QEMU's: the 256 bytes (4096 where
/// ECAM was read), the capability chain, BAR and ROM sizing, and the write-probe read-backs, in the recorder's
/// order (dump, BAR sizing, write probes); finally the space must be back to the dumped bytes.
/// </summary>
internal static partial class QemuConformance
{
    public static IReadOnlyList<string> Check(QemuRun run)
    {
        var mismatches = new List<string>();
        VirtioPciOptions options = QemuOptionMapping.ToOptions(run);
        if (run.Refused is not null)
        {
            try
            {
                VirtioPciLayout.Create(options).Realize();
                mismatches.Add("QEMU refused it (" + run.Refused + ") but the layout was built");
            }
            catch (PciConfigurationException)
            {
            }
            return mismatches;
        }

        RealizedPciFunction function;
        try
        {
            function = VirtioPciLayout.Create(options).Realize();
        }
        catch (PciConfigurationException e)
        {
            mismatches.Add("refused what QEMU built: " + e.Message);
            return mismatches;
        }
        ConfigSpace space = function.Config;
        JsonElement cfg = run.Config!.Value;

        byte[] expected = Convert.FromHexString(cfg.GetProperty("config_bytes").GetString()!);
        CompareBytes(mismatches, "config", expected, space.Bytes[..ConfigSpace.ConventionalSize].ToArray(), 0);
        if (cfg.TryGetProperty("ext_config_bytes", out JsonElement ext))
        {
            byte[] expectedExt = new byte[ConfigSpace.ExpressSize - ConfigSpace.ConventionalSize];
            byte[] head = Convert.FromHexString(ext.GetString()!);
            expectedExt.AsSpan().Fill(Convert.FromHexString(cfg.GetProperty("ext_config_fill").GetString()!)[0]);
            head.CopyTo(expectedExt, 0);
            // A conventional function reads all ones above 0x100 through ECAM (the host bridge's limit check).
            byte[] actualExt = space.IsExpress ? space.Bytes[ConfigSpace.ConventionalSize..].ToArray() : Enumerable.Repeat((byte)0xff, expectedExt.Length).ToArray();
            CompareBytes(mismatches, "extended config", expectedExt, actualExt, ConfigSpace.ConventionalSize);
        }

        int[] chain = ChainOffset().Matches(cfg.GetProperty("chain").GetString()!).Select(m => int.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToArray();
        int[] placed = function.Capabilities.Concat(function.ExtendedCapabilities).Select(c => c.Offset).ToArray();
        if (!chain.SequenceEqual(placed))
            mismatches.Add("capability chain: QEMU " + string.Join(" -> ", chain.Select(o => o.ToString("x"))) + ", ours " + string.Join(" -> ", placed.Select(o => o.ToString("x"))));

        CheckBars(mismatches, space, cfg);
        CheckWriteProbes(mismatches, space, cfg.GetProperty("write_probe"));
        CompareBytes(mismatches, "config after sizing and probes", expected, space.Bytes[..ConfigSpace.ConventionalSize].ToArray(), 0);
        return mismatches;
    }

    private static void CheckBars(List<string> mismatches, ConfigSpace space, JsonElement cfg)
    {
        IReadOnlyList<BarProbeResult> probes = BarProber.ProbeAll(space);
        JsonElement[] recorded = cfg.GetProperty("bar_sizing").EnumerateArray().ToArray();
        if (recorded.Length != probes.Count)
            mismatches.Add("BAR sizing: QEMU probed " + recorded.Length + " registers, we " + probes.Count);
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
                mismatches.Add("BAR" + index + ": QEMU " + kind + " 0x" + size.ToString("x") + (prefetchable ? " pref" : "") + ", ours " + oursKind + " 0x" + ours.Size.ToString("x") + (ours.Prefetchable ? " pref" : ""));
        }
        JsonElement rom = cfg.GetProperty("rom_sizing");
        uint romSize = rom.GetProperty("implemented").GetBoolean() ? rom.GetProperty("size").GetUInt32() : 0;
        uint oursRom = BarProber.ProbeRom(space);
        if (romSize != oursRom) mismatches.Add("ROM: QEMU 0x" + romSize.ToString("x") + ", ours 0x" + oursRom.ToString("x"));
    }

    private static void CheckWriteProbes(List<string> mismatches, ConfigSpace space, JsonElement probes)
    {
        foreach (JsonProperty probe in probes.EnumerateObject())
        {
            int offset = Hex(probe.Value.GetProperty("offset"));
            int width = probe.Value.GetProperty("width").GetInt32() / 8;
            uint wrote = (uint)Hex(probe.Value.GetProperty("wrote"));
            if (offset + width > space.Size)
            {
                mismatches.Add("write probe " + probe.Name + ": 0x" + offset.ToString("x") + " is outside our " + space.Size + "-byte space");
                continue;
            }
            uint original = space.Read(offset, width);
            space.Write(offset, width, wrote);
            uint readBack = space.Read(offset, width);
            space.Write(offset, width, original);
            uint expectedOriginal = (uint)Hex(probe.Value.GetProperty("original")), expectedReadBack = (uint)Hex(probe.Value.GetProperty("read_back"));
            if (original != expectedOriginal || readBack != expectedReadBack)
                mismatches.Add("write probe " + probe.Name + ": QEMU 0x" + expectedOriginal.ToString("x") + " -> 0x" + expectedReadBack.ToString("x") + ", ours 0x" + original.ToString("x") + " -> 0x" + readBack.ToString("x"));
        }
    }

    private static void CompareBytes(List<string> mismatches, string what, byte[] expected, byte[] actual, int baseOffset)
    {
        if (expected.AsSpan().SequenceEqual(actual)) return;
        var differences = new List<string>();
        for (int i = 0; i < Math.Min(expected.Length, actual.Length) && differences.Count < 8; i++)
            if (expected[i] != actual[i]) differences.Add("0x" + (baseOffset + i).ToString("x") + " QEMU " + expected[i].ToString("x2") + " ours " + actual[i].ToString("x2"));
        mismatches.Add(what + " differs: " + string.Join(", ", differences));
    }

    private static int Hex(JsonElement value) => (int)Convert.ToUInt32(value.GetString()!, 16);

    [GeneratedRegex(@"0x([0-9a-f]+):")]
    private static partial Regex ChainOffset();
}
