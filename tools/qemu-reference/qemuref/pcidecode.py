"""Decode a raw PCI / PCI Express configuration space image.

    decode(cfg, ext=None) -> {"header", "capabilities", "ext_capabilities"}
    chain_summary(decoded) -> "0x98:MSIX(12) -> 0x84:VNDR/PCI_CFG(20) -> ..."

``cfg`` is the 256-byte conventional space, ``ext`` (optional) the 3840 bytes
from 0x100 to 0xfff.  Pure functions, no QEMU involved.

The field names and value formats are part of the data file format shared with
the C# reader (numbers that are register contents are hex strings "0x..",
counts and sizes are integers).  Do not rename fields; adding is fine, but any
change for a device kind alters the content-hash ids of its config spaces.
"""
import struct

CAPABILITY_NAMES = {
    0x01: "PM", 0x02: "AGP", 0x03: "VPD", 0x04: "SLOTID", 0x05: "MSI",
    0x06: "CHSWP", 0x07: "PCIX", 0x08: "HT", 0x09: "VNDR", 0x0a: "DBG",
    0x0b: "CCRC", 0x0c: "SHPC", 0x0d: "SSVID", 0x0e: "AGP3", 0x0f: "SECDEV",
    0x10: "EXP", 0x11: "MSIX", 0x12: "SATA", 0x13: "AF", 0x14: "EA",
}
EXT_CAPABILITY_NAMES = {
    0x01: "AER", 0x02: "VC", 0x03: "DSN", 0x04: "PWR", 0x0b: "VNDR",
    0x0d: "ACS", 0x0e: "ARI", 0x0f: "ATS", 0x10: "SRIOV", 0x13: "PRI",
    0x15: "REBAR", 0x17: "TPH", 0x18: "LTR", 0x19: "SECPCI", 0x1b: "PASID",
    0x1e: "L1SS", 0x23: "DOE",
}
VIRTIO_CFG_TYPE_NAMES = {
    1: "COMMON_CFG", 2: "NOTIFY_CFG", 3: "ISR_CFG", 4: "DEVICE_CFG",
    5: "PCI_CFG", 8: "SHARED_MEMORY_CFG", 9: "VENDOR_CFG",
}
PCIE_PORT_TYPE_NAMES = {
    0: "endpoint", 1: "legacy_endpoint", 4: "root_port", 5: "upstream_port",
    6: "downstream_port", 7: "pci_pcie_bridge", 8: "pcie_pci_bridge",
    9: "rc_integrated_endpoint", 10: "rc_event_collector",
}
VENDOR_VIRTIO = 0x1af4
VENDOR_REDHAT = 0x1b36


def _u16(b, o):
    return struct.unpack_from("<H", b, o)[0]


def _u32(b, o):
    return struct.unpack_from("<I", b, o)[0]


def _u64(b, o):
    return struct.unpack_from("<Q", b, o)[0]


def _hex(value, digits=0):
    return "0x%0*x" % (digits, value)


# -- standard capabilities (0x34 chain) --------------------------------------

def _cap_pm(cfg, off, vendor):
    pmc = _u16(cfg, off + 2)
    return {"length": 8, "pmc": _hex(pmc, 4), "version": pmc & 7,
            "pmcsr": _hex(_u16(cfg, off + 4), 4)}


def _cap_msi(cfg, off, vendor):
    ctl = _u16(cfg, off + 2)
    addr64, maskable = bool(ctl & 0x80), bool(ctl & 0x100)
    return {"control": _hex(ctl, 4), "enabled": bool(ctl & 1),
            "multiple_message_capable": 1 << ((ctl >> 1) & 7),
            "addr64": addr64, "per_vector_mask": maskable,
            "length": (14 if addr64 else 10) + (10 if maskable else 0)}


def _cap_vendor(cfg, off, vendor):
    length = cfg[off + 2]
    d = {"length": length}
    if vendor == VENDOR_VIRTIO and length >= 16:
        # struct virtio_pci_cap (virtio 1.x, 4.1.4)
        cfg_type = cfg[off + 3]
        d.update(virtio=True, cfg_type=cfg_type,
                 cfg_type_name=VIRTIO_CFG_TYPE_NAMES.get(cfg_type, "?"),
                 bar=cfg[off + 4], cap_id_byte=cfg[off + 5],
                 region_offset=_hex(_u32(cfg, off + 8)),
                 region_length=_hex(_u32(cfg, off + 12)))
        if cfg_type == 2 and length >= 20:
            d["notify_off_multiplier"] = _u32(cfg, off + 16)
        if cfg_type == 5 and length >= 20:
            d["pci_cfg_data"] = _hex(_u32(cfg, off + 16), 8)
        if cfg_type == 8 and length >= 24:
            d["offset_hi"] = _hex(_u32(cfg, off + 16))
            d["length_hi"] = _hex(_u32(cfg, off + 20))
    elif vendor == VENDOR_REDHAT and length >= 32 and cfg[off + 3] == 1:
        # QEMU's PCIBridgeQemuCap, type REDHAT_PCI_CAP_RESOURCE_RESERVE
        d.update(redhat_cap="RESOURCE_RESERVE", bus_res=_hex(_u32(cfg, off + 4)),
                 io=_hex(_u64(cfg, off + 8)), mem=_hex(_u32(cfg, off + 16)),
                 mem_pref_32=_hex(_u32(cfg, off + 20)),
                 mem_pref_64=_hex(_u64(cfg, off + 24)))
    return d


