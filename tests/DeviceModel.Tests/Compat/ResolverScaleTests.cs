using System;
using System.Diagnostics;
using System.Text;
using DeviceModel.Compat;
using DeviceModel.Config;
using Xunit.Abstractions;

namespace DeviceModel.Tests.Compat;

/// <summary>
/// Resolver errors on large configurations cost time linear in the devices, not devices × ids: before, each unknown bus
/// ran did-you-mean over every id (3,888 devices, before the device limit: 37 s and 4.3 GiB here; after: about 30 ms and 1.3 MiB).
/// </summary>
public sealed class ResolverScaleTests
{
    private readonly ITestOutputHelper _output;

    public ResolverScaleTests(ITestOutputHelper output) => _output = output;

    private static byte[] ConfigWithUnknownBuses(int devices)
    {
        var json = new StringBuilder("{\"machine\":\"q35\",\"devices\":[\n");
        for (int i = 0; i < devices; i++)
        {
            if (i > 0) json.Append(",\n");
            json.Append("\"virtio-rng-pci,id=rng").Append(i).Append(",bus=port").Append(i).Append('"');
        }
        return Encoding.UTF8.GetBytes(json.Append("\n]}").ToString());
    }

    [Fact]
    public void Unknown_buses_of_the_most_devices_a_machine_places_are_reported_quickly_each_with_its_position()
    {
        int devices = ConfigLimits.MaxDevices;
        MachineConfig config = JsonConfigReader.ReadMachineConfig(ConfigWithUnknownBuses(devices), TestData.Catalog, "big.json").GetValueOrThrow();
        CompatResolver.Resolve(JsonConfigReader.ReadMachineConfig(ConfigWithUnknownBuses(10), TestData.Catalog, "warm.json").GetValueOrThrow(), TestData.Catalog);
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        ParseResult<ResolvedMachine> result = CompatResolver.Resolve(config, TestData.Catalog);
        clock.Stop();
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        _output.WriteLine(devices + " unknown buses: " + clock.Elapsed.TotalMilliseconds + " ms, " + (allocated >> 10) + " KiB allocated");
        // The first ConfigLimits.MaxErrors, each at its device's line, then one entry counting the rest.
        Assert.Equal(ConfigLimits.MaxErrors + 1, result.Errors.Length);
        Assert.Equal(new SourceLocation("big.json", 2, 1), result.Errors[0].Location);
        Assert.Equal(new SourceLocation("big.json", ConfigLimits.MaxErrors + 1, 1), result.Errors[ConfigLimits.MaxErrors - 1].Location);
        Assert.Equal(ConfigErrorKind.TooManyErrors, result.Errors[^1].Kind);
        Assert.Equal((devices - ConfigLimits.MaxErrors).ToString(System.Globalization.CultureInfo.InvariantCulture), result.Errors[^1].Value);
        Assert.InRange(clock.Elapsed.TotalMilliseconds, 0, 2000); // generous for a loaded machine; the allocation bound is the exact check
        Assert.InRange(allocated, 0, 64L << 20);
    }
}
