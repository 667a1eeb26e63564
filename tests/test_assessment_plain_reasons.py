"""GRADE reasons in the plain words a writer uses, read by the compositional reader.

Each concern below is a GRADE reason (GRADE guidelines 4-8; Cochrane Handbook chapter 14) said
the way a results paragraph or a plain-language summary says it: "participants knew which
treatment they received" is lack of blinding, "studied only in men" a population that differs
from the one of interest, "fewer than 300 events" an information size too small. Each twin
says the same fact is absent or judged not serious, and must move nothing; the judgement-verb
cases ("downgrading for X was not considered") are the negation of a rating, read as such.
"""

from __future__ import annotations

import pytest

from .assessment_helpers import moved_in_trials as moved


@pytest.mark.parametrize(
    ("phrase", "domain"),
    [
        # lack of blinding said as knowledge of the allocation (GRADE guidelines 4; Cochrane
        # Handbook 6, chapter 8: blinding keeps participants and assessors from knowing the
        # allocated intervention)
        ("participants knew which treatment they received", "risk_of_bias"),
        ("outcome assessors were aware of group allocation", "risk_of_bias"),
        ("most trials did not conceal allocation", "risk_of_bias"),
        ("inadequate concealment of allocations in two trials", "risk_of_bias"),
        ("inadequate generation of randomised sequences", "risk_of_bias"),
        # the conduct and reporting of the trials (GRADE guidelines 4: study limitations)
        ("the studies were poorly designed", "risk_of_bias"),
        ("the trials were poorly conducted", "risk_of_bias"),
        ("incomplete reporting of methods", "risk_of_bias"),
        ("there were concerns regarding the study methodology", "risk_of_bias"),
        # attrition (GRADE guidelines 4: incomplete accounting of patients)
        ("many participants dropped out", "risk_of_bias"),
        # population (GRADE guidelines 8: patients who differ from those of interest)
        ("the intervention was studied only in men", "indirectness"),
        ("the trials enrolled only older adults", "indirectness"),
        ("the results may not apply to primary care", "indirectness"),
        ("the findings may not be generalisable to children", "indirectness"),
        # information size (GRADE guidelines 6: about 300 events or 400 participants)
        ("the number of events was less than 300", "imprecision"),
        ("the studies had small numbers of participants", "imprecision"),
        ("the total number of participants was below the optimal information size", "imprecision"),
    ],
)
def test_a_plain_reason_rates_its_domain(phrase: str, domain: str) -> None:
    assert moved(phrase) == {domain: -1}


@pytest.mark.parametrize(
    "phrase",
    [
        "participants did not know which treatment they received",
        "outcome assessors were unaware of group allocation",
        "outcome assessors were blind to group allocation",
        "all trials concealed allocation adequately",
        "the studies were well designed",
        "the trials were adequately reported",
        "no participants dropped out",
        "the intervention was studied in men and women",
        "the trials enrolled adults of all ages",
        "the results apply to primary care",
        "the number of events was more than 300",
        # a rating withheld: the judgement verb, then its negation
        "downgrading for inconsistency was not considered because I2 = 58%",
        "downgrading for risk of bias was not warranted",
        "rating down for imprecision was not necessary",
    ],
)
def test_a_plain_not_serious_reason_moves_nothing(phrase: str) -> None:
    assert moved(phrase) == {}


def test_a_rating_considered_is_still_a_rating() -> None:
    assert moved("downgrading for inconsistency was considered because I2 = 79%") == {
        "inconsistency": -1
    }


def test_a_restriction_far_from_the_group_says_nothing_of_the_population() -> None:
    # "restricted to five trials with 200 adults" restricts the trials, not the population
    assert "indirectness" not in moved("restricted to five randomised trials with 200 adults")


@pytest.mark.parametrize(
    ("phrase", "domain"),
    [
        # failure to control confounding (GRADE guidelines 4)
        ("most studies did not adjust for confounders", "risk_of_bias"),
        ("confounders were not controlled for", "risk_of_bias"),
        ("the cohorts did not control for confounding", "risk_of_bias"),
        ("there was no adjustment for smoking", "risk_of_bias"),
        # an interval that includes benefit and harm (GRADE guidelines 6)
        ("the 95% CI was compatible with both benefit and harm", "imprecision"),
        ("the confidence interval encompassed both benefit and harm", "imprecision"),
        ("total events fewer than 300", "imprecision"),
    ],
)
def test_a_plain_reason_of_observational_evidence_rates_its_domain(
    phrase: str, domain: str
) -> None:
    assert moved(phrase) == {domain: -1}


@pytest.mark.parametrize(
    "phrase",
    [
        "after adjusting for confounders there was no association",
        "the estimates were adjusted for confounding",
        "all studies adequately adjusted for confounders",
        "the confidence interval was compatible with a small benefit only",
    ],
)
def test_adjustment_and_intervals_judged_not_serious_move_nothing(phrase: str) -> None:
    assert moved(phrase) == {}


