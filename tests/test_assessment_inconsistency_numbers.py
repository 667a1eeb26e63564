"""Inconsistency read from numbers: intervals of separate studies that do not overlap (GRADE
guidelines 7), and I² named by its Cochrane Handbook band in the reason."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from evidence_claims.assessment.estimates import disjoint_study_estimates

from .assessment_helpers import assessed, assessment_of, codes_of


def test_separate_trials_whose_intervals_do_not_overlap_are_inconsistent() -> None:
    text = (
        "Across 6 randomized trials with 2,400 adults, one trial found fewer relapses (RR 0.40,"
        " 95% CI 0.28 to 0.57), whereas another trial found more (RR 1.60, 95% CI 1.20 to 2.13)."
    )
    report = assessed({"text": text, "type": "systematic_review"})
    reasons = {r.code: r.note for r in assessment_of(report).reasons}
    assert "inconsistency.heterogeneity" in reasons
    assert (
        "RR 0.4 (0.28 to 0.57) and RR 1.6 (1.2 to 2.13)" in reasons["inconsistency.heterogeneity"]
    )


def test_estimates_of_different_outcomes_are_not_set_against_each_other() -> None:
    text = (
        "Across 12 randomized trials with 24,000 adults, the drug meant fewer heart attacks"
        " (RR 0.60, 95% CI 0.50 to 0.72) but more strokes (RR 1.40, 95% CI 1.20 to 1.63)."
    )
    assert "inconsistency.heterogeneity" not in codes_of(
        assessed({"text": text, "type": "systematic_review"})
    )


def test_overlapping_intervals_of_separate_trials_are_consistent() -> None:
    text = (
        "One trial found fewer relapses (RR 0.70, 95% CI 0.50 to 0.98), whereas another found"
        " no clear difference (RR 0.90, 95% CI 0.70 to 1.16)."
    )
    assert disjoint_study_estimates(text) is None


def test_the_reason_names_the_handbook_band_of_i_squared() -> None:
    for value, band in (("62%", "substantial"), ("88%", "considerable")):
        text = f"Across 12 randomized trials with 5,000 adults the drug helped (I² = {value})."
        report = assessed({"text": text, "type": "systematic_review"})
        reasons = {r.code: (r.note, r.effect) for r in assessment_of(report).reasons}
        note, effect = reasons["inconsistency.heterogeneity"]
        assert band in note
        assert effect == -1  # considerable heterogeneity still takes one level, not two


@given(st.text(max_size=300))
def test_disjoint_estimates_never_raise(text: str) -> None:
    disjoint_study_estimates(text)
