"""GRADE's risk of bias (study limitations), read from what the claim and its entries say.

Nothing is inferred from silence: only stated limitations, few studies at low risk of bias,
or most of the evidence at high or unclear risk rate this domain down (GRADE guidelines 4).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..io.pattern_store import assessment_pattern
from ..model.records import Claim
from ..rules import assessment as R
from . import compose as K
from .body import claim_and_entry_texts, cue_in, may_hold
from .cues import lexicon
from .detected import Detected
from .diagnostic import accuracy_limitation
from .passages import first_match

if TYPE_CHECKING:
    from .context import SetContext


def risk_of_bias(claim: Claim, ctx: SetContext) -> Detected | None:
    """Study limitations the claim or its entries state, or few studies at low risk of bias.

    Nothing is inferred when the text says nothing about risk of bias: GRADE rates down when
    "most of the relevant evidence comes from studies that suffer from a high risk of bias"
    (Guyatt et al. 2011, GRADE guidelines 4, J Clin Epidemiol 64:407), and evidence mostly from
    studies at low or unclear risk is rated down only on a judgement that the limitations are
    likely to lower confidence (Cochrane Handbook 5.1, Table 12.2.d). A body whose risk of bias
    is not described keeps its start here; the curator records a limitation the text omits."""
    if claim.evidence.type == "anecdotal_report":
        return None  # risk_of_bias.self_report says it already
    found = (
        cue_in("risk_of_bias_reported", claim, ctx)
        or _few_at_low_risk(claim, ctx)
        or first_match(_MOST_AT_RISK, _BIAS_OR_SAFEGUARD, claim, ctx)
        or (accuracy_limitation(claim, ctx) if ctx.is_accuracy(claim) else None)
    )
    if found:
        return Detected(R.REPORTED_LIMITATIONS.code, *found)
    unblinded = _unblinded_subjective(claim, ctx)
    return Detected(R.UNBLINDED_SUBJECTIVE.code, *unblinded) if unblinded else None


_BLINDING_SAID = assessment_pattern(
    r"\b(?:(?:double|single|assessor|observer|triple)(?:-|\s+)blind(?:ed)?|blinded|masked|"
    r"low\s+risk\s+of\s+bias)\b"
)
"""Blinding or a low risk of bias said of the trials, in the claim or a cited entry (lower
case)."""

_TRIAL_TYPES = frozenset({"clinical_trial", "systematic_review"})
"""Source types whose body may be trials; other types have their own limitations."""


def _unblinded_subjective(claim: Claim, ctx: SetContext) -> tuple[str, tuple] | None:
    """(detail, where) of an intervention its participants cannot be blind to and an outcome
    they judge themselves, both named in the claim, in a body of trials whose text says
    nothing of blinding, a sham or a low risk of bias.

    GRADE guidelines 4 (Guyatt et al. 2011, J Clin Epidemiol 64:407) lists lack of blinding
    among the limitations that rate down and weighs it most for subjective outcomes; an
    exercise or psychological programme has no placebo its participants would not recognise.
    Read from the claim only: the intervention and outcome are the claim's, and a review's
    note describes many. Observational bodies are left out (they start low, and their risk of
    bias is confounding, not blinding)."""
    if claim.evidence.type not in _TRIAL_TYPES:
        return None
    lowered = ctx.lowered(claim)
    intervention = lexicon("unblindable_interventions").find(claim.text, lowered)
    if intervention is None:
        return None
    outcome = lexicon("subjective_outcomes").find(claim.text, lowered)
    if outcome is None:
        return None
    designs = ctx.body(claim).designs()
    if "observational" in designs and "randomized" not in designs:
        return None
    # a sham or placebo comparison is the claim's own; blinding or a low risk of bias may be
    # said of the trials in the cited entries too. Any judgement of risk of bias the words
    # make, either way, is the text's and comes first: the compositional reading rates the
    # domain from it ("risk-of-bias concerns"), or clears it ("attrition bias was low").
    if lexicon("blinding_kept").find(claim.text, lowered):
        return None
    for _where, text, _place in claim_and_entry_texts(claim, ctx):
        lowered_text = text.lower()
        if _BLINDING_SAID.search(lowered_text):
            return None
        if any(f.domain == "risk_of_bias" for f in K.read(text)):
            return None
        if any(domain == "risk_of_bias" for domain, _s, _e in K.cleared(text)):
            return None
    return (
        f"'{intervention}' and '{outcome}' in the claim: participants know which programme "
        "they receive and judge the outcome themselves, and nothing says the trials were "
        "blinded",
        ("text",),
    )


_NUMBER_WORD = r"(?:\d{1,4}|one|two|three|four|five|six|seven|eight|nine|ten|a\s+few|a\s+minority)"
_STUDIES = r"(?:trials|studies|rcts)"
_FEW_AT_LOW_RISK = assessment_pattern(
    # "only four of the 35 trials seemed at lower risk of bias": most of the information comes
    # from studies that are not at low risk (GRADE guidelines 4: rate down when most of the
    # evidence is at high or unclear risk of bias)
    r"\bonly\s+"
    + _NUMBER_WORD
    + r"\s+(?:of\s+(?:the\s+)?(?:\d[\d,]*\s+)?)?"
    + _STUDIES
    + r"\b[^.;]{0,40}?\b(?:at\s+)?low(?:er)?\s+risk\s+of\s+bias"
    # "in the two trials least affected by bias the effect disappeared": the effect rests on the
    # biased studies (ibid.: a sensitivity analysis restricted to low risk of bias that loses
    # the effect is a reason to rate down)
    + r"|\b(?:effect|benefit|difference)\s+(?:vanished|disappeared|was\s+lost)\b[^.;]{0,80}?"
    + r"\b(?:low(?:er)?\s+risk\s+of\s+bias|(?:less|least)\s+affected\s+by\s+bias)"
    + r"|\b(?:less|least)\s+affected\s+by\s+bias\b[^.;]{0,60}?\b(?:effect|benefit|difference)"
    + r"\s+(?:vanished|disappeared|was\s+lost)\b",
    re.IGNORECASE,
)


_BIAS = ("bias",)  # every branch of _FEW_AT_LOW_RISK names bias

_SAFEGUARD = (
    r"(?:allocation\s+concealment|concealment\s+of\s+allocation|sequence\s+generation|"
    r"randomi[sz]ation(?:\s+method)?|blinding(?:\s+of\s+(?:the\s+)?(?:outcome\s+)?"
    r"(?:assessors?|assessment|participants|personnel|patients))?)"
)
_MOST_AT_RISK = assessment_pattern(
    # "majority of studies rated as being at unclear risk of bias", "most of the trials had an
    # unclear risk of selection bias", "more than half of the studies had high or some risk of
    # bias": most of the information comes from studies at high or unclear risk (GRADE
    # guidelines 4; Cochrane Handbook 5.1, Table 12.2.d). "Both" or "two" studies at unclear
    # risk is not "most": review authors judge those case by case.
    r"\b(?:most|majority|the\s+majority|more\s+than\s+half)\s+of\s+(?:the\s+)?(?:\w+\s+)?"
    r"(?:studies|trials|rcts|evidence|information)\b[^.;]{0,50}?\b"
    # "at low or unclear risk" is Table 12.2.d's middle band, rated down only on a judgement
    r"(?<!low or )(?<!low and )(?<!low/)"
    r"(?:high|unclear|some)(?:\s+(?:or|and|/)\s+(?:high|unclear|some))?\s+(?:risk|concerns)"
    r"(?:\s+of\s+(?:\w+\s+)?bias)?"
    # a safeguard against bias that the trials did not report or did not have (GRADE
    # guidelines 4: lack of allocation concealment, lack of blinding; Cochrane Handbook 5.1,
    # Table 8.5.a: not described is "unclear risk"): "blinding of outcome assessors was not
    # reported", "unclear information regarding allocation concealment"
    + r"|\b"
    + _SAFEGUARD
    + r"\s+(?:was|were)\s+(?:not\s+reported|not\s+described|unclear|inadequate|not\s+done)"
    + r"(?:\s+in\s+(?:most|many|all))?"
    + r"|\bunclear\s+information\s+(?:regarding|about|on)\s+"
    + _SAFEGUARD,
    re.IGNORECASE,
)
_BIAS_OR_SAFEGUARD = (
    "bias",
    "risk",
    "concerns",
    "concealment",
    "generation",
    "randomization",
    "randomisation",
    "blinding",
)


def _few_at_low_risk(claim: Claim, ctx: SetContext) -> tuple[str, tuple] | None:
    """(detail, where) of words saying few studies are at low risk of bias, or that the effect
    vanished in those that are."""
    found = _few_in(claim.text)
    if found is not None:
        return f"'{found}' in the claim", ("text",)
    sources = claim.evidence.sources
    return ctx.sources_first(_few_in, sources, _few_in) if sources else None


def _few_in(text: str) -> str | None:
    match = _FEW_AT_LOW_RISK.search(text) if may_hold(text, _BIAS) else None
    return match.group(0) if match else None
