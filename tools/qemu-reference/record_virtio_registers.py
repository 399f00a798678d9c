#!/usr/bin/env python3
"""Records the virtio-pci transport registers as a guest sees them in QEMU:
fixed access sequences (traces) against the modern regions in BAR4 (common
config +0, ISR +0x1000, device config +0x2000, notify +0x3000) and the legacy
header in I/O BAR0, with every value QEMU returned.

    python3 tools/qemu-reference/record_virtio_registers.py \
        --out tests/goldens/qemu-virtio-registers

One file per configuration (CONFIGS below): OUT/<name>.json =
``{qemu, machine, device, extra_args, traces: {TRACE: [STEP, ...]}}``, where
``device`` is the -device string without id/addr and each STEP is one of

    "r4 bar4+0x0004 = 0x30bf8024"    read 4 bytes (1, 2, 4 or 8) and what QEMU returned
    "w2 bar0+0x000e 0x0002"          write 2 bytes
    "msix on" / "msix off"           the guest sets / clears MSI-X Enable in the capability

Each trace runs in a fresh QEMU (``-machine pc-i440fx-7.2 -accel tcg -S
-nodefaults -display none -m 128 ... -device DEV,id=dut,addr=3.0 -qtest
stdio``): before the first step the harness assigns BAR0 = 0xc000 (I/O) and
BAR4 = 0xfe000000 (64-bit memory) and sets I/O, memory and bus master enable
in the command register. Traces that need the modern interface are skipped
on legacy-only configurations and legacy traces on modern-only ones; MSI-X
traces need vectors > 0. Nothing runs in the guest; nothing is timed; the
output is deterministic.
"""
import argparse
import json
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from qemuref import qemu  # noqa: E402
from qemuref.qtest import Qtest, config_address  # noqa: E402

MACHINE = "pc-i440fx-7.2"
SLOT = 3
BAR4_BASE = 0xfe000000
BAR0_BASE = 0xc000
BLK_DRIVE = ["-drive", "if=none,id=d0,file=null-co://,format=raw"]

# name -> (-device string without id/addr, extra QEMU arguments, interfaces, has MSI-X)
CONFIGS = {
    "virtio-net-pci": ("virtio-net-pci", [], "modern legacy", True),
    "virtio-net-pci-vectors0": ("virtio-net-pci,vectors=0", [], "modern legacy", False),
    "virtio-net-pci-modern-only": ("virtio-net-pci,disable-legacy=on,disable-modern=off", [], "modern", True),
    "virtio-net-pci-legacy-only": ("virtio-net-pci,disable-legacy=off,disable-modern=on", [], "legacy", True),
    "virtio-net-pci-iommu-platform": ("virtio-net-pci,disable-legacy=on,iommu_platform=on", [], "modern", True),
    "virtio-blk-pci": ("virtio-blk-pci,drive=d0", BLK_DRIVE, "modern legacy", True),
    "virtio-blk-pci-vectors0": ("virtio-blk-pci,drive=d0,vectors=0", BLK_DRIVE, "modern legacy", False),
    "virtio-blk-pci-modern-only": ("virtio-blk-pci,drive=d0,disable-legacy=on,disable-modern=off", BLK_DRIVE, "modern", True),
    "virtio-blk-pci-legacy-only": ("virtio-blk-pci,drive=d0,disable-legacy=off,disable-modern=on", BLK_DRIVE, "legacy", True),
}


def r(size, bar, offset):
    return ("r", size, bar, offset)


def w(size, bar, offset, value):
    return ("w", size, bar, offset, value)


C, ISR, DEV, NOTIFY = 0, 0x1000, 0x2000, 0x3000


def rc(size, offset):
    return r(size, 4, C + offset)


def wc(size, offset, value):
    return w(size, 4, C + offset, value)


def rl(size, offset):
    return r(size, 0, offset)


def wl(size, offset, value):
    return w(size, 0, offset, value)


