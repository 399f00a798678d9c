using System;
using System.Linq;
using DeviceModel.Pci.Tests.Harness;

namespace DeviceModel.Pci.Tests;

/// <summary>Each capability owns its bytes and exactly its writable bits.</summary>
public sealed class CapabilityTests
{
    private static (ConfigSpace Space, int Offset) Realize(PciCapability capability, bool express = false)
    {
        RealizedPciFunction function = new PciFunctionLayout
        {
            Identity = new PciIdentity(0x1af4, 0x1041, 1, 0x020000),
            Express = express,
            Capabilities = [new CapabilityDeclaration(capability)],
        }.Realize();
        return (function.Config, function.Capabilities[0].Offset);
    }

    /// <summary>Writes all ones to every byte of the capability and returns what reads back.</summary>
    private static byte[] WriteAllOnes(ConfigSpace space, int offset, int length)
    {
        for (int i = 0; i < length; i++) space.Write8(offset + i, 0xff);
        return space.Bytes.Slice(offset, length).ToArray();
    }

    [Fact]
    public void Msix_control_has_only_enable_and_function_mask_writable()
    {
        (ConfigSpace space, int at) = Realize(new MsixCapability(4, 1, 0, 1, 0x800));
        Assert.Equal("11000300" + "01000000" + "01080000", Spaces.Hex(space.Bytes.Slice(at, 12)));
        space.Write16(at + 2, 0xffff);
        Assert.Equal(0xc003, space.Read16(at + 2));
        space.Write16(at + 2, 0x0000);
        Assert.Equal(0x0003, space.Read16(at + 2));
        WriteAllOnes(space, at + 4, 8);
        Assert.Equal(0x00000001u, space.Read32(at + 4));
        Assert.Equal(0x00000801u, space.Read32(at + 8));
    }

    [Fact]
    public void Power_management_has_pmc_1_2_and_a_writable_power_state()
    {
        (ConfigSpace space, int at) = Realize(new PowerManagementCapability());
        Assert.Equal("01000300" + "00000000", Spaces.Hex(space.Bytes.Slice(at, 8)));
        space.Write16(at + 4, 0x7fff);
        Assert.Equal(0x0003, space.Read16(at + 4));

        (ConfigSpace old, int oldAt) = Realize(new PowerManagementCapability(powerStateWritable: false));
        old.Write16(oldAt + 4, 0x7fff);
        Assert.Equal(0x0000, old.Read16(oldAt + 4));
    }

    [Theory]
    [InlineData(1, false, false, 0x0a, "05000000")]
    [InlineData(4, true, false, 0x0e, "05008400")]
    [InlineData(2, false, true, 0x14, "05000201")]
    [InlineData(32, true, true, 0x18, "05008a01")]
    public void Msi_sizes_and_flags_follow_qemus_msi_init(int vectors, bool address64, bool mask, int length, string header)
    {
        var msi = new MsiCapability(vectors, address64, mask);
        Assert.Equal(length, msi.Length);
        (ConfigSpace space, int at) = Realize(msi);
        Assert.Equal(header, Spaces.Hex(space.Bytes.Slice(at, 4)));
        ushort control = space.Read16(at + 2);
        space.Write16(at + 2, 0xfffe);                                      // disabled: Multiple Message Enable as written
        Assert.Equal(control | 0x70, space.Read16(at + 2));
        space.Write16(at + 2, 0xffff);                                      // enabled: clamped to Multiple Message Capable
        Assert.Equal(control | 0x01 | (control & 0x0e) << 3, space.Read16(at + 2));
        space.Write32(at + 4, 0xffffffff);
        Assert.Equal(0xfffffffcu, space.Read32(at + 4));
        space.Write16(at + msi.DataOffset, 0xffff);
        Assert.Equal(0xffff, space.Read16(at + msi.DataOffset));
        if (mask)
        {
            space.Write32(at + msi.MaskOffset, 0xffffffff);
            Assert.Equal(uint.MaxValue >> (32 - vectors), space.Read32(at + msi.MaskOffset));
        }
    }

    [Fact]
    public void Power_management_with_pme_has_pme_enable_and_data_select_writable_and_pme_status_w1c()
    {
        (ConfigSpace space, int at) = Realize(PowerManagementCapability.WithPme(0x0022));
        Assert.Equal("01002200" + "00000000", Spaces.Hex(space.Bytes.Slice(at, 8)));
        space.Write16(at + 4, 0x7fff);
        Assert.Equal(0x1f03, space.Read16(at + 4));
        Assert.Equal(PowerManagementCapability.PmeStatusBit, space.WriteOneToClearMask.Get16(at + 4));
    }

