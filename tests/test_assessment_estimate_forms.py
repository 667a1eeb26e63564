"""More of the ways reviews write an estimate and a count: effect sizes in standard deviation
units, two-word units, "95% CI from ... to ...", an estimate whose measure is not named but
whose interval is a 95% CI, and more nouns for the people counted."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evidence_claims.assessment.cues import participant_counts
from evidence_claims.assessment.estimates import effects, people_counts

from .assessment_helpers import assessed, assessment_of


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("weighted mean difference -4.2 mm Hg (-6.1 to -2.3)", "MD -4.2 (-6.1 to -2.3)"),
        ("Hedges' g = 0.45 (95% CI 0.20 to 0.70)", "SMD 0.45 (0.2 to 0.7)"),
        ("Cohen’s d 0.45, 95% CI 0.20 to 0.70", "SMD 0.45 (0.2 to 0.7)"),
        ("risk ratio 0.82 (95% CI from 0.71 to 0.95)", "RR 0.82 (0.71 to 0.95)"),
        (
            "shortened the stay by 3.79 days (95% CI 2.09 to 5.49 days fewer)",
            "estimate 3.79 (2.09 to 5.49)",
        ),
        ("an increase of 1.2 points, 95% CI -0.3 to 2.7", "estimate 1.2 (-0.3 to 2.7)"),
        # a direction word after each unsigned number, as summary-of-findings tables write
        (
            "stays were 0.09 days longer (95% CI 1.2 days shorter to 1.39 days longer)",
            "estimate 0.09 (-1.2 to 1.39)",
        ),
        ("pain MD 2.3 points lower (4.1 lower to 0.5 higher)", "MD -2.3 (-4.1 to 0.5)"),
        ("SMD 0.4 SD lower (0.6 lower to 0.2 lower)", "SMD -0.4 (-0.6 to -0.2)"),
        # a verb or an article between the estimate and its named interval
        ("the odds ratio of 0.56 had a 95% CI from 0.26 to 1.21", "OR 0.56 (0.26 to 1.21)"),
        (
            "the odds ratio was 0.56 with a 95% confidence interval of 0.26 to 1.21",
            "OR 0.56 (0.26 to 1.21)",
        ),
        # the range of a rating scale between a mean difference and its interval
        ("MD 0.23 points on a 0-27 scale, 95% CI -0.26 to 0.73", "MD 0.23 (-0.26 to 0.73)"),
        ("MD 2 points on a 0 to 10 scale (95% CI 1 to 3)", "MD 2 (1 to 3)"),
    ],
)
def test_estimate_forms(text: str, expected: str) -> None:
    assert [str(e) for e in effects(text)] == [expected]


def test_an_unnamed_estimate_never_displaces_a_named_one() -> None:
    text = "RR 0.80 (0.70 to 0.90); the stay was 3.79 days shorter (95% CI 2.09 to 5.49)"
    assert [str(e) for e in effects(text)] == ["RR 0.8 (0.7 to 0.9)"]


def test_an_interval_from_one_direction_to_the_other_crosses_no_effect() -> None:
    # GRADE guidelines 6: an interval that includes no effect is imprecise
    spec = {
        "text": "In 2 trials with 5,000 adults, stays were 0.09 days longer "
        "(95% CI 1.2 days shorter to 1.39 days longer).",
        "type": "systematic_review",
    }
    a = assessment_of(assessed(spec))
    assert [r.code for r in a.reasons if r.effect] == ["imprecision.ci_includes_null"]


def test_a_year_or_a_count_before_an_interval_word_is_no_estimate() -> None:
    assert effects("In 2019, 5 trials (95% CI not reported) were pooled.") == []


def test_a_scale_range_is_never_read_as_the_interval() -> None:
    # without an interval after it, "on a 0-27 scale" gives no estimate (0 to 27 is no CI)
    assert effects("MD 0.23 points on a 0-27 scale in seven trials") == []


def test_an_unnamed_estimate_across_no_effect_is_imprecise() -> None:
    text = (
        "Across 9 randomized trials with 1,800 adults, pain scores fell by 1.2 points"
        " (95% CI -0.3 to 2.7)."
    )
    a = assessment_of(assessed({"text": text, "type": "systematic_review"}))
    assert "imprecision.ci_includes_null" in {r.code for r in a.reasons if r.effect}


def test_thousands_set_off_by_a_space_are_read_whole() -> None:
    # "10 000 participants" was read as 10 people, a small body rated down for imprecision
    assert people_counts("over 10 000 participants") == [(10000, "over 10 000 participants")]
    assert participant_counts("12\u2009625 people") == [12625]
    spec = {
        "text": "In 14 randomized trials with 10 000 adults, RR 0.80 (95% CI 0.72 to 0.89).",
        "type": "systematic_review",
    }
    assert assessment_of(assessed(spec)).certainty == "high"


@pytest.mark.parametrize(
    "text", ["1,200 caregivers", "300 couples", "5,000 births", "820 eyes", "640 parents"]
)
def test_more_nouns_for_the_people_counted(text: str) -> None:
    assert people_counts(text)[0][1] == text


def test_a_case_control_study_counts_cases_and_controls_together() -> None:
    counts = people_counts("Three studies with 261 cases and 363 controls found no link.")
    assert max(counts) == (624, "261 cases and 363 controls")


def test_an_absolute_effect_is_not_a_count_of_people() -> None:
    assert people_counts("that is 3 fewer cases per 1000 (from 61 fewer to 84 more)") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a pooled log risk ratio, as random-effects meta-analyses report it (no effect at 0)
        ("abstinence at 6 months (log RR 0.77, 95% CI 0.49 to 1.04)", "RR 2.16 (1.63 to 2.83)"),
        ("log RR 0.00, 95% CI -0.07 to 0.08", "RR 1 (0.93 to 1.08)"),
        ("Log RR=-0.25, 95% CI -1.92 to 1.42", "RR 0.78 (0.15 to 4.14)"),
        ("ln OR 0.41 (0.10 to 0.72)", "OR 1.51 (1.11 to 2.05)"),
        ("log-HR -0.2 (95% CI -0.4 to 0.0)", "HR 0.82 (0.67 to 1)"),
        # the word must stand before the measure: "catalog" is no log
        ("catalog RR 0.70 (0.50 to 0.90)", "RR 0.7 (0.5 to 0.9)"),
    ],
)
def test_a_log_ratio_is_read_back_as_the_ratio(text: str, expected: str) -> None:
    assert [str(e) for e in effects(text)] == [expected]


def test_a_log_ratio_beyond_a_float_is_no_estimate() -> None:
    assert effects("ln OR 800 (700 to 900)") == []


def test_a_precise_log_ratio_around_zero_is_not_imprecise() -> None:
    # exp(-0.07..0.08) = RR 0.93 to 1.08: includes no effect but excludes any appreciable one,
    # which GRADE guidelines 6 calls precise; read as a difference it was "includes no effect"
    text = (
        "In 12 randomized trials with 8,958 smokers, more frequent text messages made no "
        "difference to abstinence (log RR 0.00, 95% CI -0.07 to 0.08)."
    )
    codes = [
        r.code for r in assessment_of(assessed({"text": text, "type": "systematic_review"})).reasons
    ]
    assert not any(c.startswith("imprecision.") for c in codes)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14 cohort studies with over 50 million participants", 50_000_000),
        ("a registry of 1.2 million people", 1_200_000),
        ("about 3 thousand adults", 3_000),
    ],
)
def test_a_count_in_millions_is_read_whole(text: str, expected: int) -> None:
    # both readers of counts: the participant detector and the body's people count
    assert [n for n, _w in people_counts(text)] == [expected]
    assert participant_counts(text) == [expected]


def test_a_number_word_before_a_scale_word_is_multiplied_too() -> None:
    # "thirty million users": the word list reads thirty; before, float("thirty") raised
    assert participant_counts("thirty million users") == [30_000_000]


def test_fifty_million_participants_is_no_small_sample() -> None:
    text = (
        "Urban residence was associated with asthma (RR 1.27, 95% CI 1.12 to 1.44) in 14 "
        "cohort studies with over 50 million participants."
    )
    codes = {
        r.code for r in assessment_of(assessed({"text": text, "type": "systematic_review"})).reasons
    }
    assert "imprecision.small_sample" not in codes


_COUNT_PARTS = [
    "thirty", "two", "a dozen", "12", "1.5", "12,500", "0", "0.0",
    "million", "thousand", "billion", "users", "adults", "patients", "trials", "in", "n =", " ",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_COUNT_PARTS), max_size=6))
def test_both_count_readers_never_raise_and_count_whole_people(parts: list[str]) -> None:
    # number words, decimals and scale words in any order (before, "thirty million users"
    # raised in one reader); every count is a whole number of people
    text = " ".join(parts)
    for value in participant_counts(text) + [n for n, _w in people_counts(text)]:
        assert isinstance(value, int) and value > 0
