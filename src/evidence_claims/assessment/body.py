"""The body of evidence behind one claim, read the way a GRADE reviewer reads it.

From the claim's own words and its cited entries' descriptive fields (title, note, keywords,
abstract) this module reads how many studies of which design there are, how many people, the
effect estimate with its confidence interval, and I²; then it decides where the rating starts
and which GRADE concerns apply: imprecision from the interval and the size of the body,
inconsistency, study limitations, publication bias, indirectness of population or outcome, and
the reasons to rate observational evidence up. Every concern is a :class:`Detected` caveat whose
detail quotes the words or numbers it came from.

GRADE's guidance this follows (Guyatt et al. 2011, J Clin Epidemiol 64, "GRADE guidelines"
4-9; Balshem et al. 2011, "GRADE guidelines 3"; Schünemann et al. 2008, BMJ 336:1106 for
diagnostic tests):

- a body of randomized trials starts high, of observational studies low, of cross-sectional
  test accuracy studies high; a review is graded by the studies it pools;
- imprecision is one judgement: serious when the interval includes no effect and an
  appreciable effect, or when the body is small (fewer than 400 people, GRADE's rule of thumb
  for the optimal information size); very serious when the interval spans appreciable benefit
  and harm, or all the evidence is one small study;
- only observational evidence is rated up (large or very large effect, dose-response,
  confounding that would have reduced the effect), and only when nothing rated it down (the
  arithmetic in :mod:`.certainty` enforces the latter).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from ..model.records import Claim
from ..rules import assessment as R
from .cues import _data, lexicon, words_in
from .detected import Detected
from .estimates import (
    Effect,
    effects,
    event_risks,
    i_squared,
    optimal_information_size,
    people_counts,
    study_counts,
)

if TYPE_CHECKING:
    from .detect import SetContext

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
LARGE_EFFECT = 2.0
VERY_LARGE_EFFECT = 5.0
"""Ratios for rating up: above 2 (below 0.5) large, above 5 (below 0.2) very large."""
ENTRY_FIELDS = ("title", "note", "keywords", "abstract", "annote")
OPINION_TYPES = frozenset({"expert_opinion", "authority_statement"})
STUDY_TYPES = frozenset(
    {"clinical_trial", "observational_study", "systematic_review", "diagnostic_accuracy"}
)


@dataclass(frozen=True, slots=True)
class Reading:
    """What one piece of text says about the evidence."""

    effects: tuple[Effect, ...] = ()
    i2: tuple[tuple[float, str], ...] = ()
    designs: dict[str, tuple[int, str]] = field(default_factory=dict)  # design -> (n, words)
    people: tuple[int, str] | None = None  # the largest count, with its words
    single: str | None = None  # words saying there was one study only
    risks: tuple[tuple[float, str], ...] = ()  # risks of a binary outcome, with their words


_EMPTY = Reading()
_STUDY_WORDS = re.compile(r"stud|trial|rct|cohort|review", re.IGNORECASE)
_DIGIT = re.compile(r"\d")


def read(text: str) -> Reading:
    """Read one text (never raises)."""
    has_digit = _DIGIT.search(text) is not None
    if not has_digit and not _STUDY_WORDS.search(text):
        return _EMPTY  # most sentences: no number and no study named
    if not has_digit:  # "nine cohort studies": counts written out, nothing else to read
        return _designs_only(text)
    designs, single = _designs(text)
    people = max(people_counts(text), default=None, key=lambda p: p[0])
    risks = tuple(event_risks(text))
    return Reading(tuple(effects(text)), tuple(i_squared(text)), designs, people, single, risks)


def _designs_only(text: str) -> Reading:
    designs, single = _designs(text)
    return Reading(designs=designs, single=single) if designs else _EMPTY


def _designs(text: str) -> tuple[dict[str, tuple[int, str]], str | None]:
    """The largest count named per study design, and the last words naming a single study."""
    designs: dict[str, tuple[int, str]] = {}
    single = None
    for count in study_counts(text):
        best = designs.get(count.design)
        if best is None or count.n > best[0]:
            designs[count.design] = (count.n, count.text)
        if count.n == 1 and count.design in ("randomized", "observational", "diagnostic"):
            single = count.text
    return designs, single


@dataclass(frozen=True, slots=True)
class Body:
    """A claim's body of evidence: its own reading first, then its cited entries'."""

    own: Reading
    entries: tuple[tuple[str, str, Reading], ...]  # (key, field, reading)

    def readings(self) -> Iterator[tuple[str, Reading]]:
        yield "in the claim", self.own
        for key, name, reading in self.entries:
            yield f"{key}: in its {name}", reading

    def effect(self) -> tuple[Effect, str] | None:
        """The claim's own estimate, else the first one of its entries."""
        for where, reading in self.readings():
            for effect in reading.effects:
                if effect.kind != "ratio" or effect.measure != "DOR":
                    return effect, where
        return None

    def designs(self) -> dict[str, tuple[int, str]]:
        """Studies by design: the claim's own counts (its outcome's), else its entries'."""
        if any(d != "other" for d in self.own.designs):
            return dict(self.own.designs)
        merged: dict[str, tuple[int, str]] = {}
        for _where, reading in self.readings():
            for design, (n, words) in reading.designs.items():
                if design not in merged or n > merged[design][0]:
                    merged[design] = (n, words)
        return merged

    def people(self) -> tuple[int, str] | None:
        """How many people: the claim's own count (its outcome's), else the entries' largest."""
        if self.own.people:
            return self.own.people[0], f"'{self.own.people[1]}' in the claim"
        best: tuple[int, str] | None = None
        for where, reading in self.readings():
            if reading.people and (best is None or reading.people[0] > best[0]):
                best = (reading.people[0], f"'{reading.people[1]}' {where}")
        return best

    def risk(self) -> tuple[float, str] | None:
        """The baseline risk of a binary outcome: of the first two risks written in the claim
        (else in its entries) the larger, since which group each belongs to is rarely said and
        the larger one gives the smaller optimal information size (the rule then rates down
        only when even that is not met)."""
        for where, reading in self.readings():
            if reading.risks:
                risk, words = max(reading.risks[:2])
                return risk, f"'{words}' {where}"
        return None

    def single_study(self) -> str | None:
        designs = self.designs()
        if sum(n for d, (n, _w) in designs.items() if d != "other") > 1:
            return None
        for where, reading in self.readings():
            if reading.single:
                return f"'{reading.single}' {where}"
        return None


