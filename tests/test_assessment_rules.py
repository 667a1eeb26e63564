"""Each evidence rule: a minimal claim that triggers it, and a near twin that does not."""

from __future__ import annotations

from typing import Any

import pytest

from evidence_claims.rules import all_rules
from evidence_claims.rules.assessment import CAVEATS

from .assessment_helpers import assessed, assessment_of, codes_of

ANIMAL_BIB = """@article{rats2001, title = {Tolerance to an extract}, note = {Studied in rats.}}
@article{adults2001, title = {Tolerance to an extract}, note = {Studied in 4,000 adults.}}
"""

# code -> (claims that trigger it on c1, claims that do not, bibliography)
CASES: dict[str, tuple[list[dict[str, Any]], list[dict[str, Any]], str | None]] = {
    "risk_of_bias.self_report": (
        [{"text": "Users report that it helps.", "type": "anecdotal_report"}],
        [{"text": "A survey of 900 users found that it helps."}],
        None,
    ),
    "risk_of_bias.selection": (
        [{"text": "A survey of 900 volunteers found that it helps."}],
        [{"text": "A survey of 900 residents found that it helps."}],
        None,
    ),
    "risk_of_bias.no_control": (
        [
            {
                "text": "Users say the withdrawal is much less than with heroin.",
                "type": "anecdotal_report",
            }
        ],
        [{"text": "Users say the withdrawal lasts four days.", "type": "anecdotal_report"}],
        None,
    ),
    "inconsistency.challenged_in_set": (
        [
            {"text": "A survey of 900 users found no dependence."},
            {
                "text": "A cohort of 700 users found dependence.",
                "relations": [("challenges", "c1")],
            },
        ],
        [
            {"text": "A survey of 900 users found no dependence."},
            {
                "text": "Dependence is common.",
                "type": "unsourced_assertion",
                "relations": [("challenges", "c1")],
            },
        ],
        None,
    ),
    "design.robins_i_start": (
        [
            {
                "text": "In 8 cohort studies with 40,000 adults judged with ROBINS-I, X went with "
                "lower mortality (HR 0.88, 95% CI 0.83 to 0.93).",
                "type": "systematic_review",
            }
        ],
        [
            {
                "text": "In 8 cohort studies with 40,000 adults, X went with lower mortality "
                "(HR 0.88, 95% CI 0.83 to 0.93).",
                "type": "systematic_review",
            }
        ],
        None,
    ),
    "risk_of_bias.robins_i": (
        [
            {
                "text": "In 8 cohort studies with 40,000 adults at serious risk of bias "
                "(ROBINS-I), X went with lower mortality (HR 0.88, 95% CI 0.83 to 0.93).",
                "type": "systematic_review",
            }
        ],
        [
            {
                "text": "In 8 cohort studies with 40,000 adults at low risk of bias (ROBINS-I), "
                "X went with lower mortality (HR 0.88, 95% CI 0.83 to 0.93).",
                "type": "systematic_review",
            }
        ],
        None,
    ),
    "risk_of_bias.robins_i_moderate": (
        [
            {
                "text": "In 8 cohort studies with 40,000 adults at moderate risk of bias "
                "(ROBINS-I), X went with lower mortality (HR 0.88, 95% CI 0.83 to 0.93).",
                "type": "systematic_review",
            }
        ],
        [
            {
                "text": "In 8 cohort studies with 40,000 adults at serious risk of bias "
                "(ROBINS-I), X went with lower mortality (HR 0.88, 95% CI 0.83 to 0.93).",
                "type": "systematic_review",
            }
        ],
        None,
    ),
    "inconsistency.sources_disagree": (
        [{"text": "A survey of 900 users found X.", "caveats": ["inconsistency.sources_disagree"]}],
        [{"text": "A survey of 900 users found X."}],
        None,
    ),
    "indirectness.animal": (
        [{"text": "Tolerance develops.", "sources": ["rats2001"]}],
        [{"text": "Tolerance develops.", "sources": ["adults2001"]}],
        ANIMAL_BIB,
    ),
    "indirectness.in_vitro": (
        [{"text": "Receptor binding was measured in cell culture."}],
        [{"text": "Receptor occupancy was measured in 900 patients."}],
        None,
    ),
    "indirectness.preparation": (
        [{"text": "An isolated alkaloid caused tolerance in 600 patients."}],
        [{"text": "The leaf caused tolerance in 600 patients."}],
        None,
    ),
    "indirectness.population": (
        [{"text": "A survey of 900 users found X.", "caveats": ["indirectness.population"]}],
        [{"text": "A survey of 900 users found X."}],
        None,
    ),
    "indirectness.dose": (
        [{"text": "A survey of 900 users found X.", "caveats": ["indirectness.dose"]}],
        [{"text": "A survey of 900 users found X."}],
        None,
    ),
    "replication.not_in_humans": (
        [{"text": "Mice became tolerant.", "type": "animal_study"}],
        [
            {"text": "Mice became tolerant.", "type": "animal_study"},
            {"text": "A cohort of 700 users became tolerant.", "relations": [("supports", "c1")]},
        ],
        None,
    ),
    "imprecision.small_sample": (
        [{"text": "A survey of 30 users found dependence."}],
        [{"text": "A survey of 3,000 users found dependence."}],
        None,
    ),
    "imprecision.n_not_given": (
        [{"text": "A survey found dependence."}],
        [{"text": "A survey of 3,000 users found dependence."}],
        None,
    ),
    "publication_bias.suspected": (
        [{"text": "A survey of 900 users found X.", "caveats": ["publication_bias.suspected"]}],
        [{"text": "A survey of 900 users found X."}],
        None,
    ),
    "upgrade.large_effect": (
        [{"text": "A cohort of 900 users found X.", "caveats": ["upgrade.large_effect"]}],
        [{"text": "A cohort of 900 users found X."}],
        None,
    ),
    "upgrade.dose_response": (
        [{"text": "A cohort of 900 users found X.", "caveats": ["upgrade.dose_response"]}],
        [{"text": "A cohort of 900 users found X."}],
        None,
    ),
    "upgrade.plausible_confounding": (
        [{"text": "A cohort of 900 users found X.", "caveats": ["upgrade.plausible_confounding"]}],
        [{"text": "A cohort of 900 users found X."}],
        None,
    ),
    "attribution.anecdotal_generalisation": (
        [{"text": "Users report that nobody gets withdrawal.", "type": "anecdotal_report"}],
        [{"text": "Users report mild withdrawal.", "type": "anecdotal_report"}],
        None,
    ),
    "attribution.vague": (
        [{"text": "Studies show that it is safe.", "type": "expert_opinion"}],
        [{"text": "Studies show that it is safe.", "sources": ["adults2001"]}],
        ANIMAL_BIB,
    ),
    "attribution.inferred_source": (
        [{"text": "The studies found X.", "sources": ["adults2001"], "basis": "inferred"}],
        [{"text": "The studies found X.", "sources": ["adults2001"], "basis": "explicit"}],
        ANIMAL_BIB,
    ),
    "attribution.unsourced_fact": (
        [{"text": "It is not addictive.", "type": "unsourced_assertion"}],
        [
            {
                "text": "It is probably not addictive.",
                "type": "unsourced_assertion",
                "hedges": ["probably"],
            }
        ],
        None,
    ),
    "wording.overclaim": (
        [
            {
                "text": "Mice have demonstrated it.",
                "type": "animal_study",
                "boosters": ["have demonstrated"],
            }
        ],
        [
            {
                "text": "A trial of 900 patients has demonstrated it.",
                "type": "clinical_trial",
                "boosters": ["has demonstrated"],
            }
        ],
        None,
    ),
    "wording.underclaim": (
        [
            {
                "text": "A trial of 900 patients suggests it might help.",
                "type": "clinical_trial",
                "hedges": ["might"],
            }
        ],
        [{"text": "Users suggest it might help.", "type": "anecdotal_report", "hedges": ["might"]}],
        None,
    ),
    "recommendation.no_evidence": (
        [
            {
                "text": "Use it at most once a week.",
                "kind": "recommendation",
                "type": "expert_opinion",
            }
        ],
        [
            {
                "text": "Use it at most once a week.",
                "kind": "recommendation",
                "sources": ["adults2001"],
            }
        ],
        ANIMAL_BIB,
    ),
    "certainty.differs": (
        [{"text": "Users report that it helps.", "type": "anecdotal_report", "certainty": "high"}],
        [
            {
                "text": "Users report that it helps.",
                "type": "anecdotal_report",
                "certainty": "very_low",
            }
        ],
        None,
    ),
    "design.observational_body": (
        [
            {
                "text": "A systematic review of nine cohort studies with 9,000 adults found X.",
                "type": "systematic_review",
            }
        ],
        [
            {
                "text": "A systematic review of nine randomized trials with 9,000 adults found X.",
                "type": "systematic_review",
            }
        ],
        None,
    ),
    "design.randomized_body": (
        [
            {
                "text": "The guideline panel found, in 12 randomized trials with 5,000 adults, X.",
                "type": "authority_statement",
                "sources": ["adults2001"],
            }
        ],
        [
            {
                "text": "The guideline panel found, in 12 cohort studies with 5,000 adults, X.",
                "type": "authority_statement",
                "sources": ["adults2001"],
            }
        ],
        ANIMAL_BIB,
    ),
    "opinion.not_evidence": (
        [{"text": "I think it is safe.", "type": "expert_opinion"}],
        [{"text": "In my experience it is safe.", "type": "expert_opinion"}],
        None,
    ),
    "opinion.reports_experience": (
        [{"text": "In my experience it is safe.", "type": "expert_opinion"}],
        [{"text": "I think it is safe.", "type": "expert_opinion"}],
        None,
    ),
    "risk_of_bias.reported": (
        [{"text": "An open-label trial of 900 adults found X.", "type": "clinical_trial"}],
        [{"text": "A double-blind trial of 900 adults found X.", "type": "clinical_trial"}],
        None,
    ),
    "risk_of_bias.unblinded_subjective": (
        [
            {
                "text": "In 9 randomized trials with 1,100 adults, yoga reduced back pain "
                "(SMD -0.40, 95% CI -0.60 to -0.20).",
                "type": "systematic_review",
            }
        ],
        [
            {
                "text": "In 9 randomized trials with 1,100 adults, yoga reduced back pain more "
                "than sham yoga (SMD -0.40, 95% CI -0.60 to -0.20).",
                "type": "systematic_review",
            }
        ],
        None,
    ),
    "inconsistency.explained": (
        [
            {
                "text": "A meta-analysis of 12 trials with 9,000 adults found X (I² = 78%); "
                "the heterogeneity was explained by dose.",
                "type": "systematic_review",
            }
        ],
        [
            {
                "text": "A meta-analysis of 12 trials with 9,000 adults found X (I² = 78%); "
                "the heterogeneity was partly explained by dose.",
                "type": "systematic_review",
            }
        ],
        None,
    ),
    "imprecision.ois_not_met": (
        [
            {
                "text": "In 3 randomized trials with 600 adults, X halved relapse (RR 0.50, "
                "95% CI 0.30 to 0.83; 40/300 versus 80/300).",
                "type": "systematic_review",
            }
        ],
        [
            {
                "text": "In 3 randomized trials with 6,000 adults, X halved relapse (RR 0.50, "
                "95% CI 0.30 to 0.83; 400/3000 versus 800/3000).",
                "type": "systematic_review",
            }
        ],
        None,
    ),
    "indirectness.intervention": (
        [
            {
                "text": "Drug A worked better than drug B in an indirect comparison of 12 "
                "trials with 9,000 adults.",
                "type": "systematic_review",
            }
        ],
        [
            {
                "text": "Drug A worked better than drug B in 12 head-to-head trials with 9,000 "
                "adults.",
                "type": "systematic_review",
            }
        ],
        None,
    ),
    "indirectness.reported": (
        [
            {
                "text": "In 12 trials with 9,000 adults X reduced relapse; "
                "the certainty was "
                "downgraded for indirectness.",
                "type": "systematic_review",
            }
        ],
        [
            {
                "text": "In 12 trials with 9,000 adults X reduced relapse; "
                "the review was not "
                "downgraded for indirectness.",
                "type": "systematic_review",
            }
        ],
        None,
    ),
    "risk_of_bias.very_serious": (
        [
            {
                "text": "In 12 trials with 9,000 adults X reduced relapse; "
                "the trials had very serious risk of bias.",
                "type": "systematic_review",
            }
        ],
        [
            {
                "text": "In 12 trials with 9,000 adults X reduced relapse; "
                "the trials had serious risk of bias.",
                "type": "systematic_review",
            }
        ],
        None,
    ),
    "inconsistency.very_serious": (
        [
            {
                "text": "In 12 trials with 9,000 adults X reduced relapse; "
                "downgraded two levels for inconsistency.",
                "type": "systematic_review",
            }
        ],
        [
            {
                "text": "In 12 trials with 9,000 adults X reduced relapse; "
                "downgraded for inconsistency.",
                "type": "systematic_review",
            }
        ],
        None,
    ),
    "indirectness.very_serious": (
        [
            {
                "text": "In 12 trials with 9,000 adults X reduced relapse; "
                "very serious indirectness.",
                "type": "systematic_review",
            }
        ],
        [
            {
                "text": "In 12 trials with 9,000 adults X reduced relapse; serious indirectness.",
                "type": "systematic_review",
            }
        ],
        None,
    ),
    "imprecision.very_serious": (
        [
            {
                "text": "In 12 trials with 9,000 adults X reduced relapse; "
                "rated down twice for imprecision.",
                "type": "systematic_review",
            }
        ],
        [
            {
                "text": "In 12 trials with 9,000 adults X reduced relapse; "
                "rated down for imprecision.",
                "type": "systematic_review",
            }
        ],
        None,
    ),
    "stated.moderate": (
        [
            {
                "text": "In 12 trials with 9,000 adults X reduced relapse (moderate-certainty "
                "evidence).",
                "type": "systematic_review",
            }
        ],
        [
            {
                "text": "In 12 trials with 9,000 adults X reduced relapse (high-certainty "
                "evidence).",
                "type": "systematic_review",
            }
        ],
        None,
    ),
    "stated.low": (
        [
            {
                "text": "In 12 trials with 9,000 adults X reduced relapse; "
                "the certainty of the "
                "evidence was rated low.",
                "type": "systematic_review",
            }
        ],
        [
            {
                "text": "In 12 trials with 9,000 adults X reduced relapse, a low rate.",
                "type": "systematic_review",
            }
        ],
        None,
    ),
    "stated.very_low": (
        [
            {
                "text": "Whether X reduces relapse is very uncertain (12 trials, 9,000 adults).",
                "type": "systematic_review",
            }
        ],
        [
            {
                "text": "X reduced relapse in 12 trials with 9,000 adults.",
                "type": "systematic_review",
            }
        ],
        None,
    ),
    "imprecision.reported": (
        [
            {
                "text": "In 12 trials with 9,000 adults X may reduce relapse, but the results "
                "were imprecise.",
                "type": "systematic_review",
            }
        ],
        [
            {
                "text": "In 12 trials with 9,000 adults X reduced relapse, with no serious "
                "imprecision.",
                "type": "systematic_review",
            }
        ],
        None,
    ),
    "inconsistency.heterogeneity": (
        [
            {
                "text": "A meta-analysis of 12 trials with 9,000 adults found X (I² = 78%).",
                "type": "systematic_review",
            }
        ],
        [
            {
                "text": "A meta-analysis of 12 trials with 9,000 adults found X (I² = 12%).",
                "type": "systematic_review",
            }
        ],
        None,
    ),
    "inconsistency.disputed_in_set": (
        [
            {"text": "A survey of 900 users found no dependence."},
            {
                "text": "Dependence is common.",
                "type": "unsourced_assertion",
                "relations": [("challenges", "c1")],
            },
        ],
        [
            {"text": "A survey of 900 users found no dependence."},
            {
                "text": "A cohort of 700 users found dependence.",
                "relations": [("challenges", "c1")],
            },
        ],
        None,
    ),
    "indirectness.surrogate": (
        [
            {
                "text": "In 12 trials with 9,000 adults it lowered LDL, a surrogate outcome.",
                "type": "systematic_review",
            }
        ],
        [
            {
                "text": "In 12 trials with 9,000 adults it lowered LDL.",
                "type": "systematic_review",
            }
        ],
        None,
    ),
    "imprecision.ci_includes_null": (
        [
            {
                "text": "In 12 trials with 9,000 adults, RR 0.91 (95% CI 0.70 to 1.18).",
                "type": "systematic_review",
            }
        ],
        [
            {
                "text": "In 12 trials with 9,000 adults, RR 0.91 (95% CI 0.85 to 0.97).",
                "type": "systematic_review",
            }
        ],
        None,
    ),
    "imprecision.benefit_and_harm": (
        [
            {
                "text": "In 12 trials with 9,000 adults, RR 1.07 (95% CI 0.40 to 2.90).",
                "type": "systematic_review",
            }
        ],
        [
            {
                "text": "In 12 trials with 9,000 adults, RR 0.91 (95% CI 0.70 to 1.18).",
                "type": "systematic_review",
            }
        ],
        None,
    ),
    "imprecision.to_large_effect": (
        [
            {
                "text": "In 11 trials with 1,311 adults, SMD 0.50 (95% CI -0.03 to 1.02).",
                "type": "systematic_review",
            }
        ],
        [
            {
                "text": "In 11 trials with 1,311 adults, SMD 0.30 (95% CI -0.03 to 0.63).",
                "type": "systematic_review",
            }
        ],
        None,
    ),
    "imprecision.wide_interval": (
        [
            {
                "text": "In 6 accuracy studies, 3,304 patients: sensitivity 0.51 (0.36 to 0.67).",
                "type": "diagnostic_accuracy",
            }
        ],
        [
            {
                "text": "In 6 accuracy studies, 3,304 patients: sensitivity 0.91 (0.88 to 0.94).",
                "type": "diagnostic_accuracy",
            }
        ],
        None,
    ),
    "imprecision.single_small_study": (
        [{"text": "A single randomized trial of 47 adults found X.", "type": "clinical_trial"}],
        [
            {
                "text": "Four randomized trials with 47 adults in all found X.",
                "type": "clinical_trial",
            }
        ],
        None,
    ),
    "upgrade.very_large_effect": (
        [
            {
                "text": "A cohort of 9,000 adults found RR 6.2 (95% CI 5.1 to 7.5).",
                "type": "observational_study",
            }
        ],
        [
            {
                "text": "A cohort of 9,000 adults found RR 2.4 (95% CI 2.1 to 2.8).",
                "type": "observational_study",
            }
        ],
        None,
    ),
    # with the learned calibration (CERTAINTY_MODES): a silent body of five trials and 1,200 people
    # moves; one of 12 trials and 12,000 people stays (the stored model refitted on 215 items)
    "calibration.learned": (
        [
            {
                "text": "In five randomized trials with 1,200 adults, the drug reduced pain "
                "(RR 0.70, 95% CI 0.60 to 0.82).",
                "type": "systematic_review",
            }
        ],
        [
            {
                "text": "In 12 randomized trials with 12,000 adults, the drug reduced pain "
                "(RR 0.70, 95% CI 0.60 to 0.82).",
                "type": "systematic_review",
            }
        ],
        None,
    ),
    "caveat.unknown-code": (
        [{"text": "A survey of 900 users found X.", "caveats": ["indirectness.animl"]}],
        [{"text": "A survey of 900 users found X.", "caveats": ["indirectness.animal"]}],
        None,
    ),
}


