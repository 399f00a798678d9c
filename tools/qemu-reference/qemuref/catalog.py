"""What is recorded: devices, how they are instantiated, and option variants.

A variant is (extra -device options, behind a root port?, vCPU count).
``rp:`` variants put the DUT behind a pcie-root-port and exist on q35 only.
Every other variant is recorded on every pc-i440fx-* and pc-q35-* machine.
"""
from collections import OrderedDict
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Variant:
    options: str = ""
    behind_root_port: bool = False
    smp: int = None

    def as_json(self):
        return {"options": self.options, "behind_root_port": self.behind_root_port,
                "smp": self.smp}


@dataclass(frozen=True)
class Device:
    name: str
    variants: "OrderedDict[str, Variant]"
    # Extra QEMU arguments the device needs (backends), before its -device.
    extra_args: tuple = ()
    # -device options always given; a variant setting the same key wins.
    required_options: str = ""
    # Slot on the root bus (pci.0 / pcie.0) for non-rp variants.
    slot: int = 3
    # `-device X,help` is also saved for these types (the virtio backend).
    help_also: tuple = ()
    notes: list = field(default_factory=list)


def _v(options="", rp=False, smp=None):
    return Variant(options, rp, smp)


MODERN_ONLY = "disable-legacy=on,disable-modern=off"
LEGACY_ONLY = "disable-legacy=off,disable-modern=on"
TRANSITIONAL = "disable-legacy=off,disable-modern=off"
NEITHER = "disable-legacy=on,disable-modern=on"


def _virtio_variants(vectors=True, extra=()):
    """The variant list every virtio-pci device gets (plus ``extra`` after
    ``page-per-vq=on``).  ``vectors=False`` for devices without a
    ``vectors`` property (virtio-balloon-pci)."""
    v = [("default", _v()),
         ("modern-only", _v(MODERN_ONLY)),
         ("legacy-only", _v(LEGACY_ONLY)),
         ("transitional", _v(TRANSITIONAL)),
         ("neither", _v(NEITHER))]
    if vectors:
        v.append(("vectors=0", _v("vectors=0")))
    v += [("modern-pio-notify=on", _v("modern-pio-notify=on")),
          ("page-per-vq=on", _v("page-per-vq=on"))]
    v += list(extra)
    v += [("rp:default", _v("", True)),
          ("rp:transitional", _v(TRANSITIONAL, True)),
          ("rp:legacy-only", _v(LEGACY_ONLY, True)),
          ("rp:ats=on,aer=on", _v("ats=on,aer=on", True))]
    return OrderedDict(v)


# virtio-net-pci keeps the variant order of the shared reference data.
_NET_VARIANTS = OrderedDict([
    ("default", _v()),
    ("vectors=0", _v("vectors=0")),
    ("vectors=10", _v("vectors=10")),
    ("mq=on", _v("mq=on")),
    ("mq=on,vectors=10", _v("mq=on,vectors=10")),
    ("modern-only", _v(MODERN_ONLY)),
    ("legacy-only", _v(LEGACY_ONLY)),
    ("transitional", _v(TRANSITIONAL)),
    ("neither", _v(NEITHER)),
    ("modern-pio-notify=on", _v("modern-pio-notify=on")),
    ("page-per-vq=on", _v("page-per-vq=on")),
    ("rp:default", _v("", True)),
    ("rp:transitional", _v(TRANSITIONAL, True)),
    ("rp:legacy-only", _v(LEGACY_ONLY, True)),
    ("rp:ats=on,aer=on", _v("ats=on,aer=on", True)),
])

_SMP4 = [("smp=4", _v("", False, 4))]

