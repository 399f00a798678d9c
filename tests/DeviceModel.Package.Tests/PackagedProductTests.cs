using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Xunit.Abstractions;

namespace DeviceModel.Package.Tests;

/// <summary>
/// Proof from outside the repository (see <see cref="PackagedProduct"/>): the packages install, a product from the
/// template builds and passes its tests, an unversioned default fails its build, and the packed <c>devmodel</c> tool
/// serves its catalog. Skipped with a printed reason when no <c>dotnet</c> is available.
/// </summary>
public sealed class PackagedProductTests : IClassFixture<PackagedProduct>
{
    private readonly PackagedProduct _product;
    private readonly ITestOutputHelper _output;

    public PackagedProductTests(PackagedProduct product, ITestOutputHelper output)
    {
        _product = product;
        _output = output;
    }

    private bool Skipped()
    {
        if (_product.DotnetPath is not null)
        {
            foreach (ProcessResult step in _product.Steps) _output.WriteLine("{0}: exit {1} in {2:0.0} s", step.Command, step.ExitCode, step.Elapsed.TotalSeconds);
            return false;
        }
        _output.WriteLine("SKIPPED: " + _product.SkipReason);
        return true;
    }

    [Fact]
    public void DeviceModel_package_carries_runtime_generator_analyzers_code_fixes_and_build_wiring()
    {
        if (Skipped()) return;
        Assert.True(_product.Pack is { ExitCode: 0 }, _product.Transcript);
        using ZipArchive package = ZipFile.OpenRead(Path.Combine(_product.Feed, "DeviceModel." + _product.Version + ".nupkg"));
        string[] entries = package.Entries.Select(e => e.FullName).ToArray();
        foreach (string expected in new[]
        {
            "lib/net10.0/DeviceModel.dll", "lib/net10.0/DeviceModel.xml",
            "analyzers/dotnet/cs/DeviceModel.Generators.dll", "analyzers/dotnet/cs/DeviceModel.Analyzers.dll", "analyzers/dotnet/cs/DeviceModel.Analyzers.CodeFixes.dll",
            "buildTransitive/DeviceModel.props", "buildTransitive/DeviceModel.targets", "README.md",
        })
        {
            Assert.Contains(expected, entries);
        }
        string nuspec = new StreamReader(package.GetEntry("DeviceModel.nuspec")!.Open()).ReadToEnd();
        Assert.Contains("<license type=\"expression\">MIT</license>", nuspec, StringComparison.Ordinal);
        Assert.Contains("<readme>README.md</readme>", nuspec, StringComparison.Ordinal);
        Assert.Contains("<repository type=\"git\"", nuspec, StringComparison.Ordinal);
        // The compiler plug-ins ride inside: nothing for a consumer to restore besides the one package.
        Assert.DoesNotContain("<dependency ", nuspec, StringComparison.Ordinal);

        foreach (string id in new[] { "DeviceModel.Tooling", "DeviceModel.Cli", "DeviceModel.Cli.Hosting", "DeviceModel.Templates" })
        {
            Assert.True(File.Exists(Path.Combine(_product.Feed, id + "." + _product.Version + ".nupkg")), id + " was not packed:\n" + _product.Transcript);
        }
    }

    [Fact]
    public void Template_product_builds_with_package_references_only_and_passes_its_tests()
    {
        if (Skipped()) return;
        Assert.True(_product.Build is { ExitCode: 0 }, _product.Transcript);
        Assert.DoesNotContain(": warning ", _product.Build!.Output, StringComparison.Ordinal);
        foreach (string project in Directory.GetFiles(_product.ProductDirectory, "*.csproj", SearchOption.AllDirectories))
        {
            string text = File.ReadAllText(project);
            Assert.DoesNotContain("OutputItemType", text, StringComparison.Ordinal);
            Assert.DoesNotContain("AdditionalFiles", text, StringComparison.Ordinal);
        }
        Assert.Contains("<PackageReference Include=\"DeviceModel\" Version=\"" + _product.Version + "\" />", File.ReadAllText(_product.ProductFile("src/Widget/Widget.csproj")), StringComparison.Ordinal);
        // -n Widget renamed the product everywhere: types, files, device and machine names.
        Assert.Contains("[MachineFamily(\"widget-pc\"", File.ReadAllText(_product.ProductFile("src/Widget/WidgetCatalog.cs")), StringComparison.Ordinal);

        Assert.True(_product.Test is { ExitCode: 0 }, _product.Transcript);
        Assert.Matches(@"Failed:\s+0, Passed:\s+8,", _product.Test!.Output);
    }