CERTAINTY_MODES = {"calibration.learned": "learned"}
"""Rules that fire only with another source of the certainty than the rules alone."""


def test_every_evidence_rule_has_a_case() -> None:
    evidence = {r.code for r in all_rules() if r.category == "evidence"}
    assert evidence == set(CASES)
    assert evidence == set(CAVEATS)


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_triggers(code: str) -> None:
    triggering, _clean, bib = CASES[code]
    mode = CERTAINTY_MODES.get(code, "rules")
    assert code in codes_of(assessed(*triggering, bib=bib, certainty=mode))


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_stays_quiet_on_its_twin(code: str) -> None:
    _triggering, clean, bib = CASES[code]
    mode = CERTAINTY_MODES.get(code, "rules")
    assert code not in codes_of(assessed(*clean, bib=bib, certainty=mode))


def test_detected_animal_evidence_names_the_entry_and_field() -> None:
    report = assessed(*CASES["indirectness.animal"][0], bib=ANIMAL_BIB)
    finding = next(f for f in report.findings if f.code == "indirectness.animal")
    assert "rats2001" in finding.message and "note" in finding.message
    assert finding.path == "/claims/0/evidence/sources/0"


def test_unknown_code_in_suppress_is_located() -> None:
    report = assessed({"text": "A survey of 900 users found X.", "suppress": ["wording.overclam"]})
    finding = next(f for f in report.findings if f.code == "caveat.unknown-code")
    assert finding.path == "/claims/0/suppress/0/code"
    assert "did you mean 'wording.overclaim'" in finding.message


