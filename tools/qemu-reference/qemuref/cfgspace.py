"""Record one device's configuration space from a freshly started QEMU.

Sequence (one QEMU process, ``-qtest stdio``):

1. rp: variants only - program the root port 00:04.0 bus numbers
   (primary 0, secondary 1, subordinate 1), as firmware would, so that type-1
   configuration cycles reach the DUT at 01:00.0.
2. Dump 256 bytes through port I/O (0xcf8/0xcfc).  **This dump is the
   recorded state**; everything below happens after it.
3. q35 only: QEMU resets the MCH PCIEXBAR (00:00.0 offset 0x60) to
   0xb0000000 with the enable bit clear (SeaBIOS would set it).  The harness
   writes 0xb0000001 (enable, 256 buses) and reads the 4 KiB space through
   ECAM with ``readl``; the first 256 bytes must equal the port-I/O dump.
4. BAR sizing: write all-ones, read back, restore (64-bit BARs: both halves);
   expansion ROM: write 0xfffffffe (size without enabling).
5. Write probe: write a pattern to a control register, read back, restore.
   read_back shows QEMU's guest-writable bits (its wmask) for that register.
6. Re-read the 256 bytes: they must equal the dump (bar_sizing_restored_ok).
"""
from . import pcidecode
from .qemu import ROOT_PORT_SLOT, device_command, is_q35
from .qtest import QemuExited, Qtest, QtestError

ECAM_BASE = 0xb0000000
PCIEXBAR = 0x60
HOST_BRIDGE = (0, 0, 0)


def _bytes(dwords):
    return b"".join(d.to_bytes(4, "little") for d in dwords)


# -- BAR sizing ----------------------------------------------------------------

def _size_register(q, bdf, reg, pattern=0xffffffff):
    orig = q.cfg_read32(bdf, [reg])[0]
    q.cfg_write32(bdf, reg, pattern)
    probe = q.cfg_read32(bdf, [reg])[0]
    q.cfg_write32(bdf, reg, orig)
    return probe


def size_bars(q, bdf, header_type):
    """Return (bar_sizing list, rom_sizing dict)."""
    layout = header_type & 0x7f
    count = {0: 6, 1: 2}.get(layout, 0)
    rom_reg = 0x38 if layout == 1 else 0x30
    bars, i = [], 0
    while i < count:
        reg = 0x10 + 4 * i
        probe = _size_register(q, bdf, reg)
        entry = {"index": i, "reg": "0x%02x" % reg}
        if probe == 0:
            entry["implemented"] = False
            bars.append(entry)
            i += 1
            continue
        if probe & 1:                                        # I/O BAR
            entry.update(implemented=True, kind="io",
                         size=(~(probe & 0xfffffffc) + 1) & 0xffff)
            i += 1
        else:
            mem_type, prefetch = (probe >> 1) & 3, bool(probe & 8)
            mask = probe & 0xfffffff0
            if mem_type == 2 and i + 1 < count:              # 64-bit: uses two slots
                high = _size_register(q, bdf, reg + 4)
                entry.update(implemented=True, kind="mem64", prefetchable=prefetch,
                             size=(~(high << 32 | mask) + 1) & 0xffffffffffffffff)
                i += 2
            else:
                entry.update(implemented=True, kind="mem32", prefetchable=prefetch,
                             size=(~mask + 1) & 0xffffffff)
                i += 1
        entry["size_hex"] = hex(entry["size"])
        bars.append(entry)
    probe = _size_register(q, bdf, rom_reg, 0xfffffffe)
    rom = {"reg": "0x%02x" % rom_reg, "implemented": bool(probe & 0xfffff800)}
    if rom["implemented"]:
        rom["size"] = (~(probe & 0xfffff800) + 1) & 0xffffffff
        rom["size_hex"] = hex(rom["size"])
    return bars, rom


# -- write probe ---------------------------------------------------------------

