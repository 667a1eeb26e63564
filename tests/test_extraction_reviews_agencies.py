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
@misc{dictionary_sage,
  title = {Sage},
  howpublished = {An online dictionary}}
@misc{monograph_sage,
  title = {Sage},
  howpublished = {A drug information site},
  year = {2022}}
@article{smith2020,
  author = {Smith, A.},
  title = {Sage and memory},
  journal = {J Herb},
  year = {2020}}
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
    assert _hedges("There is no substantial evidence that it works.") == ["no substantial evidence"]


# --- author citations -------------------------------------------------------------------------


_AUTHORS = r"""
@article{alkhalifah2020,
  author = {Al Khalifah, Ahmed and Smith, J.},
  title = {Coffee and sleep},
  journal = {J X},
  year = {2020}}
@article{hartmannboyce2021,
  author = {Hartmann-Boyce, Jamie and McRobbie, H.},
  title = {Electronic cigarettes for smoking cessation},
  journal = {Cochrane Database of Systematic Reviews},
  year = {2021}}
@article{bellon2021,
  author = {Bell{\'o}n, Juan A. and Conejo, S.},
  title = {Depression in primary care},
  journal = {J Y},
  year = {2021}}
@article{smith2015,
  author = {Smith, Anna and Jones, B.},
  title = {Sleep in adults},
  journal = {J W},
  year = {2015}}
"""


def _cited(text: str) -> list[tuple[str, list[str]]]:
    bib = parse_bibliography(_AUTHORS)
    return [(c.evidence.type, list(c.evidence.sources)) for c in _draft(text, bibliography=bib)]


def test_surnames_of_several_words_hyphens_and_latex_accents_resolve() -> None:
    assert _cited("Sleep worsened with coffee (Al Khalifah 2020).") == [
        ("observational_study", ["alkhalifah2020"])
    ]
    assert _cited("Depression was common (Bellón 2021).") == [
        ("observational_study", ["bellon2021"])
    ]


def test_and_colleagues_names_the_first_author_and_a_review_journal_names_the_design() -> None:
    assert _cited("Hartmann-Boyce and colleagues found that e-cigarettes helped.") == [
        ("systematic_review", ["hartmannboyce2021"])
    ]
    # Smith is also the second author of alkhalifah2020: "Smith and colleagues" leads smith2015.
    assert _cited("Smith and colleagues reported that sleep improved.") == [
        ("observational_study", ["smith2015"])
    ]


def test_self_report_inside_a_study_is_its_measurement_not_an_anecdote() -> None:
    claims = _draft(
        "Symptoms were assessed partly by self-report in this cohort study. "
        "In a cohort study, 300 adults took part. Intake was recorded partly by self-report."
    )
    assert [c.evidence.type for c in claims] == ["observational_study"] * 3
    assert _draft("Users self-report better sleep.")[0].evidence.type == "anecdotal_report"


def test_trials_counted_in_a_review_s_results_rest_on_the_review() -> None:
    text = (
        "Calcium for preventing pre-eclampsia: a systematic review\n\n"
        "We included randomized trials of calcium in pregnancy. "
        "In 19 randomized trials with 4,421 women, calcium reduced pre-eclampsia."
    )
    assert [c.evidence.type for c in _draft(text)][1:] == ["systematic_review"] * 2
    assert _draft("In 19 randomized trials, calcium helped.")[0].evidence.type == "clinical_trial"


def test_frequency_and_a_reported_estimate_are_not_hedges_but_an_estimated_number_is() -> None:
    assert _hedges("Search engines frequently deliver links to the site.") == []
    assert _hedges("The site was estimated in 2014 to hold many articles.") == []
    assert _hedges("An estimated 25,000 articles cover health.") == ["estimated"]


# --- reference numbers outside square brackets ------------------------------------------------


def test_superscript_and_parenthesised_reference_numbers_resolve_with_a_bibliography() -> None:
    bib = parse_bibliography(_AUTHORS)
    text = (
        "Caffeine sustains performance during sleep restriction.1, 2 Up to 500 mg can be "
        "found in coffee.4 Herbs are a source of medicines (3). See Fig.2 for the doses."
    )
    claims = _draft(text, bibliography=bib)
    assert [(c.text, list(c.evidence.sources)) for c in claims] == [
        (
            "Caffeine sustains performance during sleep restriction.1, 2",
            ["alkhalifah2020", "hartmannboyce2021"],
        ),
        ("Up to 500 mg can be found in coffee.4", ["smith2015"]),
        ("Herbs are a source of medicines (3).", ["bellon2021"]),
        ("See Fig.2 for the doses.", ["bellon2021"]),  # carried by the passage, not "Fig.2"
    ]


def test_loose_reference_numbers_mark_nothing_without_a_bibliography() -> None:
    claims = _draft("Vitamin B12 levels were low in 30 adults (12). Doses were high.")
    assert [c.evidence.type for c in claims] == ["unsourced_assertion", "unsourced_assertion"]


# --- Cochrane-style abstracts and cohort methods ----------------------------------------------


def test_cochrane_labels_split_and_the_searched_databases_name_a_review() -> None:
    text = (
        "Zinc for the common cold\n\n"
        "Search methods: We searched CENTRAL, MEDLINE and Embase to May 2020. "
        "Main results: In 12 randomized trials with 1,200 adults, zinc shortened colds. "
        "Authors’ conclusions: Zinc may help."
    )
    claims = _draft(text)
    assert [(c.kind, c.evidence.type) for c in claims] == [
        ("meta", "unsourced_assertion"),
        ("meta", "unsourced_assertion"),
        ("meta", "systematic_review"),
        ("meta", "unsourced_assertion"),
        ("claim", "systematic_review"),
        ("meta", "unsourced_assertion"),
        ("claim", "systematic_review"),
    ]


def test_cohort_and_review_methods_are_meta() -> None:
    for sentence in (
        "Participants were followed up for a median of 11 years.",
        "Hazard ratios were obtained using Cox proportional hazards regression models.",
        "Two review authors independently screened the records.",
        "We found no randomized trials of zinc in children.",
    ):
        assert _draft(sentence)[0].kind == "meta", sentence
    assert _draft("Coffee drinkers were less likely to die.")[0].kind == "claim"


def test_passive_think_and_open_understanding_are_hedges() -> None:
    assert _hedges("Ginsenosides are thought to be responsible for its effects.") == ["are thought"]
    assert _hedges("The mechanism is not fully understood.") == ["not fully understood"]
