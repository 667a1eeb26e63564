"""Reading a document into what attribution needs: cues, mentions and each statement's grounds.

:class:`Document` holds what is known of the whole text (cue hits, resolved mentions, the
types bibliography entries suggest, the document's own voice and the design of a study it
reports); :func:`read_statement` splits one statement's cues the ways the decision rules look
at them. What citations suggest is read in :mod:`.attribution_citations`, the document's own
voice in :mod:`.attribution_voice`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..io.bib import Bibliography
from ..model.records import Basis, Kind
from .asides import in_aside
from .attribution_citations import (
    FALLBACK_DESIGN,
    Resolved,
    as_review,
    citation_type,
    design_word,
    entry_types,
    guideline_evidence,
    resolve_mentions,
)
from .attribution_rules import (
    ANECDOTAL,
    AUTHORITY,
    MARKERS,
    STUDY_TYPES,
    AttributionRules,
    CueHit,
    load_rules,
)
from .attribution_voice import BODY_KIND_WORD, issuer_voice_from, report_design, unsigned_page
from .caseless import fold
from .genre import Genre, read_genre
from .mention_resolver import Resolver
from .mentions import Mention, find_mentions
from .segment import Segment

# Genres that report someone else's study (benchmarks/gold-real-val/README.md: "A study a news
# text or blog reports ... carries the key of the one study entry"). An agency's page that
# lists one work, and a page whose genre is not read, report that work the same way
# (docs/extraction-decisions.md, 34 and 46); research reports and reviews are left out, since
# their single entry may be the document itself.
_SOLE_GENRES = frozenset({"news", "personal", "agency", "unknown"})

__all__ = ["Document", "Statement", "entry_types", "read_statement", "self_report"]

_SOME_CASES_MAY = re.compile(
    r"in\s+(?:some|many|most|rare|certain)\s+cases,?\s+(?:[\w-]+\s+){0,6}?"
    r"(?:may|might|can|could)\b",
    re.IGNORECASE,
)
# "In many cases, these substances serve as ...", "In some cases, people have experienced
# ...": a vague quantity of cases is a frequency hedge on a general statement (Hyland 2005's
# approximators of frequency), not cases reported one by one; a count ("in several cases",
# "in two cases") still describes cases.
_VAGUE_CASES = re.compile(r"in\s+(?:some|many|most|certain|rare)\s+cases\b", re.IGNORECASE)
# A judgement that research is needed ("more trials are needed", "a need for studies").
_NEEDED = re.compile(r"need|requir", re.IGNORECASE)
_BEEN_REPORTED = re.compile(r"(?:have|has)\s+been\s+reported|reportedly", re.IGNORECASE)
# (with the article a case-sensitive acronym cue leaves out: "The FDA requires ...")
_CLAUSE_START = re.compile(
    r"[\W]*(?:(?:so|and|but|also|however|now|meanwhile),?\s+)?(?:the\s+)?$", re.I
)
_BEFORE_AUTHORITY = re.compile(r"\b(?:by|from)\s+$", re.I)
# A body releasing a work of research: "releases a new report", "published a study".
_RELEASES = re.compile(
    r"(?:\s+\([^)]{1,20}\))?\s+(?:has\s+|today\s+)?(?:releases?|released|publishe[sd]|publish"
    r"|issues?|issued)\s+(?:a|an|its|the)\s+(?:new\s+|latest\s+|recent\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:report|study|data\s+brief|analysis|survey)\b",
    re.I,
)
# A reporting verb right before the body: the body (or its official) is the speaker.
_SAID_BEFORE = re.compile(
    r"\b(?:said|says|told|added|noted|explained|warned|stated|announced)\s+(?:the\s+)?$", re.I
)


@dataclass
class Document:
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
    # How the issuer's voice is known: "context" when a line names the issuer, "none" on an
    # unsigned page whose register alone says an institution speaks (attribution_voice).
    voice_basis: Basis = "context"
    # Short names defined for cited works ("the Massachusetts Male Aging Study (MMAS) ... [2]"):
    # the acronym and the keys it stands for, filled in as the statements are read.
    acronyms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # The genre the document is written in (read once, :mod:`.genre`): where no statement
    # names a ground, what an unsourced sentence rests on follows it.
    genre: Genre = field(default_factory=lambda: Genre("unknown", "unknown"))
    # Where words that research may be said to be "needed" and the kind words of a public
    # body's name ("Office", "Institute") occur: found in one pass over the document, so that
    # the rules that read them look at a statement only when it holds one.
    needed_at: list[int] = field(default_factory=list)
    bodies_at: list[int] = field(default_factory=list)

    def holds(self, positions: list[int], segment: Segment) -> bool:
        """Does one of ``positions`` fall inside the statement?"""
        i = bisect_left(positions, segment.start)
        return i < len(positions) and positions[i] < segment.end

    @classmethod
    def read(
        cls,
        document: str,
        segments: Sequence[Segment],
        kinds: Sequence[Kind],
        asides: Sequence[list[tuple[int, int]]],
        bibliography: Bibliography | None,
        folded: str | None,
    ) -> Document:
        rules = load_rules()
        if folded is None:
            folded = fold(document)
        hits = rules.scan(document, folded)
        resolver = Resolver(bibliography)
        loose = bibliography is not None and len(bibliography) > 0
        genre = read_genre(document)
        # The one work a news report or blog post lists is the study it reports (mentions,
        # the *sole* form); an abstract's or a review's single entry may be the document itself.
        sole = bibliography is not None and len(bibliography) == 1 and genre.family in _SOLE_GENRES
        mentions = [
            find_mentions(
                document,
                s.start,
                s.end,
                folded=folded,
                loose=loose,
                corporate=resolver.corporate,
                sole=sole,
            )
            for s in segments
        ]
        resolver.prime(m for ms in mentions for m in ms)
        voice_from = issuer_voice_from(document, segments, hits)
        if voice_from is not None and genre.institutional and genre.confident:
            # An agency's page signed below its opening ("This fact sheet ..." in the third
            # sentence) speaks for the agency from its first line: the signature names the
            # issuer of the whole page, not of what follows it.
            voice_from = 0
        voice_basis: Basis = "context"
        if (
            voice_from is None
            and not mentions_cited(mentions)
            and unsigned_page(document, segments, kinds, hits, genre)
        ):
            voice_from, voice_basis = 0, "none"
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
            report_design(document, segments, hits, genre.design),
            voice_basis=voice_basis,
            genre=genre,
            needed_at=[m.start() for m in _NEEDED_WORD.finditer(document)],
            bodies_at=[m.start() for m in BODY_KIND_WORD.finditer(document)],
        )


def mentions_cited(mentions: Sequence[Sequence[Mention]]) -> bool:
    """Does the document cite works by author or number (then it is no unsigned page)?"""
    return any(m.form in _CITING and m.certain for ms in mentions for m in ms)


# Mention forms that cite a work the way a reference list does: by author (a person or a
# body) or by number.
_CITING = frozenset({"named", "numbered", "corporate"})


@dataclass
class Statement:
    """One statement's cues, split the ways the rules look at them."""

    index: int
    segment: Segment
    kind: Kind
    main: list[CueHit]  # cues outside asides
    side: list[CueHit]  # cues inside parentheses or dash asides
    resolved: list[Resolved]
    explicit: list[CueHit]  # the main cues that name a source
    aside_explicit: list[CueHit]
    named_type: str | None  # the design a cited source suggests
    voice: bool  # written in the voice of the agency that issued the document
    unresolved: tuple[tuple[str, tuple[str, ...]], ...] = ()  # citations without an entry
    # named_type is only the fallback for a citation whose design is unknown (no entry type,
    # no design word in the sentence): an open passage that already holds the key may know it.
    named_fallback: bool = False

    def cues(self, kind: str) -> list[CueHit]:
        if not self.main:
            return []
        return [c for c in self.main if c.type == kind]


