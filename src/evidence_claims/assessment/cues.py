"""Word lists the detectors match, read once from ``data/assessment_cues.yaml`` and taxonomy cues.

Each list becomes one compiled, case-insensitive regular expression of whole words, longest
phrases first, so that matching a claim costs one scan per list whatever the list's length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from ..io.pattern_store import ASSESSMENT
from ..io.pattern_store import compiled as stored
from ..model.taxonomy import source_types
from .estimates import SCALED_NUMBER, SCALES, SPACED_THOUSANDS


@dataclass(frozen=True, slots=True)
class Lexicon:
    """A named list of cue phrases, compiled for whole-word matching.

    The expression is compiled when first searched (:attr:`pattern`): compiling the lists
    took about a third of the regular expressions a validation compiles, and a list none of
    whose words is in any text of a run (:meth:`may_match`) is never searched."""

    name: str
    phrases: tuple[str, ...]
    source: str
    """The regular expression of :func:`phrase_pattern`, compiled by :attr:`pattern`."""
    case_sensitive: bool = False
    first_words: frozenset[str] | None = None
    """The first word of every phrase, when each is a whole word (see :func:`may_match`)."""
    words_after: dict[str, tuple[frozenset[str], ...]] | None = None
    """For each first word, the words of each phrase that starts with it (see
    :func:`phrase_words`)."""
    _compiled: list[re.Pattern[str]] = field(default_factory=list, compare=False, repr=False)

    @property
    def pattern(self) -> re.Pattern[str]:
        """:attr:`source` compiled, once."""
        compiled = self._compiled
        if not compiled:
            compiled.append(stored(self.source, store=ASSESSMENT))
        return compiled[0]

    def may_match(self, lowered: str) -> bool:
        """False when no phrase can match the lower-cased text: none of the phrases' first
        words is a word of it, or no phrase has all its words in it. Set lookups instead of
        a scan of the text per list (most claims hold a cue of few of the lists, and a
        scan that finds nothing cost 2-5 µs)."""
        first = self.first_words
        if first is None:
            return True
        words = words_in(lowered)
        if first.isdisjoint(words):
            return False
        after = self.words_after
        if after is None:
            return True
        for word in first.intersection(words):
            for needed in after[word]:
                if needed <= words:
                    return True
        return False

    def find(self, text: str, lowered: str | None = None) -> str | None:
        """The first cue in ``text`` (as written there), or None.

        ``lowered`` is ``text.lower()`` when the caller has it already: a claim's text is
        matched against several lists, and lower-casing it once saves a copy per list.
        """
        if self.case_sensitive:
            match = self.pattern.search(text)
            return match.group(0) if match else None
        # Lower-casing once and matching without re.IGNORECASE is about three times faster.
        if lowered is None:
            lowered = text.lower()
        if not self.may_match(lowered):
            return None
        match = self.pattern.search(lowered)
        if match is None:
            return None
        same_length = len(lowered) == len(text)
        return text[match.start() : match.end()] if same_length else match.group(0)


def compile_phrases(
    phrases: tuple[str, ...] | list[str],
    *,
    case_sensitive: bool = False,
    not_before: tuple[str, ...] = (),
    not_after: tuple[str, ...] = (),
) -> re.Pattern[str]:
    """A whole-word alternation of the phrases (spaces match any blank), case-insensitive
    unless asked; ``not_before`` lists words that may not follow a match, ``not_after`` words
    that may not come just before it (one blank between)."""
    return stored(
        phrase_pattern(
            phrases, case_sensitive=case_sensitive, not_before=not_before, not_after=not_after
        ),
        store=ASSESSMENT,
    )


def phrase_pattern(
    phrases: tuple[str, ...] | list[str],
    *,
    case_sensitive: bool = False,
    not_before: tuple[str, ...] = (),
    not_after: tuple[str, ...] = (),
) -> str:
    """The source of :func:`compile_phrases`, not compiled."""
    fold = (lambda s: s) if case_sensitive else str.lower
    ordered = sorted({fold(p.strip()) for p in phrases if p.strip()}, key=lambda p: (-len(p), p))
    if not ordered:
        return r"(?!x)x"  # matches nothing
    parts = [r"\s+".join(re.escape(word) for word in p.split()) for p in ordered]
    guard = ""
    if not_before:
        guard = r"(?!\s+(?:" + "|".join(re.escape(w) for w in not_before) + r")(?![\w-]))"
    before = "".join(
        rf"(?<!(?<![\w-]){re.escape(fold(w))}{blank})" for w in not_after for blank in (" ", "\n")
    )
    # Case-insensitive patterns are matched against lower-cased text (see Lexicon.find).
    return before + r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])" + guard


_WORD = re.compile(r"[\w-]+")
_WORDS: dict[str, frozenset[str]] = {}
_WORDS_KEPT = 4096


def words_in(lowered: str) -> frozenset[str]:
    """The whole words (runs of word characters and hyphens) of a lower-cased text, kept for
    the last few thousand texts: a claim's text is tested against many lists."""
    found = _WORDS.get(lowered)
    if found is None:
        if len(_WORDS) >= _WORDS_KEPT:
            _WORDS.clear()
        found = _WORDS[lowered] = frozenset(_WORD.findall(lowered))
    return found


