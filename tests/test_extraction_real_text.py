"""Extraction defects found on real public text (abstracts, encyclopedias, agencies, posts).

Each test failed before the rule it checks was added; the texts are short paraphrases of the
patterns, not the gold passages themselves.
"""

from __future__ import annotations

from evidence_claims.extraction.draft import extract
from evidence_claims.extraction.segment import segment


def _sentences(text: str) -> list[tuple[str, str]]:
    return [(s.role, text[s.start : s.end]) for s in segment(text)]


def _draft(text: str, **options):  # type: ignore[no-untyped-def]
    return extract(text, doc_id="t", **options).claims


# --- segmentation ------------------------------------------------------------------------------


def test_paragraph_ending_in_emoji_is_not_one_heading() -> None:
    text = "In a randomized trial, melatonin reduced jet lag. Users report that it works. 🎉"
    claims = _draft(text)
    assert [c.text for c in claims] == [
        "In a randomized trial, melatonin reduced jet lag.",
        "Users report that it works. 🎉",
    ]
    assert claims[0].kind == "claim" and claims[0].evidence.type == "clinical_trial"


def test_lines_ending_in_url_emoticon_or_citation_are_sentences_not_headings() -> None:
    for line in (
        "It works well for me :)",
        "More details are at https://example.org/melatonin",
        "Melatonin reduced jet lag in one trial (Smith 2020)",
    ):
        assert _sentences(f"Some text here.\n\n{line}")[-1] == ("sentence", line)


def test_a_title_line_is_still_a_heading() -> None:
    text = "Kratom and Pain Tolerance: A Randomized, Double-Blind Study\n\nKratom is a tree."
    assert _sentences(text)[0][0] == "heading"
    assert _draft(text)[0].kind == "meta"


def test_structured_abstract_labels_inside_a_paragraph_are_split_off() -> None:
    text = "Background: Kratom is old. Methods: We ran a trial. Results: Pain fell."
    assert _sentences(text) == [
        ("label", "Background:"),
        ("sentence", "Kratom is old."),
        ("label", "Methods:"),
        ("sentence", "We ran a trial."),
        ("label", "Results:"),
        ("sentence", "Pain fell."),
    ]


def test_full_width_full_stop_ends_a_sentence() -> None:
    text = "褪黑素可以帮助睡眠。它的效果因人而异。"
    assert [t for _r, t in _sentences(text)] == ["褪黑素可以帮助睡眠。", "它的效果因人而异。"]


def test_unterminated_list_item_does_not_swallow_the_next_line() -> None:
    text = (
        "Vitamin D matters because:\n- Your muscles need it to move\n"
        "- Your nerves need it too\nHow do I get vitamin D?\nYou can get it from food."
    )
    assert [t for _r, t in _sentences(text)][-3:] == [
        "Your nerves need it too",
        "How do I get vitamin D?",
        "You can get it from food.",
    ]


def test_segmentation_is_linear_on_long_runs_without_sentence_ends() -> None:
    # Quadratic before: 50,000 dots took minutes. Here each input is 200,000 characters or
    # more; a linear splitter reads them in well under a second each (not timed: a quadratic
    # one would not finish within the test run).
    for text in ("." * 200_000, "e.g. " * 60_000, "Dr. " * 60_000, "[1]" * 70_000):
        assert len(segment(text)) == 1


# --- attribution by genre and discourse --------------------------------------------------------


def _evidence(text: str, **options) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(c.evidence.type, c.evidence.basis) for c in _draft(text, **options)]


def test_a_survey_report_rests_on_its_survey_not_on_the_authors_word() -> None:
    text = (
        "We conducted an online survey in 2021 by re-recruiting participants from a separate "
        "study who reported lifetime kratom use. A total of 129 evaluable surveys were "
        "collected. Most (59.7%) had used kratom more than 100 times."
    )
    assert {t for t, _b in _evidence(text)} == {"observational_study"}


def test_an_abstract_in_report_voice_takes_the_design_from_its_title() -> None:
    text = (
        "Coffee and mortality: a prospective cohort study\n\n"
        "We assessed the association between coffee and death in 1,500 adults. "
        "Drinkers had a lower risk of death."
    )
    assert _evidence(text)[1:] == [
        ("observational_study", "explicit"),
        ("observational_study", "context"),
    ]