    [Fact]
    public void Pcie_version_1_endpoint_is_20_bytes_without_device_2_registers()
    {
        PciExpressCapability rcie = PciExpressCapability.EndpointVersion1(rootComplexIntegrated: true);
        Assert.Equal(PciExpressCapability.Version1Size, rcie.Length);
        (ConfigSpace space, int at) = Realize(rcie, express: true);
        Assert.Equal("10009100" + "00800000" + "00000000" + "11040000" + "00001100", Spaces.Hex(space.Bytes.Slice(at, 0x14)));
        (ConfigSpace endpoint, int epAt) = Realize(PciExpressCapability.EndpointVersion1(rootComplexIntegrated: false), express: true);
        Assert.Equal(0x0001, endpoint.Read16(epAt + 2));
        endpoint.Write16(epAt + 8, 0x7fff);
        Assert.Equal(0, endpoint.Read16(epAt + 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PciExpressCapability(PciExpressPortType.Endpoint, 3));
    }

    [Fact]
    public void Msi_refuses_vector_counts_that_are_not_powers_of_two() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MsiCapability(3));

    [Fact]
    public void Pcie_endpoint_has_qemus_v2_values()
    {
        (ConfigSpace space, int at) = Realize(PciExpressCapability.Endpoint(true, true, true, true), express: true);
        Assert.Equal("10000200" + "00800010" + "00000000" + "11040000" + "00001100" + string.Concat(Enumerable.Repeat("00", 16)) + "00003000",
            Spaces.Hex(space.Bytes.Slice(at, 0x28)));
        Assert.Equal(60, PciExpressCapability.Version2Size);
    }

    public static TheoryData<bool, bool, bool, ushort, ushort> InitFlags() => new()
    {
        { false, false, false, 0x0000, 0x0000 },
        { true, true, false, 0x000f, 0x00c0 },
        { true, true, true, 0x000f, 0x00c0 },
    };

    [Theory]
    [MemberData(nameof(InitFlags))]
    public void Pcie_init_flags_decide_the_writable_control_bits(bool deverr, bool lnkctl, bool flr, ushort devctl, ushort linkControl)
    {
        (ConfigSpace space, int at) = Realize(PciExpressCapability.Endpoint(deverr, lnkctl, flr, true), express: true);
        space.Write16(at + 8, 0x7fff);
        Assert.Equal(devctl, space.Read16(at + 8));
        space.Write16(at + 0x10, 0xffff);
        Assert.Equal(linkControl, space.Read16(at + 0x10));
        space.Write16(at + 0x28, 0xffff);
        Assert.Equal(0x8000, space.Read16(at + 0x28));
        space.Write16(at + 0x30, 0xffff);
        Assert.Equal(0x0000, space.Read16(at + 0x30));
        Assert.Equal(flr, (space.Read32(at + 4) & PciExpressCapability.FunctionLevelResetCapable) != 0);
    }

    [Fact]
    public void Initiating_flr_requests_a_reset_and_the_bit_reads_back_zero()
    {
        (ConfigSpace space, int at) = Realize(PciExpressCapability.Endpoint(true, true, true, true), express: true);
        int resets = 0;
        space.FunctionLevelResetRequested += (_, _) => resets++;
        space.Write16(at + 8, 0x800f);
        Assert.Equal(1, resets);
        Assert.Equal(0x000f, space.Read16(at + 8));
        space.Write16(at + 8, 0x0001);
        Assert.Equal(1, resets);
    }

    [Fact]
    public void Extcap_init_makes_the_null_extended_header_read_only()
    {
        (ConfigSpace on, _) = Realize(PciExpressCapability.Endpoint(true, true, true, readOnlyEmptyExtendedHeader: true), express: true);
        on.Write32(0x100, 0xffffffff);
        Assert.Equal(0u, on.Read32(0x100));
        (ConfigSpace off, _) = Realize(PciExpressCapability.Endpoint(true, true, true, readOnlyEmptyExtendedHeader: false), express: true);
        off.Write32(0x100, 0xffffffff);
        Assert.Equal(0xffffffffu, off.Read32(0x100));
    }

    [Fact]
    public void Root_port_has_slot_root_control_and_ari_forwarding()
    {
        (ConfigSpace space, int at) = Realize(PciExpressCapability.RootPort(portNumber: 0x10, new PciExpressSlot(1)), express: true);
        Assert.Equal(0x0142, space.Read16(at + 2));
        Assert.Equal(0x10000411u, space.Read32(at + 0x0c));
        Assert.Equal(0x000a_0079u, space.Read32(at + 0x14)); // slot 1, EIP, PIP, AIP, ABP, HPS, HPC
        Assert.Equal(0x00c0, space.Read16(at + 0x18));       // empty slot without a power controller: attention indicator off
        space.Write16(at + 0x18, 0xffff);
        Assert.Equal(0x03f9, space.Read16(at + 0x18));       // QEMU's read-back: EIC always reads 0
        space.Write16(at + 0x1c, 0xffff);
        Assert.Equal(0x0007, space.Read16(at + 0x1c));
        Assert.Equal(0x20u, space.Read32(at + 0x24) & 0x20u);
        space.Write16(at + 0x28, 0xffff);
        Assert.Equal(0x8020, space.Read16(at + 0x28));
    }

