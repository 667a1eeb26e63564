"""Hedges and boosters: find them with exact offsets, from the lexicon in ``data/cues.yaml``.

The whole lexicon is compiled into one regular expression built as a character trie, so a
document is scanned once whatever the number of cues, and at each position the longest cue
wins ("most likely" before "likely", "no doubt" before "doubt"). Matches are then checked
against each entry's options (a number after an approximator, advice for deontic words) and
against negation: a negated booster ("has not been shown") becomes a hedge spanning the
negation. The choices are documented in the data file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

from ..io.pattern_store import compiled
from .caseless import Unsupported, lower_pattern

CueKind = Literal["hedge", "booster"]


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon item and its options."""

    cue: str
    kind: CueKind
    sources: tuple[str, ...]
    before_number: bool = False
    not_in: frozenset[str] = frozenset()
    negatable: bool = False
    only_negated: bool = False
    verbal: bool = False
    not_in_titles: bool = False
    not_after: tuple[str, ...] = ()
    not_before: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CueMatch:
    """A cue found in the document: ``document[start:end]``."""

    kind: CueKind
    start: int
    end: int
    entry: Entry
    negated: bool = False


_NUMBER_AFTER = re.compile(
    r"\s*(?:\d|twice|thrice|double|triple|(?:a\s+)?(?:half|third|quarter|dozen|one|two|three|four|five|six|seven|eight|"
    r"nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    r"hundred|thousand|million|billion)\b)",
    re.IGNORECASE,
)
# A negation close before a cue: "not", "never", "no", "cannot", "n't" and up to three
# auxiliaries or adverbs between it and the cue ("has not yet been shown").
_NEGATED = re.compile(
    r"(?:\b(?:not|never|no|cannot|hardly|nor)|n['’]t|\bfar\s+from)"
    r"(?:\s+(?:be|been|being|is|are|was|were|yet|fully|always|entirely|completely|so|really|"
    r"ever|conclusively|definitively|firmly|clearly|necessarily|been|had|have|has)){0,3}\s+$",
    re.IGNORECASE,
)
_WORD_START = re.compile(r"[\w'’]+$")
# Contexts of `not_after` (see data/cues.yaml), each matched against the text just before a cue.
_NOT_AFTER = {
    "reported_speech": re.compile(
        r"\b(?:said|says|told\s+\w+|announced|added|stated|promised|expected|confirmed|"
        r"reported|replied|answered)\s+"
        r"(?:that\s+)?(?:it|they|he|she|we|I|the\s+[\w-]+(?:\s+[\w-]+)?)\s+$",
        re.IGNORECASE,
    ),
    # "funded in part by", "supported in part by": a share of the funding, stated as a fact,
    # not a limit on the writer's commitment (CoNLL-2010 hedges express uncertainty).
    "funding": re.compile(
        r"\b(?:funded|supported|financed|sponsored|paid\s+for|underwritten)\s+$", re.IGNORECASE
    ),
    # "as safely as possible": the most that can be done, not a possibility.
    "as_as": re.compile(r"\bas\s+[\w-]+\s+as\s+$", re.IGNORECASE),
    # "as carefully as you would choose a doctor": a comparison of manner, not a possibility.
    "as_as_clause": re.compile(
        r"\bas\s+[\w-]+\s+as\s+(?:you|we|they|I|he|she|one|people)\s+$", re.IGNORECASE
    ),
    # "twice as likely", "more likely to report": a comparison of frequencies, not doubt.
    "comparison": re.compile(r"\b(?:as|more|less|equally)\s+$", re.IGNORECASE),
    # ... or a hope rather than a prediction: "we hope the guideline will help" (the "will"
    # under "we hope" is not the writer's certainty: gold-real-val/README.md, hedges).
    "commissive": re.compile(
        r"\b(?:we|I|agency|ministry|team|researchers|authors|company|government|department"
        r"|regulator|authority|institute|service|council|commission)\s+$"
        r"|\bhop(?:e|es|ed|ing)\s+(?:that\s+)?(?:[\w'’-]+\s+){0,5}$",
        re.IGNORECASE,
    ),
    # "studies of how turmeric may affect the joints", "we assessed whether outcomes reported
    # in the table could be considered ...": a modal inside an indirect question states no
    # possibility of the writer's (benchmarks/gold-real/README.md, first list), however long
    # the question's subject, as long as no punctuation closes the question first.
    "indirect_question": re.compile(
        r"\b(?:how|whether|why)\s+(?:[\w'’()%/]+(?:-[\w'’()%/]+)*\s+){1,14}$", re.IGNORECASE
    ),
    # "if possible", "whenever possible": what can be done, not a possibility of the writer's.
    "feasible": re.compile(r"\b(?:if|where|wherever|when|whenever)\s+$", re.IGNORECASE),
    # "it soon became apparent": evident, the opposite of the seeming "apparent".
    "become": re.compile(r"\b(?:become|becomes|became|becoming)\s+$", re.IGNORECASE),
    # "to prove that a product is safe", "to determine conclusively whether": a booster inside
    # an infinitive of purpose or aim asserts nothing ("to be clearly" stays a booster).
    "purpose": re.compile(r"\bto\s+(?:(?!be\b)[a-z]+\s+)?$", re.IGNORECASE),
    # "The Mayo Clinic will open", "NIOSH will fund", "editors who will vote": "will" after a
    # named body or a person announces a plan or an intention, not a prediction (the
    # commissive of Searle 1976, as for "the agency will"). Case-sensitive: a name or an
    # acronym, not the "This will help" of a sentence's start.
    "named_agent": re.compile(
        r"(?:\b[A-Z]{2,}[a-z]?|\b(?:who|Clinic|Institutes?|Cent(?:er|re)s?|Prevention|"
        r"Administration|Agency|Foundation|University|Office|Department|Program(?:me)?|"
        r"Ministry|Association|Society|College|Hospital|Board)\b)\s+$"
    ),
}
# Contexts of `not_after` that look further back than the negation window (a question's
# subject can be long).
_LOOKBACK = {"indirect_question": 160}
# Contexts of `not_before` (see data/cues.yaml), each matched against the text right after a cue.
_NOT_BEFORE = {
    # "ODS suggests you discuss ...": a suggestion made to the reader is advice, not a hedge;
    # "suggests you may ..." stays one.
    "advice_to_reader": re.compile(
        r"\s+(?:that\s+)?you\s+(?!(?:may|might|could|can|will|would|are|were|have|had)\b)[a-z]",
        re.IGNORECASE,
    ),
    # "potentially relevant / eligible studies were screened": the screening term of a review's
    # methods (PRISMA 2020 item 16), not a limit on a claim.
    "screening": re.compile(r"\s+(?:relevant|eligible)\b", re.IGNORECASE),
    # "in May 2018", "29 May 2021": the month, not the modal verb.
    "date_number": re.compile(r"\s+\d"),
    # "showed that 42% ...", "indicate that 18% of men ...": a reporting verb introducing a
    # measured number reports it, neither hedging nor boosting (gold-real-iaa/README.md, 6).
    "measured_number": re.compile(
        r"\s+(?:that\s+)?(?:about\s+|nearly\s+|almost\s+|over\s+|only\s+|just\s+)?\d"
    ),
    # "never been approved", "never mind": a negated event or an idiom, not certainty.
    "been_or_mind": re.compile(r"\s+(?:been|mind)\b", re.IGNORECASE),
    # "must begin within four weeks", "must have good sensitivity", "must be attributed": an
    # obligation or a requirement (deontic), not the writer's inference. The epistemic "must"
    # (Quirk et al. 1985, 4.54) infers a state or a past event: "must be true", "must have
    # been", "must have caused". Matches (empty) where the epistemic forms do not follow.
    "deontic": re.compile(
        r"(?!\s+(?:have\s+been|have\s+\w+(?:ed|en)\b|be\s+(?!\w+(?:ed|en)\b)\w+))",
        re.IGNORECASE,
    ),
    # "appears in the March issue", "symptoms appeared within hours": "appear" of place or time
    # (published, shows up), not of seeming ("appears safe", "appears to").
    "place_or_time": re.compile(
        r"\s+(?:in|on|at|within|during|after|before|online|first|later|earlier)\b", re.IGNORECASE
    ),
    # "suggest that the label be changed": the mandative subjunctive of advice, not the
    # epistemic "suggest that the label is wrong" (Quirk et al. 1985, 16.32). The clause's first
    # verb is a bare "be" with no modal, "to" or finite verb before it.
    "mandative": re.compile(
        r"\s+that\s+(?:(?!(?:may|might|could|would|will|can|should|must|shall|to|is|are|was|"
        r"were|has|have|had|does|do|did)\b)[\w'’-]+\s+){1,8}be\b",
        re.IGNORECASE,
    ),
}
# "is suspected", "we suspected", "suspected that / to / of": the verb, not the adjective.
_VERBAL_BEFORE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|am|I|we|they|he|she|it|you|who|also|widely|"
    r"strongly|long)\s+$",
    re.IGNORECASE,
)
_VERBAL_AFTER = re.compile(r"\s+(?:that|to|of|by)\b", re.IGNORECASE)
# A booster after "whether" or "if" in the same clause is not asserted; nor one whose subject is
# "not all" ("not all tests have been shown to help": the scope is limited, neither a settled
# finding nor a negated one; gold-real/README.md, seventh round).
_OPEN_CLAUSE = re.compile(
    r"\b(?:whether|if)\b[^,;:.!?]*$|\bnot\s+(?:all|every)\b[^,;:.!?]*$", re.IGNORECASE
)
_NEGATION_WINDOW = 40


