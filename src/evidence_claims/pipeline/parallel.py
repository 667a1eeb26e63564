"""Running per-file work on every core: how many processes, which start method, and the
garbage collector.

Validating a claim file is pure CPU work on its own data (parse, schema, checks, assessment),
so files are spread over a process pool, one file per task, and results come back in the
order of the files: the merged report is the same, finding for finding, whatever the number
of processes. Small jobs stay in the calling process, where a pool's start-up (~0.1 s per
process) would cost more than it saves. The chunks of one large file are shared the same way,
the calling process taking its share (:func:`shared_in_order`).
"""

from __future__ import annotations

import gc
import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    import concurrent.futures
    import multiprocessing.context

T = TypeVar("T")
R = TypeVar("R")

PARALLEL_MIN_BYTES = 4_000_000
"""Below this many bytes of claim files in all, one process is faster.

Validation reads about 7 MB of claim files per CPU second, YAML and JSON alike (measured on
200 copies of the bundled set and on the synthetic JSON corpora), so 4 MB is about half a
second of work: less than that does not repay starting a pool and sending results back
(50 copies of the bundled set, 3 MB, took more CPU and more wall time with two processes)."""


def cpu_count() -> int:
    """CPUs this process may run on (its affinity mask, not the machine's total)."""
    counter = getattr(os, "process_cpu_count", None)  # Python 3.13+
    if counter is not None:
        return max(1, counter() or 1)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def auto_jobs(paths: Sequence[Path]) -> int:
    """Processes worth starting for these files: all CPUs when the files are many or large,
    one when they are few and small."""
    if len(paths) < 2:
        return 1
    total = 0
    for path in paths:
        try:
            total += path.stat().st_size
        except OSError:
            continue
        if total >= PARALLEL_MIN_BYTES:
            return min(cpu_count(), len(paths))
    return 1


def resolve_jobs(jobs: int | None, paths: Sequence[Path]) -> int:
    """``jobs`` as asked (0 or None: automatic), never more than there are files."""
    if jobs is None or jobs == 0:
        return auto_jobs(paths)
    if jobs < 0:
        raise ValueError(f"jobs must be 0 (automatic) or a positive number, not {jobs}")
    return max(1, min(jobs, len(paths)))


def _context() -> multiprocessing.context.BaseContext:
    """``fork`` where it is safe (POSIX, a single thread): the workers start with every module
    already imported. Otherwise ``spawn``, which works everywhere."""
    import multiprocessing

    return multiprocessing.get_context("fork" if forks() else "spawn")


def forks() -> bool:
    """Whether worker processes start by ``fork`` here (and so inherit this process's data)."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return "fork" in methods and sys.platform != "darwin" and threading.active_count() == 1


def _worker_init(initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    import signal

    # Ctrl-C goes to the whole process group; let the parent alone stop the pool, so the user
    # sees one "interrupted" and no traceback per worker.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if initializer is not None:
        initializer(*initargs)


def map_ordered(
    function: Callable[[T], R],
    items: Sequence[T],
    jobs: int,
    initializer: Callable[..., None] | None = None,
    initargs: tuple[Any, ...] = (),
    chunksize: int | None = None,
) -> Iterator[R]:
    """``map(function, items)`` over ``jobs`` processes, results in the order of ``items``.

    ``initializer(*initargs)`` runs once in each process before its first item: the way to
    give every item's work a large shared context (a forked process inherits ``initargs``
    without copying them through a pipe; a spawned one receives them once). ``chunksize``:
    items sent per task (default: several when the items are many)."""
    if jobs <= 1 or len(items) <= 1:
        if initializer is not None:
            initializer(*initargs)
        yield from map(function, items)
        return
    if chunksize is None:
        # Several files per task when they are many, so that sending tasks costs little;
        # small enough chunks that the processes finish together.
        chunksize = max(1, min(16, len(items) // (jobs * 32)))
    pool = process_pool(jobs, initializer, initargs)
    try:
        yield from pool.map(function, items, chunksize=chunksize)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def process_pool(
    jobs: int, initializer: Callable[..., None] | None = None, initargs: tuple[Any, ...] = ()
) -> concurrent.futures.ProcessPoolExecutor:
    """A pool of ``jobs`` worker processes (see :func:`map_ordered` for ``initializer``),
    started by :func:`_context`'s method, that leave Ctrl-C to this process."""
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=_context(),
        initializer=_worker_init,
        initargs=(initializer, initargs),
    )


def shared_in_order(
    pool: concurrent.futures.Executor,
    workers: int,
    items: Iterator[T],
    remote: Callable[[T], Any],
    local: Callable[[T], R],
) -> Iterator[tuple[T, Any, bool]]:
    """Each of ``items`` (never None) with its result, in their order: the ``workers`` of
    ``pool`` (:func:`process_pool`) run ``remote(item)`` on up to four items each ahead, and
    this process runs ``local(item)`` on the next item whenever the next result in order is
    not ready (on two cores, one worker's copy of the pages it writes, and half the results
    sent through a pipe). Yields (item, result, whether a worker made it); shuts the pool
    down when done, or when closed early (``contextlib.closing``)."""
    from collections import deque

    window = 4 * workers  # items given to the workers ahead: none waits for work
    ahead: deque[tuple[T, concurrent.futures.Future[Any] | None, R | None]] = deque()
    more, sent = True, 0
    try:
        while True:
            while more and sent < window:
                item = next(items, None)
                if item is None:
                    more = False
                else:
                    ahead.append((item, pool.submit(remote, item), None))
                    sent += 1
            if not ahead:
                break
            item, future, result = ahead[0]
            if future is None:
                ahead.popleft()
                yield item, result, False
            elif future.done() or not more:
                ahead.popleft()
                sent -= 1
                yield item, future.result(), True
            else:  # the workers are busy: the next item here
                item = next(items, None)
                if item is None:
                    more = False
                else:
                    ahead.append((item, None, local(item)))
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


_gc_lock = threading.Lock()
_gc_depth = 0
_gc_was_enabled = False


@contextmanager
def imports_frozen() -> Iterator[None]:
    """Import modules with the cyclic garbage collector paused, then freeze what exists
    (``gc.freeze``): the modules a command imports make some hundred thousand objects that live
    as long as the process (classes, functions, the models' schemas, compiled patterns). The
    collector traversed them again and again while they were made, once more in full when it
    came back on, and again at exit (Python collects once more as it shuts down): about a
    fifth of the start of ``validate``, freeing nothing. Frozen objects are still freed by
    reference counting; only the collector leaves them alone. Only in the command's own
    process (:func:`freeze_imports`, called by its entry point): a program that calls the
    command in process (tests, a notebook) keeps its collector as it was, paused only."""
    with gc_paused():
        yield
        if _freeze_imports:
            gc.freeze()


_freeze_imports = False


def freeze_imports() -> None:
    """Let :func:`imports_frozen` freeze: this process is the command's own."""
    global _freeze_imports
    _freeze_imports = True


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for a burst of allocation, then restore it.

    Loading a large file allocates millions of objects that all stay alive until the file is
    done; the collector would traverse them again and again (measured: half the time of a
    10,000-claim file). Reference counting still frees everything that is not in a cycle, and
    the collector, re-enabled afterwards, takes the rest. Nested and threaded uses are counted,
    so the collector comes back only when the last one ends, and only if it was on.
    """
    global _gc_depth, _gc_was_enabled
    with _gc_lock:
        if _gc_depth == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_depth += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_depth -= 1
            if _gc_depth == 0 and _gc_was_enabled:
                gc.enable()
