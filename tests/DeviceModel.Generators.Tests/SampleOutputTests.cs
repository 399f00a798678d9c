using System.Linq;
using DeviceModel.Generators.Tests.Corpus;
using DeviceModel.Generators.Tests.Harness;
using DeviceModel.Catalog;
using DeviceModel.Config;

namespace DeviceModel.Generators.Tests
{
    /// <summary>
    /// The virtio-rng-pci sample compiled from its checked-in source: its options flatten the runtime's
    /// <c>VirtioPciDevice</c> and <c>PciDevice</c> families, which the generator sees as metadata only, and their
    /// histories are the QEMU product's (class-level hints on <c>QemuVirtioPciDevice</c>), not the framework's.
    /// </summary>
    public sealed class SampleOutputTests
    {
        [Fact]
        public void VirtioRngPci_CompilesAndKeepsTheInheritedFamilyHistories()
        {
            GeneratorRun run = GeneratorHarness.RunOn("Sample.VirtioRng", DeviceCorpus.VirtioRngSample);
            Assert.True(run.CompilationDiagnostics.IsEmpty, GeneratorHarness.Describe(run.CompilationDiagnostics));
            using LoadedAssembly loaded = LoadedAssembly.Emit(run.OutputCompilation);
            DeviceCatalog catalog = loaded.Catalog(DeviceCorpus.SampleCatalogType);

            DeviceInfo rng = Assert.Single(catalog.Devices);
            Assert.Equal("virtio-rng-pci", rng.Name);
            Assert.Equal("virtio-pci", rng.Parent);
            Assert.Equal(rng.Options.Select(o => o.Name).OrderBy(n => n, System.StringComparer.Ordinal), rng.Options.Select(o => o.Name));

            OptionInfo disableLegacy = rng.FindOption("disable-legacy")!;
            Assert.Equal("DeviceModel.VirtioPciDevice", disableLegacy.DeclaringType);
            Assert.Equal("auto", DeviceText.Value(disableLegacy.Default));
            Assert.Equal("off", DeviceText.Value(disableLegacy.DefaultFor(new MachineVersion(2, 6))));
            Assert.Equal("auto", DeviceText.Value(disableLegacy.DefaultFor(new MachineVersion(2, 7))));
            OptionInfo dllla = rng.FindOption("x-pcie-lnksta-dllla")!;
            Assert.Equal("DeviceModel.PciDevice", dllla.DeclaringType);
            Assert.Equal("off", DeviceText.Value(dllla.DefaultFor(new MachineVersion(2, 3))));
            Assert.Equal("on", DeviceText.Value(dllla.DefaultFor(new MachineVersion(2, 4))));
            OptionInfo maxBytes = rng.FindOption("max-bytes")!;
            Assert.Equal("9223372036854775807", DeviceText.Value(maxBytes.Default));
            Assert.Equal(ConfigErrorKind.OutOfRange, Assert.Single(KeyvalParser.ParseDevice("virtio-rng-pci,max-bytes=9223372036854775808", catalog).Errors).Kind);

            Device device = DeviceText.ParseKeyval("virtio-rng-pci,id=rng1,rng=rng0,vectors=auto,disable-legacy=auto,addr=05.0,period=1000,max-bytes=1024", catalog);
            Assert.Equal("virtio-rng-pci,id=rng1,addr=05.0,disable-legacy=auto,max-bytes=1024,period=1000,rng=rng0,vectors=auto", device.ToKeyval());
            Assert.Empty(DeviceText.Differences(device, DeviceText.ParseKeyval(device.ToKeyval(), catalog)));
            Assert.Empty(DeviceText.Differences(device, DeviceText.ParseJson(DeviceText.Json(device), catalog)));
        }
    }
}
