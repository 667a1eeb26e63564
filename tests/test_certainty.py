"""The certainty arithmetic: GRADE's steps, shown in reasons that always add up."""

from __future__ import annotations

from collections import defaultdict

from hypothesis import given
from hypothesis import strategies as st

from evidence_claims.assessment.certainty import (
    LEVELS,
    NEEDS_RIGOUR,
    Applied,
    grade,
    level,
    symbol,
    word,
)
from evidence_claims.rules.assessment import CAVEATS, GRADING_DOMAINS, STATED_LEVELS


def applied(*codes: str) -> list[Applied]:
    return [Applied(code, "", "recorded") for code in codes]


codes = st.sampled_from(sorted(CAVEATS))
starts = st.sampled_from([*LEVELS, None])


@given(start=starts, caveats=st.lists(codes, max_size=12))
def test_reasons_add_up_to_the_grade(start: str | None, caveats: list[str]) -> None:
    certainty, reasons = grade(start, applied(*caveats))
    assert sorted(r.code for r in reasons) == sorted(caveats)
    if start is None:
        assert certainty == "ungraded" and all(r.effect == 0 for r in reasons)
        return
    assert level(start) + sum(r.effect for r in reasons) == level(certainty)
    by_domain: dict[str, int] = defaultdict(int)
    for r in reasons:
        by_domain[CAVEATS[r.code].domain] += r.effect
    for domain, total in by_domain.items():
        if domain in GRADING_DOMAINS:
            assert -2 <= total <= 0
        elif domain == "upgrade":
            assert 0 <= total <= 2
        elif domain == "stated":
            # a certainty the claim states caps the grade, after the domains and upgrades
            assert total <= 0
            cap = min(level(STATED_LEVELS[c]) for c in caveats if c in STATED_LEVELS)
            assert level(certainty) <= cap
        else:
            assert total == 0
    if any(r.effect < 0 and CAVEATS[r.code].domain in GRADING_DOMAINS for r in reasons):
        # a large effect rates up rigorous evidence only (GRADE guidelines 9)
        assert all(r.effect == 0 for r in reasons if r.code in NEEDS_RIGOUR)


@given(start=st.sampled_from(LEVELS), caveats=st.lists(codes, max_size=12))
def test_more_concerns_never_raise_the_grade(start: str, caveats: list[str]) -> None:
    fewer, _ = grade(start, applied(*caveats[:-1]))
    more, _ = grade(start, applied(*caveats))
    if caveats and CAVEATS[caveats[-1]].role == "limitation":
        assert level(more) <= level(fewer)


def test_reasons_follow_grade_domain_order() -> None:
    _, reasons = grade(
        "high", applied("wording.overclaim", "imprecision.small_sample", "risk_of_bias.selection")
    )
    assert [r.code for r in reasons] == [
        "risk_of_bias.selection",
        "imprecision.small_sample",
        "wording.overclaim",
    ]


def test_a_trial_with_two_bias_concerns_is_low() -> None:
    certainty, reasons = grade("high", applied("risk_of_bias.selection", "risk_of_bias.no_control"))
    assert certainty == "low" and [r.effect for r in reasons] == [-1, -1]


def test_one_domain_rates_down_at_most_two_levels() -> None:
    certainty, reasons = grade(
        "high", applied("indirectness.animal", "indirectness.preparation", "indirectness.dose")
    )
    assert certainty == "low"
    assert [r.effect for r in reasons] == [-1, -1, 0]
    assert "already rated down two levels" in reasons[2].note


def test_grade_never_goes_below_very_low() -> None:
    certainty, reasons = grade("low", applied("indirectness.animal", "imprecision.small_sample"))
    assert certainty == "very_low"
    assert [r.effect for r in reasons] == [-1, 0]
    assert "already very low" in reasons[1].note


def test_rating_up_needs_explicit_grounds_and_no_limitation() -> None:
    assert grade("low", applied("upgrade.large_effect"))[0] == "moderate"
    assert grade("low", applied("upgrade.large_effect", "upgrade.dose_response"))[0] == "high"
    certainty, reasons = grade("low", applied("upgrade.large_effect", "risk_of_bias.selection"))
    assert certainty == "very_low"
    assert "not rated up" in next(r.note for r in reasons if r.code == "upgrade.large_effect")


def test_symbols_and_words_are_grades() -> None:
    assert [symbol(c) for c in ("high", "moderate", "low", "very_low")] == [
        "⊕⊕⊕⊕",
        "⊕⊕⊕◯",
        "⊕⊕◯◯",
        "⊕◯◯◯",
    ]
    assert word("very_low") == "very low" and symbol("ungraded") == "—"


def test_a_gradient_or_confounding_rates_up_beside_a_downgrade() -> None:
    # GRADE guidelines 9 grants a large effect to methodologically rigorous evidence only; a
    # credible dose-response gradient (GRADE guidance 38) and confounding that would reduce the
    # effect are weighed on their own
    for code in ("upgrade.dose_response", "upgrade.plausible_confounding"):
        certainty, reasons = grade("low", applied(code, "inconsistency.heterogeneity"))
        assert certainty == "low"
        assert next(r.effect for r in reasons if r.code == code) == 1
    certainty, _ = grade("low", applied("upgrade.very_large_effect", "inconsistency.heterogeneity"))
    assert certainty == "very_low"
    # read only in a cited entry ("a dose-response meta-analysis" speaks of the whole review)
    from_entry = Applied("upgrade.dose_response", "", "detected", True)
    certainty, reasons = grade("low", [from_entry, *applied("inconsistency.heterogeneity")])
    assert certainty == "very_low"
    assert "cited entry" in next(r.note for r in reasons if r.code == "upgrade.dose_response")
    assert grade("low", [from_entry])[0] == "moderate"


def test_a_stated_list_holds_detected_concerns_to_its_domains() -> None:
    detected = [
        Applied("risk_of_bias.reported", "", "detected"),
        Applied("inconsistency.heterogeneity", "", "detected"),
        Applied("imprecision.ci_includes_null", "", "detected"),
        Applied("imprecision.small_sample", "", "detected"),
    ]
    # without a list: three domains, imprecision twice
    assert grade("high", detected)[0] == "very_low"
    # "downgraded one level for imprecision": one level, nothing else
    certainty, reasons = grade("high", detected, (("imprecision", 1),))
    assert certainty == "moderate"
    assert [r.effect for r in reasons if r.code.startswith("imprecision")] == [-1, 0]
    # a recorded caveat is the curator's and counts whatever the list says
    recorded = [*detected, Applied("indirectness.reported", "", "recorded")]
    assert grade("high", recorded, (("imprecision", 1),))[0] == "low"
