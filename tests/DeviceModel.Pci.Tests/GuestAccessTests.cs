using System;
using DeviceModel.Pci.Tests.Harness;

namespace DeviceModel.Pci.Tests;

/// <summary>
/// Raw guest accesses forwarded by a VMM never throw and give QEMU 7.2's results: configuration space as
/// hw/pci/pci_host.c's pci_host_config_read_common / pci_host_config_write_common, the MSI-X table and PBA as
/// hw/pci/msix.c's regions (.valid 4 … 8 bytes, aligned).
/// </summary>
public sealed class GuestAccessTests
{
    public static TheoryData<string> Functions => new() { "conventional", "express" };

    private static RealizedPciFunction Function(string kind) =>
        kind == "express" ? Spaces.VirtioNetExpress(",x-pcie-flr-init=off") : Spaces.VirtioNetConventional();

    [Theory]
    [MemberData(nameof(Functions))]
    public void Every_offset_and_width_of_config_space_is_served_without_throwing_and_read_only_bytes_never_change(string kind)
    {
        ConfigSpace space = Function(kind).Config;
        (byte[] before, byte[] wmask, byte[] w1c) = Spaces.Layers(space);
        for (int offset = -8; offset <= space.Size + 8; offset++)
        {
            for (int width = 0; width <= 8; width++)
            {
                uint read = space.GuestRead(offset, width);
                if (width is 1 or 2) Assert.Equal(0u, read >> (8 * width));
                space.GuestWrite(offset, width, 0xffff_ffff);
                space.GuestWrite(offset, width, (uint)(offset * 0x9e37_79b9));
                space.GuestWrite(offset, width, 0);
            }
        }
        byte[] after = space.ToArray();
        for (int at = 0; at < after.Length; at++)
        {
            if (wmask[at] == 0 && w1c[at] == 0) Assert.True(before[at] == after[at], "read-only byte 0x" + at.ToString("x") + " changed");
        }
    }

    [Fact]
    public void An_unaligned_word_read_at_0xcfd_returns_the_registers_middle_bytes()
    {
        ConfigSpace space = Spaces.VirtioNetConventional().Config;
        // Vendor 0x1af4, device 0x1000: bytes f4 1a 00 10; CONFIG_ADDRESS 0x8000xx00 | (0xcfd & 3) = offset 1.
        Assert.Equal(0x001au, space.GuestRead(1, 2));
        Assert.Equal(0x10_001au, space.GuestRead(1, 4) & 0xff_ffff);
        Assert.Equal(0x10u, space.GuestRead(3, 1));
    }

    [Fact]
    public void Reads_at_or_beyond_the_end_return_all_ones_in_the_access_width()
    {
        ConfigSpace conventional = Spaces.VirtioNetConventional().Config;
        Assert.Equal(0xffu, conventional.GuestRead(0x100, 1));
        Assert.Equal(0xffffu, conventional.GuestRead(0x100, 2));
        Assert.Equal(0xffff_ffffu, conventional.GuestRead(0x100, 4));
        Assert.Equal(0xffff_ffffu, conventional.GuestRead(0xfff, 4));
        Assert.Equal(0xffff_ffffu, conventional.GuestRead(-1, 4));
        Assert.Equal(0xffff_ffffu, Spaces.VirtioNetExpress().Config.GuestRead(0x1000, 4));
    }

    [Fact]
    public void A_read_that_runs_past_the_end_reads_only_the_bytes_inside_and_zeros_above()
    {
        ConfigSpace space = Spaces.VirtioNetConventional().Config;
        space.Values.Set16(0xfe, 0xbeef);
        // QEMU: config_read(dev, addr, MIN(len, limit - addr)) into a zeroed uint32.
        Assert.Equal(0x0000_beefu, space.GuestRead(0xfe, 4));
        Assert.Equal(0xbeu, space.GuestRead(0xff, 1));
        Assert.Equal(0xbeu, space.GuestRead(0xff, 2));
    }

