"""The body of evidence behind one claim, read the way a GRADE reviewer reads it.

From the claim's own words and its cited entries' descriptive fields (title, note, keywords,
abstract) this module reads how many studies of which design there are, how many people, the
effect estimate with its confidence interval, and I²; then it decides where the rating starts
and the reasons to rate observational evidence up. It also holds the negation-aware cue search
the other readers share. The concerns that rate down are in :mod:`.concerns`, what the claim's
own words say of its certainty in :mod:`.stated`. Every caveat is a :class:`Detected` whose
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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from ..io.pattern_store import assessment_pattern
from ..model.records import Claim
from ..rules import assessment as R
from .compose import of_study_quality
from .cues import _data, lexicon
from .detected import Detected
from .diagnostic import accuracy_designs
from .estimates import (
    Effect,
    effects,
    event_risks,
    i_squared,
    i_squared_owners,
    implied_risks,
    named_designs,
    people_counts,
    study_counts,
)

if TYPE_CHECKING:
    from .context import SetContext

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
    i2_of: tuple[Effect | None, ...] = ()  # per I², the estimate written just before it
    designs: dict[str, tuple[int, str]] = field(default_factory=dict)  # design -> (n, words)
    people: tuple[int, str] | None = None  # the largest count, with its words
    single: str | None = None  # words saying there was one study only
    risks: tuple[tuple[float, str], ...] = ()  # risks of a binary outcome, with their words


_EMPTY = Reading()
_STUDY_STEMS = ("stud", "trial", "rct", "cohort", "review")
_STUDY_WORDS = assessment_pattern("|".join(_STUDY_STEMS), re.IGNORECASE)
_DIGIT = assessment_pattern(r"\d")


def read(text: str) -> Reading:
    """Read one text (never raises)."""
    has_digit = _DIGIT.search(text) is not None
    if not has_digit and not _names_study(text):
        return _EMPTY  # most sentences: no number and no study named
    if not has_digit:  # "nine cohort studies": counts written out, nothing else to read
        return _designs_only(text)
    designs, single = _designs(text)
    people = max(people_counts(text), default=None, key=lambda p: p[0])
    found = effects(text)
    risks = tuple(event_risks(text) or implied_risks(text, found))
    i2 = tuple(i_squared(text))
    owners = tuple(i_squared_owners(text, found)) if i2 and len(found) > 1 else ()
    return Reading(tuple(found), i2, owners, designs, people, single, risks)


def _names_study(text: str) -> bool:
    """``_STUDY_WORDS.search(text)``, for ASCII text by substrings of its lower case (a
    case-insensitive pattern tries every position of the text; in ASCII it can match only
    the ASCII cases of its words)."""
    if text.isascii():
        lowered = text.lower()
        for word in _STUDY_STEMS:  # noqa: SIM110 (a loop, not any(): see may_hold)
            if word in lowered:
                return True
        return False
    return _STUDY_WORDS.search(text) is not None


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
    _listed: tuple[tuple[str, Reading], ...] | None = field(default=None, compare=False, repr=False)
    _merged: dict[str, tuple[int, str]] | None = field(default=None, compare=False, repr=False)
    # effect() and people(), once each: a body of cited entries alone is shared by the claims
    # that cite its list of keys (SetContext.entries_body), and imprecision asks both twice
    # (each kept as a one-item tuple; None: not worked out yet)
    _effect: tuple[tuple[Effect, str] | None] | None = field(
        default=None, compare=False, repr=False
    )
    _people: tuple[tuple[int, str] | None] | None = field(default=None, compare=False, repr=False)

    def readings(self) -> Iterable[tuple[str, Reading]]:
        if not self.entries:  # most claims cite no entry with a reading: no generator then
            return (("in the claim", self.own),)
        # listed once: the start level, imprecision, inconsistency and the accuracy test each
        # go through the readings of the same body, naming each entry's field every time
        listed = self._listed
        if listed is None:
            listed = tuple(self._all_readings())
            object.__setattr__(self, "_listed", listed)
        return listed

    def _all_readings(self) -> Iterator[tuple[str, Reading]]:
        yield "in the claim", self.own
        for key, name, reading in self.entries:
            yield f"{key}: in its {name}", reading

    def effect(self) -> tuple[Effect, str] | None:
        """The claim's own estimate, else the first one of its entries."""
        kept = self._effect
        if kept is None:
            kept = (self._first_effect(),)
            object.__setattr__(self, "_effect", kept)
        return kept[0]

    def _first_effect(self) -> tuple[Effect, str] | None:
        for where, reading in self.readings():
            for effect in reading.effects:
                if effect.kind != "ratio" or effect.measure not in ("DOR", "LR+", "LR-"):
                    return effect, where
        return None

    def designs(self) -> dict[str, tuple[int, str]]:
        """Studies by design: the claim's own counts (its outcome's), else its entries'."""
        if any(d != "other" for d in self.own.designs):
            return dict(self.own.designs)
        # merged once (the start level, imprecision, the accuracy test and indirectness each
        # ask); a copy each time, so that no caller can change it for the next
        merged = self._merged
        if merged is None:
            merged = {}
            for _where, reading in self.readings():
                for design, (n, words) in reading.designs.items():
                    if design not in merged or n > merged[design][0]:
                        merged[design] = (n, words)
            object.__setattr__(self, "_merged", merged)
        return dict(merged)

    def people(self) -> tuple[int, str] | None:
        """How many people: the claim's own count (its outcome's), else the entries' largest."""
        kept = self._people
        if kept is None:
            kept = (self._most_people(),)
            object.__setattr__(self, "_people", kept)
        return kept[0]

    def _most_people(self) -> tuple[int, str] | None:
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
    own = read(claim.text)
    sources = claim.evidence.sources
    if not sources:
        return Body(own, ())
    if own is _EMPTY:
        # a body all of whose readings are its entries': one per set and list of cited keys,
        # so that what its methods list and merge is done once for the claims that share it
        return ctx.entries_body(sources)
    return Body(own, ctx.sources_readings(sources))