def test_structural_code_as_caveat_is_reported() -> None:
    report = assessed({"text": "A survey of 900 users found X.", "caveats": ["anchor.inverted"]})
    finding = next(f for f in report.findings if f.code == "caveat.unknown-code")
    assert "not an evidence caveat" in finding.message


def test_recorded_problem_is_info_detected_one_is_a_warning() -> None:
    spec = {
        "text": "Use it at most once a week.",
        "kind": "recommendation",
        "type": "expert_opinion",
    }
    detected = assessed(spec)
    recorded = assessed({**spec, "caveats": ["recommendation.no_evidence"]})
    severity = {
        name: next(f.severity for f in r.findings if f.code == "recommendation.no_evidence")
        for name, r in (("detected", detected), ("recorded", recorded))
    }
    assert severity == {"detected": "warning", "recorded": "info"}


def test_recorded_limitation_is_not_repeated_as_a_finding() -> None:
    spec = {"text": "Mice became tolerant.", "type": "animal_study"}
    assert any(f.code == "indirectness.animal" for f in assessed(spec).findings)
    report = assessed({**spec, "caveats": ["indirectness.animal"]})
    assert not any(f.code == "indirectness.animal" for f in report.findings)
    reason = next(r for r in assessment_of(report).reasons if r.code == "indirectness.animal")
    assert reason.origin == "recorded" and reason.effect == -1


