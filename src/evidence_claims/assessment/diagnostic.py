"""Test accuracy evidence, read the way GRADE for diagnostic tests reads it.

GRADE rates a body of test accuracy studies on the same domains as one of intervention studies,
with their own reading (Schünemann et al. 2008, BMJ 336:1106; GRADE guidelines 21 parts 1 and
2, Schünemann et al. 2020, J Clin Epidemiol 122:129 and 122:142):

- cross-sectional or cohort accuracy studies of patients in whom the test is meant to be used
  start high, like randomized trials; the words "cross-sectional", "cohort" or "case-control"
  name an accuracy design here, not an observational study of an effect (part 1);
- a case-control ("two-gate") accuracy design, which samples people known to have and not to
  have the target condition, is rated down for risk of bias or indirectness, not started low
  (part 1);
- risk of bias is judged with QUADAS-2 (Whiting et al. 2011, Ann Intern Med 155:529): patient
  selection, index test, reference standard, flow and timing (part 1);
- inconsistency is unexplained variation of sensitivity or specificity across studies, and
  imprecision the width of their intervals, each judged for sensitivity and specificity
  separately (part 2); a claim carries one grade, so the weaker of the two counts here.

This module only reads; :mod:`.body`, :mod:`.concerns` and :mod:`.risk_of_bias` call it for a
claim that :func:`is_accuracy_claim` recognises.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..io.pattern_store import assessment_pattern
from ..model.records import Claim
from .estimates import Effect

if TYPE_CHECKING:
    from .body import Body
    from .context import SetContext

ACCURACY_MEASURES = frozenset(
    {"sensitivity", "specificity", "PPV", "NPV", "AUC", "LR+", "LR-", "DOR"}
)
"""Measures that only a test accuracy estimate carries."""
INTERVAL_MEASURES = frozenset({"sensitivity", "specificity", "PPV", "NPV", "AUC"})
"""Proportions whose interval width is judged for imprecision."""
SPREAD_POINTS = 30.0
"""Percentage points between the lowest and highest study's sensitivity (or specificity) from
which the estimates vary widely: a stand-in for GRADE guidelines 21 part 2's judgement of
"widely varying" point estimates, which sets no number."""

_ACCURACY_WORDS = assessment_pattern(
    # the words of test accuracy, not the other senses of "sensitivity" (insulin sensitivity, a
    # sensitivity analysis): both measures named together, or accuracy named as such
    r"\bsensitivit(?:y|ies)\s+(?:and|or|&)\s+specificit(?:y|ies)\b"
    r"|\b(?:diagnostic|test)\s+accuracy\b|\bpredictive\s+values?\b|\blikelihood\s+ratios?\b",
    re.IGNORECASE,
)

_QUADAS_DOMAIN = r"(?:patient\s+selection|index\s+test|reference\s+standard|flow\s+and\s+timing)"
_QUADAS = assessment_pattern(
    # QUADAS-2 judgements in words (Whiting et al. 2011): a domain at high risk of bias
    r"\bhigh\s+risk\s+of\s+bias\s+(?:in|for|regarding|from)\s+(?:the\s+)?" + _QUADAS_DOMAIN
    + r"|\b" + _QUADAS_DOMAIN + r"\s+(?:domain\s+)?(?:was|were|is|at|had|with|showed)\s+"
    r"(?:a\s+)?(?:high|serious)\s+risk"
    # the reference standard and the flow of patients (QUADAS-2 domains 3 and 4)
    r"|\b(?:partial|differential|incomplete)\s+verification\b"
    r"|\bimperfect\s+reference\s+standards?\b"
    r"|\bnot\s+all\s+(?:participants|patients|people|children|women|men)\s+(?:received|underwent"
    r"|had)\s+(?:the\s+)?(?:same\s+)?reference\s+standard"
    # the index test read knowing the reference standard (QUADAS-2 domain 2)
    r"|\bindex\s+tests?\s+(?:results?\s+)?(?:was|were)\s+(?:interpreted|read)\s+with\s+knowledge"
    r"\s+of\s+the\s+reference",
    re.IGNORECASE,
)  # fmt: skip
_TWO_GATE = assessment_pattern(
    # GRADE guidelines 21 part 1: case-control ("two-gate") accuracy designs are a risk of
    # bias (spectrum) concern, and their population an indirect one
    r"\btwo[-\s]gate\b|\bcase[-\s]control\b",
    re.IGNORECASE,
)
_SPREAD = assessment_pattern(
    r"\b(?P<measure>sensitivit(?:y|ies)|specificit(?:y|ies))\b[^.;]{0,40}?\brang(?:ed|ing|es)\s+"
    r"(?:widely\s+)?(?:from\s+|between\s+)?(?P<low>\d{1,3}(?:\.\d+)?)\s*%?\s*(?:to|and|-|\u2013)\s*"
    r"(?P<high>\d{1,3}(?:\.\d+)?)\s*%",
    re.IGNORECASE,
)


def _texts(claim: Claim, ctx: SetContext) -> list[tuple[str, str, tuple[str | int, ...]]]:
    """(where, text, field path) of the claim and its entries' descriptive fields."""
    texts: list[tuple[str, str, tuple[str | int, ...]]] = [("in the claim", claim.text, ("text",))]
    for i, key in enumerate(claim.evidence.sources):
        texts += [
            (f"{key}: in its {name}", text, ("evidence", "sources", i))
            for name, text in ctx.entry_fields(key)
        ]
    return texts


