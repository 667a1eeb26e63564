"""Numbers a GRADE reviewer reads in a sentence: effect estimates, confidence intervals, I²,
how many studies of which design, and how many people.

Pure text functions: no claim records, no I/O. They never raise on any text (the property tests
feed them arbitrary strings) and return what they found with the words it came from, so that a
reason can quote it ("RR 0.70 (0.39 to 1.26)").

What is recognised, with examples from the sentences of published summaries:

- effect estimates: a measure word or abbreviation, a point estimate, and its interval in the
  usual writings: "RR 0.53, 95% CI 0.41 to 0.69", "RR 2.24 (2.06 to 2.43)", "OR 1.41 (1.13 to
  1.77)", "MD 15.51 nmol/L (95% CI 6.28, 24.74)", "SMD -0.28, 95% CI -0.60 to 0.05", "hazard
  ratio 0.91 (0.91–1.53)", "risk ratio (RR) 1.26; 95% confidence interval (CI) 1.16 to 1.36",
  "OR 1.34, 95% credible interval 0.94 to 1.92", "sensitivity 77.2% (95% CI 75.4–78.9%)";
- a bare interval after a measure that was named just before ("... a relative risk of 0.83
  (0.79, 0.88)"), and Unicode minus signs and en dashes; effect sizes in standard deviation
  units as SMDs ("Hedges' g = 0.45", "Cohen's d"), units of two words ("-4.2 mm Hg"), "95% CI
  from 0.71 to 0.95";
- when no measure is named, a number whose interval is written as a 95% CI ("shortened the
  stay by 3.79 days (95% CI 2.09 to 5.49 days fewer)"), read as a difference of unknown units;
- absolute effects per 1000 with their interval, as summary-of-findings tables write them: "3
  fewer per 1000 (from 61 fewer to 84 more)", "45 more per 1,000 (12 more to 80 more)" (read as
  a risk difference per 1000, RD/1000, whose no effect is 0);
- event counts of a binary outcome: "3576/60,337" (events/participants, as summary-of-findings
  tables write them) and risks per 1000 ("646 per 1000"), from which the optimal information
  size is computed (:func:`optimal_information_size`);
- heterogeneity: "I² = 83%", "I2 = 53%", "I^2 of 99 %", "I-squared 62.3%";
- study counts by design: "27 randomized trials", "8 RCTs", "nine cohort studies", "a single
  randomized trial", "two studies";
- participant counts in any wording: "12,625 people", "4,100 airline cabin crew", "n = 47",
  "adjusted N = 4,167", "230 trials with about 102,000 patients", "904 children".
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from ..io.pattern_store import assessment_pattern

Kind = Literal["ratio", "difference", "proportion"]

# Measure names, longest first; the kind says where "no effect" lies (1 for ratios, 0 for
# differences; proportions such as sensitivity have no null).
_MEASURES: tuple[tuple[str, str, Kind], ...] = (
    ("standardised mean difference", "SMD", "difference"),
    # effect sizes in standard deviation units, as SMDs (Cochrane Handbook 6.5.1.2: Hedges'
    # adjusted g is the SMD of RevMan; Cohen's d is the unadjusted one)
    ("hedges' g", "SMD", "difference"),
    ("hedges’ g", "SMD", "difference"),
    ("hedges g", "SMD", "difference"),
    ("cohen's d", "SMD", "difference"),
    ("cohen’s d", "SMD", "difference"),
    ("cohen d", "SMD", "difference"),
    ("standardized mean difference", "SMD", "difference"),
    ("weighted mean difference", "MD", "difference"),
    ("mean difference", "MD", "difference"),
    ("risk difference", "RD", "difference"),
    ("absolute risk difference", "RD", "difference"),
    ("diagnostic odds ratio", "DOR", "ratio"),
    ("incidence rate ratio", "IRR", "ratio"),
    ("relative risk", "RR", "ratio"),
    ("risk ratio", "RR", "ratio"),
    ("rate ratio", "RR", "ratio"),
    ("odds ratio", "OR", "ratio"),
    ("hazard ratio", "HR", "ratio"),
    ("peto odds ratio", "OR", "ratio"),
    ("sensitivity", "sensitivity", "proportion"),
    ("specificity", "specificity", "proportion"),
    # the other accuracy measures of GRADE for diagnostic tests (Schunemann et al. 2008, BMJ
    # 336:1106): predictive values and the area under the ROC curve are proportions; the
    # likelihood ratios are ratios whose "no information" lies at 1 (Body.effect skips them)
    ("positive predictive value", "PPV", "proportion"),
    ("negative predictive value", "NPV", "proportion"),
    ("area under the receiver operating characteristic curve", "AUC", "proportion"),
    ("area under the roc curve", "AUC", "proportion"),
    ("area under the curve", "AUC", "proportion"),
    ("positive likelihood ratio", "LR+", "ratio"),
    ("negative likelihood ratio", "LR-", "ratio"),
    ("ppv", "PPV", "proportion"),
    ("npv", "NPV", "proportion"),
    ("auc", "AUC", "proportion"),
    ("lr+", "LR+", "ratio"),
    ("lr-", "LR-", "ratio"),
    ("smd", "SMD", "difference"),
    ("wmd", "MD", "difference"),
    ("md", "MD", "difference"),
    ("rd", "RD", "difference"),
    ("ard", "RD", "difference"),
    ("dor", "DOR", "ratio"),
    ("irr", "IRR", "ratio"),
    ("rr", "RR", "ratio"),
    ("or", "OR", "ratio"),
    ("hr", "HR", "ratio"),
    ("aor", "OR", "ratio"),
    ("ahr", "HR", "ratio"),
)
_BY_NAME = {name: (label, kind) for name, label, kind in _MEASURES}
# Abbreviations are matched with case ("OR", not the word "or"); names without.
_ABBREVIATIONS = sorted(
    {n for n, _l, _k in _MEASURES if " " not in n and len(n) <= 4}, key=lambda n: (len(n), n)
)
_NAMES = sorted(
    {n for n, _l, _k in _MEASURES if n not in _ABBREVIATIONS}, key=lambda n: (-len(n), n)
)

_MINUS = "-\u2212\u2012\u2013\u2014\u2010\u2011\ufe63\uff0d"
_NUM = r"[" + _MINUS + r"]?\s?\d{1,7}(?:[.\u00b7]\d+)?"
_SEP = r"\s*(?:to|and|[,;]|[" + _MINUS + r"])\s*"
_INTERVAL_WORDS = (
    r"(?:\d{2}(?:\.\d)?\s?%\s*)?"
    r"(?:c\.?i\.?|cri|confidence\s+intervals?|credible\s+intervals?|uncertainty\s+intervals?)"
    r"(?:\s*\((?:ci|cri)\))?"
)


_DIGIT = assessment_pattern(r"\d")  # what every pattern below needs (a value, a count)
_POINT = assessment_pattern(
    r"(?P<measure>"
    + "|".join(re.escape(n) for n in _NAMES)
    + r"|(?<![A-Za-z])(?:"
    + "|".join(re.escape(a.upper()) for a in sorted(_ABBREVIATIONS, key=lambda a: (-len(a), a)))
    + r")(?![A-Za-z]))"
    + r"(?:\s*\((?:[A-Za-z]{1,4})\))?"  # "risk ratio (RR)"
    + r"(?:\s*(?:of|was|were|=|:|is|,))?\s*"
    + r"(?P<value>"
    + _NUM
    + r")\s*(?P<unit>%|[A-Za-z][\w/\u00b2\u00b3]{0,11}(?:\s(?:Hg|points?|higher|lower))?)?",
    re.IGNORECASE,
)
_SCALE_AFTER = r"(?:\s+on\s+an?\s+\d{1,3}\s*(?:-|\u2013|to)\s*\d{1,4}(?:[-\s]points?)?\s+scale)?"
"""The range of a rating scale written after a mean difference ("MD 0.23 points on a 0-27
scale, 95% CI -0.26 to 0.73"): skipped, so that its bounds are not read as the interval and the
interval after it is."""
_HAD_INTERVAL = (
    r"(?:[\s,;]*(?:(?:had|has|with)\s+)?(?:an?\s+)?(?=\d{2}(?:\.\d)?\s?%\s*c|c\.?i\b|conf))?"
)
"""A verb or article between an estimate and its named interval: "the odds ratio of 0.56 had a
95% CI from 0.26 to 1.21" (the verb is read as the estimate's unit, the article is left).
Only before the interval's own words, so that no other number is taken for it."""
_INTERVAL = assessment_pattern(
    r"^(?:\s*(?:higher|lower|more|fewer|less|points?))*"
    + _SCALE_AFTER
    + _HAD_INTERVAL
    + r"[\s,;:]*[(\[]?\s*(?:(?:"
    + _INTERVAL_WORDS
    + r")[\s:,=]*(?:of\s+)?)?[\s:,=]*(?:from\s+)?"
    r"[(\[]?\s*"
    r"(?P<low>" + _NUM + r")\s*%?" + _SEP + r"(?P<high>" + _NUM + r")\s*%?",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Effect:
    """An effect estimate with its interval, as written in ``text[start:end]``."""

    measure: str  # "RR", "OR", "HR", "IRR", "DOR", "MD", "SMD", "RD", "sensitivity", ...
    kind: Kind
    value: float
    low: float
    high: float
    text: str

    @property
    def null(self) -> float | None:
        """Where no effect lies (1 for ratios, 0 for differences, None for proportions)."""
        return {"ratio": 1.0, "difference": 0.0}.get(self.kind)

    def includes_null(self) -> bool:
        null = self.null
        return null is not None and self.low <= null <= self.high

    def __str__(self) -> str:
        return f"{self.measure} {_fmt(self.value)} ({_fmt(self.low)} to {_fmt(self.high)})"


def _fmt(x: float) -> str:
    return f"{x:g}"


def _number(raw: str) -> float | None:
    s = "".join(raw.split())
    negative = s[:1] in _MINUS
    if negative:
        s = s[1:]
    s = s.replace("\u00b7", ".")
    try:
        value = float(s)
    except ValueError:
        return None
    if value != value or value in (float("inf"), float("-inf")):
        return None
    return -value if negative else value


def _interval_after(text: str, end: int) -> tuple[float, float, int] | None:
    """The interval written just after an estimate ending at ``end``, as (low, high, where it
    ends in ``text``), low first whichever order it was written in; None where no interval
    follows within 80 characters or a bound is not a number. Named and unnamed estimates read
    their interval the same way."""
    interval = _INTERVAL.match(text[end : end + 80])
    if interval is None:
        return None
    low, high = _number(interval.group("low")), _number(interval.group("high"))
    if low is None or high is None:
        return None
    return (min(low, high), max(low, high), end + interval.end())


_LOG_BEFORE = assessment_pattern(
    r"\b(?:log|ln|natural\s+log(?:arithm)?\s+of(?:\s+the)?)[\s-]*$", re.IGNORECASE
)
"""The words that put a ratio just after them on its log scale: "log RR", "ln OR", "log-HR"."""


def _exp(x: float) -> float:
    """e to the power ``x`` to two decimals, as ratios are written; 0 beyond what a float
    holds (a log ratio that large is a misread, which the ratio check then drops)."""
    try:
        return round(math.exp(x), 2)
    except OverflowError:
        return 0.0


def effects(text: str) -> list[Effect]:
    """Every effect estimate with a 95% interval written in ``text``, in order."""
    if _DIGIT.search(text) is None:
        return []  # every estimate holds a number: most sentences need no scan for a measure
    found: list[Effect] = []
    for match in _POINT.finditer(text):
        name = match.group("measure")
        label, kind = _BY_NAME.get(name.lower(), (name.upper(), "ratio"))
        value = _number(match.group("value"))
        if value is None:
            continue
        bounds = _interval_after(text, match.end())
        if bounds is None:
            continue
        low, high, interval_end = bounds
        start = match.start()
        log_scale = kind == "ratio" and _LOG_BEFORE.search(text[max(0, start - 12) : start])
        if log_scale:
            # "log RR 0.50 (0.25 to 0.75)": a ratio on its natural-log scale, as meta-analyses
            # pool ratios (Cochrane Handbook 10.3.2), whose no effect is log 1 = 0. Read back
            # on the ratio scale (RR 1.65, 1.28 to 2.12) so that GRADE's thresholds for ratios
            # apply to it (GRADE guidelines 6), instead of the logs being read as ratios.
            start -= len(log_scale.group(0))
            value, low, high = (_exp(x) for x in (value, low, high))
        if kind == "ratio" and (low <= 0 or value <= 0):
            continue  # not a ratio after all ("OR" of something else)
        if label == "AUC" and not 0 <= low <= value <= high <= 1:
            continue  # a pharmacokinetic area under the concentration curve, not a ROC AUC
        if not (low <= value <= high) and kind != "proportion":
            # "MD 0.72 (0.18, 1.26)" holds its value; a point outside its interval is a misread
            continue
        span = text[start:interval_end].strip()
        found.append(Effect(label, kind, value, low, high, span))
    if not found:
        found.extend(_unnamed_effects(text))
    if not found:
        found.extend(directional_effects(text))
    found.extend(absolute_effects(text))
    return found


# A number (with a unit of up to two words) whose interval is announced as a 95% CI, when no
# measure is named: "shortened the stay by 3.79 days (95% CI 2.09 to 5.49 days fewer)".
_UNNAMED = assessment_pattern(
    r"(?<![\w.,\u00b7])(?P<value>" + _NUM + r")\s*"
    r"(?:%|[A-Za-z][\w/\u00b2\u00b3]{0,11}(?:\s[A-Za-z]{1,8})?)?\s*"
    r"(?=[(\[,;]\s*\d{2}(?:\.\d)?\s?%\s*(?:c\.?i\.?\b|confidence\s+intervals?))",
    re.IGNORECASE,
)


def _unnamed_effects(text: str) -> list[Effect]:
    """Estimates whose measure is not named but whose interval is written as a 95% CI, read as
    differences of unknown units (no effect at 0): the writer compares two groups, and an
    interval across 0 is then imprecise whatever the unit (GRADE guidelines 6). Only asked
    when no named measure was found, so a named estimate is never displaced."""
    found: list[Effect] = []
    for match in _UNNAMED.finditer(text):
        value = _number(match.group("value"))
        bounds = _interval_after(text, match.end())
        if value is None or bounds is None:
            continue
        low, high, interval_end = bounds
        if not low <= value <= high:
            continue  # "by 3.8 days (95% CI 2.1 to 5.5)" holds its value; otherwise a misread
        span = text[match.start() : interval_end].strip()
        found.append(Effect("estimate", "difference", value, low, high, span))
    return found


# --- differences whose sign is a word ---------------------------------------------------------
_DOWN = ("lower", "fewer", "less", "shorter", "smaller")
_DIRECTION = r"(?:lower|fewer|less|shorter|smaller|higher|more|longer|greater|larger)\b"
_UNITS = r"(?:(?!" + _DIRECTION + r")[A-Za-z%][\w/%\u00b2\u00b3-]{0,11}\s+){0,2}?"
_DIRECTED = assessment_pattern(
    # "0.09 days longer (95% CI 1.2 days shorter to 1.39 days longer)", "MD 2.3 points lower
    # (4.1 lower to 0.5 higher)": the way summary-of-findings tables write a mean difference,
    # each number unsigned and followed by its direction
    r"(?<![\w.,\u00b7])(?P<value>\d{1,7}(?:[.\u00b7]\d+)?)\s*%?\s*"
    + _UNITS
    + r"(?P<value_dir>"
    + _DIRECTION
    + r")[\s,;:]*[(\[]\s*(?:"
    + _INTERVAL_WORDS
    + r")?[\s:,=]*(?:from\s+)?"
    r"(?P<low>\d{1,7}(?:[.\u00b7]\d+)?)\s*%?\s*"
    + _UNITS
    + r"(?P<low_dir>"
    + _DIRECTION
    + r")\s*(?:to|[-\u2013])\s*"
    r"(?P<high>\d{1,7}(?:[.\u00b7]\d+)?)\s*%?\s*"
    + _UNITS
    + r"(?P<high_dir>"
    + _DIRECTION
    + r")\s*[)\]]",
    re.IGNORECASE,
)
_SMD_BEFORE = assessment_pattern(
    r"\b(?:SMD|standardi[sz]ed\s+mean\s+difference)\b[^.;]{0,20}$", re.I
)
_MD_BEFORE = assessment_pattern(r"\b(?:MD|WMD|mean\s+difference)\b[^.;]{0,20}$", re.IGNORECASE)


def _directed(match: re.Match[str], name: str) -> float | None:
    value = _number(match.group(name))
    if value is None:
        return None
    return -value if match.group(name + "_dir").lower() in _DOWN else value


def _point_and_bounds(
    match: re.Match[str], number: Callable[[re.Match[str], str], float | None]
) -> tuple[float, float, float] | None:
    """A match's point and ordered bounds, each read by ``number`` from its named group; None
    when one is unreadable or the point lies outside its own interval (a misreading)."""
    value, low, high = (number(match, name) for name in ("value", "low", "high"))
    if value is None or low is None or high is None:
        return None
    if low > high:
        low, high = high, low
    if not low <= value <= high:
        return None
    return value, low, high


def directional_effects(text: str) -> list[Effect]:
    """Differences whose point and bounds are unsigned numbers followed by a direction ("0.09
    days longer (95% CI 1.2 days shorter to 1.39 days longer)"), as GRADE summary-of-findings
    tables print mean differences ("MD 2.3 lower (4.1 lower to 0.5 higher)"). Read as an MD or
    SMD when one is named just before, else a difference of unknown units; no effect at 0, so
    an interval from one direction to the other crosses it (GRADE guidelines 6). Asked only
    when no signed estimate was found."""
    found: list[Effect] = []
    for match in _DIRECTED.finditer(text):
        read = _point_and_bounds(match, _directed)
        if read is None:
            continue
        value, low, high = read
        before = text[max(0, match.start() - 40) : match.start()]
        label = (
            "SMD"
            if _SMD_BEFORE.search(before)
            else "MD"
            if _MD_BEFORE.search(before)
            else ("estimate")
        )
        span = text[match.start() : match.end()].strip()
        found.append(Effect(label, "difference", value, low, high, span))
    return found


# --- absolute effects per 1000 ------------------------------------------------------------------
_COUNT = r"(?P<{0}>\d{{1,4}}(?:,\d{{3}})?(?:[.\u00b7]\d+)?)\s*(?P<{0}_dir>fewer|more|less)"
_PER_1000 = assessment_pattern(
    _COUNT.format("value")
    + r"\s+(?:[a-z]+\s+){0,2}per\s+1[,\s]?000\b[^()\[\]]{0,40}?"
    + r"[(\[]\s*(?:from\s+)?"
    + _COUNT.format("low")
    + r"\s*(?:to|[-\u2013])\s*"
    + _COUNT.format("high")
    + r"\s*[)\]]",
    re.IGNORECASE,
)


def _signed(match: re.Match[str], name: str) -> float | None:
    value = _number(match.group(name).replace(",", ""))
    if value is None:
        return None
    return value if match.group(name + "_dir").lower() == "more" else -value


def absolute_effects(text: str) -> list[Effect]:
    """Absolute effects per 1000 with their interval ("3 fewer per 1000 (from 61 fewer to 84
    more)"), as risk differences per 1000 (``RD/1000``; no effect at 0).

    GRADE judges imprecision on the interval around the absolute effect (Guyatt et al. 2011,
    GRADE guidelines 6, J Clin Epidemiol 64:1283: "the CIs to consider are those around the
    absolute, rather than the relative effect"), which summary-of-findings tables print so.
    """
    found: list[Effect] = []
    for match in _PER_1000.finditer(text):
        read = _point_and_bounds(match, _signed)
        if read is None:
            continue
        value, low, high = read
        span = text[match.start() : match.end()].strip()
        found.append(Effect("RD/1000", "difference", value, low, high, span))
    return found


# --- heterogeneity ---------------------------------------------------------------------------
_I2 = assessment_pattern(
    r"(?<![A-Za-z])I(?:\s?\u00b2|\^2|2|-squared?|\s+squared?)\s*(?:statistic\s*|value\s*)?"
    r"(?:=|:|was|of|is|,)?\s*"
    # a bound rather than a value: "I2 > 75%", "I-square value more than 40%", "I² ≤ 75%"
    r"(?P<op>>=|<=|\u2265|\u2264|>|<|more\s+than|greater\s+than|above|over|at\s+least|"
    r"less\s+than|below|under)?\s*"
    r"(?P<value>\d{1,3}(?:[.\u00b7]\d+)?)\s*%",
    re.IGNORECASE,
)
_UPPER_BOUND = ("<", "<=", "\u2264", "less", "below", "under")


def i_squared(text: str) -> list[tuple[float, str]]:
    """I² values written in ``text`` (percent) with the words they came from. A lower bound
    ("I2 > 75%") counts as its value; an upper bound ("I² ≤ 75%") says only that
    heterogeneity is at most that, so it is left out."""
    out = []
    for match in _I2.finditer(text):
        op = (match.group("op") or "").lower()
        if op.startswith(_UPPER_BOUND):
            continue
        value = _number(match.group("value"))
        if value is not None and 0 <= value <= 100:
            out.append((value, match.group(0)))
    return out


def i_squared_owners(text: str, found: list[Effect]) -> list[Effect | None]:
    """For each I² of :func:`i_squared` (same order), the estimate written last before it in
    ``text``, or None. A review's abstract or note that reports several outcomes writes each
    I² after the estimate it belongs to ("anxiety SMD -0.35 (-0.65 to -0.05), I2 0%"); GRADE
    judges inconsistency per outcome (GRADE guidelines 7), so an I² is read as that
    estimate's."""
    spans: list[tuple[int, Effect]] = []
    cursor = 0
    for effect in found:
        at = text.find(effect.text, cursor)
        if at < 0:
            continue
        spans.append((at + len(effect.text), effect))
        cursor = at
    owners: list[Effect | None] = []
    for match in _I2.finditer(text):
        if (match.group("op") or "").lower().startswith(_UPPER_BOUND):
            continue
        value = _number(match.group("value"))
        if value is None or not 0 <= value <= 100:
            continue
        before = [effect for end, effect in spans if end <= match.start()]
        owners.append(before[-1] if before else None)
    return owners


def same_estimate(a: Effect, b: Effect) -> bool:
    """Whether two estimates are the same numbers (the same outcome's result written twice)."""
    return (a.value, a.low, a.high) == (b.value, b.low, b.high)


# --- counts ----------------------------------------------------------------------------------
_WORD_NUMBERS = {
    "one": 1, "a single": 1, "single": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50,
}  # fmt: skip
_COUNT = (
    r"(?P<n>\d{1,3}(?:,\d{3})+|\d+|"
    + "|".join(re.escape(w) for w in sorted(_WORD_NUMBERS, key=len, reverse=True))
    + r")"
)

Design = Literal["randomized", "observational", "diagnostic", "other"]
_DESIGNS: tuple[tuple[str, Design], ...] = (
    (r"randomi[sz]ed\s+(?:controlled\s+|clinical\s+|placebo-controlled\s+|cluster\s+)*"
     r"(?:trials?|studies)", "randomized"),
    (r"(?:cluster-)?rcts?|crcts?", "randomized"),
    (r"(?:placebo-)?controlled\s+trials?|clinical\s+trials?", "randomized"),
    (r"(?:prospective\s+|retrospective\s+|population-based\s+)*cohort\s+studies|"
     r"(?:prospective\s+|retrospective\s+)*cohort\s+study|cohorts", "observational"),
    # test accuracy designs named as such come first: "5 cross-sectional accuracy studies",
    # "12 cross-sectional (cohort type) accuracy studies" start high (GRADE guidelines 21 part 1)
    (r"(?:cross-sectional\s+|cohort\s+|case[-\s]control\s+)?(?:\(cohort[\s-]type\)\s+)?"
     r"(?:diagnostic\s+)?(?:test\s+)?accuracy\s+stud(?:y|ies)", "diagnostic"),
    (r"case[-\s]control\s+stud(?:y|ies)", "observational"),
    (r"cross-sectional\s+(?:studies|study|surveys?)", "observational"),
    (r"observational\s+stud(?:y|ies)|non-?randomi[sz]ed\s+stud(?:y|ies)", "observational"),
    # Balshem et al. 2011 (GRADE guidelines 3): studies that follow people over time without
    # assigning the exposure are observational, whatever the word: "one longitudinal study"
    (r"longitudinal\s+(?:cohort\s+)?stud(?:y|ies)", "observational"),
    (r"trials?", "randomized"),
    (r"stud(?:y|ies)", "other"),
)  # fmt: skip
_STUDY = assessment_pattern(
    r"(?<![\w.,])" + _COUNT + r"\s+(?:(?:small|large|published|eligible|included|further|"
    r"more|other|separate|independent|matched|nested|population-based)\s+)?"
    r"(?P<design>" + "|".join(f"(?:{p})" for p, _d in _DESIGNS) + r")(?![\w-])",
    re.IGNORECASE,
)
_DESIGN_RES = [(assessment_pattern(p + r"$", re.IGNORECASE), d) for p, d in _DESIGNS]


@dataclass(frozen=True, slots=True)
class StudyCount:
    n: int
    design: Design
    text: str


def _count_value(raw: str) -> int | None:
    raw = " ".join(raw.lower().split())
    if raw in _WORD_NUMBERS:
        return _WORD_NUMBERS[raw]
    raw = raw.translate(_THOUSANDS_SPACES)
    return int(raw) if raw.isdigit() and len(raw) <= 9 else None


def study_counts(text: str) -> list[StudyCount]:
    """How many studies of which design ``text`` names ("27 randomized trials")."""
    out = []
    for match in _STUDY.finditer(text):
        n = _count_value(match.group("n"))
        if not n:
            continue
        words = match.group("design")
        if 1900 <= n <= 2100 and not words.lower().endswith(("s", "ies")):
            continue  # "the Althabe 2015 trial": a year before one study, not 2015 studies
        design: Design = "other"
        for pattern, d in _DESIGN_RES:
            if pattern.match(words):
                design = d
                break
        out.append(StudyCount(n, design, match.group(0)))
    return out


_NAMED_DESIGN = assessment_pattern(
    r"(?<![\w-])(?P<design>" + "|".join(f"(?:{p})" for p, _d in _DESIGNS) + r")(?![\w-])",
    re.IGNORECASE,
)
_DESIGN_STEMS = ("stud", "trial", "rct", "cohort")


def named_designs(text: str) -> dict[Design, str]:
    """The designs ``text`` names with or without a count ("from longitudinal and
    cross-sectional studies"), each with the first words that name it; "other" (a bare
    "studies") is left out."""
    lowered = text.lower()
    if not any(stem in lowered for stem in _DESIGN_STEMS):
        return {}
    out: dict[Design, str] = {}
    for match in _NAMED_DESIGN.finditer(text):
        words = match.group("design")
        for pattern, d in _DESIGN_RES:
            if pattern.match(words):
                if d != "other" and d not in out:
                    out[d] = words
                break
    return out


# People: a number, up to four words (no verbs or prepositions that start a new phrase), then
# a noun for people. "4,100 airline cabin crew", "12,500 nurses", "904 children".
PEOPLE = (
    "participants", "patients", "people", "persons", "individuals", "subjects", "adults",
    "children", "infants", "babies", "newborns", "neonates", "adolescents", "teenagers",
    "students", "pupils", "women", "men", "mothers", "girls", "boys", "smokers", "drinkers",
    "users", "non-users", "volunteers", "respondents", "cases", "controls", "nurses",
    "doctors", "physicians", "workers", "employees", "crew", "travellers", "travelers",
    "soldiers", "veterans", "athletes", "residents", "inpatients", "outpatients", "survivors",
    "pregnancies", "families", "households", "twins", "elderly", "runners", "consumers",
    "caregivers", "carers", "parents", "couples", "dyads", "clients", "births", "deliveries",
    "eyes",
)  # fmt: skip
_BREAKERS = (
    "trials", "trial", "studies", "study", "rcts", "rct", "in", "of", "with", "from", "at",
    "and", "or", "per", "who", "were", "was", "had", "to", "than", "versus", "vs",
    "fewer", "more",  # "3 fewer cases per 1000" is an absolute effect, not people
)  # fmt: skip
SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
"""Words that multiply the number before them: "over 50 million participants" is fifty
million people, not fifty (nor a 50 that a small-sample rule would read as a small body)."""
SPACED_THOUSANDS = r"\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?![\d,.])"
"""A number whose thousands are set off by a space, as SI style and several journals write
them ("10 000 participants", "12 625 people"); read whole, not as its first group."""
_THOUSANDS_SPACES = str.maketrans("", "", " \u00a0\u2009\u202f,")
SCALED_NUMBER = r"\d{1,4}(?:\.\d{1,3})?(?=\s+(?:" + "|".join(SCALES) + r")\b)"
"""A number written before one of :data:`SCALES` ("50 million", "1.2 billion"), as a regular
expression that leaves the scale word unmatched."""
_PEOPLE = assessment_pattern(
    r"(?<![\w.,])(?:about|around|approximately|nearly|almost|over|more\s+than|some)?\s*"
    r"(?P<n>\d{1,3}(?:,\d{3})+|" + SPACED_THOUSANDS + r"|" + SCALED_NUMBER + r"|\d+)\s+"
    r"(?P<between>(?:(?!(?:" + "|".join(_BREAKERS) + r")\b)[\w'-]+\s+){0,3}?)"
    r"(?P<noun>" + "|".join(re.escape(p) for p in PEOPLE) + r")(?![\w-])"
    r"|(?<![\w])(?:adjusted\s+)?n\s*=\s*(?P<n2>\d{1,3}(?:,\d{3})+|\d+)",
    re.IGNORECASE,
)


_CASES_AND_CONTROLS = assessment_pattern(
    r"(?<![\w.,])(?P<cases>\d{1,3}(?:,\d{3})+|\d+)\s+cases\s+(?:and|with|plus|versus|vs\.?)\s+"
    r"(?P<controls>\d{1,3}(?:,\d{3})+|\d+)\s+(?:matched\s+)?controls\b",
    re.IGNORECASE,
)


def _scaled(raw: str, scale: int) -> int | None:
    """``raw`` ("50", "1.2", "12,500") times ``scale`` (a million for "1.2 million")."""
    try:
        return round(float(raw.replace(",", "")) * scale) or None
    except ValueError:
        return None


def people_counts(text: str) -> list[tuple[int, str]]:
    """Participant counts in ``text`` with the words they came from. A case-control study's
    participants are its cases and controls together ("261 cases and 363 controls": 624)."""
    out = []
    for match in _PEOPLE.finditer(text):
        raw = match.group("n") or match.group("n2")
        if raw is None:
            continue
        between = (match.group("between") or "").lower().split()
        scale = SCALES.get(between[0]) if between else None
        value = _scaled(raw, scale) if scale else _count_value(raw)
        if value:
            out.append((value, match.group(0).strip()))
    for match in _CASES_AND_CONTROLS.finditer(text):
        cases, controls = _count_value(match.group("cases")), _count_value(match.group("controls"))
        if cases and controls:
            out.append((cases + controls, match.group(0)))
    return out


# --- event counts and the optimal information size ------------------------------------------
_EVENTS = assessment_pattern(
    r"(?<![\d/.,])(?P<events>\d{1,3}(?:,\d{3})*|\d+)\s*/\s*(?P<total>\d{1,3}(?:,\d{3})+|\d+)(?![\d/])"
)
_RISK_PER_1000 = assessment_pattern(
    r"(?<![\d.,])(?P<risk>\d{1,4}(?:[.\u00b7]\d+)?)(?:\s+(?:to|versus|vs\.?|and)\s+\d{1,4}"
    r"(?:[.\u00b7]\d+)?)?\s+per\s+1[,\s]?000\b"
    # a rate per 1000 person-years is not a risk
    r"(?!\s*(?:person|patient|people|participant|woman|women|man|men|child|children)?[- ]?years?)",
    re.IGNORECASE,
)
MIN_EVENT_TOTAL = 20
"""Fewer participants than this in an "a/b" pair is more likely a date or a score than events."""


def event_risks(text: str) -> list[tuple[float, str]]:
    """Risks of a binary outcome written in ``text`` (events/participants pairs, then risks per
    1000), as fractions with the words they came from; the first is taken as the comparison
    group's by the caller when nothing else says which is which."""
    found: list[tuple[float, str]] = []
    for match in _EVENTS.finditer(text):
        events = _number(match.group("events").replace(",", ""))
        total = _number(match.group("total").replace(",", ""))
        if events is None or total is None or total < MIN_EVENT_TOTAL or not 0 < events < total:
            continue
        if events <= 31 and 1900 <= total <= 2100:
            continue  # a date ("12/2019"), not events
        found.append((events / total, match.group(0)))
    for match in _RISK_PER_1000.finditer(text):
        risk = _number(match.group("risk"))
        if risk is not None and 0 < risk < 1000:
            found.append((risk / 1000.0, match.group(0)))
    return found


_ABSOLUTE = assessment_pattern(
    r"(?<![\d.,])(?P<value>\d{1,4}(?:,\d{3})?(?:[.\u00b7]\d+)?)\s*(?P<value_dir>fewer|more|less)"
    r"\s+(?:[a-z]+\s+){0,2}per\s+1[,\s]?000\b",
    re.IGNORECASE,
)
MIN_RELATIVE_CHANGE = 0.05
"""A ratio closer to 1 than this gives no usable baseline risk from an absolute effect."""


def implied_risks(text: str, found: list[Effect]) -> list[tuple[float, str]]:
    """Comparison-group risks implied by a risk ratio and the absolute effect written with it
    ("RR 0.69 ...; 29 fewer per 1000"): a summary-of-findings table computes the absolute
    effect as risk x (1 - RR), so the risk is the absolute effect / |1 - RR| (GRADE guidelines
    6 sizes the optimal information size from that risk). Only risk ratios whose direction
    agrees with the absolute effect's ("fewer" below 1, "more" above)."""
    ratios = [e for e in found if e.measure == "RR"]
    if not ratios:
        return []
    ratio = ratios[0].value
    change = abs(1.0 - ratio)
    if change < MIN_RELATIVE_CHANGE:
        return []
    out: list[tuple[float, str]] = []
    for match in _ABSOLUTE.finditer(text):
        value = _signed(match, "value")
        if value is None or value == 0 or (value < 0) != (ratio < 1):
            continue
        risk = abs(value) / 1000.0 / change
        if 0 < risk < 1:
            out.append((risk, f"{match.group(0)} with {ratios[0].measure} {ratio:g}"))
    return out


Z_ALPHA = 1.959964  # two-sided alpha 0.05
Z_BETA = 0.841621  # power 0.80
OIS_RELATIVE_REDUCTION = 0.25
"""The relative risk reduction an adequately powered trial is sized for: GRADE's default
threshold of an appreciable effect (RR 0.75; Guyatt et al. 2011, GRADE guidelines 6)."""


def optimal_information_size(risk: float, rrr: float = OIS_RELATIVE_REDUCTION) -> int | None:
    """Participants (both groups) an adequately powered trial of a binary outcome needs
    (two-sided alpha 0.05, power 0.80) to detect a relative risk reduction ``rrr`` from the
    comparison-group ``risk``: GRADE's optimal information size (Guyatt et al. 2011, GRADE
    guidelines 6, J Clin Epidemiol 64:1283: "the number of patients required for an adequately
    powered individual trial"). None for a risk outside (0, 1)."""
    if not 0 < risk < 1 or not 0 < rrr < 1:
        return None
    p1, p2 = risk, risk * (1 - rrr)
    mean = (p1 + p2) / 2
    root = (
        Z_ALPHA * (2 * mean * (1 - mean)) ** 0.5 + Z_BETA * (p1 * (1 - p1) + p2 * (1 - p2)) ** 0.5
    )
    per_group = root * root / ((p1 - p2) ** 2)
    return 2 * int(-(-per_group // 1))


# --- intervals of separate studies that do not overlap ------------------------------------------
_SEPARATE_STUDY = assessment_pattern(
    # what sets a second study's estimate against a first's: "another trial", "the other
    # cohort", "a second study", "whereas", "in contrast", "conversely"
    r"\b(?:another|the\s+other|a\s+second|the\s+second|a\s+third|other)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:trials?|stud(?:y|ies)|cohorts?|rcts?)\b|\bwhereas\b|\bin\s+contrast\b|\bconversely\b",
    re.IGNORECASE,
)


def disjoint_study_estimates(
    text: str, estimates: Sequence[Effect] | None = None
) -> tuple[Effect, Effect] | None:
    """Two estimates of the same measure whose 95% intervals do not overlap, written as the
    results of separate studies (a second study named, or "whereas", "in contrast" between
    them): GRADE guidelines 7's "confidence intervals show minimal or no overlap" (Guyatt et
    al. 2011, J Clin Epidemiol 64:1294). Estimates of one body for different outcomes ("fewer
    heart attacks (RR 0.80, ...) but more strokes (RR 1.17, ...)") are not set against each
    other by those words and are left alone. ``estimates`` is ``effects(text)`` when the
    caller has it (a claim's own reading holds it)."""
    if estimates is None:
        estimates = effects(text)
    found = [e for e in estimates if e.kind != "proportion"]
    if len(found) < 2:
        return None
    starts = []
    position = 0
    for effect in found:
        at = text.find(effect.text, position)
        starts.append(at if at >= 0 else position)
        position = max(position, starts[-1] + 1)
    for i, first in enumerate(found):
        for j in range(i + 1, len(found)):
            second = found[j]
            if second.measure != first.measure:
                continue
            if not (first.high < second.low or second.high < first.low):
                continue
            between = text[starts[i] + len(first.text) : starts[j]]
            if _SEPARATE_STUDY.search(between):
                return first, second
    return None