_NEEDED_WORD = re.compile(r"\b(?:needed|required|warranted)\b")
# Research said to be needed, with the studies described between subject and verb
# ("Randomized controlled trials enrolling more participants for longer are needed to ..."):
# the writer's judgement, and the design named as needed is not the ground
# (docs/extraction-decisions.md, 16). The cue scan finds the design words first, so the
# judgement is read from the statement as a whole.
_RESEARCH_NEEDED = re.compile(
    r"\b(?:trials|studies|research|data|evidence)\b[^.;:]{0,160}?\b(?:is|are)\s+"
    r"(?:still\s+|also\s+|urgently\s+|clearly\s+)?(?:needed|required|warranted)\b(?!\s+by\b)",
    re.IGNORECASE,
)


def _research_needed(doc: Document, segment: Segment, mine: list[CueHit]) -> CueHit | None:
    document = doc.text
    if not doc.holds(doc.needed_at, segment):
        return None
    if any(c.type == "judgement" for c in mine):
        return None
    match = _RESEARCH_NEEDED.search(document, segment.start, segment.end)
    return None if match is None else CueHit("judgement", match.start(), match.end())


def read_statement(doc: Document, index: int, h: int) -> Statement:
    segment, kind = doc.segments[index], doc.kinds[index]
    mine: list[CueHit] = []
    j = h
    while j < len(doc.hits) and doc.hits[j].start < segment.end:
        if doc.hits[j].end <= segment.end:
            mine.append(doc.hits[j])
        j += 1
    needed = _research_needed(doc, segment, mine)
    if needed is not None:
        mine.append(needed)
    spans = doc.asides[index]
    if spans:
        main = [c for c in mine if not in_aside(spans, c.start, c.end)]
        side = [c for c in mine if in_aside(spans, c.start, c.end)]
    else:
        main, side = mine, []
    resolved = resolve_mentions(doc.text, doc.mentions[index], doc.resolver, doc.types, mine)
    if resolved:
        _define_acronyms(doc, segment, resolved)
    elif doc.acronyms:
        resolved = _by_acronym(doc, segment)
    voice = doc.voice_from is not None and doc.voice_from <= segment.start
    explicit = _main_grounds(doc, segment, main, resolved, voice)
    if resolved and guideline_evidence(doc.text, segment.start, segment.end, resolved):
        # The evidence a cited guideline graded, not the issuing body's word: the agency's
        # name ("according to the WHO guideline") no longer decides the type.
        resolved = as_review(resolved)
        explicit = [c for c in explicit if c.type != AUTHORITY]
    unresolved = _unresolved(doc, index)
    named_type = citation_type(doc.mentions[index], resolved, doc.types)
    if named_type is None and unresolved:
        named_type = FALLBACK_DESIGN  # a citation all the same, as for "Smith et al."
    fallback = named_type == FALLBACK_DESIGN and not any(item.type for item in resolved)
    if fallback:
        # "In these trials, pain fell (Smith 2020)": a design the sentence's own words give
        # to what it cites ("these trials", "the reviews") beats the fallback design.
        design = design_word(doc.text, main + side)
        if design is not None:
            named_type, fallback = design, False
    return Statement(
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
        fallback,
    )