def test_suppressed_detection_neither_grades_nor_reports() -> None:
    spec = {"text": "Mice became tolerant.", "type": "animal_study"}
    plain = assessed(spec)
    # A claim about mice: neither the species nor the missing human replication applies.
    quiet = assessed({**spec, "suppress": ["indirectness.animal", "replication.not_in_humans"]})
    assert assessment_of(plain).certainty == "very_low"
    assert assessment_of(quiet).certainty == "low"
    assert not any(f.code == "indirectness.animal" for f in quiet.findings)


def test_challenger_that_is_itself_ungraded_does_not_count() -> None:
    report = assessed(*CASES["inconsistency.challenged_in_set"][1])
    assert assessment_of(report).certainty == "low"


# Regressions found by running the engine on the extraction gold set (benchmarks/gold).


def test_trial_counts_are_not_participant_counts() -> None:
    from evidence_claims.assessment.cues import participant_counts

    assert participant_counts("A systematic review of 33 randomized trials in children") == []
    assert participant_counts("thirty male and female cases") == [30]
    assert participant_counts("149 long-term regular users and 116 non-users") == [149, 116]


def test_isolated_cells_are_not_an_isolated_compound() -> None:
    spec = {
        "text": "In laboratory studies on isolated cells, it blocks an enzyme.",
        "type": "in_vitro",
    }
    assert "indirectness.preparation" not in codes_of(assessed(spec))