def is_accuracy_claim(claim: Claim, ctx: SetContext) -> bool:
    """Whether the claim rests on test accuracy evidence: typed so, or its own words name test
    accuracy ("sensitivity and specificity", "diagnostic accuracy", predictive values,
    likelihood ratios), or its body holds accuracy estimates with their intervals, or its
    entries count accuracy studies."""
    if claim.evidence.type == "diagnostic_accuracy":
        return True
    if has_accuracy_words(claim.text, ctx.lowered(claim)):
        return True
    body = ctx.body(claim)
    for _where, reading in body.readings():
        if any(e.measure in ACCURACY_MEASURES for e in reading.effects):
            return True
    return "diagnostic" in body.designs()


_ACCURACY_STEMS = ("sensitivit", "accuracy", "predictive", "likelihood")
"""A word every match of ``_ACCURACY_WORDS`` holds, in lower case."""


def has_accuracy_words(text: str, lowered: str) -> bool:
    """``_ACCURACY_WORDS.search(text)`` (``lowered``: ``text.lower()``), skipped for an ASCII
    text without one of the words every match holds (:func:`.body.may_hold`): a
    case-insensitive alternation tries every position of the text, and few claims name
    test accuracy."""
    if text.isascii() and not any(stem in lowered for stem in _ACCURACY_STEMS):
        return False
    return _ACCURACY_WORDS.search(text) is not None


def accuracy_designs(designs: dict[str, tuple[int, str]]) -> dict[str, tuple[int, str]]:
    """Study counts of an accuracy body with its cross-sectional, cohort and case-control
    studies counted as accuracy studies, which start high (GRADE guidelines 21 part 1)."""
    if "observational" not in designs:
        return designs
    out = dict(designs)
    n, words = out.pop("observational")
    if n > out.get("diagnostic", (0, ""))[0]:
        out["diagnostic"] = (n, words)
    return out


def _width_points(effect: Effect) -> float:
    scale = 1.0 if effect.high > 1.0 else 100.0
    return (effect.high - effect.low) * scale


def accuracy_interval(body: Body) -> tuple[Effect, str] | None:
    """The widest sensitivity, specificity, predictive value or AUC interval: the claim's own
    when it gives any, else its entries' (GRADE guidelines 21 part 2 judges the imprecision
    of sensitivity and specificity separately; the weaker one bounds the claim)."""
    for where, reading in body.readings():
        found = [e for e in reading.effects if e.measure in INTERVAL_MEASURES]
        if found:
            return max(found, key=_width_points), where
    return None


def accuracy_limitation(claim: Claim, ctx: SetContext) -> tuple[str, tuple] | None:
    """(detail, where) of a QUADAS-2 concern or a case-control (two-gate) accuracy design the
    claim or its entries state, or None."""
    for where, text, path in _texts(claim, ctx):
        match = _QUADAS.search(text)
        if match:
            return f"'{match.group(0)}' {where} (QUADAS-2)", path
    for where, text, path in _texts(claim, ctx):
        match = _TWO_GATE.search(text)
        if match:
            return (
                f"'{match.group(0)}' {where}: a two-gate accuracy design, people sampled by "
                "whether they have the target condition",
                path,
            )
    return None


def accuracy_spread(claim: Claim, ctx: SetContext) -> tuple[str, tuple] | None:
    """(detail, where) of study estimates of sensitivity or specificity that vary widely
    ("sensitivities ranged from 42% to 100%"), or None."""
    for where, text, path in _texts(claim, ctx):
        for match in _SPREAD.finditer(text):
            low, high = float(match.group("low")), float(match.group("high"))
            if 0 <= low <= high <= 100 and high - low >= SPREAD_POINTS:
                return (
                    f"'{match.group(0)}' {where}: study estimates {high - low:g} points apart",
                    path,
                )
    return None