def first_words(phrases: tuple[str, ...] | list[str]) -> frozenset[str] | None:
    """The lower-cased first word of each phrase, or None when one is not a whole word.

    A phrase compiled by :func:`compile_phrases` matches only where no word character or
    hyphen comes before it, and its last word is followed by none either: so the leading run
    of word characters and hyphens of its first word ("dose" of "dose–response") is a whole
    word of the text, one of its :func:`words_in`. A phrase that starts with another
    character ("(n") cannot be prefiltered."""
    out = set()
    for phrase in phrases:
        words = phrase.strip().lower().split()
        if not words:
            continue
        lead = _WORD.match(words[0])
        if lead is None:
            return None
        out.add(lead.group(0))
    return frozenset(out)


def phrase_words(phrases: tuple[str, ...] | list[str]) -> dict[str, tuple[frozenset[str], ...]]:
    """For each first word of :func:`first_words`, the whole words each phrase starting with
    it needs in the text (call only when :func:`first_words` is not None).

    In a match of a pattern of :func:`compile_phrases`, each word of the phrase is bounded by
    blanks or by the pattern's guards (no word character or hyphen on either side), so every
    run of word characters and hyphens in a phrase word is a whole word of the text, one of
    its :func:`words_in`: a phrase whose runs are not all there cannot match."""
    out: dict[str, list[frozenset[str]]] = {}
    for phrase in phrases:
        words = phrase.strip().lower().split()
        if not words:
            continue
        lead = _WORD.match(words[0])
        assert lead is not None, "phrase_words() of phrases first_words() cannot index"
        runs = frozenset(run for word in words for run in _WORD.findall(word))
        out.setdefault(lead.group(0), []).append(runs)
    return {first: tuple(needs) for first, needs in out.items()}


@cache
def _data() -> dict[str, Any]:
    from ..model.data_yaml import load_data_yaml

    text = (
        resources.files("evidence_claims").joinpath("data/assessment_cues.yaml").read_text("utf-8")
    )
    data = load_data_yaml(text)
    if not isinstance(data, dict):
        raise RuntimeError("evidence_claims/data/assessment_cues.yaml is not a mapping")
    return data


@cache
def lexicon(name: str) -> Lexicon:
    """A list of ``assessment_cues.yaml``, or ``type:NAME`` for a source type's taxonomy cues."""
    if name.startswith("type:"):
        phrases = tuple(source_types()[name[5:]].cues)
    else:
        phrases = tuple(str(p) for p in _data()[name])
    not_before = tuple(str(w) for w in _data().get(f"{name}_not_before", ()) or ())
    not_after = tuple(str(w) for w in _data().get(f"{name}_not_after", ()) or ())
    case_sensitive = name == "first_person"
    source = phrase_pattern(
        phrases, case_sensitive=case_sensitive, not_before=not_before, not_after=not_after
    )
    first = None if case_sensitive else first_words(phrases)
    after = phrase_words(phrases) if first is not None else None
    return Lexicon(name, phrases, source, case_sensitive, first, after)