def test_first_person_account_is_not_a_generalisation() -> None:
    spec = {"text": "I've used it on every long trip.", "type": "anecdotal_report"}
    assert "attribution.anecdotal_generalisation" not in codes_of(assessed(spec))


def test_an_opinion_that_mentions_mice_does_not_rest_on_them() -> None:
    spec = {"text": "But mice are not people.", "type": "expert_opinion"}
    assert "indirectness.animal" not in codes_of(assessed(spec))


def test_hedged_advice_on_moderate_evidence_is_not_an_underclaim() -> None:
    spec = {
        "text": "A trial of 240 adults suggests walking could be offered first.",
        "type": "clinical_trial",
        "kind": "recommendation",
        "hedges": ["suggests", "could"],
    }
    report = assessed(spec)
    assert assessment_of(report).certainty == "moderate"
    assert "wording.underclaim" not in codes_of(report)
    assert "recommendation.no_evidence" not in codes_of(report)


def test_a_context_claim_takes_the_count_of_its_passage() -> None:
    report = assessed(
        {"text": "In this trial we assigned 240 adults to walking.", "type": "clinical_trial"},
        {"text": "Pressure fell.", "type": "clinical_trial", "basis": "context"},
    )
    c2 = codes_of(report, "c2")
    assert "imprecision.small_sample" in c2 and "imprecision.n_not_given" not in c2


