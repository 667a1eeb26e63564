"""The second reading of a streamed claim file: each chunk's claims checked and assessed.

Each chunk is validated again and runs the checks and the assessment a file read whole runs,
in the context of the whole set (:mod:`.stream_context`, from the first reading's
:class:`~.stream_summary.Summary`); the checks that need every claim at once (the document's
citation, coverage, suppressions that matched nothing) run once the last chunk is done.

A chunk needs nothing from the chunks before it but the line of the first claim of a
duplicated id, which is filled in as the results are joined in the file's order. So the chunks
may be checked by several processes (:class:`ChunkChecker`, one per process, given the
summary, the header and the document once, when it starts) and their results joined by
:class:`SecondReading` in the order of the file: the same report, finding for finding, as one
process reading the chunks in turn.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from ..assessment import assess_claims
from ..checks.cross_field import (
    check_anchors,
    check_claim_citations,
    check_coverage,
    check_document_citation,
    check_relations,
    check_reviews,
)
from ..io.claim_file import ParsedFile
from ..io.claimset import ClaimSet
from ..io.json_stream import Chunk, ChunkLocator, JsonStream
from ..model.records import Claim
from ..model.report import ClaimAssessment, Finding, Report
from ..rules import structural as R
from .packing import MOST_SHARED, pack, unpack
from .parallel import gc_paused, process_pool, shared_in_order
from .stream_context import (
    SHARED_CACHES,
    ClaimStore,
    LazySuggester,
    Span,
    StreamContext,
    chunk_context,
    replace_claims,
    with_claims,
)
from .stream_summary import CLAIM, Summary
from .suppressions import Place, drop_suppressed, unused_suppressions

Visit = Callable[[ClaimSet, list[ClaimAssessment]], None]
"""Called with each chunk's claims (a :class:`ClaimSet` of that chunk) and their assessments."""


@dataclass
class ChunkResult:
    """What one chunk adds to the report, and what the joining needs of it."""

    findings: list[Any]  # Finding, or packed tuples between processes
    assessments: list[Any]
    first_lines: dict[str, int | None]  # line of each duplicated id's first claim, if here
    pending: list[int]  # findings[i]: a duplicate whose first claim is in a chunk before
    used: set[tuple[str, str]]  # suppressions that dropped a finding
    suppress_at: dict[tuple[str, str], Place]

    def packed(self) -> tuple[Any, ...]:
        """The result as plain tuples, cheap to send to the parent process."""
        report = pack(Report(self.findings, [], 0, self.assessments))
        return report, self.first_lines, self.pending, self.used, self.suppress_at

    @classmethod
    def unpacked(cls, packed: tuple[Any, ...], seen: dict[Any, Any]) -> ChunkResult:
        """The result :meth:`packed` packed (``seen``: tuples of reasons shared so far)."""
        report, first_lines, pending, used, suppress_at = packed
        rebuilt = unpack(report, seen)
        return cls(rebuilt.findings, rebuilt.assessments, first_lines, pending, used, suppress_at)


