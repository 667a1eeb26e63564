"""Test accuracy claims are graded as GRADE for diagnostic tests grades them (GRADE guidelines 21
parts 1 and 2): accuracy designs start high, the wider of the sensitivity and specificity
intervals bounds imprecision, QUADAS-2 concerns and two-gate designs are risk of bias, widely
varying study estimates are inconsistency."""

from __future__ import annotations

import pytest

from evidence_claims.assessment.estimates import effects, study_counts

from .assessment_helpers import assessed, assessment_of

ACCURACY_BIB = """@article{dta2021, title = {A rapid test for infection},
  note = {Systematic review of 9 cross-sectional accuracy studies with 2,400 patients.}}
"""


def moved(spec: dict, bib: str | None = None) -> list[str]:
    return [r.code for r in assessment_of(assessed(spec, bib=bib)).reasons if r.effect]


@pytest.mark.parametrize(
    ("text", "measure", "low", "high"),
    [
        ("positive predictive value 0.41 (95% CI 0.31-0.52)", "PPV", 0.31, 0.52),
        ("NPV = 0.64 (95% CI, 0.58–0.70)", "NPV", 0.58, 0.70),
        ("an AUC of 0.82 (95% CI 0.75 to 0.89)", "AUC", 0.75, 0.89),
        ("positive likelihood ratio 11.05 (95% CI 3.76 to 32.50)", "LR+", 3.76, 32.5),
        ("LR- 0.2 (95% CI 0.1 to 0.4)", "LR-", 0.1, 0.4),
    ],
)
def test_other_accuracy_measures_are_read(text: str, measure: str, low: float, high: float) -> None:
    (effect,) = effects(text)
    assert (effect.measure, effect.low, effect.high) == (measure, low, high)


def test_a_pharmacokinetic_auc_is_not_an_accuracy_estimate() -> None:
    assert effects("AUC 450 ng·h/mL (95% CI 380 to 520)") == []


@pytest.mark.parametrize(
    ("text", "design"),
    [
        ("5 cross-sectional accuracy studies", "diagnostic"),
        ("12 cross-sectional (cohort type) accuracy studies", "diagnostic"),
        ("two case-control accuracy studies", "diagnostic"),
        ("3 diagnostic accuracy studies", "diagnostic"),
        ("6 cross-sectional studies", "observational"),
        ("nine cohort studies", "observational"),
    ],
)
def test_accuracy_designs_are_counted_as_such(text: str, design: str) -> None:
    (count,) = study_counts(text)
    assert count.design == design


def test_accuracy_estimates_typed_observational_start_high() -> None:
    # GRADE guidelines 21 part 1: cross-sectional or cohort accuracy studies start high
    spec = {
        "text": "In 7 studies with 3,100 adults the test had a sensitivity of 0.91 "
        "(95% CI 0.88 to 0.94) and a specificity of 0.95 (95% CI 0.93 to 0.97).",
        "type": "observational_study",
    }
    a = assessment_of(assessed(spec))
    assert a.start == "high" and a.certainty == "high"
    assert any(r.code == "design.randomized_body" for r in a.reasons)


def test_a_review_counting_cross_sectional_accuracy_studies_starts_high() -> None:
    spec = {
        "text": "The rapid test detected infection with a sensitivity of 0.90 (95% CI 0.86 to "
        "0.93) and a specificity of 0.96 (95% CI 0.94 to 0.97).",
        "type": "observational_study",
        "sources": ["dta2021"],
    }
    a = assessment_of(assessed(spec, bib=ACCURACY_BIB))
    assert a.start == "high"
    design = next(r for r in a.reasons if r.code == "design.randomized_body")
    assert "9 cross-sectional accuracy studies" in design.note


