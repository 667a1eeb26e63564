"""What each statement rests on: source type, sources and basis.

Explicit cues come from ``data/attribution.yaml``; the rules that weigh them and follow them
through the text are documented there and in :func:`attribute`. In short: a statement takes
the type its own words name (``explicit``); one that names nothing continues the open passage
(``context``); when an informal mention was resolved to bibliography keys the basis is
``inferred``; otherwise the statement is an ``unsourced_assertion`` (``none``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Any

from ..io.bib import BibEntry, Bibliography
from ..model.records import Basis, Kind
from .asides import in_aside
from .caseless import Unsupported, fold, lower_pattern
from .mentions import Mention, Resolver, find_mentions
from .segment import LABELS, Segment

UNSOURCED = "unsourced_assertion"
# Cue families that are not source types, in scan order (at one position the first wins):
# judgements, planned research (before anaphora: "such a trial could start"), back-references,
# first-person study reports, and the line that says who issued the document.
_MARKERS = (
    "judgement",
    "irrealis",
    "anaphora",
    "own_study",
    "report",
    "gap",
    "voice",
    "unsourced",
)
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
ANECDOTAL = "anecdotal_report"
REVIEW = "systematic_review"
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
# A paragraph that opens on a pronoun ("It fell most in older adults", "They reported ...")
# goes on about what the previous one was about.
_PRONOUN_START = re.compile(
    r"[\W]*(?:(?:so|and|but|also|however|moreover),?\s+)?"
    r"(?-i:It|Its|They|Their|These|Those|This|Such|He|She|His|Her)\b"
)
# Unnamed people as the subject ("Some people take it for pain"): what people do is not what
# an agency or an expert just said; without a report verb it rests on nothing named.
_GENERIC_PEOPLE = re.compile(
    r"[\W]*(?:(?:so|and|but|also|however),?\s+)?(?:some|many|most|few|other|certain)\s+"
    r"(?:people|users|consumers|individuals|patients|adults|persons)\b",
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
    # Author citations with no bibliography entry: (the citation, the closest keys).
    unresolved: tuple[tuple[str, tuple[str, ...]], ...] = ()


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
        if not hits and entry.get("journal"):
            # A journal of reviews ("Cochrane Database of Systematic Reviews") names the
            # design; other journal names ("Contemporary Clinical Trials") do not.
            hits = [h for h in rules.scan(entry.get("journal") or "") if h.type == REVIEW]
        types[key] = _choose(hits, rules).type if hits else _published_by(entry)
    return types


_WEB_ENTRY_TYPES = frozenset({"misc", "online", "electronic", "www", "webpage", "manual"})


def _published_by(entry: BibEntry) -> str | None:
    """A cited web page, fact sheet or reference work, not a study: the publisher speaks.

    An entry of a non-journal type (``@misc``, ``@online``, ``@manual``) with neither journal
    nor book title is an organisation's or a site's own statement (a dictionary entry, a drug
    monograph site, an agency's fact sheet), unless its title names a design.
    """
    if entry.entry_type not in _WEB_ENTRY_TYPES:
        return None
    if entry.get("journal") or entry.get("booktitle"):
        return None
    return AUTHORITY


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
    report: bool = False  # the study the document itself reports (research-report voice)


@dataclass
class _Document:
    """What the walk over the statements needs to know about the whole document."""

    text: str
    segments: Sequence[Segment]
    kinds: Sequence[Kind]
    asides: Sequence[list[tuple[int, int]]]
    rules: AttributionRules
    hits: list[CueHit]
    types: dict[str, str | None]
    resolver: Resolver
    mentions: list[list[Mention]]
    voice_from: int | None  # where the line saying an agency issued the document is
    design: str  # the design of the study the document reports, if it reports one

    @classmethod
    def read(
        cls,
        document: str,
        segments: Sequence[Segment],
        kinds: Sequence[Kind],
        asides: Sequence[list[tuple[int, int]]],
        bibliography: Bibliography | None,
        folded: str | None,
    ) -> _Document:
        rules = load_rules()
        if folded is None:
            folded = fold(document)
        hits = rules.scan(document, folded)
        resolver = Resolver(bibliography)
        loose = bibliography is not None and len(bibliography) > 0
        mentions = [
            find_mentions(document, s.start, s.end, folded=folded, loose=loose) for s in segments
        ]
        resolver.prime(m for ms in mentions for m in ms)
        voice_from = next((hit.start for hit in hits if hit.type == "voice"), None)
        return cls(
            document,
            segments,
            kinds,
            asides,
            rules,
            hits,
            entry_types(bibliography),
            resolver,
            mentions,
            voice_from,
            _report_design(document, segments, hits),
        )


def _report_design(document: str, segments: Sequence[Segment], hits: Sequence[CueHit]) -> str:
    """The design of the study a research report describes, read from the whole document.

    The first study design named in the title (a heading before any other statement) or in a
    statement written in the report's own voice ("We conducted an online survey", "This
    prospective cohort study included"); an observational study, the most common design of a
    report that names none ("We assessed the association between ..."). One pass over the
    statements and the cues, in document order.
    """
    h = 0
    for index, segment in enumerate(segments):
        while h < len(hits) and hits[h].start < segment.start:
            h += 1
        j, mine = h, []
        while j < len(hits) and hits[j].start < segment.end:
            if hits[j].end <= segment.end:
                mine.append(hits[j])
            j += 1
        title = index == 0 and segment.role == "heading"
        if title or any(c.type == "report" for c in mine):
            design = next((c.type for c in mine if c.type in _STUDY_TYPES), None)
            if design is not None:
                return design
    return "observational_study"


@dataclass
class _Statement:
    """One statement's cues, split the ways the rules look at them."""

    index: int
    segment: Segment
    kind: Kind
    main: list[CueHit]  # cues outside asides
    side: list[CueHit]  # cues inside parentheses or dash asides
    resolved: list[_Resolved]
    explicit: list[CueHit]  # the main cues that name a source
    aside_explicit: list[CueHit]
    named_type: str | None  # the design a cited source suggests
    voice: bool  # written in the voice of the agency that issued the document
    unresolved: tuple[tuple[str, tuple[str, ...]], ...] = ()  # citations without an entry

    def cues(self, kind: str) -> list[CueHit]:
        if not self.main:
            return []
        return [c for c in self.main if c.type == kind]


def _read_statement(doc: _Document, index: int, h: int) -> _Statement:
    segment, kind = doc.segments[index], doc.kinds[index]
    mine: list[CueHit] = []
    j = h
    while j < len(doc.hits) and doc.hits[j].start < segment.end:
        if doc.hits[j].end <= segment.end:
            mine.append(doc.hits[j])
        j += 1
    spans = doc.asides[index]
    if spans:
        main = [c for c in mine if not in_aside(spans, c.start, c.end)]
        side = [c for c in mine if in_aside(spans, c.start, c.end)]
    else:
        main, side = mine, []
    resolved = _resolve(doc.text, doc.mentions[index], doc.resolver, doc.types, mine)
    voice = doc.voice_from is not None and doc.voice_from <= segment.start
    explicit = _sourced(doc.text, segment, main, doc.rules, voice) if main else []
    if any(c.type == "gap" for c in main):
        # "A review has not yet been reported", "no controlled trials have": a design named
        # as missing is not what the statement rests on.
        explicit = [c for c in explicit if c.type not in _STUDY_TYPES]
    if any(c.type == ANECDOTAL for c in explicit) and (
        any(c.type in _STUDY_TYPES for c in explicit)
        or any(c.type in ("report", "own_study") for c in main)
    ):
        # "assessed partly by self-report in this cohort study": how a study measured, not a
        # ground of its own; the study is the ground.
        explicit = [c for c in explicit if not _self_report(doc.text, c)]
    unresolved = _unresolved(doc, index)
    named_type = _named_type(doc.mentions[index], resolved, doc.types)
    if named_type is None and unresolved:
        named_type = "observational_study"  # a citation all the same, as for "Smith et al."
    return _Statement(
        index,
        segment,
        kind,
        main,
        side,
        resolved,
        explicit,
        _sourced(doc.text, segment, side, doc.rules, voice) if side else [],
        named_type,
        voice,
        unresolved,
    )


@dataclass
class _Walk:
    """The state carried from one statement to the next."""

    passage: _Passage | None = None
    grounded: bool = False  # has any statement named a ground yet?
    paragraph: int = -1
    advice_only: bool = True  # is the current paragraph advice so far?
    in_report: bool = False  # inside a report's own section ("Methods:", "Results")?


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

    The statements are read in order; each rule below either decides a statement or passes
    it on, in this order: layout (headings, labels, "[citation needed]"), the passage's end
    at a change of topic, questions, advice, planned research, the study a report describes,
    judgements, a ground the statement names, and what the open passage carries.
    ``folded`` is ``caseless.fold(document)`` when the caller has it (computed otherwise).
    """
    doc = _Document.read(document, segments, kinds, asides, bibliography, folded)
    walk = _Walk()
    results: list[Attribution] = []
    h = 0
    for index, (segment, kind) in enumerate(zip(segments, kinds, strict=True)):
        _new_paragraph(walk, segment, kind)
        while h < len(doc.hits) and doc.hits[h].start < segment.start:
            h += 1
        statement = _read_statement(doc, index, h)
        attribution = _decide(doc, walk, statement)
        if statement.unresolved:
            attribution = replace(attribution, unresolved=statement.unresolved)
        results.append(attribution)
    return results


def _unresolved(doc: _Document, index: int) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Author-year citations of a statement that no bibliography entry matches.

    Only with a bibliography, and only for mentions that are surely citations ("Smith et al.",
    "Okafor and Lindqvist (2019)", "(Smith 2020)"): they are reported and kept on the claim,
    never dropped without a word.
    """
    if doc.resolver.bibliography is None:
        return ()
    found = []
    for mention in doc.mentions[index]:
        if mention.form != "named":
            continue
        cited = mention.certain or doc.text.startswith("(", max(0, mention.start - 1))
        if cited and not doc.resolver._named(mention):
            found.append((mention.text(doc.text).rstrip(").,;"), doc.resolver.closest(mention)))
    return tuple(found)


def _new_paragraph(walk: _Walk, segment: Segment, kind: Kind) -> None:
    if segment.paragraph != walk.paragraph:
        passage = walk.passage
        if walk.paragraph >= 0 and walk.advice_only and passage is not None and not passage.report:
            walk.passage = None  # a paragraph of pure advice ends the passage
        walk.paragraph = segment.paragraph
        walk.advice_only = True
    if kind != "recommendation":
        walk.advice_only = False


def _decide(doc: _Document, walk: _Walk, st: _Statement) -> Attribution:
    decided = _layout(doc, walk, st)
    if decided is not None:
        return decided
    _topic_shift(doc, walk, st)
    for rule in _RULES:
        result = rule(doc, walk, st)
        if result is not None:
            return result
    return _carried(doc, walk, st)


def _layout(doc: _Document, walk: _Walk, st: _Statement) -> Attribution | None:
    """Headings, labels, list leads and "[citation needed]" rest on nothing."""
    segment = st.segment
    label = _label_word(doc.text, segment)
    if label is not None:
        walk.in_report = label not in _PREFACE_LABELS
    if segment.role == "heading":
        if label is None:
            walk.passage = None  # a new section starts a new topic
            walk.in_report = False
        return Attribution(UNSOURCED, "none")
    if segment.role == "label" or (st.kind == "meta" and _is_lead(doc.text, segment)):
        return Attribution(UNSOURCED, "none")
    if any(c.type == "unsourced" for c in st.main + st.side) and not st.explicit:
        # "[citation needed]": the text itself says the statement has no source (one that
        # names its ground, "Studies show ...[citation needed]", still rests on that ground).
        return Attribution(UNSOURCED, "none")
    return None


def _label_word(document: str, segment: Segment) -> str | None:
    """The structured-abstract label a label or heading unit is ("Results", "Methods:")."""
    if segment.role not in ("label", "heading"):
        return None
    words = document[segment.start : segment.end].rstrip(":").strip().lower()
    return words if words in LABELS else None


# Labels of the parts of a document that come before or beside its own study (what is known
# already, notes); every other label ("Methods", "Results", "Conclusion") opens a section of
# the report itself, whose statements rest on the study it reports.
_PREFACE_LABELS = frozenset(
    {
        "background",
        "backgrounds",
        "introduction",
        "context",
        "importance",
        "note",
        "notes",
        "update",
        "edit",
        "disclaimer",
        "funding",
        "tl;dr",
        "evidence",
    }
)


def _topic_shift(doc: _Document, walk: _Walk, st: _Statement) -> None:
    """End the open passage where the text turns to another topic.

    From animals or cells to people; at a paragraph that opens on another population ("In
    adults, ..."); and, for a study or a cited source, at any paragraph boundary unless the
    new paragraph refers back to it ("these studies", "the trial", "participants"): a study
    is reported in the paragraph that names it, and a later paragraph without a link back is
    the writer's next point (an expert's view, a summary). Reports of users' experience and
    cross-references go on over paragraphs, and so does a study the document itself reports.
    """
    passage, segment, text = walk.passage, st.segment, doc.text
    if passage is None or segment.role in ("heading", "label"):
        return
    if (
        passage.type in ("animal_study", "in_vitro")
        and _HUMAN_SHIFT.match(text, segment.body, segment.end)
        and not st.main
    ):
        walk.passage = None  # from animals or cells to people: a new topic
        return
    first_of_paragraph = st.index > 0 and doc.segments[st.index - 1].paragraph != segment.paragraph
    if not first_of_paragraph or passage.report or passage.quote_only:
        return
    refers_back = bool(
        _PRONOUN_START.match(text, segment.body, segment.end)
        or st.cues("anaphora")
        or st.cues("own_study")
        or st.cues("report")
        or any(m.form == "backref" for m in doc.mentions[st.index])
    )
    if refers_back or st.explicit or st.named_type:
        return
    if _FRAME_SHIFT.match(text, segment.body, segment.end) or (
        passage.type in _STUDY_TYPES or passage.sources
    ):
        walk.passage = None


def _quotation(doc: _Document, walk: _Walk, st: _Statement) -> Attribution | None:
    """An opinion carries only into its own continued quotation."""
    passage = walk.passage
    if passage is None or not passage.quote_only:
        return None
    if doc.text[st.segment.start] not in _OPENING_QUOTES:
        walk.passage = None
        return None
    if st.kind not in ("question", "recommendation") and not any(
        c.type == EXPERT for c in st.explicit
    ):
        # A continued quotation goes on in the speaker's voice, whatever it mentions.
        return _context(passage, None)
    return None


def _question(doc: _Document, walk: _Walk, st: _Statement) -> Attribution | None:
    """A question (or "Whether X ... is unknown") opens a topic rather than continuing one."""
    if not (
        st.kind == "question"
        or (st.kind == "meta" and _OPEN_QUESTION.match(doc.text, st.segment.body))
    ):
        return None
    walk.passage = None
    if st.explicit:
        return _explicit(_choose(st.explicit, doc.rules), st.resolved)
    return Attribution(UNSOURCED, "none")


def _advice(doc: _Document, walk: _Walk, st: _Statement) -> Attribution | None:
    """Advice rests on the adviser it names, else on the writer (or the issuing agency)."""
    if st.kind != "recommendation":
        return None
    passage = walk.passage
    if st.explicit:
        chosen = _explicit(_choose(st.explicit, doc.rules), st.resolved)
        if passage is not None and chosen.type != passage.type and not passage.report:
            walk.passage = None  # advice on another ground: the passage's source is left
        return chosen
    anaphora = st.cues("anaphora")
    if anaphora and passage is not None and not passage.quote_only:
        return _context(passage, anaphora[0])
    if passage is not None and passage.report:
        # "These findings suggest that walking could be offered": the report's advice.
        return _context(passage, None)
    basis: Basis = "context" if walk.grounded or st.voice else "none"
    # Advice in a document an agency issued is the agency's advice.
    return Attribution(AUTHORITY if st.voice else EXPERT, basis)


def _planned(doc: _Document, walk: _Walk, st: _Statement) -> Attribution | None:
    """Planned or possible research: nothing to rest on yet, and the topic turns."""
    if not st.cues("irrealis"):
        return None
    walk.passage = None
    return Attribution(UNSOURCED, "none")


def _report(doc: _Document, walk: _Walk, st: _Statement) -> Attribution | None:
    """Research-report voice speaks for the study it reports.

    "We conducted", "This study aimed", "participants received", "were enrolled": inside an
    open study passage this continues that study (a researcher's own words in the news);
    otherwise the document reports a study of its own, whose design comes from the statement,
    the title or the report's other statements (:func:`_report_design`). Its participants'
    own reports ("They reported ...", "self-reported data") stay the study's evidence.
    """
    passage = walk.passage
    if not st.main and (passage is None or not passage.report):
        return None  # no report voice, and no report to continue
    if st.cues("judgement"):
        return None
    voice = st.cues("report") + st.cues("own_study")
    designs = [c for c in st.explicit if c.type in _STUDY_TYPES]
    if voice and doc.design == REVIEW:
        # A review's methods and results name the designs it took in ("We included randomized
        # controlled trials", "We graded the evidence from trials"): it rests on the review.
        designs = [c for c in designs if c.type == REVIEW]
    others = [c for c in st.explicit if c.type not in _STUDY_TYPES]
    participants_only = all(c.type == ANECDOTAL for c in others)
    if passage is not None and passage.report and not designs and participants_only:
        return _context(passage, voice[0] if voice else None)
    speakers_only = all(c.type == EXPERT for c in st.explicit)
    if not voice or (others and not designs and not speakers_only):
        return None
    if (
        passage is not None
        and passage.type in _STUDY_TYPES
        and not designs
        and (passage.report or speakers_only)
    ):
        return _context(passage, voice[0])
    if passage is not None and walk.in_report and passage.type in _STUDY_TYPES:
        passage.report = not passage.sources
    if designs:
        chosen = _explicit(_choose(designs, doc.rules), st.resolved)
    elif passage is not None and passage.type in _STUDY_TYPES:
        return _context(passage, voice[0])
    elif others:
        return None  # a speaker named in the statement is its ground, not a report of ours
    else:
        chosen = Attribution(doc.design, "explicit", cue=(voice[0].start, voice[0].end))
    walk.passage = _Passage(chosen.type, chosen.sources, st.index, report=True)
    walk.grounded = True
    return chosen


def _judgement(doc: _Document, walk: _Walk, st: _Statement) -> Attribution | None:
    """The writer's judgement ("more research is needed", "a sensible option")."""
    judgement = st.cues("judgement")
    if not judgement or st.explicit:
        return None
    basis: Basis = "context" if walk.grounded else "none"
    return Attribution(EXPERT, basis, cue=(judgement[0].start, judgement[0].end))


def _self_report(text: str, cue: CueHit) -> bool:
    return cue.type == ANECDOTAL and text.startswith("self", cue.start)


def _named_ground(doc: _Document, walk: _Walk, st: _Statement) -> Attribution | None:
    """A ground the statement names: a cue, a cue inside an aside, or a cited source."""
    passage = walk.passage
    if (
        st.explicit
        and passage is not None
        and passage.type in _STUDY_TYPES
        and all(_self_report(doc.text, c) for c in st.explicit)
    ):
        # "Intake was recorded partly by self-report": a study's measurement method.
        return _context(passage, None)
    if (
        st.explicit
        and passage is not None
        and passage.report
        and passage.type == REVIEW
        and not any(item.keys for item in st.resolved)
        and all(c.type in _STUDY_TYPES and c.type != REVIEW for c in st.explicit)
    ):
        # "In 19 randomized trials with 4,421 women, calcium reduced ...": in a review's own
        # results, the trials it pooled; the statement rests on the review.
        return _context(passage, None)
    anaphora = st.cues("anaphora")
    if not (st.explicit or st.aside_explicit or (st.named_type and not anaphora)):
        return None
    if st.explicit:
        chosen = _explicit(_choose(st.explicit, doc.rules), st.resolved)
    elif st.named_type:
        chosen = _from_mentions(st.named_type, st.resolved)
    else:
        chosen = _explicit(_choose(st.aside_explicit, doc.rules), st.resolved)
    walk.grounded = True
    if chosen.type in doc.rules.opens_passage:
        report = walk.in_report and chosen.type in _STUDY_TYPES and not chosen.sources
        walk.passage = _Passage(chosen.type, chosen.sources, st.index, report=report)
    elif chosen.type == EXPERT:
        walk.passage = _Passage(EXPERT, chosen.sources, st.index, quote_only=True)
    return chosen


def _carried(doc: _Document, walk: _Walk, st: _Statement) -> Attribution:
    """What the open passage carries; a gap in the evidence; the issuer's voice; nothing."""
    passage = walk.passage
    if st.cues("gap"):
        # "X remains unclear", "little is known": about the evidence, resting on none,
        # unless the study the document reports says it or the issuing agency does.
        if passage is not None and passage.report:
            return _context(passage, None)
        walk.passage = None
        if st.voice:
            return Attribution(AUTHORITY, "context")
        return Attribution(UNSOURCED, "none")
    if (
        passage is not None
        and passage.type in (AUTHORITY, EXPERT)
        and _GENERIC_PEOPLE.match(doc.text, st.segment.body)
    ):
        walk.passage = passage = None  # the text has turned from the agency to people at large
    if passage is not None:
        anaphora = st.cues("anaphora")
        return _context(passage, anaphora[0] if anaphora else None)
    if st.voice:
        # A document an agency issued states its facts on the agency's authority.
        return Attribution(AUTHORITY, "context")
    return Attribution(UNSOURCED, "none")


# The rules of :func:`attribute` after layout and topic shifts, in the order they are tried;
# :func:`_carried` decides what none of them does.
_RULES: tuple[Callable[[_Document, _Walk, _Statement], Attribution | None], ...] = (
    _quotation,
    _question,
    _advice,
    _planned,
    _report,
    _judgement,
    _named_ground,
)


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
        if (
            hit.type == "case_report"
            and document.startswith("in", hit.start)
            and not _CLAUSE_START.fullmatch(document, segment.body, hit.start)
        ):
            # "In several cases, women ..." opens a report of cases; ", in many cases, ..."
            # in mid-sentence only hedges the statement.
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
