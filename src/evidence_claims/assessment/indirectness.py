"""GRADE's indirectness: of the intervention, of the outcome (a surrogate, or patient outcomes
claimed from test accuracy), of the population (groups of people other than those studied),
or stated in words when nothing more specific was found (GRADE guidelines 8).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

from ..io.pattern_store import assessment_pattern
from ..model.records import Claim
from ..rules import assessment as R
from .body import cue_in
from .cues import _data, lexicon, words_in
from .detected import Detected
from .passages import first_match

if TYPE_CHECKING:
    from .context import SetContext


@cache
def _groups() -> tuple[tuple[str, re.Pattern[str], frozenset[str] | None], ...]:
    """(name, pattern, first words) of each population group."""
    from .cues import compile_phrases, first_words

    spec = _data().get("population_groups") or {}
    out = []
    for name, words in spec.items():
        phrases = [str(w) for w in words]
        out.append((name, compile_phrases(phrases), first_words(phrases)))
    return tuple(out)


def groups_in(text: str) -> set[str]:
    """The population groups named in ``text``."""
    lowered = text.lower()
    words = words_in(lowered)
    return {
        name
        for name, pattern, first in _groups()
        if (first is None or not first.isdisjoint(words)) and pattern.search(lowered)
    }


def indirectness(claim: Claim, ctx: SetContext) -> Iterator[Detected]:
    found = cue_in("intervention_indirect", claim, ctx)
    specific = bool(found)
    if found:
        yield Detected(R.INTERVENTION.code, *found)
    found = cue_in("surrogate", claim, ctx)
    if found:
        specific = True
        yield Detected(R.SURROGATE.code, *found)
    else:
        diagnostic = claim.evidence.type == "diagnostic_accuracy" or (
            "diagnostic" in ctx.body(claim).designs()
        )
        outcome = (
            lexicon("patient_outcomes").find(claim.text, ctx.lowered(claim)) if diagnostic else None
        )
        if outcome:
            specific = True
            yield Detected(
                R.SURROGATE.code,
                f"'{outcome}' in the claim, but the evidence is test accuracy",
                ("text",),
            )
    population = _other_population(claim, ctx)
    if population:
        specific = True
        yield population
    if not specific:
        # indirectness stated in words, when nothing more specific was found (GRADE
        # guidelines 8: one judgement for the domain)
        found = cue_in("indirectness_reported", claim, ctx) or first_match(
            _GENERALISABILITY, ("generali",), claim, ctx
        )
        if found:
            yield Detected(R.STATED_INDIRECTNESS.code, *found)


_GENERALISABILITY = assessment_pattern(
    # applicability, GRADE guidelines 8's name for indirectness of population and intervention,
    # said as limited generalisability: "generalizability of results may be limited",
    # "uncertainty with generalisability of population or outcomes" (Atkins et al. 2004, BMJ
    # 328:1490, Table 1: "some uncertainty about directness")
    r"\b(?:limited|uncertain|unclear|questionable|restricted|poor|uncertainty\s+(?:with|about|of|in)|"
    r"concerns?\s+(?:with|about|over))\s+(?:the\s+)?generali[sz]ability\b"
    r"|\bgenerali[sz]ability\s+(?:of\s+(?:the\s+)?(?:results|findings|evidence)\s+)?"
    r"(?:may\s+be|might\s+be|could\s+be|is|was|are|were)\s+(?:limited|uncertain|unclear|"
    r"questionable|restricted)",
    re.IGNORECASE,
)


def _other_population(claim: Claim, ctx: SetContext) -> Detected | None:
    """The claim names groups of people and its entries name only other groups."""
    claimed = groups_in(ctx.lowered(claim))
    if not claimed or not claim.evidence.sources:
        return None
    studied: set[str] = set()
    for key in claim.evidence.sources:
        studied |= ctx.entry_groups(key)
    if "pregnancy" in studied:
        # a trial in pregnancy studies the offspring too: birth weight or a child's growth after
        # a supplement in pregnancy is that trial's own outcome, measured in the population it
        # randomized, not evidence carried over to another population (GRADE guidelines 8,
        # Guyatt et al. 2011: indirectness is a population other than the one studied)
        studied.add("children")
    if studied and not (claimed & studied):
        return Detected(
            R.POPULATION.code,
            f"the claim is about {', '.join(sorted(claimed))}; the cited evidence studied "
            f"{', '.join(sorted(studied))}",
            ("evidence", "sources"),
        )