def body_of(claim: Claim, ctx: SetContext) -> Body:
    entries = []
    for key in claim.evidence.sources:
        entries.extend(ctx.entry_readings(key))
    return Body(read(claim.text), tuple(entries))


def entry_readings(fields: list[tuple[str, str]], key: str) -> list[tuple[str, str, Reading]]:
    return [(key, name, read(text)) for name, text in fields if name in ENTRY_FIELDS]


# --- negation-aware cue search ---------------------------------------------------------------
@cache
def _negation() -> re.Pattern[str]:
    words = sorted((str(w) for w in _data().get("negations", ())), key=len, reverse=True)
    alternation = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
    return re.compile(r"(?:^|[^\w-])(?:" + alternation + r")\s+(?:\w+\s+){0,2}$")


def find_unnegated(name: str, text: str, lowered: str | None = None) -> str | None:
    """The first cue of lexicon ``name`` in ``text`` not negated just before it
    (``lowered``: ``text.lower()`` when the caller has it)."""
    lex = lexicon(name)
    if lowered is None:
        lowered = text.lower()
    if not lex.may_match(lowered):
        return None
    if len(lowered) != len(text):
        text = lowered  # a character changed length in lower case: quote the lower-case text
    for match in lex.pattern.finditer(lowered):
        before = lowered[max(0, match.start() - 40) : match.start()]
        if _negation().search(before):
            continue
        return text[match.start() : match.end()]
    return None


def _cue_in(name: str, claim: Claim, ctx: SetContext) -> tuple[str, tuple] | None:
    """(detail, where) of the first unnegated cue of ``name`` in the claim or its entries."""
    cue = find_unnegated(name, claim.text, ctx.lowered(claim))
    if cue:
        return f"'{cue}' in the claim", ("text",)
    sources = claim.evidence.sources
    return ctx.sources_unnegated(name, sources) if sources else None


