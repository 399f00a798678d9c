#!/usr/bin/env python3
"""Cross-check recorded config spaces with pciutils' own decoder.

    lspci_check.py [--data tests/goldens/qemu] [--save DIR] [-v]

For every distinct config space of every OUT/<device>.json the bytes are
written as an ``lspci -xxx``-style dump, decoded with
``lspci -F DUMP -vvv -nn`` and compared with our decoding (qemuref/pcidecode):
  * vendor:device ids and revision in lspci's device line;
  * the list of capability offsets (standard then extended) must be identical;
  * each capability's text must match its kind (e.g. "MSI-X: Enable- Count=4"
    plus "Vector table: BAR=1 offset=00000000", "Vendor Specific Information:
    VirtIO: Notify" plus "BAR=4 offset=00003000 size=00001000",
    "Express (v2) Root Port (Slot+)", "Advanced Error Reporting", ...).

Dump format (what ``lspci -x`` prints and ``-F`` reads back):
    00:03.0 free text
    00: f4 1a 00 10 ...     16 bytes per row
    100: ...                only for PCI Express functions, rows up to ff0
Like Linux sysfs the rows above 0xff are only emitted when the function has a
PCIe capability and an ECAM view was recorded (q35).  lspci prints virtio's
PCI_CFG capability as "VirtIO: <unknown>"; it cannot size BARs from a dump.

--save DIR writes DIR/<device>/<cfg id>.dump and .txt (lspci output) for each
checked config space.  Exit status 1 if any config space disagrees.
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

LSPCI_VIRTIO = {1: "CommonCfg", 2: "Notify", 3: "ISR", 4: "DeviceCfg", 5: "<unknown>"}
LSPCI_PORT_TYPES = {"endpoint": "Endpoint", "legacy_endpoint": "Legacy Endpoint",
                    "root_port": "Root Port", "upstream_port": "Upstream Port",
                    "downstream_port": "Downstream Port",
                    "rc_integrated_endpoint": "Root Complex Integrated Endpoint"}
CAP_LINE = re.compile(r"^\tCapabilities: \[([0-9a-f]+)(?: v(\d+))?\] (.*)$")


def config_bytes(blob):
    """(256-byte space, 3840-byte ECAM remainder or None)."""
    cfg = bytes.fromhex(blob["config_bytes"])
    if "ext_config_bytes" not in blob:
        return cfg, None
    ext = bytes.fromhex(blob["ext_config_bytes"])
    return cfg, ext + bytes.fromhex(blob["ext_config_fill"]) * (3840 - len(ext))


def make_dump(bdf, label, blob):
    cfg, ext = config_bytes(blob)
    is_pcie = any(c["name"] == "EXP" for c in blob["capabilities"])
    data = cfg + (ext if ext is not None and is_pcie else b"")
    rows = ["%s %s" % (bdf, label)]
    for o in range(0, len(data), 16):
        rows.append(("%02x: %s" if o < 0x100 else "%03x: %s")
                    % (o, " ".join("%02x" % b for b in data[o:o + 16])))
    return "\n".join(rows) + "\n\n"


def run_lspci(path):
    r = subprocess.run(["lspci", "-F", path, "-vvv", "-nn"], capture_output=True, text=True,
                       timeout=30)
    err = "\n".join(l for l in r.stderr.splitlines() if "libkmod" not in l)
    return r.stdout, err.strip()


def lspci_capabilities(text):
    lines = text.splitlines()
    caps = []
    for i, line in enumerate(lines):
        m = CAP_LINE.match(line)
        if m:
            caps.append((int(m.group(1), 16), m.group(3),
                         lines[i + 1].strip() if i + 1 < len(lines) else ""))
    return (lines[0] if lines else ""), caps


def text_matches(cap, text, next_line):
    """Does lspci's description of one capability agree with our decoding?"""
    n = cap["name"]
    if n == "PM":
        return text.startswith("Power Management version %d" % cap["version"])
    if n == "MSI":
        return text.startswith("MSI: Enable") and \
            ("64bit%s" % ("+" if cap["addr64"] else "-")) in text
    if n == "MSIX":
        return text.startswith("MSI-X: Enable") and "Count=%d" % cap["table_size"] in text \
            and "BAR=%d offset=%08x" % (cap["table_bir"], int(cap["table_offset"], 16)) \
            in next_line
    if n == "VNDR" and cap.get("virtio"):
        where = "BAR=%d offset=%08x size=%08x" % (cap["bar"], int(cap["region_offset"], 16),
                                                  int(cap["region_length"], 16))
        return text == "Vendor Specific Information: VirtIO: " + \
            LSPCI_VIRTIO.get(cap["cfg_type"], "?") and next_line.startswith(where)
    if n == "VNDR":
        return text.startswith("Vendor Specific Information")
    if n == "EXP":
        want = "Express (v%d) %s" % (cap["pcie_cap_version"],
                                     LSPCI_PORT_TYPES.get(cap["port_type_name"], "?"))
        if not text.startswith(want):
            return False
        if cap["port_type_name"] == "root_port":
            return ("(Slot%s)" % ("+" if cap["slot_implemented"] else "-")) in text
        return True
    prefixes = {"SSVID": "Subsystem:", "AER": "Advanced Error Reporting",
                "ATS": "Address Translation Service", "ACS": "Access Control Services",
                "ARI": "Alternative Routing-ID", "DSN": "Device Serial Number"}
    return text.startswith(prefixes.get(n, ""))


