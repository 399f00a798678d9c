using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CsCheck;
using DeviceModel.Catalog;
using DeviceModel.Config;
using DeviceModel.Hints;
using DeviceModel.Compat;

namespace DeviceModel.Tests.Compat;

/// <summary>The hints file: round trips, corruption, limits and atomic writes.</summary>
public sealed class HintsFileTests
{
    private static readonly string[] Drivers = { "virtio-net-pci", "virtio-blk-pci", "virtio-rng-pci" };

    private static byte[] SampleFile() =>
        HintsFileWriter.Serialize(
            TestData.Resolve("pc-i440fx-2.6", null, "virtio-net-pci,id=n0,mac=52:54:00:aa:bb:cc", "virtio-blk-pci,id=b0,serial=disk,,1", "virtio-rng-pci")
                .ToHintsFile(TestData.Catalog.RequireMachines()));

    [Fact]
    public void Crc32CMatchesTheStandardCheckValue() =>
        Assert.Equal(0xE3069283u, HintsFileFormat.Crc32C("123456789"u8));

    [Fact]
    public void HeaderIsReadableWithoutDecodingThePayload()
    {
        HintsHeader header = HintsFileReader.ReadHeader(SampleFile()).GetValueOrThrow();
        Assert.Equal(HintsFile.CurrentFormatVersion, header.FormatVersion);
        Assert.Equal(2, header.FormatVersion);
        Assert.Equal(new MachineVersion(7, 2), header.ProducerVersion);
        Assert.Equal("pc-i440fx-2.6", header.Machine);
        Assert.Equal(3, header.RecordCount);
    }

    [Fact]
    public void EverySingleBitFlipIsRejected()
    {
        byte[] file = SampleFile();
        for (int bit = 0; bit < file.Length * 8; bit++)
        {
            byte[] copy = (byte[])file.Clone();
            copy[bit / 8] ^= (byte)(1 << (bit % 8));
            ParseResult<HintsFile> result = HintsFileReader.Read(copy, TestData.Catalog, "sample.dmh");
            Assert.False(result.Succeeded, "bit " + bit + " flipped was accepted");
            Assert.Contains("byte offset", result.Errors[0].Message);
        }
    }

    [Fact]
    public void EveryTruncationIsRejectedWithTheOffset()
    {
        byte[] file = SampleFile();
        for (int length = 0; length < file.Length; length++)
        {
            ParseResult<HintsFile> result = HintsFileReader.Read(file.AsSpan(0, length), TestData.Catalog);
            Assert.False(result.Succeeded, "truncation to " + length + " bytes was accepted");
            Assert.Contains("byte offset", result.Errors[0].Message);
        }
    }

    [Fact]
    public void UnknownFormatVersionIsRejected()
    {
        byte[] file = SampleFile();
        file[HintsFileFormat.FormatVersionOffset] = 3;
        ConfigError error = Assert.Single(HintsFileReader.Read(file, TestData.Catalog).Errors);
        Assert.Contains("unknown hints format version 3 (this version reads 1 to 2)", error.Message);
        Assert.Contains("byte offset 8", error.Message);
    }

    [Fact]
    public void RecordWithAnOptionThisVersionDoesNotKnowIsAnErrorNamingDeviceAndOption()
    {
        var record = new HintsRecord("n0", "virtio-net-pci", new[] { new KeyValuePair<string, OptionValue>("x-future-option", OptionValue.FromBool(true)) });
        byte[] file = HintsFileWriter.Serialize(new HintsFile(new MachineVersion(9, 0), "pc-i440fx-9.0", new[] { record }));
        ConfigError error = Assert.Single(HintsFileReader.Read(file, TestData.Catalog).Errors);
        Assert.Equal("virtio-net-pci", error.DeviceType);
        Assert.Equal("n0", error.DeviceId);
        Assert.Equal("x-future-option", error.Option);
        Assert.Contains("byte offset", error.Message);
    }

