"""Reading a document into what attribution needs: cues, mentions and each statement's grounds.

:class:`_Document` holds what is known of the whole text (cue hits, resolved mentions, the
types bibliography entries suggest, the design of a study the document reports);
:func:`_read_statement` splits one statement's cues the ways the decision rules look at them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..io.bib import BibEntry, Bibliography
from ..model.records import Kind
from .asides import in_aside
from .attribution_rules import (
    _MARKERS,
    _STUDY_TYPES,
    ANECDOTAL,
    AUTHORITY,
    REVIEW,
    AttributionRules,
    CueHit,
    _choose,
    load_rules,
)
from .caseless import fold
from .mentions import Mention, Resolver, find_mentions
from .segment import Segment

_SOME_CASES_MAY = re.compile(
    r"in\s+(?:some|many|most|rare|certain)\s+cases,?\s+(?:[\w-]+\s+){0,6}?"
    r"(?:may|might|can|could)\b",
    re.IGNORECASE,
)
_BEEN_REPORTED = re.compile(r"(?:have|has)\s+been\s+reported|reportedly", re.IGNORECASE)
_CLAUSE_START = re.compile(r"[\W]*(?:(?:so|and|but|also|however|now|meanwhile),?\s+)?$", re.I)
_BEFORE_AUTHORITY = re.compile(r"\b(?:by|from)\s+$", re.I)


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
        if voice_from is None and _agency_line(document, segments):
            voice_from = 0
        if voice_from is None:
            voice_from = _reader_faq(document, segments)
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


# A line of its own that is the name of a public body: a page's header ("U.S. Food and Drug
# Administration") or the source line under a summary ("NIH: National Center for
# Complementary and Alternative Medicine", as MedlinePlus credits its summaries). Case-
# sensitive: the body's name is capitalised. At most 14 words, no full stop at the end.
_AGENCY_LINE = re.compile(
    r"(?:[A-Z]{2,8}:\s+)?(?:[\w.&’'-]+\s+){0,10}?"
    r"(?:Administration|Agency|Institutes?\s+(?:of|for|on)|Cent(?:er|re)s?\s+(?:for|of|on)"
    r"|Department\s+of|Ministry\s+of|Office\s+(?:of|for|on)|Commission|Library\s+of\s+Medicine"
    r"|Health\s+Organi[sz]ation)\b[^.\n]*"
)


# A web page title that ends or starts with an agency's acronym: "Echinacea | NCCIH",
# "FDA: Kratom". (The acronyms of the public bodies whose pages are most often quoted.)
_AGENCY_ACRONYM = (
    r"(?:FDA|CDC|NIH|NCCIH|NCCAM|ODS|NLM|NCI|NIA|NIMH|NHLBI|NIAID|NIDDK|NEI|NIDA|NIAAA|AHRQ"
    r"|USDA|FTC|HHS|WHO|EMA|EFSA|NHS|NICE|MHRA|TGA)"
)
_AGENCY_TITLE = re.compile(
    rf"{_AGENCY_ACRONYM}\s*[:|–]\s+\S.*|.*\S\s+[|–-]\s*(?:the\s+)?{_AGENCY_ACRONYM}"
)


def _agency_line(document: str, segments: Sequence[Segment]) -> bool:
    """Does the first or the last line of the document name the public body that issued it?

    Only a heading-like line (a line of its own, as segmentation marks it) at either end
    counts: an agency named inside a sentence is what the sentence is about, not its issuer.
    """
    if not segments:
        return False
    for segment in (segments[0], segments[-1]):
        if segment.role != "heading":
            continue
        line = document[segment.start : segment.end].strip()
        if len(line.split()) <= 14 and (
            _AGENCY_LINE.fullmatch(line) or _AGENCY_TITLE.fullmatch(line)
        ):
            return True
    return False


# The reader's own questions as headings ("Why do I need vitamin D?", "How do I get it?"),
# answered in the second person: the layout of a consumer health information page.
_READER_QUESTION = re.compile(
    r"(?:Q[.:]\s*)?(?:what|why|how|when|where|who|which|do|does|can|should|is|are)\b[^?\n]*"
    r"\b(?-i:I|my|me)\b[^?\n]*\?",
    re.IGNORECASE,
)
# The publisher's own questions as headings ("How Much Do We Know?", "What Have We
# Learned?", as NCCIH's fact sheets are laid out).
_PUBLISHER_QUESTION = re.compile(
    r"(?:what|why|how|when|where|which|do|does|can|is|are)\b[^?\n]*\b(?-i:We|we)\b[^?\n]*\?",
    re.IGNORECASE,
)
_READER = re.compile(r"\b(?:you|your)\b", re.IGNORECASE)
_WRITER = re.compile(r"\b(?-i:I|I['’]\w+|me|my|mine)\b")


def _own_line(document: str, segment: Segment) -> bool:
    """Does the segment stand on a line of its own (a heading, or a question as one)?"""
    i, j, n = segment.start, segment.end, len(document)
    while i > 0 and document[i - 1] in " \t":
        i -= 1
    while j < n and document[j] in " \t":
        j += 1
    return (i == 0 or document[i - 1] == "\n") and (j == n or document[j] in "\r\n")


def _reader_faq(document: str, segments: Sequence[Segment]) -> int | None:
    """Where the publisher's answers start, if the document is a page of the reader's
    questions answered to the reader (else None).

    Such pages (MedlinePlus's "Why do I need vitamin D?", a consumer agency's "I'm thinking
    about taking supplements ... they must be safe, right?") are written by the body that
    publishes them, which speaks to the reader and never of itself in the first person.
    Needs a line that is a question in the reader's first person, or an opening paragraph in
    the first person that ends in a question (the asker's, whose statements stay the asker's:
    the answers start after it); at least two statements that address the reader; and no
    other statement in the first person singular (a blog or a forum post, whose author says
    "I", is not such a page).
    """
    if "?" not in document:
        return None  # (a quick check: most documents ask nothing)
    start, asker = 0, -1
    body = [s for s in segments if s.role != "heading"]
    if body:
        first = [s for s in body if s.paragraph == body[0].paragraph]
        opening = document[first[0].start : first[-1].end]
        if opening.rstrip().endswith("?") and _WRITER.search(opening):
            asker = body[0].paragraph
            later = [s for s in segments if s.start > first[-1].end]
            start = later[0].start if later else first[-1].end
    asked = 1 if asker >= 0 else 0
    addressed = 0
    for segment in segments:
        if segment.paragraph == asker:
            continue
        text = document[segment.start : segment.end]
        if _own_line(document, segment) and (
            _READER_QUESTION.fullmatch(text.strip()) or _PUBLISHER_QUESTION.fullmatch(text.strip())
        ):
            asked += 1
            continue
        if _WRITER.search(text):
            return None
        if _READER.search(text):
            addressed += 1
    # Several such questions make the layout plain even where the answers seldom say "you".
    return start if (asked > 0 and addressed >= 2) or asked >= 2 else None


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
        or any(item.informal is None and item.type in _STUDY_TYPES for item in resolved)
    ):
        # "assessed partly by self-report in this cohort study", "outcomes partly self-reported
        # (Carson 2012)" citing a review: how a study measured, not a ground of its own; the
        # study is the ground.
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


def _self_report(text: str, cue: CueHit) -> bool:
    # ("Self-reported smokers ...": at the start of a sentence too)
    return cue.type == ANECDOTAL and text[cue.start : cue.start + 4].lower() == "self"


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
        if hit.type == "case_report" and _SOME_CASES_MAY.match(document, hit.start):
            # "In some cases, supplements may have unwanted effects": what can happen, a
            # hedge on a general statement, not cases reported one by one.
            continue
        if (
            hit.type == ANECDOTAL
            and _BEEN_REPORTED.match(document, hit.start)
            and any(h.type in _STUDY_TYPES and h is not hit for h in hits)
        ):
            # "Few side effects have been reported in studies of valerian": the studies
            # named are the ground; "have been reported" only says the studies reported it.
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


@dataclass(frozen=True, slots=True)
class _Resolved:
    """Keys one mention resolved to, with the type the mention itself suggests."""

    keys: tuple[str, ...]
    type: str | None
    informal: str | None  # the mention's text when it is not an author citation
    numbered: bool = False  # resolved by its number, to the bibliography entry at that place
    venue: bool = False  # named by the journal that published it


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
        result.append(
            _Resolved(keys, kind, informal, mention.form == "numbered", mention.form == "venue")
        )
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
