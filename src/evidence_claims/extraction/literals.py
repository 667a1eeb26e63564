"""Strings that every match of a pattern contains: a cheap test before a costly pattern.

A rule pattern of many alternatives is tried at every word of a statement, and most
statements hold none of the words it is made of. :func:`required` reads the pattern and
returns a small set of strings such that any text it matches contains at least one of them
(for each alternative, one literal stretch it cannot match without, or the union of such
stretches over a group's alternatives); :class:`Gated` tries the pattern only when the text
holds one. ``str.__contains__`` runs in C over the whole text, several times faster per
character than the matcher's step at each position, so statements that cannot match are
passed over at the price of a few substring tests, and whether the pattern matches, and
where, is unchanged.
"""

from __future__ import annotations

import re
from re import _constants as _c  # the regex parser's own tables (Python 3.11+)
from re import _parser as _p
from typing import Any

from .first_chars import group_body

# A set of more strings than this costs more to test than most patterns save.
MOST = 12


def required(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Strings of which every match of ``pattern`` (compiled with ``flags``) contains one,
    or None when no such set is known (a case-insensitive part, an optional alternative,
    anything the reader does not follow)."""
    try:
        parsed = _p.parse(pattern, flags)
    except Exception:  # anything unusual is "unknown", the safe answer
        return None
    caseless = bool(parsed.state.flags & re.IGNORECASE)
    found = _sequence(list(parsed), caseless)
    if found is None or not found or any(not s for s in found):
        return None
    return found


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    # Longer strings are rarer in text; fewer of them are quicker to test.
    if a is None:
        return b
    if b is None:
        return a
    key_a = (min(map(len, a)), -len(a))
    key_b = (min(map(len, b)), -len(b))
    return b if key_b > key_a else a


def _sequence(items: list[tuple[Any, Any]], caseless: bool) -> frozenset[str] | None:
    """The best requirement of a sequence: a run of literal characters (a small class of
    literal characters in it spells each of its strings: "9[05]%" needs "90%" or "95%"),
    or one item's."""
    best: frozenset[str] | None = None
    run: set[str] = set()
    for op, av in items:
        chars = None if caseless else _chars(op, av)
        if chars is not None and len(run or {""}) * len(chars) <= _SPELLED:
            run = {s + c for s in (run or {""}) for c in chars}
            continue
        if run:
            best = _better(best, frozenset(run))
            run = set()
        best = _better(best, _item(op, av, caseless))
    if run:
        best = _better(best, frozenset(run))
    return best


# How many strings a run with classes in it may spell out.
_SPELLED = 8


def _chars(op: Any, av: Any) -> list[str] | None:
    """The characters a literal or a class of a few literals matches, else None."""
    if op is _c.LITERAL:
        return [chr(av)]
    if op is _c.IN and len(av) <= 4 and all(sub_op is _c.LITERAL for sub_op, _ in av):
        return [chr(sub_av) for _, sub_av in av]
    return None


def _item(op: Any, av: Any, caseless: bool) -> frozenset[str] | None:
    if op is _c.SUBPATTERN:
        return _sequence(*group_body(av, caseless))
    if op is _c.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            found = _sequence(list(branch), caseless)
            if found is None:
                return None
            union |= found
        return frozenset(union)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        low, _high, body = av
        return _sequence(list(body), caseless) if low >= 1 else None
    if op is _c.ATOMIC_GROUP if hasattr(_c, "ATOMIC_GROUP") else False:
        return _sequence(list(av), caseless)
    return None  # a class, an assertion, a back-reference: no literal to require


def holds(text: str, strings: frozenset[str] | tuple[str, ...], start: int = 0) -> bool:
    """Does ``text`` from ``start`` on hold one of ``strings``? (A plain loop: for a few
    strings it is quicker than ``any`` over a generator.)"""
    if start:
        for string in strings:  # noqa: SIM110 (a loop: quicker than any() here)
            if text.find(string, start) >= 0:
                return True
        return False
    for string in strings:  # noqa: SIM110 (a loop: quicker than any() here)
        if string in text:
            return True
    return False


class Gated:
    """A compiled pattern with the strings it needs (:func:`required`): ``search`` and
    ``match`` give what the pattern's own do, without running it on a text that holds none.
    With no useful set (None, or more than :data:`MOST` strings) every call runs it."""

    __slots__ = ("pattern", "strings")

    def __init__(self, pattern: re.Pattern[str], strings: frozenset[str] | None = None) -> None:
        self.pattern = pattern
        if strings is None:
            strings = required(pattern.pattern, pattern.flags)
        self.strings = (
            tuple(sorted(strings, key=len, reverse=True))
            if strings is not None and len(strings) <= MOST
            else None
        )

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        if self.strings is not None and not holds(text, self.strings, pos):
            return None
        return self.pattern.search(text, pos)

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        if self.strings is not None and not holds(text, self.strings, pos):
            return None
        return self.pattern.match(text, pos)
