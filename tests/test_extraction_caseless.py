"""Folded matching finds exactly what ``re.IGNORECASE`` finds, and the fast scans agree with
the plain ones they replace (attribution cues, the cue lexicon, kinds, mentions, asides)."""

from __future__ import annotations

import re
import sys
from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evidence_claims.extraction import mentions
from evidence_claims.extraction.asides import aside_spans
from evidence_claims.extraction.attribute import load_rules
from evidence_claims.extraction.caseless import FoldedSearch, Unsupported, fold, lower_pattern
from evidence_claims.extraction.cues import load_lexicon
from evidence_claims.extraction.kinds import classify
from evidence_claims.extraction.kinds import load_rules as kind_rules

ALL = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)


def test_fold_maps_exactly_the_characters_ignorecase_matches_to_ascii_letters() -> None:
    folded = {c: f for c in ALL if len(f := c.lower()) == 1}
    for c in "ſı":
        folded[c] = {"ſ": "s", "ı": "i"}[c]
    letters = set(re.compile("[a-z]", re.IGNORECASE).findall(ALL))
    assert letters - set(folded) == {"İ"}  # lower-cases to two code points: never folded
    for c in letters - {"İ"}:
        assert folded[c] in "abcdefghijklmnopqrstuvwxyz"
        assert re.fullmatch(folded[c], c, re.IGNORECASE)
    assert {c for c, f in folded.items() if f.isascii() and f.isalpha()} == letters - {"İ"}
    assert fold("İstanbul") is None
    assert fold("ſome Iſland ıt K") == "some island it k"


@pytest.mark.parametrize("klass", [r"\w", r"\s", r"\d", r"\b"])
def test_folding_keeps_every_character_class(klass: str) -> None:
    text = "".join(c for c in ALL if len(c.lower()) == 1)
    low = fold(text)
    assert low is not None and len(low) == len(text)
    pattern = re.compile(klass)
    assert [m.start() for m in pattern.finditer(text)] == [m.start() for m in pattern.finditer(low)]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"Trials?\s+IN\b", r"trials?\s+in\b"),
        (r"[A-Z][a-z]+", r"[A-Za-z][a-z]+"),
        (r"[^A-F0-9]", r"[^A-F0-9a-f]"),
        (r"(?i:Word)\d{2,3}", r"(?:word)\d{2,3}"),
        (r"(?P<name>X)(?<![\w-])", r"(?P<name>x)(?<![\w-])"),
    ],
)
def test_lower_pattern(pattern: str, expected: str) -> None:
    assert lower_pattern(pattern) == expected


@pytest.mark.parametrize(
    "pattern", [r"(?-i:RCT)", r"(\w)\1", r"\x41", r"(?x)a", "é", r"[À-ÿ]", r"(?#c)"]
)
def test_what_the_rewrite_cannot_express_is_refused(pattern: str) -> None:
    with pytest.raises(Unsupported):
        lower_pattern(pattern)
    assert FoldedSearch(pattern).fast is None  # matched on the original text instead


_PHRASES = [
    "the ", "The ", "RCT ", "mice ", "Smith et al. ", " and ", "2019", "may ", "NOT ", "I ",
    "randomized trial ", "In vitro ", "users report ", "according to the FDA ", "should ",
    "more research is needed ", "has not been shown ", "about 20 ", "Dr. Ana Ruiz, who said",
    "the studies referred to ", "The Thai studies ", "a 2019 trial ", "such data ", "ſome ",
]  # fmt: skip
_ALPHABET = st.sampled_from([*"aeiostrnkIKSTAE ſıKİ-–—()[].,;:?!\"'’“”\n0123456789", *_PHRASES])
_TEXT = st.lists(_ALPHABET, max_size=60).map("".join)


def _attribution_exact(text: str) -> list[tuple[str, int, int]]:
    rules = load_rules()
    return [
        (rules.types[int(m.lastgroup[1:])], m.start(), m.end())  # type: ignore[index]
        for m in rules.pattern.finditer(text)
    ]


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_fast_scans_find_what_the_plain_patterns_find(text: str) -> None:
    folded = fold(text)
    hits = [(h.type, h.start, h.end) for h in load_rules().scan(text, folded)]
    assert hits == _attribution_exact(text)
    lexicon = load_lexicon()
    assert lexicon.scan(text, folded=folded) == _lexicon_exact(text)
    assert lexicon.scan(text) == _lexicon_exact(text)
    rules = kind_rules()
    for searcher in (rules.recommendation, rules.meta):
        pattern, target = searcher.pick(text, folded)
        fast = [m.span() for m in pattern.finditer(target)]
        assert fast == [m.span() for m in searcher.exact.finditer(text)]