def check(blob, lspci_text):
    problems = []
    head, lcaps = lspci_capabilities(lspci_text)
    hdr = blob["header"]
    ids = "[%s:%s]" % (hdr["vendor_id"][2:], hdr["device_id"][2:])
    if ids not in head:
        problems.append("ids %s not in %r" % (ids, head))
    rev = int(hdr["revision"], 16)
    if rev and "(rev %02x)" % rev not in head:
        problems.append("revision %02x not in %r" % (rev, head))
    ours = blob["capabilities"] + blob["ext_capabilities"]
    if [o for o, _, _ in lcaps] != [int(c["offset"], 16) for c in ours]:
        problems.append("capability offsets: lspci %s, ours %s"
                        % ([hex(o) for o, _, _ in lcaps], [c["offset"] for c in ours]))
    else:
        for cap, (_, text, nxt) in zip(ours, lcaps):
            if not text_matches(cap, text, nxt):
                problems.append("%s %s: lspci says %r / %r" % (cap["offset"], cap["name"],
                                                               text, nxt))
    return problems


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default_data = os.path.normpath(os.path.join(here, "..", "..", "tests", "goldens", "qemu"))
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=default_data, help="directory of <device>.json files")
    ap.add_argument("--save", help="write each dump and lspci's decoding to this directory")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every problem")
    a = ap.parse_args()

    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for path in sorted(glob.glob(os.path.join(a.data, "*.json"))):
            with open(path) as f:
                d = json.load(f)
            if "cfgspace" not in d:
                continue
            first_use = {}
            for m, runs in d["machines"].items():
                for vn, r in runs.items():
                    if "cfg" in r:
                        first_use.setdefault(r["cfg"], (m, vn))
            bad = []
            for cid, blob in d["cfgspace"].items():
                m, vn = first_use.get(cid, ("?", "default"))
                rp = d["variants"].get(vn, {}).get("behind_root_port")
                bdf = "01:00.0" if rp else "00:%02x.0" % (
                    4 if d["device"] == "pcie-root-port" else 3)
                dump = make_dump(bdf, "%s %s %s cfg %s" % (d["device"], m, vn, cid), blob)
                dpath = os.path.join(tmp, "cfg.dump")
                with open(dpath, "w") as f:
                    f.write(dump)
                out, err = run_lspci(dpath)
                problems = check(blob, out) + (["stderr: " + err] if err else [])
                if problems:
                    bad.append((cid, m, vn, problems))
                if a.save:
                    sdir = os.path.join(a.save, d["device"])
                    os.makedirs(sdir, exist_ok=True)
                    with open(os.path.join(sdir, cid + ".dump"), "w") as f:
                        f.write(dump)
                    with open(os.path.join(sdir, cid + ".txt"), "w") as f:
                        f.write("$ lspci -F %s.dump -vvv -nn\n%s" % (cid, out))
            print("%-20s %4d distinct config spaces, %4d agree with lspci, %d disagree"
                  % (d["device"], len(d["cfgspace"]), len(d["cfgspace"]) - len(bad), len(bad)))
            for cid, m, vn, problems in bad[: None if a.verbose else 3]:
                print("   %s (%s %s): %s" % (cid, m, vn, "; ".join(problems)))
            failed += len(bad)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