def probe_list(decoded, ecam):
    """The registers to probe, as (name, offset, width, pattern).

    All devices: command; MSI/MSI-X message control; PM control/status
    (0x7fff: PME_Status is write-1-to-clear and left alone); PCIe DevCtl
    (0x7fff: bit 15 would start a function-level reset), LnkCtl, SltCtl and
    RootCtl where the capability has them, DevCtl2/LnkCtl2 (v2 capability);
    with ECAM and a PCIe capability the extended header at 0x100.
    Type-1 headers (bridges/ports) additionally: bus numbers, the I/O,
    memory and prefetchable windows, bridge control and, with ECAM, the AER
    mask/severity/control/root-command and ACS control registers."""
    probes = [("command", 0x04, 16, 0xffff)]
    for c in decoded["capabilities"]:
        off, at = int(c["offset"], 16), c["offset"]
        if c["name"] in ("MSI", "MSIX"):
            probes.append(("%s_control@%s" % (c["name"].lower(), at), off + 2, 16, 0xffff))
        elif c["name"] == "PM":
            probes.append(("pm_ctrl@%s" % at, off + 4, 16, 0x7fff))
        elif c["name"] == "EXP":
            probes.append(("pcie_devctl@%s" % at, off + 0x08, 16, 0x7fff))
            probes.append(("pcie_lnkctl@%s" % at, off + 0x10, 16, 0xffff))
            if "sltctl" in c:
                probes.append(("pcie_sltctl@%s" % at, off + 0x18, 16, 0xffff))
            if "rootctl" in c:
                probes.append(("pcie_rootctl@%s" % at, off + 0x1c, 16, 0xffff))
            if c.get("pcie_cap_version", 0) >= 2:
                probes.append(("pcie_devctl2@%s" % at, off + 0x28, 16, 0xffff))
                probes.append(("pcie_lnkctl2@%s" % at, off + 0x30, 16, 0xffff))
    is_bridge = int(decoded["header"]["header_type"], 16) & 0x7f == 1
    if is_bridge:
        probes += [("bus_numbers", 0x18, 32, 0xffffffff),
                   ("io_base_limit", 0x1c, 16, 0xffff),
                   ("mem_base_limit", 0x20, 32, 0xffffffff),
                   ("pref_base_limit", 0x24, 32, 0xffffffff),
                   ("pref_base_upper32", 0x28, 32, 0xffffffff),
                   ("pref_limit_upper32", 0x2c, 32, 0xffffffff),
                   ("io_base_limit_upper16", 0x30, 32, 0xffffffff),
                   ("bridge_control", 0x3e, 16, 0xffff)]
    if ecam and any(c["name"] == "EXP" for c in decoded["capabilities"]):
        probes.append(("ext_header@0x100", 0x100, 32, 0xffffffff))
        if is_bridge:
            for c in decoded["ext_capabilities"]:
                off, at = int(c["offset"], 16), c["offset"]
                if c["name"] == "AER":
                    probes += [("aer_uncor_mask@%s" % at, off + 0x08, 32, 0xffffffff),
                               ("aer_uncor_sever@%s" % at, off + 0x0c, 32, 0xffffffff),
                               ("aer_cor_mask@%s" % at, off + 0x14, 32, 0xffffffff),
                               ("aer_cap_ctl@%s" % at, off + 0x18, 32, 0xffffffff),
                               ("aer_root_cmd@%s" % at, off + 0x2c, 32, 0xffffffff)]
                elif c["name"] == "ACS":
                    probes.append(("acs_ctl@%s" % at, off + 0x06, 16, 0xffff))
    return probes


class _Access:
    """Config access of one function: port I/O below 0x100, ECAM above."""

    def __init__(self, q, bdf, ecam_base):
        self.q, self.bdf, self.ecam_base = q, bdf, ecam_base

    def read(self, reg, width):
        if reg < 0x100:
            if width == 16:
                return self.q.cfg_read16(self.bdf, reg)
            return self.q.cfg_read32(self.bdf, [reg])[0]
        op = "readw" if width == 16 else "readl"
        return int(self.q.run(["%s 0x%x" % (op, self.ecam_base + reg)])[0], 16)

    def write(self, reg, width, value):
        if reg < 0x100:
            if width == 16:
                self.q.cfg_write16(self.bdf, reg, value)
            else:
                self.q.cfg_write32(self.bdf, reg, value)
            return
        op = "writew" if width == 16 else "writel"
        self.q.run(["%s 0x%x 0x%x" % (op, self.ecam_base + reg, value)])


