"""GRADE's publication bias, read from words in the claim or its entries that suspect it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model.records import Claim
from ..rules import assessment as R
from .body import find_unnegated
from .cues import lexicon
from .detected import Detected

if TYPE_CHECKING:
    from .context import SetContext


def publication_bias(claim: Claim, ctx: SetContext) -> Detected | None:
    cue = suspected_publication_bias(claim.text)
    if cue:
        return Detected(R.PUBLICATION_BIAS.code, f"'{cue}' in the claim", ("text",))
    for i, key in enumerate(claim.evidence.sources):
        found = ctx.entry_unnegated("publication_bias*", key)
        if found is not None:
            name, cue = found
            where = ("evidence", "sources", i)
            return Detected(R.PUBLICATION_BIAS.code, f"'{cue}' in {key}: its {name}", where)
    return None


def suspected_publication_bias(text: str) -> str | None:
    """A cue of publication bias in ``text``; the bare words "publication bias" count only
    with a word saying it is suspected nearby."""
    cue = find_unnegated("publication_bias", text)
    if cue and cue.lower() == "publication bias":
        at = text.lower().find("publication bias")
        window = text[max(0, at - 40) : at + 60]
        if not lexicon("publication_bias_suspected_words").find(window):
            return None
    return cue