    [Theory]
    [InlineData("n0", true)]
    [InlineData("net.0_a-b", true)]
    [InlineData("addr:03.1", true)]
    [InlineData("addr:1f.7", true)]
    [InlineData("addr:3.1", false)]    // not the canonical SS.F the writer emits
    [InlineData("addr:03", false)]
    [InlineData("addr:20.0", false)]   // slot beyond 0x1f
    [InlineData("addr:03.8", false)]
    [InlineData("0net", false)]
    [InlineData("\u001b[1m", false)]
    [InlineData("a\u0007", false)]
    [InlineData("n 0", false)]
    public void RecordKeysMustBeAnIdOrAnAddressAsTheSpecSays(string key, bool valid)
    {
        var record = new HintsRecord(key, "virtio-rng-pci", Array.Empty<KeyValuePair<string, OptionValue>>());
        byte[] file = HintsFileWriter.Serialize(new HintsFile(new MachineVersion(7, 2), "pc", new[] { record }));
        ParseResult<HintsFile> result = HintsFileReader.Read(file, TestData.Catalog);
        Assert.Equal(valid, result.Succeeded);
        if (!valid) Assert.Contains("is neither a device id", Assert.Single(result.Errors).Message);
    }

    [Fact]
    public void HintValueOutsideTheOptionsRangeIsRejected()
    {
        var record = new HintsRecord("b0", "virtio-blk-pci", new[] { new KeyValuePair<string, OptionValue>("queue-size", OptionValue.FromInteger(OptionKind.UInt16, 4096)) });
        byte[] file = HintsFileWriter.Serialize(new HintsFile(new MachineVersion(7, 2), "pc", new[] { record }));
        ConfigError error = Assert.Single(HintsFileReader.Read(file, TestData.Catalog).Errors);
        Assert.Equal("queue-size", error.Option);
        Assert.Contains("out of range", error.Message);
    }

    [Fact]
    public void OversizedFilesAreRejectedBeforeDecoding()
    {
        byte[] file = new byte[HintsFileFormat.MaxFileSize + 1];
        SampleFile().CopyTo(file, 0);
        Assert.Contains("limit", Assert.Single(HintsFileReader.Read(file, TestData.Catalog).Errors).Message);
    }

    [Fact]
    public void WriteAtomicReplacesTheFileAndLeavesNoTemporaryFiles()
    {
        string dir = Path.Combine(Path.GetTempPath(), "dm-hints-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string path = Path.Combine(dir, "vm.dmh");
            File.WriteAllText(path, "old");
            HintsFile hints = HintsFileReader.Read(SampleFile(), TestData.Catalog).GetValueOrThrow();
            HintsFileWriter.WriteAtomic(path, hints);
            Assert.Equal(SampleFile(), File.ReadAllBytes(path));
            Assert.Single(Directory.GetFiles(dir));
            Assert.True(HintsFileReader.ReadFile(path, TestData.Catalog).Succeeded);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void DumpLoadResolveReproducesEveryValueForRandomConfigurations()
    {
        MachineCatalog machines = TestData.Catalog.RequireMachines();
        Gen<(int Machine, int[] Drivers, int Smp)> configs =
            Gen.Select(Gen.Int[0, machines.Machines.Length - 1], Gen.Int[0, Drivers.Length - 1].Array[1, 6], Gen.Int[1, 8]);
        configs.Sample(c =>
        {
            string machine = machines.Machines[c.Machine].Name;
            string[] devices = c.Drivers.Select((d, i) => Drivers[d] + (i % 2 == 0 ? ",id=d" + i : "")).ToArray();
            MachineConfig config = TestData.Config(machine, devices) with { Smp = c.Smp };
            ResolvedMachine first = CompatResolver.Resolve(config, TestData.Catalog).GetValueOrThrow();
            byte[] bytes = HintsFileWriter.Serialize(first.ToHintsFile(machines));
            HintsFile loaded = HintsFileReader.Read(bytes, TestData.Catalog).GetValueOrThrow();
            // The family's newest machine, another vCPU count: the hints alone must reproduce every guest-visible value.
            string newest = machines.Machines.Last(m => m.Family == machines.Machines[c.Machine].Family).Name;
            ResolvedMachine second = CompatResolver.Resolve(TestData.Config(newest, devices) with { Smp = 1 }, TestData.Catalog, loaded).GetValueOrThrow();
            Assert.Empty(second.IgnoredHints);
            for (int d = 0; d < first.Devices.Length; d++)
            {
                foreach (OptionInfo option in first.Devices[d].Device.Info.Options.Where(o => o.IsGuestVisible))
                {
                    Assert.Equal(first.Devices[d].Device.GetOption(option.Index), second.Devices[d].Device.GetOption(option.Index));
                }
            }
        }, iter: 200);
    }
}
