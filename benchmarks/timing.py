"""The median of repeated timings, shared by the benchmark scripts (run from this folder)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_seconds(
    work: Callable[[], object], repeat: int, clock: Callable[[], float] = time.perf_counter
) -> float:
    """Median of ``repeat`` runs of ``work`` by ``clock`` (wall time; ``time.process_time``
    for CPU time, steadier on a shared machine)."""
    times = []
    for _ in range(repeat):
        start = clock()
        work()
        times.append(clock() - start)
    return statistics.median(times)