def _lexicon_exact(text: str) -> list[object]:
    from evidence_claims.extraction.cues import CueMatch, normalise

    lexicon = load_lexicon()
    found = []
    for match in lexicon.pattern.finditer(text):
        entry = lexicon.entries.get(normalise(match.group()))
        if entry is not None:
            found.append(CueMatch(entry.kind, match.start(), match.end(), entry))
    return found


# The patterns as they were before the scans were made faster: the reference for equivalence.
_NAME = r"(?-i:[A-Z][\w'’-]+)"
_OLD_NAMED = re.compile(
    rf"(?<![\w-])(?P<first>{_NAME})"
    rf"(?P<rest>\s+et\s+al\.?|\s+(?:and|&)\s+(?P<second>{_NAME}))"
    r"(?:,?\s*\(?(?P<year>(?:19|20)\d{2})[a-z]?\)?)?"
    rf"|(?<![\w-])(?P<single>{_NAME}),?\s+\(?(?P<single_year>(?:19|20)\d{{2}})[a-z]?\)?",
    re.IGNORECASE,
)
_NAMES = st.sampled_from(
    ["Smith", "Okafor", "O'Neil", "Lee-Park", "van", "The", "ſmith", "Ünal", "X2", "K9-", "İlk"]
)
_GLUE = st.sampled_from(
    [" et al.", " et  al", " and ", " & ", ", 2019", " (2019)", " 2019a", "-", " ", ",", "\n", "x"]
)
_CITATIONS = st.lists(st.one_of(_NAMES, _GLUE), max_size=14).map("".join)


@settings(max_examples=400, deadline=None)
@given(_CITATIONS)
def test_author_citations_are_found_as_before(text: str) -> None:
    new = [
        (m.span(), m.group("first"), m.group("second"), m.group("year"), m.group("single_year"))
        for m in mentions.NAMED.finditer(text)
    ]
    old = [
        (
            m.span(),
            m.group("first") or m.group("single"),
            m.group("second"),
            m.group("year"),
            m.group("single_year"),
        )
        for m in _OLD_NAMED.finditer(text)
    ]
    assert new == old


@settings(max_examples=300, deadline=None)
@given(st.one_of(_TEXT, _CITATIONS))
def test_mention_and_aside_quick_checks_skip_only_what_cannot_match(text: str) -> None:
    folded = fold(text)
    assert mentions.find_mentions(text, 0, len(text), folded=folded) == mentions.find_mentions(
        text, 0, len(text)
    )
    ungated: list[object] = []
    mentions._named(text, 0, len(text), ungated)
    # numbered markers ("[4]") as find_mentions adds them, after its own quick check for "["
    for m in mentions.NUMBERED.finditer(text):
        numbers = mentions._numbers(m.group(1))
        if numbers:
            ungated.append(
                mentions.Mention(m.start(), m.end(), "numbered", certain=True, numbers=numbers)
            )
    mentions._descriptive(text, 0, len(text), ungated)
    ungated += [
        mentions.Mention(m.start(), m.end(), "backref") for m in mentions.BACKREF.finditer(text)
    ]
    ungated.sort(key=lambda m: m.start)  # type: ignore[attr-defined]
    # (reference numbers outside brackets, looked for only with a bibliography, have no
    # quick check to compare)
    assert mentions.find_mentions(text, 0, len(text), loose=False) == ungated
    assert aside_spans(text, 0, len(text)) == _old_aside_spans(text)
    with patch("evidence_claims.extraction.kinds.fold", lambda _text: None):
        exact = classify(text, "sentence")
    assert classify(text, "sentence") == exact


def _old_aside_spans(document: str) -> list[tuple[int, int]]:
    from evidence_claims.extraction.asides import _BRACKET, _DASH, _inside

    spans: list[tuple[int, int]] = []
    depth = opened = 0
    for match in _BRACKET.finditer(document):
        if match.group() in "([":
            if depth == 0:
                opened = match.start()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                spans.append((opened, match.end()))
    dashes = [m.start() for m in _DASH.finditer(document) if not _inside(spans, m.start())]
    spans += [(a, b + 1) for a, b in zip(dashes[::2], dashes[1::2], strict=False)]
    return sorted(spans)
