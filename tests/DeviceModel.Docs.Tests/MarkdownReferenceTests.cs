using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using DeviceModel.Samples.Qemu;
using DeviceModel.Tooling.Docs;

namespace DeviceModel.Docs.Tests;

/// <summary>What the generated pages say: options, compat history, diagnostics links, machine types.</summary>
public sealed class MarkdownReferenceTests
{
    private static readonly Lazy<Dictionary<string, string>> Files = new(() =>
        ReferenceDocs.Generate(QemuCatalog.Catalog).ToDictionary(f => f.Path, f => f.Content, StringComparer.Ordinal));

    [Fact]
    public void Reference_has_an_index_a_schema_and_a_page_per_device_type()
    {
        Assert.Contains("index.md", Files.Value.Keys);
        Assert.Contains(MachineConfigSchema.FileName, Files.Value.Keys);
        foreach (DeviceInfo device in QemuCatalog.Catalog.Devices) Assert.Contains(device.Name + ".md", Files.Value.Keys);
        Assert.Contains("virtio-net-pci.pci-root.svg", Files.Value.Keys);
        Assert.Contains("virtio-net-pci.pcie-root.svg", Files.Value.Keys);
    }

    [Fact]
    public void Device_page_shows_options_and_the_compat_history_of_each_changed_default()
    {
        string page = Files.Value["virtio-net-pci.md"];

        Assert.StartsWith(MarkdownReference.GeneratedNotice + "\n# virtio-net-pci\n", page, StringComparison.Ordinal);
        Assert.Contains("Virtio network device.", page, StringComparison.Ordinal);
        Assert.Contains("- Family: `virtio-pci`", page, StringComparison.Ordinal);
        Assert.Contains("| `rx_queue_size` | uint16 | `256` | 256 to 1024 |  | Receive virtqueue size (power of two) |", page, StringComparison.Ordinal);
        Assert.Contains("| `netdev` | str | none |  | yes | ID of a netdev to use as a backend |", page, StringComparison.Ordinal);
        Assert.Contains("| `vectors` | `4` | `3` before 6.0 |", page, StringComparison.Ordinal);
        Assert.Contains("| `page-per-vq` | `off` | `on` before 2.8 |", page, StringComparison.Ordinal);
        Assert.Contains("| `romfile` | `efi-virtio.rom` | `pxe-virtio.rom` before 1.5 |", page, StringComparison.Ordinal);
        Assert.DoesNotContain("| `mq` | `off` |", page, StringComparison.Ordinal); // no history: not in the compat table
        foreach (string id in new[] { "DM0001", "DM0002", "DM0004", "DM0005", "DM0006" })
        {
            Assert.Contains("[" + id + "](../diagnostics/" + id + ".md)", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Defaults_by_version_table_has_a_column_per_change()
    {
        string page = Files.Value["virtio-net-pci.md"];
        string header = page.Split('\n').First(l => l.StartsWith("| option | 1.4 |", StringComparison.Ordinal));
        Assert.Contains("| 5.2 | 6.0 |", header, StringComparison.Ordinal);
        string vectors = page.Split('\n').Last(l => l.StartsWith("| `vectors` |", StringComparison.Ordinal));
        Assert.EndsWith("| `3` | **`4`** | `4` |", vectors, StringComparison.Ordinal); // 5.2, 6.0, 7.2
    }

    [Fact]
    public void Index_lists_device_types_and_machine_types()
    {
        string index = Files.Value["index.md"];
        Assert.Contains("| [virtio-net-pci](virtio-net-pci.md) | Virtio network device | `virtio-pci` |", index, StringComparison.Ordinal);
        Assert.Contains("| `pc-i440fx-1.4` | 1.4 |  | yes |", index, StringComparison.Ordinal);
        Assert.Contains("| `pc-i440fx-7.2` | 7.2 | `pc` |  |", index, StringComparison.Ordinal);
        Assert.Contains("| `pc-q35-4.0.1` | 4.0.1 |  |  |", index, StringComparison.Ordinal);
        Assert.Contains("| `pc-q35-7.2` | 7.2 | `q35` |  |", index, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_local_link_names_a_generated_file()
    {
        var link = new Regex(@"\]\(([^)#]+)(#[^)]*)?\)");
        foreach ((string path, string content) in Files.Value.Where(f => f.Key.EndsWith(".md", StringComparison.Ordinal)))
        {
            foreach (Match match in link.Matches(content))
            {
                string target = match.Groups[1].Value;
                if (target.StartsWith("../diagnostics/", StringComparison.Ordinal)) continue;
                Assert.True(Files.Value.ContainsKey(target), path + " links to " + target + ", which is not generated");
            }
        }
    }
}
