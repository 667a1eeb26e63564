"""The engine reads the evidence as a GRADE reviewer does: design, numbers, relations, opinion."""

from __future__ import annotations

import pytest

from evidence_claims.render.formats import format_report
from evidence_claims.render.tables import evidence_table

from .assessment_helpers import assessed, assessment_of, claim_set, codes_of

REVIEW_BIB = """@article{cohorts2020, title = {Coffee and mortality},
  note = {Systematic review of nine prospective cohort studies and one randomized trial
          with 210,000 adults.}}
@article{trials2020, title = {Drug X for pain},
  note = {Systematic review of 14 randomized controlled trials with 6,100 children.}}
@article{accuracy2019, title = {A rapid test for infection},
  note = {Review of 22 diagnostic accuracy studies with 9,400 patients in whom infection
          was suspected.}}
"""


def test_a_single_small_trial_is_not_high() -> None:
    report = assessed({"text": "A single trial of 47 people found X.", "type": "clinical_trial"})
    a = assessment_of(report)
    assert a.certainty == "low"
    assert [r.code for r in a.reasons if r.effect] == [
        "imprecision.small_sample",
        "imprecision.single_small_study",
    ]
    assert "47 participants" in a.reasons[0].note


def test_a_wide_interval_across_no_effect_is_imprecise() -> None:
    spec = {
        "text": "In 9 trials with 4,100 airline cabin crew, RR 1.18 (95% CI 0.91 to 1.53).",
        "type": "systematic_review",
    }
    a = assessment_of(assessed(spec))
    assert a.certainty == "moderate"
    (reason,) = [r for r in a.reasons if r.effect]
    assert reason.code == "imprecision.ci_includes_null"
    assert "RR 1.18 (0.91 to 1.53)" in reason.note


def test_a_narrow_interval_across_no_effect_is_precise() -> None:
    # GRADE guidelines 6: an interval that excludes any appreciable effect is precise
    spec = {
        "text": "In 14 studies with 205,401 children, RR 0.95 (95% CI 0.86 to 1.05).",
        "type": "systematic_review",
    }
    assert assessment_of(assessed(spec)).certainty == "high"


def test_benefit_and_harm_is_very_serious_once_not_twice() -> None:
    spec = {
        "text": "A single trial of 60 adults found RR 1.06 (95% CI 0.27 to 4.05).",
        "type": "clinical_trial",
    }
    a = assessment_of(assessed(spec))
    moved = [r.code for r in a.reasons if r.effect]
    assert moved == ["imprecision.ci_includes_null", "imprecision.benefit_and_harm"]
    assert "60 participants" in a.reasons[0].note  # the small size is named, not counted again
    assert a.certainty == "low"


def test_an_interval_just_reaching_one_threshold_is_one_level() -> None:
    # GRADE guidance 34: two levels when the interval *appreciably* crosses both thresholds;
    # RR 0.58 to 1.27 reaches 1.25 only just, so it is serious, not very serious, imprecision
    spec = {
        "text": "In 5 trials with 3,000 adults, RR 0.86 (95% CI 0.58 to 1.27).",
        "type": "systematic_review",
    }
    a = assessment_of(assessed(spec))
    assert [r.code for r in a.reasons if r.effect] == ["imprecision.ci_includes_null"]
    assert a.certainty == "moderate"
    wide = {**spec, "text": "In 5 trials with 3,000 adults, RR 0.86 (95% CI 0.50 to 1.60)."}
    assert assessment_of(assessed(wide)).certainty == "low"


def test_an_unblindable_programme_with_a_self_judged_outcome_is_rated_down_once() -> None:
    # GRADE guidelines 4: lack of blinding matters most for subjective outcomes
    spec = {
        "text": "In 12 randomized trials with 1,080 adults, yoga improved back function "
        "(SMD -0.35, 95% CI -0.50 to -0.20).",
        "type": "systematic_review",
    }
    a = assessment_of(assessed(spec))
    assert [r.code for r in a.reasons if r.effect] == ["risk_of_bias.unblinded_subjective"]
    assert "'yoga' and 'back function'" in a.reasons[-1].note
    assert a.certainty == "moderate"
    # an objective outcome, a stated limitation, or blinding said: not this rule
    for text in (
        "In 12 randomized trials with 1,080 adults, yoga lowered blood pressure "
        "(MD -4.0, 95% CI -6.0 to -2.0).",
        "In 12 open-label randomized trials with 1,080 adults, yoga improved back function "
        "(SMD -0.35, 95% CI -0.50 to -0.20).",
        "In 12 assessor-blinded randomized trials with 1,080 adults, yoga improved back "
        "function (SMD -0.35, 95% CI -0.50 to -0.20).",
        "In 12 randomized trials at low risk of bias with 1,080 adults, yoga improved back "
        "function (SMD -0.35, 95% CI -0.50 to -0.20).",
    ):
        codes = [r.code for r in assessment_of(assessed({**spec, "text": text})).reasons]
        assert "risk_of_bias.unblinded_subjective" not in codes, text


