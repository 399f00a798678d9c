"""Read the guest-visible virtio ABI of virtio-pci devices through qtest.

What a driver sees before it touches the device (QEMU started with ``-S``,
nothing has run):

* **modern** interface (virtio 1.x, when the COMMON_CFG vendor capability
  exists): the 64-bit device feature word (``device_feature_select`` = 0 and 1,
  ``device_feature``), ``num_queues``, ``queue_size`` of every queue below
  ``num_queues`` (``queue_select`` = q), and the DEVICE_CFG region, read
  byte by byte.
* **legacy** interface (virtio 0.9.5, when BAR0 is an I/O BAR): the 32-bit host
  features at BAR0+0x00, ``queue_num`` (BAR0+0x0c) for ``queue_sel``
  (BAR0+0x0e) = 0, 1, 2, ... up to the first queue of size 0, and the device
  config at BAR0+0x14 (MSI-X is disabled at reset, so the config follows the
  20-byte common header), byte by byte up to the end of BAR0.

Nothing is hard-coded about the layout: the capability list is walked
(vendor capabilities, id 0x09, ``struct virtio_pci_cap``: cfg_type at +3, bar
at +4, offset at +8, length at +12), the BARs the capabilities name (and BAR0
when it is an I/O BAR) are sized and given addresses in free ranges, and I/O
and memory decoding are enabled.  Behind a root port the port's bus numbers,
I/O, memory and prefetchable windows and its command register are programmed
first, as firmware would.

Device config length
--------------------
QEMU answers every config byte at or beyond the device's ``config_len`` with
0xff (``virtio_config_readb`` / ``virtio_config_modern_readb`` in
hw/virtio/virtio.c: ``if (addr + sizeof(val) > vdev->config_len) return -1``),
but a real field can hold 0xff too (virtio-net ``speed`` = -1 and ``duplex`` =
0xff, "unknown"), so the probe alone is ambiguous.  ``config_len`` is therefore
computed with QEMU 7.2's own rule for each device (``CONFIG_LEN_RULES``, below)
and cross-checked against the probe: every byte at or beyond it must read
0xff, on the modern and on the legacy interface, else VirtioReadError.

The rules take the backend's host feature set (``vdev->host_features``, as
QMP ``x-query-virtio-status`` decodes it; for the size-relevant bits it is
checked against the feature words read through the modern and legacy
interfaces, so the rule runs on the recorded features).  The full set is
needed for legacy-only devices, whose 32-bit feature word cannot show the
high bits (virtio-net SPEED_DUPLEX 63, RSS 60) that still size the config.

QEMU 7.2 sources (tag v7.2.0):

=================== ===================================================== =====================================
device              config_len                                            source
=================== ===================================================== =====================================
virtio-net          max(endof(mac)=6, each entry whose feature is set:    hw/net/virtio-net.c ``feature_sizes``,
                    STATUS->8, MQ->10, MTU->12, SPEED_DUPLEX->17,         ``cfg_size_params``,
                    RSS|HASH_REPORT->24); MAC is always added             ``virtio_net_set_config_size``;
                                                                          hw/virtio/virtio.c
                                                                          ``virtio_get_config_size``
virtio-blk          max(offsetof(max_discard_sectors)=36, DISCARD->48,    hw/block/virtio-blk-common.c
                    WRITE_ZEROES->57)                                     ``feature_sizes``,
                                                                          ``virtio_blk_cfg_size_params``
virtio-balloon      16 (sizeof) if backend ``qemu-4-0-config-size`` or    hw/virtio/virtio-balloon.c
                    PAGE_POISON; 12 (offsetof(poison_val)) if             ``virtio_balloon_config_size``
                    FREE_PAGE_HINT; else 8 (offsetof(free_page_hint_cmd_id))
virtio-serial       12 (sizeof virtio_console_config) with EMERG_WRITE,   hw/char/virtio-serial-bus.c
                    else 8 (offsetof(emerg_wr))                           ``virtio_serial_device_realize``
virtio-scsi         36 (sizeof VirtIOSCSIConfig)                          hw/scsi/virtio-scsi.c
                                                                          ``virtio_scsi_common_realize``
virtio-gpu          16 (sizeof struct virtio_gpu_config)                  hw/display/virtio-gpu-base.c
                                                                          ``virtio_gpu_base_device_realize``
virtio-rng          0                                                     hw/virtio/virtio-rng.c
                                                                          ``virtio_rng_device_realize``
virtio-input        8 + the largest payload of the device's config        hw/input/virtio-input.c
(keyboard, mouse,   entries (``cfg_size``); the entries are enumerated    ``virtio_input_device_realize``
tablet)             as a driver does: write select/subsel, read size      (and ``virtio_input_find_config``)
=================== ===================================================== =====================================

For virtio-net the rule in QEMU runs on ``n->host_features`` *before*
``virtio_net_get_features`` drops the offloads a missing peer cannot do.  Of
the size-relevant bits only HASH_REPORT is dropped that way (no vnet header),
so the rule also reads the backend's ``hash`` property (qom-get): with
``hash=on`` and no peer the config is 24 bytes although no feature word shows
HASH_REPORT or RSS.
"""
import json
import os
import socket
import tempfile
import time

