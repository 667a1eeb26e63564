"""A research report of a test's accuracy is a diagnostic accuracy study.

STARD 2015 (Bossuyt et al., BMJ 2015;351:h5527): an accuracy study compares an index test with
a reference standard and reports sensitivity and specificity. A report that names its sampling
in generic words ("a prospective study") and then reports such measures is that design, not an
observational study (docs/extraction-decisions.md, 18: the more specific design). The abstract
is written for the test.
"""

from __future__ import annotations

import pytest

from evidence_claims.extraction.draft import extract

_ABSTRACT = """\
Accuracy of a Saliva Cortisol Strip for Adrenal Insufficiency in Adults

Methods
We conducted a prospective study in two endocrine clinics. Adults referred for suspected \
adrenal insufficiency were enrolled consecutively. Each patient had the saliva strip and a \
cosyntropin stimulation test, which served as the reference standard.

Results
Of 214 patients, 47 had adrenal insufficiency. The strip had a sensitivity of 85% and a \
specificity of 90%. Accuracy did not differ by age.
"""


def test_a_report_of_sensitivity_against_a_reference_standard_is_a_diagnostic_study() -> None:
    claims = extract(_ABSTRACT, doc_id="t").claims
    statements = [c for c in claims if c.text.endswith(".")]
    assert [c.evidence.type for c in statements] == ["diagnostic_accuracy"] * len(statements)
    assert statements[0].evidence.basis == "explicit"


def test_a_cohort_report_without_accuracy_measures_stays_observational() -> None:
    text = _ABSTRACT.replace(", which served as the reference standard", " a year later").replace(
        "The strip had a sensitivity of 85% and a specificity of 90%.", "Most were women."
    )
    claims = extract(text, doc_id="t").claims
    statements = [c for c in claims if c.text.endswith(".")]
    assert {c.evidence.type for c in statements} == {"observational_study"}


_UNSTRUCTURED = """\
Breath Testing to Detect Lung Cancer in Smokers

We evaluated the {design} of an electronic nose in detecting lung cancer among 310 smokers \
referred for chest imaging. Breath samples were collected before bronchoscopy. Histology was \
used as the {standard}. The electronic nose detected cancer with {estimate}. Breath testing \
may help decide which smokers need further imaging.
"""


@pytest.mark.parametrize(
    ("design", "standard", "estimate"),
    [
        ("diagnostic performance", "gold standard", "a good balance of errors"),
        ("diagnostic yield", "criterion standard", "few errors"),
        ("usefulness", "gold standard", "89% sensitivity and 85% specificity"),
        ("usefulness", "benchmark", "a sensitivity of 89% and a specificity of 85%"),
    ],
)
def test_other_words_for_an_accuracy_study_name_the_design(
    design: str, standard: str, estimate: str
) -> None:
    text = _UNSTRUCTURED.format(design=design, standard=standard, estimate=estimate)
    claims = extract(text, doc_id="t").claims
    assert {c.evidence.type for c in claims[1:]} == {"diagnostic_accuracy"}


def test_a_test_said_to_need_sensitivity_and_specificity_names_no_study() -> None:
    text = (
        "Screening tests are offered to healthy people. A screening test must have good "
        "sensitivity and acceptable specificity, because false alarms harm people.\n"
    )
    assert {c.evidence.type for c in extract(text, doc_id="t").claims} == {"unsourced_assertion"}