def entries_body(readings: tuple[tuple[str, str, Reading], ...]) -> Body:
    """The body of a claim whose own words give no reading, from its entries' readings."""
    return Body(_EMPTY, readings)


def entry_readings(fields: list[tuple[str, str]], key: str) -> list[tuple[str, str, Reading]]:
    return [(key, name, read(text)) for name, text in fields if name in ENTRY_FIELDS]


# --- negation-aware cue search ---------------------------------------------------------------
@cache
def negation() -> re.Pattern[str]:
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
        if negation().search(before):
            continue
        if name == "heterogeneity" and of_study_quality(lowered, match.start()):
            continue  # "the quality of the trials varied": risk of bias, not their results
        return text[match.start() : match.end()]
    return None


def cue_in(name: str, claim: Claim, ctx: SetContext) -> tuple[str, tuple] | None:
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


def may_hold(text: str, words: tuple[str, ...], lowered: str | None = None) -> bool:
    """False only when ``text`` holds none of the lower-case ``words`` in any case, so that a
    case-insensitive pattern that needs one of them cannot match. Only said of ASCII text:
    ``re.IGNORECASE`` also matches other letters ("ſ" for "s", the Kelvin sign for "k").
    ``lowered`` is ``text.lower()`` when the caller has it."""
    if not text.isascii():
        return True
    if lowered is None:
        lowered = text.lower()
    # a loop, not any() over a generator: about 0.8 µs less a call for a list of eight words
    # (measured), and a claim asks several lists
    for word in words:  # noqa: SIM110
        if word in lowered:
            return True
    return False


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
    if ctx.is_accuracy(claim):
        # GRADE guidelines 21 part 1: cross-sectional or cohort accuracy studies start high; a
        # body read only as "observational" because of its design words is an accuracy body
        designs = accuracy_designs(designs)
        if kind == "observational_study" and base != "high" and not designs.keys() - {"other"}:
            detail = "test accuracy estimates from studies typed observational"
            return "high", [Detected(R.RANDOMIZED_BODY.code, detail, ("evidence", "type"))]
    observational = designs.get("observational", (0, ""))[0]
    others = max(designs.get("randomized", (0, ""))[0], designs.get("diagnostic", (0, ""))[0])
    words = "; ".join(f"'{w}'" for d, (_n, w) in sorted(designs.items()) if d != "other")
    if observational > others and base != "low":
        return robins_i_start(
            claim, ctx, "low", [Detected(R.OBSERVATIONAL_BODY.code, words, ("evidence", "type"))]
        )
    if others > observational and base != "high":
        return "high", [Detected(R.RANDOMIZED_BODY.code, words, ("evidence", "type"))]
    if base == "low" and kind == "observational_study":
        return robins_i_start(claim, ctx, base, [])
    if kind == "systematic_review" and base == "high" and not designs.keys() - {"other"}:
        named = _only_observational_named(claim, ctx)
        if named:
            design = Detected(R.OBSERVATIONAL_BODY.code, named, ("evidence", "type"))
            return robins_i_start(claim, ctx, "low", [design])
    return base, []