def read_common():
    """Every field of struct virtio_pci_common_cfg at its own width."""
    return [rc(4, 0x00), rc(4, 0x04), rc(4, 0x08), rc(4, 0x0c), rc(2, 0x10), rc(2, 0x12), rc(1, 0x14), rc(1, 0x15),
            rc(2, 0x16), rc(2, 0x18), rc(2, 0x1a), rc(2, 0x1c), rc(2, 0x1e), rc(4, 0x20), rc(4, 0x24), rc(4, 0x28),
            rc(4, 0x2c), rc(4, 0x30), rc(4, 0x34), rc(2, 0x38), rc(2, 0x3a)]


def read_queue(q):
    return [wc(2, 0x16, q), rc(2, 0x16), rc(2, 0x18), rc(2, 0x1a), rc(2, 0x1c), rc(2, 0x1e), rc(8, 0x20), rc(8, 0x28),
            rc(8, 0x30), rc(2, 0x3a)]


def read_legacy_header(msix):
    ops = [rl(4, 0x00), rl(4, 0x04), rl(4, 0x08), rl(2, 0x0c), rl(2, 0x0e), rl(2, 0x10), rl(1, 0x12), rl(1, 0x13)]
    if msix:
        ops += [rl(2, 0x14), rl(2, 0x16)]
    return ops


