using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace DeviceModel.Pci.Tests;

/// <summary>
/// [CapabilityLength] is what the analyzers check a device's declared capability lengths against (DM0012): on every
/// capability type of the runtime it states exactly the lengths its instances have.
/// </summary>
public sealed class CapabilityLengthAttributeTests
{
    /// <summary>One instance of every variant of every capability type the runtime ships.</summary>
    private static IEnumerable<object> Variants()
    {
        foreach (bool address64 in new[] { false, true })
        {
            foreach (bool mask in new[] { false, true }) yield return new MsiCapability(1, address64, mask);
        }
        yield return new MsixCapability(4, 1, 0, 1, 0x800);
        yield return new PowerManagementCapability();
        yield return new SubsystemVendorCapability(0x1af4, 0x1100);
        yield return new ResourceReserveCapability(4, 0x1000, uint.MaxValue, uint.MaxValue, ulong.MaxValue);
        yield return PciExpressCapability.EndpointVersion1(rootComplexIntegrated: false);
        yield return PciExpressCapability.Endpoint(true, true, true, true);
        yield return VirtioPciCapability.Region(VirtioPciCapabilityType.Common, 4, 0, 0x1000);
        yield return VirtioPciCapability.Notify(4, 0x3000, 0x1000, 4);
        yield return VirtioPciCapability.PciConfig();
        yield return AcsCapability.DownstreamPort();
        yield return new AerCapability();
        yield return new AerCapability(length: AerCapability.SizeWithoutPrefixLogTail);
        yield return new AtsCapability(pageAligned: true);
        yield return new DeviceSerialNumberCapability(0x1234);
        yield return new ShpcCapability();
        yield return new SlotIdentificationCapability(1);
    }

    private static int LengthOf(object capability) => capability switch
    {
        PciCapability standard => standard.Length,
        PciExtendedCapability extended => extended.Length,
        _ => throw new ArgumentException("not a capability", nameof(capability)),
    };

    [Fact]
    public void Every_capability_type_states_exactly_the_lengths_its_instances_have()
    {
        foreach (IGrouping<Type, object> variants in Variants().GroupBy(v => v.GetType()))
        {
            CapabilityLengthAttribute? stated = variants.Key.GetCustomAttribute<CapabilityLengthAttribute>(inherit: false);
            Assert.True(stated is not null, variants.Key.Name + " has no [CapabilityLength]");
            Assert.Equal(stated.Lengths.Order(), variants.Select(LengthOf).Distinct().Order());
        }
    }

    [Fact]
    public void Every_fixed_or_enumerable_capability_type_of_the_runtime_states_its_lengths_and_is_covered_here()
    {
        // VendorSpecificCapability is open-ended (3 bytes plus any body): declarations returning it stay unchecked until realize.
        Type[] types = typeof(PciCapability).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && (t.IsSubclassOf(typeof(PciCapability)) || t.IsSubclassOf(typeof(PciExtendedCapability))) && t != typeof(VendorSpecificCapability))
            .OrderBy(t => t.Name, StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(types);
        Type[] covered = Variants().Select(v => v.GetType()).Distinct().OrderBy(t => t.Name, StringComparer.Ordinal).ToArray();
        Assert.Equal(types, covered);
    }
}