@pytest.mark.parametrize(
    ("phrase", "moves"),
    [
        # the levels a rating took, counted in words (GRADE handbook 5.2)
        ("imprecision was downgraded two levels", {"imprecision": -2}),
        ("a two-level downgrade for imprecision", {"imprecision": -2}),
        ("a double downgrade for imprecision", {"imprecision": -2}),
        ("risk of bias was rated down twice", {"risk_of_bias": -2}),
        (
            "the evidence was downgraded by one level because of risk of bias and by two levels "
            "because of imprecision",
            {"risk_of_bias": -1, "imprecision": -2},
        ),
        ("downgraded one level for indirectness", {"indirectness": -1}),
        ("inconsistency was not downgraded by one level", {}),
    ],
)
def test_the_levels_of_a_rating_counted_in_words(phrase: str, moves: dict[str, int]) -> None:
    assert moved(phrase) == moves


@pytest.mark.parametrize(
    ("phrase", "moves"),
    [
        # a negation scopes over what follows it
        ("downgraded only for imprecision, not for risk of bias", {"imprecision": -1}),
        ("serious imprecision, no serious inconsistency", {"imprecision": -1}),
        # the profile's judgement after the concern it weighed, in the same sentence
        (
            "some trials were unblinded, but the outcome was objective, so risk of bias was not "
            "serious",
            {},
        ),
        (
            "two trials were unblinded; however, we did not downgrade for risk of bias",
            {},
        ),
        # a later clause about other studies judges those studies, not the domain
        (
            "two trials were at high risk of bias, but risk of bias was low in the others",
            {"risk_of_bias": -1},
        ),
    ],
)
def test_the_scope_of_a_judgement(phrase: str, moves: dict[str, int]) -> None:
    assert moved(phrase) == moves


@pytest.mark.parametrize(
    ("phrase", "moves"),
    [
        # a plan registered before the results guards against selective reporting (Cochrane
        # Handbook 6, chapter 8, RoB 2 domain 5)
        ("no trials were registered in ClinicalTrials.gov", {"risk_of_bias": -1}),
        ("the trials had no published protocol", {"risk_of_bias": -1}),
        ("all trials were prospectively registered", {}),
        ("registered nurses did not differ in outcomes", {}),
    ],
)
def test_registration_of_the_trials(phrase: str, moves: dict[str, int]) -> None:
    assert moved(phrase) == moves


@pytest.mark.parametrize(
    ("phrase", "moves"),
    [
        # a limitation likely to lower confidence in the estimate (GRADE guidelines 4)
        ("the main limitation was imprecision", {"imprecision": -1}),
        ("risk of bias lowered our confidence", {"risk_of_bias": -1}),
        ("we were concerned about indirectness", {"indirectness": -1}),
        ("small sample sizes reduced the certainty", {"imprecision": -1}),
        ("inconsistency did not lower our confidence", {}),
        ("we were not concerned about publication bias", {}),
    ],
)
def test_a_judgement_in_plain_words(phrase: str, moves: dict[str, int]) -> None:
    assert moved(phrase) == moves


@pytest.mark.parametrize(
    ("phrase", "moves"),
    [
        # study limitations in other words (GRADE guidelines 4)
        ("the trials had methodological problems", {"risk_of_bias": -1}),
        ("the results may be biased", {"risk_of_bias": -1}),
        ("the trials were at risk of performance bias", {"risk_of_bias": -1}),
        ("the open design may have influenced subjective outcomes", {"risk_of_bias": -1}),
        ("dropout exceeded 20%", {"risk_of_bias": -1}),
        ("participants were not randomly allocated", {"risk_of_bias": -1}),
        # results that disagree (GRADE guidelines 7)
        ("the findings were mixed across studies", {"inconsistency": -1}),
        # sparse data (GRADE guidelines 6; Atkins et al. 2004)
        ("data were sparse", {"imprecision": -1}),
        ("the pooled estimate is based on few data", {"imprecision": -1}),
        # publication bias (GRADE guidelines 5)
        ("negative studies may not have been published", {"publication_bias": -1}),
        # their twins
        ("the trials were at low risk of bias", {}),
        ("participants were randomly allocated", {}),
        ("the findings were consistent across studies", {}),
        ("quality of life was low in both groups", {}),
        ("sleep quality was poor at baseline", {}),
        ("data were extracted by two reviewers", {}),
    ],
)
def test_other_plain_words_for_a_reason(phrase: str, moves: dict[str, int]) -> None:
    assert moved(phrase) == moves


def test_the_quality_of_the_evidence_is_not_the_quality_of_the_studies() -> None:
    # a stated certainty caps the grade (GRADE guidelines 26); it names no study limitation
    assert "risk_of_bias" not in moved("the quality of the evidence was low")


@pytest.mark.parametrize(
    ("phrase", "moves"),
    [
        # small trials (GRADE guidelines 6), said of the trials themselves
        ("the trials were small", {"imprecision": -1}),
        ("most studies were underpowered", {"imprecision": -1}),
        ("the trials were large", {}),
        ("the effect was small in the trials", {}),
    ],
)
def test_the_size_of_the_trials(phrase: str, moves: dict[str, int]) -> None:
    assert moved(phrase) == moves


def test_a_later_judgement_does_not_weigh_a_concern_named_as_the_domain() -> None:
    # "most trials were at high risk of bias" judges the whole domain: a later "not serious"
    # contradicts it rather than weighs a fact, and the concern stands
    assert moved("most trials were at high risk of bias; limitations: not serious") == {
        "risk_of_bias": -1
    }
