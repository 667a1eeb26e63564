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
