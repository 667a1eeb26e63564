"""The passages a concern reads: the claim's text and each field of the entries it cites.

Several GRADE domains look for the same kind of wording ("most trials were at high risk of
bias", "confidence intervals crossing 1", "limited generalisability") in the same places; the
search and the way a match is located and quoted live here once. The passages themselves are
gathered by :mod:`.body` (for ROBINS-I first, hence its name there): one copy serves them all.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..model.records import Claim
from .body import claim_and_entry_texts, may_hold, negation

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
    negated just before it (and, with ``accept``, that ``accept`` keeps)."""
    for where, text, place in claim_and_entry_texts(claim, ctx):
        if not may_hold(text, words):
            continue
        for match in pattern.finditer(text):
            before = text[max(0, match.start() - 40) : match.start()].lower()
            if negation().search(before) or (accept is not None and not accept(match)):
                continue
            if where == "in the claim":
                return f"'{match.group(0)}' in the claim", place
            key, field = where.split(": in its ", 1)
            return f"{key}: '{match.group(0)}' in its {field}", place
    return None
