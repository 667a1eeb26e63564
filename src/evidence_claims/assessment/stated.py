"""What a claim's own words say about its certainty: "low-certainty evidence", "very serious
imprecision", "downgraded two levels for risk of bias".

Only the claim's text is read: an entry's abstract rates other outcomes too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..io.pattern_store import assessment_pattern
from ..model.records import Claim
from ..rules import assessment as R
from .body import may_hold, negation
from .detected import Detected

_DOMAIN_WORDS = (
    r"(risk\s+of\s+bias|(?:study\s+)?limitations|inconsistency|heterogeneity|indirectness|"
    r"imprecision)"
)
_VERY_SERIOUS = assessment_pattern(
    # "very serious imprecision", "very serious risk of bias"
    r"\bvery\s+serious\s+"
    + _DOMAIN_WORDS
    # "downgraded two levels for imprecision", "rated down twice because of risk of bias"
    + r"|\b(?:downgraded|rated\s+down)\s+(?:by\s+)?(?:two\s+levels|twice|2\s+levels)\s+"
    + r"(?:for|because\s+of|due\s+to)\s+"
    + _DOMAIN_WORDS
    + r"\b"
    # "the results were very inconsistent", "very heterogeneous results": GRADE guidelines 7
    # (Guyatt et al. 2011, J Clin Epidemiol 64:1294) words for a very serious inconsistency
    + r"|\bvery\s+(inconsistent|heterogeneous)\b",
    re.IGNORECASE,
)
_VERY_SERIOUS_WORDS = ("serious", "down", "very")  # "very serious", "downgraded", "very ..."
_VERY_SERIOUS_CODE = {
    "risk": R.VERY_SERIOUS_RISK_OF_BIAS.code,
    "limitations": R.VERY_SERIOUS_RISK_OF_BIAS.code,
    "study": R.VERY_SERIOUS_RISK_OF_BIAS.code,
    "inconsistency": R.VERY_SERIOUS_INCONSISTENCY.code,
    "heterogeneity": R.VERY_SERIOUS_INCONSISTENCY.code,
    "indirectness": R.VERY_SERIOUS_INDIRECTNESS.code,
    "imprecision": R.VERY_SERIOUS_IMPRECISION.code,
    "inconsistent": R.VERY_SERIOUS_INCONSISTENCY.code,
    "heterogeneous": R.VERY_SERIOUS_INCONSISTENCY.code,
}


def very_serious(claim: Claim) -> Iterator[Detected]:
    """Concerns the claim's own words call very serious, one per domain (GRADE: a very serious
    concern rates down two levels). Only the claim's text, not negated just before."""
    if not may_hold(claim.text, _VERY_SERIOUS_WORDS):
        return
    seen: set[str] = set()
    lowered = claim.text.lower()
    for match in _VERY_SERIOUS.finditer(claim.text):
        before = lowered[max(0, match.start() - 40) : match.start()]
        if negation().search(before):
            continue
        words = next(g for g in match.groups() if g)
        code = _VERY_SERIOUS_CODE[words.split()[0].lower()]
        if code not in seen:
            seen.add(code)
            yield Detected(code, f"'{match.group(0)}' in the claim", ("text",))


_LEVEL = r"(very[\s-]+low|low|moderate)"
_STATED = assessment_pattern(
    # "low-certainty evidence", "moderate quality evidence", "very low certainty of evidence"
    r"\b"
    + _LEVEL
    + r"[\s-]+(?:certainty|quality)\s+(?:of\s+(?:the\s+)?)?evidence\b"
    # "evidence of low certainty"
    + r"|\bevidence\s+(?:of|with)\s+"
    + _LEVEL
    + r"\s+(?:certainty|quality)\b"
    # "the certainty of the evidence was rated low"
    + r"|\b(?:certainty|quality)\s+of\s+(?:the\s+)?evidence\s+(?:was|is|were|as)\s+"
    + r"(?:(?:rated|judged|graded|considered)\s+(?:as\s+)?)?"
    + _LEVEL
    + r"\b"
    # GRADE's informative statement for very low certainty: "the evidence is very uncertain",
    # "whether it helps is very uncertain" (GRADE guidelines 26)
    + r"|\b(?:is|was|remains|are)\s+(very\s+uncertain)\b",
    re.IGNORECASE,
)
_STATED_WORDS = ("evidence", "uncertain")  # every branch of _STATED holds one
_STATED_CODE = {
    "moderate": R.STATED_MODERATE.code,
    "low": R.STATED_LOW.code,
    "very_low": R.STATED_VERY_LOW.code,
}


def stated_certainty(claim: Claim) -> Detected | None:
    """The lowest GRADE certainty the claim's own words state for its evidence, if any
    (Santesso et al. 2020, GRADE guidelines 26: "low-certainty evidence", "the evidence is
    very uncertain"). Only the claim's text: an entry's abstract rates other outcomes too."""
    if not may_hold(claim.text, _STATED_WORDS):
        return None
    found: list[tuple[int, str]] = []
    for match in _STATED.finditer(claim.text):
        words = next(g for g in match.groups() if g)
        name = "very_low" if words.lower().startswith("very") else words.lower()
        found.append((("very_low", "low", "moderate").index(name), match.group(0)))
    if not found:
        return None
    rank, words = min(found)
    name = ("very_low", "low", "moderate")[rank]
    return Detected(_STATED_CODE[name], f"'{words}' in the claim", ("text",))
