"""News releases, agency newsletters and the studies they report (extraction/genre.py,
data/genres.yaml, data/attribution.yaml).

The texts are written for the tests, not taken from the gold passages. Each test failed
before its rule: an evidence report read as no study, an NIH office announcing as nobody, a
release known by its dateline, "###" or its name, an agency's own release speaking for the
agency, and a data brief's "Key findings" label.
"""

from __future__ import annotations

from evidence_claims.extraction.draft import extract
from evidence_claims.extraction.genre import read_genre


def _evidence(text: str) -> list[tuple[str, str]]:
    return [(c.evidence.type, c.evidence.basis) for c in extract(text, doc_id="t").claims]


def test_an_evidence_report_is_a_systematic_review_and_its_findings_follow_it() -> None:
    text = (
        "Echinacea may shorten colds slightly, says a new evidence report released today by "
        "the Agency for Healthcare Research and Quality. The benefit was small in adults."
    )
    found = _evidence(text)
    assert found[0] == ("systematic_review", "explicit")
    assert found[1] == ("systematic_review", "context")


def test_an_nih_office_that_announces_speaks_as_an_agency() -> None:
    text = (
        "The Office of Dietary Supplements (ODS) of the National Institutes of Health (NIH) "
        "today announced four new grants to study probiotics in older adults."
    )
    assert _evidence(text)[0] == ("authority_statement", "explicit")


def test_an_nih_institute_only_mentioned_is_not_the_ground() -> None:
    text = "Probiotics were studied at several NIH institutes in older adults."
    assert _evidence(text)[0][0] != "authority_statement"


def test_a_dateline_and_end_mark_make_a_news_release() -> None:
    text = (
        "Zinc lozenges and colds\n\n"
        "BETHESDA, Md. — Zinc lozenges shortened colds by a day in adults.\n\n"
        "Colds are common in winter.\n\n###"
    )
    assert read_genre(text).family == "news"


def test_a_page_that_calls_itself_a_press_release_and_reports_a_study_is_news() -> None:
    text = (
        "Press Releases\n\n"
        "Zinc lozenges shortened colds in adults. "
        "Researchers led by Ann Smith gave zinc lozenges to 100 adults."
    )
    assert read_genre(text).family == "news"


def test_a_news_release_that_reads_as_an_agency_page_speaks_for_the_agency() -> None:
    text = (
        "2001 Press Releases\n\n"
        "Zinc may shorten colds, says a new evidence report released today by the NIH. "
        "Researchers led by Ann Smith reviewed 12 trials. The FDA does not approve zinc "
        "products for colds, and the NCCAM web site has more on zinc. Talk to your doctor "
        "before taking zinc."
    )
    genre = read_genre(text)
    assert genre.family == "news"
    assert genre.institutional


def test_a_news_story_about_a_university_study_is_no_agency_release() -> None:
    text = (
        "Zinc may shorten colds, says a new study published in the Journal of Colds. "
        "“It was a surprise,” said Ann Smith, professor of medicine at the university."
    )
    genre = read_genre(text)
    assert genre.family == "news"
    assert not genre.institutional


def test_a_key_findings_label_is_a_research_reports() -> None:
    text = (
        "Zinc use among adults\n\nKey findings\n\n"
        "- Use of zinc supplements was reported by 12% of respondents in the survey.\n"
        "- Prevalence of use was higher among women."
    )
    assert read_genre(text).family == "research_report"


def test_a_post_dated_under_its_title_that_announces_a_report_is_news() -> None:
    text = (
        "Zinc Use Among Adults, 2019\n\nMarch 3, 2020\n\n"
        "The center releases a new report on zinc use.\n\n"
        "Findings:\n\n- Zinc use was higher among women (12%) than men (9%)."
    )
    assert read_genre(text).family == "news"
