#!/usr/bin/env python3
"""Record the guest-visible virtio ABI of QEMU's virtio-pci devices.

For every virtio device x machine type (every pc-i440fx-*/pc-q35-* type and the
pc/q35 aliases) x variant, QEMU is started with -S and -qtest stdio, and the
harness reads what a driver sees: the modern interface (64-bit device
features, num_queues, queue sizes, device config) and the legacy interface
(32-bit host features, queue sizes up to the first 0, device config).  See
qemuref/virtio.py for how, and for the config-length rules.

Base variants (all machines): default, modern-only, legacy-only, transitional,
neither, and on q35 rp:default, rp:legacy-only, rp:transitional.  Option
variants from a variants file (default virtio-variants.txt next to this
script) are recorded on the --extra-machines subset.

Several variants of one device (same machine, vCPU count and root-port-ness)
share one QEMU (ids dut0, dut1, ...); a batch QEMU refuses is split: the
variant its error names is started alone (canonical command line, id=dut) for
its own message, and the rest is retried.

Output: OUT/<device>.json (default OUT = tests/goldens/qemu-virtio):

    { device, qemu, machine_aliases,
      variants: { NAME: { options, behind_root_port, smp } },
      abi: { ID: {"id": "dut", "driver", "modern", "legacy"} | {"error"} },
      machines: { MACHINE: { VARIANT: ID } },
      recorder }

ID = first 12 hex digits of SHA-1(json.dumps(obj, sort_keys=True)).

Regenerate (from the repository root):

    python3 tools/qemu-reference/record_virtio.py --jobs 2
"""
import argparse
import concurrent.futures as cf
import hashlib
import json
import os
import re
import shutil
import sys
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

sys.dont_write_bytecode = True          # keep the source tree free of __pycache__
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from qemuref import catalog, qemu, virtio  # noqa: E402
from qemuref.catalog import (DEVICES, LEGACY_ONLY, MODERN_ONLY, NEITHER,  # noqa: E402
                             TRANSITIONAL, Variant)
from qemuref.qtest import QemuExited, Qtest, QtestError  # noqa: E402

@dataclass(frozen=True)
class VVariant(Variant):
    """A catalog Variant plus ``-object`` arguments the device options refer to
    (e.g. the iothread virtio-balloon's free-page-hint needs)."""
    objects: tuple = ()

    def as_json(self):
        d = super().as_json()
        if self.objects:
            d["objects"] = list(self.objects)
        return d


VIRTIO_DEVICES = ["virtio-net-pci", "virtio-blk-pci", "virtio-scsi-pci", "virtio-balloon-pci",
                  "virtio-rng-pci", "virtio-serial-pci", "virtio-keyboard-pci",
                  "virtio-mouse-pci", "virtio-tablet-pci", "virtio-gpu-pci"]

BASE_VARIANTS = OrderedDict([
    ("default", Variant("")),
    ("modern-only", Variant(MODERN_ONLY)),
    ("legacy-only", Variant(LEGACY_ONLY)),
    ("transitional", Variant(TRANSITIONAL)),
    ("neither", Variant(NEITHER)),
    ("rp:default", Variant("", True)),
    ("rp:legacy-only", Variant(LEGACY_ONLY, True)),
    ("rp:transitional", Variant(TRANSITIONAL, True)),
])

# The representative machine types of README.md "Extra variants".
EXTRA_MACHINES = ("pc-i440fx-1.4,pc-i440fx-2.6,pc-i440fx-2.11,pc-i440fx-2.12,pc-i440fx-4.0,"
                  "pc-i440fx-5.2,pc-i440fx-6.1,pc-i440fx-7.2,pc,pc-q35-2.4,pc-q35-2.8,"
                  "pc-q35-2.12,pc-q35-4.0,pc-q35-5.1,pc-q35-6.1,pc-q35-7.2,q35")
DEFAULT_VARIANTS_FILE = os.path.join(HERE, "virtio-variants.txt")

