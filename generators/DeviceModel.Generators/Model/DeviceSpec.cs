namespace DeviceModel.Generators.Model
{
    /// <summary>Everything the emitter needs about one <c>[Device]</c> class: strings, numbers and equatable arrays only.</summary>
    internal sealed record DeviceSpec(
        string? Namespace,
        string ClassName,
        string FullyQualifiedName,
        string DisplayName,
        string HintName,
        string DeviceName,
        string? Description,
        bool IsAbstract,
        bool HidesBaseDescriptor,
        string? ParentDeviceName,
        EquatableArray<OptionSpec> Options,
        EquatableArray<CapabilitySpec> Capabilities);

    /// <summary>A <c>[PciCapability]</c> or <c>[PciExtendedCapability]</c> declaration; <see cref="Own"/> when declared by this class.</summary>
    internal sealed record CapabilitySpec(string Factory, string? When, int Offset, int Length, bool Extended, string DeclaringType, bool Own);

    /// <summary>One option as the emitter sees it; <see cref="Kind"/> is an <c>OptionKind</c> value.</summary>
    internal sealed record OptionSpec(
        string Name,
        string PropertyName,
        int Kind,
        string PropertyType,
        string ValueType,
        string DeclaringType,
        bool IsNullable,
        bool IsReferenceType,
        bool IsAuto,
        bool HostOnly,
        string? Description,
        string? Min,
        string? Max,
        EquatableArray<string> EnumNames,
        EquatableArray<string> EnumMembers,
        EquatableArray<HintSpec> History);

    /// <summary>One <c>[CompatHint]</c> after the value syntax validated it: canonical text and 64-bit value, and the machine family it is scoped to (null: every family).</summary>
    internal sealed record HintSpec(string Since, int Major, int Minor, int Patch, ulong Bits, string? Text, int State, string? Reason, string? Family)
    {
        public const int StateValue = 0, StateNull = 1, StateAuto = 2;
    }

    /// <summary>A class marked <c>[DeviceCatalog]</c>.</summary>
    internal sealed record CatalogSpec(string? Namespace, string ClassName, string HintName, string Accessibility,
        string? ProductName, string? ProductVersion, EquatableArray<FamilySpec> Families, EquatableArray<RomSpec> Roms);

    /// <summary>A <c>[RomImage]</c> declaration.</summary>
    internal sealed record RomSpec(string File, string Size);

    /// <summary>A <c>[MachineFamily]</c> declaration, copied verbatim (the runtime validates it at start-up, the analyzers at build).</summary>
    internal sealed record FamilySpec(string Family, string Versions, string? Alias, string? Deprecated, string? Description, bool PciExpress);

    /// <summary>What a catalog needs of each device.</summary>
    internal sealed record CatalogEntry(string FullyQualifiedName, string DeviceName, bool IsAbstract);
}
