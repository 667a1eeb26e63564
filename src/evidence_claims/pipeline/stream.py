"""Validate one large JSON claim file a chunk at a time, in memory that does not hold its claims.

A claim file read whole holds the models of all its claims (about 3.5 kB each) with the file's
text and parsed value. Here the file is read twice by :class:`~evidence_claims.io.json_stream.
JsonStream`: the first reading validates each claim and keeps only what checks across claims
need (:class:`_Summary`: ids, anchor spans, relations by target, which claims share a passage,
suppressions, the count of cited keys); the second validates each chunk's claims again and runs
the same checks and the same assessment on them, in the context of the whole set. A claim of
another chunk that the assessment asks for (a supporter, a challenger, an earlier claim of the
passage) is read again alone from its bytes. Findings and assessments are the same as reading
the file whole (compared in the tests); what the file holds of them is the report.

A file this path cannot follow without doubt (see :mod:`evidence_claims.io.json_stream`) is
read whole instead, so every problem is reported by the exact reader.
"""

from __future__ import annotations

import os
import stat
from array import array
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import TypeAdapter, ValidationError

from ..assessment import assess_claims
from ..assessment.context import CONTEXT_LOOKBACK, SetContext, _evidence_key
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
from ..io.json_files import limit_problem
from ..io.json_stream import ChunkLocator, JsonStream, NotStreamable, claim_limits_ok
from ..io.limits import Limits
from ..io.loader import Loaded, attach_references, display_path
from ..io.paths import find_root
from ..io.schema_errors import findings_from_errors
from ..model.records import Claim, ClaimFile
from ..model.report import ClaimAssessment, Finding, Report
from ..rules import structural as R
from ..rules.suggest import Suggester
from .suppressions import drop_suppressed

STREAM_BYTES = 32_000_000
"""JSON claim files at least this large are validated a chunk at a time."""
_CLAIM = TypeAdapter(Claim)
_CACHED_CLAIMS = 4096
"""Claims of other chunks kept once read again (supporters, passages): most are near."""


@dataclass
class _Summary:
    """What the first reading keeps of each claim: enough for the checks across claims."""

    first: dict[str, int] = field(default_factory=dict)  # id -> valid position of its first
    ids: list[str] = field(default_factory=list)  # per valid claim: its id, as first read
    duplicated: set[str] = field(default_factory=set)
    other_ids: set[str] = field(default_factory=set)  # ids of items that failed the schema
    invalid: set[int] = field(default_factory=set)
    valid: array[int] = field(default_factory=lambda: array("q"))  # file index per valid claim
    starts: array[int] = field(default_factory=lambda: array("q"))
    ends: array[int] = field(default_factory=lambda: array("q"))
    groups: array[int] = field(default_factory=lambda: array("q"))  # passage key per claim
    group_of: dict[Any, int] = field(default_factory=dict)
    incoming: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    challengers: dict[str, list[int]] = field(default_factory=dict)  # target -> valid positions
    supporters: dict[str, list[int]] = field(default_factory=dict)
    wanted: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)
    cited: int = 0
    # after the first reading: each claim's place in its passage (SetContext.of's order)
    members: Any = None
    member_at: Any = None
    group_start: Any = None

    def add(self, index: int, claim: Claim) -> None:
        position = len(self.valid)
        self.valid.append(index)
        self.ids.append(claim.id)
        if claim.id in self.first:
            self.duplicated.add(claim.id)
        else:
            self.first[claim.id] = position
        anchor = claim.anchor
        self.starts.append(anchor.start)
        self.ends.append(anchor.end)
        key = _evidence_key(claim)
        group = self.group_of.get(key)
        if group is None:
            group = self.group_of[key] = len(self.group_of)
        self.groups.append(group)
        for relation in claim.relations:
            target = relation.target
            self.incoming.setdefault(target, []).append((relation.type, claim.id))
            if relation.type == "challenges":
                self.challengers.setdefault(target, []).append(position)
            elif relation.type == "supports":
                self.supporters.setdefault(target, []).append(position)
        for i, suppression in enumerate(claim.suppress):
            self.wanted[(claim.id, suppression.code)] = (index, i)
        self.cited += len(claim.evidence.sources)

    def order_passages(self) -> None:
        """Each claim's place among the claims of its passage, ordered by anchor as
        :meth:`SetContext.of` orders them (a stable sort: ties keep the file's order)."""
        import numpy as np

        starts = np.frombuffer(self.starts, dtype=np.int64)
        ends = np.frombuffer(self.ends, dtype=np.int64)
        groups = np.frombuffer(self.groups, dtype=np.int64)
        order = np.lexsort((ends, starts))  # stable
        order = order[np.argsort(groups[order], kind="stable")]
        self.members = order
        at = np.empty_like(order)
        at[order] = np.arange(len(order))
        self.member_at = at
        counts = np.bincount(groups, minlength=len(self.group_of)) if len(groups) else []
        self.group_start = np.concatenate(([0], np.cumsum(counts)))[:-1]

    def position(self, index: int) -> int:
        """The valid position of the claim at file ``index``."""
        if not self.invalid:
            return index
        return bisect_left(self.valid, index)


