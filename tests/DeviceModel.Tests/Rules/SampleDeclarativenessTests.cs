using System;
using System.Linq;
using System.Reflection;
using DeviceModel.Samples.Qemu;

namespace DeviceModel.Tests.Rules;

/// <summary>
/// The QEMU sample states with declarations what the framework can declare (README, "What the QEMU sample still writes
/// by hand"): no device type of it, nor a base type of its own, overrides the hooks the declarative rules replace.
/// </summary>
public sealed class SampleDeclarativenessTests
{
    private static readonly string[] Hooks = ["ResolveAuto", "Validate", "DeviceConfigLength"];

    [Fact]
    public void No_sample_type_overrides_a_hook_a_declarative_rule_replaces()
    {
        Assembly samples = typeof(QemuCatalog).Assembly;
        var overrides = (
            from type in samples.GetTypes()
            where typeof(Device).IsAssignableFrom(type)
            from member in type.GetMembers(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            where Hooks.Contains(member.Name)
            select type.Name + "." + member.Name).ToList();
        Assert.Empty(overrides);
        // The check sees the sample's types: it would find an override if there were one.
        Assert.Contains(samples.GetTypes(), t => t == typeof(PciBridge));
    }
}