    [Fact]
    public void Changing_a_default_without_a_hint_fails_the_product_build_with_DM0001()
    {
        if (Skipped()) return;
        Assert.True(_product.Build is { ExitCode: 0 }, _product.Transcript);
        string device = _product.ProductFile("src/Widget/WidgetRngPci.cs");
        string original = File.ReadAllText(device);
        Assert.Contains("public ulong MaxBytes { get; set; } = 4096;", original, StringComparison.Ordinal);
        try
        {
            File.WriteAllText(device, original.Replace("public ulong MaxBytes { get; set; } = 4096;", "public ulong MaxBytes { get; set; } = 8192;", StringComparison.Ordinal));
            ProcessResult build = _product.Process!.Run(_product.ProductDirectory, "build", "src/Widget/Widget.csproj", "--no-restore", "-nodeReuse:false");
            _output.WriteLine("{0}: exit {1} in {2:0.0} s", build.Command, build.ExitCode, build.Elapsed.TotalSeconds);
            Assert.True(build.ExitCode != 0, build.Describe());
            Assert.Contains("WidgetRngPci.cs(", build.Output, StringComparison.Ordinal);
            Assert.Contains("error DM0001: The default of 'max-bytes' on device 'widget-rng-pci' changed from the baseline value '4096' to '8192'", build.Output, StringComparison.Ordinal);
            // The help link opens the page shipped in the package (buildTransitive/DeviceModel.props), outside any repository.
            System.Text.RegularExpressions.Match link = System.Text.RegularExpressions.Regex.Match(build.Output, @"error DM0001: [^\n]*\((file:///[^)\s]*/DM0001\.md)\)");
            Assert.True(link.Success, "no file:// help link to DM0001.md in:\n" + build.Describe());
            string page = new Uri(link.Groups[1].Value).LocalPath;
            Assert.True(File.Exists(page), page + " (the DM0001 help page) does not exist");
            Assert.Contains("# DM0001", File.ReadAllText(page), StringComparison.Ordinal);
        }
        finally
        {
            File.WriteAllText(device, original);
        }
    }

    [Fact]
    public void Packed_devmodel_tool_serves_the_product_catalog_with_the_catalog_option()
    {
        if (Skipped()) return;
        Assert.True(_product.Build is { ExitCode: 0 }, _product.Transcript);
        string tools = Path.Combine(_product.Root, "tools");
        ProcessResult install = _product.Process!.Run(_product.Root, "tool", "install", "--tool-path", tools, "--add-source", _product.Feed, "DeviceModel.Cli", "--version", _product.Version);
        Assert.True(install.ExitCode == 0, install.Describe());
        string devmodel = Path.Combine(tools, OperatingSystem.IsWindows() ? "devmodel.exe" : "devmodel");
        string catalog = _product.ProductFile("src/Widget/bin/Debug/net10.0/Widget.dll");

        ProcessResult devices = _product.Process.Exec(devmodel, _product.Root, "--catalog", catalog, "devices");
        Assert.True(devices.ExitCode == 0, devices.Describe());
        Assert.Contains("widget-rng-pci", devices.Output, StringComparison.Ordinal);
        Assert.Contains("widget-watchdog", devices.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("virtio-net-pci", devices.Output, StringComparison.Ordinal);

        // --catalog is global: accepted after the command too. The product's own history applies on its old machine.
        ProcessResult resolve = _product.Process.Exec(devmodel, _product.Root, "resolve", "--machine", "widget-pc-1.1", "--device", "widget-rng-pci,id=rng0", "--catalog", catalog, "--format", "json");
        Assert.True(resolve.ExitCode == 0, resolve.Describe());
        using (var json = System.Text.Json.JsonDocument.Parse(resolve.Output))
        {
            Assert.Contains("widget-pc-1.1", resolve.Output, StringComparison.Ordinal);
            Assert.Contains("\"period\"", resolve.Output, StringComparison.Ordinal);
        }

        ProcessResult missing = _product.Process.Exec(devmodel, _product.Root, "--catalog", Path.Combine(_product.Root, "nope.dll"), "devices");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--catalog " + Path.Combine(_product.Root, "nope.dll") + ": no such file", missing.Output, StringComparison.Ordinal);

        // Without --catalog the tool serves its bundled QEMU catalog.
        ProcessResult bundled = _product.Process.Exec(devmodel, _product.Root, "devices");
        Assert.True(bundled.ExitCode == 0, bundled.Describe());
        Assert.Contains("virtio-net-pci", bundled.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Product_cli_host_serves_its_own_catalog_through_DevmodelApp()
    {
        if (Skipped()) return;
        Assert.True(_product.Build is { ExitCode: 0 }, _product.Transcript);
        ProcessResult machines = _product.Process!.Run(_product.ProductDirectory, _product.ProductFile("src/Widget.Cli/bin/Debug/net10.0/widget-devmodel.dll"), "machines");
        Assert.True(machines.ExitCode == 0, machines.Describe());
        Assert.Contains("widget 2.0 (default machine: widget-pc-2.0)", machines.Output, StringComparison.Ordinal);
        ProcessResult bad = _product.Process.Run(_product.ProductDirectory, _product.ProductFile("src/Widget.Cli/bin/Debug/net10.0/widget-devmodel.dll"), "parse", "--device", "widget-watchdog,id=w0,timeout=0");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("timeout", bad.Output, StringComparison.Ordinal);
    }
}