CAP_VNDR = 0x09
COMMON_CFG, NOTIFY_CFG, ISR_CFG, DEVICE_CFG, PCI_CFG = 1, 2, 3, 4, 5
VIRTIO_VENDOR = 0x1af4
QUEUE_MAX = 1024          # VIRTQUEUE_MAX_SIZE / VIRTIO_QUEUE_MAX in QEMU

# Common configuration (struct virtio_pci_common_cfg) offsets used here.
CC_DFSELECT, CC_DF, CC_NUMQ, CC_QSELECT, CC_QSIZE = 0x00, 0x04, 0x12, 0x16, 0x18
# Legacy header (BAR0) offsets.
LEG_HOST_FEATURES, LEG_QUEUE_NUM, LEG_QUEUE_SEL, LEG_CONFIG = 0x00, 0x0c, 0x0e, 0x14

# Address ranges the harness gives BARs (free on pc and q35 with -m 128, CPU
# stopped: below the IOAPIC at 0xfec00000, above the q35 ECAM default
# 0xb0000000+256 MiB, which the harness leaves disabled anyway).
IO_RANGE = (0xc000, 0x10000)
MEM_RANGE = (0xe0000000, 0xf0000000)
PREF_RANGE = (0xf0000000, 0xfec00000)

# Feature bits the config-length rules use: QMP name -> (bit).
RULE_FEATURES = {
    "VIRTIO_NET_F_MAC": 5, "VIRTIO_NET_F_STATUS": 16, "VIRTIO_NET_F_MQ": 22,
    "VIRTIO_NET_F_MTU": 3, "VIRTIO_NET_F_SPEED_DUPLEX": 63, "VIRTIO_NET_F_RSS": 60,
    "VIRTIO_NET_F_HASH_REPORT": 57,
    "VIRTIO_BLK_F_DISCARD": 13, "VIRTIO_BLK_F_WRITE_ZEROES": 14,
    "VIRTIO_BALLOON_F_FREE_PAGE_HINT": 3, "VIRTIO_BALLOON_F_PAGE_POISON": 4,
    "VIRTIO_CONSOLE_F_EMERG_WRITE": 2,
}


RULE_FEATURE_NAMES = {
    "virtio-net": [n for n in RULE_FEATURES if n.startswith("VIRTIO_NET_")],
    "virtio-blk": ["VIRTIO_BLK_F_DISCARD", "VIRTIO_BLK_F_WRITE_ZEROES"],
    "virtio-balloon": ["VIRTIO_BALLOON_F_FREE_PAGE_HINT", "VIRTIO_BALLOON_F_PAGE_POISON"],
    "virtio-serial": ["VIRTIO_CONSOLE_F_EMERG_WRITE"],
}