def test_a_stated_certainty_caps_the_grade_and_never_raises_it() -> None:
    """GRADE guidelines 26: "the evidence is very uncertain" is very low, "low-certainty
    evidence" low; the suggestion goes no higher, and a stated level above the grade leaves it."""
    capped = assessment_of(
        assessed(
            {
                "text": "In 12 trials with 9,000 adults X reduced relapse (RR 0.80, 95% CI 0.70 "
                "to 0.90; low-certainty evidence).",
                "type": "systematic_review",
            }
        )
    )
    assert capped.certainty == "low"
    assert sum(r.effect for r in capped.reasons) == -2
    kept = assessment_of(
        assessed(
            {
                "text": "A survey of 900 users found X (moderate-certainty evidence).",
                "type": "observational_study",
            }
        )
    )
    assert kept.certainty == "low"
    assert [r.effect for r in kept.reasons if r.code == "stated.moderate"] == [0]


def test_the_lowest_of_two_stated_certainties_counts() -> None:
    report = assessed(
        {
            "text": "In 12 trials with 9,000 adults X reduced relapse (moderate-certainty "
            "evidence) and may reduce deaths (very low-certainty evidence).",
            "type": "systematic_review",
        }
    )
    assert "stated.very_low" in codes_of(report)
    assert assessment_of(report).certainty == "very_low"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # self-report in other words is a study limitation (GRADE guidelines 4)
        (
            "X raised quitting in 14 trials with 9,000 patients, as reported by the patients "
            "themselves.",
            "risk_of_bias.reported",
        ),
        # variation between studies in other words (GRADE guidelines 7)
        (
            "X reduced anxiety in 23 trials with 1,420 adults; the trials' findings varied "
            "markedly.",
            "inconsistency.heterogeneity",
        ),
        # the wording of GRADE evidence profiles and their footnotes
        (
            "X reduced relapse in 12 trials with 9,000 adults, most at high or unclear risk of "
            "bias.",
            "risk_of_bias.reported",
        ),
        (
            "X reduced relapse in 12 trials with 9,000 adults (downgraded for inconsistency).",
            "inconsistency.heterogeneity",
        ),
        (
            "X reduced relapse in 12 trials with 9,000 adults (rated down for publication bias).",
            "publication_bias.suspected",
        ),
        (
            "X reduced relapse in 12 trials with 9,000 adults, but the trials had "
            "methodological weaknesses.",
            "risk_of_bias.reported",
        ),
        (
            "X reduced relapse in 12 trials with 9,000 adults; the effects were heterogeneous.",
            "inconsistency.heterogeneity",
        ),
        (
            "X may reduce relapse, but the trials were few and the confidence intervals were wide.",
            "imprecision.reported",
        ),
        # an amount of evidence said to be too small (GRADE guidelines 6)
        (
            "A review of 33 trials with 10,841 children found too little evidence to say whether X "
            "prevents deaths.",
            "imprecision.reported",
        ),
        # blinding and randomization in other words (GRADE guidelines 4)
        (
            "CBT lowered anxiety in 11 trials with 1,200 adults; most trials did not report their "
            "randomization method and none were blinded.",
            "risk_of_bias.reported",
        ),
        (
            "Remote CBT worked as well as in-person CBT in 51 trials with 5,384 patients; patients "
            "and therapists could not be blinded to how the therapy was delivered.",
            "risk_of_bias.reported",
        ),
        # a named bias domain judged high (Cochrane risk-of-bias tool)
        (
            "X shortened the ICU stay in 12 trials with 925 patients; several trials had high "
            "risk of attrition and performance bias.",
            "risk_of_bias.reported",
        ),
        (
            "X improved working memory in trials with risk-of-bias limitations in randomization.",
            "risk_of_bias.reported",
        ),
        # inconsistency and imprecision in other common words (GRADE guidelines 6 and 7)
        (
            "X lowered relapse in 4 observational studies with 676 patients, with inconsistent "
            "study results.",
            "inconsistency.heterogeneity",
        ),
        (
            "X lowered relapse in 10 trials with 1,222 patients, with moderate heterogeneity.",
            "inconsistency.heterogeneity",
        ),
        (
            "Patients preferred X (OR 1.97, 95% CI 1.18 to 3.29), though the sample was small.",
            "imprecision.reported",
        ),
    ],
)
def test_limitations_in_other_words(text: str, code: str) -> None:
    assert code in codes_of(assessed({"text": text, "type": "systematic_review"}))