BATCH_MAX = 12          # DUTs on the root bus per QEMU
BATCH_MAX_RP = 4        # root ports (each with a DUT) per QEMU: 4 KiB I/O windows from 0xc000


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def read_variants_file(path):
    """{device: OrderedDict(name -> Variant)}.  Lines: ``DEVICE VARIANT``;
    VARIANT = [object=SPEC:][smp=N:][rp:]OPTIONS, where OPTIONS is the -device
    option string or ``default`` (no options).  ``object=SPEC:`` adds
    ``-object SPEC`` (once per QEMU), ``smp=N:`` starts QEMU with -smp N,
    ``rp:`` puts the DUT behind a pcie-root-port (q35 only).  ``#`` starts a
    comment."""
    out = OrderedDict()
    for n, dev, name in catalog.variant_lines(path, VIRTIO_DEVICES, "a virtio device"):
        rest, smp, objects = name, None, ()
        m = re.match(r"object=([^:]+):(.*)$", rest)
        if m:
            objects, rest = (m.group(1),), m.group(2)
        m = re.match(r"smp=(\d+):(.*)$", rest)
        if m:
            smp, rest = int(m.group(1)), m.group(2)
        rp = rest.startswith("rp:")
        opts = rest[3:] if rp else rest
        if opts == "default":
            opts = ""
        if any(o.split("=", 1)[0] == "addr" for o in opts.split(",")):
            raise SystemExit("%s:%d: addr= is not supported here" % (path, n))
        vs = out.setdefault(dev, OrderedDict())
        if name in vs or name in BASE_VARIANTS:
            raise SystemExit("%s:%d: duplicate variant %s" % (path, n, name))
        vs[name] = VVariant(opts, rp, smp, objects)
    return out


# -- one QEMU with several DUTs -------------------------------------------------

class Refused(Exception):
    def __init__(self, stderr):
        super().__init__(stderr)
        self.stderr = stderr


def error_line(stderr):
    """QEMU's error line: the last line that starts with the program name and is
    not a warning (a hint such as "Set either ... to off" may follow it), with
    the program name normalised to ``qemu-system-x86_64``."""
    prog = os.path.basename(qemu.QEMU)
    pat = re.compile(r"^\S*%s: " % re.escape(prog))
    lines = [ln for ln in stderr.splitlines() if pat.match(ln) and ": warning: " not in ln]
    if not lines:
        lines = [ln for ln in stderr.splitlines() if ln.strip()] or ["(no message)"]
    line = lines[-1]
    m = pat.match(line)
    if m:
        line = "qemu-system-x86_64: " + line[m.end():]
    return line


# QEMU gives NICs without mac= 52:54:00:12:34:56 + (NIC index) (net/net.c,
# qemu_macaddr_default_if_unset).  In a batch, every virtio-net DUT after the
# first gets the first one's address explicitly, so that each reads like a
# lone device; read_batch checks that dut0 (no mac= given) really has it.
FIRST_DEFAULT_MAC = "52:54:00:12:34:56"


