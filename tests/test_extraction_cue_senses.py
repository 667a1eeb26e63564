"""Hedges and boosters by sense: the same word is a cue in one use and not in another.

Each case is a sentence written for this test (no gold unit copied), one group per category of
error found on real passages: the word's sense is read from its neighbours and from the unit's
role (a title, an aim, advice), never from one passage's wording.
"""

from __future__ import annotations

import pytest

from evidence_claims.extraction.cues import load_lexicon, merge_adjacent, resolve

TODO = pytest.mark.xfail(strict=True, reason="sense not yet read")


def cues(text: str, kind: str | None = None) -> list[tuple[str, str]]:
    matches = resolve(text, load_lexicon().scan(text), start=0, end=len(text), kind=kind)
    return [(m.kind, text[m.start : m.end]) for m in merge_adjacent(text, matches)]


# A title or heading (a `meta` unit with no sentence-final mark) carries no cues
# (docs/extraction-decisions.md, 58); a `meta` sentence keeps its hedges.
@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        pytest.param("Green Tea May Lower Blood Pressure in Older Adults", "meta", [], marks=TODO),
        pytest.param("Possible Causes of Night Cramps", "meta", [], marks=TODO),
        pytest.param("Why Sleep Might Protect the Ageing Heart", "meta", [], marks=TODO),
        ("Whether zinc shortens colds is still unclear.", "meta", [("hedge", "unclear")]),
        ("Zinc may shorten colds", "claim", [("hedge", "may")]),
    ],
)
def test_titles_carry_no_cues(text: str, kind: str, expected: list[tuple[str, str]]) -> None:
    assert cues(text, kind=kind) == expected


# A modal inside an indirect question or an aim ("whether X could ...") states no possibility
# of the writer's, whichever modal it is and however long its subject.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "We asked whether the patients in both arms could walk farther.", [], marks=TODO
        ),
        pytest.param(
            "The trial tested whether a daily dose of vitamin K might slow bone loss.",
            [],
            marks=TODO,
        ),
        pytest.param(
            "Nurses recorded how long the older residents of each ward would sleep.", [], marks=TODO
        ),
        pytest.param(
            "It is unclear whether magnesium might help.", [("hedge", "unclear")], marks=TODO
        ),
        ("Whether or not it helps, magnesium might cause diarrhoea.", [("hedge", "might")]),
    ],
)
def test_modals_in_indirect_questions(text: str, expected: list[tuple[str, str]]) -> None:
    assert cues(text) == expected


# "appear" of place or time (published in, shows up within) and "become apparent" (evident)
# are not the epistemic "appear"/"apparent" of seeming.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The report appears in the March issue of a paediatrics journal.", [], marks=TODO
        ),
        pytest.param(
            "Rashes usually appeared within two days of the first dose.",
            [("hedge", "usually")],
            marks=TODO,
        ),
        pytest.param(
            "Over the winter it became apparent that the pump had failed.", [], marks=TODO
        ),
        ("The drug appears to lower fever.", [("hedge", "appears to")]),
        ("The cream appears safe for children.", [("hedge", "appears")]),
        ("The apparent benefit vanished in the larger trial.", [("hedge", "apparent")]),
    ],
)
def test_appear_of_place_and_evidence(text: str, expected: list[tuple[str, str]]) -> None:
    assert cues(text) == expected


# "suggest" of advising takes a mandative clause ("suggest that the label be changed"); the
# epistemic "suggest" a proposition ("suggest that the label is wrong").
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("The panel suggests that the label be changed.", [], marks=TODO),
        pytest.param("We suggest that every clinic be told of the risk.", [], marks=TODO),
        ("These data suggest that the label is wrong.", [("hedge", "suggest")]),
        pytest.param("The results suggest that doses be higher than once thought.", [], marks=TODO),
        (
            "These data suggest that the dose may be too high.",
            [("hedge", "suggest"), ("hedge", "may")],
        ),
    ],
)
def test_suggest_of_advice(text: str, expected: list[tuple[str, str]]) -> None:
    assert cues(text) == expected


# "would" in a comparison of manner ("as carefully as you would ...") is no possibility.
@TODO
def test_would_in_a_comparison_of_manner() -> None:
    assert cues("Pick a herbalist as carefully as you would pick a surgeon.") == []
    assert cues("A larger dose would be safer than it looks.") == [("hedge", "would")]


# Cues the written conventions count that the lexicon lacked: approximating adverbs of scope
# ("primarily", "predominantly", like "mainly"), "sort of" as an adverb (not "this sort of"),
# "allegedly", knowledge left open ("not yet determined"), "the potential for".
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The fungus is found primarily in warm soils.", [("hedge", "primarily")], marks=TODO
        ),
        pytest.param(
            "Outbreaks occur predominantly in winter.", [("hedge", "predominantly")], marks=TODO
        ),
        pytest.param(
            "The clinic is sort of a walk-in service.", [("hedge", "sort of")], marks=TODO
        ),
        ("This sort of study is rare.", []),
        pytest.param("The tonic allegedly cures gout.", [("hedge", "allegedly")], marks=TODO),
        pytest.param(
            "Its long-term safety has not been determined.",
            [("hedge", "not been determined")],
            marks=TODO,
        ),
        pytest.param(
            "The right dose is not yet determined.", [("hedge", "not yet determined")], marks=TODO
        ),
        pytest.param(
            "The main worry is the potential for liver damage.",
            [("hedge", "potential for")],
            marks=TODO,
        ),
        ("Potential confounders were measured.", []),
    ],
)
def test_counted_hedges(text: str, expected: list[tuple[str, str]]) -> None:
    assert cues(text) == expected


# Boosters: a reporting verb before a measured number reports it (decision 57/58); a booster
# inside a purpose or aim ("to prove that", "to determine conclusively") asserts nothing; "will"
# of an organisation's or a person's plan is no prediction.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("The trial demonstrated that 40% of patients improved.", [], marks=TODO),
        ("The trial demonstrated that the drug works.", [("booster", "demonstrated")]),
        pytest.param("No study is required to prove that a cream is safe.", [], marks=TODO),
        pytest.param(
            "The trial was designed to determine conclusively whether zinc works.", [], marks=TODO
        ),
        ("Taken together, the trials conclusively rule it out.", [("booster", "conclusively")]),
        pytest.param("The Mayo Clinic will open a second ward next spring.", [], marks=TODO),
        pytest.param("Next year NIOSH will fund three new centers.", [], marks=TODO),
        pytest.param("Some editors, who will only vote later, disagreed.", [], marks=TODO),
        ("This will help ensure safe care.", [("booster", "will")]),
        ("Untreated, the infection will spread.", [("booster", "will")]),
    ],
)
def test_booster_senses(text: str, expected: list[tuple[str, str]]) -> None:
    assert cues(text) == expected
