namespace DeviceModel
{
    /// <summary>
    /// The static description of one declared capability (generated from <see cref="PciCapabilityAttribute"/> and
    /// <see cref="PciExtendedCapabilityAttribute"/>): which method builds it, when it exists, where it goes.
    /// </summary>
    /// <param name="Factory">The instance method that builds it.</param>
    /// <param name="When">The bool property deciding whether it exists, or null when it always does.</param>
    /// <param name="Offset">Its fixed offset, or 0 for the placement policy.</param>
    /// <param name="Length">Its declared length, or 0 when it depends on the device.</param>
    /// <param name="Extended">Whether it is an extended (PCI Express, 0x100+) capability.</param>
    /// <param name="DeclaringType">The device type that declares it.</param>
    public sealed record CapabilityInfo(string Factory, string? When, int Offset, int Length, bool Extended, string DeclaringType);
}