def batch_command(machine, dev, variants):
    """(argv, [Dut]).  A batch of one uses the recorder's canonical command line
    (id=dut at 00:03.0, or behind rp0 at 00:04.0, backend d0)."""
    smp = variants[0][1].smp
    args = qemu.base_command(machine, smp)
    duts = []
    single = len(variants) == 1
    root_bus = "pcie.0" if qemu.is_q35(machine) else "pci.0"
    objects = []
    for _, v in variants:
        for o in getattr(v, "objects", ()):
            if o not in objects:
                objects.append(o)
    for o in objects:
        args += ["-object", o]
    for i, (vname, v) in enumerate(variants):
        did = qemu.DUT_ID if single else "%s%d" % (qemu.DUT_ID, i)
        drive = "d%d" % i
        args += [a.replace("id=d0", "id=" + drive) for a in dev.extra_args]
        required = ",".join(o.replace("=d0", "=" + drive) if o == "drive=d0" else o
                            for o in dev.required_options.split(",") if o)
        opts = qemu.merge_options(required, v.options)
        if i > 0 and dev.name == "virtio-net-pci" and "mac=" not in v.options:
            opts = qemu.merge_options(opts, "mac=" + FIRST_DEFAULT_MAC)
        if v.behind_root_port:
            if not qemu.is_q35(machine):
                raise ValueError("root-port variants need a q35 machine")
            slot = qemu.ROOT_PORT_SLOT + i
            args += ["-device", "pcie-root-port,id=rp%d,bus=pcie.0,addr=%x.0,chassis=%d"
                     % (i, slot, i + 1)]
            spec = "%s,id=%s,bus=rp%d,addr=0.0" % (dev.name, did, i)
            duts.append(virtio.Dut((qemu.SECONDARY_BUS + i, 0, 0), did, (0, slot, 0)))
        else:
            slot = dev.slot + i
            spec = "%s,id=%s,bus=%s,addr=%x.0" % (dev.name, did, root_bus, slot)
            duts.append(virtio.Dut((0, slot, 0), did))
        args += ["-device", spec + ("," + opts if opts else "")]
    return args, duts


def run_batch(machine, dev, variants, timeout):
    """Read every DUT of one QEMU.  Returns {variant name: ABI object}; raises
    Refused if QEMU does not start, VirtioReadError on any inconsistency."""
    argv, duts = batch_command(machine, dev, variants)
    qargs, sock, tmpdir = virtio.qmp_socket_args()
    q = Qtest(argv + qargs, timeout)
    qmp = None
    closed = False
    out = OrderedDict()
    try:
        try:
            q.cfg_read32((0, 0, 0), [0])
        except QemuExited:
            closed = True
            raise Refused(q.close())
        qmp = virtio.QmpSocket(sock, timeout)
        alloc = virtio.Allocator()
        current = None
        try:
            for (vname, v), dut in zip(variants, duts):
                current = vname
                if dut.root_port:
                    virtio.program_root_port(
                        q, dut.root_port, dut.bdf[0], alloc,
                        lambda d=dut: virtio.assign(q, d, virtio.probe_dut(q, d), alloc))
                else:
                    virtio.assign(q, dut, virtio.probe_dut(q, dut), alloc)
            for (vname, v), dut in zip(variants, duts):
                current = vname
                abi, info = virtio.read_dut(q, qmp, dut)
                if (dev.name == "virtio-net-pci" and len(variants) > 1 and dut is duts[0]
                        and "mac=" not in v.options):
                    mac = bytes.fromhex(FIRST_DEFAULT_MAC.replace(":", "")).hex()
                    cfgs = [abi[k]["config"] for k in ("modern", "legacy") if abi[k]]
                    if any(c[:12] != mac for c in cfgs):
                        raise virtio.VirtioReadError("dut0's MAC %s is not QEMU's first default "
                                                     "MAC %s" % (cfgs, FIRST_DEFAULT_MAC))
                out[vname] = OrderedDict([("id", qemu.DUT_ID), ("driver", dev.name),
                                          ("modern", abi["modern"]), ("legacy", abi["legacy"])])
        except (virtio.VirtioReadError, QtestError, QemuExited, OSError, ValueError) as e:
            raise virtio.VirtioReadError("%s on %s, variant %s (batch %s): %s"
                                         % (dev.name, machine, current,
                                            ", ".join(n for n, _ in variants), e))
    finally:
        if qmp is not None:
            qmp.close()
        if not closed:
            q.close()
        shutil.rmtree(tmpdir, ignore_errors=True)
    return out


_STATS_LOCK = threading.Lock()


def _count_start(stats):
    with _STATS_LOCK:
        stats["starts"] += 1


