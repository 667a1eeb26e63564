"""GRADE reasons read by mechanisms rather than by listed wordings.

Each case is a sentence of this file's own making that states a GRADE reason in words the data
file does not list as a whole: the search of a review that leaves publication bias unchecked
(Cochrane Handbook 5.1, section 10.3.1; GRADE guidelines 5), the other reporting biases and an
excess of significant findings, coordinated modifiers that share the noun "bias", a term in the
plural, a whole clause negated ("it did not appear that ..."), a limitation said to change or
not to change the results (Cochrane Handbook 5.1, Table 12.2.d), confounding said with its
verb, study quality judged weak, and a population the studies do not represent (GRADE
guidelines 8). Each concern has a twin that says the same fact is absent and must move nothing.
"""

from __future__ import annotations

import pytest

from evidence_claims.assessment import compose

from .assessment_helpers import moved_in_trials as moved


@pytest.mark.parametrize(
    ("phrase", "domain"),
    [
        # the search (Cochrane Handbook 5.1, 10.3.1; GRADE guidelines 5)
        ("the authors made no attempt to locate unpublished trials", "publication_bias"),
        ("grey literature was not searched", "publication_bias"),
        ("the search was restricted to published studies", "publication_bias"),
        ("only published trials were eligible", "publication_bias"),
        # the other reporting biases (Cochrane Handbook 5.1, Table 10.1.a) and excess significance
        ("language bias is possible because only English reports were read", "publication_bias"),
        ("the meta-analyses showed evidence of excess significance", "publication_bias"),
        ("the review was prone to publication bias", "publication_bias"),
        # coordinated modifiers sharing their head noun, and a term in the plural
        ("the trials were at high risk of selection and attrition bias", "risk_of_bias"),
        ("publication and citation biases are likely", "publication_bias"),
        # a whole clause negated
        ("it did not appear that trial registries were searched", "publication_bias"),
        # a limitation said to change the results
        ("losses to follow-up may have affected the results", "risk_of_bias"),
        # confounding said with its verb
        ("differences in baseline severity may have confounded the comparison", "risk_of_bias"),
        # study quality judged weak
        ("the methodological quality of most studies was weak", "risk_of_bias"),
        # a population the studies do not represent (GRADE guidelines 8)
        ("the adults enrolled do not represent the population of interest", "indirectness"),
        # "what" for "which" (knowing the allocation: lack of blinding, GRADE guidelines 4)
        ("the nurses knew what treatment each child received", "risk_of_bias"),
        # a negative quantifier read as "no"
        ("none of the studies concealed allocation", "risk_of_bias"),
        # what the trials gave varying between them (GRADE guidelines 7)
        ("the studies differed in dosage and regimen", "inconsistency"),
        ("the durations of treatment varied across trials", "inconsistency"),
        # the setting restricted to one place, a population mostly of one group (GRADE 8)
        ("every trial was run in a single centre", "indirectness"),
        ("the cohorts recruited predominantly women", "indirectness"),
        # a share of the participants lost (GRADE guidelines 4)
        ("half of the participants dropped out", "risk_of_bias"),
        # who paid (GRADE guidelines 5)
        ("most trials were sponsored by industry", "publication_bias"),
        ("every study was paid for by the device's makers", "publication_bias"),
        # the comparator said as the control (GRADE guidelines 8)
        ("the trials used differing control interventions", "indirectness"),
        # a safeguard replaced by something else (GRADE guidelines 4)
        ("outcomes were analysed per protocol instead of intention to treat", "risk_of_bias"),
        # intermediate outcomes (GRADE guidelines 8)
        ("the trials reported intermediate endpoints only", "indirectness"),
        # a small-study effect described (GRADE guidelines 5), not a small body of evidence
        ("smaller trials reported larger benefits", "publication_bias"),
        # flaws of method, studies of low quality, one party blinded (GRADE guidelines 4)
        ("several cohorts had serious design flaws", "risk_of_bias"),
        ("most cohorts were of low quality", "risk_of_bias"),
        ("the trials were single-blinded", "risk_of_bias"),
        ("none of the trials was double-blind", "risk_of_bias"),
        # a body of one to three studies (GRADE guidelines 6)
        ("the estimate rests on just two trials", "imprecision"),
        # the rating verb with its object between
        ("the reviewers rated the certainty down for inconsistency", "inconsistency"),
        ("certainty was lowered because of indirectness", "indirectness"),
        # a result that includes no effect, said of the results (GRADE guidelines 6)
        ("the pooled result was compatible with no effect", "imprecision"),
        ("the difference may be due to chance", "imprecision"),
        # the population and practice of the question (GRADE guidelines 8)
        ("the people studied were not the target population", "indirectness"),
        ("the device was used in ways not used in routine practice", "indirectness"),
        # confounding not accounted for, exposure from memory (GRADE guidelines 4)
        ("the analyses did not account for alcohol intake", "risk_of_bias"),
        ("the cohorts relied on recall of past exposure", "risk_of_bias"),
    ],
)
def test_a_reason_read_by_a_mechanism_rates_its_domain(phrase: str, domain: str) -> None:
    assert moved(phrase) == {domain: -1}


@pytest.mark.parametrize(
    "phrase",
    [
        "unpublished trials and grey literature were searched",
        "the authors made every attempt to locate unpublished trials",
        "published and unpublished studies were eligible",
        "there was no evidence of excess significance",
        "language bias is unlikely",
        "the trials were at low risk of selection and attrition bias",
        "there was no evidence that allocation was inadequately concealed",
        "losses to follow-up probably did not affect the results",
        "the methodological quality of most studies was good",
        "the adults enrolled represent the population of interest",
        "the trials were at low risk of attrition bias",
        "the nurses did not know what treatment each child received",
        "none of the studies were at high risk of bias",
        "the studies were similar in dosage and regimen",
        "three trials compared different doses of the drug",
        "the participants came from more than one country",
        "the trials were funded by a national research council",
        "the trials used the same control interventions",
        "all of the trials were double-blind",
        "only two of the trials were blinded",
        "the reviewers did not rate the certainty down for inconsistency",
        "the difference is unlikely to be due to chance",
        "the analyses accounted for alcohol intake",
    ],
)
def test_the_same_fact_absent_moves_nothing(phrase: str) -> None:
    assert moved(phrase) == {}


def test_a_plural_is_made_only_from_a_singular_term() -> None:
    # a plural term read in the singular says something else: "results varied" compares the
    # studies, "the result" is one estimate
    roles = compose._roles()
    assert ("publication_bias", "problem") in roles["publication biases"].terms
    assert compose._plural("results") is None
    assert compose._plural("study") == "studies"
    assert compose._plural("bias") == "biases"
    assert compose._plural("blinding") is None  # a verb's form is left alone


def test_a_listed_phrase_keeps_its_own_reading() -> None:
    # "limitation" is listed as a judgement word; the plural of no term overrides it
    roles = compose._roles()
    assert roles["limitation"].qualifiers
    assert ("all", "concern") in roles["limitation"].qualifiers


def test_the_quality_of_the_studies_varying_is_no_inconsistency() -> None:
    # GRADE guidelines 4 and 7: differing study quality is a matter of risk of bias; differing
    # results are inconsistency
    assert "inconsistency" not in moved("the methodological quality of the trials varied widely")
    assert moved("the results of the trials varied widely") == {"inconsistency": -1}
