using System.Linq;
using DeviceModel.Catalog;
using DeviceModel.Config;
using DeviceModel.Hints;
using DeviceModel.Compat;

namespace DeviceModel.Tests.Compat;

/// <summary>The rules of "Configuration vs. compat hints", one test each.</summary>
public sealed class FoundingRuleTests
{
    private static HintsFile Dump(ResolvedMachine resolved) =>
        HintsFileReader.Read(HintsFileWriter.Serialize(resolved.ToHintsFile(TestData.Catalog.RequireMachines())), TestData.Catalog).GetValueOrThrow();

    [Fact]
    public void BasicConfigAloneGivesCurrentDefaults()
    {
        ResolvedMachine resolved = TestData.Resolve("pc", null, "virtio-net-pci,id=n0");
        Assert.Equal(4UL, TestData.Value(resolved, "n0", "vectors").Bits);
        Assert.Equal(OptionSource.Default, TestData.Source(resolved, "n0", "vectors"));
        Assert.True(TestData.Value(resolved, "n0", "queue_reset").Bool);
        Assert.Equal(OptionSource.Default, TestData.Source(resolved, "n0", "queue_reset"));
    }

    [Fact]
    public void OldMachineGetsItsVersionedDefaultsFromTheHistory()
    {
        ResolvedMachine resolved = TestData.Resolve("pc-i440fx-5.2", null, "virtio-net-pci,id=n0");
        Assert.Equal(3UL, TestData.Value(resolved, "n0", "vectors").Bits);
        Assert.Equal(OptionSource.Machine, TestData.Source(resolved, "n0", "vectors"));
        ResolvedMachine newer = TestData.Resolve("pc-i440fx-7.2", null, "virtio-net-pci,id=n0");
        Assert.Equal(4UL, TestData.Value(newer, "n0", "vectors").Bits);
    }

    [Fact]
    public void HintsDumpedOnAnOldMachineReproduceTheOldValuesOnTheNewestMachine()
    {
        ResolvedMachine old = TestData.Resolve("pc-i440fx-2.6", null, "virtio-net-pci,id=n0", "virtio-blk-pci,id=b0");
        HintsFile hints = Dump(old);
        ResolvedMachine later = TestData.Resolve("pc", hints, "virtio-net-pci,id=n0", "virtio-blk-pci,id=b0");
        for (int d = 0; d < old.Devices.Length; d++)
        {
            Device before = old.Devices[d].Device, after = later.Devices[d].Device;
            foreach (OptionInfo option in before.Info.Options.Where(o => o.IsGuestVisible))
            {
                Assert.Equal(before.GetOption(option.Index), after.GetOption(option.Index));
                Assert.Equal(OptionSource.Hints, after.SourceOf(option.Index));
            }
        }
        Assert.True(TestData.Value(later, "n0", "disable-modern").Bool);
        Assert.Equal(3UL, TestData.Value(later, "n0", "vectors").Bits);
    }

    [Fact]
    public void ExplicitConfigBeatsAHint()
    {
        HintsFile hints = Dump(TestData.Resolve("pc-i440fx-5.2", null, "virtio-net-pci,id=n0"));
        ResolvedMachine resolved = TestData.Resolve("pc", hints, "virtio-net-pci,id=n0,vectors=8");
        Assert.Equal(8UL, TestData.Value(resolved, "n0", "vectors").Bits);
        Assert.Equal(OptionSource.Explicit, TestData.Source(resolved, "n0", "vectors"));
        Assert.Equal(OptionSource.Hints, TestData.Source(resolved, "n0", "page-per-vq"));
    }

