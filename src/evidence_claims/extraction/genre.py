"""The genre a document (or a section of one) is written in, read once before attribution.

Why: an unsourced sentence rests on different ground in different genres. In a research
report the authors' "we" speaks for the study; on an agency's page an unsigned fact is the
agency's; in a forum thread or a personal text it is the writer's own word. The genre is read
from layout and vocabulary signals (structured-abstract labels, "we" + methods verbs,
numbered references, inline "[1]" markers, agency boilerplate, "said X, director of", forum
signatures, first-person experience) listed with their weights in ``data/genres.yaml``, so
the attribution rules can ask one question ("what genre is this?") instead of each guessing
from its own sentence.

Scoring is deliberately simple and transparent: each signal's matches are counted up to its
cap and weighted; the family with the highest score wins, then its kinds (trial, survey,
cohort or systematic-review abstract; agency fact sheet, statement or Q&A) are told apart by
their own signals. The reading keeps the scores and the signals that fired, so a wrong genre
can be traced to the words that made it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from typing import Any

from ..io.pattern_store import compiled

__all__ = [
    "Genre",
    "GenreRules",
    "Voice",
    "build_genre_rules",
    "family_of_label",
    "load_genre_rules",
    "read_genre",
    "voice_of",
]

UNKNOWN = "unknown"
# How much of a document (from the start of the span read) the genre is read from.
WINDOW = 20_000


@dataclass(frozen=True, slots=True)
class _Signal:
    pattern: re.Pattern[str]
    weight: int
    cap: int
    required: bool = False

    def score(self, text: str, start: int, end: int) -> int:
        count = 0
        for _ in self.pattern.finditer(text, start, end):
            count += 1
            if count >= self.cap:
                break
        return count * self.weight


@dataclass(frozen=True, slots=True)
class _Kind:
    label: str
    design: str | None
    signals: tuple[_Signal, ...]
    minimum: int


@dataclass(frozen=True, slots=True)
class _Family:
    name: str
    label: str
    signals: tuple[_Signal, ...]
    kinds: tuple[_Kind, ...]


@dataclass(frozen=True, slots=True)
class GenreRules:
    """The compiled signals of ``data/genres.yaml``."""

    families: tuple[_Family, ...]
    minimum: int
    confident: int = 4
    margin: int = 2


@dataclass(frozen=True)
class Genre:
    """What a document reads as: family ("agency"), kind ("agency fact sheet"), the design of
    the study a research report reports, and the family scores that decided it."""

    family: str
    label: str
    design: str | None = None
    scores: dict[str, int] = field(default_factory=dict)
    # Strong enough to override the per-sentence heuristics (``confident``/``margin`` in
    # data/genres.yaml)?
    confident: bool = False
    # A news text that reads as an agency's page as well (its agency signals reach the
    # ``confident`` score: the agency's name, "for consumers", its question headings) is the
    # agency's own release or newsletter: its unsigned statements are the agency's word.
    agency_release: bool = False

    @cached_property
    def voice(self) -> Voice:
        """The passage's default voice: what an unmarked statement rests on (:class:`Voice`)."""
        return voice_of(self)

    @property
    def known(self) -> bool:
        return self.family != UNKNOWN

    @property
    def research(self) -> bool:
        return self.family == "research_report"

    @property
    def institutional(self) -> bool:
        """Does an unsigned sentence speak for an institution (an agency's page)?"""
        return self.family == "agency" or self.agency_release

    @property
    def personal(self) -> bool:
        """Is an unsourced sentence the writer's own word (a forum post, a personal text)?"""
        return self.family in ("forum", "personal")


@dataclass(frozen=True, slots=True)
class Voice:
    """Who speaks in a passage where a statement names no ground of its own.

    ``ground`` is one of: ``study`` (a research report's own study), ``institution`` (an
    agency's page), ``relayed`` (a journalist relaying others), ``writer`` (an essay, a
    review's narrative, a personal text), ``summary`` (an encyclopedia's unsourced summary),
    ``posters`` (a forum thread's users) or ``unknown``. ``confidence`` is the genre reading's
    margin over the runner-up family, as a share of the winner's score (0 when unread).
    ``carries``: does an unmarked statement go on with the source the sentence before it
    named? Not in an encyclopedia read with confidence, whose citations are markers that stay
    with their sentence (docs/extraction-decisions.md, 41): there an unmarked sentence is the
    encyclopedia's own summary, resting on no named source (measured on the tuning passages'
    design half, benchmarks/default_voice.py: every such carried statement was annotated
    ``unsourced_assertion``, and so on the check half).
    """

    ground: str
    confidence: float
    carries: bool = True


# Genre family -> the ground its unmarked statements rest on.
_GROUNDS = {
    "research_report": "study",
    "agency": "institution",
    "news": "relayed",
    "narrative_review": "writer",
    "personal": "writer",
    "encyclopedia": "summary",
    "forum": "posters",
}


