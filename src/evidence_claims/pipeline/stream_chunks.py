"""The second reading of a streamed claim file: each chunk's claims checked and assessed.

Each chunk is validated again and runs the checks and the assessment a file read whole runs,
in the context of the whole set (:mod:`.stream_context`, from the first reading's
:class:`~.stream_summary.Summary`); the checks that need every claim at once (the document's
citation, coverage, suppressions that matched nothing) run once the last chunk is done.
"""

from __future__ import annotations

from collections.abc import Callable
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

_MOST_SHARED = 200_000
"""Distinct lists of reasons made one object each (beyond, each claim keeps its own)."""


class SecondReading:
    """Checks and assesses each chunk's claims in the context of the whole set, adding what it
    finds to ``report`` (and, without ``checks``, only calling ``visit``: the caller keeps
    what it needs of the assessments)."""

    def __init__(
        self, summary: Summary, header: ClaimSet, report: Report, visit: Visit | None, checks: bool
    ) -> None:
        self.summary, self.header, self.report = summary, header, report
        self.visit, self.checks = visit, checks
        self.complete = not summary.invalid
        self.ids: Any = summary.first
        if summary.other_ids:
            self.ids = {*summary.first, *summary.other_ids}
        self.suggester = LazySuggester(self.ids)
        self.shared: dict[str, Any] = {}  # the context's per-entry caches, chunk to chunk
        self.first_lines: dict[str, int | None] = {}
        self.used: set[tuple[str, str]] = set()
        self.suppress_at: dict[tuple[str, str], Place] = {}
        self.reasons: dict[Any, Any] = {}
        self.header_locator = header.parsed.locator if header.parsed is not None else None

    def run(self, reader: JsonStream) -> None:
        """Read every chunk again, then add the findings across the whole set."""
        store = ClaimStore(reader, self.summary)
        try:
            for chunk, items, locator in reader.chunks_again():
                self._chunk(chunk, items, locator, store)
        finally:
            store.close()
        if self.checks:
            self.report.extend(self._whole_set_findings())

    def _chunk(
        self, chunk: Chunk, items: list[Any], locator: ChunkLocator, store: ClaimStore
    ) -> None:
        locator.header = self.header_locator  # type: ignore[assignment]
        part, positions = self._part(chunk, items, locator, store)
        ctx = chunk_context(part, self.summary, store, positions, self.shared)
        assessed = assess_claims(part, ctx)
        if not self.checks:
            _shared_reasons(assessed.assessments, self.reasons)
        else:
            self._check(part, ctx, assessed.findings)
            self.report.assessments.extend(_shared_reasons(assessed.assessments, self.reasons))
        if self.visit is not None:
            self.visit(part, assessed.assessments)

    def _part(
        self, chunk: Chunk, items: list[Any], locator: ChunkLocator, store: ClaimStore
    ) -> tuple[ClaimSet, dict[int, int]]:
        """The chunk's valid claims as a set, with each claim's valid position by ``id()``."""
        summary = self.summary
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

    def _check(self, part: ClaimSet, ctx: StreamContext, assessed: list[Finding]) -> None:
        """The chunk's findings, those its claims suppress dropped."""
        found = _duplicates(part, self.summary, self.first_lines)
        found += check_anchors(part)
        found += check_claim_citations(part)
        found += check_relations(part, ids=self.ids, suggester=self.suggester)
        found += check_reviews(part)
        found += assessed
        self.shared = {name: getattr(ctx, name) for name in SHARED_CACHES}
        wanted = self.summary.wanted
        if wanted:
            found = drop_suppressed(found, wanted, self.used)
            _suppressions_at(part, wanted, self.suppress_at)
        self.report.extend(found)

    def _whole_set_findings(self) -> list[Finding]:
        """The document's citation, coverage and unused suppressions: known once every
        chunk has been read."""
        summary, header = self.summary, self.header
        last: list[Finding] = list(check_document_citation(header, summary.cited))
        if self.complete and header.document_text is not None:
            spans = (Span(s, e) for s, e in zip(summary.starts, summary.ends, strict=True))
            last += check_coverage(replace_claims(header, spans))
        last += unused_suppressions(header.file, summary.wanted, self.used, self.suppress_at.get)
        return last


def _shared_reasons(assessments: list[Any], seen: dict[Any, Any]) -> list[Any]:
    """The assessments with equal lists of reasons made one object: most claims of a large
    file share theirs with many others (the report of a million claims holds one list each)."""
    for assessment in assessments:
        reasons = assessment.reasons
        shared = seen.get(reasons)
        if shared is None:
            if len(seen) < _MOST_SHARED:
                seen[reasons] = reasons
        elif shared is not reasons:
            object.__setattr__(assessment, "reasons", shared)  # frozen, and equal
    return assessments


def _duplicates(
    part: ClaimSet, summary: Summary, first_lines: dict[str, int | None]
) -> list[Finding]:
    """``check_ids`` across chunks: a claim whose id a claim before it has (the first's line
    is noted when the reading passes it)."""
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
        out.append(
            R.ID_DUPLICATE.finding(
                file=part.file,
                line=line,
                column=column,
                claim_id=claim.id,
                path=part.pointer(k, "id"),
                id=claim.id,
                first_line=first_lines.get(claim.id) or "?",
            )
        )
    return out


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
