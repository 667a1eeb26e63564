"""When the attribution rules may fire: a body's name, a design word, a back-reference.

Each defect test failed before the condition it checks was added; the guards pin what the
rules must still do. The texts are written for the tests, not taken from the gold passages.
"""

from __future__ import annotations

import pytest

from evidence_claims.extraction.attribution_voice import _name_shape
from evidence_claims.extraction.draft import extract
from evidence_claims.io.bib import parse_bibliography

_BIB = parse_bibliography(
    "@article{smith2020,\n  author = {Smith, Ann},\n  title = {Kratom and chronic pain},\n"
    "  journal = {Pain},\n  year = {2020}\n}\n"
    "@article{lee2019,\n  author = {Lee, Bo},\n  title = {Kratom use in Malaysia},\n"
    "  journal = {Journal of Ethnopharmacology},\n  year = {2019}\n}\n"
)


def _evidence(text: str, **options) -> list[tuple[str, tuple[str, ...], str]]:  # type: ignore[no-untyped-def]
    claims = extract(text, doc_id="t", **options).claims
    return [(c.evidence.type, tuple(c.evidence.sources), c.evidence.basis) for c in claims]


# --- a body's name gives the page its voice only when the line is the name ---------------


def test_a_headline_containing_a_body_name_does_not_give_the_story_its_voice() -> None:
    text = (
        "Office of Dietary Supplements Marks 25 Years With a Festival\n\n"
        "The festival drew 300 researchers. Vitamin D deficiency is common in winter."
    )
    assert [e[0] for e in _evidence(text)[1:]] == ["unsourced_assertion"] * 2


@pytest.mark.parametrize(
    "line",
    [
        "Office of Dietary Supplements Launches New Website",
        "NIH Office of Research Warns Against Kratom",
        "Highlights of the 2019 NIH Behavioral and Social Sciences Research Festival",
    ],
)
def test_headlines_about_a_body_are_not_its_name(line: str) -> None:
    assert not _name_shape(line)


@pytest.mark.parametrize(
    "line",
    [
        "U.S. Food and Drug Administration",
        "NIH: National Center for Complementary and Alternative Medicine",
        "National Center for Complementary and Integrative Health (NCCIH)",
        "Centers for Disease Control and Prevention",
        "Office of Behavioral and Social Sciences Research",
        "World Health Organization",
    ],
)
def test_a_line_that_is_a_body_name_still_signs_the_page(line: str) -> None:
    assert _name_shape(line)
    text = f"{line}\n\nKratom is not approved for any medical use. It can cause seizures."
    assert [e[0] for e in _evidence(text)[1:]] == ["authority_statement"] * 2


def test_a_warning_issued_by_an_agency_reported_in_a_news_story_does_not_sign_it() -> None:
    text = (
        "Kratom sales rose last year.\n\n"
        "The warning was issued by the agency on Monday. Shops sell it to teenagers. Prices "
        "fell in the spring."
    )
    assert [e[0] for e in _evidence(text)[2:]] == ["unsourced_assertion"] * 2


def test_an_issuer_line_at_the_top_still_signs_the_page() -> None:
    text = "Issued by the Medicines Safety Agency\n\nKratom can cause seizures."
    assert _evidence(text)[-1][0] == "authority_statement"


# --- a design word in the sentence beats the fallback design of a citation ---------------


def test_these_trials_beside_a_citation_of_unknown_design_name_trials() -> None:
    text = "Kratom has been tested twice. In these trials, pain fell by a third (Smith 2020)."
    assert _evidence(text, bibliography=_BIB)[1][:2] == ("clinical_trial", ("smith2020",))


def test_a_key_already_in_the_open_trial_passage_takes_its_design() -> None:
    text = (
        "Kratom was tested in two randomised trials [1,2]. Pain fell in both groups [1]. "
        "It was well tolerated [2]."
    )
    found = _evidence(text, bibliography=_BIB)
    assert [e[:2] for e in found] == [
        ("clinical_trial", ("smith2020", "lee2019")),
        ("clinical_trial", ("smith2020",)),
        ("clinical_trial", ("lee2019",)),
    ]


def test_a_citation_of_unknown_design_with_no_design_word_keeps_the_fallback() -> None:
    text = "Kratom eased pain in one cohort (Smith 2020). Use is common in Malaysia (Lee 2019)."
    assert _evidence(text, bibliography=_BIB)[1][:2] == ("observational_study", ("lee2019",))


# --- "the study" brings back an earlier study only where it can refer to it --------------

_NEWS = (
    "A new study found that kratom eased pain in 40 adults. The study was small.\n\n"
    "“It is promising,” said Dr. Ann Lee, a pain specialist not involved in the work.\n\n"
)


def test_the_study_after_a_quotation_still_refers_back() -> None:
    text = _NEWS + "The study involved only men."
    assert _evidence(text)[-1][:2] == ("observational_study", ())


def test_the_study_after_the_text_turned_to_other_grounds_does_not_revive_it() -> None:
    text = _NEWS + "Kratom is sold in shops.\n\nSome states ban kratom. The study involved men."
    assert _evidence(text)[-1][0] == "unsourced_assertion"


def test_that_study_refers_back_explicitly_after_another_topic() -> None:
    text = _NEWS + "Kratom is sold in many shops.\n\nSome states ban it. That study involved men."
    assert _evidence(text)[-1][:2] == ("observational_study", ())


def test_the_study_within_its_own_paragraph_still_refers_back() -> None:
    text = (
        "A new study found that kratom eased pain in 40 adults. Kratom is sold in many shops. "
        "The study was small."
    )
    assert _evidence(text)[-1][:2] == ("observational_study", ())


# --- found on held-out pages and the narrative reviews -------------------------------------