@cache
def number_words() -> dict[str, int]:
    return {str(k).lower(): int(v) for k, v in _data()["number_words"].items()}


@cache
def _count_pattern() -> re.Pattern[str]:
    numbers = sorted(number_words(), key=len, reverse=True)
    number = (
        r"(?P<n>\d{1,3}(?:,\d{3})+|"
        + SPACED_THOUSANDS
        + r"|"
        + SCALED_NUMBER
        + r"|\d+|"
        + "|".join(re.escape(w) for w in numbers)
        + ")"
    )
    nouns = lexicon("participants").source
    breakers = "|".join(re.escape(str(w)) for w in _data()["count_breakers"])
    between = r"(?:(?!(?:" + breakers + r")\b)[\w-]+\s+){0,3}?"
    # "30 users", "149 long-term regular users", "thirty male and female cases", "n = 30";
    # not "33 randomized trials in children"
    return stored(
        r"(?<![\w.,])" + number + r"\s+" + between + nouns + r"|\bn\s*=\s*(?P<n2>\d+)",
        store=ASSESSMENT,
    )


@cache
def _number_pattern() -> re.Pattern[str]:
    words = sorted(number_words(), key=len, reverse=True)
    return stored(r"\d|\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", store=ASSESSMENT)


@cache
def _number_runs() -> frozenset[str] | None:
    """The number words that :func:`_number_pattern` matches alone, when every one of its
    phrases ends in one of them ("one hundred": "hundred"); else None."""
    words = number_words()
    runs = frozenset(w for w in words if w.split() == [w] and _WORD_RUN.fullmatch(w))
    if all(w.split()[-1] in runs for w in words):
        return runs
    return None


_WORD_RUN = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")


def has_number(lowered: str) -> bool:
    """``_number_pattern().search(lowered)`` is not None, by set lookups in the words of the
    text (:func:`words_in`, which a claim's readers have made already): the pattern's
    alternation of number words behind ``\\b`` is tried at every position, about 6 µs a
    sentence. A match of ``\\bW\\b`` for a number word W made of word characters is a whole
    run of word characters, which is a word of :func:`words_in` or a part between its hyphens
    (the two read word characters alike); a phrase of several words ends in such a word."""
    if _DIGIT.search(lowered) is not None:
        return True
    runs = _number_runs()
    if runs is None:
        return _number_pattern().search(lowered) is not None
    words = words_in(lowered)
    if not runs.isdisjoint(words):
        return True
    if "-" in lowered:
        for word in words:
            if "-" in word and not runs.isdisjoint(word.split("-")):
                return True
    return False


def participant_counts(text: str, lowered: str | None = None) -> list[int]:
    """Participant counts written in ``text`` ("30 users", "thirty cases", "n = 12");
    ``lowered`` is ``text.lower()`` when the caller has it already."""
    # the patterns are lower case (faster than re.IGNORECASE)
    text = text.lower() if lowered is None else lowered
    if not has_number(text):  # most sentences hold no number: skip the long scan
        return []
    counts = []
    words = number_words()
    for match in _count_pattern().finditer(text):
        raw = match.group("n") or match.group("n2")
        if raw is None:
            continue
        raw = raw.lower().replace(",", "")
        if raw[:1].isdigit():
            raw = "".join(raw.split())  # "10 000": thousands set off by a space
        scale = (
            SCALES.get(text[match.end("n") :].split(maxsplit=1)[0]) if match.group("n") else None
        )
        if raw.replace(".", "", 1).isdigit():
            base: float | None = float(raw)
        else:
            base = words.get(" ".join(raw.split()))
        # "over 50 million participants", "thirty million users": millions, not 50 or 30
        value = None if base is None else round(base * (scale or 1))
        if value:
            counts.append(value)
    return counts
