"""Run the real command in a child process and measure it: exit code, output, seconds, memory.

Hostile-input tests hold every run to the same bounds (exit 0 or 1, no traceback, under 5 s of
CPU and 500 MB); the child reports its own peak resident memory, so the figure is the command's
alone. Time is bounded in CPU seconds of the child and the processes it waited for, which a busy
machine does not inflate the way it inflates wall time; wall time is only held to a generous bound
that catches a command which blocks without working.
"""

from __future__ import annotations

import re
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

SECONDS = 5.0
HANG_SECONDS = 60.0
MEGABYTES = 500.0
_PEAK = re.compile(r"\n?#peak-rss-kib (\d+)\n?$")
_CHILD = """
import atexit, resource, sys
def _peak():
    # VmHWM is this program's own peak; ru_maxrss may keep the forking parent's size
    try:
        with open("/proc/self/status") as status:
            kib = next(int(l.split()[1]) for l in status if l.startswith("VmHWM:"))
    except (OSError, StopIteration):
        kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    sys.stderr.write("\\n#peak-rss-kib %d\\n" % kib)
    sys.stderr.flush()
atexit.register(_peak)
from evidence_claims.cli import main
sys.argv[0] = "evidence-claims"
main(sys.argv[1:])
"""


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    megabytes: float
    cpu_seconds: float

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    def bounded(self) -> None:
        """The bounds every hostile input is held to."""
        assert self.returncode in (0, 1), self.output[-2000:]
        assert "Traceback" not in self.output, self.output[-2000:]
        assert "internal error" not in self.output, self.output[-2000:]
        assert self.cpu_seconds < SECONDS, f"{self.cpu_seconds:.1f} s of CPU"
        assert self.seconds < HANG_SECONDS, f"{self.seconds:.1f} s of wall time"
        assert self.megabytes < MEGABYTES, f"{self.megabytes:.0f} MB"


def run(*args: str, cwd: Path, timeout: float = 60, stdin: str | None = None) -> Run:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, *args],
        cwd=cwd,
        capture_output=True,
        timeout=timeout,
        input=(stdin or "").encode(),
    )
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    stdout = result.stdout.decode("utf-8", "replace")
    stderr = result.stderr.decode("utf-8", "replace")
    match = _PEAK.search(stderr)
    peak = int(match.group(1)) / 1024 if match else 0.0
    if match:
        stderr = stderr[: match.start()]
    return Run(result.returncode, stdout, stderr, seconds, peak, cpu)


def output_lines(text: str) -> list[str]:
    """Every line as a terminal or a CI log splits it (CR, LF and the Unicode breaks)."""
    return re.split(r"\r\n|[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]", text)
