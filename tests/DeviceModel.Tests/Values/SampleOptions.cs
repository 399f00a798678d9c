using System;
using DeviceModel.Samples.Qemu;

namespace DeviceModel.Tests.Values;

/// <summary>Option metadata for value tests: the sample's generated options, and hand-built ones for kinds the sample lacks.</summary>
internal static class SampleOptions
{
    /// <summary>The names of the enum option built by <see cref="ForKind"/>.</summary>
    public static readonly string[] EnumNames = { "split", "page-per-vq", "io-thread", "x86-mode" };

    /// <summary>An option of virtio-rng-pci from the generated catalog.</summary>
    public static OptionInfo Rng(string name) =>
        VirtioRngPci.Descriptor.FindOption(name) ?? throw new ArgumentException("virtio-rng-pci has no option " + name, nameof(name));

    /// <summary>An option of any device type of the sample catalog.</summary>
    public static OptionInfo Of(string device, string name) =>
        QemuCatalog.Catalog.Find(device)?.FindOption(name) ?? throw new ArgumentException(device + " has no option " + name, nameof(name));

    /// <summary>
    /// An option of <paramref name="kind"/> with the type's full range, built the way generated code builds it
    /// (the sample has no size or enum option, so every kind gets one here).
    /// </summary>
    public static OptionInfo ForKind(OptionKind kind, string? min = null, string? max = null, bool auto = false, bool nullable = false) =>
        new(0, new OptionRow("opt", kind, null, (auto ? OptionFlags.Auto : 0) | (nullable ? OptionFlags.Nullable : 0))
        {
            Min = Limit(kind, min),
            Max = Limit(kind, max),
            Values = kind == OptionKind.Enum ? EnumNames : null,
        }, "Test.Device", history: null);

    /// <summary>A limit as the generator parses it at build time.</summary>
    private static ulong? Limit(OptionKind kind, string? text)
    {
        if (text is null) return null;
        ValueParseError error = kind == OptionKind.Size ? ValueSyntax.ParseSize(text, out ulong bits) : ValueSyntax.ParseInteger(text, kind, out bits);
        return error == ValueParseError.None ? bits : throw new ArgumentException("limit '" + text + "' is not " + ValueSyntax.Expected(kind), nameof(text));
    }

    /// <summary>Every value kind.</summary>
    public static OptionKind[] AllKinds => Enum.GetValues<OptionKind>();
}
