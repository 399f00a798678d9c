using System;
using CsCheck;
using DeviceModel.Pci.Tests.Harness;

namespace DeviceModel.Pci.Tests;

/// <summary>Guest accesses honour the write, write-1-to-clear and size/alignment rules of QEMU's pci_default_write_config.</summary>
public sealed class ConfigSpaceMaskTests
{
    private const long Iterations = 300;

    /// <summary>Writes as (width exponent, offset, value); the offset is aligned down to the width.</summary>
    private static readonly Gen<(int Width, int Offset, uint Value)[]> Writes =
        Gen.Select(Gen.Int[0, 2], Gen.Int[0, ConfigSpace.ExpressSize - 1], Gen.Frequency((3, Gen.UInt), (1, Gen.OneOfConst(0u, uint.MaxValue))))
            .Select((w, offset, value) => (1 << w, offset & ~((1 << w) - 1), value))
            .Array[1, 40];

    // FLR self-clears: covered by its own test.
    private static RealizedPciFunction ExpressWithoutSideEffects() => Spaces.VirtioNetExpress(",x-pcie-flr-init=off");

    [Fact]
    public void Every_guest_write_applies_exactly_the_masks_and_read_only_bytes_never_change()
    {
        Writes.Sample(writes =>
        {
            ConfigSpace space = ExpressWithoutSideEffects().Config;
            (byte[] model, byte[] wmask, byte[] w1c) = Spaces.Layers(space);
            foreach ((int width, int offset, uint value) in writes)
            {
                space.Write(offset, width, value);
                uint v = value;
                for (int i = 0; i < width; i++, v >>= 8)
                {
                    int at = offset + i;
                    byte written = (byte)v;
                    model[at] = (byte)(((model[at] & ~wmask[at]) | (written & wmask[at])) & ~(written & w1c[at]));
                }
            }
            byte[] actual = space.ToArray();
            for (int at = 0; at < actual.Length; at++)
                Assert.True(model[at] == actual[at], "byte 0x" + at.ToString("x") + ": expected " + model[at].ToString("x2") + ", got " + actual[at].ToString("x2"));
        }, iter: Iterations);
    }

    [Fact]
    public void Bytes_with_no_writable_or_clearable_bit_keep_their_value_under_any_write()
    {
        Writes.Sample(writes =>
        {
            ConfigSpace space = Spaces.VirtioNetExpress().Config;
            (byte[] before, byte[] wmask, byte[] w1c) = Spaces.Layers(space);
            foreach ((int width, int offset, uint value) in writes) space.Write(offset, width, value);
            for (int at = 0; at < space.Size; at++)
            {
                if (wmask[at] == 0 && w1c[at] == 0) Assert.True(before[at] == space.Bytes[at], "read-only byte 0x" + at.ToString("x") + " changed");
                // Outside the writable bits nothing is ever set.
                Assert.True((space.Bytes[at] & ~(before[at] | wmask[at])) == 0, "byte 0x" + at.ToString("x") + " gained a read-only bit");
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Write_one_to_clear_bits_clear_only_where_the_guest_writes_ones()
    {
        Gen.Select(Gen.UShort, Gen.UShort).Sample((set, written) =>
        {
            ConfigSpace space = Spaces.VirtioNetConventional().Config;
            ushort w1c = space.WriteOneToClearMask.Get16(PciRegisters.Status);
            ushort before = space.Values.Get16(PciRegisters.Status);
            space.Values.Set16(PciRegisters.Status, (ushort)(before | (set & w1c)));
            ushort raised = space.Read16(PciRegisters.Status);

            space.Write16(PciRegisters.Status, written);

            Assert.Equal((ushort)(raised & ~(written & w1c)), space.Read16(PciRegisters.Status));
        }, iter: Iterations);
    }

    [Fact]
    public void Status_error_bits_are_write_one_to_clear_as_in_qemu()
    {
        ConfigSpace space = Spaces.VirtioNetConventional().Config;
        Assert.Equal(0xf900, space.WriteOneToClearMask.Get16(PciRegisters.Status));
        space.Values.Or16(PciRegisters.Status, 0xf900);
        space.Write16(PciRegisters.Status, 0x0900);
        Assert.Equal(0xf010, space.Read16(PciRegisters.Status));
        space.Write16(PciRegisters.Status, 0x0000);
        Assert.Equal(0xf010, space.Read16(PciRegisters.Status));
    }

    [Theory]
    [InlineData(256, 0x100, 1)]
    [InlineData(256, 0xfe, 4)]
    [InlineData(256, -1, 1)]
    [InlineData(4096, 0x1000, 2)]
    [InlineData(4096, 0xffd, 4)]
    [InlineData(256, 0x41, 2)]
    [InlineData(256, 0x42, 4)]
    [InlineData(4096, 0x103, 4)]
    [InlineData(256, 0x40, 3)]
    [InlineData(256, 0x40, 8)]
    public void Out_of_range_unaligned_and_odd_width_accesses_are_rejected(int size, int offset, int width)
    {
        var space = new ConfigSpace(size);
        Assert.Throws<ArgumentOutOfRangeException>(() => space.Read(offset, width));
        Assert.Throws<ArgumentOutOfRangeException>(() => space.Write(offset, width, 0));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(255)]
    [InlineData(512)]
    public void Only_conventional_and_express_sizes_exist(int size) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConfigSpace(size));

    [Fact]
    public void Reads_are_little_endian_at_every_width()
    {
        var space = ConfigSpace.Conventional();
        space.Values.Set32(0x40, 0x11223344);
        Assert.Equal(0x44, space.Read8(0x40));
        Assert.Equal(0x22, space.Read8(0x42));
        Assert.Equal(0x3344, space.Read16(0x40));
        Assert.Equal(0x1122, space.Read16(0x42));
        Assert.Equal(0x11223344u, space.Read32(0x40));
    }

    [Fact]
    public void A_byte_both_writable_and_write_one_to_clear_is_a_device_bug()
    {
        var space = ConfigSpace.Conventional();
        space.WriteMask.Set8(0x40, 0x01);
        space.WriteOneToClearMask.Set8(0x40, 0x01);
        Assert.Throws<InvalidOperationException>(() => space.Write8(0x40, 0));
    }

    [Fact]
    public void Device_side_views_reject_offsets_outside_the_space()
    {
        var space = ConfigSpace.Conventional();
        Assert.Throws<ArgumentOutOfRangeException>(() => space.Values.Set32(0xfe, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => space.WriteMask.Get8(0x100));
        Assert.Throws<ArgumentOutOfRangeException>(() => space.Values.Slice(0x80).Get64(0x7c));
    }
}