class VirtioReadError(RuntimeError):
    pass


# -- config-length rules (QEMU 7.2, see the table in the module docstring) ----

def _net_len(f, ctx):
    # QEMU sizes the config from n->host_features before virtio_net_get_features
    # drops HASH_REPORT for a peer without vnet headers (no -netdev here), so
    # the backend's "hash" property stands in for the dropped bit.
    if ctx["backend_props"]["hash"]:
        f = set(f) | {"VIRTIO_NET_F_HASH_REPORT"}
    size = 6                                            # endof(mac); MAC always added
    for names, end in ((("VIRTIO_NET_F_MAC",), 6), (("VIRTIO_NET_F_STATUS",), 8),
                       (("VIRTIO_NET_F_MQ",), 10), (("VIRTIO_NET_F_MTU",), 12),
                       (("VIRTIO_NET_F_SPEED_DUPLEX",), 17),
                       (("VIRTIO_NET_F_RSS", "VIRTIO_NET_F_HASH_REPORT"), 24)):
        if any(n in f for n in names):
            size = max(size, end)
    return size


def _blk_len(f, ctx):
    size = 36                                           # offsetof(max_discard_sectors)
    if "VIRTIO_BLK_F_DISCARD" in f:
        size = max(size, 48)                            # endof(discard_sector_alignment)
    if "VIRTIO_BLK_F_WRITE_ZEROES" in f:
        size = max(size, 57)                            # endof(write_zeroes_may_unmap)
    return size


def _balloon_len(f, ctx):
    if ctx["backend_props"]["qemu-4-0-config-size"] or "VIRTIO_BALLOON_F_PAGE_POISON" in f:
        return 16
    if "VIRTIO_BALLOON_F_FREE_PAGE_HINT" in f:
        return 12
    return 8


def _serial_len(f, ctx):
    return 12 if "VIRTIO_CONSOLE_F_EMERG_WRITE" in f else 8


def _input_len(f, ctx):
    return 8 + max(ctx["input_entry_sizes"].values() or [0])


# name (x-query-virtio-status "name") -> (rule, backend properties it needs)
CONFIG_LEN_RULES = {
    "virtio-net": (_net_len, ("hash",)),
    "virtio-blk": (_blk_len, ()),
    "virtio-balloon": (_balloon_len, ("qemu-4-0-config-size",)),
    "virtio-serial": (_serial_len, ()),
    "virtio-scsi": (lambda f, ctx: 36, ()),
    "virtio-gpu": (lambda f, ctx: 16, ()),
    "virtio-rng": (lambda f, ctx: 0, ()),
    "virtio-input": (_input_len, ()),
}

# virtio-input config selectors (include/standard-headers/linux/virtio_input.h)
# and the subsel values a driver enumerates for each.
INPUT_SELECTS = ([(s, 0) for s in (0x01, 0x02, 0x03, 0x10)]   # ID_NAME, ID_SERIAL, ID_DEVIDS, PROP_BITS
                 + [(0x11, t) for t in range(0x20)]            # EV_BITS per event type (EV_MAX 0x1f)
                 + [(0x12, a) for a in range(0x40)])           # ABS_INFO per axis (ABS_MAX 0x3f)


# -- QMP over a unix socket (qtest owns stdio) ---------------------------------

class QmpSocket:
    """QMP client on the ``-qmp unix:PATH,server=on,wait=off`` socket."""

    def __init__(self, path, timeout=30):
        deadline = time.time() + timeout
        while True:
            try:
                self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                self.sock.settimeout(timeout)
                self.sock.connect(path)
                break
            except OSError:
                self.sock.close()
                if time.time() > deadline:
                    raise
                time.sleep(0.01)
        self.f = self.sock.makefile("rw")
        self._msg()
        self.execute("qmp_capabilities")

    def _msg(self):
        while True:
            line = self.f.readline()
            if not line:
                raise VirtioReadError("QMP socket closed")
            m = json.loads(line)
            if "event" not in m:
                return m

    def execute(self, cmd, **args):
        self.f.write(json.dumps({"execute": cmd, "arguments": args}) + "\n")
        self.f.flush()
        r = self._msg()
        if "error" in r:
            raise VirtioReadError("QMP %s %r: %s" % (cmd, args, r["error"].get("desc")))
        return r["return"]

    def close(self):
        try:
            self.f.close()
            self.sock.close()
        except OSError:
            pass