def modern_traces(msix):
    t = {}
    t["common-initial"] = read_common() + [
        # QEMU decodes by offset alone: a wider access returns the field that starts there, a narrower one or one
        # inside a field the field's start or 0; unaligned accesses are split into aligned pieces.
        rc(8, 0x00), rc(8, 0x08), rc(4, 0x10), rc(4, 0x14), rc(4, 0x18), rc(1, 0x04), rc(1, 0x05), rc(2, 0x06),
        rc(2, 0x15), rc(4, 0x13), rc(1, 0x17), rc(4, 0x3c), rc(4, 0x40), rc(4, 0xffc), rc(8, 0xff8),
        r(4, 4, ISR), r(1, 4, ISR + 3), r(4, 4, NOTIFY), r(2, 4, NOTIFY + 4)]
    t["device-features"] = [
        wc(4, 0x00, 0), rc(4, 0x04), wc(4, 0x00, 1), rc(4, 0x04), rc(4, 0x00), wc(4, 0x00, 2), rc(4, 0x04),
        wc(4, 0x00, 0xffffffff), rc(4, 0x04), rc(4, 0x00), wc(2, 0x00, 1), rc(4, 0x04), rc(4, 0x00),
        wc(1, 0x01, 0), rc(4, 0x00), rc(4, 0x04),
        # device_feature is read-only
        wc(4, 0x04, 0), rc(4, 0x04)]
    t["queues"] = [rc(2, 0x12)]
    for q in (0, 1, 2, 3, 4, 1023):
        t["queues"] += read_queue(q)
    t["queues"] += [
        # queue_select refuses 1024 and above
        wc(2, 0x16, 1), wc(2, 0x16, 1024), rc(2, 0x16), wc(2, 0x16, 0xffff), rc(2, 0x16),
        # queue_size: 1..1024, no power-of-two rule, never 0, truncated to 16 bits
        wc(2, 0x16, 0), wc(2, 0x18, 100), rc(2, 0x18), wc(2, 0x18, 0), rc(2, 0x18), wc(2, 0x18, 1025), rc(2, 0x18),
        wc(2, 0x18, 1024), rc(2, 0x18), wc(4, 0x18, 0x10040), rc(2, 0x18), rc(2, 0x12),
        # a queue without a size keeps none
        wc(2, 0x16, 1023), wc(2, 0x18, 16), rc(2, 0x18), rc(2, 0x12),
        # ring addresses are plain registers until queue_enable
        wc(2, 0x16, 0), wc(4, 0x20, 0x1000), wc(4, 0x24, 2), wc(4, 0x28, 0x2000), wc(4, 0x2c, 3), wc(4, 0x30, 0x3000),
        wc(4, 0x34, 4), rc(8, 0x20), rc(8, 0x28), rc(8, 0x30), wc(2, 0x16, 1), rc(8, 0x20), wc(2, 0x16, 0), rc(2, 0x1c),
        # queue_reset: the queue's size and vector go back to the defaults, the address registers stay
        wc(2, 0x3a, 1), rc(2, 0x18), rc(2, 0x3a), rc(8, 0x20),
        # device reset (status 0) clears them
        wc(1, 0x14, 0), rc(8, 0x20), rc(8, 0x28), rc(8, 0x30), rc(2, 0x18)]
    t["vectors"] = [
        rc(2, 0x10), wc(2, 0x10, 0), rc(2, 0x10), wc(2, 0x10, 1), rc(2, 0x10), wc(2, 0x10, 3), rc(2, 0x10),
        wc(2, 0x10, 4), rc(2, 0x10), wc(2, 0x10, 1), wc(4, 0x10, 0x20001), rc(2, 0x10), wc(2, 0x10, 0xffff), rc(2, 0x10),
        wc(2, 0x10, 2), wc(2, 0x16, 0), wc(2, 0x1a, 0), rc(2, 0x1a), wc(2, 0x16, 1), wc(2, 0x1a, 3), rc(2, 0x1a),
        wc(2, 0x1a, 7), rc(2, 0x1a), wc(2, 0x16, 5), wc(2, 0x1a, 1), rc(2, 0x1a), wc(2, 0x16, 0), rc(2, 0x1a),
        # queue_reset drops the queue's vector, reset drops them all
        wc(2, 0x3a, 1), rc(2, 0x1a), wc(2, 0x16, 5), rc(2, 0x1a), wc(1, 0x14, 0), rc(2, 0x10), rc(2, 0x1a)]
    if msix:
        t["vectors"] += ["msix on", wc(2, 0x10, 1), rc(2, 0x10), "msix off", rc(2, 0x10)]
    t["handshake-unoffered"] = [
        wc(1, 0x14, 1), rc(1, 0x14), wc(1, 0x14, 3), rc(1, 0x14),
        # the driver asks for every bit: QEMU keeps the written words, negotiates only the offered bits
        wc(4, 0x08, 0), wc(4, 0x0c, 0xffffffff), wc(4, 0x08, 1), wc(4, 0x0c, 0xffffffff), wc(4, 0x08, 0), rc(4, 0x0c),
        wc(4, 0x08, 1), rc(4, 0x0c), wc(4, 0x08, 2), wc(4, 0x0c, 5), rc(4, 0x0c), rc(4, 0x08), wc(4, 0x08, 0),
        wc(1, 0x14, 0x0b), rc(1, 0x14),
        # after FEATURES_OK the words still change, the negotiated features do not
        wc(4, 0x0c, 1), rc(4, 0x0c), rc(1, 0x14),
        wc(1, 0x14, 0x0f), rc(1, 0x14), rc(1, 0x15), r(1, 4, ISR),
        # reset: status and queues go, the feature select and driver_feature words stay
        wc(1, 0x14, 0), rc(1, 0x14), rc(4, 0x08), rc(4, 0x0c), wc(4, 0x08, 1), rc(4, 0x0c), rc(4, 0x00)]
    t["handshake-offered"] = [
        wc(1, 0x14, 1), wc(1, 0x14, 3), wc(4, 0x08, 0), wc(4, 0x0c, 0x30000000), wc(4, 0x08, 1), wc(4, 0x0c, 1),
        wc(1, 0x14, 0x0b), rc(1, 0x14),
        wc(2, 0x16, 0), wc(2, 0x18, 64), wc(4, 0x20, 0x100000), wc(4, 0x28, 0x101000), wc(4, 0x30, 0x102000),
        wc(2, 0x1c, 1), rc(2, 0x1c), rc(2, 0x18), rc(8, 0x20),
        wc(1, 0x14, 0x0f), rc(1, 0x14), rc(1, 0x15), r(1, 4, ISR),
        # queue_enable accepts only 1: any other value is QEMU's virtio_error (NEEDS_RESET, config interrupt)
        wc(2, 0x1c, 0), rc(1, 0x14), rc(1, 0x15), r(1, 4, ISR), r(1, 4, ISR), wc(2, 0x1c, 2), rc(1, 0x14), rc(1, 0x15),
        r(4, 4, ISR + 0x10), r(8, 4, ISR),
        # reset keeps the generation
        wc(1, 0x14, 0), rc(1, 0x14), rc(1, 0x15), rc(2, 0x1c), rc(2, 0x18)]
    t["handshake-version0"] = [
        # without VERSION_1 negotiated: FEATURES_OK is not checked, a bad queue_enable only breaks the device
        wc(1, 0x14, 1), wc(1, 0x14, 3), wc(4, 0x08, 0), wc(4, 0x0c, 0x30000000), wc(1, 0x14, 0x0b), rc(1, 0x14),
        wc(1, 0x14, 0x0f), wc(2, 0x1c, 0), rc(1, 0x14), rc(1, 0x15), r(1, 4, ISR),
        # a status write that clears bits is taken as is
        wc(1, 0x14, 0x03), rc(1, 0x14), wc(1, 0x14, 0x08), rc(1, 0x14)]
    t["device-config"] = device_config_reads(lambda size, offset: r(size, 4, DEV + offset)) + [
        r(4, 4, DEV + 0xffc), r(8, 4, DEV)]
    return t