def _read_claim(reader: JsonStream, index: int, handle: Any) -> Claim:
    """The valid claim at file ``index``, read again alone (parsed as the first reading
    parsed it: by jiter, else, for a claim valid only so, by the standard library)."""
    try:
        return _CLAIM.validate_python(reader.read_item(index, handle), strict=True)
    except ValidationError:
        return _CLAIM.validate_python(reader.read_item(index, handle, standard=True), strict=True)


class _Anchor(NamedTuple):
    start: int
    end: int


class _Span:
    """A claim as the coverage check reads it: its anchor only."""

    __slots__ = ("anchor",)

    def __init__(self, start: int, end: int) -> None:
        self.anchor = _Anchor(start, end)


class _LazySuggester(Suggester):
    """A :class:`Suggester` of the file's ids, built when a first hint is asked for."""

    __slots__ = ("_ids", "_ready")

    def __init__(self, ids: Any) -> None:
        self._ids, self._ready = ids, False

    def closest(self, value: str) -> str | None:
        if not self._ready:
            Suggester.__init__(self, sorted(self._ids))
            self._ready = True
        return Suggester.closest(self, value)


class _Claims:
    """Claims by valid position: those of the current chunk, else read again from the file."""

    def __init__(self, reader: JsonStream, summary: _Summary) -> None:
        self.reader, self.summary = reader, summary
        self.current: dict[int, Claim] = {}
        self.cache: OrderedDict[int, Claim] = OrderedDict()
        self.handle = open(reader.path, "rb")  # noqa: SIM115  (closed by close())

    def get(self, position: int) -> Claim:
        claim = self.current.get(position)
        if claim is not None:
            return claim
        claim = self.cache.get(position)
        if claim is not None:
            self.cache.move_to_end(position)
            return claim
        claim = _read_claim(self.reader, self.summary.valid[position], self.handle)
        self.cache[position] = claim
        if len(self.cache) > _CACHED_CLAIMS:
            self.cache.popitem(last=False)
        return claim

    def close(self) -> None:
        self.handle.close()


class _Held:
    """Claims read for one chunk's context, kept alive while it lives: its per-claim caches
    are keyed by ``id()``. (No reference back to the context: validation runs with the
    cycle collector paused, and a cycle would keep every chunk's context.)"""

    __slots__ = ("claims", "store")

    def __init__(self, store: _Claims) -> None:
        self.store, self.claims = store, []

    def __call__(self, position: int) -> Claim:
        claim = self.store.get(position)
        self.claims.append(claim)
        return claim


