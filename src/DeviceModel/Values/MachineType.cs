using System.Collections.Immutable;

namespace DeviceModel
{
    /// <summary>A machine type: <c>pc-i440fx-5.2</c> is family <c>pc-i440fx</c>, version 5.2.</summary>
    public sealed record MachineType(string Name, string Family, MachineVersion Version, ImmutableArray<string> Aliases, bool Deprecated, bool PciExpress, string? Description)
    {
        /// <inheritdoc/>
        public override string ToString() => Name;
    }
}
