"""Extraction defects found on review abstracts, agency fact sheets and cited web pages.

Each test failed before the rule it checks was added; the texts are paraphrases of the
patterns, not the gold passages themselves.
"""

from __future__ import annotations

from evidence_claims.extraction.draft import extract
from evidence_claims.extraction.segment import segment
from evidence_claims.io.bib import parse_bibliography


def _draft(text: str, **options):  # type: ignore[no-untyped-def]
    return extract(text, doc_id="t", **options).claims


def _types(text: str, **options) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(c.kind, c.evidence.type) for c in _draft(text, **options)]


# --- a review's own methods and results ---------------------------------------------------


def test_a_review_that_included_trials_rests_on_the_review() -> None:
    text = (
        "A Meta-Analysis of Ginger for Nausea\n\n"
        "We included randomized controlled trials of ginger in adults. "
        "Ginger reduced nausea across all trials. "
        "Effects were similar for all doses."
    )
    assert _types(text)[1:] == [
        ("meta", "systematic_review"),
        ("claim", "systematic_review"),
        ("claim", "systematic_review"),
    ]


def test_a_review_that_graded_trials_rests_on_the_review() -> None:
    text = (
        "Methods\n\nWe reviewed the current medical literature on zinc lozenges. "
        "We graded the strength of the evidence from randomized controlled trials.\n\n"
        "Results\n\nWe found that effects depend on the dose."
    )
    kinds_types = _types(text)
    assert kinds_types[1:3] == [("meta", "systematic_review"), ("meta", "systematic_review")]
    assert kinds_types[-1] == ("claim", "systematic_review")


def test_a_review_result_at_very_low_certainty_is_a_claim_not_an_open_question() -> None:
    claims = _draft("Whether zinc shortens colds in children is very uncertain.")
    assert claims[0].kind == "claim"
    assert _draft("Whether zinc shortens colds in children.")[0].kind == "meta"


# --- thin or flawed evidence ----------------------------------------------------------------


def test_thin_or_flawed_evidence_is_meta_and_does_not_rest_on_the_design_it_names() -> None:
    for sentence in (
        "There is little reliable evidence to support the use of sage because few clinical "
        "trials have been conducted.",
        "Only a handful of large clinical trials on sage have been conducted.",
        "Most studies have been small or have had flaws in design and reporting.",
        "Some claims have been based only on studies conducted in animals.",
        "To date, research results on sage are not conclusive enough to prove health claims.",
        "Most products on sale are lacking evidence-based trials that support their use.",
    ):
        claim = _draft(sentence)[0]
        assert claim.kind == "meta", sentence
        assert claim.evidence.type == "unsourced_assertion", sentence


def test_a_page_that_signposts_itself_is_meta() -> None:
    assert _draft("This fact sheet provides basic information about sage.")[0].kind == "meta"


# --- an agency's page header ----------------------------------------------------------------


def test_an_institute_header_line_gives_the_page_the_agency_voice() -> None:
    text = (
        "The National Center for Herbal Research (N C H R): Part of the National Institutes "
        "of Health\n\nSage\n\nSage is a shrub grown around the Mediterranean. "
        "It should not be confused with clary sage."
    )
    claims = _draft(text)
    assert [(c.kind, c.evidence.type, c.evidence.basis) for c in claims[2:]] == [
        ("claim", "authority_statement", "context"),
        ("recommendation", "authority_statement", "context"),
    ]


def test_without_a_header_line_the_page_stays_the_writer_s() -> None:
    claims = _draft("Sage\n\nSage is a shrub grown around the Mediterranean.")
    assert claims[1].evidence.type == "unsourced_assertion"


# --- cited web pages ------------------------------------------------------------------------


_BIB = """
@misc{dictionary_sage, title = {Sage}, howpublished = {An online dictionary}}
@misc{monograph_sage, title = {Sage}, howpublished = {A drug information site}, year = {2022}}
@article{smith2020, author = {Smith, A.}, title = {Sage and memory}, journal = {J Herb}, year = {2020}}
"""


def test_a_cited_web_page_or_reference_work_is_its_publisher_s_statement() -> None:
    bib = parse_bibliography(_BIB)
    text = "Sage is a shrub.[1] It has been used in folk medicine for centuries.[2]"
    claims = _draft(text, bibliography=bib)
    assert [(c.evidence.type, list(c.evidence.sources)) for c in claims] == [
        ("authority_statement", ["dictionary_sage"]),
        ("authority_statement", ["monograph_sage"]),
    ]


def test_a_cited_journal_article_is_still_a_study() -> None:
    bib = parse_bibliography(_BIB)
    claims = _draft("Sage improved recall in adults.[3]", bibliography=bib)
    assert claims[0].evidence.type == "observational_study"


# --- segmentation and hedges ----------------------------------------------------------------


def test_a_full_stop_without_a_space_still_ends_the_sentence() -> None:
    text = "Some studies have shown that sage may lower glucose.Other studies disagree."
    assert [text[s.start : s.end] for s in segment(text)] == [
        "Some studies have shown that sage may lower glucose.",
        "Other studies disagree.",
    ]
    for glued in ("It costs 3.5 dollars.", "See e.g.The review.", "Visit example.com today."):
        assert len(segment(glued)) == 1, glued


def _hedges(text: str) -> list[str]:
    return [h.cue for c in _draft(text) for h in (c.hedges or [])]


def test_funded_in_part_is_not_a_hedge_but_explained_in_part_is() -> None:
    assert _hedges("The study, funded in part by NIH, found a difference.") == []
    assert _hedges("The study was supported partly by a grant.") == []
    assert _hedges("The difference is explained in part by age.") == ["in part"]


def test_negated_certainty_and_qualified_no_evidence_are_hedges() -> None:
    assert _hedges("These findings have not been confirmed in people.") == ["not been confirmed"]
    assert _hedges("There is no substantial evidence that it works.") == [
        "no substantial evidence"
    ]