@dataclass(slots=True)
class Lexicon:
    """The compiled lexicon: one pattern and a table from normalised text to entry.

    ``folded`` is the same pattern for lower-cased text (:mod:`.caseless`), used when the
    caller passes the document's fold: the same matches, found faster.
    """

    entries: dict[str, Entry]
    pattern: re.Pattern[str]
    sources: dict[str, str] = field(default_factory=dict)
    folded: re.Pattern[str] | None = None

    def scan(
        self,
        document: str,
        start: int = 0,
        end: int | None = None,
        *,
        folded: str | None = None,
    ) -> list[CueMatch]:
        """Every cue in ``document[start:end]``, before options and negation are applied.

        ``folded`` is ``caseless.fold(document)``, when the caller has it.
        """
        stop = len(document) if end is None else end
        if folded is not None and self.folded is not None:
            matches = self.folded.finditer(folded, start, stop)
        else:
            matches = self.pattern.finditer(document, start, stop)
        found = []
        entries = self.entries
        for match in matches:
            begin, finish = match.span()
            entry = entries.get(normalise(document[begin:finish]))
            if entry is not None:
                found.append(CueMatch(entry.kind, begin, finish, entry))
        return found


def normalise(text: str) -> str:
    """The lookup form of a cue: lower case, one space between words, a straight apostrophe."""
    return " ".join(text.replace("’", "'").lower().split())