def voice_of(genre: Genre) -> Voice:
    """The default voice of a passage read as ``genre``."""
    # (a news text that reads as an agency's own release speaks for the agency)
    ground = "institution" if genre.institutional else _GROUNDS.get(genre.family, UNKNOWN)
    top = genre.scores.get(genre.family, 0)
    runner_up = max((v for k, v in genre.scores.items() if k != genre.family), default=0)
    confidence = max(0.0, min(1.0, (top - max(runner_up, 0)) / top)) if top > 0 else 0.0
    carries = not (ground == "summary" and genre.confident)
    return Voice(ground, round(confidence, 3), carries)


def _signals(items: list[dict[str, Any]] | None) -> tuple[_Signal, ...]:
    out = []
    for item in items or []:
        flags = re.MULTILINE | (0 if item.get("case") else re.IGNORECASE)
        out.append(
            _Signal(
                compiled(item["pattern"], flags),
                int(item["weight"]),
                int(item["cap"]),
                bool(item.get("required", False)),
            )
        )
    return tuple(out)


def build_genre_rules(data: dict[str, Any]) -> GenreRules:
    families = []
    for name, spec in (data.get("families") or {}).items():
        kinds = tuple(
            _Kind(
                kind["label"],
                kind.get("design"),
                _signals(kind.get("signals")),
                int(kind.get("minimum", 1)),
            )
            for kind in spec.get("kinds") or []
        )
        families.append(_Family(name, spec["label"], _signals(spec.get("signals")), kinds))
    return GenreRules(
        tuple(families),
        int(data.get("minimum", 1)),
        int(data.get("confident", 4)),
        int(data.get("margin", 2)),
    )


@lru_cache(maxsize=1)
def load_genre_rules() -> GenreRules:
    from ..model.data_yaml import load_data_yaml

    text = resources.files("evidence_claims").joinpath("data/genres.yaml").read_text("utf-8")
    return build_genre_rules(load_data_yaml(text))


def read_genre(
    text: str, start: int = 0, end: int | None = None, rules: GenreRules | None = None
) -> Genre:
    """The genre of ``text[start:end]`` (a whole document, or one section of it).

    Only the first :data:`WINDOW` characters of the span are read: a genre shows in a
    document's opening (title, labels, first sections) and the signals' caps are reached
    long before; reading a book-length text whole would cost more than attributing it.
    """
    rules = rules or load_genre_rules()
    stop = min(len(text) if end is None else end, start + WINDOW)
    scores = {family.name: _family_score(family, text, start, stop) for family in rules.families}
    best = max(rules.families, key=lambda f: scores[f.name], default=None)
    if best is None or scores[best.name] < rules.minimum:
        return Genre(UNKNOWN, UNKNOWN, scores=scores)
    top = scores[best.name]
    runner_up = max((v for k, v in scores.items() if k != best.name), default=0)
    confident = top >= rules.confident and top - runner_up >= rules.margin
    release = best.name == "news" and scores.get("agency", 0) >= rules.confident
    kind = _kind(best, text, start, stop)
    if kind is None:
        return Genre(best.name, best.label, None, scores, confident, release)
    return Genre(best.name, kind.label, kind.design, scores, confident, release)


def _family_score(family: _Family, text: str, start: int, stop: int) -> int:
    """The family's weighted, capped signal count; 0 when it has required signals and none
    of them occurs."""
    total, required, found = 0, False, False
    for signal in family.signals:
        score = signal.score(text, start, stop)
        total += score
        if signal.required:
            required = True
            found = found or score > 0
    return 0 if required and not found else total


def _kind(family: _Family, text: str, start: int, stop: int) -> _Kind | None:
    """The family's kind whose signals score most (the first listed on a tie); a kind that
    needs a minimum score and misses it is passed over; none scoring: the last (default)."""
    if not family.kinds:
        return None
    best, best_score = None, 0
    for kind in family.kinds:
        score = sum(s.score(text, start, stop) for s in kind.signals)
        if score >= kind.minimum and score > best_score:
            best, best_score = kind, score
    return best or family.kinds[-1]


# Gold labels ("narrative review (numbered references)", "news report with quoted experts")
# mapped to the family they belong to, for measuring the reader against annotated genres.
_FAMILY_WORDS = (
    ("research_report", ("abstract", "trial", "survey", "cohort", "meta-analysis")),
    ("narrative_review", ("narrative review", "review")),
    ("encyclopedia", ("encyclopedia", "encyclopaedia", "wikipedia")),
    ("agency", ("agency", "fact sheet", "government", "regulator", "press release")),
    ("news", ("news", "feature", "newsletter")),
    ("forum", ("forum", "thread", "talk page")),
    ("personal", ("personal", "blog", "first-person")),
)


def family_of_label(label: str) -> str:
    """The family an annotated genre label names ("unknown" when none fits)."""
    low = label.lower()
    for family, words in _FAMILY_WORDS:
        if any(word in low for word in words):
            return family
    return UNKNOWN