def device_config_reads(read):
    ops = []
    for offset in range(0, 0x40):
        ops.append(read(1, offset))
    for offset in range(0, 0x40, 2):
        ops.append(read(2, offset))
    for offset in range(0, 0x40, 4):
        ops.append(read(4, offset))
    # straddling the end of the configuration, and unaligned
    ops += [read(2, 0x07), read(4, 0x06), read(4, 0x3e), read(2, 0x3f)]
    return ops


def legacy_traces(msix):
    t = {}
    t["legacy-initial"] = read_legacy_header(False) + [
        rl(1, 0x01), rl(2, 0x02), rl(4, 0x0c), rl(1, 0x11), rl(4, 0x12), rl(2, 0x13)]
    config = 0x14
    t["legacy-device-config"] = device_config_reads(lambda size, offset: rl(size, config + offset))
    t["legacy-queues"] = []
    for q in (0, 1, 2, 3, 1023):
        t["legacy-queues"] += [wl(2, 0x0e, q), rl(2, 0x0e), rl(2, 0x0c), rl(4, 0x08)]
    t["legacy-queues"] += [
        wl(2, 0x0e, 1), wl(2, 0x0e, 1024), rl(2, 0x0e),
        # queue_num is read-only; the PFN sticks only on a queue with a size
        wl(2, 0x0e, 0), wl(4, 0x0c, 5), rl(2, 0x0c), wl(4, 0x08, 0x100), rl(4, 0x08), wl(2, 0x0e, 3), wl(4, 0x08, 0x200),
        rl(4, 0x08), wl(2, 0x0e, 0), rl(4, 0x08),
        # the modern queue_size written through the common config shows here, and the PFN shows a modern ring address
        # (checked in the mixed trace); a PFN of 0 resets the device
        wl(1, 0x12, 3), wl(4, 0x08, 0), rl(1, 0x12), rl(4, 0x08), rl(2, 0x0e)]
    t["legacy-handshake"] = [
        wl(1, 0x12, 1), rl(1, 0x12), wl(1, 0x12, 3), rl(1, 0x12),
        # every bit but VIRTIO_F_BAD_FEATURE: the offered ones are negotiated
        wl(4, 0x04, 0xbfffffff), rl(4, 0x04), wl(4, 0x04, 0x00000001), rl(4, 0x04), wl(2, 0x04, 0xffff), rl(4, 0x04),
        wl(4, 0x04, 0x9fffffff), rl(4, 0x04),
        # host features are read-only
        wl(4, 0x00, 0), rl(4, 0x00),
        wl(1, 0x12, 7), rl(1, 0x12), rl(1, 0x13), wl(1, 0x13, 1), rl(1, 0x13), wl(2, 0x10, 0),
        wl(1, 0x12, 0), rl(1, 0x12), rl(4, 0x04), rl(2, 0x0e)]
    t["legacy-bad-feature"] = [
        # a driver that acknowledges VIRTIO_F_BAD_FEATURE gets the device type's fallback set (bad_features)
        wl(1, 0x12, 3), wl(4, 0x04, 0xffffffff), rl(4, 0x04), wl(4, 0x04, 0x00000020), rl(4, 0x04),
        wl(4, 0x04, 0x40000000), rl(4, 0x04)]
    if msix:
        t["legacy-msix"] = ["msix on"] + read_legacy_header(True) + [
            rl(4, 0x14), rl(1, 0x15), rl(4, 0x18),
            wl(2, 0x14, 1), rl(2, 0x14), wl(2, 0x14, 0x100), rl(2, 0x14), wl(2, 0x14, 2),
            wl(2, 0x0e, 1), wl(2, 0x16, 0), rl(2, 0x16), wl(2, 0x0e, 0), rl(2, 0x16), wl(2, 0x16, 3), rl(2, 0x16),
            wl(4, 0x14, 0x00010001), rl(2, 0x14), rl(2, 0x16),
            "msix off", rl(4, 0x14), rl(2, 0x16), "msix on", rl(2, 0x14), rl(2, 0x16),
            wl(1, 0x12, 0), rl(2, 0x14), rl(2, 0x16)]
        t["legacy-msix-device-config"] = ["msix on"] + device_config_reads(lambda size, offset: rl(size, 0x18 + offset))
    return t


