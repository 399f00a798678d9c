namespace DeviceModel.Declarations
{
    /// <summary>
    /// What the emitter needs about one declaring type — a <c>[Device]</c> class, or a class recording the history of
    /// options it inherits — from its own declarations only: strings, numbers and equatable arrays, so the step caches.
    /// </summary>
    /// <param name="DeviceName">The <c>[Device]</c> name; null for a class that only records histories.</param>
    /// <param name="HidesDescriptor">A concrete base type already has a <c>Descriptor</c>, which this one hides.</param>
    /// <param name="BaseType">The base type, fully qualified: its <c>DeviceModelTable</c> is the parent table.</param>
    /// <param name="Includes">The option groups the type includes, in declaration order.</param>
    /// <param name="GroupName">The <c>[OptionGroup]</c> name; null for any other type.</param>
    internal sealed record DeviceSpec(
        string? Namespace,
        string ClassName,
        string FullyQualifiedName,
        string DisplayName,
        string HintName,
        string? DeviceName,
        string? Description,
        bool IsAbstract,
        bool IsSealed,
        bool HidesDescriptor,
        string BaseType,
        EquatableArray<OptionSpec> Options,
        EquatableArray<HistorySpec> Histories,
        EquatableArray<CapabilitySpec> Capabilities,
        EquatableArray<string> Rules,
        EquatableArray<IncludeSpec> Includes,
        string? GroupName)
    {
        /// <summary>Whether the type is a <c>[Device]</c> type (else it only records histories, or is an option group).</summary>
        public bool IsDevice => DeviceName is not null;

        /// <summary>Whether the type is an <c>[OptionGroup]</c> class: its table is public, and its base is <c>OptionGroup</c>.</summary>
        public bool IsGroup => GroupName is not null;
    }

    /// <summary>An <c>[IncludeOptions]</c> property: the device's accessor reaches the group's rows through it.</summary>
    /// <param name="Group">The group class, fully qualified.</param>
    internal sealed record IncludeSpec(string PropertyName, string Group);

    /// <summary>A <c>[PciCapability]</c> or <c>[PciExtendedCapability]</c> the type declares.</summary>
    internal sealed record CapabilitySpec(string Factory, string? When, int Offset, int Length, bool Extended);

    /// <summary>One option a type declares, with every attribute string parsed (limits as bits).</summary>
    /// <param name="Kind">An <c>OptionKind</c> value.</param>
    /// <param name="ValueType">The property's value type, fully qualified (casts and enum tables).</param>
    /// <param name="ClrType">The C# type for the runtime when kind and nullability do not say it (enums, uint sizes).</param>
    /// <param name="Rules">The option's rule attributes, each as the C# expression that creates it.</param>
    /// <param name="SequentialEnum">An enum whose members' values are 0, 1, 2 … in declaration order: a cast maps it to value ordinals.</param>
    internal sealed record OptionSpec(
        string Name,
        string PropertyName,
        int Kind,
        string ValueType,
        string? ClrType,
        bool IsNullable,
        bool IsReferenceType,
        bool IsAuto,
        bool HostOnly,
        string? Description,
        ulong? Min,
        ulong? Max,
        EquatableArray<string> EnumNames,
        EquatableArray<string> EnumMembers,
        EquatableArray<HintSpec> History,
        EquatableArray<string> Rules,
        bool SequentialEnum);

    /// <summary>The history a type declares for an option it inherits (an override's hints, or class-level hints).</summary>
    internal sealed record HistorySpec(string Option, int Kind, EquatableArray<HintSpec> History);

    /// <summary>One <c>[CompatHint]</c> after the value syntax validated it: canonical text and 64-bit value, and the machine family it is scoped to (null: every family).</summary>
    internal sealed record HintSpec(string Since, int Major, int Minor, int Patch, ulong Bits, string? Text, int State, string? Reason, string? Family)
    {
        public const int StateValue = 0, StateNull = 1, StateAuto = 2;
    }

    /// <summary>A class marked <c>[DeviceCatalog]</c>, with the product's versions and ROM sizes parsed.</summary>
    internal sealed record CatalogSpec(string? Namespace, string ClassName, string HintName, string Accessibility,
        string? ProductName, VersionSpec? ProductVersion, EquatableArray<FamilySpec> Families, EquatableArray<RomSpec> Roms);

    /// <summary>A machine version, parsed.</summary>
    internal sealed record VersionSpec(int Major, int Minor, int Patch, bool HasPatch);

    /// <summary>A <c>[RomImage]</c> declaration with its size in bytes.</summary>
    internal sealed record RomSpec(string File, ulong Size);

    /// <summary>A <c>[MachineFamily]</c> declaration with its version lists parsed.</summary>
    internal sealed record FamilySpec(string Family, EquatableArray<VersionSpec> Versions, string? Alias, EquatableArray<VersionSpec> Deprecated, string? Description, bool PciExpress);

    /// <summary>What a catalog needs of each device.</summary>
    internal sealed record CatalogEntry(string FullyQualifiedName, string DeviceName, bool IsAbstract);
}
