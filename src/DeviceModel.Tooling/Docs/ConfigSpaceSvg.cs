using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using DeviceModel.Pci;

namespace DeviceModel.Tooling.Docs
{
    /// <summary>
    /// Draws a realized function's configuration space as SVG: a strip for 0x00–0xff (the header, each capability as
    /// a box at its offset with its id, name, length and list successor, and the free space), and for a 4 KiB space a
    /// second strip for the extended capabilities at 0x100–0xfff. Byte offsets are to scale within a strip; labels
    /// sit beside it. Every box is a <c>g</c> element whose <c>class</c> (<c>header</c>, <c>capability</c>,
    /// <c>extended-capability</c>, <c>free</c>) and <c>data-offset</c>/<c>data-length</c>/<c>data-id</c> attributes
    /// say what it is, so tools and tests can read the picture. Output is deterministic: invariant culture, <c>\n</c>.
    /// </summary>
    public static class ConfigSpaceSvg
    {
        private const double PanelWidth = 660;
        private const double StripLeft = 64;
        private const double StripWidth = 120;
        private const double LabelLeft = StripLeft + StripWidth + 24;
        private const double Top = 76;
        private const double StripHeight = 768;
        private const double LineHeight = 13;
        private const double MinBoxHeight = 3;

        /// <summary>The SVG document for <paramref name="function"/>, headed by <paramref name="title"/>.</summary>
        public static string Render(RealizedPciFunction function, string title)
        {
            ArgumentNullException.ThrowIfNull(function);
            ArgumentNullException.ThrowIfNull(title);
            ImmutableArray<ConfigSpaceRegion> standard = ConfigSpaceRegions.Standard(function);
            ImmutableArray<ConfigSpaceRegion> extended = ConfigSpaceRegions.Extended(function);
            int panels = extended.IsEmpty ? 1 : 2;
            double width = PanelWidth * panels + 16;
            double height = Top + StripHeight + 40;

            var svg = new StringBuilder();
            svg.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(F(width)).Append("\" height=\"").Append(F(height))
               .Append("\" viewBox=\"0 0 ").Append(F(width)).Append(' ').Append(F(height))
               .Append("\" font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\" font-size=\"11\">\n");
            svg.Append("  <title>").Append(Escape(title)).Append("</title>\n");
            svg.Append("  <rect width=\"").Append(F(width)).Append("\" height=\"").Append(F(height)).Append("\" fill=\"#ffffff\"/>\n");
            svg.Append("  <text x=\"16\" y=\"26\" font-size=\"14\" font-weight=\"bold\">").Append(Escape(title)).Append("</text>\n");
            string size = function.Config.IsExpress ? "4 KiB PCI Express" : "256-byte conventional";
            Panel(svg, 8, "0x00-0xff: header and capabilities (" + size + " configuration space)", standard, 0x00, 0x100, 0x10);
            if (!extended.IsEmpty) Panel(svg, 8 + PanelWidth, "0x100-0xfff: PCI Express extended capabilities", extended, 0x100, 0x1000, 0x100);
            svg.Append("</svg>\n");
            return svg.ToString();
        }

