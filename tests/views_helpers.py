"""Build small in-memory claim sets for the tests of tables, display and the report page."""

from __future__ import annotations

from typing import Any

from evidence_claims.io.bib import parse_bibliography
from evidence_claims.io.claimset import ClaimSet
from evidence_claims.model.records import ClaimFile
from evidence_claims.model.report import ClaimAssessment, Reason, Report

BIB = """
@article{smith2020,
  author = {Smith, John A. and Jones, Mary},
  title = {A {Trial} of things},
  journal = {Journal of Tests \\& Checks},
  year = {2020}, volume = {3}, number = {2}, pages = {10--20},
}
"""


def make_set(text: str, *claims: dict[str, Any], title: str | None = "Test") -> ClaimSet:
    """A claim set over ``text``; each claim gives id, span (start, end) and optional fields."""
    records = []
    for spec in claims:
        spec = dict(spec)
        start, end = spec.pop("span")
        record = {
            "id": spec.pop("id"),
            "text": text[start:end],
            "anchor": {"start": start, "end": end},
            "kind": spec.pop("kind", "claim"),
            "evidence": {
                "type": spec.pop("type", "anecdotal_report"),
                "sources": spec.pop("sources", []),
                "basis": spec.pop("basis", "none"),
            },
            **spec,
        }
        records.append(record)
    model = ClaimFile.model_validate(
        {
            "document": {"id": "test", "path": "document.txt", "sha256": "0" * 64, "title": title},
            "claims": records,
        },
        strict=False,
    )
    return ClaimSet.from_model(
        model, document_text=text, bibliography=parse_bibliography(BIB, file="refs.bib")
    )


def assessed(*items: tuple[str, str, str | None, list[tuple[Any, ...]], str | None]) -> Report:
    """A report holding assessments: (claim id, certainty, stated, reasons, wording).

    A reason is (code, effect, note) or (code, effect, note, origin).
    """
    report = Report()
    for claim_id, certainty, stated, reasons, wording in items:
        report.assessments.append(
            ClaimAssessment(
                claim_id=claim_id,
                certainty=certainty,
                start="low",
                stated=stated,
                reasons=tuple(Reason(*reason) for reason in reasons),
                wording=wording,
            )
        )
    return report