def _only_observational_named(claim: Claim, ctx: SetContext) -> str | None:
    """The words of a review that counts no study by design but names observational designs
    only ("associations from longitudinal and cross-sectional studies"; a note on "mostly
    cross-sectional and longitudinal observational studies"), with where they are; None when
    any text names a randomized or accuracy design. GRADE grades a review by the studies it
    pools (Balshem et al. 2011, GRADE guidelines 3: observational studies start low), whether
    or not their number is written."""
    found: str | None = None
    for where, text, _place in claim_and_entry_texts(claim, ctx):
        named = named_designs(text)
        if named.keys() - {"observational"}:
            return None
        if found is None and "observational" in named:
            found = f"'{named['observational']}' {where}, no randomized design named"
    return found


_ROBINS = assessment_pattern(r"\brobins[\s-]*i\b", re.IGNORECASE)
_ROBINS_WORDS = ("robins",)
_JUDGEMENT = assessment_pattern(
    r"\b(low|moderate|serious|critical)\s+risk\s+of\s+bias\b", re.IGNORECASE
)
_JUDGEMENT_LEVELS = {"low": 0, "moderate": 1, "serious": 2, "critical": 2}


def claim_and_entry_texts(claim: Claim, ctx: SetContext) -> list[tuple[str, str, tuple]]:
    texts = [("in the claim", claim.text, ("text",))]
    for i, key in enumerate(claim.evidence.sources):
        texts += [
            (f"{key}: in its {name}", text, ("evidence", "sources", i))
            for name, text in ctx.entry_fields(key)
        ]
    return texts


def robins_i_start(
    claim: Claim, ctx: SetContext, start: str, design: list[Detected]
) -> tuple[str, list[Detected]]:
    """An observational body whose risk of bias was judged with ROBINS-I starts high and is
    rated down in the risk of bias domain (GRADE guidelines 18, Schünemann et al. 2019, J Clin
    Epidemiol 111:105-114): two levels for serious or critical risk, or when no judgement is
    given (confounding and selection bias are expected to bring such a body to where the
    traditional approach starts it), one for moderate, none for low. The worst judgement the
    claim or its entries state counts."""
    texts = claim_and_entry_texts(claim, ctx)
    named = next(
        (
            (where, place)
            for where, text, place in texts
            if may_hold(text, _ROBINS_WORDS) and _ROBINS.search(text)
        ),
        None,
    )
    if named is None:
        return start, design
    worst: tuple[int, str, tuple] | None = None
    for where, text, place in texts:
        for match in _JUDGEMENT.finditer(text):
            levels = _JUDGEMENT_LEVELS[match.group(1).lower()]
            if worst is None or levels > worst[0]:
                worst = (levels, f"'{match.group(0)}' {where}", place)
    start_reason = Detected(R.ROBINS_I_START.code, f"'ROBINS-I' {named[0]}", named[1])
    if worst is None:
        risk = [Detected(R.ROBINS_I_RISK.code, "no overall judgement stated", named[1])]
    elif worst[0] == 2:
        risk = [Detected(R.ROBINS_I_RISK.code, worst[1], worst[2])]
    elif worst[0] == 1:
        risk = [Detected(R.ROBINS_I_MODERATE.code, worst[1], worst[2])]
    else:
        risk = []
    return "high", [*design, start_reason, *risk]


def observational(claim: Claim, start: str | None, design: list[Detected]) -> bool:
    """Whether the evidence is observational (the only kind GRADE rates up: "criteria for
    upgrading ... are usually only applicable to observational studies without any reason for
    rating down", Schünemann et al. 2019, GRADE guidelines 18, J Clin Epidemiol 111:105,
    Table 1). GRADE guidelines 18 also lets a body of non-randomized studies judged with
    ROBINS-I start high and be rated down for risk of bias (``robins_i_start``); such a body
    is observational too."""
    if any(d.code == R.ROBINS_I_START.code for d in design):
        return True
    if start != "low":
        return False
    return claim.evidence.type == "observational_study" or any(
        d.code == R.OBSERVATIONAL_BODY.code for d in design
    )


