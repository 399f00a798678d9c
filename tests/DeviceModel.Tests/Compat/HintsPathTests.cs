using System;
using System.IO;
using System.Text;
using DeviceModel.Compat;
using DeviceModel.Config;
using DeviceModel.Hints;

namespace DeviceModel.Tests.Compat;

/// <summary>
/// <see cref="MachineConfig.HintsPath"/> is honoured by <see cref="CompatResolver.Resolve(MachineConfig, DeviceModel.Catalog.DeviceCatalog)"/>:
/// a library caller that only names the file gets the hinted values, and a file that cannot be used is an error,
/// never a silent fall-back to the newest defaults (a guest-visible change).
/// </summary>
public sealed class HintsPathTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("devicemodel-hints-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string WriteHintsOf(string machine, params string[] devices)
    {
        string path = Path.Combine(_directory, "vm.dmh");
        HintsFileWriter.WriteAtomic(path, TestData.Resolve(machine, null, devices).ToHintsFile(TestData.Catalog.RequireMachines()));
        return path;
    }

    [Fact]
    public void A_config_that_only_names_a_hints_file_gets_the_hinted_values()
    {
        string path = WriteHintsOf("pc-i440fx-2.6", "virtio-net-pci,id=n0");
        MachineConfig config = TestData.Config("pc", "virtio-net-pci,id=n0") with { HintsPath = path };

        ResolvedMachine resolved = CompatResolver.Resolve(config, TestData.Catalog).GetValueOrThrow();

        // pc-i440fx-2.6's values, not the newest machine's (vectors=4, disable-modern=off).
        Assert.Equal(3UL, TestData.Value(resolved, "n0", "vectors").Bits);
        Assert.True(TestData.Value(resolved, "n0", "disable-modern").Bool);
        Assert.Equal(OptionSource.Hints, TestData.Source(resolved, "n0", "vectors"));
        Assert.True(resolved.Devices[0].HintsApplied);
        Assert.Equal(path, resolved.Hints!.Path);
    }

    [Fact]
    public void A_hints_path_read_from_a_config_file_is_relative_to_that_file_and_applied()
    {
        WriteHintsOf("pc-i440fx-2.6", "virtio-net-pci,id=n0");
        string configPath = Path.Combine(_directory, "vm.json");
        File.WriteAllText(configPath, "{\"machine\": \"pc\", \"hints\": \"vm.dmh\", \"devices\": [\"virtio-net-pci,id=n0\"]}", Encoding.UTF8);
        MachineConfig config = JsonConfigReader.ReadMachineConfigFile(configPath, TestData.Catalog).GetValueOrThrow();

        ResolvedMachine resolved = CompatResolver.Resolve(config, TestData.Catalog).GetValueOrThrow();

        Assert.Equal(3UL, TestData.Value(resolved, "n0", "vectors").Bits);
        Assert.Equal(OptionSource.Hints, TestData.Source(resolved, "n0", "vectors"));
    }

    [Fact]
    public void A_missing_hints_file_is_an_error_naming_it_never_the_newest_defaults()
    {
        string path = Path.Combine(_directory, "missing.dmh");
        MachineConfig config = TestData.Config("pc", "virtio-net-pci,id=n0") with { HintsPath = path };

        ParseResult<ResolvedMachine> result = CompatResolver.Resolve(config, TestData.Catalog);

        Assert.False(result.Succeeded);
        ConfigError error = Assert.Single(result.Errors);
        Assert.Equal(ConfigErrorKind.Io, error.Kind);
        Assert.Equal(path, error.Location.Source);
        Assert.Contains("hints file not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupt_hints_file_is_an_error_too()
    {
        string path = WriteHintsOf("pc-i440fx-2.6", "virtio-net-pci,id=n0");
        byte[] bytes = File.ReadAllBytes(path);
        bytes[^1] ^= 0xff;
        File.WriteAllBytes(path, bytes);
        MachineConfig config = TestData.Config("pc", "virtio-net-pci,id=n0") with { HintsPath = path };

        ParseResult<ResolvedMachine> result = CompatResolver.Resolve(config, TestData.Catalog);

        Assert.False(result.Succeeded);
        Assert.All(result.Errors, e => Assert.Equal(path, e.Location.Source));
    }

    [Fact]
    public void Hints_in_memory_and_a_hints_path_together_are_refused_not_one_silently_dropped()
    {
        string path = WriteHintsOf("pc-i440fx-2.6", "virtio-net-pci,id=n0");
        HintsFile inMemory = HintsFileReader.ReadFile(path, TestData.Catalog).GetValueOrThrow();
        MachineConfig config = TestData.Config("pc", "virtio-net-pci,id=n0") with { HintsPath = path };

        ParseResult<ResolvedMachine> result = CompatResolver.Resolve(config, TestData.Catalog, inMemory);

        Assert.False(result.Succeeded);
        ConfigError error = Assert.Single(result.Errors);
        Assert.Equal("hints", error.Option);
        Assert.Contains("give one of them", error.Message, StringComparison.Ordinal);
    }
}
