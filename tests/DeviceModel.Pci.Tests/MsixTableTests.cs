using System;
using CsCheck;
using DeviceModel.Pci.Tests.Harness;

namespace DeviceModel.Pci.Tests;

/// <summary>The MSI-X table and PBA in their BAR, as QEMU's msix.c exposes them.</summary>
public sealed class MsixTableTests
{
    [Theory]
    [InlineData(1, 0x1000u, 0x800u)]
    [InlineData(4, 0x1000u, 0x800u)]
    [InlineData(128, 0x1000u, 0x800u)]
    [InlineData(129, 0x1000u, 0x810u)]
    [InlineData(256, 0x2000u, 0x1000u)]
    [InlineData(2048, 0x10000u, 0x8000u)]
    public void Exclusive_bar_layout_follows_msix_init_exclusive_bar(int vectors, uint barSize, uint pbaOffset)
    {
        MsixExclusiveBar layout = MsixExclusiveBar.For(vectors, 1);
        Assert.Equal(barSize, layout.BarSize);
        Assert.Equal(0u, layout.TableOffset);
        Assert.Equal(pbaOffset, layout.PbaOffset);
        Assert.Equal(BarDeclaration.Memory32(1, barSize), layout.Bar);
    }

    [Fact]
    public void Every_vector_starts_masked_with_a_zero_message()
    {
        MsixTable table = MsixExclusiveBar.For(4, 1).CreateTable();
        for (int vector = 0; vector < 4; vector++)
        {
            Assert.True(table.IsMasked(vector));
            Assert.Equal(0ul, table.ReadRegion((ulong)vector * 16, 8));
            Assert.Equal(0u, table.ReadRegion((ulong)vector * 16 + 8, 4));
            Assert.Equal(1u, table.ReadRegion((ulong)vector * 16 + 12, 4));
        }
    }

    [Fact]
    public void Entries_take_dword_and_qword_writes()
    {
        MsixTable table = MsixExclusiveBar.For(4, 1).CreateTable();
        table.WriteRegion(0x20, 8, 0x0000_0001_fee0_1000);
        table.WriteRegion(0x28, 4, 0x4041);
        table.WriteRegion(0x2c, 4, 0);
        Assert.Equal(0x0000_0001_fee0_1000ul, table.Address(2));
        Assert.Equal(0x4041u, table.Data(2));
        Assert.False(table.IsMasked(2));
        Assert.Equal(0x0000_4041ul, table.ReadRegion(0x28, 8));
        Assert.True(table.IsMasked(1));
    }

    [Fact]
    public void The_pba_is_read_only_to_the_guest_and_set_by_the_device()
    {
        MsixTable table = MsixExclusiveBar.For(4, 1).CreateTable();
        table.WriteRegion(0x800, 8, ulong.MaxValue);
        Assert.Equal(0ul, table.ReadRegion(0x800, 8));
        table.SetPending(3, true);
        Assert.True(table.IsPending(3));
        Assert.Equal(0x8ul, table.ReadRegion(0x800, 4));
        table.SetPending(3, false);
        Assert.Equal(0ul, table.ReadRegion(0x800, 8));
    }

    [Fact]
    public void Accesses_outside_the_table_and_pba_or_of_other_widths_are_ignored()
    {
        MsixTable table = MsixExclusiveBar.For(4, 1).CreateTable();
        byte[] before = Snapshot(table);
        Gen.Select(Gen.ULong[0, 0x2000], Gen.Int[0, 9], Gen.ULong).Sample((offset, size, value) =>
        {
            bool inTable = offset < table.TableSize, inPba = offset >= table.PbaOffset && offset < table.PbaOffset + table.PbaSize;
            bool valid = size is 4 or 8 && offset % (ulong)size == 0;
            if (valid && inTable) return;
            table.WriteRegion(offset, size, value);
            ulong read = table.ReadRegion(offset, size);
            if (!valid || !inPba) Assert.Equal(0ul, read);
        }, iter: 2000);
        Assert.Equal(before, Snapshot(table));
    }

    [Fact]
    public void The_realized_virtio_function_exposes_its_msix_table()
    {
        RealizedPciFunction function = Spaces.VirtioNetConventional();
        Assert.NotNull(function.Msix);
        Assert.Equal(4, function.Msix!.Vectors);
        Assert.Equal(0x1000ul, function.Msix.RegionSize);
    }

    [Fact]
    public void Table_and_pba_that_overlap_or_overflow_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new MsixTable(4, 0, 0x20, 0x1000));
        Assert.Throws<ArgumentException>(() => new MsixTable(4, 0, 0xffc, 0x1000));
        Assert.Throws<ArgumentException>(() => new MsixTable(4, 4, 0x800, 0x1000));
    }

    private static byte[] Snapshot(MsixTable table)
    {
        var bytes = new byte[table.TableSize + table.PbaSize];
        for (uint offset = 0; offset < table.TableSize; offset += 4)
            BitConverter.TryWriteBytes(bytes.AsSpan((int)offset), (uint)table.ReadRegion(offset, 4));
        for (uint offset = 0; offset < table.PbaSize; offset += 4)
            BitConverter.TryWriteBytes(bytes.AsSpan((int)(table.TableSize + offset)), (uint)table.ReadRegion(table.PbaOffset + offset, 4));
        return bytes;
    }
}