class ChunkChecker:
    """Checks and assesses chunks' claims in the context of the whole set: one per process
    (its own handle on the file, its own caches). Without ``checks`` only ``visit`` is
    called with the assessments (the caller keeps what it needs of them)."""

    def __init__(
        self,
        reader: JsonStream,
        summary: Summary,
        header: ClaimSet,
        checks: bool,
        visit: Visit | None = None,
    ) -> None:
        self.reader, self.summary, self.header = reader, summary, header
        self.visit, self.checks = visit, checks
        self.complete = not summary.invalid
        self.ids: Any = summary.first
        if summary.other_ids:
            self.ids = {*summary.first, *summary.other_ids}
        self.suggester = LazySuggester(self.ids)
        self.shared: dict[str, Any] = {}  # the context's per-entry caches, chunk to chunk
        self.reasons: dict[Any, Any] = {}
        self.header_locator = header.parsed.locator if header.parsed is not None else None
        self.store = ClaimStore(reader, summary)

    def close(self) -> None:
        self.store.close()

    def at(self, number: int) -> ChunkResult:
        """The result of the file's chunk ``number``, read again from its bytes."""
        return self.check(*self.reader.chunk_again(self.reader.chunks[number], self.store.handle))

    def check(self, chunk: Chunk, items: list[Any], locator: ChunkLocator) -> ChunkResult:
        """One chunk's findings (those its claims suppress dropped) and assessments."""
        locator.header = self.header_locator  # type: ignore[assignment]
        part, positions = self._part(chunk, items, locator)
        ctx = chunk_context(part, self.summary, self.store, positions, self.shared)
        assessed = assess_claims(part, ctx)
        assessments = _shared_reasons(assessed.assessments, self.reasons)
        result = ChunkResult([], [], {}, [], set(), {})
        if self.checks:
            self._check(part, ctx, assessed.findings, result)
            result.assessments = assessments
        if self.visit is not None:
            self.visit(part, assessed.assessments)
        return result

    def _part(
        self, chunk: Chunk, items: list[Any], locator: ChunkLocator
    ) -> tuple[ClaimSet, dict[int, int]]:
        """The chunk's valid claims as a set, with each claim's valid position by ``id()``."""
        summary, store = self.summary, self.store
        claims: list[Claim] = []
        indexes: list[int] = []
        positions: dict[int, int] = {}
        store.current = {}
        for k, value in enumerate(items):
            index = chunk.first + k
            if index in summary.invalid:
                continue
            try:
                claim = CLAIM.validate_python(value, strict=True)
            except ValidationError:  # valid as the standard library parses it
                claim = CLAIM.validate_python(locator.item_value(index), strict=True)
            position = summary.position(index)
            # the id as first read: the report's findings and assessments then share one
            # string per claim with the summary (a copy each was 70 bytes a claim)
            claim.__dict__["id"] = summary.ids[summary.first[claim.id]]
            store.current[position] = claim
            positions[id(claim)] = position
            claims.append(claim)
            indexes.append(index)
        if not summary.invalid:
            locator.use_claim_keys()
        header = self.header
        parsed = ParsedFile(path=header.path, file=header.file or "", format="json")  # type: ignore[arg-type]
        parsed.locator = locator
        part = with_claims(
            header,
            claims,
            bibliography=header.bibliography,
            parsed=parsed,
            claim_indexes=indexes,
            complete=self.complete,
        )
        return part, positions

    def _check(
        self, part: ClaimSet, ctx: StreamContext, assessed: list[Finding], result: ChunkResult
    ) -> None:
        """The chunk's findings into ``result``, those its claims suppress dropped."""
        unresolved: set[int] = set()
        found = _duplicates(part, self.summary, result.first_lines, unresolved)
        found += check_anchors(part)
        found += check_claim_citations(part)
        found += check_relations(part, ids=self.ids, suggester=self.suggester)
        found += check_reviews(part)
        found += assessed
        self.shared = {name: getattr(ctx, name) for name in SHARED_CACHES}
        wanted = self.summary.wanted
        if wanted:
            found = drop_suppressed(found, wanted, result.used)
            _suppressions_at(part, wanted, result.suppress_at)
        # sorted here, by whichever process checks the chunk: the report is sorted once every
        # chunk is in (its findings in the file's order), and runs already in order make
        # that last sort, in one process after the last chunk, about three times cheaper
        found.sort(key=Finding.sort_key)
        if unresolved:
            result.pending = [i for i, f in enumerate(found) if id(f) in unresolved]
        result.findings = found


class SecondReading:
    """Every chunk checked and assessed in the context of the whole set (by ``jobs``
    processes, this one included), the results joined in the file's order into ``report``;
    then the findings across the whole set."""

    def __init__(
        self, summary: Summary, header: ClaimSet, report: Report, visit: Visit | None, checks: bool
    ) -> None:
        self.summary, self.header, self.report = summary, header, report
        self.visit, self.checks = visit, checks
        self.first_lines: dict[str, int | None] = {}
        self.used: set[tuple[str, str]] = set()
        self.suppress_at: dict[tuple[str, str], Place] = {}

    def run(self, reader: JsonStream, jobs: int = 1) -> None:
        """Read every chunk again, then add the findings across the whole set."""
        if jobs > 1 and self.visit is None and len(reader.chunks) > 1:
            self._in_processes(reader, jobs)
        else:
            checker = ChunkChecker(reader, self.summary, self.header, self.checks, self.visit)
            try:
                for chunk, items, locator in reader.chunks_again():
                    self._join(checker.check(chunk, items, locator))
            finally:
                checker.close()
        if self.checks:
            self.report.extend(self._whole_set_findings())

    def _in_processes(self, reader: JsonStream, jobs: int) -> None:
        """This process and ``jobs - 1`` workers share the chunks, joined in the file's order.

        Each worker is forked with the set's context (it inherits the summary, the header and
        the document: nothing is sent per chunk but its number). This process checks the
        next chunk itself whenever the next result in order is not ready
        (:func:`~.parallel.shared_in_order`)."""
        seen: dict[Any, Any] = {}
        checker: ChunkChecker | None = None

        def here(number: int) -> ChunkResult:  # its checker made after the fork
            nonlocal checker
            if checker is None:
                checker = ChunkChecker(reader, self.summary, self.header, self.checks)
            return checker.at(number)

        pool = process_pool(
            jobs - 1, _worker_start, (reader, self.summary, self.header, self.checks)
        )
        numbers = iter(range(len(reader.chunks)))
        results = shared_in_order(pool, jobs - 1, numbers, _worker_chunk, here)
        try:
            with closing(results):
                for _, result, packed in results:
                    self._join(ChunkResult.unpacked(result, seen) if packed else result)
        finally:
            if checker is not None:
                checker.close()

    def _join(self, result: ChunkResult) -> None:
        """A chunk's result added to the report, in the file's order."""
        self.first_lines.update(result.first_lines)
        findings = result.findings
        for i in result.pending:
            findings[i] = _with_first_line(findings[i], self.first_lines)
        self.report.extend(findings)
        self.report.assessments.extend(result.assessments)
        self.used |= result.used
        self.suppress_at.update(result.suppress_at)

    def _whole_set_findings(self) -> list[Finding]:
        """The document's citation, coverage and unused suppressions: known once every
        chunk has been read."""
        summary, header = self.summary, self.header
        last: list[Finding] = list(check_document_citation(header, summary.cited))
        if not summary.invalid and header.document_text is not None:
            spans = (Span(s, e) for s, e in zip(summary.starts, summary.ends, strict=True))
            last += check_coverage(replace_claims(header, spans))
        last += unused_suppressions(header.file, summary.wanted, self.used, self.suppress_at.get)
        return last