def _cap_ssvid(cfg, off, vendor):
    return {"length": 8, "ssvid": _hex(_u16(cfg, off + 4), 4),
            "ssid": _hex(_u16(cfg, off + 6), 4)}


def _cap_pcie(cfg, off, vendor):
    flags = _u16(cfg, off + 2)
    version, port_type = flags & 0xf, (flags >> 4) & 0xf
    devcap, lnkcap = _u32(cfg, off + 4), _u32(cfg, off + 0x0c)
    d = {"length": 0x3c if version >= 2 else 0x14, "pcie_cap_version": version,
         "port_type": port_type, "port_type_name": PCIE_PORT_TYPE_NAMES.get(port_type, "?"),
         "slot_implemented": bool(flags & 0x100),
         "interrupt_message_number": (flags >> 9) & 0x1f,
         "devcap": _hex(devcap, 8), "max_payload": 128 << (devcap & 7),
         "flr": bool(devcap & (1 << 28)),
         "devctl": _hex(_u16(cfg, off + 8), 4), "devsta": _hex(_u16(cfg, off + 0x0a), 4),
         "lnkcap": _hex(lnkcap, 8), "link_max_speed": lnkcap & 0xf,
         "link_max_width": (lnkcap >> 4) & 0x3f,
         "lnkctl": _hex(_u16(cfg, off + 0x10), 4), "lnksta": _hex(_u16(cfg, off + 0x12), 4)}
    if flags & 0x100 or port_type in (4, 6):
        d["sltcap"] = _hex(_u32(cfg, off + 0x14), 8)
        d["sltctl"] = _hex(_u16(cfg, off + 0x18), 4)
        d["sltsta"] = _hex(_u16(cfg, off + 0x1a), 4)
    if port_type in (4, 10):
        d["rootctl"] = _hex(_u16(cfg, off + 0x1c), 4)
    if version >= 2:
        d["devcap2"] = _hex(_u32(cfg, off + 0x24), 8)
        d["devctl2"] = _hex(_u16(cfg, off + 0x28), 4)
        d["lnkcap2"] = _hex(_u32(cfg, off + 0x2c), 8)
        d["lnkctl2"] = _hex(_u16(cfg, off + 0x30), 4)
    return d


def _cap_msix(cfg, off, vendor):
    ctl, table, pba = _u16(cfg, off + 2), _u32(cfg, off + 4), _u32(cfg, off + 8)
    return {"length": 12, "control": _hex(ctl, 4), "table_size": (ctl & 0x7ff) + 1,
            "enabled": bool(ctl & 0x8000), "function_mask": bool(ctl & 0x4000),
            "table_bir": table & 7, "table_offset": _hex(table & ~7),
            "pba_bir": pba & 7, "pba_offset": _hex(pba & ~7)}


_CAPABILITY_DECODERS = {
    0x01: _cap_pm, 0x05: _cap_msi, 0x09: _cap_vendor, 0x0d: _cap_ssvid,
    0x10: _cap_pcie, 0x11: _cap_msix,
    0x12: lambda cfg, off, vendor: {"length": 8},   # SATA
    0x13: lambda cfg, off, vendor: {"length": 6},   # advanced features
}


# -- extended capabilities (0x100 chain) -------------------------------------

def _ext_aer(full, off, version):
    return {"length": 0x48 if version >= 2 else 0x38,
            "uncor_mask": _hex(_u32(full, off + 8), 8),
            "uncor_sever": _hex(_u32(full, off + 0x0c), 8),
            "cor_mask": _hex(_u32(full, off + 0x14), 8),
            "aer_cap_ctl": _hex(_u32(full, off + 0x18), 8)}


_EXT_CAPABILITY_DECODERS = {
    0x01: _ext_aer,
    0x03: lambda full, off, v: {"length": 0x0c,
                                "serial": _hex(_u32(full, off + 8) | _u32(full, off + 12) << 32,
                                               16)},
    0x0d: lambda full, off, v: {"length": 8, "acs_cap": _hex(_u16(full, off + 4), 4),
                                "acs_ctl": _hex(_u16(full, off + 6), 4)},
    0x0e: lambda full, off, v: {"length": 8, "ari_cap": _hex(_u16(full, off + 4), 4)},
    0x0f: lambda full, off, v: {"length": 8, "ats_cap": _hex(_u16(full, off + 4), 4),
                                "ats_ctl": _hex(_u16(full, off + 6), 4)},
    0x10: lambda full, off, v: {"length": 0x40},
}


