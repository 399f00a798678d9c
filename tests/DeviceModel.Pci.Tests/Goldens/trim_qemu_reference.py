#!/usr/bin/env python3
"""Regenerate the conformance goldens in this folder from recorded QEMU reference data.

Usage:  python3 trim_qemu_reference.py [DATA_DIR]      (default: /work/shared/qemu/data)

Reads DATA_DIR/<device>.json (the recorder's output, see tools/ and the shared qemu README) and writes
<device>.json here with only what the PCI conformance tests read: the variants, per machine the effective
properties that shape the configuration space (full for "default", a diff for the other variants, the
refusal message for combinations QEMU rejected) and every referenced config space (bytes, BAR/ROM sizing,
write probes, capability chain). CI never reads DATA_DIR; review the rewritten goldens as a diff.
"""
import json
import os
import sys

DEVICES = ["virtio-net-pci", "virtio-blk-pci"]
# Effective properties the config space depends on (virtio-pci transport, PCIDevice, device config size).
KEEP = {
    "disable-legacy", "disable-modern", "vectors", "page-per-vq", "modern-pio-notify", "x-disable-pcie",
    "x-pcie-deverr-init", "x-pcie-lnkctl-init", "x-pcie-pm-init", "x-pcie-flr-init", "x-pcie-extcap-init",
    "x-pcie-lnksta-dllla", "aer", "ats", "x-ats-page-aligned", "romfile", "romsize", "rombar", "multifunction",
    "iommu_platform", "x-disable-legacy-check",
    # virtio-net: config size
    "mq", "status", "host_mtu", "speed", "duplex", "rss", "hash",
    # virtio-blk: config size, modern refusal, class
    "discard", "write-zeroes", "scsi", "class", "num-queues",
}
CFG_KEYS = ["config_bytes", "ext_config_bytes", "ext_config_fill", "chain", "bar_sizing", "rom_sizing", "write_probe"]


def trim_props(props):
    return {k: v[1] for k, v in sorted(props.items()) if k in KEEP}


def trim(data):
    out = {"device": data["device"], "qemu": data["qemu"], "variants": data["variants"], "machines": {}, "cfgspace": {}}
    used = set()
    for machine, runs in data["machines"].items():
        trimmed = {}
        for variant, run in runs.items():
            if "cfg" not in run:
                trimmed[variant] = {"refused": run.get("stderr", "").strip().splitlines()[-1]}
                continue
            used.add(run["cfg"])
            entry = {"cfg": run["cfg"]}
            if "props" in run:
                entry["props"] = trim_props(run["props"])
            else:
                entry["props_diff"] = trim_props(run.get("props_diff", {}))
            trimmed[variant] = entry
        out["machines"][machine] = trimmed
    for cid in sorted(used):
        c = data["cfgspace"][cid]
        out["cfgspace"][cid] = {k: c[k] for k in CFG_KEYS if k in c}
    return out


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/qemu/data"
    here = os.path.dirname(os.path.abspath(__file__))
    for device in DEVICES:
        with open(os.path.join(src, device + ".json")) as f:
            data = json.load(f)
        with open(os.path.join(here, device + ".json"), "w") as f:
            json.dump(trim(data), f, indent=1, sort_keys=False)
            f.write("\n")


if __name__ == "__main__":
    main()
