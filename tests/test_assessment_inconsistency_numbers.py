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


_TWO_OUTCOMES_BIB = """@article{okafor2023,
  author = {Okafor, Ada},
  title = {Exercise for inflammatory bowel disease},
  year = {2023},
  note = {Quality of life SMD 0.34 (-0.08 to 0.77), I2 57%;
          anxiety SMD -0.35 (-0.65 to -0.05), I2 0%.}
}
"""


def test_an_entrys_i_squared_belongs_to_the_estimate_it_follows() -> None:
    # GRADE guidelines 7 judge inconsistency per outcome: the note's 57% is quality of life's,
    # not anxiety's, so a claim on anxiety is not rated down for it; one on quality of life is
    anxiety = (
        "Exercise reduced anxiety (SMD -0.35, 95% CI -0.65 to -0.05; 4 randomized trials,"
        " 178 adults; Okafor 2023)."
    )
    quality = (
        "Exercise did not clearly improve quality of life (SMD 0.34, 95% CI -0.08 to 0.77;"
        " 6 randomized trials, 235 adults; Okafor 2023)."
    )
    for text, rated in ((anxiety, False), (quality, True)):
        report = assessed(
            {"text": text, "type": "systematic_review", "sources": ["okafor2023"]},
            bib=_TWO_OUTCOMES_BIB,
        )
        assert ("inconsistency.heterogeneity" in codes_of(report)) is rated, text


def test_an_entry_with_one_estimate_still_lends_its_i_squared() -> None:
    bib = """@article{okafor2023,
  author = {Okafor, Ada},
  title = {Exercise for inflammatory bowel disease},
  year = {2023},
  note = {Quality of life SMD 0.34 (-0.08 to 0.77), I2 57%.}
}
"""
    text = "Exercise reduced anxiety in 4 randomized trials with 900 adults (Okafor 2023)."
    report = assessed(
        {"text": text, "type": "systematic_review", "sources": ["okafor2023"]}, bib=bib
    )
    assert "inconsistency.heterogeneity" in codes_of(report)
