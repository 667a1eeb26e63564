"""The first-character dispatch of the cue scan finds exactly what the plain alternation finds."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evidence_claims.extraction.attribution_rules import MARKERS, _guarded, _index, load_rules
from evidence_claims.extraction.caseless import Unsupported, fold, lower_pattern
from evidence_claims.extraction.first_chars import (
    dispatched,
    first_chars,
    lower_starts,
    may_start,
)
from evidence_claims.extraction.kinds import by_first_char
from evidence_claims.model.data_yaml import load_data_yaml

ROOT = Path(__file__).resolve().parents[1]


def _cues() -> list[tuple[int, str]]:
    """The lower-cased cue alternatives of ``attribution.yaml`` (file order; any order will do)."""
    data = load_data_yaml(
        resources.files("evidence_claims").joinpath("data/attribution.yaml").read_text("utf-8")
    )
    patterns = [p for v in data.values() if isinstance(v, list) for p in v]
    patterns += [p for spec in (data.get("types") or {}).values() for p in spec.get("cues") or []]
    out = []
    for i, p in enumerate(patterns):
        try:
            out.append((i, lower_pattern(p)))
        except Unsupported:
            continue
    return out


CUES = _cues()
PLAIN = _guarded(["|".join(f"(?:{p})(?P<a{i}>)" for i, p in CUES)])
FAST = _guarded([dispatched(CUES)])
WORDS = sorted({w for _i, p in CUES for w in re.findall(r"[a-z]{2,}", p)})


def _found(pattern: re.Pattern[str], text: str) -> list[tuple[int, int, int]]:
    return [(m.start(), m.end(), _index(m)) for m in pattern.finditer(text)]


@pytest.mark.parametrize(
    ("pattern", "chars"),
    [
        (r"(?:the\s+)?study", {"t", "s"}),
        (r"(?<=x)abc", {"a"}),
        (r"(?:a|an|one)\s+case", {"a", "o"}),
        (r"[b-d]x", {"b", "c", "d"}),
        (r"\d+\s+cases", None),
        (r"a?", None),
        (r"(?i:a)b", None),  # a case-insensitive part could start with "A" too: unknown
        (r"(?:x|y?)z", None),  # an optional branch is not followed: unknown, the safe answer
    ],
)
def test_first_chars(pattern: str, chars: set[str] | None) -> None:
    assert first_chars(pattern) == (None if chars is None else frozenset(chars))


def _examples() -> st.SearchStrategy[str]:
    generators = []
    for _i, p in CUES:
        try:
            re.compile(p)
            generators.append(st.from_regex(re.compile(p), fullmatch=True))
        except Exception:  # some cues use lookarounds from_regex cannot build
            continue
    return st.one_of(generators)


TOKENS = st.one_of(
    st.sampled_from(WORDS),
    _examples(),
    st.text(alphabet='abcdefghijklmnopqrstuvwxyz0123456789-“"', min_size=1, max_size=8),
)
SEPARATORS = st.sampled_from([" ", " ", ", ", ". ", "\n", "-", "[", "] ", " (", ") "])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(TOKENS, SEPARATORS), max_size=30))
def test_the_dispatch_finds_what_the_plain_alternation_finds(parts: list[tuple[str, str]]) -> None:
    text = "".join(token + separator for token, separator in parts)
    assert _found(FAST, text) == _found(PLAIN, text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(TOKENS, SEPARATORS), max_size=30))
def test_the_scan_equals_the_exact_pattern(parts: list[tuple[str, str]]) -> None:
    text = "".join(token.capitalize() + separator for token, separator in parts)
    rules = load_rules()
    assert rules.scan(text) == rules._hits(rules.pattern.finditer(text))


def test_the_dispatch_agrees_on_every_bundled_document() -> None:
    sources = [ROOT / "claims" / "kratom-addiction" / "document.txt"]
    sources += sorted((ROOT / "benchmarks" / "gold").glob("*/document.txt"))
    rules = load_rules()
    for path in sources:
        text = path.read_text("utf-8")
        folded = fold(text)
        assert folded is not None
        assert _found(FAST, folded) == _found(PLAIN, folded), path
        assert rules.scan(text) == rules._hits(rules.pattern.finditer(text)), path


@pytest.mark.parametrize(
    ("pattern", "letters"),
    [
        (r"(?-i:RCTs?)", set()),  # case-sensitive capitals start no lower-case word
        (r"(?:(?-i:[A-Z][a-z]+)|\d{4})\s+stud", set()),
        (r"statement|Said", {"s"}),  # case-insensitive: "Said" starts "said" too
        (r"(?-i:I|We|we)\s", {"w"}),
        (r"(?<=[x])(?-i:[A-Z])", set()),
        (r"k", {"k"}),
        (r"\w+", None),
        (r"[^a]", None),
        (r"a?b", {"a", "b"}),
        (r"a?", None),
    ],
)
def test_lower_starts(pattern: str, letters: set[str] | None) -> None:
    assert lower_starts(pattern, re.IGNORECASE) == (None if letters is None else frozenset(letters))


def _cased_alternatives() -> list[tuple[int, str]]:
    """The cue alternatives with a case-sensitive part, numbered as the scan numbers them."""
    data = load_data_yaml(
        resources.files("evidence_claims").joinpath("data/attribution.yaml").read_text("utf-8")
    )
    names = ("judgement", *MARKERS[1:])
    patterns = [p for name in names for p in data.get(name) or []]
    specs = sorted((data.get("types") or {}).items(), key=lambda t: not t[1].get("population"))
    patterns += [p for _name, spec in specs for p in spec.get("cues") or []]
    out = []
    for i, p in enumerate(patterns):
        try:
            lower_pattern(p)
        except Unsupported:
            out.append((i, p))
    return out


CASED = _cased_alternatives()


def _cased_cues() -> list[str]:
    return [m.group(0) for _i, p in CASED for m in re.finditer(r"[A-Za-z]{2,}", p)]


def _cased_examples() -> st.SearchStrategy[str]:
    """Whole matches of the case-sensitive cue alternatives ("said Dr. Smith", "RCTs")."""
    data = load_data_yaml(
        resources.files("evidence_claims").joinpath("data/attribution.yaml").read_text("utf-8")
    )
    patterns = [p for v in data.values() if isinstance(v, list) for p in v]
    patterns += [p for spec in (data.get("types") or {}).values() for p in spec.get("cues") or []]
    generators = []
    for p in patterns:
        try:
            lower_pattern(p)
        except Unsupported:
            try:
                generators.append(st.from_regex(re.compile(p, re.IGNORECASE), fullmatch=True))
            except Exception:  # lookarounds from_regex cannot build
                continue
    return st.one_of(generators)


CASED_WORDS = sorted(set(_cased_cues()))
MIXED = st.one_of(
    _cased_examples(),
    st.sampled_from(CASED_WORDS),
    st.sampled_from(CASED_WORDS).map(str.capitalize),
    st.sampled_from(["I", "Dr.", "Prof", "RCT", "RCTs", "FDA", "NIH", "1999", "ſaid", "K"]),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDRSTIKſ0123456789-“\"'’", max_size=8).filter(
        bool
    ),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(MIXED, SEPARATORS), max_size=30))
def test_the_cased_prefilter_finds_what_the_plain_cased_scan_finds(
    parts: list[tuple[str, str]],
) -> None:
    # The lower-case start filter and the first-character grouping of the case-sensitive cues
    # find what their plain case-insensitive alternation finds.
    text = "".join(token + separator for token, separator in parts)
    rules = load_rules()
    assert rules.cased is not None
    plain = _guarded([f"(?:{p})(?P<a{i}>)" for i, p in CASED], re.IGNORECASE)
    assert plain.pattern != rules.cased.pattern
    assert _found(rules.cased, text) == _found(plain, text)


# Alternatives whose first character is unknown to first_chars (a digit class, an optional
# space, any word character), beside known ones: the dispatch leaves an unknown one out of a
# letter's group only where lower_starts proves it cannot start with that letter.
_UNKNOWN_START = [
    r"\d+\s+cases",
    r"(?:one|two|\d+)\s+cases?",
    r"(?<=\[)\s*(?:ab|ob)",
    r"\b\d{1,2}:\d{2}\s+to",
    r"\w+z",
    r"ab",
    r"t(?:o|wo)",
    r"case",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_UNKNOWN_START), min_size=1, max_size=6, unique=True),
    st.lists(
        st.one_of(
            st.sampled_from(["one", "two", "to", "cases", "case", "ab", "ob", "12:30", "3", "xz"]),
            st.text(alphabet="abcenostwz019:[", min_size=1, max_size=4),
        ),
        max_size=12,
    ),
    st.sampled_from([" ", "  ", "[", "\n", "-"]),
)
def test_unknown_starts_are_tried_wherever_they_may_start(
    chosen: list[str], words: list[str], separator: str
) -> None:
    text = separator.join(words)
    alternatives = list(enumerate(chosen))
    plain = re.compile("|".join(f"(?:{p})(?P<a{i}>)" for i, p in alternatives))
    fast = re.compile(dispatched(alternatives))
    assert _found(fast, text) == _found(plain, text)
    plain_kinds = re.compile("(?:" + "|".join(f"(?:{p})" for p in chosen) + ")")
    split_kinds = re.compile("(?:" + by_first_char(chosen) + ")")
    for start in range(len(text) + 1):
        assert bool(plain_kinds.match(text, start)) == bool(split_kinds.match(text, start))


def test_may_start() -> None:
    assert not may_start(frozenset(), "a")  # "\d+ cases" never starts with a letter
    assert may_start(frozenset(), "7")  # ... but may start with any non-letter
    assert may_start(frozenset({"o"}), "o")
    assert may_start(None, "a")  # unknown: anything