def test_participants_reports_inside_a_trial_stay_the_trials_evidence() -> None:
    text = (
        "Kratom effects on pain were assessed in a randomized, placebo-controlled study. "
        "Results: Twenty-six males were enrolled. They reported six years of daily use. "
        "Self-reported data on withdrawal were also evaluated. Pain tolerance increased."
    )
    types = [t for t, _b in _evidence(text) if t != "unsourced_assertion"]
    assert types == ["clinical_trial"] * 5


def test_label_headings_do_not_end_the_study_an_abstract_reports() -> None:
    text = (
        "Methods\n\nThis prospective cohort study included 5,000 participants.\n\n"
        "Results\n\nAfter 12 years, 300 deaths were identified. Tea drinkers lived longer."
    )
    assert _evidence(text)[-2:] == [
        ("observational_study", "context"),
        ("observational_study", "context"),
    ]


def test_a_study_named_in_one_paragraph_is_not_carried_onto_the_next() -> None:
    bib = "@article{okafor2021, author={Okafor, N.}, year={2021}, title={Fasting: a trial}}\n"
    text = (
        "A randomized trial by Okafor et al. found no benefit of fasting.\n\n"
        "Dr. Lee told us that in her view fasting is overhyped.\n\n"
        "Overall, the evidence suggests fasting is safe for most adults."
    )
    from evidence_claims.io.bib import parse_bibliography

    claims = _draft(text, bibliography=parse_bibliography(bib))
    assert claims[0].evidence.sources == ["okafor2021"]
    assert [c.evidence.type for c in claims[1:]] == ["expert_opinion", "expert_opinion"]
    assert all(not c.evidence.sources for c in claims[1:])


def test_unnamed_people_do_not_speak_for_an_agency() -> None:
    text = (
        "According to the FDA, kratom has opioid properties. Some people take it for pain. "
        "Kratom contains over 50 alkaloids."
    )
    types = [t for t, _b in _evidence(text)]
    assert types[0] == "authority_statement"
    assert "authority_statement" not in types[1:]


def test_an_agency_statement_speaks_for_the_agency() -> None:
    text = (
        "Statement from FDA Commissioner on kratom\n\n"
        "Kratom is a plant native to Thailand. To date, there have been no adequate "
        "studies of kratom in humans."
    )
    assert _evidence(text)[1:] == [
        ("authority_statement", "context"),
        ("authority_statement", "context"),
    ]


def test_a_gap_in_the_evidence_rests_on_nothing_and_ends_the_passage() -> None:
    text = (
        "Previous studies suggested that tea lowers mortality. However, the effect of tea "
        "with coffee remains unclear. It is widely drunk."
    )
    claims = _draft(text)
    assert claims[1].kind == "meta"
    assert [(c.evidence.type, c.evidence.basis) for c in claims[1:]] == [
        ("unsourced_assertion", "none"),
        ("unsourced_assertion", "none"),
    ]


def test_in_many_cases_mid_sentence_is_a_hedge_not_a_case_report() -> None:
    [claim] = _draft("Wikipedia is used by laypersons and, in many cases, practitioners.")
    assert claim.evidence.type == "unsourced_assertion"
    assert [h.cue for h in claim.hedges] == ["in many cases"]


def test_numbered_section_titles_are_headings() -> None:
    claims = _draft("1. Introduction\n\nKratom is a tree.")
    assert (claims[0].kind, claims[0].evidence.type) == ("meta", "unsourced_assertion")


# --- kinds and hedges --------------------------------------------------------------------------


def test_report_methods_and_aims_are_meta() -> None:
    for text in (
        "We assessed the association between coffee and death in 1,500 adults.",
        "This study aimed to evaluate the effect of tea.",
        "Cox regression analyses were conducted to estimate hazard ratios.",
        "Twenty-six males were enrolled.",
        "There is limited understanding regarding kratom use among adults.",
        "To conduct a comprehensive review of the published literature.",
    ):
        assert _draft(text)[0].kind == "meta", text


