"""Minimal qtest client (QEMU's test protocol, ``-qtest stdio``).

Commands are text lines (``outl 0xcf8 0x80001800``, ``inl 0xcfc``,
``readl 0xb0018000``, ``writel ADDR VAL``); every command is answered by one
``OK [value]`` line, or ``FAIL ...``/``ERR ...``.  Asynchronous ``IRQ ...``
lines may interleave and are skipped.  Commands are pipelined: a whole batch is
written first and the answers are then collected in order.

PCI configuration space is reached two ways:
* port I/O mechanism #1: CONFIG_ADDRESS at 0xcf8, CONFIG_DATA at 0xcfc
  (256 bytes per function, both chipsets);
* ECAM (q35 only): the 4 KiB space of bus B dev D fn F at base + B<<20 | D<<15 | F<<12.
"""
from .process import QemuExited, QemuProcess


class QtestError(RuntimeError):
    pass


def config_address(bus, dev, fn, reg):
    return 0x80000000 | bus << 16 | dev << 11 | fn << 8 | (reg & 0xfc)


class Qtest(QemuProcess):
    def __init__(self, argv, timeout=60):
        super().__init__(argv + ["-qtest", "stdio", "-qtest-log", "none"], timeout)

    def run(self, commands):
        """Send ``commands`` and return the payload after ``OK`` for each."""
        commands = list(commands)
        self.send(commands)
        answers = []
        while len(answers) < len(commands):
            line = self.readline().strip()
            if line.startswith("IRQ"):
                continue
            if not line.startswith("OK"):
                raise QtestError("qtest: %r -> %r" % (commands[len(answers)], line))
            answers.append(line[2:].strip())
        return answers

    # -- port-I/O configuration access -----------------------------------
    def cfg_read32(self, bdf, regs):
        """Read dwords at the (dword-aligned) offsets ``regs`` of ``bdf``."""
        bus, dev, fn = bdf
        cmds = []
        for r in regs:
            cmds += ["outl 0xcf8 0x%x" % config_address(bus, dev, fn, r), "inl 0xcfc"]
        ans = self.run(cmds)
        return [int(ans[i], 16) for i in range(1, len(ans), 2)]

    def cfg_write32(self, bdf, reg, value):
        bus, dev, fn = bdf
        self.run(["outl 0xcf8 0x%x" % config_address(bus, dev, fn, reg),
                  "outl 0xcfc 0x%x" % value])

    def cfg_read16(self, bdf, reg):
        bus, dev, fn = bdf
        ans = self.run(["outl 0xcf8 0x%x" % config_address(bus, dev, fn, reg),
                        "inw 0x%x" % (0xcfc + (reg & 2))])
        return int(ans[1], 16)

    def cfg_write16(self, bdf, reg, value):
        bus, dev, fn = bdf
        self.run(["outl 0xcf8 0x%x" % config_address(bus, dev, fn, reg),
                  "outw 0x%x 0x%x" % (0xcfc + (reg & 2), value)])

    # -- memory access (ECAM) --------------------------------------------
    def readl(self, addrs):
        return [int(a, 16) for a in self.run("readl 0x%x" % a for a in addrs)]

    def writel(self, addr, value):
        self.run(["writel 0x%x 0x%x" % (addr, value)])


__all__ = ["Qtest", "QtestError", "QemuExited", "config_address"]
