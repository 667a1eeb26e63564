"""The trie of :mod:`evidence_claims.assessment.phrase_trie` matches what the plain alternation
of the same phrases, longest first, matches: same spans at every position, on the
compositional reader's own phrases and on generated ones (prefixes of each other, blanks,
hyphens, punctuation, letters that change in lower case)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from evidence_claims.assessment import compose
from evidence_claims.assessment.phrase_trie import trie_alternation

_GUARD = r"(?<![\w-])(?:{})(?![\w-])"


def _plain(phrases: list[str]) -> re.Pattern[str]:
    ordered = sorted(phrases, key=len, reverse=True)
    parts = [r"\s+".join(re.escape(w) for w in p.split()) for p in ordered if p.split()]
    return re.compile(_GUARD.format("|".join(parts) or r"(?!x)x"))


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


_ALPHABET = st.sampled_from(["a", "b", "ab", "ba", "-", "²", "ſ", "é", "1", "'", "(", "."])
_WORD = st.lists(_ALPHABET, min_size=1, max_size=3).map("".join)
_PHRASE = st.lists(_WORD, min_size=1, max_size=3).map(" ".join)
_BLANK = st.sampled_from([" ", "  ", "\n", "\t", " \u00a0", ", ", "; ", "-", ""])


@settings(max_examples=400, deadline=None)
@given(
    phrases=st.lists(_PHRASE, min_size=1, max_size=12),
    parts=st.lists(st.tuples(st.one_of(_PHRASE, _WORD), _BLANK), max_size=10),
)
def test_the_trie_matches_the_longest_first_alternation(
    phrases: list[str], parts: list[tuple[str, str]]
) -> None:
    text = "".join(a + b for a, b in parts)
    trie = re.compile(_GUARD.format(trie_alternation(phrases)))
    assert _spans(trie, text) == _spans(_plain(phrases), text)


def test_no_phrase_matches_nothing() -> None:
    assert re.compile(trie_alternation([]) or "x").search("x a b") is None
    assert re.compile(trie_alternation(["", "  "])).search("x a b") is None


def test_a_longer_phrase_wins_and_a_shorter_one_is_the_fallback() -> None:
    pattern = re.compile(_GUARD.format(trie_alternation(["risk", "risk of bias", "risk of"])))
    assert [m.group(0) for m in pattern.finditer("risk of bias; risk of  harm; risky risk")] == [
        "risk of bias",
        "risk of",
        "risk",
    ]


_TERMS = sorted(p for p, role in compose._roles().items() if role.terms)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(_TERMS),
            st.sampled_from(_TERMS).map(lambda p: p[:-1]),  # a near miss
            st.sampled_from(["the", "-", "x", "2", ";", "(", "n't", "ſ", "İ"]),
        ),
        max_size=10,
    )
)
def test_the_term_pattern_is_the_plain_alternation_of_the_terms(words: list[str]) -> None:
    text = " ".join(words).lower()
    assert _spans(compose._term_pattern(), text) == _spans(_plain(_TERMS), text)