def test_the_wider_of_sensitivity_and_specificity_bounds_imprecision() -> None:
    # a narrow sensitivity first must not hide a wide specificity (GRADE guidelines 21 part 2
    # judges both)
    spec = {
        "text": "In 14 studies with 5,200 patients, sensitivity was 0.95 (95% CI 0.93 to 0.97) "
        "and specificity 0.60 (95% CI 0.38 to 0.79).",
        "type": "diagnostic_accuracy",
    }
    a = assessment_of(assessed(spec))
    (reason,) = [r for r in a.reasons if r.effect]
    assert reason.code == "imprecision.wide_interval"
    assert "specificity 0.6 (0.38 to 0.79)" in reason.note


def test_narrow_accuracy_intervals_are_precise() -> None:
    spec = {
        "text": "In 14 studies with 5,200 patients, sensitivity was 0.95 (95% CI 0.93 to 0.97) "
        "and specificity 0.90 (95% CI 0.86 to 0.93).",
        "type": "diagnostic_accuracy",
    }
    assert moved(spec) == []


@pytest.mark.parametrize(
    "words",
    [
        "with partial verification of negative results",
        "where not all patients received the same reference standard",
        "with an imperfect reference standard",
        "in which the index test was interpreted with knowledge of the reference standard",
        "with the patient selection domain at high risk",
    ],
)
def test_quadas_2_concerns_are_risk_of_bias(words: str) -> None:
    spec = {
        "text": f"In 10 studies with 3,000 patients {words}, sensitivity was 0.90 (95% CI 0.87 "
        "to 0.93) and specificity 0.94 (95% CI 0.92 to 0.96).",
        "type": "diagnostic_accuracy",
    }
    assert moved(spec) == ["risk_of_bias.reported"]


def test_a_two_gate_design_is_risk_of_bias_not_a_low_start() -> None:
    spec = {
        "text": "In 8 case-control accuracy studies with 2,600 people, sensitivity was 0.88 "
        "(95% CI 0.85 to 0.91) and specificity 0.93 (95% CI 0.91 to 0.95).",
        "type": "diagnostic_accuracy",
    }
    a = assessment_of(assessed(spec))
    assert a.start == "high"
    (reason,) = [r for r in a.reasons if r.effect]
    assert reason.code == "risk_of_bias.reported" and "two-gate" in reason.note


def test_case_control_outside_test_accuracy_is_not_two_gate() -> None:
    spec = {
        "text": "In 8 case-control studies with 2,600 people, smoking was linked to cancer "
        "(OR 2.1, 95% CI 1.8 to 2.5).",
        "type": "observational_study",
    }
    assert "risk_of_bias.reported" not in moved(spec)


def test_widely_varying_study_estimates_are_inconsistency() -> None:
    spec = {
        "text": "Across 11 studies with 4,000 patients the sensitivities ranged from 42% to "
        "100%; pooled sensitivity 0.85 (95% CI 0.80 to 0.89).",
        "type": "diagnostic_accuracy",
    }
    assert moved(spec) == ["inconsistency.heterogeneity"]


@pytest.mark.parametrize(
    ("words", "found"),
    [
        ("sensitivities ranged from 42% to 100%", True),
        ("specificity ranged from 91% to 99%", False),  # 8 points apart: not widely varying
        ("sensitivity ranging between 35 and 90%", True),
    ],
)
def test_spread_threshold(words: str, found: bool) -> None:
    spec = {
        "text": f"Across 11 studies with 4,000 patients {words}; pooled sensitivity 0.85 "
        "(95% CI 0.80 to 0.89).",
        "type": "diagnostic_accuracy",
    }
    assert ("inconsistency.heterogeneity" in moved(spec)) is found


def test_sensitivity_analysis_does_not_make_a_claim_diagnostic() -> None:
    spec = {
        "text": "In 6 cohort studies with 90,000 adults coffee was linked to lower mortality "
        "(RR 0.88, 95% CI 0.84 to 0.93); a sensitivity analysis agreed.",
        "type": "systematic_review",
    }
    a = assessment_of(assessed(spec))
    assert a.start == "low"
