"""A statement that reports a review's or trial's result stays a claim resting on its cited
entry, even when it also names the evidence's limits (heterogeneity, small trials, conflicting
studies), which alone would make it a remark about the evidence (meta)."""

from __future__ import annotations

from pathlib import Path

import pytest

import evidence_claims
from evidence_claims.extraction.kinds import classify

BIB = """@article{novak2020,
  author = {Novak, Petra and Lind, Ola},
  title = {Vitamin K for leg cramps},
  journal = {Cochrane Database of Systematic Reviews},
  year = {2020},
  note = {Systematic review of 7 randomized controlled trials (812 participants).}
}
"""


@pytest.mark.parametrize(
    "statement",
    [
        # An estimate with its interval, and the heterogeneity that goes with it.
        "Vitamin K reduced the number of cramps (SMD -0.40, 95% CI -0.70 to -0.10; 7 randomized"
        " trials, 812 adults), with substantial heterogeneity (I² = 71%) (Novak 2020).",
        # "According to X and colleagues (year)", and trials that were small.
        "Vitamin K made no difference to sleep (mean difference 0.02, 95% CI -0.15 to 0.19),"
        " according to Novak and colleagues (2020); the trials were small.",
        # A cited review that found too little evidence, opened by "Whether".
        "Whether vitamin K prevents cramps in older adults is not known: a Cochrane review of 7"
        " trials with 812 adults (Novak 2020) found too little evidence to say.",
        # "A Cochrane review by X and colleagues (year) found", beside small trials.
        "A Cochrane review by Novak and colleagues (2020) found that vitamin K shortened"
        " cramps, but the trials were small.",
        # Conflicting evidence, with what each study found.
        "Evidence on vitamin K and night cramps is conflicting (Novak 2020): one trial of 90"
        " adults found no effect, while a trial of 120 found fewer cramps.",
    ],
)
def test_a_reported_result_is_a_graded_claim_on_its_entry(tmp_path: Path, statement: str) -> None:
    (tmp_path / "references.bib").write_text(BIB, "utf-8")
    claim_set = evidence_claims.extract(statement, bibliography=tmp_path / "references.bib")
    [claim] = claim_set.claims
    assert claim.kind == "claim"
    assert claim.evidence.sources == ["novak2020"]
    [assessment] = evidence_claims.assess(claim_set).assessments
    assert assessment.certainty != "ungraded"


@pytest.mark.parametrize(
    "statement",
    [
        "The trials were small and their results heterogeneous.",
        "Evidence on vitamin K and night cramps is conflicting.",
        "A review of the role of vitamin K in cramps has not yet been reported.",
        "The primary outcome was the number of cramps, reported with its 95% confidence interval.",
    ],
)
def test_remarks_about_the_evidence_stay_meta(statement: str) -> None:
    assert classify(statement, "sentence") == "meta"
