"""GRADE-style certainty for one claim: a starting level, then reasons that move it.

GRADE (Balshem et al. 2011, GRADE guidelines 3) rates a *body of evidence for one outcome*:
randomized trials start high and observational studies low; the rating goes down one level for
a serious and two for a very serious concern in each of five domains (risk of bias,
inconsistency, indirectness, imprecision, publication bias), and up for a large effect, a
dose-response gradient or confounding that would have reduced the effect.

This module applies the same arithmetic to the evidence one claim cites. The result is a
*suggestion* with its reasons shown, never a verdict: a reader sees every step and can
disagree. The rules of the arithmetic, all visible in each reason's ``effect``:

- the start is the source type's starting level (``taxonomy.yaml``); a claim whose type has none,
  or that is a question or a remark about the text (``meta``), is ``ungraded``;
- within one domain the first concern rates down one level and a second, different concern a
  second level (two distinct concerns = very serious); a concern the text itself calls very
  serious (``*.very_serious``: "very serious risk of bias", "downgraded two levels for
  imprecision") takes both levels at once; further concerns in that domain are
  listed with effect 0, as GRADE never rates one domain down by more than two;
- the grade never goes below very low; a concern that would is listed with effect 0;
- rating up comes from ``upgrade.*`` caveats, recorded in the claim file or detected (the
  detectors offer them for observational evidence only); a large effect is applied only when
  no domain rated the evidence down (GRADE guidelines 9: from methodologically rigorous
  studies), a dose-response gradient and confounding that would reduce the effect also beside
  a downgrade when the claim or the curator states them, not only a cited entry (see
  ``NEEDS_RIGOUR``);
- ``design.*`` reasons say why the start is where it is (e.g. a review of cohort studies starts
  low); they never move the grade themselves;
- a ``stated.*`` caveat (the claim's own words give its evidence a GRADE certainty, GRADE
  guidelines 26) caps the grade at that level after every domain and upgrade; it never raises;
- caveats about attribution and wording are listed with effect 0: they describe how the claim
  is stated, not how strong its evidence is.

So ``start + sum(effects) == certainty`` always holds, which the tests check.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..model.frozen import fast_init
from ..model.report import Reason
from ..model.taxonomy import CERTAINTY_LEVELS
from ..rules.assessment import (
    DOMAINS,
    GRADING_DOMAINS,
    LARGE_EFFECT,
    STATED_LEVELS,
    VERY_LARGE_EFFECT,
    VERY_SERIOUS_CODES,
    caveat_rule,
)

# Weakest first, so that a level's index is its number of "pluses" minus one.
LEVELS: tuple[str, ...] = tuple(reversed(CERTAINTY_LEVELS))
UNGRADED = "ungraded"
SYMBOLS: dict[str, str] = {
    "high": "⊕⊕⊕⊕",
    "moderate": "⊕⊕⊕◯",
    "low": "⊕⊕◯◯",
    "very_low": "⊕◯◯◯",
    UNGRADED: "—",
}
WORDS: dict[str, str] = {
    "high": "high",
    "moderate": "moderate",
    "low": "low",
    "very_low": "very low",
    UNGRADED: "ungraded",
}
MAX_PER_DOMAIN = 2
MAX_UP = 2
NEEDS_RIGOUR = frozenset({LARGE_EFFECT.code, VERY_LARGE_EFFECT.code})
"""Upgrades GRADE grants only to methodologically rigorous evidence: a large or very large effect
(Guyatt et al. 2011, GRADE guidelines 9, J Clin Epidemiol 64:1311, abstract: "when
methodologically rigorous observational studies show at least a two-fold reduction or
increase in risk"), so not once a domain is rated down. A dose-response gradient (GRADE
guidance 38, 2023: rated up one level when the gradient is credible) and confounding that
would reduce the effect are weighed on their own and still rate up beside a downgrade."""


@fast_init
@dataclass(frozen=True, slots=True)
class Applied:
    """A caveat that applies to a claim: recorded in the file, or detected by the engine."""

    code: str
    note: str
    origin: str  # "recorded" | "detected"
    # read in a cited entry rather than the claim's words or the curator's file: an entry's
    # title or abstract speaks of the whole review ("a dose-response meta-analysis"), not of
    # this outcome, so an upgrade read there does not rate up evidence rated down
    from_entry: bool = False


def level(certainty: str) -> int:
    """0 for very low ... 3 for high."""
    return LEVELS.index(certainty)


def domain_of(code: str) -> str:
    rule = caveat_rule(code)
    return rule.domain if rule is not None else "check"


_RANK = {d: i for i, d in enumerate(DOMAINS)}  # built once, not per claim
_PLACES: dict[str, tuple[str, int]] = {}


def _place(code: str) -> tuple[str, int]:
    """(domain, rank of the domain) of a code; remembered for the catalogue's caveat codes."""
    found = _PLACES.get(code)
    if found is None:
        domain = domain_of(code)
        found = (domain, _RANK.get(domain, len(_RANK)))
        if caveat_rule(code) is not None:
            _PLACES[code] = found
    return found