class _Related:
    """``ctx.supporters`` / ``ctx.challengers`` of a chunk: claims by target id, read on use."""

    __slots__ = ("by_target", "fetch")

    def __init__(self, by_target: dict[str, list[int]], fetch: _Held) -> None:
        self.by_target, self.fetch = by_target, fetch

    def get(self, target: str, default: Any = None) -> Any:
        positions = self.by_target.get(target)
        if positions is None:
            return default
        return [self.fetch(p) for p in positions]


_SHARED = tuple(f.name for f in fields(SetContext) if f.name.startswith(("_bib", "_entry")))
"""The context's caches per cited entry, kept from chunk to chunk: they grow with the
bibliography, which the limits bound. Those per claim (keyed by the claim object) and per list
of sources (nearly one per claim in a large set) start afresh with each chunk."""


class _StreamContext(SetContext):
    """The assessment's context for one chunk, answering for the whole set."""

    summary: _Summary
    claim_at: _Held
    chunk_positions: dict[int, int]

    def passage_before(self, claim: Claim) -> list[Claim]:
        summary = self.summary
        position = self.chunk_positions.get(id(claim))
        if position is None:
            return []
        group = int(summary.groups[position])
        at = int(summary.member_at[position]) - int(summary.group_start[group])
        base = int(summary.group_start[group])
        found = []
        for q in range(base + at - 1, base + max(0, at - CONTEXT_LOOKBACK) - 1, -1):
            other = self.claim_at(int(summary.members[q]))
            found.append(other)
            if other.evidence.basis == "explicit":
                break
        return found


Visit = Callable[[ClaimSet, list[ClaimAssessment]], None]
"""Called with each chunk's claims (a :class:`ClaimSet` of that chunk) and their assessments."""


@dataclass
class Streamed:
    """A file validated a chunk at a time: its report, and its claims to read again."""

    report: Report
    reader: JsonStream
    summary: _Summary
    header: ClaimSet | None = None

    def claims(self, indexes: Iterable[int]) -> Iterator[Claim]:
        """The claims at these file indexes, read again from the file one by one."""
        with open(self.reader.path, "rb") as handle:
            for index in indexes:
                yield _read_claim(self.reader, index, handle)


def stream_report(
    path: Path,
    *,
    root: Path | None = None,
    limits: Limits | None = None,
    min_bytes: int | None = None,
    chunk_bytes: int | None = None,
) -> Report | None:
    """The report of one large JSON claim file validated a chunk at a time; None when the file
    is not one to stream (smaller than ``min_bytes``, not JSON, a link, beyond the limits, or
    not followed without doubt): then it is to be validated whole."""
    streamed = stream_file(
        path, root=root, limits=limits, min_bytes=min_bytes, chunk_bytes=chunk_bytes
    )
    return streamed.report if streamed is not None else None


def stream_file(
    path: Path,
    *,
    root: Path | None = None,
    limits: Limits | None = None,
    min_bytes: int | None = None,
    chunk_bytes: int | None = None,
    visit: Visit | None = None,
    checks: bool = True,
) -> Streamed | None:
    """:func:`stream_report`, with ``visit`` called on each chunk's claims and assessments
    (for output written as the file is read); None when the file is not streamed. Without
    ``checks`` the report holds the findings of loading only: the assessments go to ``visit``
    (a table needs no more)."""
    path = Path(path)
    limits = limits or Limits()
    if path.suffix.lower() != ".json":
        return None
    try:
        info = os.lstat(path)
    except OSError:
        return None
    least = STREAM_BYTES if min_bytes is None else min_bytes
    if not stat.S_ISREG(info.st_mode) or info.st_size < least:
        return None
    if info.st_size > limits.max_file_bytes:
        return None
    reader = JsonStream(path, limits)
    if chunk_bytes is not None:
        reader.chunk_bytes = chunk_bytes
    try:
        return _validate(reader, path, root or find_root(path), limits, visit, checks)
    except NotStreamable:
        return None


