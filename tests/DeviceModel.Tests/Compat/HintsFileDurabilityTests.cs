using System;
using System.IO;
using System.Linq;
using DeviceModel.Hints;

namespace DeviceModel.Tests.Compat;

/// <summary>WriteAtomic's durability: no temp file survives a failure, stale temp files of the target are cleaned, errors name the target.</summary>
public sealed class HintsFileDurabilityTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("dm-durable-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static HintsFile Sample() =>
        TestData.Resolve("pc-i440fx-2.6", null, "virtio-net-pci,id=n0", "virtio-rng-pci").ToHintsFile(TestData.Catalog.RequireMachines());

    private string[] Entries() => Directory.GetFileSystemEntries(_directory).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    private static string TempName(string target) => "." + target + "." + Guid.NewGuid().ToString("N") + ".tmp";

    [Fact]
    public void A_target_that_is_a_directory_fails_naming_it_and_leaves_no_temp_file()
    {
        string target = Path.Combine(_directory, "vm.dmh");
        Directory.CreateDirectory(target);
        IOException e = Assert.ThrowsAny<IOException>(() => HintsFileWriter.WriteAtomic(target, Sample()));
        Assert.Contains(target, e.Message);
        Assert.DoesNotContain(".tmp", e.Message);
        Assert.Equal(new[] { "vm.dmh" }, Entries());
    }

    [Fact]
    public void A_missing_directory_fails_naming_the_target_not_the_temp_file()
    {
        string target = Path.Combine(_directory, "missing", "vm.dmh");
        DirectoryNotFoundException e = Assert.Throws<DirectoryNotFoundException>(() => HintsFileWriter.WriteAtomic(target, Sample()));
        Assert.Contains(target, e.Message);
        Assert.DoesNotContain(".tmp", e.Message);
        Assert.Empty(Entries());
    }

    [Fact]
    public void Stale_temp_files_of_the_target_are_removed_and_nothing_else()
    {
        string target = Path.Combine(_directory, "vm.dmh");
        string[] stale = { TempName("vm.dmh"), TempName("vm.dmh") };
        string[] kept =
        {
            TempName("other.dmh"),                                     // another target's
            ".vm.dmh." + Guid.NewGuid().ToString("N").ToUpperInvariant() + ".tmp", // not this writer's pattern
            ".vm.dmh.backup.tmp",
            "vm.dmh.tmp",
            ".vm.dmh." + Guid.NewGuid().ToString("N") + ".tmp.keep",
        };
        foreach (string name in stale.Concat(kept)) File.WriteAllText(Path.Combine(_directory, name), "partial");
        HintsFileWriter.WriteAtomic(target, Sample());
        Assert.Equal(kept.Append("vm.dmh").Order(StringComparer.Ordinal).ToArray(), Entries());
        Assert.True(HintsFileReader.ReadFile(target, TestData.Catalog).Succeeded);
    }

    [Fact]
    public void A_temp_file_a_live_writer_holds_is_left_alone()
    {
        string target = Path.Combine(_directory, "vm.dmh");
        string live = Path.Combine(_directory, TempName("vm.dmh"));
        using (new FileStream(live, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            HintsFileWriter.WriteAtomic(target, Sample());
            Assert.True(File.Exists(live));
        }
        Assert.True(HintsFileReader.ReadFile(target, TestData.Catalog).Succeeded);
    }

    [Fact]
    public void The_directory_is_flushed_after_the_rename()
    {
        // Proves the libc open/fsync/close path loads and succeeds where it runs (a no-op on Windows).
        DirectoryFlush.Flush(_directory);
        if (!OperatingSystem.IsWindows()) Assert.Throws<IOException>(() => DirectoryFlush.Flush(Path.Combine(_directory, "missing")));
    }
}
