"""Effect estimates, intervals, I² and counts read from text (assessment/estimates.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evidence_claims.assessment.estimates import (
    effects,
    i_squared,
    people_counts,
    study_counts,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("RR 0.53, 95% CI 0.41 to 0.69", ("RR", 0.53, 0.41, 0.69)),
        ("RR 2.24 (2.06 to 2.43)", ("RR", 2.24, 2.06, 2.43)),
        ("a hazard ratio of 1.2 (0.91–1.53)", ("HR", 1.2, 0.91, 1.53)),
        ("OR 1.2 (0.91, 1.53)", ("OR", 1.2, 0.91, 1.53)),
        ("MD 15.51 nmol/L (95% CI 6.28, 24.74)", ("MD", 15.51, 6.28, 24.74)),
        ("SMD −0.28, 95% CI −0.60 to 0.05", ("SMD", -0.28, -0.60, 0.05)),
        (
            "risk ratio (RR) 1.26; 95% confidence interval (CI) 1.16 to 1.36",
            ("RR", 1.26, 1.16, 1.36),
        ),
        ("OR 1.34, 95% credible interval 0.94 to 1.92", ("OR", 1.34, 0.94, 1.92)),
        ("MD 1.22 IQ points higher (0.65 to 1.79)", ("MD", 1.22, 0.65, 1.79)),
        ("sensitivity 77.2% (95% CI 75.4–78.9%)", ("sensitivity", 77.2, 75.4, 78.9)),
        ("risk difference -0.02 (-0.05 to 0.01)", ("RD", -0.02, -0.05, 0.01)),
        ("RR 0.87 [95% CI 0.78 to 0.96]", ("RR", 0.87, 0.78, 0.96)),
        ("(RR = 0.53; 95% CI: 0.41-0.69)", ("RR", 0.53, 0.41, 0.69)),
    ],
)
def test_effect_writings(text: str, expected: tuple[str, float, float, float]) -> None:
    (found,) = effects(text)
    assert (found.measure, found.value, found.low, found.high) == pytest.approx(expected)


def test_no_effect_in_plain_words() -> None:
    # "or" is not an odds ratio, and a range of ages is not an interval
    assert effects("twelve or 13 people (2 to 4 years old) took part") == []
    assert effects("aged 18 to 65") == []


def test_null_and_kind() -> None:
    (ratio,) = effects("RR 1.07 (0.81 to 1.41)")
    assert ratio.includes_null() and ratio.null == 1.0
    (diff,) = effects("MD 0.72 (0.18 to 1.26)")
    assert not diff.includes_null() and diff.null == 0.0
    (prop,) = effects("specificity 99.4% (95% CI 99.1 to 99.8)")
    assert prop.null is None and not prop.includes_null()


def test_heterogeneity() -> None:
    assert [v for v, _ in i_squared("I² = 83%; I2 = 53%, I^2 of 99 %, I-squared 62.3%")] == [
        83.0,
        53.0,
        99.0,
        62.3,
    ]


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("4,100 airline cabin crew", 4100),
        ("12,500 nurses", 12500),
        ("320 travellers", 320),
        ("230 trials with about 102,000 patients", 102000),
        ("n = 47", 47),
        ("adjusted N = 4,167", 4167),
        ("a single randomized trial of 69 smokers", 69),
    ],
)
def test_people_in_any_wording(text: str, n: int) -> None:
    assert [value for value, _ in people_counts(text)] == [n]


def test_trials_are_not_people() -> None:
    assert people_counts("33 randomized trials in children") == []


def test_study_counts_by_design() -> None:
    found = [(c.n, c.design) for c in study_counts("nine cohort studies plus one trial")]
    assert found == [(9, "observational"), (1, "randomized")]
    assert [(c.n, c.design) for c in study_counts("27 randomized trials and 8 RCTs")] == [
        (27, "randomized"),
        (8, "randomized"),
    ]
    assert [(c.n, c.design) for c in study_counts("a single randomized trial")] == [
        (1, "randomized")
    ]
    # GRADE guidelines 3: a longitudinal study follows people without assigning the exposure
    assert [(c.n, c.design) for c in study_counts("one longitudinal study of 23 infants")] == [
        (1, "observational")
    ]


def test_a_year_before_one_trial_is_no_count_and_matched_studies_are_counted() -> None:
    # "the Althabe 2015 trial" named one trial, read before as 2015 randomized trials
    assert study_counts("in the large Althabe 2015 trial") == []
    assert [(c.n, c.design) for c in study_counts("Two matched case-control studies")] == [
        (2, "observational")
    ]
    assert [(c.n, c.design) for c in study_counts("three longitudinal cohort studies")] == [
        (3, "observational")
    ]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises_on_any_text(text: str) -> None:
    effects(text)
    i_squared(text)
    study_counts(text)
    people_counts(text)


_values = st.decimals(min_value="0.01", max_value="99.99", places=2).map(float)


@settings(max_examples=300, deadline=None)
@given(
    _values,
    _values,
    _values,
    st.sampled_from(["RR", "OR", "HR"]),
    st.sampled_from(
        [
            "({lo} to {hi})",
            "(95% CI {lo} to {hi})",
            ", 95% CI {lo}–{hi}",
            " ({lo}, {hi})",
            " (95% confidence interval {lo} to {hi})",
        ]
    ),
)
def test_ratio_intervals_round_trip(a: float, b: float, c: float, measure: str, form: str) -> None:
    lo, value, hi = sorted((a, b, c))
    text = f"{measure} {value:g} " + form.format(lo=f"{lo:g}", hi=f"{hi:g}")
    (found,) = effects(text)
    assert (found.measure, found.value, found.low, found.high) == (measure, value, lo, hi)
    assert effects(str(found))[0] == found or str(effects(str(found))[0]) == str(found)


@settings(max_examples=200, deadline=None)
@given(
    st.decimals(min_value="-50", max_value="50", places=2).map(float),
    st.decimals(min_value="0.01", max_value="20", places=2).map(float),
)
def test_difference_intervals_round_trip(value: float, half: float) -> None:
    lo, hi = round(value - half, 2), round(value + half, 2)
    text = f"SMD {value:g} (95% CI {lo:g} to {hi:g})"
    (found,) = effects(text)
    assert (found.value, found.low, found.high) == (value, lo, hi)
    assert found.includes_null() == (lo <= 0 <= hi)