def qmp_socket_args():
    """(extra QEMU args, socket path, temp dir)."""
    d = tempfile.mkdtemp(prefix="vrec-")
    path = os.path.join(d, "qmp.sock")
    return ["-qmp", "unix:%s,server=on,wait=off" % path], path, d


def backend_status(qmp, dev_id, props=()):
    """(name, host feature names, {prop: value}) of /machine/peripheral/ID/virtio-backend."""
    path = "/machine/peripheral/%s/virtio-backend" % dev_id
    st = qmp.execute("x-query-virtio-status", path=path)
    hf = st["host-features"]
    names = set()
    for key in ("transports", "dev-features"):
        for entry in hf.get(key, []):
            names.add(entry.split(":", 1)[0].strip())
    if hf.get("unknown-dev-features"):
        names.add("unknown:0x%x" % hf["unknown-dev-features"])
    values = {p: qmp.execute("qom-get", path=path, property=p) for p in props}
    return st["name"], names, values


# -- PCI helpers ---------------------------------------------------------------

def read_cfg(q, bdf):
    return b"".join(d.to_bytes(4, "little") for d in q.cfg_read32(bdf, range(0, 256, 4)))


def virtio_caps(cfg):
    """{cfg_type: {"at", "bar", "offset", "length"}} of the first vendor
    capability of each virtio cfg_type, walking the list from 0x34."""
    caps, ptr, seen = {}, cfg[0x34] & 0xfc, set()
    if not cfg[0x06] & 0x10:
        return caps
    while ptr and ptr not in seen:
        seen.add(ptr)
        if cfg[ptr] == CAP_VNDR and cfg[ptr + 2] >= 16:
            t = cfg[ptr + 3]
            caps.setdefault(t, {"at": ptr, "bar": cfg[ptr + 4],
                                "offset": int.from_bytes(cfg[ptr + 8:ptr + 12], "little"),
                                "length": int.from_bytes(cfg[ptr + 12:ptr + 16], "little")})
        ptr = cfg[ptr + 1] & 0xfc
    return caps


def size_bar(q, bdf, index):
    """(kind, size, prefetchable) of BAR ``index`` ("io", "mem32", "mem64"), or
    None when unimplemented.  The BAR is left holding 0 (unassigned)."""
    reg = 0x10 + 4 * index
    q.cfg_write32(bdf, reg, 0xffffffff)
    probe = q.cfg_read32(bdf, [reg])[0]
    q.cfg_write32(bdf, reg, 0)
    if probe == 0:
        return None
    if probe & 1:
        return "io", (~(probe & 0xfffffffc) + 1) & 0xffff, False
    if (probe >> 1) & 3 == 2:
        q.cfg_write32(bdf, reg + 4, 0xffffffff)
        high = q.cfg_read32(bdf, [reg + 4])[0]
        q.cfg_write32(bdf, reg + 4, 0)
        return "mem64", (~(high << 32 | (probe & 0xfffffff0)) + 1) & 0xffffffffffffffff, \
            bool(probe & 8)
    return "mem32", (~(probe & 0xfffffff0) + 1) & 0xffffffff, bool(probe & 8)


class Cursor:
    def __init__(self, name, lo, hi):
        self.name, self.pos, self.hi = name, lo, hi

    def align(self, a):
        self.pos = (self.pos + a - 1) & ~(a - 1)

    def take(self, size):
        self.align(size)
        base = self.pos
        self.pos += size
        if self.pos > self.hi:
            raise VirtioReadError("out of %s space for a BAR of 0x%x" % (self.name, size))
        return base


