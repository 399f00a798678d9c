using System.Collections.Immutable;

namespace DeviceModel.Tooling.Docs
{
    /// <summary>
    /// A place a PCI device can sit for the reference pictures: a conventional root bus, a PCI Express root bus, or
    /// behind a <c>pcie-root-port</c>. Each names the file suffix of its picture (<c>&lt;device&gt;.&lt;Key&gt;.svg</c>).
    /// </summary>
    /// <param name="Key">File-name part: <c>pci-root</c>, <c>pcie-root</c> or <c>pcie-root-port</c>.</param>
    /// <param name="Kind">The bus kind the resolver gives the device.</param>
    /// <param name="Title">Heading in the reference page.</param>
    public sealed record ReferenceBus(string Key, BusKind Kind, string Title)
    {
        /// <summary>The device type a device sits behind for <see cref="BusKind.ExpressPort"/>.</summary>
        public const string RootPortType = "pcie-root-port";

        /// <summary>The root bus of a machine without PCI Express (pc-i440fx).</summary>
        public static ReferenceBus ConventionalRoot { get; } = new("pci-root", BusKind.ConventionalRoot, "Conventional PCI root bus");

        /// <summary>The root complex bus of a PCI Express machine (pc-q35): an integrated endpoint.</summary>
        public static ReferenceBus ExpressRoot { get; } = new("pcie-root", BusKind.ExpressRoot, "PCI Express root bus");

        /// <summary>Behind a <c>pcie-root-port</c> on a PCI Express machine.</summary>
        public static ReferenceBus ExpressPort { get; } = new("pcie-root-port", BusKind.ExpressPort, "Behind a PCI Express root port");

        /// <summary>The three, in the order the reference shows them.</summary>
        public static ImmutableArray<ReferenceBus> All { get; } = ImmutableArray.Create(ConventionalRoot, ExpressRoot, ExpressPort);
    }
}
