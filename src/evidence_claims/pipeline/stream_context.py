"""What the second reading of a streamed file answers for the whole set while it holds one chunk.

The checks and the assessment ask about claims of other chunks (a relation's target id, a
supporter, a challenger, an earlier claim of the same passage, every anchor for coverage).
These classes answer from the first reading's :class:`~.stream_summary.Summary`, reading a
claim of another chunk again from its bytes only when its model is needed.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import fields
from typing import Any, NamedTuple

from ..assessment.context import CONTEXT_LOOKBACK, SetContext
from ..io.claimset import ClaimSet
from ..io.json_stream import JsonStream
from ..model.records import Claim
from ..rules.suggest import Suggester
from .stream_summary import Summary, read_claim

_CACHED_CLAIMS = 4096
"""Claims of other chunks kept once read again (supporters, passages): most are near."""


class _Anchor(NamedTuple):
    start: int
    end: int


class Span:
    """A claim as the coverage check reads it: its anchor only."""

    __slots__ = ("anchor",)

    def __init__(self, start: int, end: int) -> None:
        self.anchor = _Anchor(start, end)


class LazySuggester(Suggester):
    """A :class:`Suggester` of the file's ids, built when a first hint is asked for."""

    __slots__ = ("_ids", "_ready")

    def __init__(self, ids: Any) -> None:
        self._ids, self._ready = ids, False

    def closest(self, value: str) -> str | None:
        if not self._ready:
            Suggester.__init__(self, sorted(self._ids))
            self._ready = True
        return Suggester.closest(self, value)


class ClaimStore:
    """Claims by valid position: those of the current chunk, else read again from the file."""

    def __init__(self, reader: JsonStream, summary: Summary) -> None:
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
        claim = read_claim(self.reader, self.summary.valid[position], self.handle)
        self.cache[position] = claim
        if len(self.cache) > _CACHED_CLAIMS:
            self.cache.popitem(last=False)
        return claim

    def close(self) -> None:
        self.handle.close()


class Held:
    """Claims read for one chunk's context, kept alive while it lives: its per-claim caches
    are keyed by ``id()``. (No reference back to the context: validation runs with the
    cycle collector paused, and a cycle would keep every chunk's context.)"""

    __slots__ = ("claims", "store")

    def __init__(self, store: ClaimStore) -> None:
        self.store, self.claims = store, []

    def __call__(self, position: int) -> Claim:
        claim = self.store.get(position)
        self.claims.append(claim)
        return claim


class Related:
    """``ctx.supporters`` / ``ctx.challengers`` of a chunk: claims by target id, read on use."""

    __slots__ = ("by_target", "fetch")

    def __init__(self, by_target: dict[str, list[int]], fetch: Held) -> None:
        self.by_target, self.fetch = by_target, fetch

    def get(self, target: str, default: Any = None) -> Any:
        positions = self.by_target.get(target)
        if positions is None:
            return default
        return [self.fetch(p) for p in positions]


SHARED_CACHES = tuple(f.name for f in fields(SetContext) if f.name.startswith(("_bib", "_entry")))
"""The context's caches per cited entry, kept from chunk to chunk: they grow with the
bibliography, which the limits bound. Those per claim (keyed by the claim object) and per list
of sources (nearly one per claim in a large set) start afresh with each chunk."""


class StreamContext(SetContext):
    """The assessment's context for one chunk, answering for the whole set."""

    summary: Summary
    claim_at: Held
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


def chunk_context(
    part: ClaimSet,
    summary: Summary,
    store: ClaimStore,
    positions: dict[int, int],
    shared: dict[str, Any],
) -> StreamContext:
    """The context of one chunk's claims (``positions``: each claim's valid position by
    ``id()``), with the per-entry caches ``shared`` of the chunks before it."""
    ctx = StreamContext(part, incoming=summary.incoming, **shared)  # type: ignore[arg-type]
    fetch = Held(store)
    ctx.summary, ctx.claim_at, ctx.chunk_positions = summary, fetch, positions
    ctx.challengers = Related(summary.challengers, fetch)  # type: ignore[assignment]
    ctx.supporters = Related(summary.supporters, fetch)  # type: ignore[assignment]
    return ctx


def with_claims(cs: ClaimSet, claims: Any, **more: Any) -> ClaimSet:
    """A set of ``cs``'s document (its path and text) holding other claims; ``more``: the
    other fields it is given."""
    return ClaimSet(
        document=cs.document,
        claims=claims,
        path=cs.path,
        document_text=cs.document_text,
        **more,
    )


def replace_claims(cs: ClaimSet, claims: Any) -> ClaimSet:
    """``cs`` with other claims (for the coverage check: anchors only), marked complete."""
    return with_claims(cs, claims, parsed=cs.parsed, complete=True)