def upgrades(claim: Claim, ctx: SetContext) -> Iterator[Detected]:
    """Reasons to rate observational evidence up (the caller checks it is observational)."""
    found = ctx.body(claim).effect()
    large = False
    if found and found[0].kind == "ratio" and not found[0].includes_null():
        effect, where = found
        value = effect.value
        large = value >= LARGE_EFFECT or value <= 1 / LARGE_EFFECT
        very = value >= VERY_LARGE_EFFECT or value <= 1 / VERY_LARGE_EFFECT
        if large:
            yield Detected(R.LARGE_EFFECT.code, f"{effect} {where}", ("text",))
        if very:
            yield Detected(R.VERY_LARGE_EFFECT.code, f"{effect} {where}", ("text",))
    if not large:
        stated = stated_large_effect(claim.text)
        if stated:
            levels, words = stated
            yield Detected(R.LARGE_EFFECT.code, f"'{words}' in the claim", ("text",))
            if levels == 2:
                yield Detected(R.VERY_LARGE_EFFECT.code, f"'{words}' in the claim", ("text",))
    cue = cue_in("dose_response", claim, ctx)
    if cue:
        yield Detected(R.DOSE_RESPONSE.code, *cue)
    cue = cue_in("plausible_confounding", claim, ctx)
    if cue:
        yield Detected(R.CONFOUNDING.code, *cue)


_FOLD = {"two": 2.0, "three": 3.0, "four": 4.0, "five": 5.0, "six": 6.0, "ten": 10.0}
_STATED_LARGE = assessment_pattern(
    # GRADEpro's "strong association" / "very strong association" (the evidence profile's words
    # for a large and a very large effect, GRADE guidelines 9)
    r"\b(?P<very>very\s+)?strong\s+association\b"
    # a relative effect stated as a bound: "RR values are greater than 2", "RR >5", "RR ~12"
    r"|\b(?:(?-i:RRs?|ORs?|HRs?)|relative\s+risks?|risk\s+ratios?|odds\s+ratios?|hazard\s+ratios?)"
    r"(?:\s+values?)?\s*(?:(?:is|are|was|were)\s+)?"
    r"(?:>|\u2265|~|\u2248|greater\s+than|above|over|more\s+than|of\s+about|about|around)\s*"
    r"(?P<ratio>\d+(?:\.\d+)?)(?!\d|\.\d)"
    # "at least a two-fold reduction or increase in risk" (GRADE guidelines 9)
    r"|\b(?P<fold>two|three|four|five|six|ten|\d+(?:\.\d+)?)[-\s]fold\s+"
    r"(?:reduction|increase|higher|lower|greater|risk)",
    re.IGNORECASE,
)
_LARGE_WORDS = ("association", "fold", "rr", "or", "hr", "ratio", "risk")


def stated_large_effect(text: str) -> tuple[int, str] | None:
    """(1 or 2 levels, words) of a large or very large effect stated in words, not negated
    just before (GRADE guidelines 9: a relative risk beyond 2 or 0.5 may rate up one level,
    beyond 5 or 0.2 two). Only the claim's words: an entry's abstract may speak of other
    outcomes."""
    if not may_hold(text, _LARGE_WORDS):
        return None
    lowered = text.lower()
    for match in _STATED_LARGE.finditer(text):
        if negation().search(lowered[max(0, match.start() - 40) : match.start()]):
            continue
        if match.group("very") is not None:
            return 2, match.group(0)
        if match.group("ratio") is None and match.group("fold") is None:
            return 1, match.group(0)
        raw = (match.group("ratio") or match.group("fold")).lower()
        value = _FOLD.get(raw) or float(raw)
        if value >= VERY_LARGE_EFFECT or 0 < value <= 1 / VERY_LARGE_EFFECT:
            return 2, match.group(0)
        if value >= LARGE_EFFECT or 0 < value <= 1 / LARGE_EFFECT:
            return 1, match.group(0)
    return None
