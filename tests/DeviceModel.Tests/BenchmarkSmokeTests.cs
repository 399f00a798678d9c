using System;
using System.Linq;
using System.Reflection;
using BenchmarkDotNet.Attributes;
using DeviceModel.Benchmarks;
using DeviceModel.Hints;

namespace DeviceModel.Tests;

/// <summary>
/// The short version of the BenchmarkDotNet suite (the long one: <c>dotnet run -c Release --project
/// tests/DeviceModel.Benchmarks -- --filter '*'</c>): every benchmark runs once and returns a real result, so the suite
/// cannot rot between measurements.
/// </summary>
public sealed class BenchmarkSmokeTests
{
    public static TheoryData<string> BenchmarkClasses()
    {
        var data = new TheoryData<string>();
        foreach (Type type in typeof(ConfigBenchmarks).Assembly.GetTypes().Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null)).OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            data.Add(type.FullName!);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(BenchmarkClasses))]
    public void EveryBenchmarkRunsOnceAndReturnsAResult(string typeName)
    {
        Type type = typeof(ConfigBenchmarks).Assembly.GetType(typeName)!;
        object instance = Activator.CreateInstance(type)!;
        foreach (MethodInfo setup in type.GetMethods().Where(m => m.GetCustomAttribute<GlobalSetupAttribute>() is not null)) setup.Invoke(instance, null);
        MethodInfo[] benchmarks = type.GetMethods().Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null).ToArray();
        Assert.NotEmpty(benchmarks);
        foreach (MethodInfo benchmark in benchmarks)
        {
            object? result = benchmark.Invoke(instance, null);
            Assert.NotNull(result);
            if (result is int count) Assert.True(count > 0, benchmark.Name + " returned " + count);
            if (result is byte[] bytes) Assert.NotEmpty(bytes);
        }
    }

    [Fact]
    public void TheParserAlternativesReadTheSameValuesAsKeyvalParser()
    {
        var config = new ConfigBenchmarks();
        Device device = config.ParseKeyval();
        NetConfig hand = config.HandWritten();
        ReflectedNetConfig reflected = config.CachedReflection();
        Assert.Equal(device.Id, hand.Id);
        Assert.Equal(device.Id, reflected.Id);
        Assert.Equal(device.GetOption("mac").Bits, hand.Mac);
        Assert.Equal(device.GetOption("mac").Bits, reflected.Mac!.Value.Value);
        Assert.Equal(device.GetOption("mq").Bool, hand.Mq);
        Assert.Equal(device.GetOption("mq").Bool, reflected.Mq);
        Assert.Equal(device.GetOption("vectors").Bits, (ulong)hand.Vectors!.Value);
        Assert.Equal(device.GetOption("vectors").Bits, (ulong)reflected.Vectors!.Value);
        Assert.Equal(device.GetOption("rx_queue_size").Bits, hand.RxQueueSize);
        Assert.Equal(device.GetOption("rx_queue_size").Bits, reflected.RxQueueSize);
        Assert.Equal(device.GetOption("disable-legacy").Bits, (ulong)hand.DisableLegacy);
        Assert.Equal(device.GetOption("disable-legacy").Bits, (ulong)reflected.DisableLegacy);
        Assert.Equal(device.GetOption("romfile").Text, hand.RomFile);
        Assert.Equal(device.GetOption("romfile").Text, reflected.RomFile);
        Assert.Equal(device.GetOption("addr").Bits, (ulong)hand.Addr);
        Assert.Equal(device.GetOption("addr").Bits, (ulong)reflected.Addr!.Value.DevFn);
    }

    [Theory]
    [InlineData("virtio-net-pci,id=net0,,x")]
    [InlineData("virtio-net-pci,id=0net")]
    [InlineData("virtio-net-pci,mq=maybe")]
    [InlineData("virtio-net-pci,vectors=010")]
    [InlineData("virtio-net-pci,vectors=4294967296")]
    [InlineData("virtio-net-pci,rx_queue_size=128")]
    [InlineData("virtio-net-pci,mac=52:54:00:12:34")]
    [InlineData("virtio-net-pci,addr=20.0")]
    [InlineData("virtio-net-pci,disable-legacy=sometimes")]
    [InlineData("virtio-net-pci,mq=on,mq=off")]
    [InlineData("virtio-net-pci,mq")]
    [InlineData("virtio-net-pci,mq=on,")]
    [InlineData("virtio-net-pci,no_such_option=1")]
    [InlineData("e1000x,id=n")]
    public void TheParserAlternativesRefuseWhatKeyvalParserRefuses(string text)
    {
        Assert.False(DeviceModel.Config.KeyvalParser.ParseDevice(text, DeviceModel.Samples.Qemu.QemuCatalog.Catalog).Succeeded);
        Assert.Null(HandWrittenNetParser.Parse(text, out NetConfigError? handError));
        Assert.NotNull(handError);
        Assert.Null(ReflectionNetParser.Parse(text, out NetConfigError? reflectionError));
        Assert.NotNull(reflectionError);
    }

    [Fact]
    public void HintsOfTheSixtyFourDeviceConfigurationRoundTrip()
    {
        var hints = new HintsBenchmarks();
        hints.Setup();
        HintsFile loaded = hints.Load();
        Assert.Equal(HintsBenchmarks.DeviceCount, loaded.Records.Length);
        Assert.Equal(hints.Dump(), HintsFileWriter.Serialize(loaded));
    }

    [Fact]
    public void HintsFormatVersion2IsAtMostHalfTheJsonOfTheSameRecordsAndSmallerThanMessagePack()
    {
        var hints = new HintsBenchmarks();
        hints.Setup();
        Assert.True(hints.FileSize * 2 <= hints.JsonSize, "v2 " + hints.FileSize + " B, JSON " + hints.JsonSize + " B");
        Assert.True(hints.FileSize < hints.MessagePackSize, "v2 " + hints.FileSize + " B, MessagePack " + hints.MessagePackSize + " B");
        Assert.True(hints.FileSize < hints.Version1Size, "v2 " + hints.FileSize + " B, v1 " + hints.Version1Size + " B");
    }

    [Fact]
    public void TheJsonAndMessagePackAlternativesCarryTheSameRecordsAsTheHintsFile()
    {
        var hints = new HintsBenchmarks();
        hints.Setup();
        HintsFile binary = hints.Load();
        foreach (HintsFile alternative in new[] { hints.LoadJson(), hints.LoadMessagePack() })
        {
            Assert.Equal(binary.Records.Length, alternative.Records.Length);
            for (int r = 0; r < binary.Records.Length; r++)
            {
                Assert.Equal(binary.Records[r].Key, alternative.Records[r].Key);
                Assert.Equal(binary.Records[r].Values.Length, alternative.Records[r].Values.Length);
                for (int i = 0; i < binary.Records[r].Values.Length; i++)
                {
                    var expected = binary.Records[r].Values[i];
                    var actual = alternative.Records[r].Values[i];
                    Assert.True(expected.Key == actual.Key && expected.Value == actual.Value,
                        binary.Records[r].Key + ": " + expected.Key + "=" + expected.Value + " (" + expected.Value.Kind + ") vs " + actual.Key + "=" + actual.Value + " (" + actual.Value.Kind + ", auto " + actual.Value.IsAuto + ")");
                }
            }
        }
    }
}