def _main_grounds(
    doc: Document, segment: Segment, main: list[CueHit], resolved: list[Resolved], voice: bool
) -> list[CueHit]:
    """The cues outside asides that name the statement's ground (:func:`_sourced`), less a
    design named as missing and a study's own self-report measures."""
    explicit = _sourced(doc.text, segment, main, doc.rules, voice) if main else []
    if any(c.type == "gap" for c in main) or any(
        c.type == "judgement" and _NEEDED.search(doc.text, c.start, c.end) for c in main
    ):
        # "A review has not yet been reported", "no controlled trials have", "more preclinical
        # testing is required": a design named as missing or needed is not what the statement
        # rests on.
        explicit = [c for c in explicit if c.type not in STUDY_TYPES]
    if any(c.type == ANECDOTAL for c in explicit) and (
        any(c.type in STUDY_TYPES for c in explicit)
        or any(c.type in ("report", "own_study") for c in main)
        or any(item.informal is None and item.type in STUDY_TYPES for item in resolved)
    ):
        # "assessed partly by self-report in this cohort study", "outcomes partly self-reported
        # (Carson 2012)" citing a review: how a study measured, not a ground of its own; the
        # study is the ground.
        explicit = [c for c in explicit if not self_report(doc.text, c)]
    return explicit


# "the Massachusetts Male Aging Study (MMAS)": capitalised words and, in parentheses, their
# initials. (Only an acronym whose letters are the initials of the words before it.)
_ACRONYM_DEFINED = re.compile(r"((?:[A-Z][\w'’-]*\s+){1,8})\(([A-Z]{2,8})\)")


