"""A limitation stated in the sentence after a finding is a reason about that finding's evidence.

"A review of 8 trials (Smith 2020) found that X reduced pain. The trials were small and poorly
reported." The second sentence makes no finding of its own (it is drafted as a ``meta``
statement drawing on the same source); it says what the body of evidence behind the finding is
like, which is what GRADE rates (GRADE guidelines 4-8).
"""

from __future__ import annotations

from pathlib import Path

import evidence_claims

BIB = """@article{smith2020,
  author = {Smith, Jane},
  title = {A systematic review},
  journal = {Journal of Reviews},
  year = {2020},
  note = {Systematic review of 8 randomized trials.}
}
@article{jones2021,
  author = {Jones, Ann},
  title = {Another systematic review},
  journal = {Journal of Reviews},
  year = {2021},
  note = {Systematic review of 6 randomized trials.}
}
"""
FINDING = "A systematic review of 8 randomized trials (Smith 2020) found that X reduced pain."


def _codes(text: str, tmp_path: Path) -> dict[str, list[str]]:
    bib = tmp_path / "references.bib"
    bib.write_text(BIB, "utf-8")
    claim_set = evidence_claims.extract(text, bibliography=bib)
    report = evidence_claims.assess(claim_set)
    by_id = {a.claim_id: a for a in report.assessments}
    return {c.text: [r.code for r in by_id[c.id].reasons if r.effect] for c in claim_set.claims}


def test_a_limitation_in_the_next_sentence_rates_the_finding(tmp_path: Path) -> None:
    codes = _codes(f"{FINDING} The trials were small and poorly reported.", tmp_path)
    assert sorted(codes[FINDING]) == ["imprecision.reported", "risk_of_bias.reported"]


def test_the_next_finding_keeps_its_reasons_to_itself(tmp_path: Path) -> None:
    text = f"{FINDING} In the trials that were not blinded, X also reduced fatigue."
    assert _codes(text, tmp_path)[FINDING] == []


def test_a_limitation_of_another_review_is_not_this_findings(tmp_path: Path) -> None:
    text = f"{FINDING} Another review (Jones 2021) found that its trials were poorly reported."
    assert _codes(text, tmp_path)[FINDING] == []
