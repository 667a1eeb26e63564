"""The wordings of GRADE evidence-profile footnotes, read as the domain review authors rated.

Each phrase below is worded the way summary-of-findings footnotes word a judgement (see
benchmarks/grade/footnote-corpus.yaml for the published phrases they generalise), set in a
claim about a body of evidence; the twins say the same fact is absent or not serious, and must
move nothing.
"""

from __future__ import annotations

import pytest

from evidence_claims.assessment.estimates import i_squared

from .assessment_helpers import TRIALS, domains_moved

COHORTS = "In 8 cohort studies with 40,000 adults, X went with lower mortality"
UP = {
    "upgrade.large_effect": "large_effect",
    "upgrade.very_large_effect": "large_effect",
    "upgrade.dose_response": "dose_response",
    "upgrade.plausible_confounding": "plausible_confounding",
}


def moved(text: str) -> dict[str, int]:
    """Domain -> levels the claim's grade moved by (negative down, positive up)."""
    return domains_moved(text, UP)


@pytest.mark.parametrize(
    ("phrase", "domain", "levels"),
    [
        # risk of bias (GRADE guidelines 4; Cochrane Handbook 5.1, Table 12.2.d)
        ("the majority of studies were rated as being at unclear risk of bias", "risk_of_bias", -1),
        ("most of the trials had an unclear risk of selection bias", "risk_of_bias", -1),
        ("more than half of the studies had high or some risk of bias", "risk_of_bias", -1),
        ("blinding of outcome assessors was not reported in most", "risk_of_bias", -1),
        (
            "the trials gave unclear information regarding allocation concealment",
            "risk_of_bias",
            -1,
        ),
        ("unclear or inadequate allocation concealment", "risk_of_bias", -1),
        ("high drop-out rates", "risk_of_bias", -1),
        ("data loss caused by missing visits", "risk_of_bias", -1),
        ("differences in baseline patient characteristics", "risk_of_bias", -1),
        # inconsistency (GRADE guidelines 7)
        ("point estimates vary widely across studies", "inconsistency", -1),
        ("confidence intervals show minimal or no overlap", "inconsistency", -1),
        ("the test for heterogeneity showed a low P value", "inconsistency", -1),
        ("important inconsistency in the definition of the outcome", "inconsistency", -1),
        ("different direction of effect estimates in the studies", "inconsistency", -1),
        ("a wide prediction interval", "inconsistency", -1),
        ("I2 > 75%", "inconsistency", -1),
        ("I-square value more than 60%", "inconsistency", -1),
        # imprecision (GRADE guidelines 6)
        ("boundaries of the CI crossing the no effect line", "imprecision", -1),
        ("confidence intervals include values favouring either treatment", "imprecision", -1),
        ("the 95% CI includes appreciable benefit or harm", "imprecision", -1),
        ("the optimal information size criterion is not met", "imprecision", -1),
        ("the trials did not reach the OIS", "imprecision", -1),
        ("sample size <400 within the meta-analysis", "imprecision", -1),
        ("not powered to detect differences", "imprecision", -1),
        ("the sample size is small", "imprecision", -1),
        ("few cases of the outcome in most studies", "imprecision", -1),
        # indirectness (GRADE guidelines 8)
        ("generalizability of results may be limited", "indirectness", -1),
        ("uncertainty with generalisability of population or outcomes", "indirectness", -1),
        ("serious indirectness because of indirectness of outcome", "indirectness", -1),
        # publication bias (GRADE guidelines 5)
        ("the funnel plot was asymmetrical", "publication_bias", -1),
        ("Egger's test may indicate publication bias", "publication_bias", -1),
        ("the authors mentioned concerns about publication bias", "publication_bias", -1),
        ("high probability of reporting bias", "publication_bias", -1),
        ("most studies were commercially funded", "publication_bias", -1),
    ],
)
def test_a_footnote_wording_rates_its_domain(phrase: str, domain: str, levels: int) -> None:
    assert moved(f"{TRIALS}; {phrase}.") == {domain: levels}


@pytest.mark.parametrize(
    "phrase",
    [
        # the negative wordings of evidence profiles: a fact judged not serious
        "not downgraded for imprecision",
        "no serious risk of bias",
        "low risk of bias",
        "I² = 0%",
        "I2 ≤ 75%",
        "I2 of less than 40%",
        "the confidence interval did not cross the line of no effect",
        "the optimal information size was met",
        "the trials were adequately powered",
        "the funnel plot was symmetrical",
        "the funnel plot was not asymmetrical",
        "Egger's test did not indicate publication bias",
        "there were no variations in the direction of the estimated effect",
        "most of the studies have similar point estimates and overlapping CIs",
        "no uncertainty about directness",
        "both trials were at unclear risk of bias",
        # Cochrane Handbook 5.1 Table 12.2.d: the low-or-unclear band is a judgement
        "most of the trials were at low or unclear risk of bias",
        "the majority of studies were at low/unclear risk of bias",
        "fewer than 5,000 participants were lost",
    ],
)
def test_a_not_serious_wording_moves_nothing(phrase: str) -> None:
    assert moved(f"{TRIALS}; {phrase}.") == {}


@pytest.mark.parametrize(
    ("phrase", "domain", "levels"),
    [
        # GRADEpro's "other considerations" wordings and GRADE guidelines 9
        ("strong association", "large_effect", 1),
        ("very strong association", "large_effect", 2),
        ("RR values are greater than 2", "large_effect", 1),
        ("at least a five-fold reduction in risk", "large_effect", 2),
        ("a dose-response gradient is present", "dose_response", 1),
        (
            "all plausible residual confounding would reduce the demonstrated effect",
            "plausible_confounding",
            1,
        ),
        (
            "all plausible residual confounding would suggest spurious effect",
            "plausible_confounding",
            1,
        ),
    ],
)
def test_a_reason_to_rate_up_in_words(phrase: str, domain: str, levels: int) -> None:
    assert moved(f"{COHORTS}; {phrase}.") == {domain: levels}


@pytest.mark.parametrize(
    "phrase",
    ["no strong association", "three or more than 2 doses", "an OR of about 1.3"],
)
def test_no_large_effect_in_words(phrase: str) -> None:
    assert moved(f"{COHORTS}; {phrase}.") == {}


def test_a_large_effect_in_words_is_not_rated_up_for_trials() -> None:
    """GRADE rates up observational evidence only (GRADE guidelines 9 and 18)."""
    assert moved(f"{TRIALS}; very strong association.") == {}


def test_residual_confounding_that_would_reduce_the_effect_is_not_a_limitation() -> None:
    """ "Residual confounding" is a study limitation, except in GRADE's reason to rate up."""
    assert moved(f"{COHORTS}; residual confounding cannot be ruled out.") == {"risk_of_bias": -1}


def test_an_upper_bound_on_i_squared_is_not_a_value() -> None:
    assert i_squared("I2 > 75%") == [(75.0, "I2 > 75%")]
    assert i_squared("I² ≤ 75%") == []
    assert i_squared("I-square value more than 40%")[0][0] == 40.0
