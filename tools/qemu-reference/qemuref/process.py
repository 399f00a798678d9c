"""A QEMU child process spoken to line by line over stdin/stdout.

stderr goes to an anonymous temporary file (so a chatty QEMU can never block
on a full pipe) and is returned, stripped, by close().  A watchdog kills QEMU
if a recording takes longer than ``timeout`` seconds, which turns any hang
into a "qemu exited" error instead of a stuck recorder.
"""
import subprocess
import tempfile
import threading


class QemuExited(RuntimeError):
    """QEMU closed its stdout: it refused the configuration or died."""

    def __init__(self):
        super().__init__("qemu exited")


class QemuProcess:
    def __init__(self, argv, timeout=60):
        self.argv = argv
        self._stderr = tempfile.TemporaryFile(mode="w+")
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=self._stderr, text=True, bufsize=1)
        self._watchdog = threading.Timer(timeout, self.proc.kill)
        self._watchdog.daemon = True
        self._watchdog.start()

    def send(self, lines):
        try:
            self.proc.stdin.write("".join(line + "\n" for line in lines))
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError):
            raise QemuExited()

    def readline(self):
        line = self.proc.stdout.readline()
        if not line:
            raise QemuExited()
        return line.rstrip("\n")

    def close(self, terminate=True, grace=10):
        """Stop QEMU (SIGTERM unless it is expected to exit by itself) and
        return its stderr."""
        if terminate and self.proc.poll() is None:
            self.proc.terminate()
        try:
            self.proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._watchdog.cancel()
        for f in (self.proc.stdin, self.proc.stdout):
            try:
                f.close()
            except OSError:
                pass
        self._stderr.seek(0)
        err = self._stderr.read()
        self._stderr.close()
        return err.strip()