    [Fact]
    public void DeviceWithoutAHintRecordGetsTheMachinesDefaults()
    {
        HintsFile hints = Dump(TestData.Resolve("pc-i440fx-2.6", null, "virtio-net-pci,id=n0"));
        ResolvedMachine resolved = TestData.Resolve("pc-i440fx-7.2", hints, "virtio-net-pci,id=n0", "virtio-net-pci,id=n1");
        Assert.Equal(4UL, TestData.Value(resolved, "n1", "vectors").Bits);
        Assert.Equal(OptionSource.Default, TestData.Source(resolved, "n1", "vectors"));
        Assert.False(TestData.Value(resolved, "n1", "disable-modern").Bool);
        Assert.Equal(3UL, TestData.Value(resolved, "n0", "vectors").Bits);
        // The new device takes the next MAC, after the hinted one.
        Assert.NotEqual(TestData.Value(resolved, "n0", "mac"), TestData.Value(resolved, "n1", "mac"));
    }

    [Fact]
    public void HintsForADeviceAbsentFromTheConfigAreIgnoredAndReported()
    {
        HintsFile hints = Dump(TestData.Resolve("pc-i440fx-2.6", null, "virtio-net-pci,id=n0", "virtio-blk-pci,id=b0"));
        ResolvedMachine resolved = TestData.Resolve("pc", hints, "virtio-net-pci,id=n0");
        IgnoredHint ignored = Assert.Single(resolved.IgnoredHints);
        Assert.Equal("b0", ignored.Key);
        Assert.Equal("virtio-blk-pci", ignored.Driver);
        Assert.Single(resolved.Devices);
    }

    [Fact]
    public void OptionIntroducedAfterTheProducerVersionResolvesToItsValueBeforeSince()
    {
        // A record written by a 7.1 producer knows nothing of queue_reset (since 7.2): the record's device gets 7.1's value.
        ResolvedMachine resolved = TestData.Resolve("pc-i440fx-7.1", null, "virtio-net-pci,id=n0");
        HintsRecord full = resolved.ToHintsFile(TestData.Catalog.RequireMachines()).Records[0];
        var withoutQueueReset = new HintsRecord(full.Key, full.Driver, full.Values.Where(v => v.Key != "queue_reset"));
        var hints = new HintsFile(new MachineVersion(7, 1), "pc-i440fx-7.1", new[] { withoutQueueReset });
        ResolvedMachine later = TestData.Resolve("pc-i440fx-7.2", hints, "virtio-net-pci,id=n0", "virtio-net-pci,id=n1");
        Assert.False(TestData.Value(later, "n0", "queue_reset").Bool);
        Assert.Equal(OptionSource.Machine, TestData.Source(later, "n0", "queue_reset"));
        Assert.True(TestData.Value(later, "n1", "queue_reset").Bool);
    }

    [Fact]
    public void FamilyScopedHistoryGivesItsOlderValueToThatFamilysMachinesOnly()
    {
        ResolvedMachine q35 = TestData.Resolve("pc-q35-6.1", null, "pcie-root-port,id=p0,chassis=1");
        Assert.False(TestData.Value(q35, "p0", "x-native-hotplug").Bool);
        Assert.Equal(OptionSource.Machine, TestData.Source(q35, "p0", "x-native-hotplug"));
        ResolvedMachine i440fx = TestData.Resolve("pc-i440fx-6.1", null, "pcie-root-port,id=p0,chassis=1");
        Assert.True(TestData.Value(i440fx, "p0", "x-native-hotplug").Bool);
        Assert.Equal(OptionSource.Default, TestData.Source(i440fx, "p0", "x-native-hotplug"));
        // Older pc-q35 machines are on the history too: they keep the value before 6.1.
        ResolvedMachine older = TestData.Resolve("pc-q35-6.0", null, "pcie-root-port,id=p0,chassis=1");
        Assert.True(TestData.Value(older, "p0", "x-native-hotplug").Bool);
        Assert.Equal(OptionSource.Machine, TestData.Source(older, "p0", "x-native-hotplug"));
    }

