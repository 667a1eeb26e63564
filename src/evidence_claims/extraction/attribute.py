"""What each statement rests on: source type, sources and basis.

Explicit cues come from ``data/attribution.yaml``; the rules that weigh them and follow them
through the text are documented there and in :func:`attribute`. In short: a statement takes
the type its own words name (``explicit``); one that names nothing continues the open passage
(``context``); when an informal mention was resolved to bibliography keys the basis is
``inferred``; otherwise the statement is an ``unsourced_assertion`` (``none``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from ..io.bib import Bibliography
from ..model.records import Basis, Kind
from .asides import in_aside
from .caseless import Unsupported, fold, lower_pattern
from .mentions import Mention, Resolver, find_mentions
from .segment import Segment

UNSOURCED = "unsourced_assertion"
# Cue families that are not source types, in scan order (at one position the first wins):
# judgements, planned research (before anaphora: "such a trial could start"), back-references,
# first-person study reports, and the line that says who issued the document.
_MARKERS = ("judgement", "irrealis", "anaphora", "own_study", "voice", "unsourced")
_STUDY_TYPES = frozenset(
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
_OPENING_QUOTES = "\"“‘'«"
_OPEN_QUESTION = re.compile(r"[\W]*whether\b", re.I)
_HUMAN_SHIFT = re.compile(
    r"[\W]*in\s+(?:adults|humans|people|patients|children|women|men|volunteers)\b", re.I
)
# A paragraph opening on a fronted population frame ("In adults, ...", "Among older people")
# starts a sub-topic of its own (Chafe 1976's frame-setting topics): without a cue of its own
# the statement does not continue the previous paragraph's passage.
_FRAME_SHIFT = re.compile(
    r"[\W]*(?:in|among|for)\s+(?:(?:older|younger|young|healthy|pregnant|elderly)\s+)?"
    r"(?:adults|humans|people|patients|children|adolescents|teenagers|infants|women|men"
    r"|volunteers)\b",
    re.I,
)
_CLAUSE_START = re.compile(r"[\W]*(?:(?:so|and|but|also|however|now|meanwhile),?\s+)?$", re.I)
_BEFORE_AUTHORITY = re.compile(r"\b(?:by|from)\s+$", re.I)


@dataclass(frozen=True, slots=True)
class Attribution:
    """The evidence of one statement, with the cue that decided it (document offsets)."""

    type: str
    basis: Basis
    sources: tuple[str, ...] = ()
    cue: tuple[int, int] | None = None
    carried_from: int | None = None  # index of the statement that opened the passage
    mention: str | None = None  # an informal mention resolved to the sources
    by_position: bool = False  # some sources came from numbered markers ("[4]")


@dataclass(frozen=True, slots=True)
class CueHit:
    type: str  # a source type, or "anaphora" / "judgement"
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class AttributionRules:
    """The cue alternatives of ``data/attribution.yaml``, compiled for one scan of a text.

    ``pattern`` is every alternative in order, matched case-insensitively on the original
    text. For speed the same alternatives are also split in two: ``folded`` holds those that
    can match lower-cased text (see :mod:`.caseless`), ``cased`` those with a case-sensitive
    part ("RCT", "I", "FDA"). :meth:`scan` runs both and merges them into exactly what
    ``pattern`` finds: the leftmost match wins and, at one position, the alternative listed
    first; each alternative ends in an empty group ``a<index>`` that names it.
    """

    pattern: re.Pattern[str]
    types: tuple[str, ...]  # alternative index -> type
    opens_passage: frozenset[str]
    population: frozenset[str]
    folded: re.Pattern[str] | None = None
    cased: re.Pattern[str] | None = None
    reporting: re.Pattern[str] | None = None  # a reporting verb (authority_reporting_verbs)

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
        return [CueHit(types[int(m.lastgroup[1:])], m.start(), m.end()) for m in matches]  # type: ignore[index]


def _merge(
    first: re.Pattern[str], first_text: str, second: re.Pattern[str], second_text: str
) -> Iterator[re.Match[str]]:
    """The matches one alternation of both patterns' alternatives would find, in order."""
    a = first.search(first_text)
    b = second.search(second_text)
    while a is not None or b is not None:
        if b is None or (
            a is not None and (a.start(), int(a.lastgroup[1:])) < (b.start(), int(b.lastgroup[1:]))  # type: ignore[index]
        ):
            chosen = a
        else:
            chosen = b
        yield chosen  # type: ignore[misc]
        position = chosen.end()  # type: ignore[union-attr]
        if a is not None and a.start() < position:
            a = first.search(first_text, position)
        if b is not None and b.start() < position:
            b = second.search(second_text, position)


