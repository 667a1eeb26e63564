"""Did-you-mean hints for finding messages: the closest choice to a misspelt value.

The one helper every hint uses (unknown keys and relation targets, schema enums and field
names, caveat codes, the ``rules`` command). Similarity is rapidfuzz's normalised Indel
similarity (``fuzz.ratio``, 2·LCS / total length, the measure difflib's
``SequenceMatcher.ratio`` approximates), computed in C++ at well under a microsecond a
choice, so that a set with many dangling references spends little time on hints. A hint needs
a similarity of at least :data:`CUTOFF` (difflib's default 0.6); among equally close choices
the greatest in sort order wins, as with ``difflib.get_close_matches``, so hints never depend
on the order of the choices.

The cost is bounded: up to :data:`EXACT_UP_TO` choices are all compared; beyond that only the
:data:`WINDOW` choices on either side of the value in sorted order and in sorted order of the
reversed strings (so that a slip late in the value and one early in it are both found). A
:class:`Suggester` also remembers its answers: a misspelt key is often repeated across a set.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

EXACT_UP_TO = 5_000
WINDOW = 128
CUTOFF = 60.0


def closest(value: str, choices: Sequence[str], n: int = 1) -> list[str]:
    """Up to ``n`` choices at least :data:`CUTOFF` similar to ``value``, closest first."""
    # imported on the first hint: most runs give none, and rapidfuzz adds ~40 modules to start
    from rapidfuzz import fuzz, process

    scored = process.extract(value, choices, scorer=fuzz.ratio, score_cutoff=CUTOFF, limit=None)
    scored.sort(key=lambda match: (match[1], match[0]), reverse=True)
    return [match[0] for match in scored[:n]]


class Suggester:
    """The closest of a fixed collection of choices to a value, built once per collection."""

    __slots__ = ("_by_end", "_choices", "_known", "_sorted")

    def __init__(self, choices: Iterable[str]) -> None:
        self._choices = list(dict.fromkeys(choices))
        self._sorted: list[str] | None = None
        self._by_end: list[str] | None = None
        self._known: dict[str, str | None] = {}

    def __len__(self) -> int:
        return len(self._choices)

    def closest(self, value: str) -> str | None:
        """The best match with a similarity of at least :data:`CUTOFF`, or None."""
        if value in self._known:
            return self._known[value]
        candidates = self._choices if len(self._choices) <= EXACT_UP_TO else self._near(value)
        match = closest(value, candidates)
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
