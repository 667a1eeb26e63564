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
    "caveat.unknown-code": (
        [{"text": "A survey of 900 users found X.", "caveats": ["indirectness.animl"]}],
        [{"text": "A survey of 900 users found X.", "caveats": ["indirectness.animal"]}],
        None,
    ),
}


def test_every_evidence_rule_has_a_case() -> None:
    evidence = {r.code for r in all_rules() if r.category == "evidence"}
    assert evidence == set(CASES)
    assert evidence == set(CAVEATS)


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_triggers(code: str) -> None:
    triggering, _clean, bib = CASES[code]
    assert code in codes_of(assessed(*triggering, bib=bib))


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_stays_quiet_on_its_twin(code: str) -> None:
    _triggering, clean, bib = CASES[code]
    assert code not in codes_of(assessed(*clean, bib=bib))


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