def test_advice_conceded_in_a_while_clause_is_not_advice() -> None:
    text = "While it is important to generate more evidence, data suggest a risk of abuse."
    assert _draft(text)[0].kind == "claim"


def test_hedges_about_twice_partly_and_attributed_views() -> None:
    cases = {
        "The risk was about twice as high in smokers.": ["about"],
        "This is partly explained by diet.": ["partly"],
        "In her view, the drug is overhyped.": ["In her view"],
        "In our opinion, it works.": ["In our opinion"],
    }
    for text, cues in cases.items():
        assert [h.cue for h in _draft(text)[0].hedges] == cues, text


def test_at_all_is_not_a_generalisation() -> None:
    from tests.assessment_helpers import assessed, codes_of

    spec = {"text": "Users report that it does not help at all.", "type": "anecdotal_report"}
    assert "attribution.anecdotal_generalisation" not in codes_of(assessed(spec))


# --- what the extractor tells its user ---------------------------------------------------------


def test_an_author_year_citation_without_an_entry_is_reported_and_kept() -> None:
    from evidence_claims.io.bib import parse_bibliography

    bib = parse_bibliography("@article{smith2019, author={Smith, J.}, year={2019}, title={Tea}}\n")
    findings: list = []
    text = "Tea lowered blood pressure (Smith 2020). It is cheap."
    claims = extract(text, doc_id="t", bibliography=bib, findings=findings).claims
    assert claims[0].evidence.type == "observational_study"
    assert claims[0].evidence.sources == []
    assert "unresolved citation 'Smith 2020'" in (claims[0].evidence.note or "")
    assert "smith2019" in (claims[0].evidence.note or "")
    [finding] = findings
    assert finding.code == "extract.unresolved-citation"
    assert (finding.line, finding.column, finding.claim_id) == (1, 29, "t-001")
    assert "closest keys: smith2019" in finding.message


def test_an_unresolved_citation_is_located_on_its_own_line() -> None:
    from evidence_claims.io.bib import parse_bibliography

    bib = parse_bibliography("@article{smith2019, author={Smith, J.}, year={2019}, title={Tea}}\n")
    findings: list = []
    text = "Tea is cheap.\r\n\r\nTea lowered blood pressure (Smith 2020). It is cheap.\n"
    extract(text, doc_id="t", bibliography=bib, findings=findings)
    [finding] = findings
    assert (finding.line, finding.column) == (3, 29)


def test_text_in_another_language_or_script_gets_a_clear_message() -> None:
    for text in (
        "褪黑素可以帮助睡眠。它的效果因人而异。",
        "Le kratom est un arbre originaire d'Asie du Sud-Est. Ses feuilles sont utilisées "
        "depuis des siècles comme stimulant et analgésique par les travailleurs des champs.",
    ):
        findings: list = []
        extract(text, doc_id="t", findings=findings)
        assert [f.code for f in findings] == ["extract.language"], text
    english: list = []
    extract("Kratom is a tree. It grows in Thailand and is used for pain.", findings=english)
    assert english == []


def test_draft_ids_come_from_the_claim_set_folder(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from evidence_claims.cli import cli

    for name in ("kratom", "melatonin"):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "document.txt").write_text("Kratom is a tree. It grows in Thailand.\n")
        result = CliRunner().invoke(
            cli, ["extract", str(folder / "document.txt"), "-o", str(folder / "claims.yaml")]
        )
        assert result.exit_code == 0, result.output
        text = (folder / "claims.yaml").read_text()
        assert f"id: {name}-001" in text and "document-001" not in text
        assert "written for English" in text
    custom = CliRunner().invoke(
        cli, ["extract", str(tmp_path / "kratom" / "document.txt"), "--id", "my-set"]
    )
    assert "id: my-set-001" in custom.output


def test_citation_needed_marks_a_statement_unsourced_unless_it_names_its_ground() -> None:
    text = "It cures colds.[citation needed] Studies have shown it eases nausea.[citation needed]"
    assert _evidence(text) == [
        ("unsourced_assertion", "none"),
        ("observational_study", "explicit"),
    ]