def record_group(machine, dev, variants, timeout, stats):
    """Record a list of (name, Variant) sharing machine, smp and root-port-ness."""
    results = OrderedDict()
    pending = list(variants)
    while pending:
        _count_start(stats)
        try:
            results.update(run_batch(machine, dev, pending, timeout))
            break
        except Refused as r:
            line = error_line(r.stderr)
            if len(pending) == 1:
                results[pending[0][0]] = {"error": line}
                break
            m = re.search(r"\bid=%s(\d+)\b" % qemu.DUT_ID, line)
            culprits = [pending[int(m.group(1))]] if m and int(m.group(1)) < len(pending) \
                else list(pending)
            for c in culprits:
                _count_start(stats)
                try:
                    results.update(run_batch(machine, dev, [c], timeout))
                except Refused as r1:
                    results[c[0]] = {"error": error_line(r1.stderr)}
                pending.remove(c)
    return results


# -- planning and output ----------------------------------------------------------

def plan(dev_names, machines, extra_variants, extra_machines):
    """[(device, machine, [(name, Variant)] batch)]."""
    tasks = []
    for dname in dev_names:
        dev = DEVICES[dname]
        for m in machines:
            vs = list(BASE_VARIANTS.items())
            if m in extra_machines:
                vs += list(extra_variants.get(dname, {}).items())
            groups = OrderedDict()
            for name, v in vs:
                if v.behind_root_port and not qemu.is_q35(m):
                    continue
                groups.setdefault((v.smp or 0, v.behind_root_port), []).append((name, v))
            for (smp, rp), items in groups.items():
                size = BATCH_MAX_RP if rp else BATCH_MAX
                for i in range(0, len(items), size):
                    tasks.append((dname, m, items[i:i + size]))
    return tasks


def abi_id(obj):
    return hashlib.sha1(json.dumps(obj, sort_keys=True).encode()).hexdigest()[:12]


def build_file(dname, version, aliases, variants, machines, results, extra_machines, vfile):
    out = OrderedDict([("device", dname), ("qemu", version), ("machine_aliases", aliases),
                       ("variants", OrderedDict((n, v.as_json()) for n, v in variants.items())),
                       ("abi", OrderedDict()), ("machines", OrderedDict())])
    for m in machines:
        if m not in results:
            continue
        runs = OrderedDict()
        for vname in variants:
            if vname in results[m]:
                obj = results[m][vname]
                i = abi_id(obj)
                out["abi"].setdefault(i, obj)
                runs[vname] = i
        out["machines"][m] = runs
    dev = DEVICES[dname]
    out["recorder"] = {
        "tool": "tools/qemu-reference/record_virtio.py",
        "command": " ".join(["qemu-system-x86_64"] + qemu.base_command("MACHINE")[1:]
                            + ["[-smp N]"] + list(dev.extra_args)
                            + ["-device", "%s,id=dut,bus=pci.0|pcie.0,addr=3.0%s[,OPTIONS]"
                               % (dname, "," + dev.required_options if dev.required_options
                                  else ""),
                               "-qtest stdio -qmp unix:SOCK"]),
        "batching": "several variants share one QEMU (ids dut0.., slots 3.., backends d0..; "
                    "root ports rp0.. at 4.., chassis 1..); refusals are re-run alone with "
                    "the command above for their own message"
                    + ("; DUTs after dut0 get mac=%s, QEMU's first default MAC (checked "
                       "against dut0)" % FIRST_DEFAULT_MAC if dname == "virtio-net-pci" else ""),
        "reads": "modern: device_feature (select 0/1), num_queues, queue_size per queue, "
                 "DEVICE_CFG bytes; legacy: BAR0 host features, queue_num until 0, config at "
                 "BAR0+0x14; config = the first config_len bytes (QEMU 7.2 rule, "
                 "qemuref/virtio.py), all later bytes checked to read 0xff",
        "extra_variants": "%s on %s" % (vfile, ",".join(extra_machines)),
    }
    return out