    [Fact]
    public void Widths_other_than_1_2_and_4_are_ignored_and_read_all_ones()
    {
        ConfigSpace space = Spaces.VirtioNetConventional().Config;
        byte[] before = space.ToArray();
        foreach (int width in new[] { -1, 0, 3, 5, 8 })
        {
            Assert.Equal(0xffff_ffffu, space.GuestRead(4, width));
            space.GuestWrite(4, width, 0xffff_ffff);
        }
        Assert.Equal(before, space.ToArray());
    }

    [Fact]
    public void Writes_beyond_the_end_are_ignored_and_writes_across_it_apply_the_inside_bytes()
    {
        ConfigSpace space = Spaces.VirtioNetConventional().Config;
        space.WriteMask.Set16(0xfe, 0xffff);
        byte[] before = space.ToArray();
        space.GuestWrite(0x100, 4, 0xffff_ffff);
        space.GuestWrite(0x7fff_ffff, 4, 0xffff_ffff);
        Assert.Equal(before, space.ToArray());
        space.GuestWrite(0xfe, 4, 0x1234_5678);
        Assert.Equal(0x5678, space.Values.Get16(0xfe));
    }

    [Fact]
    public void An_unaligned_write_goes_through_the_masks_byte_by_byte()
    {
        ConfigSpace space = Spaces.VirtioNetConventional().Config;
        ushort status = space.Values.Get16(PciRegisters.Status);
        // Bytes 5 (command high: INTx disable etc.) and 6 (status low: read-only).
        space.GuestWrite(PciRegisters.Command + 1, 2, 0xffff);
        Assert.Equal(status, space.Values.Get16(PciRegisters.Status));
        Assert.Equal(space.WriteMask.Get16(PciRegisters.Command) & 0xff00, space.Values.Get16(PciRegisters.Command) & 0xff00);
    }

    [Fact]
    public void The_strict_api_still_refuses_what_a_driver_would_not_do()
    {
        ConfigSpace space = Spaces.VirtioNetConventional().Config;
        Assert.Throws<ArgumentOutOfRangeException>(() => space.Read(1, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => space.Read(0x100, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => space.Write(0, 3, 0));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(129)]
    [InlineData(2048)]
    public void Every_offset_and_width_of_the_msix_bar_is_served_without_throwing(int vectors)
    {
        MsixTable table = MsixExclusiveBar.For(vectors, 1).CreateTable();
        for (ulong offset = 0; offset <= table.RegionSize + 8; offset++)
        {
            for (int width = 0; width <= 8; width++)
            {
                ulong read = table.ReadRegion(offset, width);
                // msix.c: .valid.min_access_size 4, max 8, aligned; anything else is rejected by the memory core and reads 0.
                if (width is not (4 or 8) || offset % (ulong)width != 0) Assert.Equal(0ul, read);
                table.WriteRegion(offset, width, offset);
            }
        }
        Assert.Equal(0ul, table.ReadRegion(ulong.MaxValue - 3, 4));
        table.WriteRegion(ulong.MaxValue - 7, 8, 0);
    }

    [Fact]
    public void Msix_accesses_qemu_rejects_read_zero_and_write_nothing()
    {
        MsixTable table = MsixExclusiveBar.For(4, 1).CreateTable();
        Assert.Equal(1ul, table.ReadRegion(0x0c, 4));
        Assert.Equal(0ul, table.ReadRegion(0x0c, 2));   // too narrow
        Assert.Equal(0ul, table.ReadRegion(0x0e, 4));   // unaligned
        Assert.Equal(0ul, table.ReadRegion(0x0c, 8));   // qword not 8-aligned
        table.WriteRegion(0x0c, 1, 0);
        table.WriteRegion(0x0a, 4, 0);
        Assert.True(table.IsMasked(0));
        Assert.Equal(0ul, table.ReadRegion(0x400, 4));  // the gap between table and PBA
    }
}