def _define_acronyms(doc: Document, segment: Segment, resolved: list[Resolved]) -> None:
    """Record a short name the statement defines for the one work it cites."""
    if "(" not in doc.text[segment.start : segment.end]:
        return
    keys = {key for item in resolved for key in item.keys}
    if len(keys) != 1:
        return  # which of several works the name stands for is not said
    for match in _ACRONYM_DEFINED.finditer(doc.text, segment.start, segment.end):
        words, acronym = match.group(1).split(), match.group(2)
        if "".join(w[0] for w in words[-len(acronym) :]) == acronym:
            doc.acronyms.setdefault(acronym, tuple(keys))


def _by_acronym(doc: Document, segment: Segment) -> list[Resolved]:
    """A later statement that names a cited work by its short name ("In the MMAS, ...")."""
    text = doc.text[segment.start : segment.end]
    for acronym, keys in doc.acronyms.items():
        if acronym in text and re.search(rf"\b{acronym}\b", text):
            kind = next((doc.types[k] for k in keys if doc.types.get(k)), None)
            return [Resolved(keys, kind, acronym)]
    return []


def _unresolved(doc: Document, index: int) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Author-year citations of a statement that no bibliography entry matches.

    Only with a bibliography, and only for mentions that are surely citations ("Smith et al.",
    "Okafor and Lindqvist (2019)", "(Smith 2020)", "(WHO 2011)", "NICE guidance (2019)"):
    they are reported and kept on the claim, never dropped without a word.
    """
    if doc.resolver.bibliography is None:
        return ()
    found = []
    for mention in doc.mentions[index]:
        if mention.form == "corporate":
            if mention.certain and not doc.resolver.corporate_keys(mention):
                text = mention.text(doc.text).rstrip(".,;")
                if text.startswith("(") and text.endswith(")"):
                    text = text[1:-1]  # "(WHO 2015)"; "NICE guidance (2019)" keeps its own
                found.append((text, doc.resolver.closest(mention)))
            continue
        if mention.form != "named":
            continue
        cited = mention.certain or doc.text.startswith("(", max(0, mention.start - 1))
        if cited and not doc.resolver.author_keys(mention):
            found.append((mention.text(doc.text).rstrip(").,;"), doc.resolver.closest(mention)))
    return tuple(found)


def self_report(text: str, cue: CueHit) -> bool:
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
        if hit.type in MARKERS:
            continue
        if (
            hit.type == "case_report"
            and document.startswith("in", hit.start)
            and not _CLAUSE_START.fullmatch(document, segment.body, hit.start)
        ):
            # "In several cases, women ..." opens a report of cases; ", in many cases, ..."
            # in mid-sentence only hedges the statement.
            continue
        if hit.type == "case_report" and (
            _SOME_CASES_MAY.match(document, hit.start) or _VAGUE_CASES.match(document, hit.start)
        ):
            # "In some cases, supplements may have unwanted effects": what can happen, a
            # hedge on a general statement, not cases reported one by one.
            continue
        if (
            hit.type == ANECDOTAL
            and _BEEN_REPORTED.match(document, hit.start)
            and any(h.type in STUDY_TYPES and h is not hit for h in hits)
        ):
            # "Few side effects have been reported in studies of valerian": the studies
            # named are the ground; "have been reported" only says the studies reported it.
            continue
        if hit.type == AUTHORITY and _RELEASES.match(document, hit.end, segment.end):
            # "NCHS releases a new report that describes ...": the body announces a work; the
            # work is the ground (docs/extraction-decisions.md, 34), named by the mention.
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
    if text.startswith(("according", "we ", "here ")) or "guideline" in text:
        return True  # ("We are the National Institute ...": the agency is the writer)
    before = document[segment.body : hit.start]
    if voice and _CLAUSE_START.fullmatch(before):
        return True
    after = rules.reporting.search(document, hit.end, min(segment.end, hit.end + 60))
    if after is not None:
        return True
    tail = before[-40:]
    if _SAID_BEFORE.search(tail):
        return True  # "..., said FDA Commissioner X", "says the agency"
    return bool(_BEFORE_AUTHORITY.search(tail) and rules.reporting.search(tail))