def entry_unnegated(fields: list[tuple[str, str]], name: str) -> tuple[str, str] | None:
    """(field, cue) of the first unnegated cue of ``name`` in an entry's fields."""
    for field_name, text in fields:
        cue = find_unnegated(name, text)
        if cue:
            return field_name, cue
    return None


# --- where the rating starts -----------------------------------------------------------------
def experience_cue(claim: Claim) -> str | None:
    return find_unnegated("experience", claim.text)


def is_bare_opinion(claim: Claim) -> bool:
    """An opinion, authority statement or advice citing nothing and reporting no experience."""
    return (
        claim.evidence.type in OPINION_TYPES
        and not claim.evidence.sources
        and experience_cue(claim) is None
    )


def start_of(claim: Claim, base: str | None, ctx: SetContext) -> tuple[str | None, list[Detected]]:
    """Where the rating starts, and the design reasons that moved it from ``base``."""
    kind = claim.evidence.type
    if kind in OPINION_TYPES and not claim.evidence.sources:
        cue = experience_cue(claim)
        if cue is None:
            return None, [
                Detected(
                    R.OPINION_NOT_EVIDENCE.code,
                    "opinion citing no source and reporting no experience",
                    ("evidence", "type"),
                )
            ]
        detail = f"'{cue}' in the claim: unsystematic clinical observation, starts very low"
        return "very_low", [Detected(R.OPINION_EXPERIENCE.code, detail, ("text",))]
    if base is None or (kind not in STUDY_TYPES and kind not in OPINION_TYPES):
        return base, []
    # A body of evidence is graded by the studies it counts, whatever the word for it: a
    # review of cohort studies starts low, an opinion citing randomized trials starts where
    # the trials do (the taxonomy: grade the evidence an authority cites when it is known).
    designs = ctx.body(claim).designs()
    observational = designs.get("observational", (0, ""))[0]
    others = max(designs.get("randomized", (0, ""))[0], designs.get("diagnostic", (0, ""))[0])
    words = "; ".join(f"'{w}'" for d, (_n, w) in sorted(designs.items()) if d != "other")
    if observational > others and base != "low":
        return "low", [Detected(R.OBSERVATIONAL_BODY.code, words, ("evidence", "type"))]
    if others > observational and base != "high":
        return "high", [Detected(R.RANDOMIZED_BODY.code, words, ("evidence", "type"))]
    return base, []


def observational(claim: Claim, start: str | None, design: list[Detected]) -> bool:
    """Whether the evidence is observational (the only kind GRADE rates up: "criteria for
    upgrading ... are usually only applicable to observational studies without any reason for
    rating down", Schünemann et al. 2019, GRADE guidelines 18, J Clin Epidemiol 111:105,
    Table 1). GRADE guidelines 18 also lets a body of non-randomized studies judged with
    ROBINS-I start high and be rated down for risk of bias; which ROBINS-I judgement equals
    how many levels could not be read from a copy of the paper, so the start stays low."""
    if start != "low":
        return False
    return claim.evidence.type == "observational_study" or any(
        d.code == R.OBSERVATIONAL_BODY.code for d in design
    )


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
        found = _cue_in("heterogeneity", claim, ctx)
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
            if _negation().search(before) or _PARTLY.search(before):
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
    found = _cue_in("risk_of_bias_reported", claim, ctx) or _few_at_low_risk(claim, ctx)
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


def _may_hold(text: str, words: tuple[str, ...]) -> bool:
    """False only when ``text`` holds none of the lower-case ``words`` in any case, so that a
    case-insensitive pattern that needs one of them cannot match. Only said of ASCII text:
    ``re.IGNORECASE`` also matches other letters ("ſ" for "s", the Kelvin sign for "k")."""
    if not text.isascii():
        return True
    lowered = text.lower()
    return any(word in lowered for word in words)


_BIAS = ("bias",)  # every branch of _FEW_AT_LOW_RISK names bias


def _few_at_low_risk(claim: Claim, ctx: SetContext) -> tuple[str, tuple] | None:
    """(detail, where) of words saying few studies are at low risk of bias, or that the effect
    vanished in those that are."""
    match = _FEW_AT_LOW_RISK.search(claim.text) if _may_hold(claim.text, _BIAS) else None
    if match:
        return f"'{match.group(0)}' in the claim", ("text",)
    for i, key in enumerate(claim.evidence.sources):
        for name, text in ctx.entry_fields(key):
            match = _FEW_AT_LOW_RISK.search(text) if _may_hold(text, _BIAS) else None
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
    found = _cue_in("imprecision_reported", claim, ctx)
    return Detected(R.STATED_IMPRECISION.code, *found) if found else None