def test_stated_indirectness_does_not_add_to_a_specific_one() -> None:
    """One indirectness judgement: words saying the evidence is indirect add nothing to an
    animal study or a surrogate outcome already found."""
    animal = codes_of(
        assessed({"text": "In mice, the evidence is indirect.", "type": "animal_study"})
    )
    assert "indirectness.animal" in animal and "indirectness.reported" not in animal
    surrogate = codes_of(
        assessed(
            {
                "text": "In 12 trials with 9,000 adults X lowered a surrogate outcome; the "
                "evidence is indirect.",
                "type": "systematic_review",
            }
        )
    )
    assert "indirectness.surrogate" in surrogate and "indirectness.reported" not in surrogate


def test_a_concern_stated_as_very_serious_takes_two_levels() -> None:
    """GRADE: a very serious concern rates down two levels; the domain still takes two at
    most, however many of its concerns are found."""
    alone = assessment_of(
        assessed(
            {
                "text": "In 12 trials with 9,000 adults X reduced relapse (downgraded two "
                "levels for risk of bias).",
                "type": "systematic_review",
            }
        )
    )
    assert alone.certainty == "low"
    assert [(r.code, r.effect) for r in alone.reasons] == [("risk_of_bias.very_serious", -2)]
    both = assessment_of(
        assessed(
            {
                "text": "In 12 trials with 9,000 adults, most open-label, X reduced relapse "
                "(very serious risk of bias).",
                "type": "systematic_review",
            }
        )
    )
    assert both.certainty == "low"
    assert sum(r.effect for r in both.reasons if r.code.startswith("risk_of_bias")) == -2


