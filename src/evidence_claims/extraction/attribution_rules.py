"""The cue rules of ``data/attribution.yaml``, compiled, and the scan that finds them in a text.

The source-type names the attribution rules speak of are defined here too, so every part of
the attribution reads them from one place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from ..io.pattern_store import cached_pattern, fingerprint
from . import caseless, derivative, first_chars
from .caseless import Unsupported, fold, lower_pattern
from .first_chars import dispatched, lower_starts

UNSOURCED = "unsourced_assertion"
# Cue families that are not source types, in scan order (at one position the first wins):
# judgements, planned research (before anaphora: "such a trial could start"), back-references,
# first-person study reports, and the line that says who issued the document.
MARKERS = (
    "judgement",
    "irrealis",
    "anaphora",
    "own_study",
    "report",
    "gap",
    "voice",
    "unsourced",
)
STUDY_TYPES = frozenset(
    {
        "systematic_review",
        "clinical_trial",
        "observational_study",
        "animal_study",
        "in_vitro",
        "case_report",
    }
)
EXPERT = "expert_opinion"
AUTHORITY = "authority_statement"
ANECDOTAL = "anecdotal_report"
REVIEW = "systematic_review"


@dataclass(frozen=True, slots=True)
class CueHit:
    type: str  # a source type, or "anaphora" / "judgement"
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class AttributionRules:
    """The cue alternatives of ``data/attribution.yaml``, compiled for one scan of a text.

    ``pattern`` is every alternative in order, matched case-insensitively on the original
    text; it is compiled from ``source`` when first needed (only a text that cannot be folded
    needs it; compiling it costs about 25 ms of every run). For speed the same alternatives
    are also split in two: ``folded`` holds those that can match lower-cased text (see
    :mod:`.caseless`), ``cased`` those with a case-sensitive part ("RCT", "I", "FDA").
    :meth:`scan` runs both and merges them into exactly what ``pattern`` finds: the leftmost
    match wins and, at one position, the alternative listed first; each alternative ends in an
    empty group ``a<index>`` that names it. ``folded`` is split by first character
    (:mod:`.first_chars`), where copies are named ``a<index>_<copy>``.
    """

    source: str  # the source of ``pattern``
    types: tuple[str, ...]  # alternative index -> type
    opens_passage: frozenset[str]
    population: frozenset[str]
    folded: re.Pattern[str] | None = None
    cased: re.Pattern[str] | None = None
    reporting: re.Pattern[str] | None = None  # a reporting verb (authority_reporting_verbs)
    _compiled: dict[str, re.Pattern[str]] = field(default_factory=dict, repr=False, compare=False)

    @property
    def pattern(self) -> re.Pattern[str]:
        """Every alternative in order, case-insensitive, on the original text."""
        exact = self._compiled.get("exact")
        if exact is None:
            exact = self._compiled["exact"] = re.compile(self.source, re.IGNORECASE)
        return exact

    def scan(self, document: str, folded: str | None = None) -> list[CueHit]:
        """Every cue in ``document``; ``folded`` is ``caseless.fold(document)`` if known."""
        if folded is None:
            folded = fold(document)
        if folded is None or self.folded is None:
            return self._hits(self.pattern.finditer(document))
        if self.cased is None:
            return self._hits(self.folded.finditer(folded))
        return self._hits(_merge(self.folded, folded, self.cased, document))

    def _hits(self, matches: Iterable[re.Match[str]]) -> list[CueHit]:
        types = self.types
        return [CueHit(types[_index(m)], m.start(), m.end()) for m in matches]


def _index(match: re.Match[str]) -> int:
    # The group ``a<index>`` or, for a copy in the first-character dispatch, ``a<index>_<copy>``.
    return _group_index(match.lastgroup)  # type: ignore[arg-type]


@lru_cache(maxsize=4096)  # a few hundred group names, read for every cue found
def _group_index(name: str) -> int:
    return int(name[1:].partition("_")[0])


def _merge(
    first: re.Pattern[str], first_text: str, second: re.Pattern[str], second_text: str
) -> Iterator[re.Match[str]]:
    """The matches one alternation of both patterns' alternatives would find, in order."""
    a = first.search(first_text)
    b = second.search(second_text)
    a_key = None if a is None else (a.start(), _index(a))  # read once per match
    b_key = None if b is None else (b.start(), _index(b))
    while a is not None or b is not None:
        first_wins = b is None or (a is not None and a_key < b_key)  # type: ignore[operator]
        chosen = a if first_wins else b
        yield chosen  # type: ignore[misc]
        position = chosen.end()  # type: ignore[union-attr]
        if a is not None and a.start() < position:
            a = first.search(first_text, position)
            a_key = None if a is None else (a.start(), _index(a))
        if b is not None and b.start() < position:
            b = second.search(second_text, position)
            b_key = None if b is None else (b.start(), _index(b))


@lru_cache(maxsize=1)
def load_rules() -> AttributionRules:
    from ..model.data_yaml import load_data_yaml

    text = resources.files("evidence_claims").joinpath("data/attribution.yaml").read_text("utf-8")
    return build_rules(load_data_yaml(text))


