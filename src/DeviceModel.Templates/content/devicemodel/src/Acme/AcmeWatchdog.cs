using System.Collections.Generic;
using DeviceModel;
using DeviceModel.Pci;

namespace Acme;

/// <summary>A plain PCI function: a watchdog timer with one memory BAR.</summary>
[Device("acme-watchdog", Description = "Acme watchdog timer")]
public sealed partial class AcmeWatchdog : PciDevice
{
    /// <summary>Seconds without a ping before the watchdog fires.</summary>
    [ConfigOption("timeout", Min = "1", Max = "3600", Description = "Seconds without a ping before the watchdog fires")]
    public uint Timeout { get; set; } = 30;

    /// <summary>What the watchdog does when it fires.</summary>
    [ConfigOption("action", Description = "What happens when the watchdog fires")]
    public WatchdogAction Action { get; set; } = WatchdogAction.Reset;

    /// <summary>Vendor 0x1af4 (Red Hat, Inc.) is QEMU's; use your own PCI vendor ID in a real product.</summary>
    protected override PciIdentity Identity => new(PciIdentity.RedHatQumranetVendor, 0x10f0, 1, PciIdentity.ClassCodeOf(0x0880), PciIdentity.RedHatQumranetVendor, 0x0001);

    /// <summary>A conventional PCI function, also behind a PCI Express port.</summary>
    protected override bool IsExpressFunction => false;

    /// <summary>BAR0: 4 KiB of registers.</summary>
    protected override void DeclareBars(List<BarDeclaration> bars) => bars.Add(BarDeclaration.Memory32(0, 0x1000));
}

/// <summary>What <see cref="AcmeWatchdog"/> does when it fires (options spell members in kebab case: <c>action=power-off</c>).</summary>
public enum WatchdogAction
{
    /// <summary>Reset the guest.</summary>
    Reset,
    /// <summary>Power the guest off.</summary>
    PowerOff,
    /// <summary>Only report it.</summary>
    None,
}
