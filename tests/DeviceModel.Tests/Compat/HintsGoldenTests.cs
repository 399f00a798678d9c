using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DeviceModel.Compat;
using DeviceModel.Config;
using DeviceModel.Hints;

namespace DeviceModel.Tests.Compat;

/// <summary>
/// Persistent formats are forever: the checked-in hints files of every format version (tests/goldens/hints-v1, -v2)
/// load with this build and give their devices exactly the values they were written with.
/// </summary>
public sealed class HintsGoldenTests
{
    public static TheoryData<int, string> Samples()
    {
        var data = new TheoryData<int, string>();
        foreach (int version in new[] { 1, 2 })
        {
            foreach (string file in System.IO.Directory.EnumerateFiles(Directory(version), "*.dmh").OrderBy(f => f, StringComparer.Ordinal))
                data.Add(version, Path.GetFileNameWithoutExtension(file));
        }
        return data;
    }

    private static string Directory(int version) => Path.Combine(TestData.RepoRoot, "tests", "goldens", "hints-v" + version);

    private static MachineConfig ConfigOf(int version, string name, string? machine = null)
    {
        MachineConfig config = JsonConfigReader.ReadMachineConfigFile(Path.Combine(Directory(version), name + ".config.json"), TestData.Catalog).GetValueOrThrow();
        return machine is null ? config : config with { Machine = machine };
    }

    [Fact]
    public void Every_format_version_has_samples_for_both_machine_families()
    {
        foreach (int version in new[] { 1, 2 })
        {
            string[] names = System.IO.Directory.GetFiles(Directory(version), "*.dmh").Select(Path.GetFileName).ToArray()!;
            Assert.True(names.Length >= 5, "hints-v" + version + " has " + names.Length + " samples");
            Assert.Contains(names, n => n.StartsWith("q35", StringComparison.Ordinal));
            Assert.Contains(names, n => n.StartsWith("i440fx", StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void A_checked_in_file_loads_with_its_format_version(int version, string name)
    {
        byte[] bytes = File.ReadAllBytes(Path.Combine(Directory(version), name + ".dmh"));
        Assert.Equal(version, HintsFileReader.ReadHeader(bytes).GetValueOrThrow().FormatVersion);
        HintsFile hints = HintsFileReader.Read(bytes, TestData.Catalog).GetValueOrThrow();
        Assert.Equal(version, hints.FormatVersion);
        Assert.Equal(ConfigOf(version, name).Devices.Length, hints.Records.Length);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void A_checked_in_file_holds_the_values_its_configuration_resolves_to_on_its_own_machine(int version, string name)
    {
        HintsFile hints = HintsFileReader.ReadFile(Path.Combine(Directory(version), name + ".dmh"), TestData.Catalog).GetValueOrThrow();
        ResolvedMachine original = CompatResolver.Resolve(ConfigOf(version, name), TestData.Catalog).GetValueOrThrow();
        Assert.Equal(original.Machine.Name, hints.Machine);
        AssertRecordsMatch(hints, original, expectHintsSource: false);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void A_checked_in_file_applied_on_the_newest_machine_gives_every_device_its_recorded_values(int version, string name)
    {
        HintsFile hints = HintsFileReader.ReadFile(Path.Combine(Directory(version), name + ".dmh"), TestData.Catalog).GetValueOrThrow();
        string newest = name.StartsWith("q35", StringComparison.Ordinal) ? "q35" : "pc";
        ResolvedMachine later = CompatResolver.Resolve(ConfigOf(version, name, newest), TestData.Catalog, hints).GetValueOrThrow();
        Assert.Empty(later.IgnoredHints);
        AssertRecordsMatch(hints, later, expectHintsSource: true);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void A_format_version_2_sample_is_exactly_what_its_configuration_dumps_today(int version, string name)
    {
        if (version != 2) return; // version 1 is read, never written any more
        byte[] golden = File.ReadAllBytes(Path.Combine(Directory(version), name + ".dmh"));
        byte[] dumped = CompatResolver.Resolve(ConfigOf(version, name), TestData.Catalog).GetValueOrThrow().ToHintsBytes(TestData.Catalog.RequireMachines());
        // The payload and the machine field; the producer version (and so the CRC) follows the product's version.
        Assert.Equal(golden.AsSpan(HintsFileFormat.HeaderSize).ToArray(), dumped.AsSpan(HintsFileFormat.HeaderSize).ToArray());
        Assert.Equal(golden.AsSpan(HintsFileFormat.MachineOffset, HintsFileFormat.MachineLength).ToArray(), dumped.AsSpan(HintsFileFormat.MachineOffset, HintsFileFormat.MachineLength).ToArray());
        Assert.Equal(golden.AsSpan(0, HintsFileFormat.ProducerOffset).ToArray(), dumped.AsSpan(0, HintsFileFormat.ProducerOffset).ToArray());
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void A_checked_in_file_written_again_is_the_current_version_with_the_same_records(int version, string name)
    {
        HintsFile hints = HintsFileReader.ReadFile(Path.Combine(Directory(version), name + ".dmh"), TestData.Catalog).GetValueOrThrow();
        HintsFile again = HintsFileReader.Read(HintsFileWriter.Serialize(hints), TestData.Catalog).GetValueOrThrow();
        Assert.Equal(HintsFile.CurrentFormatVersion, again.FormatVersion);
        Assert.Equal((hints.ProducerVersion, hints.Machine), (again.ProducerVersion, again.Machine));
        Assert.Equal(hints.Records.Select(r => (r.Key, r.Driver)), again.Records.Select(r => (r.Key, r.Driver)));
        for (int r = 0; r < hints.Records.Length; r++)
        {
            Assert.Equal(hints.Records[r].Values.Select(v => v.Key), again.Records[r].Values.Select(v => v.Key));
            Assert.True(hints.Records[r].Values.Select(v => v.Value).SequenceEqual(again.Records[r].Values.Select(v => v.Value)), hints.Records[r].Key);
        }
    }

    private static void AssertRecordsMatch(HintsFile hints, ResolvedMachine resolved, bool expectHintsSource)
    {
        var byKey = resolved.Devices.ToDictionary(d => d.Key, StringComparer.Ordinal);
        foreach (HintsRecord record in hints.Records)
        {
            ResolvedDevice device = byKey[record.Key];
            Assert.Equal(record.Driver, device.Device.Info.Name);
            int guestVisible = device.Device.Info.Options.Count(o => !o.HostOnly);
            Assert.Equal(guestVisible, record.Values.Length);
            foreach (KeyValuePair<string, OptionValue> pair in record.Values)
            {
                int index = device.Device.Info.IndexOf(pair.Key);
                Assert.True(pair.Value == device.Device.GetOption(index), record.Key + "." + pair.Key + ": recorded " + pair.Value + ", resolved " + device.Device.GetOption(index));
                if (expectHintsSource) Assert.Contains(device.Device.SourceOf(index), new[] { OptionSource.Hints, OptionSource.Explicit });
            }
        }
    }
}