    [Fact]
    public void Aer_has_qemu_7_2_defaults_and_masks()
    {
        RealizedPciFunction function = new PciFunctionLayout
        {
            Identity = default,
            Express = true,
            ExtendedCapabilities = [new(new AerCapability()), new(new AtsCapability(pageAligned: true))],
        }.Realize();
        ConfigSpace space = function.Config;
        Assert.Equal("01008214" + "00000000" + "00000000" + "30204600" + "00000000" + "00e00000" + "a0000000", Spaces.Hex(space.Bytes.Slice(0x100, 28)));
        Assert.Equal("0f000100" + "20000000", Spaces.Hex(space.Bytes.Slice(0x148, 8)));
        space.Write32(0x100, 0xffffffff);
        Assert.Equal(0x14820001u, space.Read32(0x100));
        space.Write32(0x108, 0xffffffff);
        Assert.Equal(0u, space.Read32(0x108));
        space.Write32(0x10c, 0);
        Assert.Equal(0u, space.Read32(0x10c));
        space.Write32(0x118, 0xffffffff);
        Assert.Equal(0x1e0u, space.Read32(0x118));
        space.Values.Set32(0x104, 0x0000_1030);
        space.Write32(0x104, 0x0000_1010);
        Assert.Equal(0x0000_0020u, space.Read32(0x104));
        space.Write16(0x14e, 0xffff);
        Assert.Equal(0x800f, space.Read16(0x14e));
    }