def _validate(
    reader: JsonStream,
    path: Path,
    root: Path,
    limits: Limits,
    visit: Visit | None,
    checks: bool = True,
) -> Streamed:
    file = display_path(path)
    summary = _Summary()
    findings: list[Finding] = []
    for chunk, items, locator in reader.chunks_first():
        if chunk.first + chunk.count > limits.max_claims:
            continue  # reported below; the rest of the file is still read for its syntax
        all_valid = True
        for k, value in enumerate(items):
            index = chunk.first + k
            try:
                claim = _CLAIM.validate_python(value, strict=True)
            except ValidationError:
                claim = _invalid_item(index, locator, limits, file, summary, findings)
                if claim is None:
                    all_valid = False
                    continue
            if not claim_limits_ok(claim, limits):
                raise NotStreamable("a claim beyond the limits the fast path checks")
            summary.add(index, claim)
        if all_valid:
            locator.use_claim_keys()
    header_locator = reader.header_locator
    assert header_locator is not None
    report = Report(files=[file])
    if reader.count > limits.max_claims:
        line, column = header_locator.locate(("claims",))
        report.extend(
            [
                R.LIMITS_CLAIMS.finding(
                    file=file,
                    line=line,
                    column=column,
                    path="/claims",
                    count=reader.count,
                    limit=limits.max_claims,
                )
            ]
        )
        return Streamed(report, reader, summary)
    try:
        model = ClaimFile.model_validate(reader.header, strict=True)
    except ValidationError as exc:
        raise NotStreamable("the header fails the schema") from exc
    longest = limits.max_string_length
    if len(model.schema_ or "") > longest or len(model.document.sha256) > longest:
        raise NotStreamable("a header string beyond the limit")
    parsed = ParsedFile(path=path, file=file, format="json", locator=header_locator)
    parsed.sha256 = reader.sha256
    complete = not summary.invalid
    header = ClaimSet(document=model.document, claims=[], path=path, parsed=parsed)
    loaded = Loaded(None, findings)
    attach_references(header, root, loaded, limits)
    report.extend(loaded.findings)
    report.claims = len(summary.valid)
    summary.order_passages()
    _second_reading(reader, summary, header, complete, report, visit, checks)
    return Streamed(report, reader, summary, header)


def _invalid_item(
    index: int,
    locator: ChunkLocator,
    limits: Limits,
    file: str,
    summary: _Summary,
    findings: list[Finding],
) -> Claim | None:
    """An item the models refused: its schema findings, as the exact reader gives them (the
    value parsed by the standard library); the claim when that value is valid after all."""
    value = locator.item_value(index)
    if limit_problem(value, replace(limits, max_depth=limits.max_depth - 2)) is not None:
        raise NotStreamable("an item beyond the limits")
    try:
        return _CLAIM.validate_python(value, strict=True)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    for error in errors:
        error["loc"] = ("claims", index, *error["loc"])
    findings.extend(findings_from_errors(errors, {"claims": {index: value}}, locator, file))
    summary.invalid.add(index)
    if isinstance(value, dict) and isinstance(value.get("id"), str):
        summary.other_ids.add(value["id"])
    return None


