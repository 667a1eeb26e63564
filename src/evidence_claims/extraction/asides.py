"""Asides: parenthesised and dash-delimited stretches of a statement.

A cue inside an aside ("- which again is clearly not recommended -", "(see the Thai
studies)") qualifies the statement rather than framing it, so kinds and attribution give it
less weight. Only balanced pairs count; an unmatched bracket or a single dash is no aside.
"""

from __future__ import annotations

import re

_BRACKET = re.compile(r"[()\[\]]")
# A dash that can open or close an aside: an en or em dash anywhere; a hyphen after a word and
# before a space, or after a space and before a space or a word. Written to open with the dash
# itself (the matcher skips to it in its fast scan), it finds what the first form
# "(?<=\w)[-–—](?=\s)|(?<=\s)[-–—](?=\s)|(?<=\s)[-–—](?=\w)|[–—]" found, seven times faster.
_DASH = re.compile(r"[–—]|-(?:(?<=\w-)(?=\s)|(?<=\s-)(?=[\s\w]))")


def aside_spans(document: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sorted, non-overlapping (start, end) document spans of the asides in ``[start, end)``."""
    # Most statements have no bracket or dash at all: a few substring look-ups skip the scans.
    find = document.find
    brackets = find("(", start, end) >= 0 or find("[", start, end) >= 0
    dashes = find("-", start, end) >= 0 or find("–", start, end) >= 0 or find("—", start, end) >= 0
    spans: list[tuple[int, int]] = []
    if brackets:
        depth = 0
        opened = 0
        for match in _BRACKET.finditer(document, start, end):
            char = match.group()
            if char in "([":
                if depth == 0:
                    opened = match.start()
                depth += 1
            elif depth:
                depth -= 1
                if depth == 0:
                    spans.append((opened, match.end()))
    if dashes:
        found = [
            m.start() for m in _DASH.finditer(document, start, end) if not _inside(spans, m.start())
        ]
        for left, right in zip(found[::2], found[1::2], strict=False):
            spans.append((left, right + 1))
    spans.sort()
    return spans


def _inside(spans: list[tuple[int, int]], position: int) -> bool:
    return any(a <= position < b for a, b in spans)


def in_aside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when ``[start, end)`` lies within one of ``spans``."""
    return any(a <= start and end <= b for a, b in spans)


def outside(document: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    """The statement with its asides blanked out (same length, so offsets still line up)."""
    if not spans:
        return document[start:end]
    # Slices and runs of spaces, not a character list: spans are sorted by start and may
    # overlap (a dash pair around a bracket pair), so each one blanks from where the last
    # stopped.
    parts = []
    position = start
    for a, b in spans:
        a, b = max(a, position), min(b, end)
        if a < b:
            parts.append(document[position:a])
            parts.append(" " * (b - a))
            position = b
    parts.append(document[position:end])
    return "".join(parts)
