#!/usr/bin/env python3
"""Records how QEMU places several PCI devices on one bus: which slot.function
each gets, or the error QEMU refuses the configuration with (functions in use,
the multifunction rules of hw/pci/pci.c, in device order).

    python3 tools/qemu-reference/record_placement.py \
        --cases tools/qemu-reference/placement-cases.txt \
        --out tests/goldens/qemu-placement/placement.json

Cases file: one case a line, ``MACHINE DEVICE [DEVICE ...]`` (each DEVICE a
``-device`` argument without spaces), ``#`` starts a comment. Each run starts
``qemu-system-x86_64 -machine MACHINE -accel tcg -S -nodefaults -display none
-m 128 -device ... -qmp stdio``, then asks ``query-pci`` (the root bus) and the
``addr`` of every device with an id (``placed``, also behind root ports).
Deterministic output.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys

QEMU = os.environ.get("QEMU") or shutil.which("qemu-system-x86_64") or "qemu-system-x86_64"


def run_case(machine, devices):
    argv = [QEMU, "-machine", machine, "-accel", "tcg", "-S", "-nodefaults", "-display", "none",
            "-m", "128"]
    for device in devices:
        argv += ["-device", device]
    argv += ["-qmp", "stdio"]
    # Devices behind a bridge are missing from query-pci before firmware numbers the buses: their "addr" property
    # (devfn) says where QEMU put them.
    ids = [opt[3:] for device in devices for opt in device.split(",") if opt.startswith("id=")]
    commands = "\n".join(json.dumps(c) for c in (
        [{"execute": "qmp_capabilities"}, {"execute": "query-pci"}]
        + [{"execute": "qom-get", "arguments": {"path": "/machine/peripheral/" + i, "property": "addr"}, "id": i} for i in ids]
        + [{"execute": "quit"}])) + "\n"
    proc = subprocess.run(argv, input=commands, capture_output=True, text=True, timeout=60)
    case = {"machine": machine, "devices": devices}
    if proc.returncode != 0:
        # QEMU prefixes the message with its name and the failing -device argument.
        case["refused"] = proc.stderr.strip().splitlines()[-1]
        return case
    functions = []

    def walk(bus, devices):
        for dev in devices:
            functions.append({"bus": bus, "addr": "%02x.%x" % (dev["slot"], dev["function"]),
                              "id": dev.get("qdev_id") or "", "class": dev["class_info"]["class"]})
            bridge = dev.get("pci_bridge")
            if bridge:
                walk(bridge["bus"]["secondary"], bridge.get("devices", []))

    placed = {}
    for line in proc.stdout.splitlines():
        msg = json.loads(line)
        if isinstance(msg.get("return"), list):
            for bus in msg["return"]:
                walk(bus["bus"], bus["devices"])
        elif isinstance(msg.get("return"), int) and "id" in msg:
            placed[msg["id"]] = "%02x.%x" % (msg["return"] >> 3, msg["return"] & 7)
    case["functions"] = functions
    case["placed"] = placed
    return case


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    cases = []
    with open(args.cases, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].split()
            if line:
                cases.append(run_case(line[0], line[1:]))
                print(json.dumps(cases[-1]), file=sys.stderr)
    version = subprocess.run([QEMU, "--version"], capture_output=True, text=True).stdout.splitlines()[0].strip()
    os.makedirs(os.path.dirname(args.out) or ".", exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        json.dump({"qemu": version, "cases": cases}, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
