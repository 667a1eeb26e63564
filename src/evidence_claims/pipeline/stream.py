"""Validate one large JSON claim file a chunk at a time, in memory that does not hold its claims.

A claim file read whole holds the models of all its claims (about 3.5 kB each) with the file's
text and parsed value. Here the file is read twice by :class:`~evidence_claims.io.json_stream.
JsonStream`: the first reading (:mod:`.stream_summary`) validates each claim and keeps only
what checks across claims need (ids, anchor spans, relations by target, which claims share a
passage, suppressions, the count of cited keys); the second (:mod:`.stream_chunks`) validates
each chunk's claims again and runs the same checks and the same assessment on them, in the
context of the whole set (:mod:`.stream_context`). A claim of another chunk that the
assessment asks for (a supporter, a challenger, an earlier claim of the passage) is read again
alone from its bytes. Both readings may be shared among worker processes (``jobs``,
:func:`first_jobs`, :func:`stream_jobs`): in the first (:mod:`.stream_first`) this process
cuts the file and workers parse and validate its chunks by their byte ranges; the second's
workers are forked once the first reading is done so that each inherits the summary, the
header and the document. Results are joined in the file's order. Findings and assessments are
the same as reading the file whole, and in the same order for any number of processes
(compared in the tests); what the file holds of them is the
report. This module decides which file is streamed and joins the two readings.

A file this path cannot follow without doubt (see :mod:`evidence_claims.io.json_stream`) is
read whole instead, so every problem is reported by the exact reader.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict, Unpack

from pydantic import ValidationError

from ..io.claim_file import ParsedFile
from ..io.claimset import ClaimSet
from ..io.json_stream import JsonStream, NotStreamable
from ..io.limits import Limits
from ..io.loader import Loaded, attach_references, display_path
from ..io.paths import find_root
from ..model.records import Claim, ClaimFile
from ..model.report import Finding, Report
from ..rules import structural as R
from .parallel import PARALLEL_MIN_BYTES, cpu_count, forks
from .stream_chunks import SecondReading, Visit
from .stream_context import replace_claims as replace_claims
from .stream_first import shared_first_reading
from .stream_summary import Summary, read_claim

STREAM_BYTES = 32_000_000
"""JSON claim files at least this large are validated a chunk at a time."""


class StreamOptions(TypedDict, total=False):
    """Which file is streamed and how: the keywords :func:`stream_report`,
    :func:`stream_file` and the streamed table share."""

    root: Path | None  # the claim sets' root (default: found from the file)
    limits: Limits | None  # default ``Limits()``
    min_bytes: int | None  # the least size streamed (default :data:`STREAM_BYTES`)
    chunk_bytes: int | None  # bytes read at a time (default the reader's)
    jobs: int | None  # processes for each reading (0: automatic; default 1)


@dataclass
class Streamed:
    """A file validated a chunk at a time: its report, and its claims to read again."""

    report: Report
    reader: JsonStream
    summary: Summary
    header: ClaimSet | None = None

    def claims(self, indexes: Iterable[int]) -> Iterator[Claim]:
        """The claims at these file indexes, read again from the file one by one."""
        with open(self.reader.path, "rb") as handle:
            for index in indexes:
                yield read_claim(self.reader, index, handle)


def stream_report(path: Path, **options: Unpack[StreamOptions]) -> Report | None:
    """The report of one large JSON claim file validated a chunk at a time; None when the file
    is not one to stream (smaller than ``min_bytes``, not JSON, a link, beyond the limits, or
    not followed without doubt): then it is to be validated whole."""
    streamed = stream_file(path, **options)
    return streamed.report if streamed is not None else None


def stream_file(
    path: Path,
    *,
    visit: Visit | None = None,
    checks: bool = True,
    **options: Unpack[StreamOptions],
) -> Streamed | None:
    """:func:`stream_report`, with ``visit`` called on each chunk's claims and assessments
    (for output written as the file is read); None when the file is not streamed. Without
    ``checks`` the report holds the findings of loading only: the assessments go to ``visit``
    (a table needs no more)."""
    path = Path(path)
    limits = options.get("limits") or Limits()
    if not _to_stream(path, limits, options.get("min_bytes")):
        return None
    reader = JsonStream(path, limits)
    chunk_bytes = options.get("chunk_bytes")
    if chunk_bytes is not None:
        reader.chunk_bytes = chunk_bytes
    root = options.get("root") or find_root(path)
    try:
        return _validate(reader, path, root, visit, checks, options.get("jobs", 1))
    except NotStreamable:
        return None


def _to_stream(path: Path, limits: Limits, min_bytes: int | None) -> bool:
    """Whether ``path`` is a regular JSON file of at least ``min_bytes`` (default
    :data:`STREAM_BYTES`) and at most the limits' bytes."""
    if path.suffix.lower() != ".json":
        return False
    try:
        info = os.lstat(path)
    except OSError:
        return False
    least = STREAM_BYTES if min_bytes is None else min_bytes
    if not stat.S_ISREG(info.st_mode) or info.st_size < least:
        return False
    return info.st_size <= limits.max_file_bytes


