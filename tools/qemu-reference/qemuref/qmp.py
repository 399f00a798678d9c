"""Minimal QMP client (``-qmp stdio``) for reading effective device properties.

``qom-get`` returns the value a property has on the realized device, i.e. after
the machine type's compat properties (hw_compat_X_Y / pc_compat_X_Y), the
-device options and realize() (which resolves ``auto`` values such as
virtio-blk ``num-queues`` or virtio-pci ``disable-legacy``) have been applied.
``device-list-properties`` only gives class defaults and is not machine-aware.
"""
import json

from .process import QemuExited, QemuProcess


class QmpError(RuntimeError):
    pass


class Qmp(QemuProcess):
    def __init__(self, argv, timeout=60):
        super().__init__(argv + ["-qmp", "stdio"], timeout)
        self._id = 0

    def _message(self):
        while True:
            line = self.readline().strip()
            if line:
                return json.loads(line)

    def connect(self):
        greeting = self._message()
        if "QMP" not in greeting:
            raise QmpError("unexpected greeting %r" % greeting)
        r = self.execute([("qmp_capabilities", None)])[0]
        if "error" in r:
            raise QmpError(r["error"].get("desc"))

    def execute(self, commands):
        """Pipeline ``[(command, arguments or None), ...]``; return the reply
        objects (with "return" or "error") in order.  Events are dropped."""
        ids, lines = [], []
        for name, args in commands:
            self._id += 1
            msg = {"execute": name, "id": self._id}
            if args is not None:
                msg["arguments"] = args
            ids.append(self._id)
            lines.append(json.dumps(msg))
        self.send(lines)
        replies = {}
        while len(replies) < len(ids):
            m = self._message()
            if "event" not in m:
                replies[m.get("id")] = m
        return [replies[i] for i in ids]

    def quit(self):
        """Ask QEMU to quit and return its stderr."""
        try:
            self.execute([("quit", None)])
        except (QemuExited, OSError):
            pass
        return self.close(terminate=False)

    # -- property access ---------------------------------------------------
    def qom_properties(self, path):
        """{name: {"type", "value"} or {"type", "error"}} for every property of
        the object at ``path`` (sorted by name); raises QmpError if there is
        no such object."""
        r = self.execute([("qom-list", {"path": path})])[0]
        if "error" in r:
            raise QmpError(r["error"].get("desc"))
        plist = r["return"]
        gets = self.execute([("qom-get", {"path": path, "property": p["name"]})
                             for p in plist])
        out = {}
        for p, g in zip(plist, gets):
            entry = {"type": p["type"]}
            if "return" in g:
                entry["value"] = g["return"]
            else:
                entry["error"] = g["error"].get("desc")
            out[p["name"]] = entry
        return dict(sorted(out.items()))

    def class_properties(self, typename):
        """``device-list-properties``: {name: {type, default?, description?}}."""
        r = self.execute([("device-list-properties", {"typename": typename})])[0]
        if "error" in r:
            return {"error": r["error"].get("desc")}
        out = {}
        for p in r["return"]:
            entry = {"type": p.get("type")}
            if "default-value" in p:
                entry["default"] = p["default-value"]
            if "description" in p:
                entry["description"] = p["description"]
            out[p["name"]] = entry
        return dict(sorted(out.items()))


def record_properties(argv, dut_path, with_class_props=False, timeout=60):
    """Start QEMU with QMP and read the DUT's properties.

    Returns {"ok": True, "props", "backend_type"?, "backend_props"?,
    "device_list_properties"?, "backend_device_list_properties"?, "stderr"} or
    {"ok": False, "error", "stderr"} when QEMU refused the command line."""
    q = Qmp(argv, timeout)
    res = {}
    try:
        q.connect()
    except (QemuExited, QmpError) as e:
        return {"ok": False, "error": str(e), "stderr": q.close(terminate=False)}
    try:
        props = q.qom_properties(dut_path)
        res["props"] = props
        if "virtio-backend" in props:
            t = props["virtio-backend"]["type"]
            res["backend_type"] = t[len("child<"):-1] if t.startswith("child<") else t
            res["backend_props"] = q.qom_properties(dut_path + "/virtio-backend")
        if with_class_props:
            typename = props["type"]["value"]
            res["device_list_properties"] = q.class_properties(typename)
            if "backend_type" in res:
                res["backend_device_list_properties"] = q.class_properties(res["backend_type"])
        res["ok"] = True
    except (QemuExited, QmpError) as e:
        res = {"ok": False, "error": str(e)}
    res["stderr"] = q.quit()
    return res
