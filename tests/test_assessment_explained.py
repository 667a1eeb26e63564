"""Heterogeneity that is explained does not rate down (GRADE guidelines 7); absolute effects per
1000 are read and judged for imprecision (GRADE guidelines 6)."""

from __future__ import annotations

from evidence_claims.assessment.estimates import absolute_effects, effects

from .assessment_helpers import assessed, assessment_of


def _moved(text: str) -> list[str]:
    spec = {"text": text, "type": "systematic_review"}
    return [r.code for r in assessment_of(assessed(spec)).reasons if r.effect]


def _reasons(text: str) -> list[str]:
    spec = {"text": text, "type": "systematic_review"}
    return [r.code for r in assessment_of(assessed(spec)).reasons]


BASE = (
    "In 14 randomized trials with 6,100 adults, drug X lowered pain "
    "(SMD -0.40, 95% CI -0.55 to -0.25; I² = 81%)"
)


def test_unexplained_heterogeneity_rates_down() -> None:
    assert _moved(BASE + ".") == ["inconsistency.heterogeneity"]


def test_explained_heterogeneity_does_not_rate_down_and_says_why() -> None:
    text = BASE + "; the heterogeneity was explained by dose in a meta-regression."
    assert _moved(text) == []
    assert "inconsistency.explained" in _reasons(text)


def test_partly_or_not_explained_heterogeneity_still_rates_down() -> None:
    for words in (
        "the heterogeneity was partly explained by dose",
        "the heterogeneity was not explained by subgroup analyses",
        "heterogeneity was only partially explained by differences in baseline risk",
    ):
        assert _moved(f"{BASE}; {words}.") == ["inconsistency.heterogeneity"], words


def test_explanation_in_the_cited_entry_counts() -> None:
    bib = """@article{r2020, title = {Drug X for pain},
      note = {Review of 14 randomized trials; heterogeneity was explained by
              differences in dose.}}"""
    spec = {"text": BASE + " (r2020).", "type": "systematic_review", "sources": ["r2020"]}
    a = assessment_of(assessed(spec, bib=bib))
    assert [r.code for r in a.reasons if r.effect] == []
    assert any(r.code == "inconsistency.explained" for r in a.reasons)


def test_absolute_effects_per_1000_are_read_with_their_interval() -> None:
    (e,) = absolute_effects("that is 3 fewer cases per 1000 (from 61 fewer to 84 more)")
    assert (e.measure, e.value, e.low, e.high) == ("RD/1000", -3, -61, 84)
    assert e.includes_null()
    (e,) = absolute_effects("45 more per 1,000 (12 more to 80 more)")
    assert (e.value, e.low, e.high) == (45, 12, 80) and not e.includes_null()
    # a point outside its own interval is a misreading, not an estimate
    assert absolute_effects("90 more per 1000 (12 more to 80 more)") == []
    # read after the relative effect, in order
    found = effects("OR 0.98 (0.57 to 1.71); 3 fewer per 1000 (from 61 fewer to 84 more)")
    assert [x.measure for x in found] == ["OR", "RD/1000"]


def test_an_absolute_interval_across_no_effect_is_imprecise() -> None:
    text = (
        "In 9 randomized trials with 5,200 adults, drug X made little difference to deaths: "
        "3 fewer per 1000 (from 61 fewer to 84 more)."
    )
    assert _moved(text) == ["imprecision.ci_includes_null"]
    precise = text.replace(
        "3 fewer per 1000 (from 61 fewer to 84 more)", "45 more per 1000 (12 more to 80 more)"
    )
    assert _moved(precise) == []


def test_few_trials_at_low_risk_of_bias_rates_down() -> None:
    text = (
        "Across 35 randomized trials with 2,498 adults, X lowered pain (SMD -0.66, 95% CI -0.86 "
        "to -0.46), but only four of the trials seemed at lower risk of bias."
    )
    assert _moved(text) == ["risk_of_bias.reported"]
    vanished = (
        "Across 19 randomized trials with 1,639 adults, X helped (RR 0.78, 95% CI 0.68 to 0.90), "
        "but in the two trials least affected by bias the effect disappeared."
    )
    assert _moved(vanished) == ["risk_of_bias.reported"]
    # a count of trials alone says nothing about their risk of bias
    assert (
        _moved(text.replace(", but only four of the trials seemed at lower risk of bias", "")) == []
    )


def test_smaller_trials_with_larger_effects_suggest_publication_bias() -> None:
    text = (
        "Across 35 randomized trials with 2,498 adults, X lowered pain (SMD -0.66, 95% CI -0.86 "
        "to -0.46); smaller trials reported larger effects."
    )
    assert _moved(text) == ["publication_bias.suspected"]


def test_optimal_information_size_from_event_counts() -> None:
    from evidence_claims.assessment.estimates import event_risks, optimal_information_size

    # two-sided alpha 0.05, power 0.80, 25% relative reduction from a 20% risk: 906 per group
    assert optimal_information_size(0.2) == 1812
    assert optimal_information_size(0.0) is None
    assert [round(r, 3) for r, _w in event_risks("40/300 (13%) versus 80/300 (27%)")] == [
        0.133,
        0.267,
    ]
    assert event_risks("published 12/2019") == []
    # a large effect whose interval excludes no effect, but far fewer people than one
    # adequately powered trial: rated down (GRADE guidelines 6)
    text = (
        "In 3 randomized trials with 600 adults, X halved relapse (RR 0.50, 95% CI 0.30 to "
        "0.83; 40/300 versus 80/300)."
    )
    assert _moved(text) == ["imprecision.ois_not_met"]
    # the same effect in a body larger than the optimal information size is precise
    assert _moved(text.replace("600 adults", "6,000 adults")) == []


def test_indirect_comparison_and_stated_imprecision() -> None:
    base = "In 12 randomized trials with 9,000 adults, drug A lowered pain more than drug B"
    assert _moved(base + " in an indirect comparison.") == ["indirectness.intervention"]
    assert _moved(base + " in head-to-head trials.") == []
    assert _moved(base + "; the results were imprecise.") == ["imprecision.reported"]
    assert _moved(base + ", with no serious imprecision.") == []
    # stated imprecision adds nothing when the numbers already show it
    small = (
        "In 2 randomized trials with 80 adults, drug A lowered pain; the results were imprecise."
    )
    assert "imprecision.reported" not in _moved(small)


def test_a_domain_named_in_methods_text_is_not_stated_imprecision() -> None:
    bib = """@article{m2020, title = {Drug A for pain},
      note = {Review of 12 randomized trials; certainty was assessed for risk of bias,
              inconsistency, indirectness, imprecision and publication bias.}}"""
    text = "In 12 randomized trials with 9,000 adults, drug A lowered pain (m2020)."
    spec = {"text": text, "type": "systematic_review", "sources": ["m2020"]}
    a = assessment_of(assessed(spec, bib=bib))
    assert [r.code for r in a.reasons if r.effect] == []
    stated = text.replace("(m2020)", "(m2020), but the evidence was downgraded for imprecision")
    spec = {"text": stated, "type": "systematic_review", "sources": ["m2020"]}
    a = assessment_of(assessed(spec, bib=bib))
    assert [r.code for r in a.reasons if r.effect] == ["imprecision.reported"]


def test_a_rate_per_1000_person_years_is_not_a_risk() -> None:
    from evidence_claims.assessment.estimates import event_risks

    assert event_risks("12.3 per 1000 person-years in the exposed group") == []
    assert event_risks("8 per 1,000 patient years") == []
    assert [r for r, _w in event_risks("156 per 1,000 without breastfeeding")] == [0.156]