_DOMAIN_WORDS = (
    r"(risk\s+of\s+bias|(?:study\s+)?limitations|inconsistency|heterogeneity|indirectness|"
    r"imprecision)"
)
_VERY_SERIOUS = re.compile(
    # "very serious imprecision", "very serious risk of bias"
    r"\bvery\s+serious\s+"
    + _DOMAIN_WORDS
    # "downgraded two levels for imprecision", "rated down twice because of risk of bias"
    + r"|\b(?:downgraded|rated\s+down)\s+(?:by\s+)?(?:two\s+levels|twice|2\s+levels)\s+"
    + r"(?:for|because\s+of|due\s+to)\s+"
    + _DOMAIN_WORDS
    + r"\b",
    re.IGNORECASE,
)
_VERY_SERIOUS_WORDS = ("serious", "down")  # "very serious", "downgraded", "rated down"
_VERY_SERIOUS_CODE = {
    "risk": R.VERY_SERIOUS_RISK_OF_BIAS.code,
    "limitations": R.VERY_SERIOUS_RISK_OF_BIAS.code,
    "study": R.VERY_SERIOUS_RISK_OF_BIAS.code,
    "inconsistency": R.VERY_SERIOUS_INCONSISTENCY.code,
    "heterogeneity": R.VERY_SERIOUS_INCONSISTENCY.code,
    "indirectness": R.VERY_SERIOUS_INDIRECTNESS.code,
    "imprecision": R.VERY_SERIOUS_IMPRECISION.code,
}


def very_serious(claim: Claim) -> Iterator[Detected]:
    """Concerns the claim's own words call very serious, one per domain (GRADE: a very serious
    concern rates down two levels). Only the claim's text, not negated just before."""
    if not _may_hold(claim.text, _VERY_SERIOUS_WORDS):
        return
    seen: set[str] = set()
    lowered = claim.text.lower()
    for match in _VERY_SERIOUS.finditer(claim.text):
        before = lowered[max(0, match.start() - 40) : match.start()]
        if _negation().search(before):
            continue
        words = next(g for g in match.groups() if g)
        code = _VERY_SERIOUS_CODE[words.split()[0].lower()]
        if code not in seen:
            seen.add(code)
            yield Detected(code, f"'{match.group(0)}' in the claim", ("text",))


_LEVEL = r"(very[\s-]+low|low|moderate)"
_STATED = re.compile(
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
    if not _may_hold(claim.text, _STATED_WORDS):
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


def indirectness(claim: Claim, ctx: SetContext) -> Iterator[Detected]:
    found = _cue_in("intervention_indirect", claim, ctx)
    specific = bool(found)
    if found:
        yield Detected(R.INTERVENTION.code, *found)
    found = _cue_in("surrogate", claim, ctx)
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
        found = _cue_in("indirectness_reported", claim, ctx)
        if found:
            yield Detected(R.STATED_INDIRECTNESS.code, *found)


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


def upgrades(claim: Claim, ctx: SetContext) -> Iterator[Detected]:
    """Reasons to rate observational evidence up (the caller checks it is observational)."""
    found = ctx.body(claim).effect()
    if found and found[0].kind == "ratio" and not found[0].includes_null():
        effect, where = found
        value = effect.value
        large = value >= LARGE_EFFECT or value <= 1 / LARGE_EFFECT
        very = value >= VERY_LARGE_EFFECT or value <= 1 / VERY_LARGE_EFFECT
        if large:
            yield Detected(R.LARGE_EFFECT.code, f"{effect} {where}", ("text",))
        if very:
            yield Detected(R.VERY_LARGE_EFFECT.code, f"{effect} {where}", ("text",))
    cue = _cue_in("dose_response", claim, ctx)
    if cue:
        yield Detected(R.DOSE_RESPONSE.code, *cue)
    cue = _cue_in("plausible_confounding", claim, ctx)
    if cue:
        yield Detected(R.CONFOUNDING.code, *cue)