DEVICES = OrderedDict((d.name, d) for d in [
    Device("virtio-net-pci", _NET_VARIANTS, help_also=("virtio-net-device",),
           notes=["no -netdev: QEMU warns 'nic dut has no peer' (recorded as stderr)"]),
    # Same backend command line as the shared reference data: -drive, not -blockdev.
    Device("virtio-blk-pci", _virtio_variants(extra=_SMP4),
           extra_args=("-drive", "if=none,id=d0,file=null-co://,format=raw"),
           required_options="drive=d0", help_also=("virtio-blk-device",)),
    Device("virtio-scsi-pci", _virtio_variants(extra=_SMP4),
           help_also=("virtio-scsi-device",)),
    Device("virtio-balloon-pci", _virtio_variants(vectors=False),
           help_also=("virtio-balloon-device",),
           notes=["no vectors=0 variant: virtio-balloon-pci has no 'vectors' property"]),
    Device("virtio-rng-pci", _virtio_variants(), help_also=("virtio-rng-device",)),
    Device("virtio-serial-pci", _virtio_variants(), help_also=("virtio-serial-device",)),
    # virtio-input and virtio-gpu: modern-only types (realize forces disable-legacy=on, disable-modern=off).
    Device("virtio-keyboard-pci", _virtio_variants(), help_also=("virtio-keyboard-device",)),
    Device("virtio-mouse-pci", _virtio_variants(), help_also=("virtio-mouse-device",)),
    Device("virtio-tablet-pci", _virtio_variants(), help_also=("virtio-tablet-device",)),
    Device("virtio-gpu-pci", _virtio_variants(), help_also=("virtio-gpu-device",)),
    Device("e1000", OrderedDict([("default", _v()), ("rp:default", _v("", True))])),
    # Intel 82574L: PCI Express endpoint (PM, MSI, PCIe, MSI-X; AER and DSN on q35).
    Device("e1000e", OrderedDict([("default", _v()), ("rp:default", _v("", True))])),
    # The root port itself as DUT, at 00:04.0 (the slot the rp: variants use).
    Device("pcie-root-port", OrderedDict([
        ("default", _v()),
        ("slot=2,chassis=2", _v("slot=2,chassis=2")),
        ("hotplug=off", _v("hotplug=off")),
        ("power_controller_present=off", _v("power_controller_present=off")),
        ("bus-reserve=4", _v("bus-reserve=4")),
        ("x-speed=8,x-width=4", _v("x-speed=8,x-width=4")),
    ]), required_options="chassis=1", slot=4),
    # The conventional PCI-PCI bridge as DUT, at 00:04.0 (SHPC and MSI by default; chassis_nr is required with SHPC).
    Device("pci-bridge", OrderedDict([
        ("default", _v()),
        ("shpc=off", _v("shpc=off")),
        ("msi=off", _v("msi=off")),
        ("shpc=off,msi=off", _v("shpc=off,msi=off")),
        ("bus-reserve=4", _v("bus-reserve=4")),
    ]), required_options="chassis_nr=1", slot=4),
    # PCI Express switch ports as DUT, at 00:04.0 (QEMU plugs them into pci.0 and pcie.0 alike).
    Device("x3130-upstream", OrderedDict([
        ("default", _v()),
        ("port=3", _v("port=3")),
        ("aer_log_max=0", _v("aer_log_max=0")),
    ]), slot=4),
    Device("xio3130-downstream", OrderedDict([
        ("default", _v()),
        ("slot=2,chassis=2", _v("slot=2,chassis=2")),
        ("hotplug=off", _v("hotplug=off")),
        ("power_controller_present=off", _v("power_controller_present=off")),
        ("port=5", _v("port=5")),
    ]), required_options="chassis=1", slot=4),
    # The PCI Express to PCI bridge as DUT, at 00:04.0 (SHPC always on).
    Device("pcie-pci-bridge", OrderedDict([
        ("default", _v()),
        ("msi=off", _v("msi=off")),
        ("rp:default", _v("", True)),
    ]), slot=4),
])


def variant_lines(path, known, what="a known device"):
    """Yield ``(line_number, device, variant)`` for each ``DEVICE VARIANT`` line
    of a variants file (``#`` starts a comment); a malformed line or a device
    not in ``known`` stops the recorder, naming the file and line."""
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            parts = line.split(None, 1)
            if len(parts) != 2 or parts[0] not in known:
                raise SystemExit("%s:%d: expected 'DEVICE VARIANT' with %s" % (path, n, what))
            yield n, parts[0], parts[1]