def _second_reading(
    reader: JsonStream,
    summary: _Summary,
    header: ClaimSet,
    complete: bool,
    report: Report,
    visit: Visit | None,
    checks: bool = True,
) -> None:
    """Check and assess each chunk's claims in the context of the whole set."""
    ids: Any = summary.first
    if summary.other_ids:
        ids = {*summary.first, *summary.other_ids}
    suggester = _LazySuggester(ids)
    store = _Claims(reader, summary)
    shared: dict[str, Any] = {}
    first_lines: dict[str, int | None] = {}
    used: set[tuple[str, str]] = set()
    suppress_at: dict[tuple[str, str], tuple[tuple[int | None, int | None], str]] = {}
    header_locator = header.parsed.locator if header.parsed is not None else None
    reasons: dict[Any, Any] = {}
    try:
        for chunk, items, locator in reader.chunks_again():
            locator.header = header_locator  # type: ignore[assignment]
            claims: list[Claim] = []
            indexes: list[int] = []
            positions: dict[int, int] = {}
            store.current = {}
            for k, value in enumerate(items):
                index = chunk.first + k
                if index in summary.invalid:
                    continue
                try:
                    claim = _CLAIM.validate_python(value, strict=True)
                except ValidationError:  # valid as the standard library parses it
                    claim = _CLAIM.validate_python(locator.item_value(index), strict=True)
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
            parsed = ParsedFile(path=header.path, file=header.file or "", format="json")  # type: ignore[arg-type]
            parsed.locator = locator
            part = ClaimSet(
                document=header.document,
                claims=claims,
                path=header.path,
                document_text=header.document_text,
                bibliography=header.bibliography,
                parsed=parsed,
                claim_indexes=indexes,
                complete=complete,
            )
            ctx = _StreamContext(
                part,
                incoming=summary.incoming,  # type: ignore[arg-type]
                **shared,
            )
            fetch = _Held(store)
            ctx.summary, ctx.claim_at, ctx.chunk_positions = summary, fetch, positions
            ctx.challengers = _Related(summary.challengers, fetch)  # type: ignore[assignment]
            ctx.supporters = _Related(summary.supporters, fetch)  # type: ignore[assignment]
            assessed = assess_claims(part, ctx)
            if not checks:  # the caller keeps what it needs of the assessments
                _shared_reasons(assessed.assessments, reasons)
                if visit is not None:
                    visit(part, assessed.assessments)
                continue
            found = list(_duplicates(part, summary, first_lines))
            found += check_anchors(part)
            found += check_claim_citations(part)
            found += check_relations(part, ids=ids, suggester=suggester)
            found += check_reviews(part)
            found += assessed.findings
            shared = {name: getattr(ctx, name) for name in _SHARED}
            kept = drop_suppressed(found, summary.wanted, used) if summary.wanted else found
            if summary.wanted:
                _suppressions_at(part, summary.wanted, suppress_at)
            report.extend(kept)
            report.assessments.extend(_shared_reasons(assessed.assessments, reasons))
            if visit is not None:
                visit(part, assessed.assessments)
    finally:
        store.close()
    if not checks:
        return
    last: list[Finding] = list(check_document_citation(header, summary.cited))
    if complete and header.document_text is not None:
        spans = (_Span(s, e) for s, e in zip(summary.starts, summary.ends, strict=True))
        whole = replace_claims(header, spans)
        last += check_coverage(whole)
    for key in summary.wanted:
        if key not in used and key in suppress_at:
            (line, column), pointer = suppress_at[key]
            last.append(
                R.SUPPRESS_UNUSED.finding(
                    file=header.file,
                    line=line,
                    column=column,
                    claim_id=key[0],
                    path=pointer,
                    code=key[1],
                )
            )
    report.extend(last)


_MOST_SHARED = 200_000
"""Distinct lists of reasons made one object each (beyond, each claim keeps its own)."""


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


def replace_claims(cs: ClaimSet, claims: Any) -> ClaimSet:
    """``cs`` with other claims (for the coverage check: anchors only), marked complete."""
    return ClaimSet(
        document=cs.document,
        claims=claims,
        path=cs.path,
        document_text=cs.document_text,
        parsed=cs.parsed,
        complete=True,
    )


def _duplicates(
    part: ClaimSet, summary: _Summary, first_lines: dict[str, int | None]
) -> list[Finding]:
    """``check_ids`` across chunks: a claim whose id a claim before it has (the first's line
    is noted when the reading passes it)."""
    out = []
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
    at: dict[tuple[str, str], tuple[tuple[int | None, int | None], str]],
) -> None:
    """Where each suppression that counts (the last of its id and code) is, if in ``part``."""
    for k, claim in enumerate(part.claims):
        for i, suppression in enumerate(claim.suppress):
            key = (claim.id, suppression.code)
            if wanted.get(key) == (part.claim_indexes[k], i):
                at[key] = (part.locate(k, "suppress", i), part.pointer(k, "suppress", i))
