"""Attribution rules that follow the genre: unsigned agency pages, agency officials, hedging
"cases", gaps in the evidence.

Each defect test failed before the rule it checks was added; the guards pin what must not
change. The texts are written for the tests, not taken from the gold passages.
"""

from __future__ import annotations

from evidence_claims.extraction.draft import extract
from evidence_claims.io.bib import parse_bibliography

_BIB = parse_bibliography(
    "@article{smith2020,\n  author = {Smith, Ann},\n  title = {Kratom and chronic pain},\n"
    "  journal = {Pain},\n  year = {2020}\n}\n"
)


def _evidence(text: str, **options) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    claims = extract(text, doc_id="t", **options).claims
    return [(c.evidence.type, c.evidence.basis) for c in claims]


# --- a consumer page that never names its agency still speaks for an institution ---------

_UNSIGNED_PAGE = (
    "Feverfew\n\n"
    "Feverfew has not been linked to serious side effects. It can cause mouth sores.\n\n"
    "Women who are pregnant should not use feverfew.\n\n"
    "People taking blood thinners should avoid feverfew."
)


def test_an_unsigned_fact_sheet_is_the_institutions_word_with_no_named_basis() -> None:
    found = _evidence(_UNSIGNED_PAGE)
    assert found[0] == ("unsourced_assertion", "none")  # the heading
    assert found[1:] == [("authority_statement", "none")] * 4


def test_a_page_addressing_the_reader_is_unsigned_institutional_text_too() -> None:
    text = (
        "Many adults take a multivitamin. Your body needs vitamin C. "
        "You can get enough from fruit. Ask your pharmacist about the dose you take."
    )
    assert {e for e in _evidence(text)} == {("authority_statement", "none")}


def test_a_first_person_post_with_advice_is_not_an_agency_page() -> None:
    text = (
        "I tried feverfew last winter. It gave me mouth sores.\n\n"
        "Women who are pregnant should not use feverfew. "
        "People taking blood thinners should avoid it."
    )
    assert all(t != "authority_statement" for t, _b in _evidence(text))


def test_a_news_story_quoting_an_expert_is_not_an_agency_page() -> None:
    text = (
        "Feverfew is sold as a migraine remedy. “Patients should not use it in pregnancy,” "
        "said Dr. Ana Ruiz. Women who are pregnant should avoid feverfew."
    )
    assert all(t != "authority_statement" for t, _b in _evidence(text))


def test_an_encyclopedia_text_without_advice_stays_unsourced() -> None:
    text = (
        "Feverfew is a flowering plant of the daisy family. It is native to Eurasia. "
        "It has been grown in gardens since antiquity."
    )
    assert {e for e in _evidence(text)} == {("unsourced_assertion", "none")}


# --- "in many cases" hedges a general statement; a count of cases reports them ----------


def test_in_many_cases_at_the_start_is_a_hedge_not_case_reports() -> None:
    text = (
        "Plants make many alkaloids. In many cases, these alkaloids serve as defences. "
        "In some cases, people have had rashes after touching the leaves."
    )
    assert [t for t, _b in _evidence(text)] == ["unsourced_assertion"] * 3


def test_a_count_of_cases_still_reports_cases() -> None:
    text = "In several cases, women developed liver injury after taking the extract."
    assert _evidence(text)[0] == ("case_report", "explicit")


# --- a quoted official speaks for the body; a scientist quoted stays an expert -----------


def test_a_quoted_agency_official_speaks_for_the_agency_and_again_by_surname() -> None:
    text = (
        "The agency has found 30 tainted products.\n\n"
        "“These products are not supplements,” says Jane Roe, director of FDA’s Office of "
        "Compliance. “Some contain hidden drugs.”\n\n"
        "“Consumers should avoid them,” says Roe."
    )
    found = _evidence(text)
    assert found[1] == ("authority_statement", "explicit")
    assert found[2][0] == "authority_statement"
    assert found[3] == ("authority_statement", "explicit")


