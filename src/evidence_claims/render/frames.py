"""Claims and assessments as pandas DataFrames, with stable columns.

Three frames, each with stable columns (listed in the constants below) so that notebooks and
scripts written against them keep working:

- :func:`claims_frame` (``ClaimSet.to_frame()``): one row per claim, in document order.
- :func:`assessments_frame` (``Report.assessments_frame()``): one row per assessed claim.
- :func:`reasons_frame`: one row per reason of an assessment (for ``groupby("code")``).

Certainty columns are ordered categoricals from weakest to strongest (``ungraded`` <
``very_low`` < ``low`` < ``moderate`` < ``high``), so ``frame[frame.assessed >= "low"]`` keeps
claims graded at least low; ``source_type`` is a categorical in taxonomy order, so
``groupby("source_type")`` lists source types in a fixed order. Claim ids are unique within a
claim file only: the claims and assessments frames carry ``file`` and ``document`` columns, and
``(file, claim_id)`` is their key across files (``frame.set_index(["file", "claim_id"])``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..io.claimset import ClaimSet
from ..model.records import Claim
from ..model.report import FINDING_COLUMNS, Finding, Report
from .citations import citer
from .presentation import (
    CERTAINTY_ORDER,
    assessments_by_claim,
    grade_of,
    source_label,
    source_order,
)

if TYPE_CHECKING:
    import pandas as pd


CERTAINTY_SCALE: tuple[str, ...] = tuple(reversed(CERTAINTY_ORDER))
"""Certainty categories from weakest to strongest (the order of the categorical columns)."""

CLAIM_COLUMNS: tuple[str, ...] = (
    "claim_id",  # the claim's id
    "kind",  # claim | recommendation | question | meta
    "topic",  # the claim's topic, or None
    "text",  # the exact quote
    "start",  # anchor start offset (code points)
    "end",  # anchor end offset, exclusive
    "source_type",  # evidence.type (categorical, taxonomy order)
    "source_label",  # the taxonomy's label of source_type
    "basis",  # explicit | context | inferred | none
    "sources",  # tuple of BibTeX keys
    "citations",  # tuple of short citations, one per key
    "hedges",  # tuple of hedge cues
    "boosters",  # tuple of booster cues
    "caveats",  # tuple of caveat codes the claim file records
    "relations",  # tuple of "type:target"
    "certainty",  # the certainty the claim file states (categorical), or NA
    "assessed",  # the assessment's suggested certainty (categorical), NA when not assessed
    "wording",  # "overclaim" | "underclaim" | None
    "review",  # review status, or None
    "file",  # the claim file, as findings show it (claim ids repeat across files)
    "document",  # the document id of the claim file
)

ASSESSMENT_COLUMNS: tuple[str, ...] = (
    "claim_id",
    "certainty",  # suggested certainty (categorical)
    "start",  # the source type's starting certainty (categorical), or NA
    "stated",  # the certainty the claim file states (categorical), or NA
    "disagrees",  # stated and suggested differ
    "wording",  # "overclaim" | "underclaim" | None
    "reasons",  # tuple of reason codes, in order
    "rating",  # sum of the reasons' effects (levels moved)
    "note",  # why the claim is ungraded, when it is
    "relations",  # tuple of the claim's relations both ways ("challenged by c5")
    "file",  # the claim file (with claim_id, a unique key across files)
    "document",  # the document id of the claim file
)

REASON_COLUMNS: tuple[str, ...] = ("claim_id", "order", "code", "effect", "origin", "note")


def _certainty_categorical(values: Iterable[str | None]) -> Any:
    import pandas as pd

    return pd.Categorical(list(values), categories=list(CERTAINTY_SCALE), ordered=True)


def claims_frame(claim_set: ClaimSet, report: Report | None = None) -> pd.DataFrame:
    """One row per claim in document order, columns :data:`CLAIM_COLUMNS`.

    With a ``report`` that holds assessments, ``assessed`` and ``wording`` carry its
    suggestions; without one they are empty (``wording`` then reflects the claim file's own
    ``wording.*`` caveats).
    """
    import pandas as pd

    assessments = assessments_by_claim(report.assessments if report is not None else None)
    citation = citer(claim_set.bibliography)
    rows: list[dict[str, Any]] = []
    for claim in document_order(claim_set.claims):
        assessment = assessments.get(claim.id)
        grade = grade_of(claim, assessment)
        rows.append(
            {
                "claim_id": claim.id,
                "kind": claim.kind,
                "topic": claim.topic,
                "text": claim.text,
                "start": claim.anchor.start,
                "end": claim.anchor.end,
                "source_type": claim.evidence.type,
                "source_label": source_label(claim.evidence.type),
                "basis": claim.evidence.basis,
                "sources": tuple(claim.evidence.sources),
                "citations": tuple(citation(key) for key in claim.evidence.sources),
                "hedges": tuple(h.cue for h in claim.hedges),
                "boosters": tuple(b.cue for b in claim.boosters),
                "caveats": tuple(c.code for c in claim.caveats),
                "relations": tuple(f"{r.type}:{r.target}" for r in claim.relations),
                "certainty": claim.certainty,
                "assessed": assessment.certainty if assessment else None,
                "wording": grade.wording,
                "review": claim.review.status if claim.review else None,
                "file": claim_set.file,
                "document": claim_set.document.id,
            }
        )
    frame = pd.DataFrame(rows, columns=list(CLAIM_COLUMNS))
    order = source_order()
    extra = sorted({c.evidence.type for c in claim_set.claims} - set(order))
    frame["source_type"] = pd.Categorical(frame["source_type"], categories=[*order, *extra])
    frame["certainty"] = _certainty_categorical(frame["certainty"])
    frame["assessed"] = _certainty_categorical(frame["assessed"])
    return frame.astype({"start": "int64", "end": "int64"})


def assessments_frame(report: Report) -> pd.DataFrame:
    """One row per assessed claim, columns :data:`ASSESSMENT_COLUMNS`."""
    import pandas as pd

    rows = [
        {
            "claim_id": a.claim_id,
            "certainty": a.certainty,
            "start": a.start,
            "stated": a.stated,
            "disagrees": a.disagrees,
            "wording": a.wording,
            "reasons": tuple(r.code for r in a.reasons),
            "rating": sum(r.effect for r in a.reasons),
            "note": a.note,
            "relations": tuple(a.relations),
            "file": a.file,
            "document": a.document,
        }
        for a in report.assessments
    ]
    frame = pd.DataFrame(rows, columns=list(ASSESSMENT_COLUMNS))
    for column in ("certainty", "start", "stated"):
        frame[column] = _certainty_categorical(frame[column])
    return frame.astype({"disagrees": "bool", "rating": "int64"})


def reasons_frame(report: Report) -> pd.DataFrame:
    """One row per reason of every assessment, columns :data:`REASON_COLUMNS`."""
    import pandas as pd

    rows = [
        {
            "claim_id": a.claim_id,
            "order": i,
            "code": r.code,
            "effect": r.effect,
            "origin": r.origin,
            "note": r.note,
        }
        for a in report.assessments
        for i, r in enumerate(a.reasons, start=1)
    ]
    frame = pd.DataFrame(rows, columns=list(REASON_COLUMNS))
    return frame.astype({"order": "int64", "effect": "int64"})


def document_order(claims: Iterable[Claim]) -> list[Claim]:
    return sorted(claims, key=lambda c: (c.anchor.start, -c.anchor.end, c.id))


def findings_frame(report: Report) -> pd.DataFrame:
    """One row per finding, sorted by location (``Report.to_frame()``); columns as
    :data:`evidence_claims.model.report.FINDING_COLUMNS`."""
    import pandas as pd

    rows = [f.to_dict() for f in sorted(report.findings, key=Finding.sort_key)]
    frame = pd.DataFrame(rows, columns=list(FINDING_COLUMNS))
    return frame.astype({"line": "Int64", "column": "Int64"})
