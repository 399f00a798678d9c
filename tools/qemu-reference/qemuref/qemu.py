"""Locating QEMU, listing machine types and building command lines.

Every recording starts QEMU like this (nothing else is on the command line):

    qemu-system-x86_64 -machine M -accel tcg -S -nodefaults -display none -m 128
        [-smp N] [backend args] [-device pcie-root-port,...]
        -device DEV,id=dut,bus=<root bus>,addr=<slot>.0[,required opts][,variant opts]
        (-qtest stdio -qtest-log none | -qmp stdio)

* ``-S``: the vCPU never runs, so no firmware touches the device: the command
  register is 0 and the BARs are unassigned.  This is the state we reproduce.
* ``-accel tcg``: Debian's 7.2 build has no ``qtest`` accelerator and KVM is not
  needed (nothing executes).
* ``-nodefaults``: no default NIC/VGA/etc., so the bus holds only the host
  bridge, the ISA bridge (and on q35 the ICH9 functions at 00:1f.x) and the DUT.
"""
import os
import re
import shutil
import subprocess

QEMU = os.environ.get("QEMU") or shutil.which("qemu-system-x86_64") or "qemu-system-x86_64"

DUT_ID = "dut"
# The pcie-root-port the DUT is placed behind for "rp:" variants.
ROOT_PORT_ID = "rp0"
ROOT_PORT_SLOT = 4
ROOT_PORT_ARGS = "pcie-root-port,id=%s,bus=pcie.0,addr=%d.0,chassis=1" % (ROOT_PORT_ID,
                                                                          ROOT_PORT_SLOT)
# Bus number the harness gives the root port's secondary bus.
SECONDARY_BUS = 1


def qemu_version():
    """First line of ``qemu-system-x86_64 --version``."""
    out = subprocess.run([QEMU, "--version"], capture_output=True, text=True,
                         timeout=30).stdout
    return out.splitlines()[0].strip() if out else "?"


def is_q35(machine):
    return machine == "q35" or machine.startswith("pc-q35-")


def is_pc_machine(name):
    return name in ("pc", "q35") or name.startswith(("pc-i440fx-", "pc-q35-"))


def list_machines():
    """Return (machines, aliases): every pc-i440fx-*/pc-q35-* type plus the
    ``pc``/``q35`` aliases as listed by ``-machine help``, and
    {alias: target} for the aliases."""
    out = subprocess.run([QEMU, "-machine", "help"], capture_output=True, text=True,
                         timeout=30).stdout
    machines, aliases = [], {}
    for line in out.splitlines()[1:]:
        fields = line.split(None, 1)
        if not fields or not is_pc_machine(fields[0]):
            continue
        machines.append(fields[0])
        m = re.search(r"\(alias of (\S+)\)", line)
        if m:
            aliases[fields[0]] = m.group(1)
    return sort_machines(machines), aliases


def machine_sort_key(machine):
    """i440fx family first, then q35; within a family ascending version
    (2.9 < 2.10 < 4.0 < 4.0.1), the bare alias last."""
    family = 1 if is_q35(machine) else 0
    if machine in ("pc", "q35"):
        return (family, (1 << 30,))
    return (family, tuple(int(x) for x in machine.rsplit("-", 1)[1].split(".")))


def sort_machines(machines):
    return sorted(machines, key=machine_sort_key)


def base_command(machine, smp=None):
    cmd = [QEMU, "-machine", machine, "-accel", "tcg", "-S", "-nodefaults",
           "-display", "none", "-m", "128"]
    if smp:
        cmd += ["-smp", str(smp)]
    return cmd


def merge_options(required, options):
    """Join the device's required -device options and the variant's options.
    A required key the variant sets itself is dropped (the variant wins), so
    e.g. pcie-root-port's ``chassis=1`` yields to a variant ``chassis=2``."""
    given = {o.split("=", 1)[0] for o in options.split(",") if o}
    kept = [o for o in required.split(",") if o and o.split("=", 1)[0] not in given]
    return ",".join(kept + [o for o in options.split(",") if o])


def variant_slot(options, default):
    """The slot of an ``addr=SS[.0]`` (hex, function 0) in a variant's options,
    else ``default``.  The variant's addr replaces the harness's own."""
    for o in options.split(","):
        if o.startswith("addr="):
            slot, _, fn = o[5:].partition(".")
            if fn not in ("", "0"):
                raise ValueError("only function 0 can be recorded: " + o)
            return int(slot, 16)
    return default


def without_addr(options):
    return ",".join(o for o in options.split(",") if o and not o.startswith("addr="))


def device_command(machine, device, variant):
    """Return (argv without the protocol switch, (bus, slot) of the DUT).

    ``device`` is a catalog.Device, ``variant`` a catalog.Variant.  The bus
    number is the one the DUT has once the harness has programmed the root
    port's bus numbers (see cfgspace.record)."""
    args = base_command(machine, variant.smp) + list(device.extra_args)
    if variant.behind_root_port:
        if not is_q35(machine):
            raise ValueError("root-port variants need a q35 machine")
        args += ["-device", ROOT_PORT_ARGS]
        spec = "%s,id=%s,bus=%s,addr=0.0" % (device.name, DUT_ID, ROOT_PORT_ID)
        where = (SECONDARY_BUS, 0)
    else:
        root_bus = "pcie.0" if is_q35(machine) else "pci.0"
        slot = variant_slot(variant.options, device.slot)
        spec = "%s,id=%s,bus=%s,addr=%d.0" % (device.name, DUT_ID, root_bus, slot)
        where = (0, slot)
    opts = merge_options(device.required_options, without_addr(variant.options))
    if opts:
        spec += "," + opts
    return args + ["-device", spec], where


def device_help(name):
    """(stdout, stderr) of ``qemu-system-x86_64 -device NAME,help``."""
    r = subprocess.run([QEMU, "-device", name + ",help"], capture_output=True, text=True,
                       timeout=30)
    return r.stdout, r.stderr
