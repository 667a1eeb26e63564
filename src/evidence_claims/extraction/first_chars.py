"""An alternation split by the first character each alternative can start with.

Python's ``re`` tries every alternative of an alternation in turn at each position. Most cue
alternatives start with a known letter, so grouping them by that letter behind a one-character
lookahead lets a position skip all groups but one. The result is the same alternation: at a
position, the alternatives that can match there are tried in their original order, and an
alternative whose first character is unknown is copied into every group (each copy's marker
group gets its own name, ``a<index>_<copy>``).
"""

from __future__ import annotations

import re
from typing import Any

try:  # Python 3.11+
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

_ZERO_WIDTH = {_c.AT, _c.ASSERT, _c.ASSERT_NOT}


def first_chars(pattern: str) -> frozenset[str] | None:
    """The characters a match of ``pattern`` (no flags) can start with, or None if unknown."""
    try:
        return _sequence(list(_p.parse(pattern)))
    except Exception:  # anything unusual is "unknown", the safe answer
        return None


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


def dispatched(alternatives: list[tuple[int, str]]) -> str:
    """One alternation of ``(index, pattern)`` pairs, each ending in its group ``a<index>``."""
    firsts = [first_chars(p) for _i, p in alternatives]
    keys = sorted({c for f in firsts if f is not None for c in f})
    if not keys:
        return "|".join(f"(?:{p})(?P<a{i}>)" for i, p in alternatives)
    lowers = [
        lower_starts(p) if firsts[j] is None else None for j, (_i, p) in enumerate(alternatives)
    ]
    copies: dict[int, int] = {}

    def group(wanted: str | None) -> str:
        # The alternatives that may start with ``wanted``; None: those whose start is unknown.
        body = []
        for (i, p), f, lower in zip(alternatives, firsts, lowers, strict=True):
            if f is None and wanted is not None and not may_start(lower, wanted):
                continue
            if f is None or (wanted is not None and wanted in f):
                n = copies.get(i, 0)
                copies[i] = n + 1
                body.append(f"(?:{p})(?P<a{i}_{n}>)")
        return "|".join(body)

    cases = [(key, group(key)) for key in keys]
    default = None
    if any(f is None for f in firsts):
        # Where the character starts no known alternative, only the unknown ones can match.
        others = "".join(re.escape(k) for k in keys)
        default = f"(?![{others}])(?:{group(None)})"
    return switch(cases, default)


def may_start(lower: frozenset[str] | None, key: str) -> bool:
    """Whether an alternative whose first characters are unknown may start with ``key``:
    ``lower`` (from :func:`lower_starts`) rules out the lower-case letters it cannot start
    with ("\\d+ cases" starts with no letter, "(?:one|two|\\d+)" with "o" or "t" only)."""
    return lower is None or key not in _LOWER or key in lower


def switch(cases: list[tuple[str, str]], default: str | None = None) -> str:
    """Match the pattern of the ``(character, pattern)`` case whose character comes next,
    else ``default`` (which must fail where a case's character comes next), else fail.

    Written ``(?=a)(?:A)|(?=b)(?:B)|...``, a position where ``A`` fails would still test every
    other lookahead in turn, each a costly step of the matcher, though none can hold. Here one
    lookahead reads the character (an alternation of literals, which the matcher skips
    cheaply) and marks its case with an empty group ``_d<n>``; a chain of conditionals
    ``(?(_d<n>)...)`` then enters that case's pattern alone. When it fails the lookahead is
    given up and only ``default`` is tried. Matches and their groups are those of the plain
    form, which has the same alternatives in the same order at every position.
    """
    probe = "|".join(f"{re.escape(key)}(?P<_d{n}>)" for n, (key, _p) in enumerate(cases))
    chain = default if default is not None else "(?!)"
    for n in reversed(range(len(cases))):
        chain = f"(?(_d{n})(?:{cases[n][1]})|{chain})"
    return f"(?:(?={probe})|){chain}"


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
        _group, add, delete, body = av
        if add & _c.SRE_FLAG_IGNORECASE:
            caseless = True
        if delete & _c.SRE_FLAG_IGNORECASE:
            caseless = False
        return _starts(list(body), caseless)
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
