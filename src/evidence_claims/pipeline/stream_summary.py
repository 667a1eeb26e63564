"""The first reading of a streamed claim file: what each claim leaves for the checks across claims.

A chunk's claims are validated and dropped; :class:`Summary` keeps of each only what the checks
and the assessment across the whole set need (ids, anchor spans, passages, relations by
target, suppressions, cited keys), so that memory holds no claim's model. Items the models
refuse are reported here as the exact reader reports them.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import TypeAdapter, ValidationError

from ..assessment.context import _evidence_key
from ..io.json_files import limit_problem
from ..io.json_stream import Chunk, ChunkLocator, JsonStream, NotStreamable, claim_limits_ok
from ..io.limits import Limits
from ..io.schema_errors import findings_from_errors
from ..model.records import Claim
from ..model.report import Finding

CLAIM = TypeAdapter(Claim)
"""One claim validated as the loader validates it (strict)."""


@dataclass
class Summary:
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

    def extend(self, part: Summary, first: int) -> None:
        """Add the summary of the claims that follow, read apart (``part``: a chunk with no
        invalid item, its indexes counted from 0; ``first``: the file index of its first
        item): the same summary as :meth:`add` on each of its claims in turn."""
        offset = len(self.valid)
        self.valid.extend(array("q", [first + index for index in part.valid]))
        self.ids.extend(part.ids)
        known = self.first
        for claim_id, position in part.first.items():
            if claim_id in known:
                self.duplicated.add(claim_id)
            else:
                known[claim_id] = position + offset
        self.duplicated |= part.duplicated
        self.starts.extend(part.starts)
        self.ends.extend(part.ends)
        groups = self.group_of
        mapped = [groups.setdefault(key, len(groups)) for key in part.group_of]
        self.groups.extend(array("q", [mapped[group] for group in part.groups]))
        for target, incoming in part.incoming.items():
            self.incoming.setdefault(target, []).extend(incoming)
        for mine, theirs in (
            (self.challengers, part.challengers),
            (self.supporters, part.supporters),
        ):
            for target, positions in theirs.items():
                mine.setdefault(target, []).extend(p + offset for p in positions)
        for key, (index, i) in part.wanted.items():  # the last one counts, as in add
            self.wanted[key] = (first + index, i)
        self.cited += part.cited

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


def read_claim(reader: JsonStream, index: int, handle: Any) -> Claim:
    """The valid claim at file ``index``, read again alone (parsed as the first reading
    parsed it: by jiter, else, for a claim valid only so, by the standard library)."""
    try:
        return CLAIM.validate_python(reader.read_item(index, handle), strict=True)
    except ValidationError:
        return CLAIM.validate_python(reader.read_item(index, handle, standard=True), strict=True)


def first_reading(reader: JsonStream, limits: Limits, file: str) -> tuple[Summary, list[Finding]]:
    """Validate each claim of the file in order, keeping its summary; the findings are those
    of the items the models refuse. Claims beyond ``max_claims`` are not validated (the caller
    reports their count), but the rest of the file is still read for its syntax."""
    summary = Summary()
    findings: list[Finding] = []
    for chunk, items, locator in reader.chunks_first():
        read_chunk_claims(chunk, items, locator, limits, file, summary, findings)
    return summary, findings


def read_chunk_claims(
    chunk: Chunk,
    items: list[Any],
    locator: ChunkLocator,
    limits: Limits,
    file: str,
    summary: Summary,
    findings: list[Finding],
) -> None:
    """One chunk of the first reading: its claims validated into ``summary``, the findings
    of the items the models refuse into ``findings``."""
    if chunk.first + chunk.count > limits.max_claims:
        return
    all_valid = True
    for k, value in enumerate(items):
        index = chunk.first + k
        try:
            claim = CLAIM.validate_python(value, strict=True)
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


def _invalid_item(
    index: int,
    locator: ChunkLocator,
    limits: Limits,
    file: str,
    summary: Summary,
    findings: list[Finding],
) -> Claim | None:
    """An item the models refused: its schema findings, as the exact reader gives them (the
    value parsed by the standard library); the claim when that value is valid after all."""
    value = locator.item_value(index)
    if limit_problem(value, replace(limits, max_depth=limits.max_depth - 2)) is not None:
        raise NotStreamable("an item beyond the limits")
    try:
        return CLAIM.validate_python(value, strict=True)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    for error in errors:
        error["loc"] = ("claims", index, *error["loc"])
    findings.extend(findings_from_errors(errors, {"claims": {index: value}}, locator, file))
    summary.invalid.add(index)
    if isinstance(value, dict) and isinstance(value.get("id"), str):
        summary.other_ids.add(value["id"])
    return None
