"""An alternation split by the first character each alternative can start with.

Python's ``re`` tries every alternative of an alternation in turn at each position. Most cue
alternatives start with a known letter, so grouping them by that letter, each group opening
with the letter itself, lets the matcher's one-comparison test of a branch's first character
skip all groups but one at a position. The result is the same alternation: at a position,
the alternatives that can match there are tried in their original order, and an
alternative whose first character is unknown is copied into every group it may start
(each copy's marker group gets its own name, ``a<index>_<copy>``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from re import _constants as _c  # the regex parser's own tables (Python 3.11+, as required)
from re import _parser as _p
from typing import Any

from .derivative import NEVER, closing, derive

_ZERO_WIDTH = {_c.AT, _c.ASSERT, _c.ASSERT_NOT}


def group_body(av: Any, caseless: bool) -> tuple[list[Any], bool]:
    """A parsed group's items, and whether they match regardless of case: "(?i:...)" turns
    that on inside the group, "(?-i:...)" off."""
    _group, add, delete, body = av
    if add & _c.SRE_FLAG_IGNORECASE:
        caseless = True
    if delete & _c.SRE_FLAG_IGNORECASE:
        caseless = False
    return list(body), caseless


@lru_cache(maxsize=1024)  # the grouping asks again for the rests it groups a level down
def first_chars(pattern: str) -> frozenset[str] | None:
    """The characters a match of ``pattern`` (no flags) can start with, or None if unknown."""
    try:
        return _sequence(list(_p.parse(pattern)))
    except Exception:  # anything unusual is "unknown", the safe answer
        return None


def _first(pattern: str, rests: bool) -> frozenset[str] | None:
    """:func:`first_chars`, read without parsing where a rest of :func:`.derivative.derive`
    (no top-level ``|``) opens with a letter or digit that no quantifier follows: most rests
    do, and parsing each of them again took more time than the scan the grouping saves."""
    if rests:
        head = pattern
        while head.startswith(("(?<=", "(?<!")):  # a lookbehind reads no character ahead
            head = head[closing(head) :]
        if head[:1].isascii() and head[:1].isalnum() and head[1:2] not in _REPEATS:
            return frozenset(head[0])
    return first_chars(pattern)


_REPEATS = ("?", "*", "+", "{")
# Under re.IGNORECASE an ASCII letter matches its two cases and these (.caseless).
_OTHER_FORMS = {"i": "İı", "s": "ſ", "k": "\u212a"}


def _caseless(chars: frozenset[str] | None) -> frozenset[str] | None:
    """Every character re.IGNORECASE matches to one of ``chars`` (None: unknown)."""
    if chars is None:
        return None
    out: set[str] = set()
    for char in chars:
        low = char.lower()
        if len(low) == 1 and low in _LOWER:
            out.update(low + low.upper() + _OTHER_FORMS.get(low, ""))
        elif char.lower() == char.upper():
            out.add(char)
        else:
            return None  # another cased letter: not worth knowing its forms
    return frozenset(out)


def _sequence(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    chars: set[str] = set()
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        found = _item(op, av)
        if found is None:
            return None
        chars |= found
        if not _nullable(op, av):
            return frozenset(chars)
    return None  # can match the empty string: any character may follow


def _nullable(op: Any, av: Any) -> bool:
    # Only the optional forms _item understands need an answer here; the rest consume a character.
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        return av[0] == 0
    if op is _c.SUBPATTERN:
        return _sequence_nullable(list(av[-1]))
    if op is _c.BRANCH:
        return any(_sequence_nullable(list(b)) for b in av[1])
    return False


def _sequence_nullable(items: list[tuple[Any, Any]]) -> bool:
    return all(op in _ZERO_WIDTH or _nullable(op, av) for op, av in items)


def _item(op: Any, av: Any) -> frozenset[str] | None:
    if op is _c.LITERAL:
        return frozenset(chr(av))
    if op is _c.IN:
        chars: set[str] = set()
        for sub_op, sub_av in av:
            if sub_op is _c.LITERAL:
                chars.add(chr(sub_av))
            elif sub_op is _c.RANGE and sub_av[1] - sub_av[0] < 64:
                chars.update(chr(c) for c in range(sub_av[0], sub_av[1] + 1))
            else:
                return None
        return frozenset(chars)
    if op is _c.SUBPATTERN:
        if av[1] & _c.SRE_FLAG_IGNORECASE:  # "(?i:a)" starts with "A" too
            return None
        return _sequence(list(av[-1]))
    if op is _c.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            found = _sequence(list(branch))
            if found is None:
                return None
            union |= found
        return frozenset(union)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        return _sequence(list(av[2]))
    return None


def dispatched(
    alternatives: list[tuple[int, str]],
    flags: int = 0,
    *,
    word_start: bool = False,
    depth: int = 3,
) -> str:
    """One alternation of ``(index, pattern)`` pairs, each ending in its group ``a<index>``
    (``a<index>_<copy>`` for the copies of :func:`grouped`; ``word_start`` and ``depth`` as
    there)."""
    copies: dict[int, int] = {}

    def marked(index: int) -> str:
        n = copies.get(index, 0)
        copies[index] = n + 1
        return f"(?P<a{index}_{n}>)"

    return grouped([(p, i) for i, p in alternatives], marked, flags, depth, word_start=word_start)


def grouped(
    alternatives: list[tuple[str, int]],
    marker: Callable[[int], str],
    flags: int = 0,
    depth: int = 3,
    *,
    rests: bool = False,
    word_start: bool = False,
) -> str:
    """The alternation of ``(pattern, index)`` pairs, grouped by first character, each
    alternative followed by ``marker(index)`` (called once per copy; "" for none).

    At a position, the alternatives that may start with its character are tried in their
    original order, so the first to match, its end and its marker are those of the plain
    alternation. Each character's group is written as the character followed by the rest
    of each alternative (:func:`.derivative.derive`): the matcher's quick test of a branch's
    first character then skips every group but one, and inside it every alternative whose
    second character differs. An alternative the rest cannot be written for keeps its whole
    form behind a lookahead of the character. An alternative whose first character is
    unknown joins the groups of the characters it may start with (:func:`lower_starts`) and
    a last branch for the characters no group has. ``flags`` are the pattern's own;
    ``rests`` says the alternatives are rests from :func:`.derivative.derive` (which have no
    top-level ``|``); ``word_start`` promises that the alternation is only tried where no
    word character comes before (after the scans' guards), which spares the lookbehind a
    leading ``\\b`` would otherwise become.

    Inside a group the rests are grouped again by their own first character, ``depth``
    levels in all (:func:`_regrouped`): on the cue scan three levels took a fifth off the
    time of one, more gave nothing measurable.
    """
    caseless = bool(flags & re.IGNORECASE)
    firsts = [
        _caseless(_first(p, rests)) if caseless else _first(p, rests) for p, _i in alternatives
    ]
    keys = sorted({c for f in firsts if f is not None for c in f})
    lowers = [
        lower_starts(p, flags) if f is None else None
        for (p, _i), f in zip(alternatives, firsts, strict=True)
    ]
    branches: list[str] = []
    for key in keys:
        # Runs of consecutive alternatives: written as rests after the character, or whole.
        runs: list[tuple[bool, list[tuple[str, int]]]] = []
        for (p, i), f, lower in zip(alternatives, firsts, lowers, strict=True):
            if (f is None and not may_start(lower, key)) or (f is not None and key not in f):
                continue
            rest = derive(p, key, flags, after_non_word=word_start)
            if rest is NEVER:
                continue
            derived = rest is not None
            if not runs or runs[-1][0] != derived:
                runs.append((derived, []))
            runs[-1][1].append((p if rest is None else rest, i))
        # The character itself, case-sensitively: the matcher's quick test needs a literal.
        literal = f"(?-i:{re.escape(key)})" if caseless else re.escape(key)
        for derived, run in runs:
            if derived and depth > 1:
                body = _regrouped(run, marker, flags, depth - 1)
            else:
                body = "|".join(f"(?:{x})" + marker(i) for x, i in run)
            lead = literal if derived else f"(?={literal})"
            branches.append(lead + "(?:" + body + ")")
    unknown = [(p, i) for (p, i), f in zip(alternatives, firsts, strict=True) if f is None]
    if unknown or not keys:
        others = "".join(re.escape(k) for k in keys)
        lead = f"(?!(?-i:[{others}]))" if keys else ""
        body = "|".join(f"(?:{p})" + marker(i) for p, i in unknown)
        branches.append(lead + "(?:" + (body or "(?!)") + ")")
    return "|".join(branches) or "(?!)"  # no alternative can match anywhere


def _regrouped(
    run: list[tuple[str, int]], marker: Callable[[int], str], flags: int, depth: int
) -> str:
    """The alternation of ``run`` with each stretch of alternatives that start with one of
    a few known characters grouped again (:func:`grouped`): an alternative that may start
    with many ("[a-z]*ists") or unknown ones would be copied into every group, so it stays
    as it is, between the stretches, in its place."""
    parts: list[str] = []
    stretch: list[tuple[str, int]] = []

    def close() -> None:
        if len(stretch) > 1:
            parts.append(grouped(stretch, marker, flags, depth, rests=True))
        else:
            parts.extend(f"(?:{x})" + marker(i) for x, i in stretch)
        stretch.clear()

    for x, i in run:
        starts = _first(x, rests=True)
        if starts is not None and len(starts) <= _FEW:
            stretch.append((x, i))
        else:
            close()
            parts.append(f"(?:{x})" + marker(i))
    close()
    return "|".join(parts)


_FEW = 4


def may_start(lower: frozenset[str] | None, key: str) -> bool:
    """Whether an alternative whose first characters are unknown may start with ``key``:
    ``lower`` (from :func:`lower_starts`) rules out the lower-case letters it cannot start
    with ("\\d+ cases" starts with no letter, "(?:one|two|\\d+)" with "o" or "t" only)."""
    return lower is None or key not in _LOWER or key in lower


_LOWER = "abcdefghijklmnopqrstuvwxyz"


def lower_starts(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """The ASCII lower-case letters a match of ``pattern`` compiled with ``flags`` can start
    with, or None if unknown.

    Unlike :func:`first_chars` this follows the case-insensitive flag, globally and in scoped
    groups (``(?-i:RCT)``): it tells the cue scan of case-sensitive alternatives, compiled
    case-insensitively, which lower-case word starts it may skip. A character matched
    case-insensitively stands for every letter ``re`` itself matches it to.
    """
    try:
        starts = _starts(list(_p.parse(pattern, flags)), bool(flags & re.IGNORECASE))
    except Exception:  # anything unusual is "unknown", the safe answer
        return None
    if starts is None:
        return None
    letters: set[str] = set()
    for char, caseless in starts:
        if caseless:
            letters.update(x for x in _LOWER if re.fullmatch(re.escape(char), x, re.IGNORECASE))
        elif char in _LOWER:
            letters.add(char)
    return frozenset(letters)


def _starts(items: list[tuple[Any, Any]], caseless: bool) -> set[tuple[str, bool]] | None:
    found: set[tuple[str, bool]] = set()
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        item = _start(op, av, caseless)
        if item is None:
            return None
        found |= item
        if not _nullable(op, av):
            return found
    return None  # can match the empty string: any character may follow


def _start(op: Any, av: Any, caseless: bool) -> set[tuple[str, bool]] | None:
    if op is _c.SUBPATTERN:
        return _starts(*group_body(av, caseless))
    if op is _c.BRANCH:
        union: set[tuple[str, bool]] = set()
        for branch in av[1]:
            found = _starts(list(branch), caseless)
            if found is None:
                return None
            union |= found
        return union
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        return _starts(list(av[2]), caseless)
    if op is _c.IN:
        # A class of digits or spaces starts with no letter; other categories are unknown.
        letters = [(sub_op, sub_av) for sub_op, sub_av in av if sub_op is not _c.CATEGORY]
        if any(sub_av not in _NO_LETTERS for sub_op, sub_av in av if sub_op is _c.CATEGORY):
            return None
        av = letters
    chars = _item(op, av) if op in (_c.LITERAL, _c.IN) else None
    if chars is None:
        return None
    return {(char, caseless) for char in chars}


_NO_LETTERS = {
    _c.CATEGORY_DIGIT,
    _c.CATEGORY_SPACE,
    _c.CATEGORY_UNI_DIGIT,
    _c.CATEGORY_UNI_SPACE,
}