def test_a_body_name_line_joined_to_a_tagline_still_signs_the_page() -> None:
    text = (
        "National Center for Complementary and Integrative Health (NCCIH)\n"
        "Turning Discovery Into Health\n\n"
        "Herbal Products\n\n"
        "Many herbs have had little research. Some can interact with medicines."
    )
    assert [e[0] for e in _evidence(text)[-2:]] == ["authority_statement"] * 2


_TRIALS_BIB = parse_bibliography(
    "@article{mohs1998,\n  author = {Mohs, R.},\n"
    "  title = {A study of the efficacy of a memory program in healthy elderly persons},\n"
    "  journal = {Psychiatry Research},\n  year = {1998}\n}\n"
    "@article{ball2002,\n  author = {Ball, K.},\n"
    "  title = {Effects of cognitive training: A randomized controlled trial},\n"
    "  journal = {JAMA},\n  year = {2002}\n}\n"
)


def test_a_section_heading_naming_a_design_gives_it_to_citations_of_unknown_design() -> None:
    text = (
        "Memory in Old Age\n\nRandomized clinical trials\n\n"
        "Many studies support the possibility of enhancing memory [1]."
    )
    assert _evidence(text, bibliography=_TRIALS_BIB)[-1][:2] == ("clinical_trial", ("mohs1998",))


def test_the_title_of_the_document_gives_no_design_to_what_it_cites() -> None:
    text = "Randomized clinical trials of memory\n\nMany studies support the possibility [1]."
    assert _evidence(text, bibliography=_TRIALS_BIB)[-1][0] == "observational_study"


def test_an_entry_whose_title_names_its_design_keeps_it_under_any_heading() -> None:
    text = "Memory\n\nCohort studies\n\nOne study found memory improved [2]."
    assert _evidence(text, bibliography=_TRIALS_BIB)[-1][:2] == ("clinical_trial", ("ball2002",))


def test_a_study_in_an_entry_title_does_not_name_a_design() -> None:
    from evidence_claims.extraction.attribution_reading import entry_types

    types = entry_types(_TRIALS_BIB)
    assert types == {"mohs1998": None, "ball2002": "clinical_trial"}


def test_a_year_after_a_preposition_is_not_a_study_of_that_year() -> None:
    from evidence_claims.extraction.mentions import find_mentions

    text = "Projection of these results to 1990 population data gives 18 million men."
    assert find_mentions(text, 0, len(text), loose=True) == []
    text = "The 1990 population data gave 18 million men."
    assert [m.form for m in find_mentions(text, 0, len(text), loose=True)] == ["descriptive"]


def test_a_short_name_defined_for_a_cited_study_names_it_later() -> None:
    bib = parse_bibliography(
        "@article{feldman1994,\n  author = {Feldman, H.},\n"
        "  title = {Results of the Massachusetts Male Aging Study},\n"
        "  journal = {J Urol},\n  year = {1994}\n}\n"
    )
    text = (
        "One source is the Massachusetts Male Aging Study (MMAS), a community survey [1].\n\n"
        "The figure is deceptive. In the MMAS, 40% of 40-year-old men had ED."
    )
    assert _evidence(text, bibliography=bib)[-1][:2] == ("observational_study", ("feldman1994",))


def test_a_report_of_a_health_technology_assessment_body_is_a_review() -> None:
    from evidence_claims.extraction.attribution_reading import entry_types

    bib = parse_bibliography(
        "@techreport{burls1998,\n  author = {Burls, A.},\n  title = {Sildenafil},\n"
        "  institution = {West Midlands Health Technology Assessment Collaboration},\n"
        "  year = {1998}\n}\n"
    )
    assert entry_types(bib) == {"burls1998": "systematic_review"}


def test_what_an_agency_s_tests_revealed_is_its_statement() -> None:
    text = "Kratom sales rose. FDA laboratory tests have revealed opioids in 30 kratom products."
    assert _evidence(text)[-1][:2] == ("authority_statement", ())


def test_an_agency_only_mentioned_is_not_the_source() -> None:
    text = "Kratom sales rose. The FDA does not define the term natural."
    assert _evidence(text)[-1][0] == "unsourced_assertion"


def test_what_remains_unknown_about_a_cited_trial_s_participants_rests_on_none() -> None:
    text = (
        "One of the largest randomized controlled trials was ACTIVE [1]. Participants were "
        "trained in memory. Finally, for participants in ACTIVE, it remains unknown whether "
        "rates of dementia will be reduced."
    )
    assert _evidence(text, bibliography=_TRIALS_BIB)[-1][0] == "unsourced_assertion"


def test_a_research_voice_word_in_an_entry_title_names_no_source_type() -> None:
    """A title's "participants" (a research report's voice cue) once typed its entry "report",
    which is no source type: extract ended in an internal error on a real introduction."""
    from evidence_claims.extraction.attribution_reading import entry_types

    bib = parse_bibliography(
        "@article{kapo2009,\n  author = {Kapo, D.},\n"
        "  title = {Cognitive and neural foundations of belief},\n  year = {2009}\n}\n"
        "@article{schj2009,\n  author = {Schj, U.},\n"
        "  title = {Highly religious participants recruit areas of social cognition},\n"
        "  year = {2009}\n}\n"
    )
    assert entry_types(bib) == {"kapo2009": None, "schj2009": None}
    text = (
        "Earlier work is summarised below.\n\n"
        "In imaging studies, thinking about [1] and praying to [2] a deity activates regions"
        " linked to mentalizing; thus mentalizing might be needed for belief."
    )
    claims = extract(text, doc_id="t", bibliography=bib).claims
    assert claims[-1].evidence.type == "observational_study"
    assert claims[-1].evidence.sources == ["kapo2009", "schj2009"]
