using System;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using DeviceModel.Generators.Tests.Harness;
using DeviceModel.Catalog;
using DeviceModel.Compat;
using DeviceModel.Config;
using DeviceModel.Virtio;

namespace DeviceModel.Generators.Tests
{
    /// <summary>
    /// A product's own virtio device, declared only: the generator instantiates its virtio declarations (named arguments
    /// included) into the type's table, and <see cref="VirtioPciDevice.DescribeVirtio"/> computes its ABI from them. A
    /// declaration naming neither an option nor a backend input fails when the catalog loads, naming both.
    /// </summary>
    public sealed class VirtioDeclarationTests
    {
        private static string Source(string queueCount) => $$"""
            using DeviceModel;

            namespace Widgets
            {
                public static class WidgetFeature
                {
                    public const int Turbo = 3;
                    public const int Lanes = 4;
                    public const int Cache = 5;
                }

                [Device("widget-pci", Description = "A virtio widget")]
                [VirtioBackendInput("cache", 1, Description = "The host caches")]
                [VirtioDeviceFeature(WidgetFeature.Lanes, Requires = "lanes > 1")]
                [VirtioDeviceFeature(WidgetFeature.Cache, Requires = "cache", LegacyOnly = true)]
                [VirtioQueue("in", "depth", Count = "{{queueCount}}", Group = "io")]
                [VirtioQueue("out", "depth / 2", Count = "{{queueCount}}", Group = "io")]
                [VirtioQueue("admin", "16", When = "turbo")]
                [DeviceConfigField("lanes", 0, 2, Value = "lanes")]
                [DeviceConfigField("depth", 2, 4, Value = "depth * 4", When = "turbo")]
                public sealed partial class WidgetPci : VirtioPciDevice
                {
                    protected override ushort VirtioDeviceType => 42;

                    [ConfigOption("turbo")]
                    [VirtioFeature(WidgetFeature.Turbo)]
                    public bool Turbo { get; set; }

                    [ConfigOption("lanes", Min = "1", Max = "8")]
                    public ushort Lanes { get; set; } = 1;

                    [ConfigOption("depth", Min = "2", Max = "1024")]
                    public ushort Depth { get; set; } = 64;
                }

                [DeviceCatalog]
                [Product("widgets", "1.0")]
                [MachineFamily("wpc", "1.0")]
                public static partial class WidgetCatalog
                {
                }
            }
            """;

        [Fact]
        public void A_products_virtio_declarations_give_its_abi()
        {
            GeneratorRun run = GeneratorHarness.RunOn("Widgets", new[] { new SourceFile("Widget.cs", Source("lanes")) });
            Assert.True(run.CompilationDiagnostics.IsEmpty, GeneratorHarness.Describe(run.CompilationDiagnostics));
            using LoadedAssembly loaded = LoadedAssembly.Emit(run.OutputCompilation);
            DeviceCatalog catalog = loaded.Catalog("Widgets.WidgetCatalog");

            VirtioDeviceAbi Describe(string text, VirtioBackend? backend = null)
            {
                Device device = KeyvalParser.ParseDevice(text, catalog).GetValueOrThrow();
                ResolvedDevice resolved = CompatResolver.Resolve(new MachineConfig("wpc-1.0", null, null, ImmutableArray.Create(device)), catalog).GetValueOrThrow().Devices[0];
                return ((VirtioPciDevice)resolved.Device).DescribeVirtio(resolved.Context, backend);
            }

            VirtioDeviceAbi plain = Describe("widget-pci");
            Assert.Equal(new ushort[] { 64, 32 }, plain.QueueSizes);
            Assert.Equal("0100", plain.ConfigHex);
            Assert.Equal(1UL << 5, plain.LegacyFeatures & 0xff);   // cache: legacy only, from the backend's default
            Assert.Equal(0UL, plain.ModernFeatures & 0xff);

            VirtioDeviceAbi turbo = Describe("widget-pci,turbo=on,lanes=2,depth=128", new VirtioBackend(new System.Collections.Generic.Dictionary<string, long> { ["cache"] = 0 }));
            Assert.Equal(new ushort[] { 128, 64, 128, 64, 16 }, turbo.QueueSizes);
            Assert.Equal("0200" + "00020000", turbo.ConfigHex);
            Assert.Equal((1UL << 3) | (1UL << 4), turbo.ModernFeatures & 0xff);
        }

        [Fact]
        public void A_declaration_naming_an_unknown_option_fails_when_the_catalog_loads()
        {
            GeneratorRun run = GeneratorHarness.RunOn("Widgets", new[] { new SourceFile("Widget.cs", Source("lanez")) });
            Assert.True(run.CompilationDiagnostics.IsEmpty, GeneratorHarness.Describe(run.CompilationDiagnostics));
            using LoadedAssembly loaded = LoadedAssembly.Emit(run.OutputCompilation);
            Exception e = Assert.ThrowsAny<Exception>(() => loaded.Catalog("Widgets.WidgetCatalog"));
            while (e is TargetInvocationException or TypeInitializationException && e.InnerException is not null) e = e.InnerException!;
            Assert.Equal("widget-pci: virtqueue in reads 'lanez', which is neither an option nor a backend input of the type", e.Message);
        }
    }
}
