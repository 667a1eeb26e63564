"""What the GRADE benchmarks and the gold-file tests share (run from this folder): the GRADE
domains, and a statement assessed as the one claim of a claim file.

grade_agreement.py assesses each gold statement, and grade_footnotes.py each footnote phrase in
its frame, as a claim a person typed in a minute: the whole text, one cited entry, an explicit
evidence type. Both must build that claim the same way for their figures to be comparable.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import evidence_claims

if TYPE_CHECKING:
    from evidence_claims.io.claimset import ClaimSet
    from evidence_claims.model.report import ClaimAssessment

DOMAINS = (
    "risk_of_bias",
    "inconsistency",
    "indirectness",
    "imprecision",
    "publication_bias",
    "large_effect",
    "dose_response",
    "plausible_confounding",
)
"""GRADE's five domains that rate a body of evidence down and three that rate it up, in the
order the benchmarks print them (also the values of a gold item's ``authors_reasons`` domain)."""


@contextmanager
def item_folder(item: dict) -> Iterator[Path]:
    """A temporary folder holding a gold item's statement as document.txt and its entry as
    references.bib, as a person would lay out the one claim's files (removed afterwards)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "document.txt").write_text(item["statement"], "utf-8")
        (folder / "references.bib").write_text(item["bibtex"], "utf-8")
        yield folder


def one_claim_set(
    folder: Path, text: str, *, doc_id: str, evidence_type: str, key: str
) -> ClaimSet:
    """``text`` as the one claim of a claim file written to ``folder`` (which already holds
    document.txt and references.bib): ``evidence_type`` and ``key`` cited explicitly, read back
    through the public API as a user's file would be."""
    claim_file = {
        "document": {
            "id": doc_id,
            "path": "document.txt",
            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "bibliography": "references.bib",
        },
        "claims": [
            {
                "id": f"{doc_id}-001",
                "text": text,
                "anchor": {"start": 0, "end": len(text)},
                "kind": "claim",
                "evidence": {
                    "type": evidence_type,
                    "sources": [key],
                    "basis": "explicit",
                },
            }
        ],
    }
    (folder / "claims.json").write_text(json.dumps(claim_file, ensure_ascii=False), "utf-8")
    return evidence_claims.load(folder / "claims.json")


def assess_one_claim(
    folder: Path,
    text: str,
    *,
    doc_id: str,
    evidence_type: str,
    key: str,
    certainty: str = "rules",
) -> ClaimAssessment:
    """The assessment of ``text`` as the one claim of :func:`one_claim_set` (``certainty``:
    the rules alone, or ``"learned"``: calibrated)."""
    claim_set = one_claim_set(folder, text, doc_id=doc_id, evidence_type=evidence_type, key=key)
    report = evidence_claims.assess(claim_set, certainty=certainty)
    return report.assessments[0]
