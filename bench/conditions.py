"""The conditions a figure was measured under, printed beside it.

A ratio of ours against bare hides our own cost when the disk is slow (a 5 ms fsync makes any
Python work look small) and every absolute time is inflated on a loaded machine. So each bench
prints the disk's measured fsync cost (in the folder the bench writes to) and the machine's
load average with its core count, and a reader can tell a quiet run from a noisy one.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

FSYNCS = 30


class FsyncProbe:
    """A 4 KiB page rewritten and fsync-ed in a file of the folder under test: what a commit
    with synchronous=FULL pays at least once. Kept open so that one sample can be taken between
    two measured operations (interleaved, like ours and bare)."""

    def __init__(self, folder: Path | None = None) -> None:
        self._tmp = tempfile.TemporaryDirectory(dir=folder, prefix="fsync-")
        self._fd = os.open(Path(self._tmp.name) / "probe", os.O_CREAT | os.O_WRONLY, 0o600)
        self._page = b"\0" * 4096
        self._n = 0
        self.samples: list[float] = []
        self.sample()  # the file's first fsync also writes its inode: not a steady cost

    def sample(self) -> float:
        self._n += 1
        os.pwrite(self._fd, self._page, (self._n % 8) * 4096)
        start = time.perf_counter()
        os.fsync(self._fd)
        seconds = time.perf_counter() - start
        if self._n > 1:
            self.samples.append(seconds)
        return seconds

    def median_ms(self) -> float:
        return statistics.median(self.samples) * 1000

    def close(self) -> None:
        os.close(self._fd)
        self._tmp.cleanup()


def fsync_ms(folder: Path | None = None, runs: int = FSYNCS) -> float:
    """Median cost of one page write plus fsync in `folder`, in milliseconds."""
    probe = FsyncProbe(folder)
    try:
        for _ in range(runs):
            probe.sample()
        return probe.median_ms()
    finally:
        probe.close()


def load() -> str:
    """The 1-minute load average against the cores that carry it."""
    one, _, _ = os.getloadavg()
    return f"load {one:.1f} on {os.cpu_count()} cores"


def line(folder: Path | None = None) -> str:
    """One line for a bench's output: fsync cost and machine load, right now."""
    where = f" in {folder}" if folder else ""
    return f"  conditions: fsync {fsync_ms(folder):.2f} ms{where}, {load()}"