@lru_cache(maxsize=1)
def load_rules() -> AttributionRules:
    from ..model.data_yaml import load_data_yaml

    text = resources.files("evidence_claims").joinpath("data/attribution.yaml").read_text("utf-8")
    return build_rules(load_data_yaml(text))


def build_rules(data: dict[str, Any]) -> AttributionRules:
    from ..model.taxonomy import source_type_names

    known = set(source_type_names())
    sections: list[tuple[str, list[str]]] = [
        (name, data.get(name) or []) for name in ("judgement", *_MARKERS[1:])
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
    lowered: list[str] = []
    cased: list[str] = []
    for i, (_name, p) in enumerate(alternatives):
        try:
            lowered.append(f"(?:{lower_pattern(p)})(?P<a{i}>)")
        except Unsupported:
            cased.append(exact[i])
    verbs = "|".join(f"(?:{v})" for v in data.get("authority_reporting_verbs") or [])
    return AttributionRules(
        _guarded(exact, re.IGNORECASE),
        types,
        frozenset(opens),
        frozenset(population),
        folded=_guarded(lowered, 0) if lowered else None,
        cased=_guarded(cased, re.IGNORECASE) if cased else None,
        reporting=re.compile(rf"\b(?:{verbs})\b", re.IGNORECASE) if verbs else None,
    )


def _guarded(alternatives: list[str], flags: int) -> re.Pattern[str]:
    # One guard for all alternatives: a cue starts a word and ends one. Checking it once, before
    # the alternation, lets the scan skip the positions inside words cheaply.
    body = "|".join(alternatives)
    return re.compile(rf"(?<![\w-])(?=[\w“\"])(?:{body})(?!\w)", flags)


def entry_types(bibliography: Bibliography | None) -> dict[str, str | None]:
    """The source type each bibliography entry's title and keywords suggest (or None)."""
    if bibliography is None:
        return {}
    rules = load_rules()
    types: dict[str, str | None] = {}
    for key, entry in bibliography.entries.items():
        text = " ".join(entry.get(name) or "" for name in ("title", "keywords"))
        hits = [h for h in rules.scan(text) if h.type not in ("anaphora", "judgement")]
        types[key] = _choose(hits, rules).type if hits else None
    return types


def _choose(hits: Sequence[CueHit], rules: AttributionRules) -> CueHit:
    for hit in hits:
        if hit.type in rules.population:
            return hit
    return hits[0]


@dataclass
class _Passage:
    type: str
    sources: tuple[str, ...]
    opened_by: int
    quote_only: bool = False


def attribute(
    document: str,
    segments: Sequence[Segment],
    kinds: Sequence[Kind],
    asides: Sequence[list[tuple[int, int]]],
    *,
    bibliography: Bibliography | None = None,
    folded: str | None = None,
) -> list[Attribution]:
    """Attribute every segment (see the module docstring and ``data/attribution.yaml``).

    ``folded`` is ``caseless.fold(document)`` when the caller has it (computed otherwise).
    """
    rules = load_rules()
    if folded is None:
        folded = fold(document)
    hits = rules.scan(document, folded)
    types = entry_types(bibliography)
    resolver = Resolver(bibliography)
    all_mentions = [find_mentions(document, s.start, s.end, folded=folded) for s in segments]
    resolver.prime(m for ms in all_mentions for m in ms)

    results: list[Attribution] = []
    passage: _Passage | None = None
    voice_from = next((hit.start for hit in hits if hit.type == "voice"), None)
    grounded = False  # has any statement named a ground yet?
    paragraph = -1
    advice_only = True
    h = 0
    for index, (segment, kind) in enumerate(zip(segments, kinds, strict=True)):
        if segment.paragraph != paragraph:
            if paragraph >= 0 and advice_only:
                passage = None  # a paragraph of pure advice ends the passage
            paragraph = segment.paragraph
            advice_only = True
        if kind != "recommendation":
            advice_only = False
        while h < len(hits) and hits[h].start < segment.start:
            h += 1
        mine: list[CueHit] = []
        j = h
        while j < len(hits) and hits[j].start < segment.end:
            if hits[j].end <= segment.end:
                mine.append(hits[j])
            j += 1
        spans = asides[index]
        main = [c for c in mine if not in_aside(spans, c.start, c.end)]
        side = [c for c in mine if in_aside(spans, c.start, c.end)]
        resolved = _resolve(document, all_mentions[index], resolver, types, mine)

        if segment.role == "heading":
            passage = None
            results.append(Attribution(UNSOURCED, "none"))
            continue
        if segment.role == "label" or (kind == "meta" and _is_lead(document, segment)):
            results.append(Attribution(UNSOURCED, "none"))
            continue
        if any(c.type == "unsourced" for c in mine):
            # "[citation needed]": the text itself says the statement has no source.
            results.append(Attribution(UNSOURCED, "none"))
            continue
        if (
            passage is not None
            and passage.type in ("animal_study", "in_vitro")
            and _HUMAN_SHIFT.match(document, segment.body, segment.end)
            and not main
        ):
            passage = None  # from animals or cells to people: a new topic
        voice = voice_from is not None and voice_from <= segment.start
        explicit = _sourced(document, segment, main, rules, voice)
        aside_explicit = _sourced(document, segment, side, rules, voice)
        anaphora = [c for c in main if c.type == "anaphora"]
        judgement = [c for c in main if c.type == "judgement"]
        named_type = _named_type(all_mentions[index], resolved, types)
        if (
            passage is not None
            and index > 0
            and segments[index - 1].paragraph != segment.paragraph
            and not explicit
            and not anaphora
            and not named_type
            and _FRAME_SHIFT.match(document, segment.body, segment.end)
        ):
            passage = None  # a paragraph framed on another population: a sub-topic
        if passage is not None and passage.quote_only:
            if document[segment.start] not in _OPENING_QUOTES:
                passage = None  # an opinion carries only into its own continued quotation
            elif kind not in ("question", "recommendation") and not any(
                c.type == EXPERT for c in explicit
            ):
                # A continued quotation goes on in the speaker's voice, whatever it mentions.
                results.append(_context(passage, None))
                continue

        if kind == "question" or (kind == "meta" and _OPEN_QUESTION.match(document, segment.body)):
            # A question (or "Whether X ... is unknown") opens a topic rather than continuing
            # one: it inherits nothing and ends the passage.
            passage = None
            if explicit:
                results.append(_explicit(_choose(explicit, rules), resolved))
            else:
                results.append(Attribution(UNSOURCED, "none"))
            continue
        if kind == "recommendation":
            if explicit:
                chosen = _explicit(_choose(explicit, rules), resolved)
                results.append(chosen)
                if passage is not None and chosen.type != passage.type:
                    passage = None  # advice on another ground: the passage's source is left
            elif anaphora and passage is not None and not passage.quote_only:
                results.append(_context(passage, anaphora[0]))
            else:
                basis: Basis = "context" if grounded or voice else "none"
                # Advice in a document an agency issued is the agency's advice.
                results.append(Attribution(AUTHORITY if voice else EXPERT, basis))
            continue
        if any(c.type == "irrealis" for c in main):
            # Planned or possible research: nothing to rest on yet, and the topic has turned
            # from the evidence to what comes next.
            passage = None
            results.append(Attribution(UNSOURCED, "none"))
            continue
        own = [c for c in main if c.type == "own_study"]
        if (
            own
            and passage is not None
            and passage.type in _STUDY_TYPES
            and all(c.type == EXPERT for c in explicit)
        ):
            # A researcher reporting their own study ("we found ...", said Dr. X) speaks for it.
            results.append(_context(passage, own[0]))
            continue
        if judgement and not explicit:
            basis = "context" if grounded else "none"
            results.append(Attribution(EXPERT, basis, cue=(judgement[0].start, judgement[0].end)))
            continue
        if explicit or aside_explicit or (named_type and not anaphora):
            if explicit:
                chosen = _explicit(_choose(explicit, rules), resolved)
            elif named_type:
                chosen = _from_mentions(named_type, resolved)
            else:
                chosen = _explicit(_choose(aside_explicit, rules), resolved)
            results.append(chosen)
            grounded = True
            if chosen.type in rules.opens_passage:
                passage = _Passage(chosen.type, chosen.sources, index)
            elif chosen.type == EXPERT:
                passage = _Passage(EXPERT, chosen.sources, index, quote_only=True)
            continue
        if passage is not None:
            results.append(_context(passage, anaphora[0] if anaphora else None))
            continue
        results.append(Attribution(UNSOURCED, "none"))
    return results


def _sourced(
    document: str,
    segment: Segment,
    hits: Sequence[CueHit],
    rules: AttributionRules,
    voice: bool,
) -> list[CueHit]:
    """The hits that name a source type, without agencies the statement only mentions.

    An agency (``authority_statement``) is the statement's source when a reporting verb goes
    with it ("the agency said", "according to the FDA", "recommended by the agency"), or, in
    a document the agency issued itself, when it is the subject that opens the statement
    ("The agency will ..."). Otherwise the statement is about the agency, not from it.
    """
    found = []
    by_voice = []
    for hit in hits:
        if hit.type in _MARKERS:
            continue
        if hit.type == AUTHORITY:
            speaks = _speaks(document, segment, hit, rules, False)
            if not speaks and not (voice and _speaks(document, segment, hit, rules, True)):
                continue
            if not speaks:
                by_voice.append(hit)
        found.append(hit)
    if by_voice and any(hit.type != AUTHORITY for hit in found):
        # "The agency has received 46 reports of ...": the design the statement names is its
        # ground; the agency is only its subject.
        found = [hit for hit in found if hit not in by_voice]
    return found


def _speaks(
    document: str, segment: Segment, hit: CueHit, rules: AttributionRules, voice: bool
) -> bool:
    if rules.reporting is None or document.startswith("according", hit.start):
        return True
    text = document[hit.start : hit.end].lower()
    if text.startswith("according") or "guideline" in text:
        return True
    before = document[segment.body : hit.start]
    if voice and _CLAUSE_START.fullmatch(before):
        return True
    after = rules.reporting.search(document, hit.end, min(segment.end, hit.end + 60))
    if after is not None:
        return True
    tail = before[-40:]
    return bool(_BEFORE_AUTHORITY.search(tail) and rules.reporting.search(tail))


def _is_lead(document: str, segment: Segment) -> bool:
    return document[segment.start : segment.end].rstrip().endswith(":")


@dataclass(frozen=True, slots=True)
class _Resolved:
    """Keys one mention resolved to, with the type the mention itself suggests."""

    keys: tuple[str, ...]
    type: str | None
    informal: str | None  # the mention's text when it is not an author citation
    numbered: bool = False  # resolved by its number, to the bibliography entry at that place


def _explicit(cue: CueHit, resolved: list[_Resolved]) -> Attribution:
    """The statement's own cue decides the type; sources are the mentions that agree with it.

    A mention suggesting another type ("the studies already discussed" in a sentence that
    rests on user reports) is left out, so a passage never carries a source it does not rest
    on. The basis is ``inferred`` when the agreeing sources came from an informal mention.
    """
    keys: list[str] = []
    informal = None
    for item in resolved:
        if item.type is None or item.type == cue.type or item.informal is None:
            for key in item.keys:
                if key not in keys:
                    keys.append(key)
            if item.informal and informal is None:
                informal = item.informal
    basis: Basis = "inferred" if informal and keys else "explicit"
    numbered = any(item.numbered and item.keys for item in resolved)
    return Attribution(
        cue.type, basis, tuple(keys), (cue.start, cue.end), mention=informal, by_position=numbered
    )


def _from_mentions(kind: str, resolved: list[_Resolved]) -> Attribution:
    keys: list[str] = []
    informal = None
    for item in resolved:
        keys.extend(k for k in item.keys if k not in keys)
        informal = informal or item.informal
    basis: Basis = "inferred" if informal and keys else "explicit"
    numbered = any(item.numbered and item.keys for item in resolved)
    return Attribution(kind, basis, tuple(keys), mention=informal, by_position=numbered)


def _context(passage: _Passage, cue: CueHit | None) -> Attribution:
    span = (cue.start, cue.end) if cue is not None else None
    return Attribution(
        passage.type, "context", passage.sources, span, carried_from=passage.opened_by
    )


def _resolve(
    document: str,
    mentions: list[Mention],
    resolver: Resolver,
    types: dict[str, str | None],
    hits: list[CueHit],
) -> list[_Resolved]:
    """Resolve a statement's mentions; each keeps the type its own words or entries suggest."""
    result = []
    for mention in mentions:
        keys = resolver.resolve(mention, types)
        if not keys:
            continue
        kind = None
        for hit in hits:
            if (
                hit.start < mention.end
                and mention.start < hit.end
                and hit.type
                not in (
                    "anaphora",
                    "judgement",
                )
            ):
                kind = hit.type
                break
        if kind is None:
            kind = next((types[k] for k in keys if types.get(k)), None)
        if kind is None and mention.form == "backref":
            kind = resolver.last_type
        if mention.form != "backref":
            resolver.last_type = kind
        informal = None if mention.form in ("named", "numbered") else mention.text(document)
        result.append(_Resolved(keys, kind, informal, mention.form == "numbered"))
    return result


def _named_type(
    mentions: list[Mention], resolved: list[_Resolved], types: dict[str, str | None]
) -> str | None:
    """The type a statement that cites a source takes when its words name no design.

    The design of a resolved bibliography entry (from its title and keywords) when known;
    otherwise a study cited by author ("Smith et al.") counts as an observational study, the
    most common design, and its note tells the reviewer to check.
    """
    for item in resolved:
        if item.type:
            return item.type
    if any(m.form in ("named", "numbered") and m.certain for m in mentions) or resolved:
        return "observational_study"
    return None
