"""The authors' own rating, as a writer reports it, read the way a GRADE reviewer reads it.

Readings from GRADE's own guidance:

- the reasons a claim says its evidence was rated down for ("downgraded for risk of bias") are
  the authors' list: a concern the engine reads from the numbers in another domain is shown
  with effect 0, not counted on top (GRADE handbook 5.2: each domain judged once);
- a concern the claim calls very serious in any wording ("heterogeneity was very high",
  "highly heterogeneous") takes two levels, whichever rule rated its domain first.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import evidence_claims
from evidence_claims.assessment.compose import rated_down_in_words

from .assessment_helpers import assessed, assessment_of, domains_moved


def _grade(text: str, kind: str = "systematic_review") -> str:
    return assessment_of(assessed({"text": text, "type": kind})).certainty


def test_may_is_not_read_as_a_stated_certainty() -> None:
    # GRADE's informative statements ("may reduce": low) are not read as a rating: writers use
    # "may" as their own hedge as often (measured on held-out gold items, grade README round 11)
    text = "In 12 randomized trials with 9,000 adults, X may reduce relapse."
    assert _grade(text) == "high"


def test_the_stated_reasons_are_read_in_rating_words_only() -> None:
    listed = rated_down_in_words("The evidence was downgraded for risk of bias and imprecision.")
    assert {(d, levels) for d, levels, _ in listed} == {("risk_of_bias", 1), ("imprecision", 1)}
    two = rated_down_in_words("The evidence was downgraded two levels for imprecision.")
    assert [(d, levels) for d, levels, _ in two] == [("imprecision", 2)]
    assert {d for d, _, _ in rated_down_in_words("risk of bias was judged serious")} == {
        "risk_of_bias"
    }
    # a description of the studies is a fact the rating weighs, not the rating
    assert rated_down_in_words("most trials were at high risk of bias; I² = 80%") == ()
    assert rated_down_in_words("the trials had risk-of-bias concerns") == ()
    # ROBINS-I's judgement of studies, not the review's rating
    assert rated_down_in_words("five studies were at serious risk of bias") == ()
    assert rated_down_in_words("no clear difference in serious adverse events (RR 1.04)") == ()


FRAME = (
    "In 12 randomized trials with 9,000 adults, X reduced relapse (RR 0.80, 95% CI 0.70 to "
    "0.90; I² = 80%)"
)


def test_a_stated_list_of_reasons_is_taken_as_complete() -> None:
    alone = domains_moved(f"{FRAME}.")
    assert alone == {"inconsistency": -1}
    stated = f"{FRAME}; the evidence was downgraded for risk of bias."
    assert domains_moved(stated) == {"risk_of_bias": -1}
    reasons = assessment_of(assessed({"text": stated, "type": "systematic_review"})).reasons
    heterogeneity = next(r for r in reasons if r.code == "inconsistency.heterogeneity")
    assert heterogeneity.effect == 0
    assert "not among the reasons the claim gives" in heterogeneity.note


def test_a_stated_domain_keeps_the_levels_it_is_given() -> None:
    # the engine would read two concerns of imprecision (interval and size); the claim says
    # one level
    text = (
        "In 2 randomized trials with 120 adults, X made no clear difference (RR 0.95, 95% CI "
        "0.60 to 1.50); the evidence was downgraded one level for imprecision."
    )
    assert domains_moved(text) == {"imprecision": -1}


def test_a_recorded_caveat_still_counts_beside_a_stated_list() -> None:
    text = f"{FRAME}; the evidence was downgraded for risk of bias."
    report = assessed(
        {"text": text, "type": "systematic_review", "caveats": ["indirectness.reported"]}
    )
    moved = {r.code: r.effect for r in assessment_of(report).reasons}
    assert moved["indirectness.reported"] == -1


@pytest.mark.parametrize(
    "clause",
    [
        "heterogeneity was very high (I² = 96%)",
        "the trials were highly heterogeneous",
    ],
)
def test_a_very_serious_concern_in_any_words_takes_two_levels(clause: str) -> None:
    text = f"In 12 randomized trials with 9,000 adults, X reduced relapse; {clause}."
    assert domains_moved(text) == {"inconsistency": -2}


def test_a_high_heterogeneity_stays_one_level() -> None:
    text = "In 12 randomized trials with 9,000 adults, X reduced relapse; heterogeneity was high."
    assert domains_moved(text) == {"inconsistency": -1}


def test_a_very_serious_concern_in_the_next_sentence_counts(tmp_path: Path) -> None:
    # the sentence after a finding that describes the same evidence ("meta", by context) says
    # what the body is like: read there too, as the one-level reading already is
    text = (
        "In 12 randomized trials with 9,000 adults (Smith 2020), X reduced relapse (RR 0.80, "
        "95% CI 0.70 to 0.90). Heterogeneity between the trials was very high."
    )
    bib = tmp_path / "references.bib"
    bib.write_text(
        "@article{smith2020, author = {Smith, Jane}, title = {X for relapse: a systematic "
        "review}, journal = {J}, year = {2020}, note = {Systematic review of 12 randomized "
        "trials.}}\n",
        "utf-8",
    )
    claim_set = evidence_claims.extract(text, bibliography=bib)
    finding = next(c for c in claim_set.claims if c.evidence.sources and c.kind == "claim")
    report = evidence_claims.assess(claim_set)
    graded = next(a for a in report.assessments if a.claim_id == finding.id)
    assert graded.certainty == "low"
    assert {r.code: r.effect for r in graded.reasons}["inconsistency.very_serious"] == -2


def test_a_count_of_people_names_no_subgroup() -> None:
    # "only 48 women" says how many people were studied (imprecision reads it), not that the
    # population was restricted to women (GRADE guidelines 8); "only women" still is
    from evidence_claims.assessment.compose import read

    assert read("found RR 0.31 (95% CI 0.01 to 7.09) in two trials with only 48 women.") == ()
    assert [f.domain for f in read("the trials enrolled only women")] == ["indirectness"]


def test_a_concern_named_as_an_exception_is_a_minority() -> None:
    # "risk of bias low except in one small trial": the small trial is one of eleven, and
    # GRADE rates a domain by where most of the information comes from (GRADE guidelines 4)
    bib = (
        "@article{sud2014, title = {Prone ventilation in ARDS}, note = {Systematic review of "
        "11 randomized controlled trials (2341 patients); risk of bias low except in one small "
        "trial.}}\n"
    )
    text = (
        "Prone positioning reduced mortality (RR 0.74, 95% CI 0.59 to 0.95; 6 trials, 1016 "
        "patients; I2 = 29%) (Sud 2014)."
    )
    graded = assessment_of(
        assessed({"text": text, "type": "systematic_review", "sources": ["sud2014"]}, bib=bib)
    )
    assert graded.certainty == "high"
    alone = assessment_of(
        assessed({"text": "X reduced mortality in one small trial.", "type": "systematic_review"})
    )
    assert any(r.code.startswith("imprecision") and r.effect < 0 for r in alone.reasons)


@pytest.mark.parametrize(
    ("clause", "domain"),
    [
        # GRADE guidelines 7: point estimates that vary between the studies
        ("the effect varied between trials", "inconsistency"),
        ("the effect differed across studies", "inconsistency"),
        # GRADE guidelines 5: small studies showing larger effects
        ("the effect was largest in the smallest trials", "publication_bias"),
        ("benefits were larger in smaller studies", "publication_bias"),
    ],
)
def test_variation_and_small_study_effects_in_plain_words(clause: str, domain: str) -> None:
    text = f"In 12 randomized trials with 9,000 adults, X reduced relapse, although {clause}."
    assert domains_moved(text) == {domain: -1}


def test_an_effect_that_differed_from_control_is_no_inconsistency() -> None:
    text = "In 12 randomized trials with 9,000 adults, the effect differed from placebo."
    assert domains_moved(text) == {}