    [Theory]
    [InlineData("pc-q35-6.1", false, OptionSource.Machine)]
    [InlineData("pc-i440fx-6.1", true, OptionSource.Default)]
    [InlineData("microvm-6.1", true, OptionSource.Default)] // unknown to this product: family-less evaluation
    public void RecordedDeviceIsEvaluatedForTheFamilyOfTheHintsFilesMachine(string recordedOn, bool expected, OptionSource source)
    {
        // A 6.1 record without x-native-hotplug, applied on the newest q35: the file's machine decides the family.
        HintsRecord full = TestData.Resolve("pc-q35-7.2", null, "pcie-root-port,id=p0,chassis=1").ToHintsFile(TestData.Catalog.RequireMachines()).Records[0];
        var record = new HintsRecord(full.Key, full.Driver, full.Values.Where(v => v.Key != "x-native-hotplug"));
        var hints = new HintsFile(new MachineVersion(6, 1), recordedOn, new[] { record });
        ResolvedMachine later = TestData.Resolve("q35", hints, "pcie-root-port,id=p0,chassis=1");
        Assert.Equal(expected, TestData.Value(later, "p0", "x-native-hotplug").Bool);
        Assert.Equal(source, TestData.Source(later, "p0", "x-native-hotplug"));
    }

    [Fact]
    public void DeviceWithoutIdIsKeyedByItsPciAddress()
    {
        HintsFile hints = Dump(TestData.Resolve("pc-i440fx-5.2", null, "virtio-net-pci,addr=04.0"));
        Assert.Equal("addr:04.0", hints.Records[0].Key);
        ResolvedMachine later = TestData.Resolve("pc", hints, "virtio-net-pci,addr=04.0");
        Assert.Equal(3UL, later.Devices[0].Device.GetOption("vectors").Bits);
    }

    [Fact]
    public void AutoValuesFollowTheMachineBusAndVcpus()
    {
        MachineConfig config = TestData.Config("pc-i440fx-7.2", "virtio-blk-pci,id=b0");
        ResolvedMachine four = CompatResolver.Resolve(config with { Smp = 4 }, TestData.Catalog).GetValueOrThrow();
        Assert.Equal(4UL, TestData.Value(four, "b0", "num-queues").Bits);
        Assert.Equal(5UL, TestData.Value(four, "b0", "vectors").Bits);
        Assert.Equal(OptionSource.Auto, TestData.Source(four, "b0", "num-queues"));
        ResolvedMachine old = CompatResolver.Resolve(TestData.Config("pc-i440fx-5.1", "virtio-blk-pci,id=b0") with { Smp = 4 }, TestData.Catalog).GetValueOrThrow();
        Assert.Equal(1UL, TestData.Value(old, "b0", "num-queues").Bits);
        Assert.Equal(2UL, TestData.Value(old, "b0", "vectors").Bits);
        ResolvedMachine root = TestData.Resolve("q35", null, "virtio-net-pci,id=n0");
        Assert.Equal(OnOffAuto.Off, TestData.Value(root, "n0", "disable-legacy").AsOnOffAuto());
    }

    [Fact]
    public void UnknownMachineIsAnErrorListingCloseMatches()
    {
        ParseResult<ResolvedMachine> result = CompatResolver.Resolve(TestData.Config("pc-i440fx-9.2", "virtio-net-pci"), TestData.Catalog);
        ConfigError error = Assert.Single(result.Errors);
        Assert.Equal(ConfigErrorKind.UnknownMachine, error.Kind);
        Assert.Contains("pc-i440fx-6.2", error.Message);
        Assert.Contains("pc-i440fx-9.2", error.ToString());
    }

    [Fact]
    public void MachineVersionsCompareNumerically()
    {
        Assert.True(MachineVersion.Parse("2.10") > MachineVersion.Parse("2.9"));
        Assert.True(MachineVersion.Parse("4.0.1") > MachineVersion.Parse("4.0"));
        Assert.True(MachineVersion.Parse("4.0.1") < MachineVersion.Parse("4.1"));
        MachineCatalog machines = TestData.Catalog.RequireMachines();
        Assert.Equal(new MachineVersion(4, 0, 1), machines.Find("pc-q35-4.0.1")!.Version);
        Assert.Equal("pc-i440fx-7.2", machines.Find("pc")!.Name);
        Assert.Equal("pc-q35-7.2", machines.Find("q35")!.Name);
        Assert.True(machines.Find("pc-i440fx-1.4")!.Deprecated);
    }
}
