#!/usr/bin/env python3
"""Record QEMU reference data (goldens) for PCI / virtio-pci devices.

For every device x machine type (all pc-i440fx-* and pc-q35-* types QEMU lists,
plus the aliases pc and q35) x option variant, QEMU is started twice with the
device under test (DUT) at a fixed address and the CPU stopped (-S):

  * with -qtest stdio: the PCI configuration space is dumped (port I/O, and
    the 4 KiB ECAM view on q35), then BARs are sized and control registers
    write-probed;
  * with -qmp stdio: qom-get of every property of the DUT and of its
    virtio-backend child (effective values after compat props and realize).

One JSON file per device is written to OUT/<device>.json and the
`-device X,help` text of each device (and its virtio backend) to
OUT/help/<X>.txt.  See README.md next to this script for the format.

Regenerate all goldens (from the repository root):

    python3 tools/qemu-reference/record.py --out tests/goldens/qemu --jobs 2
"""
import argparse
import concurrent.futures as cf
import json
import os
import sys
import time

sys.dont_write_bytecode = True          # keep the source tree free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from qemuref import catalog, cfgspace, qemu, qmp  # noqa: E402
from qemuref.catalog import DEVICES, Device, Variant  # noqa: E402
from qemuref.datafile import DeviceFile  # noqa: E402


def read_variants_file(path):
    """{device name: OrderedDict(variant name -> Variant)} from a variants file:
    one ``DEVICE VARIANT`` per line (``#`` comments).  VARIANT is the -device
    option string; an ``rp:`` prefix puts the DUT behind a root port and
    ``rp:default`` is the root-port variant without options.  Every listed
    device also gets the ``default`` variant (diffs are taken against it)."""
    from collections import OrderedDict
    out = OrderedDict()
    for n, dev, name in catalog.variant_lines(path, DEVICES, "a known device"):
        rp = name.startswith("rp:")
        opts = name[3:] if rp else name
        if opts == "default":
            opts = ""
        vs = out.setdefault(dev, OrderedDict([("default", Variant())]))
        if name in vs:
            raise SystemExit("%s:%d: duplicate variant %s" % (path, n, name))
        vs[name] = Variant(opts, rp)
    return out


def with_variants(dev, variants, source):
    """``dev`` with its variant list replaced (the extra-variants recording)."""
    notes = list(dev.notes) + ["variants from %s" % source]
    return Device(dev.name, variants, dev.extra_args, dev.required_options, dev.slot,
                  dev.help_also, notes)


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def plan(devices, machines, variant_filter=None):
    """[(device, machine, variant name)] in recording order."""
    tasks = []
    for dev in devices:
        for m in machines:
            for vname, v in dev.variants.items():
                if variant_filter and vname not in variant_filter:
                    continue
                if v.behind_root_port and not qemu.is_q35(m):
                    continue
                tasks.append((dev, m, vname))
    return tasks


def record_one(dev, machine, vname, timeout):
    v = dev.variants[vname]
    t0 = time.time()
    c = cfgspace.record(machine, dev, v, timeout)
    argv, _ = qemu.device_command(machine, dev, v)
    p = qmp.record_properties(argv, "/machine/peripheral/" + qemu.DUT_ID,
                              with_class_props=(vname == "default"), timeout=timeout)
    return c, p, time.time() - t0


def recorder_info(dev):
    return {
        "tool": "tools/qemu-reference/record.py",
        "command": " ".join(["qemu-system-x86_64"] + qemu.base_command("MACHINE")[1:]
                            + ["[-smp N]"] + list(dev.extra_args)
                            + ["-device", "%s,id=%s,bus=pci.0|pcie.0,addr=%d.0%s[,OPTIONS]"
                               % (dev.name, qemu.DUT_ID, dev.slot,
                                  "," + dev.required_options if dev.required_options else ""),
                               "-qtest stdio -qtest-log none | -qmp stdio"]),
        "behind_root_port": "-device %s -device %s,id=%s,bus=%s,addr=0.0[,OPTIONS]; "
                            "root port bus numbers programmed 0/1/1, DUT read at 01:00.0"
                            % (qemu.ROOT_PORT_ARGS, dev.name, qemu.DUT_ID, qemu.ROOT_PORT_ID),
        "notes": list(dev.notes),
    }


def write_json(path, obj):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(obj, f, separators=(",", ":"))
        f.write("\n")
    os.replace(tmp, path)


