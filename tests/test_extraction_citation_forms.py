"""Citation forms the extractor reads as citing a work, and what the citing statement rests on.

Numbered markers with a space inside the brackets ("[ 4 ]"), reference numbers named as such
("(ref. 4)"), numbers kept as superscript characters ("…onset².") and an author-year citation
that lists several authors ("Okonkwo, Lindqvist, and Tanaka (2018)") cite a work as "[4]" and
"Okonkwo and Tanaka (2018)" do. The texts are written for the tests, not taken from the gold
passages.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evidence_claims.extraction.draft import extract
from evidence_claims.extraction.mentions import find_mentions

_BIB = "".join(
    f"@article{{{key},\n  author = {{{name}, Ann and Roe, Bo}},\n  title = {{{title}}},\n"
    f"  journal = {{Journal of Sleep Research}},\n  year = {{{year}}}\n}}\n"
    for key, name, title, year in (
        ("abara2016", "Abara", "Night shifts and sleep in nurses", 2016),
        ("kovacs2018", "Kovacs", "Rest days after night work", 2018),
        ("moreau2019", "Moreau", "Light exposure on night shifts", 2019),
    )
)


def _claims(text: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    bib = tmp_path / "references.bib"
    bib.write_text(_BIB, encoding="utf-8")
    return extract(text, doc_id="t", bibliography=bib).claims


@pytest.mark.parametrize(
    ("marked", "keys"),
    [
        ("Night-shift nurses sleep less than day-shift nurses [ 2 ].", ["kovacs2018"]),
        (
            "Night-shift nurses sleep less than day-shift nurses [ 1, 3 ].",
            ["abara2016", "moreau2019"],
        ),
        ("Night-shift nurses sleep less than day-shift nurses (ref. 2).", ["kovacs2018"]),
        pytest.param(
            "Night-shift nurses sleep less than day-shift nurses [2, p. 40].",
            ["kovacs2018"],
        ),
        pytest.param(
            "Night-shift nurses sleep less than day-shift nurses (see ref. 2).",
            ["kovacs2018"],
        ),
        (
            "Night-shift nurses sleep less than day-shift nurses (refs 1, 3).",
            ["abara2016", "moreau2019"],
        ),
        ("Night-shift nurses sleep less than day-shift nurses (Reference 3).", ["moreau2019"]),
        ("Night-shift nurses sleep less than day-shift nurses².", ["kovacs2018"]),
        ("Night-shift nurses sleep less than day-shift nurses.¹,³", ["abara2016", "moreau2019"]),
        (
            "Night-shift nurses sleep less than day-shift nurses.¹⁻³",
            ["abara2016", "kovacs2018", "moreau2019"],
        ),
    ],
)
def test_a_numbered_marker_in_another_form_cites_the_entry_at_that_place(
    marked: str, keys: list[str], tmp_path: Path
) -> None:
    text = "Shift work is common in hospitals.\n\n" + marked + " Their naps are shorter too.\n"
    claims = _claims(text, tmp_path)
    assert [c.text for c in claims][1:] == [marked, "Their naps are shorter too."]
    assert claims[1].evidence.sources == keys
    assert claims[1].evidence.basis == "explicit"


def test_superscripts_that_are_no_marker_cite_nothing(tmp_path: Path) -> None:
    # An exponent after a number or a unit is not a reference: it follows no letter or mark.
    text = "The clinic serves an area of 40 km² with 10⁵ residents.\n"
    claims = _claims(text, tmp_path)
    assert claims[0].evidence.sources == []


def test_superscript_markers_without_a_bibliography_mark_nothing() -> None:
    text = "Night-shift nurses sleep less than day-shift nurses². Their naps are shorter too.\n"
    claims = extract(text, doc_id="t").claims
    assert [c.evidence.type for c in claims] == ["unsourced_assertion"] * 2


def test_a_citation_listing_several_authors_and_a_year_is_a_citation_of_its_own(
    tmp_path: Path,
) -> None:
    # APA names up to five authors in a first citation: a work the bibliography lacks is
    # reported as unresolved and does not take the keys of the work cited before it; the
    # statement after it goes on without a key.
    text = (
        "Night-shift nurses sleep about an hour less than day-shift nurses [1]. "
        "Later findings by Okonkwo, Lindqvist, Ferreira, and Tanaka (2018) show that the gap "
        "closes after two rest days. The gap closed faster in younger nurses.\n"
    )
    claims = _claims(text, tmp_path)
    assert [c.evidence.sources for c in claims] == [["abara2016"], [], []]
    assert claims[1].evidence.basis == "explicit"
    assert "Okonkwo, Lindqvist, Ferreira, and Tanaka (2018" in (claims[1].evidence.note or "")


def test_a_listed_last_author_and_year_resolve_to_the_entry(tmp_path: Path) -> None:
    text = "As Lindqvist, Patel, and Kovacs (2018) showed, two rest days restore sleep.\n"
    claims = _claims(text, tmp_path)
    assert claims[0].evidence.sources == ["kovacs2018"]


_PIECES = st.sampled_from(
    ["a", "Smith", " ", ".", ",", "(", ")", "[", "]", "ref.", "see", "²", "¹", "⁻", "3", "km", "p."]
)


@given(st.lists(_PIECES, max_size=40).map("".join))
def test_any_mix_of_markers_parses_to_bounded_reference_numbers(text: str) -> None:
    for mention in find_mentions(text, 0, len(text)):
        assert 0 <= mention.start < mention.end <= len(text)
        assert len(mention.numbers) <= 30
        assert all(0 <= n < 1000 for n in mention.numbers)