def test_drinking_the_drinker_reports_is_a_self_judged_outcome_of_counselling() -> None:
    # counselling trials measure alcohol use by what the participants report
    spec = {
        "text": "In 23 randomized trials with 9,000 adults, brief counselling cut drinking by "
        "3.6 drinks a week (95% CI 2.4 to 4.8).",
        "type": "systematic_review",
    }
    a = assessment_of(assessed(spec))
    assert [r.code for r in a.reasons if r.effect] == ["risk_of_bias.unblinded_subjective"]
    assert "'drinks a week'" in a.reasons[-1].note
    # liver enzymes measured in a laboratory: no self-judged outcome named
    lab = {
        **spec,
        "text": "In 23 randomized trials with 9,000 adults, brief counselling "
        "lowered gamma-GT (MD -4.0, 95% CI -6.0 to -2.0).",
    }
    codes = [r.code for r in assessment_of(assessed(lab)).reasons]
    assert "risk_of_bias.unblinded_subjective" not in codes


def test_trials_of_different_drugs_and_routes_pooled_are_indirect() -> None:
    # GRADE guidelines 8: interventions that differ between the trials answer the question
    # only in part
    text = (
        "In 6 randomized trials with 2,000 children, antiemetics cut persistent vomiting "
        "(RR 0.46, 95% CI 0.35 to 0.61){}."
    )
    spec = {
        "text": text.format(", although the trials used different drugs and routes"),
        "type": "systematic_review",
    }
    a = assessment_of(assessed(spec))
    assert [r.code for r in a.reasons if r.effect] == ["indirectness.reported"]
    assert a.certainty == "moderate"
    plain = assessment_of(assessed({**spec, "text": text.format("")}))
    assert plain.certainty == "high"


def test_an_unblindable_programme_in_cohort_studies_is_not_rated_for_blinding() -> None:
    spec = {
        "text": "In 9 cohort studies with 20,000 adults, physical activity went with less "
        "depression (RR 0.80, 95% CI 0.70 to 0.90).",
        "type": "systematic_review",
    }
    codes = [r.code for r in assessment_of(assessed(spec)).reasons]
    assert "risk_of_bias.unblinded_subjective" not in codes


def test_a_review_of_cohort_studies_starts_low() -> None:
    report = assessed(
        {
            "text": "Coffee drinkers lived longer.",
            "type": "systematic_review",
            "sources": ["cohorts2020"],
        },
        bib=REVIEW_BIB,
    )
    a = assessment_of(report)
    assert a.start == "low"
    design = next(r for r in a.reasons if r.code == "design.observational_body")
    assert design.effect == 0 and "nine prospective cohort studies" in design.note


@pytest.mark.parametrize(
    ("text", "start"),
    [
        # observational designs named without a count: the review starts low
        (
            "More screen time went with shorter sleep in longitudinal and cross-sectional "
            "studies of 173 to 1,676 children (Smith 2020).",
            "low",
        ),
        # a randomized design named too: nothing is read from the names
        (
            "More screen time went with shorter sleep in randomized trials and cross-sectional "
            "studies of 173 to 1,676 children (Smith 2020).",
            "high",
        ),
        # no design named: the type's start
        ("More screen time went with shorter sleep in 1,676 children (Smith 2020).", "high"),
    ],
)
def test_a_review_naming_only_observational_designs_starts_low(text: str, start: str) -> None:
    a = assessment_of(assessed({"text": text, "type": "systematic_review"}))
    assert a.start == start
    named = [r for r in a.reasons if r.code == "design.observational_body"]
    assert bool(named) == (start == "low")


def test_a_review_of_trials_stays_high() -> None:
    report = assessed(
        {"text": "Drug X eased pain.", "type": "systematic_review", "sources": ["trials2020"]},
        bib=REVIEW_BIB,
    )
    assert assessment_of(report).start == "high"


def test_the_claims_own_counts_win_over_the_review_as_a_whole() -> None:
    # GRADE rates per outcome: two trials with 71 patients, even in a review of 6,100
    report = assessed(
        {
            "text": "In two trials with 71 children, drug X improved sleep "
            "(MD 0.7, 95% CI 0.2 to 1.2).",
            "type": "systematic_review",
            "sources": ["trials2020"],
        },
        bib=REVIEW_BIB,
    )
    assert "imprecision.small_sample" in codes_of(report)


def test_diagnostic_accuracy_starts_high_and_outcomes_from_it_are_indirect() -> None:
    accuracy = assessed(
        {
            "text": "The test found 91% of infections.",
            "type": "diagnostic_accuracy",
            "sources": ["accuracy2019"],
        },
        bib=REVIEW_BIB,
    )
    assert assessment_of(accuracy).certainty == "high"
    outcome = assessed(
        {
            "text": "Using the test reduces mortality.",
            "type": "diagnostic_accuracy",
            "sources": ["accuracy2019"],
        },
        bib=REVIEW_BIB,
    )
    assert "indirectness.surrogate" in codes_of(outcome)


