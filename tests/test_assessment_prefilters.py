"""The cheap tests that let the detectors skip a scan never skip a match.

A word list is skipped when none of its phrases' first words is a word of the text, and a
case-insensitive pattern when an ASCII text lacks a word every match holds: each answer here
is compared with the full scan's.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from evidence_claims.assessment import body as B
from evidence_claims.assessment import stated as S
from evidence_claims.assessment.cues import _data, lexicon

_LISTS = sorted(k for k, v in _data().items() if isinstance(v, list) and k != "first_person")
_PHRASES = sorted({str(p) for name in _LISTS for p in lexicon(name).phrases})
_NOISE = ["a", "the", "-", "–", " ", "  ", ".", ",", "(", ")", "x-", "-x", "\n", "É", "ſ"]


@st.composite
def _texts(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.sampled_from(_PHRASES + _NOISE), max_size=8))
    joiners = draw(st.lists(st.sampled_from([" ", "", "-", ", ", "\t"]), min_size=len(parts)))
    text = "".join(p + j for p, j in zip(parts, joiners, strict=False))
    return text.upper() if draw(st.booleans()) else text


@settings(max_examples=400, deadline=None)
@given(_texts(), st.sampled_from(_LISTS))
def test_a_list_is_skipped_only_when_its_pattern_cannot_match(text: str, name: str) -> None:
    lex = lexicon(name)
    lowered = text.lower()
    full = lex.pattern.search(lowered)
    assert (lex.find(text) is None) == (full is None)
    if full is not None:
        assert lex.may_match(lowered)


def test_first_words_are_read_up_to_a_dash() -> None:
    first = lexicon("dose_response").first_words
    assert first is not None and "dose" in first  # "dose–response" with an en dash
    assert lexicon("dose_response").find("a clear dose–response gradient") == "dose–response"


def test_letters_that_only_ignorecase_folds_are_not_skipped() -> None:
    # "ſ" (long s) and the Kelvin sign match "s" and "k" under re.IGNORECASE: a non-ASCII
    # text is always scanned
    assert B.may_hold("very ſerious imprecision", ("serious",))
    assert not B.may_hold("very grave imprecision", ("serious",))
    assert S._STATED.search("low-certainty evidence") is not None
    assert B.may_hold("LOW-CERTAINTY EVIDENCE", S._STATED_WORDS)
    assert S._VERY_SERIOUS.search("very ſerious imprecision") is not None
