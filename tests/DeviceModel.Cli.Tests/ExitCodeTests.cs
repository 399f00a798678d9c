using System;
using System.IO;
using DeviceModel.Catalog;
using DeviceModel.Samples.Qemu;

namespace DeviceModel.Cli.Tests;

/// <summary>Exit 1 is for bugs only: every bad path or unreadable input of every command is exit 2 with a message naming it.</summary>
public sealed class ExitCodeTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("dm-exit-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Missing => Path.Combine(_directory, "no-such-dir", "file");

    private static void AssertBadInput(CliResult result, string mention)
    {
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", result.Error);
        Assert.Contains(mention, result.Error);
        Assert.DoesNotContain("internal error", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public void Hints_dump_into_a_missing_directory_exits_two_naming_the_path()
    {
        string target = Path.Combine(_directory, "no-such-dir", "vm.dmh");
        AssertBadInput(CliRunner.Run("hints", "dump", "--device", "virtio-rng-pci", "-o", target), "cannot write hints file " + target);
    }

    [Fact]
    public void Hints_dump_onto_a_directory_exits_two()
    {
        CliResult result = CliRunner.Run("hints", "dump", "--device", "virtio-rng-pci", "-o", _directory);
        AssertBadInput(result, "cannot write hints file " + _directory);
        Assert.DoesNotContain(".tmp", result.Error);
        Assert.Empty(Directory.GetFileSystemEntries(_directory));
    }

    [Fact]
    public void Hints_dump_to_a_path_with_a_nul_character_exits_two()
    {
        AssertBadInput(CliRunner.Run("hints", "dump", "--device", "virtio-rng-pci", "-o", "a\0b.dmh"), "not a valid path");
    }

    [Fact]
    public void Hints_dump_to_an_overlong_path_exits_two()
    {
        string target = Path.Combine(_directory, new string('a', 300), "vm.dmh");
        AssertBadInput(CliRunner.Run("hints", "dump", "--device", "virtio-rng-pci", "-o", target), "cannot write hints file");
    }

    [Fact]
    public void Hints_show_of_a_directory_or_a_bad_path_exits_two()
    {
        AssertBadInput(CliRunner.Run("hints", "show", _directory), "a directory, not a hints file");
        AssertBadInput(CliRunner.Run("hints", "show", "a\0b"), "not a valid path");
        AssertBadInput(CliRunner.Run("hints", "show", Missing), "hints file not found");
    }

    [Fact]
    public void Resolve_with_an_unusable_hints_path_exits_two()
    {
        AssertBadInput(CliRunner.Run("resolve", "--device", "virtio-rng-pci", "--hints", _directory), "a directory, not a hints file");
        AssertBadInput(CliRunner.Run("resolve", "--device", "virtio-rng-pci", "--hints", "x\0y"), "not a valid path");
    }

    [Theory]
    [InlineData("parse")]
    [InlineData("resolve")]
    [InlineData("lspci")]
    [InlineData("hints")]
    public void Every_config_reading_command_exits_two_on_an_unreadable_config(string command)
    {
        string[] prefix = command == "hints" ? new[] { "hints", "dump", "-o", Path.Combine(_directory, "out.dmh") } : new[] { command };
        AssertBadInput(CliRunner.Run([.. prefix, "--config", Missing]), "cannot read config file");
        AssertBadInput(CliRunner.Run([.. prefix, "--config", _directory]), "cannot read config file");
        AssertBadInput(CliRunner.Run([.. prefix, "--config", "c\0d.json"]), "not a valid path");
        Assert.False(File.Exists(Path.Combine(_directory, "out.dmh")));
    }

    [Fact]
    public void An_at_argument_is_no_response_file_and_exits_two()
    {
        // Response files are off (their expansion is unbounded): '@x' is an ordinary, unrecognized argument.
        AssertBadInput(CliRunner.Run("@" + _directory, "devices"), "@" + _directory);
        AssertBadInput(CliRunner.Run("@" + Missing, "devices"), "@" + Missing);
    }

    [Theory]
    [InlineData("machines")]
    [InlineData("compat", "virtio-rng-pci")]
    [InlineData("diff", "a", "b")]
    [InlineData("resolve", "--device", "virtio-rng-pci")]
    [InlineData("lspci", "--device", "virtio-rng-pci")]
    public void A_catalog_without_machine_types_is_refused_with_exit_two(params string[] args)
    {
        var library = new DeviceCatalog(QemuCatalog.Catalog.Devices);
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.Equal(2, DevmodelApp.Run(args, output, error, library));
        Assert.Contains("declares no product and machine types", error.ToString());
        Assert.DoesNotContain("internal error", error.ToString());
    }

    [Fact]
    public void Schema_to_a_bad_output_path_exits_two()
    {
        AssertBadInput(CliRunner.Run("schema", "--out", Missing), "cannot write schema " + Missing);
        AssertBadInput(CliRunner.Run("schema", "--out", _directory), "cannot write schema " + _directory);
        AssertBadInput(CliRunner.Run("schema", "--out", "s\0.json"), "not a valid path");
    }

    [Fact]
    public void Docs_to_a_bad_output_directory_exits_two()
    {
        string file = Path.Combine(_directory, "a-file");
        File.WriteAllText(file, "x");
        AssertBadInput(CliRunner.Run("docs", "--out", file), "cannot write the reference to " + file);
        AssertBadInput(CliRunner.Run("docs", "--out", Path.Combine(file, "sub")), "cannot write the reference to");
        AssertBadInput(CliRunner.Run("docs", "--out", "d\0"), "not a valid path");
    }
}
