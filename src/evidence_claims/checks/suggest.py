"""Did-you-mean hints that stay fast when there are thousands of choices.

``difflib.get_close_matches`` compares the misspelt value with every choice, about 20 µs each:
harmless for a bibliography of forty keys, but a set of 10,000 claims with a hundred dangling
relation targets spent most of its validation time here. :class:`Suggester` gives exactly
difflib's answer while the choices are few (up to :data:`EXACT_UP_TO`); beyond that it asks
difflib about the choices nearest the value in sorted order and in sorted order of the reversed
strings, so a slip late in the value and one early in it are both found, at a bounded cost.
"""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Iterable

EXACT_UP_TO = 500
WINDOW = 64
CUTOFF = 0.6


class Suggester:
    """The closest of a fixed collection of choices to a value, built once per collection."""

    __slots__ = ("_by_end", "_choices", "_known", "_sorted")

    def __init__(self, choices: Iterable[str]) -> None:
        self._choices = list(dict.fromkeys(choices))
        self._sorted: list[str] | None = None
        self._by_end: list[str] | None = None
        # answers given already: a misspelt key or target is often repeated across a set
        self._known: dict[str, str | None] = {}

    def __len__(self) -> int:
        return len(self._choices)

    def closest(self, value: str) -> str | None:
        """The best match with a similarity of at least 0.6, or None."""
        if value in self._known:
            return self._known[value]
        candidates = self._choices if len(self._choices) <= EXACT_UP_TO else self._near(value)
        match = difflib.get_close_matches(value, candidates, n=1, cutoff=CUTOFF)
        found = self._known[value] = match[0] if match else None
        return found

    def hint(self, value: str) -> str:
        """``"; did you mean 'x'?"`` or an empty string."""
        match = self.closest(value)
        return f"; did you mean '{match}'?" if match else ""

    def _near(self, value: str) -> list[str]:
        if self._sorted is None or self._by_end is None:
            self._sorted = sorted(self._choices)
            self._by_end = sorted(c[::-1] for c in self._choices)
        near: dict[str, None] = {}
        for ordered, probe, flip in (
            (self._sorted, value, False),
            (self._by_end, value[::-1], True),
        ):
            at = bisect.bisect_left(ordered, probe)
            for item in ordered[max(0, at - WINDOW) : at + WINDOW]:
                near[item[::-1] if flip else item] = None
        return list(near)


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """A one-off hint (builds a :class:`Suggester`; keep one when asking many times)."""
    return Suggester(choices).hint(value)