def write_probe(q, bdf, decoded, ecam_base=None):
    acc = _Access(q, bdf, ecam_base)
    out = {}
    for name, reg, width, pattern in probe_list(decoded, ecam_base is not None):
        digits = width // 4
        orig = acc.read(reg, width)
        acc.write(reg, width, pattern)
        back = acc.read(reg, width)
        acc.write(reg, width, orig)
        out[name] = {"offset": "0x%02x" % reg, "width": width,
                     "original": "0x%0*x" % (digits, orig),
                     "wrote": "0x%0*x" % (digits, pattern),
                     "read_back": "0x%0*x" % (digits, back)}
    return out


# -- one recording -------------------------------------------------------------

def record(machine, device, variant, timeout=60):
    """Record the DUT's config space.  Returns a dict with "ok" and either the
    data-file fields (config_bytes, ..., write_probe) plus run-level extras, or
    "error"; always "stderr" and "cmdline"."""
    argv, (bus, slot) = device_command(machine, device, variant)
    bdf = (bus, slot, 0)
    res = {"cmdline": " ".join(argv + ["-qtest", "stdio", "-qtest-log", "none"]),
           "bdf": "%02x:%02x.0" % (bus, slot), "harness_writes": []}
    q = Qtest(argv, timeout)
    try:
        if variant.behind_root_port:
            q.cfg_write32((0, ROOT_PORT_SLOT, 0), 0x18, 0x00010100)
            res["harness_writes"].append("00:%02x.0 cfg[0x18] = 0x00010100 (bus numbers 0/1/1)"
                                         % ROOT_PORT_SLOT)
        cfg = _bytes(q.cfg_read32(bdf, range(0, 256, 4)))
        if cfg[:4] == b"\xff\xff\xff\xff":
            res.update(ok=False, error="no device at %s" % res["bdf"], stderr=q.close())
            return res
        ext = ecam_dev = None
        if is_q35(machine):
            lo, hi = q.cfg_read32(HOST_BRIDGE, [PCIEXBAR, PCIEXBAR + 4])
            res["pciexbar_at_reset"] = "0x%08x%08x" % (hi, lo)
            if lo & 1:
                base = lo & 0xf0000000
            else:
                q.cfg_write32(HOST_BRIDGE, PCIEXBAR + 4, 0)
                q.cfg_write32(HOST_BRIDGE, PCIEXBAR, ECAM_BASE | 1)
                res["harness_writes"].append("00:00.0 cfg[0x60] = 0x%08x (PCIEXBAR enable, 256MB)"
                                             % (ECAM_BASE | 1))
                base = ECAM_BASE
            ecam_dev = base | bus << 20 | slot << 15
            full = _bytes(q.readl(ecam_dev + o for o in range(0, 0x1000, 4)))
            res["ecam_matches_pio"] = full[:256] == cfg
            ext = full[256:]
        decoded = pcidecode.decode(cfg, ext)
        res["config_bytes"] = cfg.hex()
        if ext is not None:
            # Lossless compaction: bytes from 0x100 up to the final run of one
            # repeated byte value, which is given as ext_config_fill ("00" for
            # PCIe functions, "ff" for conventional ones: config_size 256).
            fill = ext[-1]
            res["ext_config_bytes"] = ext.rstrip(bytes([fill])).hex()
            res["ext_config_fill"] = "%02x" % fill
        res.update(decoded)
        res["chain"] = pcidecode.chain_summary(decoded)
        res["bar_sizing"], res["rom_sizing"] = size_bars(q, bdf, cfg[0x0e])
        res["write_probe"] = write_probe(q, bdf, decoded, ecam_dev)
        res["bar_sizing_restored_ok"] = _bytes(q.cfg_read32(bdf, range(0, 256, 4))) == cfg
        res["ok"] = True
    except (QemuExited, QtestError) as e:
        res.update(ok=False, error=str(e))
    res["stderr"] = q.close()
    return res
