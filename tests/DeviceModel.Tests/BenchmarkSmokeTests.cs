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
}