def _grade_of(text: str, type_: str = "systematic_review", bib: str | None = None, **kw: Any):
    spec: dict[str, Any] = {"text": text, "type": type_, **kw}
    return assessment_of(assessed(spec, bib=bib) if bib else assessed(spec))


def test_robins_i_starts_a_body_of_cohort_studies_high_and_rates_its_risk_of_bias() -> None:
    """GRADE guidelines 18: non-randomized studies judged with ROBINS-I start high and are
    rated down in the risk of bias domain, two levels for serious risk (or no judgement), one
    for moderate, none for low. Before, such a body started low and a serious risk of bias
    took it to very low."""
    serious = _grade_of(
        "In 12 prospective cohort studies with 27,248 women judged with ROBINS-I, more activity "
        "went with lower mortality (HR 0.78, 95% CI 0.71 to 0.86); five were at serious risk of "
        "bias from confounding."
    )
    assert serious.certainty == "low"
    assert ("risk_of_bias.robins_i", -2) in [(r.code, r.effect) for r in serious.reasons]
    moderate = _grade_of(
        "In 8 cohort studies with 40,000 adults, judged with ROBINS-I at moderate risk of bias, "
        "X went with lower mortality (HR 0.88, 95% CI 0.83 to 0.93)."
    )
    assert moderate.certainty == "moderate"
    low = _grade_of(
        "In 8 cohort studies with 40,000 adults, all at low risk of bias by ROBINS-I, X went with "
        "lower mortality (HR 0.88, 95% CI 0.83 to 0.93)."
    )
    assert low.certainty == "high"
    plain = _grade_of(
        "In 8 cohort studies with 40,000 adults X went with lower mortality (HR 0.88, 95% CI "
        "0.83 to 0.93)."
    )
    assert plain.certainty == "low"  # no ROBINS-I: the traditional low start


def test_robins_i_named_in_the_cited_entry_counts() -> None:
    bib = (
        "@article{geidl2020, title = {Physical activity and mortality}, note = {Dose-response "
        "meta-analysis of 28 prospective observational studies; risk of bias judged with "
        "ROBINS-I.}}\n"
    )
    found = _grade_of(
        "In 8 cohort studies with 42,027 adults (Geidl 2020) activity went with lower "
        "mortality (HR 0.88, 95% CI 0.83 to 0.93).",
        bib=bib,
        sources=["geidl2020"],
    )
    assert found.certainty == "low"
    assert "design.robins_i_start" in [r.code for r in found.reasons]


def test_results_called_very_inconsistent_take_two_levels() -> None:
    """GRADE guidelines 7: results the text calls very inconsistent are a very serious
    inconsistency (two levels); plain 'inconsistent' stays one."""
    very = _grade_of(
        "Sertraline lowered depression scores in 6 trials with 1,100 adults, but the trial results "
        "were very inconsistent."
    )
    assert very.certainty == "low"
    assert "inconsistency.very_serious" in [r.code for r in very.reasons]
    once = _grade_of(
        "Sertraline lowered depression scores in 6 trials with 1,100 adults, but the trial results "
        "were inconsistent."
    )
    assert once.certainty == "moderate"


def test_the_risk_implied_by_a_ratio_and_its_absolute_effect_sizes_the_ois() -> None:
    """GRADE guidelines 6: an interval that excludes no effect is still imprecise when the body
    is smaller than the optimal information size. A summary-of-findings row gives the
    comparison-group risk only through 'RR 0.69 ... 29 fewer per 1000' (risk = 29/1000 / 0.31,
    about 9%): 1,559 people are fewer than the ~4,400 a trial sized for a 25% reduction from 9%
    needs. Before, no risk was read and the row stayed high."""
    short = _grade_of(
        "Inhaled corticosteroids reduced the need for oxygen (RR 0.69, 95% CI 0.49 to 0.98; 29 "
        "fewer per 1000; one trial, 1,559 patients)."
    )
    assert "imprecision.ois_not_met" in [r.code for r in short.reasons]
    assert short.certainty == "moderate"
    enough = _grade_of(
        "X reduced deaths (RR 0.69, 95% CI 0.60 to 0.80; 29 fewer per 1000; 12 trials, 20,000 "
        "patients)."
    )
    assert enough.certainty == "high"