    [Fact]
    public void Device_serial_number_follows_a_shortened_aer_read_only()
    {
        RealizedPciFunction function = new PciFunctionLayout
        {
            Identity = default,
            Express = true,
            ExtendedCapabilities = [new(new AerCapability(length: AerCapability.SizeWithoutPrefixLogTail)), new(new DeviceSerialNumberCapability(0x525400ff_ff123456))],
        }.Realize();
        ConfigSpace space = function.Config;
        Assert.Equal(0x140, function.ExtendedCapabilities[1].Offset);
        Assert.Equal("01000214", Spaces.Hex(space.Bytes.Slice(0x100, 4)));
        Assert.Equal("03000100" + "563412ffff005452", Spaces.Hex(space.Bytes.Slice(0x140, 12)));
        WriteAllOnes(space, 0x140, 12);
        Assert.Equal("03000100" + "563412ffff005452", Spaces.Hex(space.Bytes.Slice(0x140, 12)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AerCapability(length: 0x44));
    }

    [Fact]
    public void A_power_controller_powers_the_empty_slot_off_and_makes_its_control_writable()
    {
        (ConfigSpace space, int at) = Realize(PciExpressCapability.RootPort(0, new PciExpressSlot(0, HotPlug: false, PowerController: true)), express: true);
        Assert.Equal(0x0002_001bu, space.Read32(at + 0x14));
        Assert.Equal(0x07c0, space.Read16(at + 0x18));
        space.Write16(at + 0x18, 0xffff);
        Assert.Equal(0x07f9, space.Read16(at + 0x18));
    }

    [Theory]
    [InlineData(PciExpressLinkSpeed.Gt2_5, PciExpressLinkWidth.X1, 0x0000_0411u, 0x0011, 0x0000_0000u, 0x0000)]
    [InlineData(PciExpressLinkSpeed.Gt5, PciExpressLinkWidth.X1, 0x0030_0412u, 0x0012, 0x0000_0000u, 0x0002)]
    [InlineData(PciExpressLinkSpeed.Gt8, PciExpressLinkWidth.X4, 0x0030_0443u, 0x0043, 0x0000_000eu, 0x0003)]
    [InlineData(PciExpressLinkSpeed.Gt16, PciExpressLinkWidth.X32, 0x0030_0604u, 0x0204, 0x0000_001eu, 0x0004)]
    [InlineData(PciExpressLinkSpeed.Gt2_5, PciExpressLinkWidth.X2, 0x0020_0421u, 0x0021, 0x0000_0000u, 0x0000)]
    public void The_link_fills_capabilities_status_speed_vector_and_target_speed(PciExpressLinkSpeed speed, PciExpressLinkWidth width,
        uint linkCapabilities, ushort linkStatus, uint linkCapabilities2, ushort linkControl2)
    {
        (ConfigSpace space, int at) = Realize(PciExpressCapability.RootPort(0, null, link: new PciExpressLink(speed, width)), express: true);
        Assert.Equal(linkCapabilities, space.Read32(at + 0x0c));
        Assert.Equal(linkStatus, space.Read16(at + 0x12));
        Assert.Equal(linkCapabilities2, space.Read32(at + 0x2c));
        Assert.Equal(linkControl2, space.Read16(at + 0x30));
        space.Write16(at + 0x30, 0xffff);
        Assert.Equal(linkControl2, space.Read16(at + 0x30));
    }

    [Fact]
    public void Root_port_aer_has_multiple_header_recording_and_root_error_registers()
    {
        ConfigSpace space = new PciFunctionLayout
        {
            Identity = default,
            Express = true,
            ExtendedCapabilities = [new(new AerCapability(multipleHeaderRecording: true, rootPort: true))],
        }.Realize().Config;
        Assert.Equal(0x2a0u, space.Read32(0x118));
        space.Write32(0x118, 0xffffffff);
        Assert.Equal(0x7e0u, space.Read32(0x118));
        space.Write32(0x12c, 0xffffffff);
        Assert.Equal(0x7u, space.Read32(0x12c));
        space.Values.Set32(0x130, 0x7f);
        space.Write32(0x130, 0x05);
        Assert.Equal(0x7au, space.Read32(0x130));
    }

    [Fact]
    public void Acs_makes_exactly_its_implemented_controls_writable()
    {
        ConfigSpace space = new PciFunctionLayout
        {
            Identity = default,
            Express = true,
            ExtendedCapabilities = [new(new AerCapability(), 0x100), new(AcsCapability.DownstreamPort(), 0x148)],
        }.Realize().Config;
        Assert.Equal("0d000100" + "5f000000", Spaces.Hex(space.Bytes.Slice(0x148, 8)));
        Assert.Equal(0x1482_0001u, space.Read32(0x100));
        space.Write16(0x14e, 0xffff);
        Assert.Equal(0x005f, space.Read16(0x14e));
    }

    [Fact]
    public void Bridge_subsystem_ids_are_read_only()
    {
        (ConfigSpace space, int at) = Realize(new SubsystemVendorCapability(0x1b36, 0x0001));
        Assert.Equal("0d000000" + "361b0100", Spaces.Hex(space.Bytes.Slice(at, 8)));
        Assert.Equal("0d000000" + "361b0100", Spaces.Hex(WriteAllOnes(space, at, 8)));
    }

    [Fact]
    public void Resource_reserve_is_qemus_packed_red_hat_capability()
    {
        (ConfigSpace space, int at) = Realize(new ResourceReserveCapability(4, 0x1000, uint.MaxValue, uint.MaxValue, ulong.MaxValue));
        Assert.Equal("09002001" + "04000000" + "0010000000000000" + "ffffffff" + "ffffffff" + "ffffffffffffffff", Spaces.Hex(space.Bytes.Slice(at, 32)));
        Assert.Equal(Spaces.Hex(space.Bytes.Slice(at, 32)), Spaces.Hex(WriteAllOnes(space, at, 32)));
    }

    [Fact]
    public void Vendor_specific_body_and_writable_bits_are_its_own()
    {
        var capability = new VendorSpecificCapability("test", [0xaa, 0xbb, 0xcc], [0x00, 0x0f, 0x00]);
        (ConfigSpace space, int at) = Realize(capability);
        Assert.Equal("090006aabbcc", Spaces.Hex(space.Bytes.Slice(at, 6)));
        Assert.Equal("090006aabfcc", Spaces.Hex(WriteAllOnes(space, at, 6)));
        Assert.Throws<ArgumentException>(() => new VendorSpecificCapability("bad", [1, 2], [1]));
    }

    [Fact]
    public void Virtio_pci_cfg_window_has_bar_offset_length_and_data_writable()
    {
        (ConfigSpace space, int at) = Realize(VirtioPciCapability.PciConfig());
        Assert.Equal("0900140500000000" + "0000000000000000" + "00000000", Spaces.Hex(space.Bytes.Slice(at, 20)));
        Assert.Equal("090014" + "05" + "ff" + "000000" + "ffffffffffffffffffffffff", Spaces.Hex(WriteAllOnes(space, at, 20)));
    }

    [Fact]
    public void Virtio_notify_carries_its_multiplier()
    {
        (ConfigSpace space, int at) = Realize(VirtioPciCapability.Notify(4, 0x3000, 0x1000, 4));
        Assert.Equal("0900140204000000" + "0030000000100000" + "04000000", Spaces.Hex(space.Bytes.Slice(at, 20)));
        Assert.Equal("0900140204000000" + "0030000000100000" + "04000000", Spaces.Hex(WriteAllOnes(space, at, 20)));
    }
}
