using System;
using System.Collections.Generic;
using System.Linq;
using CsCheck;

namespace DeviceModel.Pci.Tests;

/// <summary>Placement policies, list linking, walking, and the errors for capabilities that do not fit.</summary>
public sealed class CapabilityLayoutTests
{
    private static VendorSpecificCapability Cap(string name, int length) => new(name, new byte[length - 3]);

    private static PciFunctionLayout Function(CapabilityPlacement placement, IEnumerable<CapabilityDeclaration> capabilities, IEnumerable<ExtendedCapabilityDeclaration>? extended = null) => new()
    {
        Identity = new PciIdentity(0x1af4, 0x1041, 1, 0x020000),
        Express = extended is not null,
        Placement = placement,
        Capabilities = capabilities.ToArray(),
        ExtendedCapabilities = extended?.ToArray() ?? [],
    };

    [Fact]
    public void Qemu_policy_places_first_fit_from_0x40_and_prepends_each_capability()
    {
        // QEMU's virtio-pci behind a root port: PCIe(60) PM(8) common isr device(16) notify cfg(20) MSI-X(12).
        var layout = new CapabilityLayout(CapabilityPlacement.Qemu);
        int[] offsets = new[] { 60, 8, 16, 16, 16, 20, 20, 12 }.Select((length, i) => layout.Add("cap" + i, 0x09, length)).ToArray();

        Assert.Equal(new[] { 0x40, 0x7c, 0x84, 0x94, 0xa4, 0xb4, 0xc8, 0xdc }, offsets);
        Assert.Equal(0xdc, layout.ListHead);
        Assert.Equal(new[] { 0xdc, 0xc8, 0xb4, 0xa4, 0x94, 0x84, 0x7c, 0x40 }, layout.InListOrder().Select(c => c.Offset));
        Assert.Equal(new[] { 0xc8, 0xb4, 0xa4, 0x94, 0x84, 0x7c, 0x40, 0x00 }, layout.InListOrder().Select(c => c.Next));
    }

    [Fact]
    public void Qemu_policy_fills_holes_left_by_fixed_offsets_and_reserves_whole_dwords()
    {
        var layout = new CapabilityLayout(CapabilityPlacement.Qemu);
        Assert.Equal(0x48, layout.Add("fixed", 0x09, 8, 0x48));
        Assert.Equal(0x40, layout.Add("a", 0x09, 3));   // reserves 0x40-0x43
        Assert.Equal(0x50, layout.Add("b", 0x09, 8));   // 0x44-0x47 is too small
        Assert.Equal(0x44, layout.Add("c", 0x09, 4));
        Assert.Equal(new[] { "c", "b", "a", "fixed" }, layout.InListOrder().Select(c => c.Name));
    }

    [Fact]
    public void Append_policy_places_after_the_previous_capability_and_links_in_declaration_order()
    {
        var layout = new CapabilityLayout(CapabilityPlacement.Append);
        Assert.Equal(0x48, layout.Add("fixed", 0x09, 8, 0x48));
        Assert.Equal(0x50, layout.Add("a", 0x09, 3));
        Assert.Equal(0x54, layout.Add("b", 0x09, 10));
        Assert.Equal(0x60, layout.Add("c", 0x09, 4));
        Assert.Equal(0x48, layout.ListHead);
        Assert.Equal(new[] { "fixed", "a", "b", "c" }, layout.InListOrder().Select(c => c.Name));
        Assert.Equal(new[] { 0x50, 0x54, 0x60, 0 }, layout.InListOrder().Select(c => c.Next));
    }

    [Fact]
    public void Realize_writes_ids_next_pointers_the_capability_pointer_and_the_status_bit()
    {
        ConfigSpace space = Function(CapabilityPlacement.Qemu, [new(Cap("one", 16)), new(new PowerManagementCapability())]).Realize().Config;
        Assert.Equal(0x50, space.Read8(PciRegisters.CapabilityList));
        Assert.Equal(0x10, space.Read16(PciRegisters.Status) & PciRegisters.StatusCapabilityList);
        Assert.Equal(0x4001, space.Read16(0x50));
        Assert.Equal(0x0009, space.Read16(0x40));
        Assert.Equal(16, space.Read8(0x42));
    }

    [Fact]
    public void Without_capabilities_the_pointer_and_status_bit_stay_clear()
    {
        ConfigSpace space = Function(CapabilityPlacement.Qemu, []).Realize().Config;
        Assert.Equal(0, space.Read8(PciRegisters.CapabilityList));
        Assert.Equal(0, space.Read16(PciRegisters.Status) & PciRegisters.StatusCapabilityList);
        Assert.Empty(CapabilityWalker.Standard(space));
    }

    public static TheoryData<int, int, string> BadFixedOffsets() => new()
    {
        { 0x42, 8, "not dword aligned" },
        { 0x3c, 8, "overlaps the standard header" },
        { 0xfc, 8, "runs past the end" },
        { 0x4c, 8, "overlaps capability 'first' at 0x48" },
    };

    [Theory]
    [MemberData(nameof(BadFixedOffsets))]
    public void Fixed_offsets_that_do_not_fit_name_the_capability(int offset, int length, string why)
    {
        var layout = new CapabilityLayout();
        layout.Add("first", 0x09, 8, 0x48);
        CapabilityLayoutException error = Assert.Throws<CapabilityLayoutException>(() => layout.Add("second", 0x09, length, offset));
        Assert.Equal("second", error.CapabilityName);
        Assert.Contains("'second'", error.Message);
        Assert.Contains(why, error.Message);
    }

