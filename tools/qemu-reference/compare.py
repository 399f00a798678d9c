#!/usr/bin/env python3
"""Compare two QEMU reference data files semantically.

    compare.py A.json B.json [--allow-extra] [--allow-missing] [--max N]

Checks, for every (machine, variant) present in both files:
  * refused in one but not the other; for refusals the error and stderr;
  * config space: the 256 bytes, the full 4 KiB ECAM view (ext_config_bytes
    expanded with ext_config_fill), the decoded header / capability lists /
    chain, BAR and ROM sizing, and every write_probe register of A;
  * effective properties of the device and its virtio backend (variant runs
    store a diff against the machine's default run: it is applied first);
  * stderr and the run-level fields ecam_matches_pio / pciexbar_at_reset.
And at the top level: device, qemu version, aliases, variant definitions
(for common names), backend type and device-list-properties.

Machines / variants / write-probe registers that only B has are differences
unless --allow-extra; ones only A has are differences unless --allow-missing
(useful when B is a partial recording, e.g. --machines subset).
Config-space ids may differ (they hash the stored object, which includes
write_probe); only content is compared.  Exit status 0 = equivalent.
"""
import argparse
import json
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from qemuref.datafile import apply_diff  # noqa: E402

CFG_EQUAL_KEYS = ("config_bytes", "header", "capabilities", "ext_capabilities", "chain",
                  "bar_sizing", "rom_sizing")


def full_ext(blob):
    if "ext_config_bytes" not in blob:
        return None
    ext = bytes.fromhex(blob["ext_config_bytes"])
    return ext + bytes.fromhex(blob["ext_config_fill"]) * (3840 - len(ext))


def byte_difference(a, b, base):
    """'N bytes differ, first at 0xOFF: aa != bb'."""
    offs = [i for i in range(min(len(a), len(b))) if a[i] != b[i]]
    if not offs:
        return "lengths %d != %d" % (len(a), len(b))
    return "%d byte(s) differ, first at 0x%03x: %02x != %02x" % (
        len(offs), base + offs[0], a[offs[0]], b[offs[0]])


def effective_props(runs, variant, key):
    """Full property dict (``key`` = "props" or "backend_props") of a run."""
    run = runs[variant]
    if key in run:
        return run[key]
    diff = run.get(key + "_diff")
    base = runs.get("default", {}).get(key)
    if diff is None or base is None:
        return None
    return apply_diff(base, diff)


def first_difference(a, b, path=""):
    """Human-readable location of the first difference between two JSON values."""
    if type(a) is not type(b):
        return "%s: %r != %r" % (path or "value", a, b)
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return "%s.%s: only in %s (%r)" % (path, k, "A" if k in a else "B",
                                                   a.get(k, b.get(k)))
            if a[k] != b[k]:
                return first_difference(a[k], b[k], "%s.%s" % (path, k))
    elif isinstance(a, list):
        if len(a) != len(b):
            return "%s: length %d != %d" % (path, len(a), len(b))
        for i, (x, y) in enumerate(zip(a, b)):
            if x != y:
                return first_difference(x, y, "%s[%d]" % (path, i))
    elif a != b:
        return "%s: %r != %r" % (path or "value", a, b)
    return None