def resolve(
    document: str,
    matches: Iterable[CueMatch],
    *,
    start: int,
    end: int,
    kind: str | None = None,
) -> list[CueMatch]:
    """Apply entry options and negation to the raw matches of one statement.

    ``start``/``end`` bound the statement (a negation is looked for inside it only); ``kind``
    is the statement's kind, for entries that are not cues in advice.
    """
    title: bool | None = None  # worked out at the first cue that needs it
    kept: list[CueMatch] = []
    for match in matches:
        entry = match.entry
        if entry.not_in_titles and kind == "meta":
            if title is None:
                title = _is_title(document, start, end)
            if title:
                continue
        if kind is not None and kind in entry.not_in:
            continue
        if entry.before_number and not _NUMBER_AFTER.match(document, match.end, end):
            continue
        window = document[max(start, match.start - _NEGATION_WINDOW) : match.start]
        if entry.not_after and _after(document, match.start, start, window, entry.not_after):
            continue
        if entry.not_before and any(
            _NOT_BEFORE[name].match(document, match.end, end) for name in entry.not_before
        ):
            continue
        if entry.verbal and not (
            _VERBAL_BEFORE.search(window) or _VERBAL_AFTER.match(document, match.end, end)
        ):
            continue
        if entry.kind == "booster" and entry.negatable:
            left = max(start, match.start - _NEGATION_WINDOW)
            negation = _NEGATED.search(document, left, match.start)
            if negation is not None:
                first = negation.start()
                word = (
                    _WORD_START.search(document, start, first + 1)
                    if document[first] == "n" and document.startswith(("n't", "n’t"), first)
                    else None
                )
                if word is not None:
                    first = word.start()
                kept.append(CueMatch("hedge", first, match.end, entry, negated=True))
                continue
        if entry.only_negated:
            continue
        if entry.kind == "booster" and (
            _OPEN_CLAUSE.search(document, start, match.start)
            or _NOT_AFTER["purpose"].search(window)
        ):
            continue  # in an embedded question, a condition or an aim: not asserted
        kept.append(match)
    return _drop_overlaps(kept)


def _after(document: str, at: int, start: int, window: str, names: tuple[str, ...]) -> bool:
    """Whether the text before a cue at ``at`` ends in one of the contexts ``names``."""
    for name in names:
        wide = _LOOKBACK.get(name)
        text = window if wide is None else document[max(start, at - wide) : at]
        if _NOT_AFTER[name].search(text):
            return True
    return False


# A unit's last visible character: closing quotes and brackets are looked through.
_CLOSERS = " \t\r\n\"'”’)]"