_CHECKER: ChunkChecker | None = None
"""A worker process's checker, made once when it starts."""


def _worker_start(reader: JsonStream, summary: Summary, header: ClaimSet, checks: bool) -> None:
    """Give this worker process the set's context (inherited when forked, else sent once)."""
    global _CHECKER
    _CHECKER = ChunkChecker(reader, summary, header, checks)


def _worker_chunk(number: int) -> tuple[Any, ...]:
    """Chunk ``number``'s result, packed, in a worker process."""
    assert _CHECKER is not None
    with gc_paused():
        return _CHECKER.at(number).packed()


def _shared_reasons(assessments: list[Any], seen: dict[Any, Any]) -> list[Any]:
    """The assessments with equal lists of reasons made one object: most claims of a large
    file share theirs with many others (the report of a million claims holds one list each)."""
    for assessment in assessments:
        reasons = assessment.reasons
        shared = seen.get(reasons)
        if shared is None:
            if len(seen) < MOST_SHARED:
                seen[reasons] = reasons
        elif shared is not reasons:
            object.__setattr__(assessment, "reasons", shared)  # frozen, and equal
    return assessments


def _duplicates(
    part: ClaimSet, summary: Summary, first_lines: dict[str, int | None], unresolved: set[int]
) -> list[Finding]:
    """``check_ids`` across chunks: a claim whose id a claim before it has. The first's line
    is noted in ``first_lines`` when the chunk holds it; a duplicate whose first claim is in
    a chunk before is added to ``unresolved`` (by ``id()``), its line filled in when the
    chunks are joined (:func:`_with_first_line`)."""
    out: list[Finding] = []
    if not summary.duplicated:
        return out
    for k, claim in enumerate(part.claims):
        if claim.id not in summary.duplicated:
            continue
        if summary.valid[summary.first[claim.id]] == part.claim_indexes[k]:
            first_lines[claim.id] = part.locate(k)[0]
            continue
        line, column = part.locate(k, "id")
        finding = _duplicate(part.file, line, column, claim.id, part.pointer(k, "id"), first_lines)
        if claim.id not in first_lines:
            unresolved.add(id(finding))
        out.append(finding)
    return out


def _duplicate(
    file: str | None,
    line: int | None,
    column: int | None,
    claim_id: str,
    path: str | None,
    first_lines: dict[str, int | None],
) -> Finding:
    return R.ID_DUPLICATE.finding(
        file=file,
        line=line,
        column=column,
        claim_id=claim_id,
        path=path,
        id=claim_id,
        first_line=first_lines.get(claim_id) or "?",
    )


def _with_first_line(finding: Finding, first_lines: dict[str, int | None]) -> Finding:
    """A duplicate's finding made again once the line of its id's first claim is known."""
    claim_id = finding.claim_id or ""
    f = finding
    return _duplicate(f.file, f.line, f.column, claim_id, f.path, first_lines)


def _suppressions_at(
    part: ClaimSet,
    wanted: dict[tuple[str, str], tuple[int, int]],
    at: dict[tuple[str, str], Place],
) -> None:
    """Where each suppression that counts (the last of its id and code) is, if in ``part``."""
    for k, claim in enumerate(part.claims):
        for i, suppression in enumerate(claim.suppress):
            key = (claim.id, suppression.code)
            if wanted.get(key) == (part.claim_indexes[k], i):
                at[key] = (part.locate(k, "suppress", i), part.pointer(k, "suppress", i))
