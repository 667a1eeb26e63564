"""Citations of corporate authors (agencies, bodies) and of the guidelines they issue.

Each test failed before corporate mentions were resolved and cited guidelines typed by what
the statement reports; the texts are paraphrases of the patterns, not gold items.
"""

from __future__ import annotations

from evidence_claims.extraction.corporate import corporate_authors, forms
from evidence_claims.extraction.draft import extract
from evidence_claims.io.bib import parse_bibliography

_BIB = """
@book{who2011iron,
  author = {{World Health Organization}},
  title = {Guideline: intermittent iron supplementation in children},
  publisher = {World Health Organization},
  year = {2011}}
@misc{nice2019,
  author = {{National Institute for Health and Care Excellence}},
  title = {Hypertension in adults: diagnosis and management},
  year = {2019}}
@article{uspstf2021,
  author = {{US Preventive Services Task Force} and Krist, Alex H.},
  title = {Screening for colorectal cancer: recommendation statement},
  journal = {JAMA},
  year = {2021}}
@article{bartoletti2022,
  author = {Bartoletti, Michele and Azap, Ozlem},
  title = {Guidelines for coronavirus disease 2019: treatment of mild disease},
  journal = {Clinical Microbiology and Infection},
  year = {2022}}
"""


def _claims(text: str, bib: str = _BIB, findings: list | None = None):  # type: ignore[no-untyped-def]
    return extract(text, doc_id="t", bibliography=parse_bibliography(bib), findings=findings).claims


def _cited(text: str, bib: str = _BIB) -> list[tuple[str, list[str]]]:
    return [(c.evidence.type, list(c.evidence.sources)) for c in _claims(text, bib)]


def test_a_braced_author_is_one_corporate_name_in_all_its_forms() -> None:
    entries = parse_bibliography(_BIB).entries
    assert corporate_authors(entries["who2011iron"]) == ["World Health Organization"]
    assert corporate_authors(entries["uspstf2021"]) == ["US Preventive Services Task Force"]
    assert corporate_authors(entries["bartoletti2022"]) == []
    assert {"world health organization", "who"} <= forms("World Health Organization")
    assert "world health organization" in forms("WHO")
    # acronyms that are not the initials of the name, from the bodies' own names
    assert "nice" in forms("National Institute for Health and Care Excellence")
    assert "centers for disease control and prevention" in forms("CDC")


def test_a_guideline_by_its_body_with_its_pooled_evidence_rests_on_the_evidence_review() -> None:
    text = (
        "In children, intermittent iron roughly halved the risk of anaemia (RR 0.51, 95% CI "
        "0.37 to 0.72; 10 trials, 1,824 children), according to the World Health Organization "
        "guideline (2011)."
    )
    assert _cited(text) == [("systematic_review", ["who2011iron"])]


def test_evidence_summarised_for_a_guideline_over_a_line_break_resolves() -> None:
    text = (
        "Intermittent iron raised haemoglobin by 5.20 g/L (95% CI 2.51 to 7.88; 19 trials), in "
        "the evidence summarised for the World Health\nOrganization guideline (2011)."
    )
    assert _cited(text) == [("systematic_review", ["who2011iron"])]


def test_acronyms_and_years_before_or_after_name_the_body() -> None:
    assert _cited("Iron lowers anaemia in children (WHO 2011).")[0][1] == ["who2011iron"]
    # advice that cites the body's publication rests on it too
    assert _cited("Iron is advised for children in malaria areas (WHO 2011).")[0][1] == [
        "who2011iron"
    ]
    assert _cited("The 2011 WHO guideline advises iron for children.")[0][1] == ["who2011iron"]
    assert _cited("NICE guidance (2019) advises home blood pressure checks.")[0][1] == ["nice2019"]
    assert _cited("Screening should start at 45, the USPSTF (2021) says.")[0][1] == ["uspstf2021"]


def test_an_acronym_in_the_bibliography_matches_the_full_name_in_the_text() -> None:
    bib = "@misc{who2011, author = {{WHO}}, title = {Iron guideline}, year = {2011}}\n"
    assert _cited("Iron is advised, the World Health Organization (2011) says.", bib)[0][1] == [
        "who2011"
    ]


def test_a_guideline_cited_for_its_advice_alone_stays_the_body_s_statement() -> None:
    assert _cited("The WHO guideline (2011) advises iron for children in malaria areas.") == [
        ("authority_statement", ["who2011iron"])
    ]


def test_a_guideline_by_named_authors_with_its_evidence_rests_on_the_evidence_review() -> None:
    statement = (
        "Inhaled corticosteroids reduced the need for oxygen (RR 0.69, 95% CI 0.49 to 0.98; "
        "one study, 1,559 patients), according to the guideline by Bartoletti and colleagues "
        "(2022)."
    )
    assert _cited(statement) == [("systematic_review", ["bartoletti2022"])]
    profile = (
        "Inhaled corticosteroids made little difference to deaths (3 studies, 2,189 patients), "
        "in the evidence profile of the guideline by Bartoletti and colleagues (2022)."
    )
    assert _cited(profile) == [("systematic_review", ["bartoletti2022"])]


def test_an_unresolved_body_citation_is_reported_with_the_closest_keys() -> None:
    findings: list = []
    [claim] = _claims("Iron is advised for all children (WHO 2015).", findings=findings)
    assert claim.evidence.sources == []
    assert "unresolved citation 'WHO 2015'" in (claim.evidence.note or "")
    [finding] = findings
    assert finding.code == "extract.unresolved-citation"
    assert "closest keys: who2011iron" in finding.message
    # the full name with its publication and year is a citation too, and so is its acronym
    for text, quoted in (
        (
            "Anaemia fell by half, the World Health Organization guideline (2015) says.",
            "World Health Organization guideline (2015)",
        ),
        (
            "Blood pressure checks at home lower readings (NICE guidance, 2021).",
            "NICE guidance, 2021",
        ),
    ):
        findings = []
        [claim] = _claims(text, findings=findings)
        assert claim.evidence.sources == [], text
        assert claim.evidence.type == "authority_statement", text
        assert [f.code for f in findings] == ["extract.unresolved-citation"], text
        assert f"citation '{quoted}'" in findings[0].message


def test_the_pronoun_who_is_no_body() -> None:
    claims = _claims("People who take iron daily often report nausea.")
    assert [c.evidence.sources for c in claims] == [[]]


def test_a_body_named_without_a_year_is_not_reported_as_an_unresolved_citation() -> None:
    findings: list = []
    text = "The Food and Drug Administration (FDA) warned that kratom is unsafe."
    [claim] = _claims(text, findings=findings)
    assert findings == []
    assert claim.evidence.type == "authority_statement"