def _is_title(document: str, start: int, end: int) -> bool:
    """A `meta` unit without a sentence's final mark is a title or heading, where an adjective
    of possibility names a topic ("Possible Causes of X") rather than hedging a claim
    (docs/extraction-decisions.md, 58)."""
    text = document[start:end].rstrip(_CLOSERS)
    return not text.endswith((".", "!", "?", "…", ":", ";"))


def _drop_overlaps(matches: list[CueMatch]) -> list[CueMatch]:
    """Keep the longest of overlapping cues (a negated span swallows the word it negates)."""
    ordered = sorted(matches, key=lambda m: (m.start, -(m.end - m.start)))
    result: list[CueMatch] = []
    for match in ordered:
        if result and match.start < result[-1].end:
            if match.end - match.start > result[-1].end - result[-1].start:
                result[-1] = match
            continue
        result.append(match)
    return result


def merge_adjacent(document: str, matches: list[CueMatch]) -> list[CueMatch]:
    """Join cues of the same kind separated only by spaces ("could theoretically")."""
    merged: list[CueMatch] = []
    for match in matches:
        if merged:
            last = merged[-1]
            gap = document[last.end : match.start]
            if last.kind == match.kind and gap and gap.isspace() and "\n" not in gap:
                merged[-1] = CueMatch(last.kind, last.start, match.end, last.entry, last.negated)
                continue
        merged.append(match)
    return merged


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The bundled lexicon (``data/cues.yaml``), compiled once."""
    from ..model.data_yaml import load_data_yaml

    text = resources.files("evidence_claims").joinpath("data/cues.yaml").read_text("utf-8")
    data = load_data_yaml(text)
    return build_lexicon(data)


def build_lexicon(data: dict[str, Any]) -> Lexicon:
    """Compile lexicon data (the structure of ``data/cues.yaml``)."""
    entries: dict[str, Entry] = {}
    for kind, key in (("hedge", "hedges"), ("booster", "boosters")):
        for item in data.get(key) or []:
            entry = Entry(
                cue=str(item["cue"]),
                kind=kind,  # type: ignore[arg-type]
                sources=tuple(item.get("source") or ()),
                before_number=bool(item.get("before_number", False)),
                not_in=frozenset(item.get("not_in") or ()),
                negatable=bool(item.get("negatable", False)),
                only_negated=bool(item.get("only_negated", False)),
                verbal=bool(item.get("verbal", False)),
                not_in_titles=bool(item.get("not_in_titles", False)),
                not_after=_names(item.get("not_after")),
                not_before=_names(item.get("not_before")),
            )
            for name in entry.not_after:
                if name not in _NOT_AFTER:
                    raise ValueError(f"cue {entry.cue!r}: unknown not_after {name!r}")
            for name in entry.not_before:
                if name not in _NOT_BEFORE:
                    raise ValueError(f"cue {entry.cue!r}: unknown not_before {name!r}")
            name = normalise(entry.cue)
            if name in entries:
                raise ValueError(f"cue {entry.cue!r} is listed twice in the lexicon")
            entries[name] = entry
    pattern = compile_phrases(entries)
    try:
        folded: re.Pattern[str] | None = compiled(lower_pattern(pattern.pattern))
    except Unsupported:
        folded = None
    return Lexicon(entries=entries, pattern=pattern, folded=folded)


def _names(value: Any) -> tuple[str, ...]:
    """A context option as a tuple of names: one name or a list of them."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def compile_phrases(phrases: Iterable[str]) -> re.Pattern[str]:
    """One case-insensitive whole-word pattern matching any phrase, longest first.

    A phrase that is a sign ("~") is matched wherever it stands: a sign has no word edges.
    """
    trie: dict[str, Any] = {}
    signs = []
    for phrase in phrases:
        if not (phrase[:1].isalnum() or phrase[:1] == "'"):
            signs.append(re.escape(phrase))
            continue
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}
    body = rf"(?<![\w-]){_trie_regex(trie)}(?![\w-])"
    if signs:
        body = "(?:" + body + "|" + "|".join(sorted(signs)) + ")"
    return compiled(body, re.IGNORECASE)


def _trie_regex(node: dict[str, Any]) -> str:
    ends = "" in node
    branches = []
    for char in sorted(k for k in node if k):
        branches.append(_char(char) + _trie_regex(node[char]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return "(?:" + body + ")?"
    return body


def _char(char: str) -> str:
    if char == " ":
        return r"\s+"
    if char == "'":
        return "['’]"
    return re.escape(char)
