"""The passages a concern reads: the claim's text and each field of the entries it cites.

Several GRADE domains look for the same kind of wording ("most trials were at high risk of
bias", "confidence intervals crossing 1", "limited generalisability") in the same places; the
search and the way a match is located and quoted live here once. The entries' fields are
gathered by :mod:`.context` once per set.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..model.records import Claim
from .body import may_hold, negation

if TYPE_CHECKING:
    from .context import SetContext


def first_match(
    pattern: re.Pattern[str],
    words: tuple[str, ...],
    claim: Claim,
    ctx: SetContext,
    accept: Callable[[re.Match[str]], bool] | None = None,
) -> tuple[str, tuple] | None:
    """(detail, where) of the first match of ``pattern`` in the claim or its entries, not
    negated just before it (and, with ``accept``, that ``accept`` keeps).

    The entries' half is searched once per set for each list of cited keys (claims cite the
    same few lists again and again), the claim's text for each claim."""
    found = _first_in(pattern, words, claim.text, accept, ctx.lowered(claim))
    if found is not None:
        return f"'{found}' in the claim", ("text",)
    sources = claim.evidence.sources
    if not sources:
        return None
    # keyed by the pattern's id: hashing a compiled pattern hashes its whole program
    return ctx.sources_first(
        (id(pattern), words, accept), sources, lambda text: _first_in(pattern, words, text, accept)
    )


def _first_in(
    pattern: re.Pattern[str],
    words: tuple[str, ...],
    text: str,
    accept: Callable[[re.Match[str]], bool] | None,
    lowered: str | None = None,
) -> str | None:
    """The words of the first match of ``pattern`` in ``text`` not negated just before it
    (``lowered``: ``text.lower()``, when the caller has it)."""
    if not may_hold(text, words, lowered):
        return None
    for match in pattern.finditer(text):
        before = text[max(0, match.start() - 40) : match.start()].lower()
        if negation().search(before) or (accept is not None and not accept(match)):
            continue
        return match.group(0)
    return None
