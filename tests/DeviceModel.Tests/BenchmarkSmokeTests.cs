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