class Allocator:
    def __init__(self):
        self.io = Cursor("I/O", *IO_RANGE)
        self.mem = Cursor("memory", *MEM_RANGE)
        self.pref = Cursor("prefetchable memory", *PREF_RANGE)

    def cursor(self, kind, pref):
        return self.io if kind == "io" else (self.pref if pref else self.mem)


class Dut:
    """One device under test: its location and what was found."""

    def __init__(self, bdf, qom_id, root_port=None):
        self.bdf, self.qom_id, self.root_port = bdf, qom_id, root_port
        self.cfg = self.caps = None
        self.bars = {}            # index -> (kind, size, pref, base)


def probe_dut(q, dut):
    cfg = read_cfg(q, dut.bdf)
    vendor = int.from_bytes(cfg[0:2], "little")
    if vendor != VIRTIO_VENDOR:
        raise VirtioReadError("no virtio function at %02x:%02x.%x (vendor 0x%04x)"
                              % (dut.bdf + (vendor,)))
    dut.cfg, dut.caps = cfg, virtio_caps(cfg)
    wanted = set()
    for t in (COMMON_CFG, DEVICE_CFG):
        if t in dut.caps:
            wanted.add(dut.caps[t]["bar"])
    bar0 = size_bar(q, dut.bdf, 0)
    sizes = {0: bar0} if bar0 else {}
    for i in sorted(wanted - {0}):
        sizes[i] = size_bar(q, dut.bdf, i)
        if sizes[i] is None:
            raise VirtioReadError("capability names BAR%d, which is not implemented" % i)
    if 0 in wanted and bar0 is None:
        raise VirtioReadError("capability names BAR0, which is not implemented")
    if bar0 and bar0[0] != "io" and 0 not in wanted:
        del sizes[0]
    return sizes


def assign(q, dut, sizes, alloc):
    """Give each BAR in ``sizes`` an address; returns (io span, mem span, pref span)
    as (lo, hi) pairs or None."""
    spans = {"io": None, "mem": None, "pref": None}
    # Largest first keeps the windows small.
    for i, (kind, size, pref) in sorted(sizes.items(), key=lambda kv: -kv[1][1]):
        cur = alloc.cursor(kind, pref)
        base = cur.take(max(size, 4 if kind == "io" else 16))
        reg = 0x10 + 4 * i
        q.cfg_write32(dut.bdf, reg, base | (1 if kind == "io" else 0))
        if kind == "mem64":
            q.cfg_write32(dut.bdf, reg + 4, base >> 32)
        dut.bars[i] = (kind, size, pref, base)
        key = "io" if kind == "io" else ("pref" if pref else "mem")
        lo, hi = spans[key] or (base, base + size)
        spans[key] = (min(lo, base), max(hi, base + size))
    cmd = q.cfg_read32(dut.bdf, [0x04])[0] & 0xffff
    q.cfg_write16(dut.bdf, 0x04, cmd | 0x3)             # I/O + memory decoding
    return spans


