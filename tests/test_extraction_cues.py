"""Hedges and boosters: lexicon matching, options and negation."""

from __future__ import annotations

import pytest

from evidence_claims.extraction.cues import load_lexicon

from .extraction_helpers import cues


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It may help.", [("hedge", "may")]),
        ("The mayor spoke.", []),
        ("It is MOST LIKELY dose related.", [("hedge", "MOST LIKELY")]),
        ("It is most\nlikely dose related.", [("hedge", "most\nlikely")]),
        ("There is no doubt about it.", [("booster", "There is no doubt")]),
        ("It has not yet been shown that it works.", [("hedge", "not yet been shown")]),
        ("Addiction was never demonstrated.", [("hedge", "never demonstrated")]),
        ("It hasn't been shown to work.", [("hedge", "hasn't been shown")]),
        ("It is not clear whether it works.", [("hedge", "not clear")]),
        ("There is no evidence that it works.", [("hedge", "no evidence that")]),
        ("Effects are not always felt.", [("hedge", "not always")]),
        ("The water is clear.", []),
        ("It lasts about 45 minutes.", [("hedge", "about")]),
        ("It is about sleep.", []),
        ("It lasts around four days; move around.", [("hedge", "around")]),
        ("It well-known and known.", []),
        (
            "Let’s say it works and let's say it fails.",
            [("hedge", "Let’s say"), ("hedge", "let's say")],
        ),
        ("It could theoretically work.", [("hedge", "could theoretically")]),
        ("Mice have demonstrated tolerance.", [("booster", "have demonstrated")]),
        ("The results were far from conclusive.", [("hedge", "far from conclusive")]),
        ("Whether it truly works is unknown.", [("hedge", "unknown")]),
        ("If it really works, the rash will fade.", [("booster", "will")]),
        ("It really works, if taken daily.", [("booster", "really")]),
        ("Doctors sent 12 reports of suspected side effects.", []),
        ("A link is suspected by some.", [("hedge", "suspected")]),
        ("We suspected that it was the dose.", [("hedge", "suspected")]),
        ("The agency said it would review the label.", []),
        ("Higher doses would raise the risk.", [("hedge", "would")]),
        ("The agency will continue to monitor it.", []),
        ("The rash will fade within days.", [("booster", "will")]),
    ],
)
def test_cues(text: str, expected: list[tuple[str, str]]) -> None:
    assert cues(text) == expected


def test_deontic_words_are_not_cues_in_advice() -> None:
    assert cues("Never use a tanning bed.", kind="recommendation") == []
    assert cues("It will never work.", kind="claim") == [("booster", "will never")]


def test_every_entry_names_a_known_source() -> None:
    known = {"hyland2005", "bioscope", "islam2020", "project"}
    lexicon = load_lexicon()
    assert len(lexicon.entries) > 150
    for entry in lexicon.entries.values():
        assert entry.sources and set(entry.sources) <= known, entry.cue


def test_a_cue_listed_twice_is_refused() -> None:
    from evidence_claims.extraction.cues import build_lexicon

    with pytest.raises(ValueError, match="twice"):
        build_lexicon({"hedges": [{"cue": "may"}, {"cue": "May"}]})