def mixed_traces():
    """Both interfaces of a transitional device share one device state."""
    return {"mixed": [
        # modern driver features show (negotiated) in the legacy guest features
        wc(4, 0x08, 0), wc(4, 0x0c, 0xffffffff), rl(4, 0x04), wc(4, 0x08, 1), wc(4, 0x0c, 1), rl(4, 0x04),
        # legacy guest features do not show in the modern driver_feature words
        wl(4, 0x04, 0x10000000), wc(4, 0x08, 0), rc(4, 0x0c), rl(4, 0x04),
        # queue size and select are shared, a modern ring address shows as the legacy PFN
        wc(2, 0x16, 1), rl(2, 0x0e), rl(2, 0x0c), wc(2, 0x18, 32), rl(2, 0x0c), wl(2, 0x0e, 2), rc(2, 0x16),
        wc(2, 0x16, 0), wc(4, 0x20, 0x5000), wc(4, 0x24, 0), wc(2, 0x1c, 1), wl(2, 0x0e, 0), rl(4, 0x08),
        wl(4, 0x08, 0x300), rl(4, 0x08), rc(8, 0x20),
        # status is shared
        wl(1, 0x12, 3), rc(1, 0x14), wc(1, 0x14, 7), rl(1, 0x12), wl(1, 0x12, 0), rc(1, 0x14), rc(2, 0x1c)]}


def iommu_traces():
    return {"access-platform": [
        wc(4, 0x00, 1), rc(4, 0x04),
        # VERSION_1 without ACCESS_PLATFORM: FEATURES_OK is refused and the status write dropped
        wc(1, 0x14, 1), wc(1, 0x14, 3), wc(4, 0x08, 1), wc(4, 0x0c, 1), wc(1, 0x14, 0x0b), rc(1, 0x14),
        wc(4, 0x0c, 3), wc(1, 0x14, 0x0b), rc(1, 0x14), wc(1, 0x14, 0), rc(1, 0x14),
        # refused while the status is 0: the status stays 0, which resets the device (the queue size goes)
        wc(4, 0x0c, 1), wc(2, 0x18, 100), rc(2, 0x18), wc(1, 0x14, 0x08), rc(1, 0x14), rc(2, 0x18),
        # after that reset nothing is negotiated: FEATURES_OK is not checked
        wc(1, 0x14, 0x08), rc(1, 0x14)]}


