using System.Collections.Generic;
using System.Linq;

namespace DeviceModel.Pci.Tests;

/// <summary>BAR registration and sizing: writing all ones reads back the size mask, and restoring puts the BAR back.</summary>
public sealed class BarTests
{
    private static ConfigSpace EndpointWith(params BarDeclaration[] bars) => new PciFunctionLayout
    {
        Identity = new PciIdentity(0x1af4, 0x1000, 0, 0x020000),
        Bars = bars,
    }.Realize().Config;

    public static TheoryData<BarKind, ulong, bool, ulong> Kinds() => new()
    {
        { BarKind.Io, 0x20, false, 0xffff_ffe1 },
        { BarKind.Io, 0x4, false, 0xffff_fffd },
        { BarKind.Memory32, 0x1000, false, 0xffff_f000 },
        { BarKind.Memory32, 0x10, true, 0xffff_fff8 },
        { BarKind.Memory64, 0x4000, true, 0xffff_ffff_ffff_c00c },
        { BarKind.Memory64, 0x80_0000, false, 0xffff_ffff_ff80_0004 },
        { BarKind.Memory64, 0x2_0000_0000, true, 0xffff_fffe_0000_000c },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Sizing_reads_back_the_size_mask_and_restores_the_bar(BarKind kind, ulong size, bool prefetchable, ulong mask)
    {
        ConfigSpace space = EndpointWith(new BarDeclaration(2, kind, size, prefetchable));
        // A BAR the firmware assigned: sizing must put the address back.
        space.Write32(PciRegisters.Bar(2), 0xfebf_0000u & (uint)~(size - 1));
        byte[] before = space.ToArray();

        BarProbeResult probe = BarProber.Probe(space, 2);

        Assert.True(probe.Implemented);
        Assert.Equal(kind, probe.Kind);
        Assert.Equal(size, probe.Size);
        Assert.Equal(prefetchable, probe.Prefetchable);
        Assert.Equal(mask, probe.SizeMask);
        Assert.Equal(before, space.ToArray());
    }

    [Fact]
    public void Type_bits_are_read_only()
    {
        ConfigSpace space = EndpointWith(BarDeclaration.Io(0, 0x40), BarDeclaration.Memory64(2, 0x4000, prefetchable: true), BarDeclaration.Memory32(4, 0x1000));
        Assert.Equal(0x1u, space.Read32(0x10));
        Assert.Equal(0xcu, space.Read32(0x18));
        Assert.Equal(0x0u, space.Read32(0x1c));
        Assert.Equal(0x0u, space.Read32(0x20));
        space.Write32(0x10, 0);
        space.Write32(0x18, 0);
        Assert.Equal(0x1u, space.Read32(0x10));
        Assert.Equal(0xcu, space.Read32(0x18));
    }

    [Fact]
    public void Unimplemented_bars_read_zero_and_ignore_writes()
    {
        ConfigSpace space = EndpointWith(BarDeclaration.Memory32(1, 0x1000));
        foreach (int index in new[] { 0, 2, 3, 4, 5 })
        {
            space.Write32(PciRegisters.Bar(index), 0xffffffff);
            Assert.Equal(0u, space.Read32(PciRegisters.Bar(index)));
            Assert.False(BarProber.Probe(space, index).Implemented);
        }
    }

    [Fact]
    public void Probing_all_bars_skips_the_upper_half_of_64_bit_bars()
    {
        ConfigSpace space = EndpointWith(BarDeclaration.Io(0, 0x20), BarDeclaration.Memory32(1, 0x1000), BarDeclaration.Memory64(4, 0x4000, true));
        IReadOnlyList<BarProbeResult> all = BarProber.ProbeAll(space);
        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, all.Select(r => r.Index));
        Assert.Equal(BarKind.Memory64, all[4].Kind);
    }

    [Fact]
    public void The_rom_bar_sizes_like_a_bar_and_keeps_its_enable_bit_writable()
    {
        var space = new PciFunctionLayout { Identity = default, ExpansionRom = new ExpansionRomDeclaration(0x40000) }.Realize().Config;
        Assert.Equal(0u, space.Read32(PciRegisters.RomAddress));
        Assert.Equal(0x40000u, BarProber.ProbeRom(space));
        Assert.Equal(0u, space.Read32(PciRegisters.RomAddress));
        space.Write32(PciRegisters.RomAddress, 0xfeb8_0001);
        Assert.Equal(0xfeb8_0001u, space.Read32(PciRegisters.RomAddress));
        space.Write32(PciRegisters.RomAddress, 0xffff_ffff);
        Assert.Equal(0xfffc_0001u, space.Read32(PciRegisters.RomAddress));
    }

    [Fact]
    public void No_rom_reads_zero_on_sizing()
    {
        ConfigSpace space = EndpointWith();
        Assert.Equal(0u, BarProber.ProbeRom(space));
        Assert.Equal(0u, space.Read32(PciRegisters.RomAddress));
    }

    [Fact]
    public void A_bridge_has_two_bars_and_its_rom_at_0x38()
    {
        var bridge = new PciFunctionLayout
        {
            Identity = new PciIdentity(0x1b36, 0x000c, 0, 0x060400),
            HeaderType = PciHeaderType.Bridge,
            Bars = [BarDeclaration.Memory32(0, 0x1000)],
            ExpansionRom = new ExpansionRomDeclaration(0x800),
        }.Realize().Config;
        Assert.Equal(2, BarProber.ProbeAll(bridge).Count);
        Assert.Equal(0x800u, BarProber.ProbeRom(bridge));
        Assert.Equal(0xffff_f801u, bridge.WriteMask.Get32(PciRegisters.BridgeRomAddress));
        Assert.Throws<PciConfigurationException>(() => new PciFunctionLayout
        {
            Identity = default,
            HeaderType = PciHeaderType.Bridge,
            Bars = [BarDeclaration.Memory32(2, 0x1000)],
        }.Realize());
    }

    public static TheoryData<BarDeclaration> BadBars() => new()
    {
        BarDeclaration.Io(0, 0x30),
        BarDeclaration.Io(0, 2),
        BarDeclaration.Memory32(0, 8),
        BarDeclaration.Memory64(5, 0x1000),
        new BarDeclaration(6, BarKind.Memory32, 0x1000),
        new BarDeclaration(-1, BarKind.Memory32, 0x1000),
        new BarDeclaration(0, BarKind.Io, 0x100, Prefetchable: true),
    };

    [Theory]
    [MemberData(nameof(BadBars))]
    public void Impossible_bars_are_refused(BarDeclaration bar)
    {
        PciConfigurationException error = Assert.Throws<PciConfigurationException>(() => EndpointWith(bar));
        Assert.Contains("BAR" + bar.Index, error.Message);
    }

    [Fact]
    public void Bars_sharing_a_register_are_refused()
    {
        PciConfigurationException error = Assert.Throws<PciConfigurationException>(() => EndpointWith(BarDeclaration.Memory64(0, 0x1000), BarDeclaration.Io(1, 0x20)));
        Assert.Contains("overlaps", error.Message);
    }

    [Theory]
    [InlineData(0x400u)]
    [InlineData(0x3000u)]
    public void Rom_sizes_below_2k_or_not_powers_of_two_are_refused(uint size) =>
        Assert.Throws<PciConfigurationException>(() => new PciFunctionLayout { Identity = default, ExpansionRom = new ExpansionRomDeclaration(size) }.Realize());
}