        private static void Panel(StringBuilder svg, double x, string heading, ImmutableArray<ConfigSpaceRegion> regions, int from, int to, int tick)
        {
            double scale = StripHeight / (to - from);
            svg.Append("  <g class=\"strip\" data-from=\"").Append(ConfigSpaceRegions.Hex(from)).Append("\" data-to=\"").Append(ConfigSpaceRegions.Hex(to - 1)).Append("\">\n");
            svg.Append("    <text x=\"").Append(F(x + 8)).Append("\" y=\"").Append(F(Top - 18)).Append("\" font-size=\"12\" font-weight=\"bold\">")
               .Append(Escape(heading)).Append("</text>\n");

            // Ruler: a tick and offset every `tick` bytes, to scale.
            for (int offset = from; offset <= to; offset += tick)
            {
                double y = Top + (offset - from) * scale;
                svg.Append("    <line x1=\"").Append(F(x + StripLeft - 6)).Append("\" y1=\"").Append(F(y)).Append("\" x2=\"").Append(F(x + StripLeft))
                   .Append("\" y2=\"").Append(F(y)).Append("\" stroke=\"#666666\"/>\n");
                svg.Append("    <text x=\"").Append(F(x + StripLeft - 9)).Append("\" y=\"").Append(F(y + 4)).Append("\" text-anchor=\"end\" fill=\"#666666\">")
                   .Append(ConfigSpaceRegions.Hex(offset, from == 0 ? 2 : 3)).Append("</text>\n");
            }

            // Boxes to scale (with a minimum height so that a 4-byte capability in the 4 KiB strip stays visible), then
            // labels in offset order, pushed apart so none overlaps, each joined to its box by a leader line.
            var top = new double[regions.Length];
            var bottom = new double[regions.Length];
            var label = new double[regions.Length];
            for (int i = 0; i < regions.Length; i++)
            {
                top[i] = Top + (regions[i].Offset - from) * scale;
                bottom[i] = Math.Max(top[i] + MinBoxHeight, Top + (regions[i].Offset + regions[i].Length - from) * scale);
                label[i] = Math.Max((top[i] + bottom[i]) / 2 + 4, i == 0 ? double.MinValue : label[i - 1] + LineHeight);
            }
            double limit = Top + StripHeight + 4;
            for (int i = regions.Length - 1; i >= 0; i--)
            {
                label[i] = Math.Min(label[i], i == regions.Length - 1 ? limit : label[i + 1] - LineHeight);
            }

            for (int i = 0; i < regions.Length; i++)
            {
                ConfigSpaceRegion region = regions[i];
                string text = LabelText(region);
                svg.Append("    <g class=\"").Append(ClassOf(region.Kind)).Append("\" data-offset=\"").Append(ConfigSpaceRegions.Hex(region.Offset, from == 0 ? 2 : 3))
                   .Append("\" data-length=\"").Append(region.Length.ToString(CultureInfo.InvariantCulture)).Append('"');
                if (region.Id is not null) svg.Append(" data-id=\"").Append(region.IdText).Append('"');
                if (region.Next is int next && region.Kind != ConfigSpaceRegionKind.Header) svg.Append(" data-next=\"").Append(ConfigSpaceRegions.Hex(next, from == 0 ? 2 : 3)).Append('"');
                svg.Append(" data-name=\"").Append(Escape(region.Name)).Append("\">\n");
                svg.Append("      <title>").Append(Escape(text)).Append("</title>\n");
                svg.Append("      <rect x=\"").Append(F(x + StripLeft)).Append("\" y=\"").Append(F(top[i])).Append("\" width=\"").Append(F(StripWidth))
                   .Append("\" height=\"").Append(F(bottom[i] - top[i])).Append("\" fill=\"").Append(FillOf(region)).Append('"')
                   .Append(region.Kind == ConfigSpaceRegionKind.Free ? " stroke=\"#999999\" stroke-dasharray=\"4 3\"" : " stroke=\"#333333\"").Append("/>\n");
                if (region.Kind == ConfigSpaceRegionKind.Header)
                {
                    svg.Append("      <text x=\"").Append(F(x + StripLeft + StripWidth / 2)).Append("\" y=\"").Append(F((top[i] + bottom[i]) / 2 + 4))
                       .Append("\" text-anchor=\"middle\">header</text>\n");
                }
                double middle = (top[i] + bottom[i]) / 2;
                svg.Append("      <polyline points=\"").Append(F(x + StripLeft + StripWidth)).Append(',').Append(F(middle)).Append(' ')
                   .Append(F(x + LabelLeft - 12)).Append(',').Append(F(middle)).Append(' ')
                   .Append(F(x + LabelLeft - 4)).Append(',').Append(F(label[i] - 4))
                   .Append("\" fill=\"none\" stroke=\"#999999\"/>\n");
                svg.Append("      <text x=\"").Append(F(x + LabelLeft)).Append("\" y=\"").Append(F(label[i])).Append('"')
                   .Append(region.Kind == ConfigSpaceRegionKind.Free ? " fill=\"#777777\"" : "").Append('>').Append(Escape(text)).Append("</text>\n");
                svg.Append("    </g>\n");
            }
            svg.Append("  </g>\n");
        }

        /// <summary><c>0x98-0xa3 MSI-X id 0x11, 12 bytes, next 0x84</c>.</summary>
        private static string LabelText(ConfigSpaceRegion region)
        {
            int digits = region.Offset >= 0x100 ? 3 : 2;
            string range = ConfigSpaceRegions.Hex(region.Offset, digits) + "-" + ConfigSpaceRegions.Hex(region.End, digits);
            string bytes = Bytes(region.Length);
            switch (region.Kind)
            {
                case ConfigSpaceRegionKind.Free:
                    return range + " free, " + bytes;
                case ConfigSpaceRegionKind.Header:
                    return range + " " + region.Name + ", " + bytes + (region.Next is int head and not 0 ? ", first capability " + ConfigSpaceRegions.Hex(head) : ", no capabilities");
                default:
                    string next = region.Next is int n && n != 0 ? "next " + ConfigSpaceRegions.Hex(n, digits) : "end of list";
                    return range + " " + region.Name + " (id " + region.IdText + "), " + bytes + ", " + next;
            }
        }

        private static string Bytes(int length) =>
            length >= 1024 && length % 1024 == 0
                ? (length / 1024).ToString(CultureInfo.InvariantCulture) + " KiB"
                : length.ToString(CultureInfo.InvariantCulture) + (length == 1 ? " byte" : " bytes");

        private static string ClassOf(ConfigSpaceRegionKind kind) => kind switch
        {
            ConfigSpaceRegionKind.Header => "header",
            ConfigSpaceRegionKind.Capability => "capability",
            ConfigSpaceRegionKind.ExtendedCapability => "extended-capability",
            _ => "free",
        };

        // One colour per well-known capability, the same in every picture.
        private static string FillOf(ConfigSpaceRegion region)
        {
            switch (region.Kind)
            {
                case ConfigSpaceRegionKind.Header: return "#c6d3e3";
                case ConfigSpaceRegionKind.Free: return "#ffffff";
                case ConfigSpaceRegionKind.ExtendedCapability:
                    return region.Id switch { 0x0001 => "#9ecae1", 0x000f => "#dadaeb", _ => "#fee391" };
                default:
                    return region.Id switch
                    {
                        0x01 => "#fdd0a2", // power management
                        0x05 => "#dadaeb", // MSI
                        0x09 => "#a1d99b", // vendor-specific (virtio)
                        0x10 => "#9ecae1", // PCI Express
                        0x11 => "#fcbba1", // MSI-X
                        _ => "#fee391",
                    };
            }
        }

        private static string F(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

        private static string Escape(string text)
        {
            var sb = new StringBuilder(text.Length);
            foreach (char c in text)
            {
                switch (c)
                {
                    case '&': sb.Append("&amp;"); break;
                    case '<': sb.Append("&lt;"); break;
                    case '>': sb.Append("&gt;"); break;
                    case '"': sb.Append("&quot;"); break;
                    default: sb.Append(c); break;
                }
            }
            return sb.ToString();
        }
    }
}