def program_root_port(q, rp_bdf, secondary, alloc, program_children):
    """Bus numbers 0/secondary/secondary, then the DUT(s) below get addresses
    (``program_children()``), then the port's windows cover them."""
    q.cfg_write32(rp_bdf, 0x18, secondary << 16 | secondary << 8)
    alloc.io.align(0x1000)
    alloc.mem.align(0x100000)
    alloc.pref.align(0x100000)
    io0, mem0, pref0 = alloc.io.pos, alloc.mem.pos, alloc.pref.pos
    program_children()
    alloc.io.align(0x1000)
    alloc.mem.align(0x100000)
    alloc.pref.align(0x100000)
    io1, mem1, pref1 = alloc.io.pos, alloc.mem.pos, alloc.pref.pos
    # I/O base/limit (16-bit decode): base > limit disables the window.
    if io1 > io0:
        io_reg = ((io1 - 1) >> 8 & 0xf0) << 8 | (io0 >> 8 & 0xf0)
    else:
        io_reg = 0x00f0
    old = q.cfg_read32(rp_bdf, [0x1c])[0]
    q.cfg_write32(rp_bdf, 0x1c, (old & 0xffff0000) | io_reg)
    q.cfg_write32(rp_bdf, 0x30, 0)                      # I/O upper 16 bits
    if mem1 > mem0:
        q.cfg_write32(rp_bdf, 0x20, ((mem1 - 1) >> 16 & 0xfff0) << 16 | (mem0 >> 16 & 0xfff0))
    else:
        q.cfg_write32(rp_bdf, 0x20, 0x0000fff0)
    if pref1 > pref0:
        q.cfg_write32(rp_bdf, 0x24, ((pref1 - 1) >> 16 & 0xfff0) << 16 | (pref0 >> 16 & 0xfff0))
    else:
        q.cfg_write32(rp_bdf, 0x24, 0x0000fff0)
    q.cfg_write32(rp_bdf, 0x28, 0)
    q.cfg_write32(rp_bdf, 0x2c, 0)
    cmd = q.cfg_read32(rp_bdf, [0x04])[0] & 0xffff
    q.cfg_write16(rp_bdf, 0x04, cmd | 0x3)


# -- reading the two interfaces ------------------------------------------------

def _ints(answers):
    return [int(a, 16) for a in answers]


def read_modern(q, dut):
    cc, dc = dut.caps[COMMON_CFG], dut.caps.get(DEVICE_CFG)
    common = dut.bars[cc["bar"]][3] + cc["offset"]
    a = q.run(["writel 0x%x 0x0" % (common + CC_DFSELECT), "readl 0x%x" % (common + CC_DF),
               "writel 0x%x 0x1" % (common + CC_DFSELECT), "readl 0x%x" % (common + CC_DF),
               "writel 0x%x 0x0" % (common + CC_DFSELECT), "readw 0x%x" % (common + CC_NUMQ)])
    features = int(a[3], 16) << 32 | int(a[1], 16)
    numq = int(a[5], 16)
    sizes = []
    if numq:
        cmds = []
        for i in range(numq):
            cmds += ["writew 0x%x 0x%x" % (common + CC_QSELECT, i),
                     "readw 0x%x" % (common + CC_QSIZE)]
        sizes = _ints(q.run(cmds)[1::2])
        q.run(["writew 0x%x 0x0" % (common + CC_QSELECT)])
    raw = b""
    if dc:
        base = dut.bars[dc["bar"]][3] + dc["offset"]
        raw = bytes(_ints(q.run("readb 0x%x" % (base + i) for i in range(dc["length"]))))
    return {"features": features, "num_queues": numq, "queue_sizes": sizes, "raw": raw}


def read_legacy(q, dut):
    kind, size, _, io = dut.bars[0]
    features = int(q.run(["inl 0x%x" % (io + LEG_HOST_FEATURES)])[0], 16)
    sizes, qi, done = [], 0, False
    while not done and qi < QUEUE_MAX:
        cmds = []
        for i in range(qi, min(qi + 16, QUEUE_MAX)):
            cmds += ["outw 0x%x 0x%x" % (io + LEG_QUEUE_SEL, i), "inw 0x%x" % (io + LEG_QUEUE_NUM)]
        for n in _ints(q.run(cmds)[1::2]):
            qi += 1
            if n == 0:
                done = True
                break
            sizes.append(n)
    q.run(["outw 0x%x 0x0" % (io + LEG_QUEUE_SEL)])
    raw = bytes(_ints(q.run("inb 0x%x" % (io + i) for i in range(LEG_CONFIG, size))))
    return {"features": features, "queue_sizes": sizes, "raw": raw}


