using System;
using System.Linq;
using System.Xml.Linq;
using DeviceModel.Docs.Tests.Harness;
using DeviceModel.Catalog;
using DeviceModel.Tooling.Docs;

namespace DeviceModel.Docs.Tests;

/// <summary>
/// The "behind a pcie-root-port" picture, with a product that has a root port: realized through the real
/// configuration path (<c>pcie-root-port,id=rp0,chassis=1</c> and <c>bus=rp0</c>), so the device gets its PCI Express
/// personality and a 4 KiB space with an extended strip.
/// </summary>
public sealed class RootPortTests
{
    private const string Product = """
        using DeviceModel;
        using DeviceModel.Pci;

        namespace Fake
        {
            // Machine versions new enough for virtio's modern, PCI Express personality (x-disable-pcie is on before 2.5).
            [DeviceCatalog]
            [Product("fake", "7.2")]
            [MachineFamily("fake-pc", "6.0 7.2", Alias = "pc")]
            [MachineFamily("fake-q35", "6.0 7.2", Alias = "q35", PciExpress = true)]
            public static partial class FakeCatalog
            {
            }

            [Device("pcie-root-port", Description = "PCI Express root port")]
            public sealed partial class FakeRootPort : PciExpressPort
            {
                [ConfigOption("chassis", Description = "Chassis number")]
                public byte Chassis { get; set; }

                protected override PciIdentity Identity => new(0x1b36, 0x000c, 0, 0x060400);
                protected override PciHeaderType HeaderType => PciHeaderType.Bridge;
            }

            [Device("fake-rng-pci", Description = "Entropy")]
            public sealed partial class FakeRng : VirtioPciDevice
            {
                protected override ushort VirtioDeviceType => 4;
                protected override int DeviceConfigLength => 0;
            }
        }
        """;

    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static readonly Lazy<DeviceCatalog> Catalog = new(() =>
        GeneratedAssembly.CatalogOf(GeneratedAssembly.Compile("FakeProduct", new[] { Product }), "Fake.FakeCatalog"));

    [Fact]
    public void Device_behind_a_root_port_is_a_pci_express_function_with_an_extended_strip()
    {
        DeviceCatalog catalog = Catalog.Value;
        LayoutSample sample = LayoutSamples.Realize(catalog, catalog.Find("fake-rng-pci")!, ReferenceBus.ExpressPort);

        Assert.True(sample.Function is not null, sample.Unavailable);
        Assert.Equal("fake-q35-7.2", sample.Machine!.Name);
        Assert.Equal(4096, sample.Function!.Config.Size);
        Assert.Contains(sample.Function.Capabilities, c => c.Id == 0x10); // the PCI Express capability

        XDocument svg = XDocument.Parse(ConfigSpaceSvg.Render(sample.Function, "behind a port"));
        Assert.Equal(2, svg.Descendants(Svg + "g").Count(g => (string?)g.Attribute("class") == "strip"));
        Assert.Equal(sample.Function.Capabilities.Count, svg.Descendants(Svg + "g").Count(g => (string?)g.Attribute("class") == "capability"));
    }

    [Fact]
    public void Reference_of_a_product_with_a_root_port_has_every_picture()
    {
        var files = ReferenceDocs.Generate(Catalog.Value).ToDictionary(f => f.Path, f => f.Content, StringComparer.Ordinal);

        Assert.Contains("fake-rng-pci.pci-root.svg", files.Keys);
        Assert.Contains("fake-rng-pci.pcie-root.svg", files.Keys);
        Assert.Contains("fake-rng-pci.pcie-root-port.svg", files.Keys);
        string page = files["fake-rng-pci.md"];
        Assert.Contains("### Behind a PCI Express root port (fake-q35-7.2)", page, StringComparison.Ordinal);
        Assert.Contains("Behind `pcie-root-port,id=rp0,chassis=1`, with `bus=rp0`.", page, StringComparison.Ordinal);
        Assert.Contains("](fake-rng-pci.pcie-root-port.svg)", page, StringComparison.Ordinal);
        Assert.Contains("| 0x100 |", page, StringComparison.Ordinal); // the extended area's row(s)
        Assert.True(files.ContainsKey("pcie-root-port.md"));
    }
}