def _order(caveats: Iterable[Applied]) -> list[Applied]:
    # sorted() is stable: caveats of one domain keep their order
    return sorted(caveats, key=lambda c: _place(c.code)[1])


_GRADES: dict[tuple, tuple[str, tuple[Reason, ...]]] = {}
_GRADES_KEPT = 4096


def grade(
    start: str | None, caveats: Iterable[Applied], stated: tuple[tuple[str, int], ...] = ()
) -> tuple[str, tuple[Reason, ...]]:
    """The suggested certainty and its reasons, in GRADE's domain order.

    ``stated``: (domain, levels) of each domain the claim says its evidence was rated down for
    (:func:`.compose.rated_down_in_words`). When given, it is the authors' list of reasons, read
    as complete: a detected concern in a domain it does not name, or beyond the levels it gives
    a domain, is listed with effect 0 (no double counting). Recorded caveats always count.

    A pure function of its arguments, remembered for the last few thousand: claims of a set
    share their start and most caveats, notes included ("source type: animal study"), so the
    same grade is asked again and again (the reasons are frozen, so sharing them is safe)."""
    key = (start, stated, *caveats)
    found = _GRADES.get(key)
    if found is None:
        if len(_GRADES) >= _GRADES_KEPT:
            _GRADES.clear()
        found = _GRADES[key] = _grade(start, key[2:], dict(stated) if stated else None)
    return found


def _grade(
    start: str | None, caveats: Iterable[Applied], stated: dict[str, int] | None = None
) -> tuple[str, tuple[Reason, ...]]:
    ordered = _order(caveats)
    if start is None:
        return UNGRADED, tuple(Reason(c.code, 0, c.note or "not graded", c.origin) for c in ordered)
    current = level(start)
    per_domain: dict[str, set[str]] = {}
    used: dict[str, int] = {}  # levels each domain has taken
    domains = [_place(c.code)[0] for c in ordered]
    rated_down = any(d in GRADING_DOMAINS for d in domains)
    up = 0
    reasons: list[Reason] = []
    for caveat, domain in zip(ordered, domains, strict=True):
        note = caveat.note
        effect = 0
        if domain in GRADING_DOMAINS:
            codes = per_domain.setdefault(domain, set())
            taken = used.get(domain, 0)
            limit = MAX_PER_DOMAIN
            if stated is not None and caveat.origin == "detected":
                limit = min(limit, stated.get(domain, 0))
            if caveat.code in codes:
                note = _join(note, "already counted")
            elif taken >= limit and stated is not None and caveat.origin == "detected":
                note = _join(note, _beyond_stated(domain, stated))
            elif taken >= MAX_PER_DOMAIN:
                note = _join(note, f"{domain.replace('_', ' ')} already rated down two levels")
            else:
                codes.add(caveat.code)
                # a concern stated as very serious takes two levels at once; a concern found
                # at very low still counts towards the domain's two
                weight = 2 if caveat.code in VERY_SERIOUS_CODES else 1
                used[domain] = taken + min(weight, limit - taken)
                if current == 0:
                    note = _join(note, "already very low")
                else:
                    effect = -min(weight, limit - taken, current)
        elif domain == "stated":
            # a certainty the claim's words state caps the grade (never raises it)
            cap = level(STATED_LEVELS[caveat.code])
            if cap < current:
                effect = cap - current
            else:
                note = _join(note, "the grade is not above it")
        elif domain == "upgrade":
            if rated_down and caveat.code in NEEDS_RIGOUR:
                note = _join(
                    note, "not rated up: a large effect counts only from rigorous evidence"
                )
            elif rated_down and caveat.from_entry:
                note = _join(note, "not rated up: read in a cited entry, beside a downgrade")
            elif up >= MAX_UP or current == len(LEVELS) - 1:
                note = _join(note, "no higher level")
            else:
                effect = 1
                up += 1
        current += effect
        reasons.append(Reason(caveat.code, effect, note, caveat.origin))
    return LEVELS[current], tuple(reasons)


def _beyond_stated(domain: str, stated: dict[str, int]) -> str:
    """Why a detected concern does not move a grade whose reasons the claim states."""
    name = domain.replace("_", " ")
    levels = stated.get(domain, 0)
    if levels == 0:
        return f"not among the reasons the claim gives for its rating ({name} not rated down)"
    return f"the claim rates {name} down {'one level' if levels == 1 else 'two levels'}"


def _join(note: str, extra: str) -> str:
    return f"{note}; {extra}" if note else extra


def symbol(certainty: str) -> str:
    return SYMBOLS.get(certainty, "?")


def word(certainty: str) -> str:
    return WORDS.get(certainty, certainty)