    [Theory]
    [InlineData(CapabilityPlacement.Qemu)]
    [InlineData(CapabilityPlacement.Append)]
    public void Overflowing_the_capability_area_names_the_capability(CapabilityPlacement placement)
    {
        var declarations = Enumerable.Range(0, 4).Select(i => new CapabilityDeclaration(Cap("big" + i, 48))).ToList();
        declarations.Add(new CapabilityDeclaration(Cap("straw", 4)));
        PciConfigurationException error = Assert.Throws<CapabilityLayoutException>(() => Function(placement, declarations).Realize());
        Assert.Contains("'straw'", error.Message);
        Assert.Contains("no room", error.Message);
    }

    [Fact]
    public void Append_policy_does_not_reuse_space_before_the_previous_capability()
    {
        var layout = new CapabilityLayout(CapabilityPlacement.Append);
        layout.Add("late", 0x09, 4, 0xf0);
        Assert.Throws<CapabilityLayoutException>(() => layout.Add("after", 0x09, 20));
    }

    [Fact]
    public void Extended_capabilities_chain_in_add_order_from_0x100()
    {
        var layout = new ExtendedCapabilityLayout();
        Assert.Equal(0x100, layout.Add(new AerCapability()));
        Assert.Equal(0x148, layout.Add(new AtsCapability(true)));
        Assert.Equal(0x200, layout.Add("fixed", 0x0b, 8, 0x200));
        Assert.Equal(0x208, layout.Add("next", 0x0b, 6));
        Assert.Equal(new[] { 0x148, 0x200, 0x208, 0 }, layout.InListOrder().Select(c => c.Next));
    }

    public static TheoryData<int?, int, string> BadExtendedOffsets() => new()
    {
        { 0x102, 8, "not dword aligned" },
        { 0xfc, 8, "below the extended area" },
        { 0xffc, 8, "runs past the end" },
        { 0x104, 8, "overlaps 'AER' at 0x100" },
    };

    [Theory]
    [MemberData(nameof(BadExtendedOffsets))]
    public void Extended_capabilities_that_do_not_fit_name_the_capability(int? offset, int length, string why)
    {
        var layout = new ExtendedCapabilityLayout();
        layout.Add(new AerCapability());
        CapabilityLayoutException error = Assert.Throws<CapabilityLayoutException>(() => layout.Add("VSEC", 0x0b, length, offset));
        Assert.Equal("VSEC", error.CapabilityName);
        Assert.Contains(why, error.Message);
    }

    [Fact]
    public void The_extended_list_must_start_at_0x100()
    {
        CapabilityLayoutException error = Assert.Throws<CapabilityLayoutException>(() => new ExtendedCapabilityLayout().Add("late", 0x0b, 8, 0x200));
        Assert.Contains("must be at 0x100", error.Message);
    }

    [Fact]
    public void Extended_capabilities_need_an_express_space()
    {
        var layout = Function(CapabilityPlacement.Qemu, []) with { ExtendedCapabilities = [new(new AerCapability())] };
        Assert.Contains("'AER'", Assert.Throws<PciConfigurationException>(() => layout.Realize()).Message);
    }

    [Fact]
    public void Walking_from_0x34_and_0x100_visits_every_capability_exactly_once()
    {
        Gen<int[]> lengths = Gen.Int[3, 40].Array[0, 16];
        Gen<int[]> extendedLengths = Gen.Int[4, 400].Array[0, 10];
        Gen.Select(lengths, extendedLengths, Gen.Bool).Sample((standard, extended, append) =>
        {
            PciFunctionLayout layout = Function(append ? CapabilityPlacement.Append : CapabilityPlacement.Qemu,
                standard.Select((length, i) => new CapabilityDeclaration(Cap("vndr" + i, length))),
                extended.Select((length, i) => new ExtendedCapabilityDeclaration(new OpaqueExtendedCapability("ext" + i, length))));
            RealizedPciFunction function;
            try
            {
                function = layout.Realize();
            }
            catch (CapabilityLayoutException)
            {
                Assert.True(standard.Sum(l => (l + 3) & ~3) > 0xc0 - 3 * 4 || extended.Sum(l => (l + 3) & ~3) > 0xf00, "refused a layout that fits");
                return;
            }
            IReadOnlyList<FoundCapability> walked = CapabilityWalker.Standard(function.Config);
            Assert.Equal(function.Capabilities.Select(c => c.Offset), walked.Select(c => c.Offset));
            Assert.Equal(standard.Length, walked.Select(c => c.Offset).Distinct().Count());
            Assert.All(walked, c => Assert.Equal(0, c.Offset & 3));
            IReadOnlyList<FoundCapability> walkedExtended = CapabilityWalker.Extended(function.Config);
            Assert.Equal(function.ExtendedCapabilities.Select(c => c.Offset), walkedExtended.Select(c => c.Offset));
            Assert.Equal(extended.Length, walkedExtended.Select(c => c.Offset).Distinct().Count());
            // No two capabilities share a byte.
            var owners = new int[ConfigSpace.ExpressSize];
            foreach (PlacedCapability c in function.Capabilities.Concat(function.ExtendedCapabilities))
                for (int i = c.Offset; i < c.Offset + c.Length; i++) Assert.Equal(0, owners[i]++);
        }, iter: 500);
    }

    private sealed class OpaqueExtendedCapability(string name, int length) : PciExtendedCapability(0x0b, 1, name, length)
    {
        protected override void Initialize(CapabilityRegisters registers) => registers.Values.Set32(4, 0xc0ffee);
    }
}