def build_rules(data: dict[str, Any]) -> AttributionRules:
    from ..model.taxonomy import source_type_names

    known = set(source_type_names())
    sections: list[tuple[str, list[str]]] = [
        (name, data.get(name) or []) for name in ("judgement", *MARKERS[1:])
    ]
    opens, population = set(), set()
    specs = data.get("types") or {}
    # Population types first: at one position "Animal studies" is an animal study, not a study.
    ordered = sorted(specs.items(), key=lambda item: not item[1].get("population", False))
    for name, spec in ordered:
        if name not in known:
            raise ValueError(f"attribution.yaml: {name!r} is not a source type of the taxonomy")
        sections.append((name, spec.get("cues") or []))
        if spec.get("opens_passage"):
            opens.add(name)
        if spec.get("population"):
            population.add(name)
    alternatives = [(name, p) for name, patterns in sections for p in patterns]
    types = tuple(name for name, _p in alternatives)
    exact = [f"(?:{p})(?P<a{i}>)" for i, (_name, p) in enumerate(alternatives)]
    lowered: list[tuple[int, str]] = []
    cased: list[tuple[int, str]] = []
    starts: set[str] | None = set()
    for i, (_name, p) in enumerate(alternatives):
        try:
            lowered.append((i, lower_pattern(p)))
        except Unsupported:
            cased.append((i, p))
            letters = lower_starts(p, re.IGNORECASE)
            starts = None if starts is None or letters is None else starts | letters
    verbs = "|".join(f"(?:{v})" for v in data.get("authority_reporting_verbs") or [])
    return AttributionRules(
        _guard(exact),
        types,
        frozenset(opens),
        frozenset(population),
        # The grouped forms and their compilation are most of the rules' start-up: kept on
        # disk between runs (..io.pattern_store), looked up by the patterns they are made from.
        folded=cached_pattern(
            ("attribution folded", lowered),
            _BUILD_CODE,
            lambda: _guard([dispatched(lowered, word_start=True)]),
        )
        if lowered
        else None,
        cased=cached_pattern(
            ("attribution cased", cased, sorted(starts) if starts is not None else None),
            _BUILD_CODE,
            # One level: the few case-sensitive cues gain nothing from more, and each level
            # costs start-up time.
            lambda: _guard(
                [dispatched(cased, re.IGNORECASE, word_start=True, depth=1)], _skip_lower(starts)
            ),
            re.IGNORECASE,
        )
        if cased
        else None,
        reporting=re.compile(rf"\b(?:{verbs})\b", re.IGNORECASE) if verbs else None,
    )


# The code that turns the cues into the grouped alternations (..io.pattern_store).
_BUILD_CODE = fingerprint(__file__, caseless.__file__, derivative.__file__, first_chars.__file__)


def _guarded(alternatives: list[str], flags: int = 0, prefilter: str = "") -> re.Pattern[str]:
    return re.compile(_guard(alternatives, prefilter), flags)


def _guard(alternatives: list[str], prefilter: str = "") -> str:
    # One guard for all alternatives: a cue starts a word and ends one. Checking it once, before
    # the alternation, lets the scan skip the positions inside words cheaply.
    body = "|".join(alternatives)
    return rf"(?<![\w-])(?=[\w“\"]){prefilter}(?:{body})(?!\w)"


def _skip_lower(starts: set[str] | None) -> str:
    """A lookahead that passes every character but the ASCII lower-case letters no
    alternative can start with (``starts`` holds those that can; None: any can).

    The case-sensitive cues start with a capital ("RCT", "Dr"), a digit or a few lower-case
    words ("said", "according"): most word starts of running text hold none of them, and
    one character class rejects them before the alternation is tried alternative by
    alternative (about a fifth of that scan's time).
    """
    if starts is None or len(starts) == 26:
        return ""
    allowed = "".join(sorted(starts))
    return rf"(?=(?-i:[^a-z]|[{allowed}]))" if allowed else r"(?=(?-i:[^a-z]))"


# A design cue that names people as its population ("a trial in adults", "studies in
# humans", "research in people").
_PEOPLE = r"(?:humans?|people|adults|patients|children|women|men|volunteers|participants)\b"
_HUMANS = re.compile(rf"\b{_PEOPLE}", re.I)
_HUMANS_AFTER = re.compile(
    rf"\s+(?:in|of|among|with|involving)\s+(?:[\w,-]+\s+){{0,2}}?{_PEOPLE}", re.I
)


def choose_cue(hits: Sequence[CueHit], rules: AttributionRules, text: str | None = None) -> CueHit:
    """The cue that decides a statement's type: an animal or cell population over a design
    ("a randomized trial in mice"), unless (with ``text``) another cue names research in
    people: "tested in rats and in a trial in adults", "studies in rats suggest X, but
    research in humans has shown mixed results" record the human evidence, the stronger
    ground for a claim about people (docs/extraction-decisions.md, 18 and 25)."""
    for hit in hits:
        if hit.type in rules.population:
            if text is not None:
                human = next(
                    (
                        h
                        for h in hits
                        if h.type in STUDY_TYPES
                        and h.type not in rules.population
                        and (
                            _HUMANS.search(text, h.start, h.end) or _HUMANS_AFTER.match(text, h.end)
                        )
                    ),
                    None,
                )
                if human is not None:
                    return human
            return hit
    return hits[0]


_POINTER = re.compile(r"^(?:this|our|the\s+present|the\s+current)\s+", re.I)


_NO_DESIGN = re.compile(r"a\s+(?:study|analysis|investigation|paper|review)", re.I)


def voice_design(document: str, cue: CueHit, rules: AttributionRules) -> CueHit | None:
    """The design a report-voice cue's own words name ("This systematic review", "the
    present trial", "our cohort study"), as a cue over the same span; None when it names
    none ("this study"). The scan finds one cue per span, so the voice cue hides it."""
    # The pointer ("this", "our", "the present") makes the words a report cue again: read
    # them after an indefinite article, as a design is named anywhere else ("a trial").
    words = _POINTER.sub("a ", document[cue.start : cue.end], count=1)
    if _NO_DESIGN.fullmatch(words):
        return None  # "this study", "the present analysis": a study, no design named
    found = next((h.type for h in rules.scan(words) if h.type in STUDY_TYPES), None)
    return None if found is None else CueHit(found, cue.start, cue.end)
