"""A research report of a test's accuracy is a diagnostic accuracy study.

STARD 2015 (Bossuyt et al., BMJ 2015;351:h5527): an accuracy study compares an index test with
a reference standard and reports sensitivity and specificity. A report that names its sampling
in generic words ("a prospective study") and then reports such measures is that design, not an
observational study (docs/extraction-decisions.md, 18: the more specific design). The abstract
is written for the test.
"""

from __future__ import annotations

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
