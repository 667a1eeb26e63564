"""The GRADE concerns that rate a body of evidence down, read from a claim and its entries.

Imprecision from the interval and the size of the body (Guyatt et al. 2011, GRADE guidelines
6; Zeng et al. 2022, GRADE guidance 34), inconsistency from I² and disagreeing sources,
study limitations, publication bias, and indirectness of intervention, outcome or population.
Each returns :class:`Detected` caveats whose detail quotes the words or numbers they came from;
what the body of evidence is (counts, designs, estimates) comes from :mod:`.body`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import TYPE_CHECKING

from ..model.records import Claim
from ..rules import assessment as R
from .body import cue_in, find_unnegated, may_hold, negation
from .cues import _data, lexicon, words_in
from .detected import Detected
from .estimates import (
    Effect,
    optimal_information_size,
)

if TYPE_CHECKING:
    from .context import SetContext

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


# --- the concerns ----------------------------------------------------------------------------
def _ci_severity(effect: Effect) -> tuple[int, str]:
    """(0, 1 or 2, why) for one estimate's interval."""
    low, high = effect.low, effect.high
    if effect.kind == "proportion":
        half = (high - low) / 2
        scale = 100.0 if high > 1.0 else 1.0
        if half * (100.0 / scale) > PROPORTION_HALF_WIDTH:
            return 1, f"{effect}: an interval wider than {PROPORTION_HALF_WIDTH:g} points each side"
        return 0, ""
    if not effect.includes_null():
        return 0, ""
    if effect.kind == "ratio":
        benefit, harm = low <= RATIO_BENEFIT, high >= RATIO_HARM
    elif effect.measure == "SMD":
        benefit, harm = low <= -SMD_APPRECIABLE, high >= SMD_APPRECIABLE
    else:  # a difference in units we cannot judge: any interval across 0 is imprecise
        return 1, f"{effect} includes no effect"
    if benefit and harm:
        return 2, f"{effect} includes no effect and reaches appreciable effects on both sides"
    if benefit or harm:
        return 1, f"{effect} includes no effect and reaches an appreciable one"
    return 0, ""


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
    found = body.effect()
    ci_sev, ci_why = _ci_severity(found[0]) if found else (0, "")
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
        if ci_sev == 2:
            out.append(Detected(R.BENEFIT_AND_HARM.code, ci_why, where_ci))
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
    for where, reading in ctx.body(claim).readings():
        for value, words in reading.i2:
            if value >= I2_SUBSTANTIAL and found is None:
                place = ("text",) if where == "in the claim" else ("evidence", "sources")
                found = (f"'{words}' {where}", place)
    if found is None:
        found = cue_in("heterogeneity", claim, ctx)
    if found is None:
        return None
    explained = _explained(claim, ctx)
    if explained:
        return Detected(R.HETEROGENEITY_EXPLAINED.code, f"{found[0]}; {explained[0]}", found[1])
    return Detected(R.HETEROGENEITY.code, *found)


_PARTLY = re.compile(r"(?:partly|partially|in\s+part|only\s+some|somewhat)\W+(?:\w+\W+){0,2}$")


def _explained(claim: Claim, ctx: SetContext) -> tuple[str, tuple] | None:
    """(detail, where) of words saying the heterogeneity was fully explained, if any."""
    texts = [("in the claim", claim.text, ("text",))]
    for i, key in enumerate(claim.evidence.sources):
        texts += [
            (f"{key}: in its {name}", text, ("evidence", "sources", i))
            for name, text in ctx.entry_fields(key)
        ]
    lex = lexicon("heterogeneity_explained")
    for where, text, place in texts:
        lowered = text.lower()
        if not lex.may_match(lowered):
            continue
        for match in lex.pattern.finditer(lowered):
            before = lowered[max(0, match.start() - 40) : match.start()]
            if negation().search(before) or _PARTLY.search(before):
                continue
            return f"'{lowered[match.start() : match.end()]}' {where}", place
    return None


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
        or _first_match(_MOST_AT_RISK, _BIAS_OR_SAFEGUARD, claim, ctx)
    )
    return Detected(R.REPORTED_LIMITATIONS.code, *found) if found else None


_NUMBER_WORD = r"(?:\d{1,4}|one|two|three|four|five|six|seven|eight|nine|ten|a\s+few|a\s+minority)"
_STUDIES = r"(?:trials|studies|rcts)"
_FEW_AT_LOW_RISK = re.compile(
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
_MOST_AT_RISK = re.compile(
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


def _first_match(
    pattern: re.Pattern[str],
    words: tuple[str, ...],
    claim: Claim,
    ctx: SetContext,
    accept: Callable[[re.Match[str]], bool] | None = None,
) -> tuple[str, tuple] | None:
    """(detail, where) of the first match of ``pattern`` in the claim or its entries, not
    negated just before it (and, with ``accept``, that ``accept`` keeps)."""
    texts = [("in the claim", claim.text, ("text",))]
    for i, key in enumerate(claim.evidence.sources):
        texts += [
            (f"{key}: in its {name}", text, ("evidence", "sources", i))
            for name, text in ctx.entry_fields(key)
        ]
    for where, text, place in texts:
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


def _few_at_low_risk(claim: Claim, ctx: SetContext) -> tuple[str, tuple] | None:
    """(detail, where) of words saying few studies are at low risk of bias, or that the effect
    vanished in those that are."""
    match = _FEW_AT_LOW_RISK.search(claim.text) if may_hold(claim.text, _BIAS) else None
    if match:
        return f"'{match.group(0)}' in the claim", ("text",)
    for i, key in enumerate(claim.evidence.sources):
        for name, text in ctx.entry_fields(key):
            match = _FEW_AT_LOW_RISK.search(text) if may_hold(text, _BIAS) else None
            if match:
                return f"{key}: '{match.group(0)}' in its {name}", ("evidence", "sources", i)
    return None


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


def stated_imprecision(claim: Claim, ctx: SetContext) -> Detected | None:
    """Imprecision the claim or its entries state in words ("the results were imprecise",
    "wide confidence intervals", "few events"), when the numbers did not show it."""
    found = (
        cue_in("imprecision_reported", claim, ctx)
        or _first_match(_STATED_IMPRECISE, _IMPRECISE_WORDS, claim, ctx)
        or _first_match(_FEWER_THAN, _FEWER_WORDS, claim, ctx, _small_bound)
    )
    return Detected(R.STATED_IMPRECISION.code, *found) if found else None


_NOT_NEGATED_GAP = r"(?:(?!\bnot\b|\bno\b|n't|\bnever\b)[^.;]){0,40}?"
_STATED_IMPRECISE = re.compile(
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
_FEWER_THAN = re.compile(
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
        found = cue_in("indirectness_reported", claim, ctx) or _first_match(
            _GENERALISABILITY, ("generali",), claim, ctx
        )
        if found:
            yield Detected(R.STATED_INDIRECTNESS.code, *found)


_GENERALISABILITY = re.compile(
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
    if studied and not (claimed & studied):
        return Detected(
            R.POPULATION.code,
            f"the claim is about {', '.join(sorted(claimed))}; the cited evidence studied "
            f"{', '.join(sorted(studied))}",
            ("evidence", "sources"),
        )