class Recorder:
    def __init__(self, device, extra_args):
        argv = qemu.base_command(MACHINE) + list(extra_args) + ["-device", "%s,id=%s,addr=%d.0" % (device, qemu.DUT_ID, SLOT)]
        self.q = Qtest(argv)
        self.bdf = (0, SLOT, 0)
        self.q.cfg_write32(self.bdf, 0x10, BAR0_BASE)
        self.q.cfg_write32(self.bdf, 0x20, BAR4_BASE | 0xc)
        self.q.cfg_write32(self.bdf, 0x24, 0)
        self.q.cfg_write16(self.bdf, 0x04, 0x0007)
        self.msix = self._find_capability(0x11)

    def _find_capability(self, cap_id):
        pointer = self.q.cfg_read32(self.bdf, [0x34])[0] & 0xfc
        while pointer:
            header = self.q.cfg_read32(self.bdf, [pointer])[0]
            if header & 0xff == cap_id:
                return pointer
            pointer = (header >> 8) & 0xfc
        return None

    def run(self, steps):
        out = []
        for step in steps:
            if isinstance(step, str):
                control = self.q.cfg_read16(self.bdf, self.msix + 2)
                self.q.cfg_write16(self.bdf, self.msix + 2, control | 0x8000 if step == "msix on" else control & 0x7fff)
                out.append(step)
                continue
            kind, size, bar, offset = step[:4]
            address = (BAR4_BASE if bar == 4 else BAR0_BASE) + offset
            where = "bar%d+0x%04x" % (bar, offset)
            if kind == "w":
                value = step[4] & ((1 << (8 * size)) - 1)
                command = ("out" if bar == 0 else "write") + {1: "b", 2: "w", 4: "l", 8: "q"}[size]
                self.q.run(["%s 0x%x 0x%x" % (command, address, value)])
                out.append("w%d %s 0x%0*x" % (size, where, 2 * size, value))
            else:
                command = ("in" if bar == 0 else "read") + {1: "b", 2: "w", 4: "l", 8: "q"}[size]
                value = int(self.q.run(["%s 0x%x" % (command, address)])[0], 16)
                out.append("r%d %s = 0x%0*x" % (size, where, 2 * size, value))
        return out

    def close(self):
        return self.q.close()


def record(name):
    device, extra_args, interfaces, msix = CONFIGS[name]
    traces = {}
    if "modern" in interfaces:
        traces.update(modern_traces(msix))
    if "legacy" in interfaces:
        traces.update(legacy_traces(msix))
    if interfaces == "modern legacy":
        traces.update(mixed_traces())
    if "iommu_platform=on" in device:
        traces.update(iommu_traces())
    result = {}
    for trace, steps in traces.items():
        recorder = Recorder(device, extra_args)
        try:
            result[trace] = recorder.run(steps)
        finally:
            recorder.close()
        print("%s: %s (%d steps)" % (name, trace, len(steps)), file=sys.stderr)
    return {"qemu": qemu.qemu_version(), "machine": MACHINE, "device": device, "extra_args": extra_args,
            "traces": result}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="output directory")
    ap.add_argument("--configs", help="comma-separated subset of: " + ", ".join(CONFIGS))
    args = ap.parse_args()
    names = args.configs.split(",") if args.configs else list(CONFIGS)
    os.makedirs(args.out, exist_ok=True)
    for name in names:
        data = record(name)
        with open(os.path.join(args.out, name + ".json"), "w", encoding="utf-8", newline="\n") as f:
            json.dump(data, f, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()
