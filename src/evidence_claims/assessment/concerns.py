"""The GRADE concerns that rate a body of evidence down, read from a claim and its entries.

Imprecision from the interval and the size of the body (Guyatt et al. 2011, GRADE guidelines
6; Zeng et al. 2022, GRADE guidance 34) and inconsistency from I² and disagreeing sources are
judged here; study limitations (:mod:`.risk_of_bias`), publication bias
(:mod:`.publication_bias`) and indirectness of intervention, outcome or population
(:mod:`.indirectness`) have a module each and are named here too, so that the detectors find
every concern in one place. Each returns :class:`Detected` caveats whose detail quotes the
words or numbers they came from; what the body of evidence is (counts, designs, estimates)
comes from :mod:`.body`.

Imprecision and inconsistency stay in this module with the thresholds they read:
benchmarks/grade_loro.py tries other values by setting them on this module, which a function
in another module would not see.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..io.pattern_store import assessment_pattern
from ..model.records import Claim
from ..rules import assessment as R
from .body import Reading, claim_and_entry_texts, cue_in, negation
from .cues import lexicon
from .detected import Detected
from .diagnostic import accuracy_interval, accuracy_spread
from .estimates import (
    Effect,
    disjoint_study_estimates,
    optimal_information_size,
    same_estimate,
)
from .indirectness import groups_in, indirectness
from .passages import first_match
from .publication_bias import publication_bias, suspected_publication_bias
from .risk_of_bias import risk_of_bias

if TYPE_CHECKING:
    from .context import SetContext

__all__ = [
    "groups_in",
    "imprecision",
    "inconsistency",
    "indirectness",
    "publication_bias",
    "risk_of_bias",
    "stated_imprecision",
    "suspected_publication_bias",
]

RATIO_BENEFIT = 0.75
RATIO_HARM = 1.25
"""GRADE's default thresholds of an appreciable effect: a 25% relative risk reduction or
increase (Guyatt et al. 2011, GRADE guidelines 6, J Clin Epidemiol 64:1283, abstract: "we
suggest an RR of under 0.75 or over 1.25 as a rough guide"). An interval across no effect that
reaches one of them is serious imprecision; one that reaches both, very serious (GRADE guidance
34, Zeng et al. 2022, J Clin Epidemiol 150:216: "when a CI appreciably crosses the threshold(s)
of interest, one should consider rating down two or three levels"). Three levels are not
used: a domain takes at most two here, and review authors rate intervals as wide as RR 0.27 to
4.05 down two levels (benchmarks/grade, dev item 014). The log-symmetric 0.80 gains one dev
item, which leave-one-review-out does not keep (benchmarks/grade_loro.py)."""
SMD_LARGE = 0.8
"""A large effect in standard deviation units (Cohen's 0.8). An SMD interval that runs from no
effect past a large effect crosses the threshold of an appreciable effect (0.5) by far: very
serious imprecision, as GRADE guidance 34 allows ("when a CI appreciably crosses the
threshold(s) of interest, one should consider rating down two or three levels"). The same
reading for ratios, with GRADE guidelines 9's large effect (RR < 0.5 or > 2), was measured
and not kept: it moved a held-out check item of the development half away from its authors'
rating (benchmarks/grade/README.md, round 12)."""
APPRECIABLE_MARGIN = 0.9
"""How far past a threshold (as a factor on the ratio scale: 0.75 x 0.9, 1.25 / 0.9) an interval
must reach to cross it *appreciably*. GRADE guidance 34 (Zeng et al. 2022) rates down two levels
"when a CI appreciably crosses the threshold(s)"; an interval that reaches one threshold only
just (RR 0.58 to 1.27, a harm bound two hundredths past 1.25) crosses it, but not appreciably,
and is one level, as GRADE guidelines 6 rates an interval that includes no effect and an
appreciable effect on one side."""
SMD_APPRECIABLE = 0.5
"""Half a standard deviation, the usual minimal important difference (Norman et al. 2003, Med
Care 41:582). Cohen's "small" 0.2 agrees as often on the whole dev half (one item gained, one
lost) and less often leave-one-review-out (benchmarks/grade_loro.py)."""
PROPORTION_HALF_WIDTH = 10.0
"""Percentage points either side of a sensitivity or specificity beyond which the interval is
wide enough to change a decision (a stand-in for GRADE guidelines 21's thresholds)."""
OIS_PARTICIPANTS = 400
"""Fewer people than this in the whole body of evidence is imprecise: the rule of thumb for the
optimal information size of continuous outcomes, as used in published GRADE assessments
("sample size <400 within the meta-analysis"). For binary outcomes the optimal information
size is computed from the risk when the text gives one (:func:`_short_of_ois`; alpha 0.05,
power 0.80, a 25% relative reduction, as the KCE process book's GRADE chapter 5.5.4 sets out);
an events threshold ("fewer than 300 events") was not found in a readable copy of the guidance
and is not used."""
SINGLE_STUDY_VERY_SMALL = 100
"""One study of fewer people than this is very serious imprecision. GRADE guidance 34 (Zeng et
al. 2022) rates down more than one level when the body is "far less than the OIS"; a single
study of under a quarter of the 400 is where this project draws "far"."""
I2_SUBSTANTIAL = 50.0
"""I² from which heterogeneity counts as substantial (Cochrane Handbook: 50-90%)."""
I2_CONSIDERABLE = 75.0
"""I² from which the Cochrane Handbook (section 10.10.2) calls heterogeneity considerable
(75-100%). It is named in the reason but takes no second level: GRADE guidelines 7 (Guyatt et
al. 2011, J Clin Epidemiol 64:1294) judges inconsistency on the point estimates, the overlap of
the intervals and I² together, and on the development half (benchmarks/grade) review authors
rated every body with an I² above 75% down one level for inconsistency or not at all, never
two."""


def _i2_band(value: float) -> str:
    """The Cochrane Handbook's name for an I² of ``value`` or more than 50%, for the reason."""
    if value >= I2_CONSIDERABLE:
        return " (considerable heterogeneity: 75-100%, Cochrane Handbook 10.10.2)"
    return " (substantial heterogeneity: 50-90%, Cochrane Handbook 10.10.2)"


# --- the concerns ----------------------------------------------------------------------------
def _ci_severity(effect: Effect) -> tuple[int, str, str | None]:
    """(0, 1 or 2, why, the code of the second reason a severity of 2 adds) for one
    estimate's interval."""
    low, high = effect.low, effect.high
    if effect.kind == "proportion":
        half = (high - low) / 2
        scale = 100.0 if high > 1.0 else 1.0
        if half * (100.0 / scale) > PROPORTION_HALF_WIDTH:
            why = f"{effect}: an interval wider than {PROPORTION_HALF_WIDTH:g} points each side"
            return 1, why, None
        return 0, "", None
    if not effect.includes_null():
        return 0, "", None
    if effect.kind == "ratio":
        benefit, harm = low <= RATIO_BENEFIT, high >= RATIO_HARM
        far = low <= RATIO_BENEFIT * APPRECIABLE_MARGIN and high >= RATIO_HARM / APPRECIABLE_MARGIN
        large = False  # see SMD_LARGE
    elif effect.measure == "SMD":
        benefit, harm = low <= -SMD_APPRECIABLE, high >= SMD_APPRECIABLE
        far = min(-low, high) >= SMD_APPRECIABLE / APPRECIABLE_MARGIN
        large = max(-low, high) >= SMD_LARGE
    else:  # a difference in units we cannot judge: any interval across 0 is imprecise
        return 1, f"{effect} includes no effect", None
    if benefit and harm and far:
        why = f"{effect} includes no effect and reaches appreciable effects on both sides"
        return 2, why, R.BENEFIT_AND_HARM.code
    if large:
        why = f"{effect} runs from no effect past a large effect ({SMD_LARGE:g} SD)"
        return 2, why, R.TO_LARGE_EFFECT.code
    if benefit or harm:
        return 1, f"{effect} includes no effect and reaches an appreciable one", None
    return 0, "", None


def imprecision(
    claim: Claim,
    ctx: SetContext,
    counted: int = 0,
    counted_detail: str = "",
    counted_where: tuple[str | int, ...] = ("text",),
) -> list[Detected]:
    """GRADE's single imprecision judgement from the interval and the size of the body.

    ``counted`` is the participant count the word-list detector of :mod:`.detect` found (with
    its detail and field), so that both readers agree on one number.
    """
    body = ctx.body(claim)
    accuracy = ctx.is_accuracy(claim)
    found = (accuracy_interval(body) if accuracy else None) or body.effect()
    ci_sev, ci_why, second = _ci_severity(found[0]) if found else (0, "", None)
    if found and ci_sev:
        ci_why = f"{ci_why} ({found[1]})" if found[1] != "in the claim" else ci_why
    people = body.people()
    if counted and (people is None or counted >= people[0]):
        n, size_why, where_n = counted, counted_detail, counted_where
    elif people:
        n = people[0]
        size_why = f"{n} participants in all ({people[1]}), fewer than {OIS_PARTICIPANTS}"
        where_n = ("text",) if people[1].endswith("in the claim") else ("evidence", "sources")
    else:
        n, size_why, where_n = 0, "", ("text",)
    single = body.single_study()
    if (
        single is None
        and claim.evidence.type in ("clinical_trial", "diagnostic_accuracy")
        and not body.designs()
        and len(claim.evidence.sources) <= 1
    ):
        single = "one study"
    size_sev = 0
    if claim.evidence.type != "anecdotal_report" and 0 < n < OIS_PARTICIPANTS:
        size_sev = 2 if single and n < SINGLE_STUDY_VERY_SMALL else 1
    where_ci: tuple[str | int, ...] = (
        ("text",) if found and found[1] == "in the claim" else ("evidence", "sources")
    )
    out: list[Detected] = []
    if ci_sev and ci_sev >= size_sev:
        extra = f"; {size_why}" if size_sev else ""
        code = R.WIDE_INTERVAL.code if found and found[0].kind == "proportion" else None
        out.append(Detected(code or R.CI_INCLUDES_NULL.code, ci_why + extra, where_ci))
        if second is not None:
            out.append(Detected(second, ci_why, where_ci))
    elif size_sev:
        extra = f"; and {ci_why}" if ci_sev else ""
        out.append(Detected(R.SMALL_SAMPLE.code, size_why + extra, where_n))
        if size_sev == 2:
            out.append(Detected(R.SINGLE_SMALL_STUDY.code, f"{single}; {size_why}", where_n))
    elif found and n and found[0].kind == "ratio" and not found[0].includes_null():
        short = _short_of_ois(n, body.risk())
        if short:
            out.append(Detected(R.OIS_NOT_MET.code, short, where_n))
    return out


def _short_of_ois(n: int, risk: tuple[float, str] | None) -> str | None:
    """Why ``n`` participants fall short of the optimal information size for a binary outcome
    whose risk is known, or None (GRADE guidelines 6: an interval that excludes no effect is
    precise only when the body also reaches the optimal information size)."""
    if risk is None:
        return None
    ois = optimal_information_size(risk[0])
    if ois is None or n >= ois:
        return None
    return (
        f"{n} participants, fewer than the {ois} an adequately powered trial would need for a "
        f"risk of {risk[0]:.1%} ({risk[1]}) and a 25% relative reduction"
    )


def inconsistency(claim: Claim, ctx: SetContext) -> Detected | None:
    """Heterogeneity read from I² or words; ``inconsistency.explained`` instead when the claim
    or its entries say a subgroup analysis or meta-regression explained it (GRADE guidelines 7:
    only unexplained heterogeneity rates down)."""
    found: tuple[str, tuple] | None = None
    body = ctx.body(claim)
    own = body.own.effects
    for where, reading in body.readings():
        for index, (value, words) in enumerate(reading.i2):
            if where != "in the claim" and not _of_this_outcome(reading, index, own):
                continue
            if value >= I2_SUBSTANTIAL and found is None:
                place = ("text",) if where == "in the claim" else ("evidence", "sources")
                found = (f"'{words}' {where}{_i2_band(value)}", place)
    if found is None:
        pair = disjoint_study_estimates(claim.text, own)  # own: effects(claim.text), read once
        if pair is not None:
            found = (
                f"{pair[0]} and {pair[1]} in the claim: intervals that do not overlap",
                ("text",),
            )
    if found is None:
        found = cue_in("heterogeneity", claim, ctx)
    if found is None and ctx.is_accuracy(claim):
        found = accuracy_spread(claim, ctx)
    if found is None:
        return None
    explained = _explained(claim, ctx)
    if explained:
        return Detected(R.HETEROGENEITY_EXPLAINED.code, f"{found[0]}; {explained[0]}", found[1])
    return Detected(R.HETEROGENEITY.code, *found)


def _of_this_outcome(reading: Reading, index: int, own: tuple[Effect, ...]) -> bool:
    """Whether an entry's I² can be the claim's outcome's. GRADE judges inconsistency per
    outcome (Guyatt et al. 2011, GRADE guidelines 7): when an entry reports several estimates,
    each I² written after one of them belongs to that estimate, and speaks of the claim only
    when the claim reports the same estimate. An entry with one estimate, or an I² written
    before any estimate, is read as before (it may describe the whole body)."""
    if index >= len(reading.i2_of):
        return True
    owner = reading.i2_of[index]
    if owner is None:
        return True
    return any(same_estimate(owner, effect) for effect in own)


_PARTLY = assessment_pattern(
    r"(?:partly|partially|in\s+part|only\s+some|somewhat)\W+(?:\w+\W+){0,2}$"
)


def _explained(claim: Claim, ctx: SetContext) -> tuple[str, tuple] | None:
    """(detail, where) of words saying the heterogeneity was fully explained, if any."""
    lex = lexicon("heterogeneity_explained")
    for where, text, place in claim_and_entry_texts(claim, ctx):
        lowered = text.lower()
        if not lex.may_match(lowered):
            continue
        for match in lex.pattern.finditer(lowered):
            before = lowered[max(0, match.start() - 40) : match.start()]
            if negation().search(before) or _PARTLY.search(before):
                continue
            return f"'{lowered[match.start() : match.end()]}' {where}", place
    return None


def stated_imprecision(claim: Claim, ctx: SetContext) -> Detected | None:
    """Imprecision the claim or its entries state in words ("the results were imprecise",
    "wide confidence intervals", "few events"), when the numbers did not show it."""
    found = (
        cue_in("imprecision_reported", claim, ctx)
        or first_match(_STATED_IMPRECISE, _IMPRECISE_WORDS, claim, ctx)
        or first_match(_FEWER_THAN, _FEWER_WORDS, claim, ctx, _small_bound)
    )
    return Detected(R.STATED_IMPRECISION.code, *found) if found else None


_NOT_NEGATED_GAP = r"(?:(?!\bnot\b|\bno\b|n't|\bnever\b)[^.;]){0,40}?"
_STATED_IMPRECISE = assessment_pattern(
    # an interval said in words to cross no effect or to reach appreciable effects (GRADE
    # guidelines 6): "boundaries of CI crossing the no effect line", "confidence intervals
    # across 1", "the 95% CI includes appreciable benefit or harm", "confidence intervals
    # include values favouring either treatment"; "did not cross" is not read
    r"\b(?:CIs?|confidence\s+intervals?|credible\s+intervals?)\b"
    + _NOT_NEGATED_GAP
    + r"\b(?:cross(?:es|ed|ing)?|overlap(?:s|ped|ping)?|includ(?:e|es|ed|ing)|"
    r"span(?:s|ned|ning)?|straddl(?:e|es|ed|ing)|across)\s+(?:the\s+)?"
    r"(?:line\s+of\s+no\s+(?:effect|difference)|no[- ](?:effect|difference)(?:\s+line)?|"
    r"null(?:\s+effect)?|(?:1|1\.0|0|zero|unity)(?!\d|\.\d)|both\s+(?:appreciable|important|benefit)|"
    r"appreciable|important\s+(?:benefit|harm)|values\s+favou?ring)"
    # the optimal information size not reached (GRADE guidelines 6): "the optimal information
    # size criterion is not met", "did not reach the OIS"
     + r"|\b(?:optimal\s+information\s+size|OIS)(?:\s+(?:criterion|criteria))?\s+"
    r"(?:(?:was|is|were|has\s+been)\s+)?(?:not|never)\s+(?:met|reached|achieved|fulfill?ed|attained)"
    + r"|\b(?:did|does|do|was|were)\s+not\s+(?:meet|reach|achieve|fulfill?|attain)\s+(?:the\s+)?"
    r"(?:optimal\s+information\s+size|OIS)\b"
    + r"|\bfail(?:ed|s)?\s+to\s+(?:meet|reach|achieve)\s+(?:the\s+)?"
    r"(?:optimal\s+information\s+size|OIS)\b",
    re.IGNORECASE,
)
_IMPRECISE_WORDS = ("ci", "interval", "ois", "optimal information")
_FEWER_THAN = assessment_pattern(
    # a body said to be smaller than a size: "<400 participants for each outcome", "sample size
    # <400 within the meta-analysis", "fewer than 200 patients"
    r"(?:<|\u2264|\bfewer\s+than|\bless\s+than|\bbelow|\bunder)\s*(?P<n>\d[\d,]*)\s*"
    r"(?:participants|patients|people|subjects|individuals|women|men|children|adults|infants)\b"
    r"|\bsample\s+sizes?\s*(?:(?:was|were|is|of)\s+)?(?:<|\u2264|fewer\s+than|less\s+than|below|under)"
    r"\s*(?P<m>\d[\d,]*)",
    re.IGNORECASE,
)
_FEWER_WORDS = ("<", "\u2264", "fewer", "less", "below", "under")


def _small_bound(match: re.Match[str]) -> bool:
    """The bound is at or under the optimal information size of continuous outcomes."""
    digits = (match.group("n") or match.group("m") or "").replace(",", "")
    return digits.isdigit() and 0 < int(digits) <= OIS_PARTICIPANTS