def write_json(path, obj):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(obj, f, separators=(",", ":"))
        f.write("\n")
    os.replace(tmp, path)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default="tests/goldens/qemu-virtio", help="output directory")
    ap.add_argument("--devices", default=",".join(VIRTIO_DEVICES))
    ap.add_argument("--machines", default="", help="machine types (default: all pc types)")
    ap.add_argument("--variants-file", default=DEFAULT_VARIANTS_FILE)
    ap.add_argument("--extra-machines", default=EXTRA_MACHINES,
                    help="machines that also get the variants file's variants")
    ap.add_argument("--no-extra", action="store_true", help="base variants only")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--list", action="store_true", help="print the plan and exit")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()

    dev_names = [d for d in a.devices.split(",") if d]
    bad = [d for d in dev_names if d not in VIRTIO_DEVICES]
    if bad:
        ap.error("unknown device(s): %s" % ", ".join(bad))
    all_machines, aliases = qemu.list_machines()
    machines = qemu.sort_machines(a.machines.split(",")) if a.machines else all_machines
    extra = {} if a.no_extra else read_variants_file(a.variants_file)
    extra_machines = [m for m in a.extra_machines.split(",") if m]
    tasks = plan(dev_names, machines, extra, extra_machines)
    version = qemu.qemu_version()
    nrec = sum(len(t[2]) for t in tasks)
    log("%s: %d devices, %d machines, %d records in %d batches, %d jobs"
        % (version, len(dev_names), len(machines), nrec, len(tasks), a.jobs))
    if a.list:
        for d in dev_names:
            print("%-20s %5d records  %s" % (d, sum(len(t[2]) for t in tasks if t[0] == d),
                                             ", ".join(list(BASE_VARIANTS) + list(extra.get(d, {})))))
        return 0
    os.makedirs(a.out, exist_ok=True)
    vfile = os.path.relpath(a.variants_file, os.path.join(HERE, "..", ".."))
    stats = {"starts": 0}
    results = {d: {} for d in dev_names}
    pending = {d: sum(1 for t in tasks if t[0] == d) for d in dev_names}
    t0 = time.time()
    done = 0
    summary = []
    with cf.ThreadPoolExecutor(max_workers=max(1, a.jobs)) as ex:
        futs = {ex.submit(record_group, m, DEVICES[d], items, a.timeout, stats): (d, m, items)
                for d, m, items in tasks}
        for fut in cf.as_completed(futs):
            d, m, items = futs[fut]
            try:
                res = fut.result()
            except Exception:
                for f in futs:
                    f.cancel()
                raise
            results[d].setdefault(m, {}).update(res)
            done += 1
            if a.verbose or done % 50 == 0 or done == len(tasks):
                log("[%4d/%d %5.0fs] %s %s: %s" % (done, len(tasks), time.time() - t0, d, m,
                                                   ", ".join(res)))
            pending[d] -= 1
            if pending[d] == 0:
                variants = OrderedDict(BASE_VARIANTS)
                variants.update(extra.get(d, {}))
                obj = build_file(d, version, aliases, variants, machines, results[d],
                                 extra_machines, vfile)
                path = os.path.join(a.out, d + ".json")
                write_json(path, obj)
                n = sum(len(r) for r in results[d].values())
                nerr = sum(1 for r in results[d].values() for o in r.values() if "error" in o)
                lens = sorted({len(a[k]["config"]) // 2 for a in obj["abi"].values()
                               for k in ("modern", "legacy") if a.get(k)})
                summary.append((d, n, nerr, len(obj["abi"]), os.path.getsize(path),
                                "/".join(map(str, lens))))
                log("wrote %s: %d records (%d refused), %d distinct ABI objects, %d bytes"
                    % (path, n, nerr, len(obj["abi"]), os.path.getsize(path)))
                results[d] = None
    dt = time.time() - t0
    print("%-20s %8s %8s %8s %9s  %s" % ("device", "records", "refused", "distinct", "bytes",
                                          "config_len values"))
    for row in sorted(summary, key=lambda r: dev_names.index(r[0])):
        print("%-20s %8d %8d %8d %9d  %s" % row)
    print("total: %d records, %d QEMU starts, %.0f s with %d jobs"
          % (sum(r[1] for r in summary), stats["starts"], dt, a.jobs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
