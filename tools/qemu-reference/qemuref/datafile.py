"""Assemble the per-device data file from individual recordings.

Format (identical to the shared reference data, see README.md):

    { device, qemu, machine_aliases,
      variants: { NAME: { options, behind_root_port, smp } },
      cfgspace: { ID: { config_bytes, ext_config_bytes?, ext_config_fill?, header,
                        capabilities, ext_capabilities, chain, bar_sizing,
                        rom_sizing, write_probe } },
      machines: { MACHINE: { VARIANT: RUN } },
      backend_type?, device_list_properties, backend_device_list_properties?,
      device_list_properties_differs_on, recorder }

    RUN("default") = { cfg, props, backend_props?, stderr?, ecam_matches_pio?,
                       pciexbar_at_reset? }
    RUN(other)     = { cfg, props_diff, backend_props_diff?, ... }
    refused        = { cfg_error, props_error, stderr }

ID is the first 12 hex digits of the SHA-1 of the config-space object
serialised with json.dumps(obj, sort_keys=True): identical content gives
the same ID in every file.  Properties are [type, value], or
[type, null, error] when qom-get failed; in a diff a property missing from
the variant is [type, "<absent>"].  ``recorder`` is an addition of this tool.
"""
import hashlib
import json

CFG_KEYS = ("config_bytes", "ext_config_bytes", "ext_config_fill", "header",
            "capabilities", "ext_capabilities", "chain", "bar_sizing", "rom_sizing",
            "write_probe")
ABSENT = "<absent>"


def cfg_id(blob):
    return hashlib.sha1(json.dumps(blob, sort_keys=True).encode()).hexdigest()[:12]


def compact_props(props):
    return {name: [e["type"], e["value"]] if "value" in e else [e["type"], None, e.get("error")]
            for name, e in props.items()}


def diff_props(base, current):
    d = {k: v for k, v in current.items() if base.get(k) != v}
    d.update({k: [v[0], ABSENT] for k, v in base.items() if k not in current})
    return d


def apply_diff(base, diff):
    """Inverse of diff_props (used by compare.py)."""
    full = dict(base)
    for k, v in diff.items():
        if len(v) == 2 and v[1] == ABSENT:
            full.pop(k, None)
        else:
            full[k] = v
    return full


class DeviceFile:
    def __init__(self, device, qemu_version, aliases, recorder):
        self.device = device
        self.out = {"device": device.name, "qemu": qemu_version, "machine_aliases": aliases,
                    "variants": {n: v.as_json() for n, v in device.variants.items()},
                    "cfgspace": {}, "machines": {}}
        self.recorder = recorder
        self._dlp = None
        self._dlp_differs = []

    def add_machine(self, machine, results):
        """``results``: {variant: (cfg_result, props_result)} for one machine,
        in any order; runs are stored in catalog order."""
        runs = {}
        base = base_backend = None
        for vname in self.device.variants:
            if vname not in results:
                continue
            c, p = results[vname]
            run = {}
            if c.get("ok"):
                blob = {k: c[k] for k in CFG_KEYS if k in c}
                cid = cfg_id(blob)
                self.out["cfgspace"].setdefault(cid, blob)
                run["cfg"] = cid
                for k in ("ecam_matches_pio", "pciexbar_at_reset"):
                    if k in c:
                        run[k] = c[k]
                if not c.get("bar_sizing_restored_ok", True):
                    run["bar_sizing_restored_ok"] = False
            else:
                run["cfg_error"] = c.get("error")
                run["stderr"] = c.get("stderr")
            if p.get("ok"):
                props = compact_props(p["props"])
                bprops = compact_props(p["backend_props"]) if "backend_props" in p else None
                if vname == "default" or base is None:
                    if vname == "default":
                        base, base_backend = props, bprops
                    run["props"] = props
                    if bprops is not None:
                        run["backend_props"] = bprops
                else:
                    run["props_diff"] = diff_props(base, props)
                    if bprops is not None and base_backend is not None:
                        run["backend_props_diff"] = diff_props(base_backend, bprops)
                if "backend_type" in p:
                    self.out["backend_type"] = p["backend_type"]
                self._class_props(machine, p)
            else:
                run["props_error"] = p.get("error")
                run.setdefault("stderr", p.get("stderr"))
            stderr = (p.get("stderr") or c.get("stderr") or "").strip()
            if stderr and "stderr" not in run:
                run["stderr"] = stderr
            runs[vname] = run
        self.out["machines"][machine] = runs

    def _class_props(self, machine, p):
        dlp = p.get("device_list_properties")
        if dlp is None:
            return
        if self._dlp is None:
            self._dlp = dlp
            self.out["device_list_properties"] = dlp
            if "backend_device_list_properties" in p:
                self.out["backend_device_list_properties"] = p["backend_device_list_properties"]
        elif dlp != self._dlp:
            self._dlp_differs.append(machine)

    def finish(self):
        self.out["device_list_properties_differs_on"] = self._dlp_differs
        self.out["recorder"] = self.recorder
        return self.out