def test_an_acting_commissioner_after_a_quotation_speaks_for_the_agency() -> None:
    text = (
        "Weight-loss pills were seized. “These pills give false hope,” said Acting FDA "
        "Commissioner John Doe."
    )
    assert _evidence(text)[1] == ("authority_statement", "explicit")


def test_a_university_scientist_quoted_stays_an_expert() -> None:
    text = (
        "Weight-loss pills were seized. “These pills give false hope,” said Dr. Ana Ruiz, "
        "director of the Center for Obesity Research at Leeds University."
    )
    assert _evidence(text)[1] == ("expert_opinion", "explicit")


# --- what no research has examined yet rests on none -------------------------------------


def test_research_not_yet_done_ends_the_cited_passage_and_rests_on_none() -> None:
    text = (
        "Smith (2020) studied kratom and chronic pain. It eased pain in most users. "
        "However, no previous research has properly examined its effect on sleep. "
        "Very little, if any, previous work has examined the dose."
    )
    found = _evidence(text, bibliography=_BIB)
    assert found[2] == ("unsourced_assertion", "none")
    assert found[3] == ("unsourced_assertion", "none")


def test_limited_knowledge_and_missing_information_are_gaps() -> None:
    text = (
        "In a survey of 500 users, kratom eased pain. "
        "Knowledge about kratom's long-term safety is limited. "
        "No information is available about its use in pregnancy. "
        "Studies to date have been too brief to evaluate dependence."
    )
    assert _evidence(text)[1:] == [("unsourced_assertion", "none")] * 3


# --- research said to be needed is the writer's judgement, whatever design it names ------


def test_research_needed_or_required_is_the_writers_judgement() -> None:
    text = (
        "In mice, the drug restored vision. Although much more preclinical testing is "
        "required, it is likely to help patients. Its toxicity needs to be examined in "
        "future studies. The results of this study suggest a need for long-term studies."
    )
    assert [t for t, _b in _evidence(text)[1:]] == ["expert_opinion"] * 3


def test_regulators_in_the_plural_who_warn_are_an_authority() -> None:
    text = "Federal regulators continue to warn consumers about tainted weight-loss pills."
    assert _evidence(text)[0] == ("authority_statement", "explicit")


def test_regulators_only_mentioned_are_not_the_ground() -> None:
    text = "Drug regulators were founded in many countries after 1960."
    assert _evidence(text)[0] == ("unsourced_assertion", "none")


# --- a discipline's practitioners stating a view are experts; unnamed people are not -----


def test_practitioners_named_by_discipline_who_theorize_give_an_expert_opinion() -> None:
    text = (
        "Herbalism is an ancient practice. Anthropologists theorize that early tribes "
        "learned by trial and error. Historians believe the practice spread by trade."
    )
    assert [t for t, _b in _evidence(text)] == [
        "unsourced_assertion",
        "expert_opinion",
        "expert_opinion",
    ]


def test_people_who_use_plants_are_not_a_source() -> None:
    text = "People in all continents have long used plants to treat ailments."
    assert _evidence(text)[0] == ("unsourced_assertion", "none")


# --- what a cited book or a review of research is ----------------------------------------

_BOOKS = parse_bibliography(
    "@book{bandler1975,\n  author = {Bandler, R. and Grinder, J.},\n"
    "  title = {The structure of magic},\n  publisher = {Science and Behavior Books},\n"
    "  year = {1975}\n}\n"
    "@article{sharpley1984,\n  author = {Sharpley, C. F.},\n"
    "  title = {Predicate matching in NLP: A review of research on the preferred system},\n"
    "  journal = {J Couns Psychol},\n  year = {1984}\n}\n"
)


def test_a_cited_book_is_its_authors_opinion_not_a_study() -> None:
    text = "NLP is a set of techniques that aim to improve lives [1]."
    assert _evidence(text, bibliography=_BOOKS)[0] == ("expert_opinion", "explicit")


def test_a_cited_review_of_research_is_a_review() -> None:
    text = "In the 1980s researchers examined the claims of NLP [2]."
    assert _evidence(text, bibliography=_BOOKS)[0] == ("systematic_review", "explicit")