# -- header ------------------------------------------------------------------

def _header(cfg):
    vendor, status, htype = _u16(cfg, 0), _u16(cfg, 6), cfg[0x0e]
    hdr = {"vendor_id": _hex(vendor, 4), "device_id": _hex(_u16(cfg, 2), 4),
           "command": _hex(_u16(cfg, 4), 4), "status": _hex(status, 4),
           "revision": _hex(cfg[8], 2),
           "class_code": _hex(cfg[0x0b] << 16 | cfg[0x0a] << 8 | cfg[9], 6),
           "header_type": _hex(htype, 2), "multifunction": bool(htype & 0x80),
           "cap_ptr": _hex(cfg[0x34], 2), "interrupt_line": _hex(cfg[0x3c], 2),
           "interrupt_pin": cfg[0x3d]}
    layout = htype & 0x7f
    if layout == 0:
        hdr.update(bars_raw=[_hex(_u32(cfg, 0x10 + 4 * i), 8) for i in range(6)],
                   subsystem_vendor_id=_hex(_u16(cfg, 0x2c), 4),
                   subsystem_id=_hex(_u16(cfg, 0x2e), 4),
                   rom_raw=_hex(_u32(cfg, 0x30), 8), min_gnt=cfg[0x3e], max_lat=cfg[0x3f])
    elif layout == 1:
        hdr.update(bars_raw=[_hex(_u32(cfg, 0x10 + 4 * i), 8) for i in range(2)],
                   primary_bus=cfg[0x18], secondary_bus=cfg[0x19],
                   subordinate_bus=cfg[0x1a], secondary_latency_timer=cfg[0x1b],
                   io_base_limit=_hex(_u16(cfg, 0x1c), 4),
                   secondary_status=_hex(_u16(cfg, 0x1e), 4),
                   mem_base_limit=_hex(_u32(cfg, 0x20), 8),
                   pref_base_limit=_hex(_u32(cfg, 0x24), 8),
                   pref_base_upper32=_hex(_u32(cfg, 0x28), 8),
                   pref_limit_upper32=_hex(_u32(cfg, 0x2c), 8),
                   io_base_limit_upper16=_hex(_u32(cfg, 0x30), 8),
                   rom_raw=_hex(_u32(cfg, 0x38), 8),
                   bridge_control=_hex(_u16(cfg, 0x3e), 4))
    return hdr


def decode(cfg, ext=None):
    """Decode header, capability list and (if ``ext`` is given) the extended
    capability list.  Loops and out-of-range pointers end a list."""
    cfg = bytes(cfg)
    vendor, status = _u16(cfg, 0), _u16(cfg, 6)
    caps = []
    if status & 0x10:                                    # capabilities list
        ptr, seen = cfg[0x34] & 0xfc, set()
        while ptr and ptr not in seen and ptr + 2 <= len(cfg):
            seen.add(ptr)
            cap_id, nxt = cfg[ptr], cfg[ptr + 1]
            entry = {"offset": _hex(ptr, 2), "id": _hex(cap_id, 2),
                     "name": CAPABILITY_NAMES.get(cap_id, "?"), "next": _hex(nxt, 2)}
            dec = _CAPABILITY_DECODERS.get(cap_id)
            if dec:
                entry.update(dec(cfg, ptr, vendor))
            caps.append(entry)
            ptr = nxt & 0xfc
    ext_caps = []
    if ext is not None and len(ext) >= 4:
        full = cfg[:256] + bytes(ext) + bytes(8)
        off, seen = 0x100, set()
        while off >= 0x100 and off not in seen and off + 4 <= 0x1000:
            seen.add(off)
            word = _u32(full, off)
            if word in (0, 0xffffffff):
                break
            cap_id, version, nxt = word & 0xffff, (word >> 16) & 0xf, (word >> 20) & 0xffc
            entry = {"offset": _hex(off, 3), "id": _hex(cap_id, 4),
                     "name": EXT_CAPABILITY_NAMES.get(cap_id, "?"), "version": version,
                     "next": _hex(nxt, 3)}
            dec = _EXT_CAPABILITY_DECODERS.get(cap_id)
            if dec:
                entry.update(dec(full, off, version))
            ext_caps.append(entry)
            off = nxt
    return {"header": _header(cfg), "capabilities": caps, "ext_capabilities": ext_caps}


def chain_summary(decoded):
    """One line: each capability as offset:NAME[/subtype](length), in list order."""
    parts = []
    for c in decoded["capabilities"]:
        name = c["name"]
        if c.get("virtio"):
            name += "/" + c["cfg_type_name"]
        elif c.get("redhat_cap"):
            name += "/" + c["redhat_cap"]
        parts.append("%s:%s(%s)" % (c["offset"], name, c.get("length", "?")))
    for c in decoded["ext_capabilities"]:
        parts.append("%s:%s(%s)" % (c["offset"], c["name"], c.get("length", "?")))
    return " -> ".join(parts)