class Comparison:
    def __init__(self, a, b, allow_extra, allow_missing):
        self.a, self.b = a, b
        self.allow_extra, self.allow_missing = allow_extra, allow_missing
        self.diffs = []
        self.notes = []
        self.runs_compared = 0
        self.same_cfg_id = 0
        self._variant_sets = {}     # (side, variants) -> [machines]

    def diff(self, where, what):
        self.diffs.append("%s: %s" % (where, what))

    def sets(self, where, a_keys, b_keys):
        only_a, only_b = sorted(set(a_keys) - set(b_keys)), sorted(set(b_keys) - set(a_keys))
        if only_a:
            (self.notes if self.allow_missing else self.diffs).append(
                "%s: only in A: %s" % (where, ", ".join(only_a)))
        if only_b:
            (self.notes if self.allow_extra else self.diffs).append(
                "%s: only in B: %s" % (where, ", ".join(only_b)))

    def top_level(self):
        a, b = self.a, self.b
        for k in ("device", "qemu", "machine_aliases", "backend_type",
                  "device_list_properties", "backend_device_list_properties"):
            if a.get(k) != b.get(k):
                self.diff("top-level " + k, first_difference(a.get(k), b.get(k)))
        for v in set(a["variants"]) & set(b["variants"]):
            if a["variants"][v] != b["variants"][v]:
                self.diff("variant definition " + v,
                          first_difference(a["variants"][v], b["variants"][v]))
        self.sets("variant definitions", a["variants"], b["variants"])
        self.sets("machines", a["machines"], b["machines"])

    def cfg(self, where, ida, idb):
        if ida == idb:
            self.same_cfg_id += 1
        ca, cb = self.a["cfgspace"][ida], self.b["cfgspace"][idb]
        if ca["config_bytes"] != cb["config_bytes"]:
            self.diff(where + " cfg config_bytes", byte_difference(
                bytes.fromhex(ca["config_bytes"]), bytes.fromhex(cb["config_bytes"]), 0))
        for k in CFG_EQUAL_KEYS[1:]:
            if ca.get(k) != cb.get(k):
                self.diff(where + " cfg " + k, first_difference(ca.get(k), cb.get(k), k))
        ea, eb = full_ext(ca), full_ext(cb)
        if ea != eb:
            self.diff(where + " cfg ECAM 0x100-0xfff",
                      "present in only one file" if ea is None or eb is None
                      else byte_difference(ea, eb, 0x100))
        wa, wb = ca.get("write_probe", {}), cb.get("write_probe", {})
        for reg in wa:
            if reg not in wb:
                if not self.allow_missing:
                    self.diff(where + " write_probe", "register %s only in A" % reg)
            elif wa[reg] != wb[reg]:
                self.diff(where + " write_probe " + reg, first_difference(wa[reg], wb[reg]))
        extra = set(wb) - set(wa)
        if extra and not self.allow_extra:
            self.diff(where + " write_probe", "registers only in B: %s" % sorted(extra))

    def run(self, machine, variant):
        where = "%s/%s" % (machine, variant)
        ra, rb = self.a["machines"][machine][variant], self.b["machines"][machine][variant]
        self.runs_compared += 1
        if ("cfg" in ra) != ("cfg" in rb) or ("cfg_error" in ra) != ("cfg_error" in rb):
            self.diff(where, "recorded in one file, refused in the other")
            return
        for k in ("cfg_error", "props_error", "stderr", "ecam_matches_pio",
                  "pciexbar_at_reset", "bar_sizing_restored_ok"):
            if ra.get(k) != rb.get(k):
                self.diff(where + " " + k, "%r != %r" % (ra.get(k), rb.get(k)))
        if "cfg" in ra:
            self.cfg(where, ra["cfg"], rb["cfg"])
        for key in ("props", "backend_props"):
            pa = effective_props(self.a["machines"][machine], variant, key)
            pb = effective_props(self.b["machines"][machine], variant, key)
            if pa != pb:
                self.diff(where + " " + key, first_difference(pa, pb, key))

    def all(self):
        self.top_level()
        for m in self.a["machines"]:
            if m not in self.b["machines"]:
                continue
            va, vb = self.a["machines"][m], self.b["machines"][m]
            for side, keys in (("A", set(va) - set(vb)), ("B", set(vb) - set(va))):
                if keys:
                    self._variant_sets.setdefault((side, tuple(sorted(keys))), []).append(m)
            for v in va:
                if v in vb:
                    self.run(m, v)
        # One line per distinct set of one-sided variants, not one per machine.
        for (side, keys), machines in self._variant_sets.items():
            allowed = self.allow_missing if side == "A" else self.allow_extra
            (self.notes if allowed else self.diffs).append(
                "variants only in %s on %d machine(s) (%s ... %s): %s"
                % (side, len(machines), machines[0], machines[-1], ", ".join(keys)))


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("a")
    ap.add_argument("b")
    ap.add_argument("--allow-extra", action="store_true",
                    help="B may have machines/variants/write-probe registers A lacks")
    ap.add_argument("--allow-missing", action="store_true",
                    help="B may lack machines/variants that A has")
    ap.add_argument("--max", type=int, default=40, help="differences to print (default 40)")
    args = ap.parse_args()
    with open(args.a) as f:
        a = json.load(f)
    with open(args.b) as f:
        b = json.load(f)
    c = Comparison(a, b, args.allow_extra, args.allow_missing)
    c.all()
    for n in c.notes:
        print("note: " + n)
    for d in c.diffs[:args.max]:
        print("DIFF: " + d)
    if len(c.diffs) > args.max:
        print("... %d more differences" % (len(c.diffs) - args.max))
    print("%s vs %s: %d runs compared (%d with identical config-space id), %d differences"
          % (args.a, args.b, c.runs_compared, c.same_cfg_id, len(c.diffs)))
    return 1 if c.diffs else 0


if __name__ == "__main__":
    sys.exit(main())
