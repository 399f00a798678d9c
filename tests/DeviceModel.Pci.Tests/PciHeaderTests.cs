using DeviceModel.Pci.Tests.Harness;

namespace DeviceModel.Pci.Tests;

/// <summary>Type 0 and type 1 headers get QEMU's identity registers and default masks.</summary>
public sealed class PciHeaderTests
{
    private static readonly PciIdentity Nic = new(0x8086, 0x100e, 0x03, 0x020000, 0x1af4, 0x1100);

    private static ConfigSpace Endpoint()
    {
        var space = ConfigSpace.Conventional();
        PciHeader.InitializeEndpoint(space, Nic);
        return space;
    }

    [Fact]
    public void Endpoint_identity_lands_where_the_spec_puts_it()
    {
        ConfigSpace space = Endpoint();
        Assert.Equal(0x8086, space.Read16(PciRegisters.VendorId));
        Assert.Equal(0x100e, space.Read16(PciRegisters.DeviceId));
        Assert.Equal(0x02000003u, space.Read32(PciRegisters.RevisionId));
        Assert.Equal(0x11001af4u, space.Read32(PciRegisters.SubsystemVendorId));
        Assert.Equal(0x00, space.Read8(PciRegisters.HeaderType));
    }

    [Fact]
    public void Command_reads_back_qemus_0507_after_writing_all_ones()
    {
        ConfigSpace space = Endpoint();
        space.Write16(PciRegisters.Command, 0xffff);
        Assert.Equal(0x0507, space.Read16(PciRegisters.Command));
    }

    [Fact]
    public void Cache_line_size_and_interrupt_line_are_writable_latency_timer_is_not_as_in_qemu()
    {
        ConfigSpace space = Endpoint();
        space.Write32(PciRegisters.CacheLineSize, 0xffffffff);
        space.Write32(PciRegisters.InterruptLine, 0xffffffff);
        Assert.Equal(0xff, space.Read8(PciRegisters.CacheLineSize));
        Assert.Equal(0x00, space.Read8(PciRegisters.LatencyTimer));
        Assert.Equal(0x00, space.Read8(PciRegisters.HeaderType));
        Assert.Equal(0xff, space.Read8(PciRegisters.InterruptLine));
        Assert.Equal(0x00, space.Read8(PciRegisters.InterruptPin));
    }

    [Fact]
    public void Identity_registers_are_read_only_and_checked()
    {
        ConfigSpace space = Endpoint();
        for (int offset = 0; offset < 0x40; offset += 4) space.Write32(offset, 0xffffffff);
        Assert.Equal(0x100e8086u, space.Read32(0));
        Assert.Equal(0xffff, space.CheckMask.Get16(PciRegisters.VendorId));
        Assert.Equal(0xff, space.CheckMask.Get8(PciRegisters.CapabilityList));
    }

    [Fact]
    public void The_capability_area_is_guest_writable_until_a_capability_claims_it()
    {
        ConfigSpace space = Endpoint();
        space.Write32(0x80, 0xdeadbeef);
        Assert.Equal(0xdeadbeefu, space.Read32(0x80));
    }

    [Fact]
    public void Bridge_header_has_type_1_bridge_class_and_writable_bus_numbers_windows_and_control()
    {
        var space = ConfigSpace.Conventional();
        PciHeader.InitializeBridge(space, new PciIdentity(0x1b36, 0x0001, 0, 0));
        Assert.Equal(0x01, space.Read8(PciRegisters.HeaderType));
        Assert.Equal(0x0604, space.Read16(PciRegisters.ClassDevice));
        Assert.Equal(0x00a0, space.Read16(PciRegisters.Status));
        Assert.Equal(0x00a0, space.Read16(PciRegisters.SecondaryStatus));

        space.Write32(PciRegisters.PrimaryBus, 0xffffffff);
        Assert.Equal(0xffffffffu, space.Read32(PciRegisters.PrimaryBus));
        space.Write16(PciRegisters.IoBase, 0xffff);
        Assert.Equal(0xf0f0, space.Read16(PciRegisters.IoBase));
        space.Write32(PciRegisters.MemoryBase, 0xffffffff);
        Assert.Equal(0xfff0fff0u, space.Read32(PciRegisters.MemoryBase));
        space.Write32(PciRegisters.PrefetchableMemoryBase, 0xffffffff);
        Assert.Equal(0xfff1fff1u, space.Read32(PciRegisters.PrefetchableMemoryBase));
        space.Write32(PciRegisters.PrefetchableBaseUpper32, 0xffffffff);
        space.Write32(PciRegisters.PrefetchableLimitUpper32, 0xffffffff);
        Assert.Equal(0xffffffffu, space.Read32(PciRegisters.PrefetchableLimitUpper32));
        space.Write16(PciRegisters.BridgeControl, 0xffff);
        Assert.Equal(PciHeader.WritableBridgeControlBits, space.Read16(PciRegisters.BridgeControl));
        Assert.Equal(0x0507, space.WriteMask.Get16(PciRegisters.Command));
    }

    [Fact]
    public void Express_port_header_has_no_66mhz_hardwires_bridge_control_and_disables_the_windows()
    {
        var space = ConfigSpace.Express();
        PciHeader.InitializeBridge(space, new PciIdentity(0x1b36, 0x000c, 0, 0), expressPort: true);
        Assert.Equal(0x0000, space.Read16(PciRegisters.Status));
        Assert.Equal(0x0000, space.Read16(PciRegisters.SecondaryStatus));
        Assert.Equal(0x00f0, space.Read16(PciRegisters.IoBase));            // base above limit: no I/O forwarded
        Assert.Equal(0x0000fff0u, space.Read32(PciRegisters.MemoryBase));
        Assert.Equal(0x0001fff1u, space.Read32(PciRegisters.PrefetchableMemoryBase));
        space.Write16(PciRegisters.BridgeControl, 0xffff);
        Assert.Equal(PciHeader.ExpressPortWritableBridgeControlBits, space.Read16(PciRegisters.BridgeControl));
        space.Write16(PciRegisters.IoBase, 0xffff);
        Assert.Equal(0xf0f0, space.Read16(PciRegisters.IoBase));
    }

    [Fact]
    public void Multifunction_sets_bit_7_of_the_header_type()
    {
        var space = ConfigSpace.Conventional();
        PciHeader.InitializeEndpoint(space, Nic, multifunction: true);
        Assert.Equal(0x80, space.Read8(PciRegisters.HeaderType));
        var bridge = ConfigSpace.Conventional();
        PciHeader.InitializeBridge(bridge, Nic, multifunction: true);
        Assert.Equal(0x81, bridge.Read8(PciRegisters.HeaderType));
    }
}
