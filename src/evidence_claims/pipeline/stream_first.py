"""The first reading of a streamed claim file shared among processes.

Read in one process, the first reading (:func:`~.stream_summary.first_reading`: each chunk
parsed, its claims validated and summed up) is about a ninth of a large file's CPU and, with
the second reading shared among processes, about a fifth of its wall time on two free cores
(measured at 100,000 claims). Here the calling process only reads the bytes in order (digest,
line count, where to cut: :meth:`JsonStream.scan`, under half a second of CPU for 70 MB) and
each chunk is parsed and validated by whichever process is free: worker processes read it by
its byte range from the file, so nothing but the range goes to them, and each sends back its
items' offsets and the summary of its claims (:class:`FirstPart`, about a hundred bytes a
claim). The caller adds them in the file's order (:meth:`Summary.extend`): the same summary
as the reading in one process.

The cut is where the reading in one process tries first; the parse of the chunk tells whether
it is sound. Anything this way cannot decide alone (a cut the parse refuses, a chunk that
holds an item the models refuse or a claim beyond the limits, any reason not to stream) is
left to the reading in one process: a chunk with an item the models refuse is read again by
the caller with its place in the file, so that its findings are located as before; anything
else starts the reading in one process again from the top, which then decides (the file is
streamed, or read whole). So the result is that of one process, whatever the file holds.
"""

from __future__ import annotations

import threading
from array import array
from contextlib import closing
from dataclasses import dataclass
from functools import partial
from typing import BinaryIO

from pydantic import ValidationError

from ..io.json_stream import (
    Chunk,
    JsonStream,
    NotStreamable,
    claim_limits_ok,
    item_offsets,
    read_chunk,
)
from ..io.limits import Limits
from ..model.report import Finding
from .parallel import gc_paused, process_pool, shared_in_order
from .stream_summary import CLAIM, Summary, first_reading, read_chunk_claims


@dataclass
class FirstPart:
    """What the first reading of one chunk, read apart, gives back."""

    starts: array[int]  # byte offsets of its items in the file, one per item
    ends: array[int]
    summary: Summary | None  # indexes from 0; None: the caller reads the chunk itself


def shared_first_reading(
    reader: JsonStream, limits: Limits, file: str, jobs: int
) -> tuple[Summary, list[Finding]]:
    """:func:`~.stream_summary.first_reading` by ``jobs`` processes (this one included): the
    same summary and findings, and the reader left as that reading leaves it."""
    if jobs > 1:
        try:
            return _shared(reader, limits, file, jobs)
        except NotStreamable:
            reader.reset()  # read again in one process, which decides
    return first_reading(reader, limits, file)


def read_part(chunk: Chunk, handle: BinaryIO, limits: Limits) -> FirstPart:
    """The first reading of ``chunk`` alone (its ``first`` and ``count`` unknown): its items'
    offsets and, when every item is a claim within the limits, their summary."""
    items, locator = read_chunk(chunk, handle)
    starts, ends = item_offsets(chunk, locator.text, locator)
    summary = Summary()
    for k, value in enumerate(items):
        try:
            claim = CLAIM.validate_python(value, strict=True)
        except ValidationError:
            return FirstPart(starts, ends, None)
        if not claim_limits_ok(claim, limits):
            return FirstPart(starts, ends, None)
        summary.add(k, claim)
    return FirstPart(starts, ends, summary)


class _Join:
    """The parts added to the summary in the file's order."""

    def __init__(self, reader: JsonStream, limits: Limits, file: str, handle: BinaryIO) -> None:
        self.reader, self.limits, self.file, self.handle = reader, limits, file, handle
        self.summary = Summary()
        self.findings: list[Finding] = []

    def add(self, chunk: Chunk, part: FirstPart) -> None:
        chunk.first, chunk.count = self.reader.count, len(part.starts)  # the items before it
        self.reader.record(chunk, part.starts, part.ends)
        if chunk.first + chunk.count > self.limits.max_claims:
            return  # not validated (the caller reports the count)
        if part.summary is not None:
            self.summary.extend(part.summary, chunk.first)
            return
        # an item the models refuse (or a claim beyond the limits): read here, in its place
        _, items, locator = self.reader.chunk_again(chunk, self.handle)
        read_chunk_claims(
            chunk, items, locator, self.limits, self.file, self.summary, self.findings
        )


def _shared(
    reader: JsonStream, limits: Limits, file: str, jobs: int
) -> tuple[Summary, list[Finding]]:
    """This process scans the file and ``jobs - 1`` workers (forked now, holding nothing but
    the file's name) parse and validate its chunks; this process reads a chunk itself
    whenever the next part in the file's order is not ready."""
    with open(reader.path, "rb") as handle:
        join = _Join(reader, limits, file, handle)
        pool = process_pool(jobs - 1, _worker_start, (str(reader.path), limits))
        here = partial(read_part, handle=handle, limits=limits)
        parts = shared_in_order(pool, jobs - 1, reader.scan(), _worker_part, here)
        with closing(parts):
            for chunk, part, _ in parts:
                join.add(chunk, part)
    return join.summary, join.findings


class _WorkerFile(threading.local):
    """A worker's own handle on the file and its limits. Thread-local, so that workers run
    as threads of one process (as the tests run them) never share one file position."""

    handle: BinaryIO | None = None
    limits: Limits | None = None


_WORKER = _WorkerFile()


def _worker_start(path: str, limits: Limits) -> None:
    """A worker's own handle on the file, opened once."""
    _WORKER.handle = open(path, "rb")  # noqa: SIM115  (lives as long as the worker)
    _WORKER.limits = limits


def _worker_part(chunk: Chunk) -> FirstPart:
    """:func:`read_part` in a worker process."""
    handle, limits = _WORKER.handle, _WORKER.limits
    assert handle is not None and limits is not None
    with gc_paused():
        return read_part(chunk, handle, limits)