def test_populations_that_varied_between_the_trials_are_indirectness() -> None:
    # GRADE guidelines 8: trials whose populations and interventions differ answer the
    # question only in part
    spec = {
        "text": "In 7 randomized trials with 4,950 patients, omega-3 shortened ventilation by "
        "2.3 days (95% CI 0.3 to 4.3 days fewer); populations and formulations varied.",
        "type": "systematic_review",
    }
    codes = [r.code for r in assessment_of(assessed(spec)).reasons if r.effect]
    assert "indirectness.reported" in codes


def test_another_population_is_indirect() -> None:
    report = assessed(
        {
            "text": "Drug X eases pain in adults.",
            "type": "systematic_review",
            "sources": ["trials2020"],
        },
        bib=REVIEW_BIB,
    )
    reason = next(r for r in assessment_of(report).reasons if r.code == "indirectness.population")
    assert "adults" in reason.note and "children" in reason.note
    same = assessed(
        {
            "text": "Drug X eases pain in children.",
            "type": "systematic_review",
            "sources": ["trials2020"],
        },
        bib=REVIEW_BIB,
    )
    assert "indirectness.population" not in codes_of(same)


PREGNANCY_BIB = """@article{pregnancy2021, title = {Fish oil in pregnancy},
  note = {Systematic review of 19 randomized trials of fish oil supplements in pregnant women,
          with birth weight and offspring growth as outcomes.}}
"""


def test_a_child_outcome_of_a_trial_in_pregnancy_is_not_another_population() -> None:
    # the offspring are part of what a trial in pregnancy studied (GRADE guidelines 8)
    child = assessed(
        {
            "text": "Fish oil taken by mothers did not change the weight of children at 4 years.",
            "type": "systematic_review",
            "sources": ["pregnancy2021"],
        },
        bib=PREGNANCY_BIB,
    )
    assert "indirectness.population" not in codes_of(child)
    # another population is still another: the same trials say nothing directly about older adults
    older = assessed(
        {
            "text": "Fish oil eases joint pain in older adults.",
            "type": "systematic_review",
            "sources": ["pregnancy2021"],
        },
        bib=PREGNANCY_BIB,
    )
    assert "indirectness.population" in codes_of(older)


def test_heterogeneity_words_and_i_squared() -> None:
    words = {
        "text": "Across 12 trials with 5,000 adults results varied widely.",
        "type": "systematic_review",
    }
    assert "inconsistency.heterogeneity" in codes_of(assessed(words))
    negated = {
        "text": "Across 12 trials with 5,000 adults there was no substantial heterogeneity.",
        "type": "systematic_review",
    }
    assert "inconsistency.heterogeneity" not in codes_of(assessed(negated))


def test_publication_bias_needs_to_be_suspected() -> None:
    none = {
        "text": "In 12 trials with 5,000 adults there was no evidence of publication bias.",
        "type": "systematic_review",
    }
    assert "publication_bias.suspected" not in codes_of(assessed(none))
    likely = {
        "text": "In 12 trials with 5,000 adults publication bias was likely.",
        "type": "systematic_review",
    }
    assert "publication_bias.suspected" in codes_of(assessed(likely))


def test_only_observational_evidence_is_rated_up() -> None:
    cohort = {
        "text": "A cohort of 9,000 adults found RR 3.1 (95% CI 2.6 to 3.7) "
        "with a dose-response gradient.",
        "type": "observational_study",
    }
    a = assessment_of(assessed(cohort))
    ups = [r.code for r in a.reasons if r.effect > 0]
    assert ups == ["upgrade.large_effect", "upgrade.dose_response"] and a.certainty == "high"
    trial = {**cohort, "type": "clinical_trial"}
    assert not [r for r in assessment_of(assessed(trial)).reasons if r.effect > 0]


def test_bare_opinion_is_not_graded_but_reported_experience_is() -> None:
    bare = assessment_of(assessed({"text": "I believe it is safe.", "type": "expert_opinion"}))
    assert bare.certainty == "ungraded" and "opinion is not evidence" in (bare.note or "")
    seen = assessment_of(
        assessed({"text": "In my experience patients tolerate it well.", "type": "expert_opinion"})
    )
    assert seen.certainty == "very_low" and seen.start == "very_low"
    assert seen.reasons[0].code == "opinion.reports_experience"


def test_a_challenge_to_an_unsourced_claim_is_an_inconsistency_finding() -> None:
    specs = (
        {"text": "It is proven that X cures Y.", "type": "unsourced_assertion"},
        {
            "text": "A trial of 900 adults found X does not cure Y.",
            "type": "clinical_trial",
            "relations": [("challenges", "c1")],
        },
    )
    report = assessed(*specs)
    assert "inconsistency.challenged_in_set" in {
        f.code for f in report.findings if f.claim_id == "c1"
    }
    a = assessment_of(report)
    assert a.certainty == "ungraded" and a.relations == ("challenged by c2",)
    assert assessment_of(report, "c2").relations == ("challenges c1",)
    # shown in the text report and in the evidence table
    text = format_report(report, "text")
    assert "[challenged by c2]" in text
    table = evidence_table(claim_set(*specs), report)
    assert list(table.frame["Relations"]) == ["challenged by c2", "challenges c1"]
