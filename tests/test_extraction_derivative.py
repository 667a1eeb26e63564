"""A pattern's rest after its first character matches exactly where the pattern does."""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from evidence_claims.extraction.derivative import NEVER, derive
from evidence_claims.extraction.first_chars import grouped

_ATOMS = st.sampled_from(["a", "b", "A", "c", " ", "-", "[ab]", "[^a]", r"\w", r"\s", ".", r"\-"])
# Mostly forms the rest can be written for; a few it keeps whole (counted, lazy repeats).
_QUANTIFIERS = st.sampled_from(["", "", "", "", "?", "?", "*", "+", "{1,2}", "{0,2}", "{2}", "??"])
_BEHIND = st.sampled_from(["a", "b ", "[ab]", r"\s", "ab|ba"])
_LEAF = st.tuples(_ATOMS, _QUANTIFIERS).map("".join)


def _alternation(item: st.SearchStrategy[str], size: int = 3) -> st.SearchStrategy[str]:
    sequence = st.lists(item, min_size=1, max_size=size).map("".join)
    return st.lists(sequence, min_size=1, max_size=3).map("|".join)


def _patterns() -> st.SearchStrategy[str]:
    """Alternations of sequences whose first items are what cue patterns start with:
    characters, sets, repeats, optional groups of alternatives, lookarounds, ``\\b``."""
    inner = _alternation(st.one_of(_LEAF, st.sampled_from([r"\b", r"\B"])), 2)
    heads = st.one_of(
        _LEAF,
        st.sampled_from([r"\b", r"\B", "^"]),
        st.tuples(inner, st.sampled_from(["", "", "?", "?", "*", "+", "{1,3}", "??"])).map(
            lambda t: f"(?:{t[0]}){t[1]}"
        ),
        inner.map(lambda p: f"(?={p})"),
        inner.map(lambda p: f"(?!{p})"),
        _BEHIND.map(lambda p: f"(?<={p})"),
        _BEHIND.map(lambda p: f"(?<!{p})"),
        inner.map(lambda p: f"(?-i:{p})"),
        inner.map(lambda p: f"(?i:{p})"),
        inner.map(lambda p: f"({p})"),  # kept whole
    )
    sequence = st.tuples(st.lists(heads, min_size=1, max_size=2), st.lists(_LEAF, max_size=2))
    return st.lists(sequence.map(lambda t: "".join(t[0] + t[1])), min_size=1, max_size=3).map(
        "|".join
    )


TEXTS = st.text(alphabet="abcAB -\n", max_size=10)


def _compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    try:
        return re.compile(pattern, flags)
    except re.error:
        assume(False)
        raise


@settings(max_examples=400, deadline=None)
@given(_patterns(), TEXTS, st.sampled_from([0, re.M, re.S, re.I]), st.booleans())
def test_the_rest_matches_where_the_pattern_matches(
    pattern: str, text: str, flags: int, after_non_word: bool
) -> None:
    # With ``after_non_word`` the rest holds only where no word character comes before.
    whole = _compiled(pattern, flags)
    for char in "abcAB -\n":
        rest = derive(pattern, char, flags, after_non_word=after_non_word)
        if rest is None:
            continue
        after = None if rest is NEVER else re.compile(rest, flags)
        for position, here in enumerate(text):
            if here != char:
                continue
            if after_non_word and position and re.match(r"\w", text[position - 1]):
                continue
            match = whole.match(text, position)
            expected = None if match is None else match.end()
            got = None
            if after is not None:
                rest_match = after.match(text, position + 1)
                got = None if rest_match is None else rest_match.end()
            assert got == expected, (pattern, char, rest, text, position)


@pytest.mark.parametrize(
    ("pattern", "char", "rest"),
    [
        ("the|this", "t", "(?:he|his)"),
        ("the|this", "a", NEVER),
        ("(?:a|an|the)\\s+trial", "a", "(?:|n)\\s+trial"),
        ("(?:the\\s+)?study", "s", "tudy"),
        ("(?:the\\s+)?study", "t", "he\\s+study"),
        ("\\bcase", "c", "(?<!\\wc)ase"),
        ("(?:\\bthe|\\Bto)", "t", "(?:(?<!\\wt)he|(?<=\\wt)o)"),
        ("(?<=searched\\s)the", "t", "(?<=(?:searched\\s)t)he"),
        ("(?=[tc])(?:the|cochrane)", "t", "he"),
        ("a+b", "a", "a*b"),
        ("^to", "t", "(?<![\\s\\S]t)o"),
        ("(a)b", "a", None),  # a capturing group: kept whole
        ("a{1,2}b", "a", "a?b"),
        ("(?:ab\\s+){1,5}c", "a", "b\\s+(?:ab\\s+){0,4}c"),
        ("(?:ab)*c", "a", "b(?:ab)*c"),
        ("\\d{4}", "7", "\\d{3,3}"),
        ("a{0,3}b", "b", ""),
        ("a{2,}?", "a", None),  # a lazy repeat
        ("a?", "a", None),  # may match nothing: the character may belong to what follows
    ],
)
def test_derive(pattern: str, char: str, rest: object) -> None:
    assert derive(pattern, char) == rest


@settings(max_examples=250, deadline=None)
@given(
    st.lists(_patterns(), min_size=1, max_size=5),
    TEXTS,
    st.sampled_from([0, re.M, re.I]),
    st.booleans(),
)
def test_the_grouped_alternation_finds_what_the_plain_one_finds(
    patterns: list[str], text: str, flags: int, word_start: bool
) -> None:
    # With ``word_start`` both are tried only where no word character comes before.
    guard = r"(?<!\w)" if word_start else ""
    for p in patterns:
        _compiled(p, flags)
    plain = _compiled(
        guard + "(?:" + "|".join(f"(?:{p})(?P<a{i}>)" for i, p in enumerate(patterns)) + ")",
        flags,
    )
    copies: dict[int, int] = {}

    def marker(index: int) -> str:
        copies[index] = copies.get(index, 0) + 1
        return f"(?P<a{index}_{copies[index]}>)"

    alternatives = [(p, i) for i, p in enumerate(patterns)]
    fast = re.compile(
        guard + "(?:" + grouped(alternatives, marker, flags, word_start=word_start) + ")", flags
    )

    def found(pattern: re.Pattern[str]) -> list[tuple[int, int, str]]:
        return [(m.start(), m.end(), m.lastgroup.split("_")[0]) for m in pattern.finditer(text)]

    assert found(fast) == found(plain)


def test_a_boundary_after_no_word_character_is_known() -> None:
    assert derive(r"\bthe|\Bto", "t", after_non_word=True) == "he"
    assert derive(r"\B-x", "-", after_non_word=True) == "x"
    assert derive(r"\b-x", "-", after_non_word=True) is NEVER


def test_a_line_start_under_multiline_looks_for_a_line_break() -> None:
    assert derive("^to", "t", re.M) == "(?<![^\\n]t)o"


def test_a_case_scope_keeps_its_rule_in_the_rest() -> None:
    assert derive("(?-i:Ab)c", "A", re.I) == "(?-i:b)c"
    assert derive("(?-i:Ab)c", "a", re.I) is NEVER
    assert derive("(?i:ab)c", "A") == "(?i:b)c"
    assert derive("said", "S", re.I) == "aid"
    assert derive("said", "S") is NEVER
