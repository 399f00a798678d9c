"""qemuref: record reference behaviour of QEMU PCI devices.

Modules
  qemu      locating the binary, listing machine types, building command lines
  process   a QEMU child process with a line protocol on stdio and a watchdog
  qtest     qtest client: port I/O and physical memory access (config space)
  qmp       QMP client: qom-list / qom-get / device-list-properties
  pcidecode pure decoder for a raw PCI/PCIe configuration space image
  cfgspace  one config-space recording: dump, BAR sizing, write probe
  catalog   the devices and option variants that are recorded
  datafile  assembling the per-device JSON data file
  virtio    reading a virtio-pci device's modern/legacy interfaces (record_virtio.py)

Only the Python 3 standard library is used.
"""
