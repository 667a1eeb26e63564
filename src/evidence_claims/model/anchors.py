"""Build and find W3C-style anchors (text position + text quote with prefix and suffix)."""

from __future__ import annotations

from .records import Anchor

CONTEXT_CHARS = 32


def make_anchor(document: str, start: int, end: int, *, context: int = CONTEXT_CHARS) -> Anchor:
    """The anchor of ``document[start:end]`` with up to ``context`` characters either side."""
    if not 0 <= start < end <= len(document):
        raise ValueError(f"span {start}..{end} is not inside a document of {len(document)} chars")
    return Anchor(
        start=start,
        end=end,
        prefix=document[max(0, start - context) : start],
        suffix=document[end : end + context],
    )


def find_quote(document: str, quote: str, *, near: int | None = None) -> int | None:
    """Start offset of ``quote`` in ``document``: the only occurrence, or the one nearest
    ``near``; None when absent (or ambiguous with no ``near`` to decide)."""
    if not quote:
        return None
    positions = []
    i = document.find(quote)
    while i >= 0:
        positions.append(i)
        i = document.find(quote, i + 1)
    if not positions:
        return None
    if len(positions) == 1:
        return positions[0]
    if near is None:
        return None
    return min(positions, key=lambda p: abs(p - near))
