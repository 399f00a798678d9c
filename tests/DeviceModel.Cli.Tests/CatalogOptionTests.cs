using System;
using System.IO;
using System.Linq;
using DeviceModel.Catalog;
using DeviceModel.Samples.Qemu;

namespace DeviceModel.Cli.Tests;

/// <summary><c>--catalog PATH.dll</c> of the tool, and the <see cref="DevmodelApp"/> host API a product's own CLI uses.</summary>
public sealed class CatalogOptionTests
{
    // A product assembly that is not the tool's bundled catalog by identity: the QEMU sample loaded from its file
    // (in its own load context) is served through --catalog exactly like a user's product.
    private static string SampleAssembly => Path.Combine(AppContext.BaseDirectory, "DeviceModel.Samples.Qemu.dll");

    [Fact]
    public void CatalogOptionServesTheProductAssemblyOnEveryCommandAndAfterTheCommandName()
    {
        CliResult before = CliRunner.Run("--catalog", SampleAssembly, "machines");
        Assert.True(before.ExitCode == 0, before.Error);
        Assert.Contains("qemu 7.2", before.Output);
        CliResult after = CliRunner.Run("resolve", "--machine", "pc-i440fx-5.2", "--device", "virtio-net-pci,id=n0", "--catalog", SampleAssembly);
        Assert.True(after.ExitCode == 0, after.Error);
        Assert.Contains("vectors", after.Output);
    }

    [Fact]
    public void SameAssemblyTwiceIsOneProduct()
    {
        CliResult result = CliRunner.Run("--catalog", SampleAssembly, "--catalog", SampleAssembly, "devices");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(QemuCatalog.Catalog.Devices.Length, result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void MissingCatalogFileExitsTwoNamingThePath()
    {
        string path = Path.Combine(Path.GetTempPath(), "no-such-product-" + Guid.NewGuid().ToString("N") + ".dll");
        CliResult result = CliRunner.Run("devices", "--catalog", path);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--catalog " + path + ": no such file", result.Error);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public void FileThatIsNotAnAssemblyExitsTwo()
    {
        string path = Path.Combine(Path.GetTempPath(), "not-an-assembly-" + Guid.NewGuid().ToString("N") + ".dll");
        File.WriteAllText(path, "not a PE file");
        try
        {
            CliResult result = CliRunner.Run("--catalog", path, "devices");
            Assert.Equal(2, result.ExitCode);
            Assert.Contains("--catalog " + path + ": not a .NET assembly", result.Error);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AssemblyWithoutDeviceCatalogExitsTwo()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "System.CommandLine.dll");
        CliResult result = CliRunner.Run("--catalog", path, "devices");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no [DeviceCatalog] class in this assembly", result.Error);
    }

    [Fact]
    public void HostApiRunsEveryCommandOverTheGivenCatalog()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = DevmodelApp.Run(new[] { "compat", "virtio-net-pci" }, output, error, QemuCatalog.Catalog);
        Assert.True(exit == 0, error.ToString());
        Assert.Contains("vectors", output.ToString());

        exit = DevmodelApp.Run(new[] { "parse", "--device", "virtio-rng-pci,id=r0,max-bytes=abc" }, output, error, QemuCatalog.Catalog);
        Assert.Equal(2, exit);
        Assert.Contains("max-bytes", error.ToString());
    }

    [Fact]
    public void HostApiCombinesAProductWithDeviceLibrariesButNotTwoProducts()
    {
        var library = new DeviceCatalog(Array.Empty<DeviceInfo>());
        DeviceCatalog combined = DevmodelApp.Combine(QemuCatalog.Catalog, library);
        Assert.Same(QemuCatalog.Catalog.Machines, combined.Machines);
        Assert.Equal(QemuCatalog.Catalog.Devices.Select(d => d.Name), combined.Devices.Select(d => d.Name));

        var other = new DeviceCatalog(Array.Empty<DeviceInfo>(), new MachineCatalog("other", new MachineVersion(1, 0), new[] { new MachineFamily("other-pc", [new MachineVersion(1, 0)]) }));
        ArgumentException e = Assert.Throws<ArgumentException>(() => DevmodelApp.Combine(QemuCatalog.Catalog, other));
        Assert.Contains("two catalogs declare a product", e.Message);
        Assert.Throws<ArgumentException>(() => DevmodelApp.Combine());
    }
}
