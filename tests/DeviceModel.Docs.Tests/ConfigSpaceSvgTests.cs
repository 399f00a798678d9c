using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;
using DeviceModel.Pci;
using DeviceModel.Samples.Qemu;
using DeviceModel.Tooling.Docs;

namespace DeviceModel.Docs.Tests;

/// <summary>The configuration space pictures: well-formed SVG with one box per capability where the realize put it.</summary>
public sealed class ConfigSpaceSvgTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Virtio_net_on_pc_i440fx_7_2_has_a_box_per_capability_at_its_offset()
    {
        LayoutSample sample = LayoutSamples.Realize(QemuCatalog.Catalog, QemuCatalog.Catalog.Find("virtio-net-pci")!, ReferenceBus.ConventionalRoot);
        Assert.Null(sample.Unavailable);
        Assert.Equal("pc-i440fx-7.2", sample.Machine!.Name);
        RealizedPciFunction function = sample.Function!;
        Assert.Equal(256, function.Config.Size);

        XDocument svg = XDocument.Parse(ConfigSpaceSvg.Render(function, "virtio-net-pci on pc-i440fx-7.2"));

        List<XElement> boxes = Boxes(svg, "capability");
        Assert.Equal(function.Capabilities.Count, boxes.Count);
        Assert.Equal(new[] { "0x40", "0x50", "0x60", "0x70", "0x84", "0x98" }, boxes.Select(b => (string)b.Attribute("data-offset")!));
        XElement msix = boxes.Single(b => (string)b.Attribute("data-offset")! == "0x98");
        Assert.Equal("0x11", (string?)msix.Attribute("data-id"));
        Assert.Equal("12", (string?)msix.Attribute("data-length"));
        Assert.Contains("MSI-X", (string?)msix.Attribute("data-name"), StringComparison.OrdinalIgnoreCase);
        Assert.All(boxes.Where(b => b != msix), b => Assert.Equal("0x09", (string?)b.Attribute("data-id")));
        // QEMU prepends each capability to the list: the pointer at 0x34 names MSI-X, which links to 0x84, … to 0x40.
        Assert.Equal("0x84", (string?)msix.Attribute("data-next"));
        Assert.Equal("0x00", (string?)boxes[0].Attribute("data-next"));

        XElement header = Assert.Single(Boxes(svg, "header"));
        Assert.Equal("64", (string?)header.Attribute("data-length"));
        XElement free = Assert.Single(Boxes(svg, "free"));
        Assert.Equal("0xa4", (string?)free.Attribute("data-offset"));
        Assert.Equal("92", (string?)free.Attribute("data-length"));
        Assert.Empty(Boxes(svg, "extended-capability"));
        Assert.Single(svg.Descendants(Svg + "g"), g => (string?)g.Attribute("class") == "strip");

        // Boxes are drawn to scale: the same number of pixels per byte from the header to every capability.
        double headerY = RectY(header);
        double scale = (RectY(msix) - headerY) / 0x98;
        Assert.True(scale > 0);
        foreach (XElement box in boxes)
        {
            int offset = Convert.ToInt32((string)box.Attribute("data-offset")!, 16);
            Assert.Equal(headerY + offset * scale, RectY(box), 1);
        }
        // Each box is labelled with its offset, name, id and length.
        Assert.Contains("0x98-0xa3", msix.Element(Svg + "text")!.Value, StringComparison.Ordinal);
        Assert.Contains("id 0x11", msix.Element(Svg + "text")!.Value, StringComparison.Ordinal);
        Assert.Contains("12 bytes", msix.Element(Svg + "text")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void A_4_KiB_space_gets_a_second_strip_with_the_extended_capabilities()
    {
        // A PCI Express endpoint built from the layout API alone: PCIe, PM and MSI placed QEMU's way, AER then ATS.
        RealizedPciFunction function = new PciFunctionLayout
        {
            Identity = new PciIdentity(0x1af4, 0x1041, 1, 0x020000),
            Express = true,
            Capabilities =
            [
                new CapabilityDeclaration(PciExpressCapability.Endpoint(true, true, true, true)),
                new CapabilityDeclaration(new PowerManagementCapability()),
                new CapabilityDeclaration(new MsiCapability(4)),
            ],
            ExtendedCapabilities =
            [
                new ExtendedCapabilityDeclaration(new AerCapability()),
                new ExtendedCapabilityDeclaration(new AtsCapability(pageAligned: true)),
            ],
        }.Realize();
        Assert.Equal(4096, function.Config.Size);

        XDocument svg = XDocument.Parse(ConfigSpaceSvg.Render(function, "express"));

        Assert.Equal(2, svg.Descendants(Svg + "g").Count(g => (string?)g.Attribute("class") == "strip"));
        List<XElement> extended = Boxes(svg, "extended-capability");
        Assert.Equal(function.ExtendedCapabilities.Select(c => "0x" + c.Offset.ToString("x3", CultureInfo.InvariantCulture)).OrderBy(o => o, StringComparer.Ordinal),
            extended.Select(b => (string)b.Attribute("data-offset")!));
        Assert.Equal("0x100", (string?)extended[0].Attribute("data-offset"));
        Assert.Equal("0x0001", (string?)extended[0].Attribute("data-id")); // AER
        Assert.Equal(function.Capabilities.Count, Boxes(svg, "capability").Count);
        XElement lastFree = Boxes(svg, "free").Last();
        int end = Convert.ToInt32((string)lastFree.Attribute("data-offset")!, 16) + int.Parse((string)lastFree.Attribute("data-length")!, CultureInfo.InvariantCulture);
        Assert.Equal(0x1000, end);
    }

    [Fact]
    public void Behind_a_root_port_is_realized_when_the_product_has_one_and_explained_when_not()
    {
        DeviceInfo net = QemuCatalog.Catalog.Find("virtio-net-pci")!;
        LayoutSample sample = LayoutSamples.Realize(QemuCatalog.Catalog, net, ReferenceBus.ExpressPort);
        Assert.Equal("pc-q35-7.2", sample.Machine!.Name);
        string page = MarkdownReference.DevicePage(QemuCatalog.Catalog, net, new[] { sample });
        if (QemuCatalog.Catalog.Find(ReferenceBus.RootPortType) is null)
        {
            Assert.Null(sample.Function);
            Assert.Contains("pcie-root-port", sample.Unavailable, StringComparison.Ordinal);
            Assert.Contains("Not shown: this product has no `pcie-root-port` device type.", page, StringComparison.Ordinal);
        }
        else
        {
            Assert.True(sample.Function is not null, sample.Unavailable);
            Assert.Equal(4096, sample.Function!.Config.Size);
            Assert.Contains("](virtio-net-pci.pcie-root-port.svg)", page, StringComparison.Ordinal);
            XDocument svg = XDocument.Parse(ConfigSpaceSvg.Render(sample.Function, "port"));
            Assert.Equal(2, svg.Descendants(Svg + "g").Count(g => (string?)g.Attribute("class") == "strip"));
        }
    }

    [Fact]
    public void Every_generated_picture_is_well_formed_svg()
    {
        foreach (GeneratedFile file in ReferenceDocs.Generate(QemuCatalog.Catalog).Where(f => f.Path.EndsWith(".svg", StringComparison.Ordinal)))
        {
            XDocument svg = XDocument.Parse(file.Content);
            Assert.Equal(Svg + "svg", svg.Root!.Name);
            Assert.NotEmpty(Boxes(svg, "header"));
        }
    }

    private static List<XElement> Boxes(XDocument svg, string kind) =>
        svg.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == kind).ToList();

    private static double RectY(XElement box) => double.Parse((string)box.Element(Svg + "rect")!.Attribute("y")!, CultureInfo.InvariantCulture);
}