def input_entry_sizes(q, dut):
    """{(select, subsel): size} for the virtio-input config entries, read the way
    a driver does (write select and subsel, read size), through the modern
    device config; select/subsel are written back to 0 afterwards."""
    dc = dut.caps[DEVICE_CFG]
    base = dut.bars[dc["bar"]][3] + dc["offset"]
    cmds = []
    for sel, sub in INPUT_SELECTS:
        cmds += ["writeb 0x%x 0x%x" % (base, sel), "writeb 0x%x 0x%x" % (base + 1, sub),
                 "readb 0x%x" % (base + 2)]
    sizes = _ints(q.run(cmds)[2::3])
    q.run(["writeb 0x%x 0x0" % base, "writeb 0x%x 0x0" % (base + 1)])
    return {k: s for k, s in zip(INPUT_SELECTS, sizes) if s}


def read_dut(q, qmp, dut):
    """Read one DUT whose BARs are assigned.  Returns the ABI object (without
    "driver"), plus the raw probes for the summary."""
    name, feats, props = backend_status(qmp, dut.qom_id, ())
    if name not in CONFIG_LEN_RULES:
        raise VirtioReadError("no config-length rule for backend %r" % name)
    rule, need = CONFIG_LEN_RULES[name]
    if need:
        props = backend_status(qmp, dut.qom_id, need)[2]
    modern = read_modern(q, dut) if COMMON_CFG in dut.caps else None
    legacy = read_legacy(q, dut) if 0 in dut.bars and dut.bars[0][0] == "io" else None
    # The rule's feature bits, as QMP reports them, must agree with what the
    # guest read (modern: 64 bits; legacy: the low 32).
    for fname in RULE_FEATURE_NAMES.get(name, ()):
        bit = RULE_FEATURES[fname]
        has = fname in feats
        if modern is not None and bool(modern["features"] >> bit & 1) != has:
            raise VirtioReadError("%s: modern device_features bit %d = %d, but QMP host "
                                  "features %s it" % (fname, bit, modern["features"] >> bit & 1,
                                                      "have" if has else "lack"))
        if legacy is not None and bit < 32 and bool(legacy["features"] >> bit & 1) != has:
            raise VirtioReadError("%s: legacy host_features bit %d = %d, but QMP host "
                                  "features %s it" % (fname, bit, legacy["features"] >> bit & 1,
                                                      "have" if has else "lack"))
    ctx = {"backend_props": props}
    if name == "virtio-input":
        if modern is None or DEVICE_CFG not in dut.caps:
            raise VirtioReadError("virtio-input without a modern device config")
        ctx["input_entry_sizes"] = input_entry_sizes(q, dut)
    length = rule(feats, ctx)
    out = {"modern": None, "legacy": None}
    for which, r in (("modern", modern), ("legacy", legacy)):
        if r is None:
            continue
        raw = r["raw"]
        if length > len(raw):
            raise VirtioReadError("%s config_len %d exceeds the %d bytes readable"
                                  % (which, length, len(raw)))
        tail = raw[length:]
        if tail.strip(b"\xff"):
            bad = next(i for i, b in enumerate(tail) if b != 0xff) + length
            raise VirtioReadError("%s config: config_len rule gives %d, but byte %d reads 0x%02x "
                                  "(not 0xff); probe %s" % (which, length, bad, raw[bad],
                                                            raw[:max(length, bad) + 8].hex()))
        if which == "modern":
            out["modern"] = {"device_features": "0x%016x" % r["features"],
                             "num_queues": r["num_queues"], "queue_sizes": r["queue_sizes"],
                             "config": raw[:length].hex()}
        else:
            out["legacy"] = {"host_features": "0x%08x" % r["features"],
                             "queue_sizes": r["queue_sizes"], "config": raw[:length].hex()}
    if out["modern"] is None and out["legacy"] is None:
        raise VirtioReadError("neither a COMMON_CFG capability nor an I/O BAR0")
    return out, {"config_len": length, "backend": name,
                 "probe_len": {k: len(r["raw"]) for k, r in (("modern", modern), ("legacy", legacy))
                               if r is not None}}
