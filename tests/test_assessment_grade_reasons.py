"""GRADE reasons in the words of the guidance, and the judgements that withdraw them.

Each wording below is a criterion as GRADE guidelines 4, 5, 7 and 8 (Guyatt et al. 2011, J Clin
Epidemiol 64) and Atkins et al. 2004 (BMJ 328:1490, Table 1) name it, set in a claim about a
body of randomized trials. All of the concerns but the first three (kept as anchors) were read
as nothing before, and most explained, withdrawn and "no serious X" cases moved the grade the
wrong way; the rest guard the new words against misreading (a negated or partial explanation,
the next sentence, the abbreviation judged low).
"""

from __future__ import annotations

import pytest

from evidence_claims.assessment import compose

from .assessment_helpers import TRIALS, domains_moved


@pytest.mark.parametrize(
    ("concern", "domain"),
    [
        # read before: kept as anchors of the same families
        ("lack of allocation concealment", "risk_of_bias"),
        ("point estimates vary widely across studies", "inconsistency"),
        ("funnel plot asymmetry", "publication_bias"),
        # risk of bias: GRADE guidelines 4, Table 1, and the tool's short name
        ("incomplete accounting of patients and outcome events", "risk_of_bias"),
        ("selective outcome reporting bias", "risk_of_bias"),
        ("trials stopped early for benefit", "risk_of_bias"),
        ("use of unvalidated outcome measures", "risk_of_bias"),
        ("carryover effects in crossover trials", "risk_of_bias"),
        ("recruitment bias in cluster-randomized trials", "risk_of_bias"),
        ("most trials at high RoB", "risk_of_bias"),
        ("serious risk-of-bias concerns", "risk_of_bias"),
        # inconsistency: GRADE guidelines 7; Atkins et al. 2004, Table 1
        ("lack of agreement between studies", "inconsistency"),
        ("lack of similarity between point estimates", "inconsistency"),
        ("wide variation in effect estimates", "inconsistency"),
        ("the evidence is conflicting", "inconsistency"),
        # indirectness: GRADE guidelines 8
        ("differences in population", "indirectness"),
        ("differences in outcome measures", "indirectness"),
        # publication bias: GRADE guidelines 5
        ("a trim and fill analysis suggested missing studies", "publication_bias"),
        ("several trials were registered but never published", "publication_bias"),
    ],
)
def test_a_criterion_of_the_guidance_rates_its_domain(concern: str, domain: str) -> None:
    assert domains_moved(f"{TRIALS}; {concern}.") == {domain: -1}


def test_observational_limitations_of_guidelines_4_rate_risk_of_bias() -> None:
    cohorts = "In 8 cohort studies with 40,000 adults, X went with lower mortality"
    for limitation in (
        "failure to adequately control confounding",
        "flawed measurement of both exposure and outcome",
        "incomplete or inadequately short follow-up",
        "probable confounding by indication",
    ):
        assert domains_moved(f"{cohorts}; {limitation}.") == {"risk_of_bias": -1}, limitation


@pytest.mark.parametrize(
    "text",
    [
        # heterogeneity explained, in the clause or the next one of the sentence (GRADE 7)
        "high heterogeneity; however, it was explained by sensitivity analysis",
        "high test for inconsistency; however, resolution with sensitivity analysis",
        "heterogeneity was resolved by sensitivity analysis",
        # a concern the footnote weighs and then judges not serious (GRADE handbook 5.2)
        "some concerns for attrition; however, we did not downgrade",
        "some concerns for the incomplete accounting of patients, we did not downgrade",
        "most trials at high risk of bias, but not downgraded because the outcome was objective",
        # the abbreviation judged not serious
        "low RoB in all trials",
    ],
)
def test_a_judgement_that_withdraws_or_clears_a_concern_moves_nothing(text: str) -> None:
    assert domains_moved(f"{TRIALS}; {text}.") == {}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an explanation that is negated or partial keeps the inconsistency
        ("heterogeneity could not be explained by subgroup analyses", {"inconsistency": -1}),
        ("high heterogeneity, only partly explained by dose", {"inconsistency": -1}),
        # an explanation in the next sentence is about something else
        ("high heterogeneity. The effect was explained by confounding", {"inconsistency": -1}),
        # a not-serious judgement of another domain after it does not clear a concern
        ("unblinded, no serious imprecision", {"risk_of_bias": -1}),
        ("self-reported outcomes, no serious inconsistency", {"risk_of_bias": -1}),
        ("serious risk of bias; inconsistency not downgraded", {"risk_of_bias": -1}),
        # the prediction interval and the interval of I² are one domain, counted once
        ("wide prediction interval and wide interval around I2", {"inconsistency": -1}),
    ],
)
def test_a_concern_stays_when_nothing_withdraws_it(text: str, expected: dict[str, int]) -> None:
    assert domains_moved(f"{TRIALS}; {text}.") == expected


def test_the_next_clause_withdraws_only_within_its_sentence() -> None:
    assert {f.domain for f in compose.read("Attrition was high. However, not downgraded.")} == {
        "risk_of_bias"
    }
    assert compose.read("Attrition was high; however, not downgraded.") == ()
