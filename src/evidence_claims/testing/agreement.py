"""Agreement between extracted claims and hand-annotated ones, field by field.

Annotators sometimes split one sentence into several claims (the bundled kratom set does), so
claims are aligned by character overlap, in two directions:

- *per gold claim*: each annotated claim is compared with the extracted claim that overlaps it
  most;
- *per extracted statement*: each extracted claim is compared with the annotated claim that
  covers most of its characters (the "majority" reading of the sentence).

Segmentation is scored on span boundaries; cues by overlap (a predicted hedge that overlaps an
annotated hedge is right) and, stricter, by exact span. All results are plain data.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model.records import Claim, Cue

HALVES = ("design", "check")
"""The two halves of a tuning set (:func:`half_of`)."""


def half_of(key: str) -> str:
    """``design`` or ``check``: a fixed split of a tuning set (gold passages, development
    items) by a digest of each item's name or id.

    Rules are written from the design half, whose items and mismatches may be read, and kept
    only if the check half, read as aggregates only, moves with it: the tuning set's own
    held-out test, so that a rule fitted to the statements it was written from shows up before
    the validation half is spent. A digest of the key (not its position) keeps each item on
    its side as items are added.
    """
    return HALVES[hashlib.sha256(key.encode("utf-8")).digest()[0] % 2]


FIELDS = ("kind", "type", "basis", "sources")


@dataclass
class Tally:
    """Right out of total, for one field."""

    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += int(ok)
        self.total += 1

    @property
    def rate(self) -> float:
        return self.right / self.total if self.total else float("nan")

    def __iadd__(self, other: Tally) -> Tally:
        self.right += other.right
        self.total += other.total
        return self


@dataclass
class PR:
    """Precision and recall counts."""

    tp_pred: int = 0
    pred: int = 0
    tp_gold: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp_pred / self.pred if self.pred else float("nan")

    @property
    def recall(self) -> float:
        return self.tp_gold / self.gold if self.gold else float("nan")

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __iadd__(self, other: PR) -> PR:
        self.tp_pred += other.tp_pred
        self.pred += other.pred
        self.tp_gold += other.tp_gold
        self.gold += other.gold
        return self


@dataclass
class Agreement:
    """Field agreement of one document (add several with ``+=``)."""

    per_gold: dict[str, Tally] = field(default_factory=lambda: {f: Tally() for f in FIELDS})
    per_statement: dict[str, Tally] = field(default_factory=lambda: {f: Tally() for f in FIELDS})
    spans: PR = field(default_factory=PR)  # exact span match
    boundaries: PR = field(default_factory=PR)  # sentence end offsets
    hedges: PR = field(default_factory=PR)
    boosters: PR = field(default_factory=PR)
    hedges_exact: PR = field(default_factory=PR)
    boosters_exact: PR = field(default_factory=PR)
    mismatches: list[tuple[str, str, str, str]] = field(default_factory=list)

    def __iadd__(self, other: Agreement) -> Agreement:
        for name in FIELDS:
            self.per_gold[name] += other.per_gold[name]
            self.per_statement[name] += other.per_statement[name]
        for name in ("spans", "boundaries", "hedges", "boosters", "hedges_exact", "boosters_exact"):
            getattr(self, name).__iadd__(getattr(other, name))
        self.mismatches.extend(other.mismatches)
        return self


def overlap(a: Claim, b: Claim) -> int:
    """Characters the anchors of ``a`` and ``b`` share (0 when apart)."""
    return max(0, min(a.anchor.end, b.anchor.end) - max(a.anchor.start, b.anchor.start))


def covering(start: int, end: int, claims: Sequence[Claim]) -> int | None:
    """Index of the claim of ``claims`` that covers most of the span ``start``..``end``
    (the first of equals; None when none overlaps it): the one alignment rule that the
    agreement figures, the annotator comparison and the learned models' training labels share."""
    best, size = None, 0
    for index, claim in enumerate(claims):
        here = min(end, claim.anchor.end) - max(start, claim.anchor.start)
        if here > size:
            best, size = index, here
    return best


def _best(claim: Claim, others: Sequence[Claim]) -> Claim | None:
    index = covering(claim.anchor.start, claim.anchor.end, others)
    return others[index] if index is not None else None


def _fields(claim: Claim) -> dict[str, object]:
    return {
        "kind": claim.kind,
        "type": claim.evidence.type,
        "basis": claim.evidence.basis,
        "sources": tuple(sorted(claim.evidence.sources)),
    }


def compare(predicted: Sequence[Claim], gold: Sequence[Claim]) -> Agreement:
    """Agreement of extracted claims with annotated claims of the same document."""
    result = Agreement()
    for claim in gold:
        match = _best(claim, predicted)
        want = _fields(claim)
        got = _fields(match) if match is not None else {}
        for name in FIELDS:
            result.per_gold[name].add(got.get(name) == want[name])
    for claim in predicted:
        match = _best(claim, gold)
        got = _fields(claim)
        want = _fields(match) if match is not None else {}
        for name in FIELDS:
            ok = got[name] == want.get(name)
            result.per_statement[name].add(ok)
            if not ok and name in ("kind", "type", "basis"):
                result.mismatches.append(
                    (claim.id, name, str(want.get(name)), f"{got[name]}  | {claim.text[:60]}")
                )
    gold_spans = {(c.anchor.start, c.anchor.end) for c in gold}
    pred_spans = {(c.anchor.start, c.anchor.end) for c in predicted}
    result.spans = _set_pr(pred_spans, gold_spans)
    result.boundaries = _set_pr({e for _s, e in pred_spans}, {e for _s, e in gold_spans})
    for kind in ("hedges", "boosters"):
        gold_cues = [c for claim in gold for c in getattr(claim, kind)]
        pred_cues = [c for claim in predicted for c in getattr(claim, kind)]
        setattr(result, kind, _cue_pr(pred_cues, gold_cues))
        setattr(
            result,
            f"{kind}_exact",
            _set_pr({(c.start, c.end) for c in pred_cues}, {(c.start, c.end) for c in gold_cues}),
        )
    return result


def _set_pr(pred: set[object], gold: set[object]) -> PR:
    common = len(pred & gold)
    return PR(common, len(pred), common, len(gold))


def _cue_pr(pred: Sequence[Cue], gold: Sequence[Cue]) -> PR:
    def hits(a: Cue, b: Cue) -> bool:
        return a.start < b.end and b.start < a.end

    tp_pred = sum(1 for p in pred if any(hits(p, g) for g in gold))
    tp_gold = sum(1 for g in gold if any(hits(p, g) for p in pred))
    return PR(tp_pred, len(pred), tp_gold, len(gold))
