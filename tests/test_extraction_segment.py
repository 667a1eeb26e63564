"""Segmentation: statements with exact offsets, across layouts and abbreviations."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evidence_claims.extraction.segment import segment


def texts(document: str) -> list[str]:
    return [s.text(document) for s in segment(document)]


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        (
            "Matsumoto et al. found tolerance in mice. The effect was large.",
            ["Matsumoto et al. found tolerance in mice.", "The effect was large."],
        ),
        (
            "It grows in India.[1] It is a shrub.[2][3] It cures colds.[citation needed] See [4].",
            [
                "It grows in India.[1]",
                "It is a shrub.[2][3]",
                "It cures colds.[citation needed]",
                "See [4].",
            ],
        ),
        (
            "Coffee, tea, etc. are common. Tea is older.",
            ["Coffee, tea, etc. are common.", "Tea is older."],
        ),
        (
            "Several plants, e.g. coffee and tea, contain it. Dr. Smith said so.",
            ["Several plants, e.g. coffee and tea, contain it.", "Dr. Smith said so."],
        ),
        (
            "It is banned in the U.S. The agency said so.",
            ["It is banned in the U.S.", "The agency said so."],
        ),
        (
            "The U.S. Food and Drug Administration agreed.",
            ["The U.S. Food and Drug Administration agreed."],
        ),
        (
            "Pressure fell by 6.4 mm Hg (95% CI 2.1 to 7.0; P<0.001). It lasted.",
            ["Pressure fell by 6.4 mm Hg (95% CI 2.1 to 7.0; P<0.001).", "It lasted."],
        ),
        (
            'He said "Stop now." Then he left.',
            ['He said "Stop now."', "Then he left."],
        ),
        (
            "It helps (see below.) Next point here.",
            ["It helps (see below.)", "Next point here."],
        ),
        (
            "Shade between 11 a.m. and 3 p.m., when it is hot. Rest.",
            ["Shade between 11 a.m. and 3 p.m., when it is hot.", "Rest."],
        ),
        ("Does it work? Yes! It does.", ["Does it work?", "Yes!", "It does."]),
        ("K. Matsumoto led the work.", ["K. Matsumoto led the work."]),
        ("Wait... then it rained.", ["Wait... then it rained."]),
    ],
)
def test_sentences(document: str, expected: list[str]) -> None:
    assert texts(document) == expected


def test_hard_line_breaks_inside_a_paragraph_do_not_split() -> None:
    document = "The effects of coffee\nusually begin within\nabout 45 minutes. They fade.\n"
    assert texts(document) == [
        "The effects of coffee\nusually begin within\nabout 45 minutes.",
        "They fade.",
    ]


def test_headings_labels_and_lists() -> None:
    document = (
        "Five ways to stay safe\n\n"
        "Background: Sunburn hurts. It adds up.\n\n"
        "What to do\n"
        "1. Apply sunscreen about 15 minutes before.\n"
        "- Wear a hat. Seek shade.\n"
        "* Never use a tanning bed\n"
        "  that is old.\n\n"
        "Advice for patients:\n"
        "- Ask first.\n"
    )
    found = [(s.role, s.text(document)) for s in segment(document)]
    assert found == [
        ("heading", "Five ways to stay safe"),
        ("label", "Background:"),
        ("sentence", "Sunburn hurts."),
        ("sentence", "It adds up."),
        ("heading", "What to do"),
        ("item", "1. Apply sunscreen about 15 minutes before."),
        ("item", "Wear a hat."),
        ("sentence", "Seek shade."),
        ("item", "Never use a tanning bed\n  that is old."),
        ("sentence", "Advice for patients:"),
        ("item", "Ask first."),
    ]
    item = segment(document)[5]
    assert document[item.body : item.end].startswith("Apply")


def test_paragraph_numbers_follow_blank_lines() -> None:
    document = "One. Two.\n\n\nThree.\r\n\r\nFour."
    assert [s.paragraph for s in segment(document)] == [0, 0, 1, 2]
    assert texts(document) == ["One.", "Two.", "Three.", "Four."]


def test_empty_and_blank_documents_have_no_statements() -> None:
    assert segment("") == []
    assert segment("   \n\n\t\n") == []


def test_the_seed_document_keeps_its_sentences() -> None:
    from .conftest import KRATOM

    document = (KRATOM / "document.txt").read_text("utf-8")
    found = texts(document)
    assert len(found) == 30
    assert found[5].startswith("Although a small number of people")
    assert found[5].endswith("with moderation.")


# The candidate sentence ends as first written, the run of terminal punctuation matched after a
# look-behind: the pattern now opens with the terminal character (a faster scan) and must find
# the same candidates, with the same groups, anywhere in any text and from any start.
_FIRST_FORM = (
    r"(?<![.!?…。！？])((?>\.{2,}|…|[.!?。！？]+))"
    r"((?>(?:[\"'”’»)\]」』）]|\[[^\[\]\n]{1,40}\])*"
    r"(?:(?<=[A-Za-z)\]%][.])\d{1,3}(?:(?:,[ \t]?|[–-])\d{1,3})*(?=[ \t\n]+[\"“(]?[A-Z]))?))"
    r"(\s*)(?=(\S))"
)


@given(
    text=st.text(alphabet=st.sampled_from(list("aA1 \n\t.!?…。！？\"'”)][]x-–,%“(")), max_size=40),
    start=st.integers(0, 40),
    end=st.integers(0, 40),
)
def test_the_candidate_ends_are_those_of_the_first_form(text: str, start: int, end: int) -> None:
    import re

    from evidence_claims.extraction.sentences import CANDIDATE

    def found(pattern: re.Pattern[str]) -> list[tuple[object, ...]]:
        return [
            (m.span(), *(m.span(g) for g in range(1, 5)), m.groups())
            for m in pattern.finditer(text, start, end)
        ]

    assert found(CANDIDATE) == found(re.compile(_FIRST_FORM))