def write_help(out_dir, devices):
    hdir = os.path.join(out_dir, "help")
    os.makedirs(hdir, exist_ok=True)
    for dev in devices:
        for name in (dev.name,) + dev.help_also:
            stdout, stderr = qemu.device_help(name)
            text = "$ qemu-system-x86_64 -device %s,help\n%s" % (name, stdout)
            if stderr.strip():
                text += "\n[stderr]\n" + stderr
            with open(os.path.join(hdir, name + ".txt"), "w") as f:
                f.write(text)
    log("wrote %s/*.txt" % hdir)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="output directory (e.g. tests/goldens/qemu)")
    ap.add_argument("--devices", default=",".join(DEVICES),
                    help="comma-separated subset of: %s (default: all)" % ", ".join(DEVICES))
    ap.add_argument("--machines", default="",
                    help="comma-separated machine types (default: every pc-i440fx-*/pc-q35-* "
                         "type and the pc/q35 aliases)")
    ap.add_argument("--variant", action="append", default=[], metavar="NAME",
                    help="record only this variant (repeatable; names may contain commas, "
                         "e.g. --variant default --variant 'mq=on,vectors=10')")
    ap.add_argument("--variants-file", metavar="FILE",
                    help="record the variants listed in FILE (lines 'DEVICE VARIANT', e.g. "
                         "tools/qemu-reference/extra-variants.txt) instead of the catalog's; "
                         "only the devices it lists (and --devices) are recorded")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                    help="parallel recordings (default: number of CPUs)")
    ap.add_argument("--timeout", type=float, default=60,
                    help="seconds before a hung QEMU is killed (default 60)")
    ap.add_argument("--no-help-text", action="store_true",
                    help="do not (re)write OUT/help/*.txt")
    ap.add_argument("--list", action="store_true", help="print the plan and exit")
    ap.add_argument("-v", "--verbose", action="store_true", help="one progress line per run")
    a = ap.parse_args()

    unknown = [d for d in a.devices.split(",") if d not in DEVICES]
    if unknown:
        ap.error("unknown device(s): %s" % ", ".join(unknown))
    devices = [DEVICES[d] for d in a.devices.split(",")]
    if a.variants_file:
        extra = read_variants_file(a.variants_file)
        devices = [with_variants(d, extra[d.name], os.path.relpath(a.variants_file))
                   for d in devices if d.name in extra]
    all_machines, aliases = qemu.list_machines()
    if not all_machines:
        ap.error("%s lists no pc machine types" % qemu.QEMU)
    machines = qemu.sort_machines(a.machines.split(",")) if a.machines else all_machines
    vfilter = set(a.variant) or None
    tasks = plan(devices, machines, vfilter)
    version = qemu.qemu_version()
    log("%s: %d devices x %d machines -> %d recordings, %d jobs"
        % (version, len(devices), len(machines), len(tasks), a.jobs))
    if a.list:
        for dev in devices:
            n = sum(1 for t in tasks if t[0] is dev)
            print("%-20s %4d runs  variants: %s" % (dev.name, n, ", ".join(dev.variants)))
        return 0

    os.makedirs(a.out, exist_ok=True)
    if not a.no_help_text:
        write_help(a.out, devices)

    pending = {dev.name: sum(1 for t in tasks if t[0] is dev) for dev in devices}
    results = {dev.name: {} for dev in devices}
    refused = {dev.name: 0 for dev in devices}
    t_start = time.time()
    done = 0
    with cf.ThreadPoolExecutor(max_workers=max(1, a.jobs)) as ex:
        futures = {ex.submit(record_one, dev, m, vn, a.timeout): (dev, m, vn)
                   for dev, m, vn in tasks}
        for fut in cf.as_completed(futures):
            dev, m, vn = futures[fut]
            c, p, dt = fut.result()
            results[dev.name].setdefault(m, {})[vn] = (c, p)
            done += 1
            ok = c.get("ok") and p.get("ok")
            if not ok:
                refused[dev.name] += 1
            if a.verbose or not ok or done % 50 == 0 or done == len(tasks):
                log("[%4d/%d %6.0fs] %-18s %-14s %-28s %s (%.1fs)"
                    % (done, len(tasks), time.time() - t_start, dev.name, m, vn,
                       "ok" if ok else "REFUSED: " + (c.get("stderr") or c.get("error") or
                                                      p.get("error") or "?").splitlines()[-1][:90],
                       dt))
            pending[dev.name] -= 1
            if pending[dev.name] == 0:
                df = DeviceFile(dev, version, aliases, recorder_info(dev))
                for mach in machines:
                    if mach in results[dev.name]:
                        df.add_machine(mach, results[dev.name][mach])
                path = os.path.join(a.out, dev.name + ".json")
                write_json(path, df.finish())
                n = sum(len(v) for v in results[dev.name].values())
                log("wrote %s: %d runs (%d refused), %d distinct config spaces, %d bytes"
                    % (path, n, refused[dev.name], len(df.out["cfgspace"]),
                       os.path.getsize(path)))
                results[dev.name] = None
    log("finished %d recordings in %.0fs" % (len(tasks), time.time() - t_start))
    return 0


if __name__ == "__main__":
    sys.exit(main())