def stream_jobs(jobs: int | None, reader: JsonStream) -> int:
    """Processes for the second reading: ``jobs`` as asked (never more than the chunks), or
    with 0 or None every CPU when the file is large enough to repay starting them
    (:data:`~.parallel.PARALLEL_MIN_BYTES`; a streamed file always is at the default size).

    One where workers are not forked: they inherit the set's context (the summary, the
    document's text, the bibliography, the locators) from the process that forks them, which
    costs nothing; sending it instead would copy all of it to each, and parts of it (the
    parsed bibliography, the locators' scanners) are not made to be pickled."""
    chunks = reader.chunks
    return _jobs(jobs, chunks[-1].byte_end if chunks else 0, len(chunks))


def first_jobs(jobs: int | None, size: int, chunk_bytes: int) -> int:
    """Processes for the first reading of a file of ``size`` bytes
    (:mod:`.stream_first`): as :func:`stream_jobs` decides for the second, its chunks
    counted as ``size`` over ``chunk_bytes``."""
    return _jobs(jobs, size, size // max(1, chunk_bytes))


def _jobs(jobs: int | None, size: int, chunks: int) -> int:
    """``jobs`` as asked, or with 0 or None every CPU for a file of ``size`` bytes that repays
    them; one where workers are not forked; never more than the ``chunks``."""
    if jobs is not None and jobs < 0:
        raise ValueError(f"jobs must be 0 (automatic) or a positive number, not {jobs}")
    if not forks() or chunks < 2:
        return 1
    if not jobs:
        return min(cpu_count(), chunks) if size >= PARALLEL_MIN_BYTES else 1
    return min(jobs, chunks)


def _validate(
    reader: JsonStream,
    path: Path,
    root: Path,
    visit: Visit | None,
    checks: bool,
    jobs: int | None = 1,
) -> Streamed:
    """Both readings of the file: its summary, then its chunks checked in that context."""
    file = display_path(path)
    limits = reader.limits
    size = os.stat(path).st_size
    summary, findings = shared_first_reading(
        reader, limits, file, first_jobs(jobs, size, reader.chunk_bytes)
    )
    report = Report(files=[file])
    if reader.count > limits.max_claims:
        report.extend([_too_many_claims(reader, file)])
        return Streamed(report, reader, summary)
    header = _header(reader, path, file)
    loaded = Loaded(None, findings)
    attach_references(header, root, loaded, limits)
    report.extend(loaded.findings)
    report.claims = len(summary.valid)
    summary.order_passages()
    SecondReading(summary, header, report, visit, checks).run(reader, stream_jobs(jobs, reader))
    return Streamed(report, reader, summary, header)


def _too_many_claims(reader: JsonStream, file: str) -> Finding:
    """The finding of a file that holds more claims than the limits allow."""
    line, column = reader.claims_position()
    return R.LIMITS_CLAIMS.finding(
        file=file,
        line=line,
        column=column,
        path="/claims",
        count=reader.count,
        limit=reader.limits.max_claims,
    )


def _header(reader: JsonStream, path: Path, file: str) -> ClaimSet:
    """The set without its claims: the file's header validated (else the file is read
    whole, for the exact reader's findings) and located."""
    try:
        model = ClaimFile.model_validate(reader.header, strict=True)
    except ValidationError as exc:
        raise NotStreamable("the header fails the schema") from exc
    longest = reader.limits.max_string_length
    if len(model.schema_ or "") > longest or len(model.document.sha256) > longest:
        raise NotStreamable("a header string beyond the limit")
    parsed = ParsedFile(path=path, file=file, format="json", locator=reader.header_locator)
    parsed.sha256 = reader.sha256
    return ClaimSet(document=model.document, claims=[], path=path, parsed=parsed)
