"""The context of a W3C-style anchor: the characters just before and after a quoted span.

An anchor records its span's offsets, and up to :data:`CONTEXT_CHARS` characters on either side
(W3C Web Annotation's TextQuoteSelector ``prefix`` and ``suffix``), so that the span can be
found again after the document changed. Drafting, re-anchoring, the anchor checks and the
synthetic corpus all cut that context here, in one way.
"""

from __future__ import annotations

CONTEXT_CHARS = 32


def context(
    document: str, start: int, end: int, before: int = CONTEXT_CHARS, after: int = CONTEXT_CHARS
) -> tuple[str, str]:
    """Up to ``before`` characters before ``document[start:end]`` and up to ``after`` after it."""
    return document[max(0, start - before) : start], document[end : end + after]


def context_match(document: str, start: int, end: int, prefix: str, suffix: str) -> int:
    """How many characters of an old ``prefix`` and ``suffix`` still surround
    ``document[start:end]``: the longer the agreement, the likelier this is the old place."""
    before, after = context(document, start, end, len(prefix), len(suffix))
    score = 0
    for a, b in zip(reversed(before), reversed(prefix), strict=False):
        if a != b:
            break
        score += 1
    for a, b in zip(after, suffix, strict=False):
        if a != b:
            break
        score += 1
    return score
