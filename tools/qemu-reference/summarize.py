#!/usr/bin/env python3
"""Summarise how a device's behaviour changes across machine types.

    summarize.py [--data tests/goldens/qemu] [--devices a,b] [--variant default]

For one variant (default: "default") walks each machine family in version
order (pc-i440fx-1.4 ... 7.2, pc-q35-2.4 ... 7.2) and prints, for every
property of the device and of its virtio backend, the first machine version
where the effective value changes (old -> new), and the same for the config
space (ids, BAR layout, capability chain).  Changes seen on both families at
the same version are printed once; "(i440fx)"/"(q35)" marks family-only ones.
Memory-region / bus paths that only reflect the machine's topology are skipped.
"""
import argparse
import glob
import json
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare import effective_props  # noqa: E402
from qemuref.qemu import machine_sort_key  # noqa: E402

SKIP_TYPES = ("child<", "link<bus>")
SKIP_NAMES = ("parent_bus",)


def versioned(machines, family):
    ms = [m for m in machines if m not in ("pc", "q35") and
          (m.startswith("pc-q35-") if family == "q35" else m.startswith("pc-i440fx-"))]
    return sorted(ms, key=machine_sort_key)


def cfg_facts(d, run):
    if "cfg" not in run:
        return {"refused": (run.get("stderr") or "").splitlines()[-1:]}
    c = d["cfgspace"][run["cfg"]]
    h = c["header"]
    bars = ["%s:%s%s" % (b["index"], b["kind"], "/" + b["size_hex"]) for b in c["bar_sizing"]
            if b.get("implemented")]
    return {"ids": "%s:%s rev %s subsys %s:%s class %s" % (
        h["vendor_id"], h["device_id"], h["revision"], h.get("subsystem_vendor_id"),
        h.get("subsystem_id"), h["class_code"]),
        "bars": " ".join(bars) + (" rom/%s" % c["rom_sizing"]["size_hex"]
                                  if c["rom_sizing"].get("implemented") else ""),
        "chain": c["chain"],
        "write_probe": " ".join("%s=%s" % (k, v["read_back"])
                                for k, v in sorted(c["write_probe"].items()))}


def changes(d, family, variant):
    """[(version, what, old, new)] along one family."""
    out, prev = [], None
    for m in versioned(d["machines"], family):
        runs = d["machines"][m]
        if variant not in runs:
            continue
        cur = {}
        for key, label in (("props", ""), ("backend_props", "backend.")):
            p = effective_props(runs, variant, key) or {}
            for name, v in p.items():
                if name in SKIP_NAMES or v[0].startswith(SKIP_TYPES):
                    continue
                cur[label + name] = v[1] if len(v) == 2 else "<error>"
        for k, v in cfg_facts(d, runs[variant]).items():
            cur["cfg." + k] = v
        if prev is not None:
            for k in sorted(set(prev) | set(cur)):
                if prev.get(k) != cur.get(k):
                    out.append((m.rsplit("-", 1)[1], k, prev.get(k, "<absent>"),
                                cur.get(k, "<absent>")))
        prev = cur
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=os.path.normpath(
        os.path.join(here, "..", "..", "tests", "goldens", "qemu")))
    ap.add_argument("--devices", default="")
    ap.add_argument("--variant", default="default")
    a = ap.parse_args()
    for path in sorted(glob.glob(os.path.join(a.data, "*.json"))):
        with open(path) as f:
            d = json.load(f)
        if a.devices and d["device"] not in a.devices.split(","):
            continue
        print("== %s (variant %s)" % (d["device"], a.variant))
        ci, cq = changes(d, "i440fx", a.variant), changes(d, "q35", a.variant)
        q35_first = min((machine_sort_key(m)[1] for m in versioned(d["machines"], "q35")),
                        default=None)
        both = set(ci) & set(cq)
        rows = [(c, "") for c in ci if c in both]
        rows += [(c, " (i440fx)") for c in ci if c not in both]
        rows += [(c, " (q35)") for c in cq if c not in both]
        rows.sort(key=lambda r: (tuple(int(x) for x in r[0][0].split(".")), r[0][1]))
        for (ver, what, old, new), fam in rows:
            note = ""
            if fam == " (i440fx)" and q35_first and \
                    tuple(int(x) for x in ver.split(".")) <= q35_first:
                note = " [before the first q35 type]"
            print("  %-6s %-40s %s -> %s%s%s" % (ver, what, json.dumps(old), json.dumps(new),
                                                fam, note))


if __name__ == "__main__":
    main()
