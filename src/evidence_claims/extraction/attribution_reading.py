"""Reading a document into what attribution needs: cues, mentions and each statement's grounds.

:class:`_Document` holds what is known of the whole text (cue hits, resolved mentions, the
types bibliography entries suggest, the design of a study the document reports);
:func:`_read_statement` splits one statement's cues the ways the decision rules look at them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

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


# Cues that say only that some study or report exists ("several studies have shown", "a new
# study", "researchers found", "it has been reported"), without its design: beside a citation
# whose entry names a design, the cited work's design is the statement's (the type of a cited
# work is that of the work, benchmarks/gold-real/README.md).
_GENERIC_CUE = re.compile(
    r"stud(?:y|ies)|research(?:ers)?|scientists|(?:have|has)\s+been\s+reported|reportedly", re.I
)
_SPECIFIC_CUE = re.compile(
    r"cohort|survey|case-control|cross-sectional|observational|prospective|retrospective"
    r"|longitudinal|epidemiolog|population|registr|questionnaire|interview|field|follow|human"
    r"|people|adults|children|patients|users|women|men|volunteers",
    re.I,
)


def _generic(text: str, cue: CueHit) -> bool:
    if cue.type not in ("observational_study", ANECDOTAL):
        return False
    words = text[cue.start : cue.end]
    if cue.type == ANECDOTAL:
        return bool(re.search(r"been\s+reported|reportedly", words, re.I))
    return bool(_GENERIC_CUE.search(words)) and not _SPECIFIC_CUE.search(words)


def entry_types(bibliography: Bibliography | None) -> dict[str, str | None]:
    """The source type each bibliography entry's title and keywords suggest (or None)."""
    if bibliography is None:
        return {}
    rules = load_rules()
    types: dict[str, str | None] = {}
    for key, entry in bibliography.entries.items():
        text = " ".join(entry.get(name) or "" for name in ("title", "keywords"))
        # "A study of the efficacy of ...": a generic word for a study in a title does not
        # name the design (the same words beside a citation yield to the cited work's design).
        hits = [
            h
            for h in rules.scan(text)
            if h.type not in ("anaphora", "judgement") and not _generic(text, h)
        ]
        where = " ".join(entry.get(name) or "" for name in ("journal", "institution", "series"))
        if not hits and where.strip():
            # A journal of reviews ("Cochrane Database of Systematic Reviews") or a report of
            # a health technology assessment body names the design; other journal names
            # ("Contemporary Clinical Trials") do not.
            hits = [h for h in rules.scan(where) if h.type == REVIEW]
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
    # Short names defined for cited works ("the Massachusetts Male Aging Study (MMAS) ... [2]"):
    # the acronym and the keys it stands for, filled in as the statements are read.
    acronyms: dict[str, tuple[str, ...]] = field(default_factory=dict)

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
        voice_from = next(
            (hit.start for hit in hits if hit.type == "voice" and _signs(document, segments, hit)),
            None,
        )
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
# Complementary and Alternative Medicine", as MedlinePlus credits its summaries). The whole
# line must be the name: capitalised words joined by "of", "and", "for", "on", "the", "&",
# the body's kind among them ("Administration", "Center for", "Office of"), optionally an
# acronym before a colon, an acronym in parentheses, or ": Part of" / ", " another such name
# after it. A Title Case headline that merely contains a body's name ("Office of Dietary
# Supplements Marks 25 Years With a Festival") is about the body, not its signature: its
# digits and its lower-case words ("a", "with" in sentence case) or a verb after the name
# break the name's shape.
_NAME_WORD = r"(?:[A-Z][\w.&’'-]*|U\.S\.|of|and|for|on|the|&)"
_BODY_KIND = (
    r"(?:Administration|Agency|Institutes?\s+(?:of|for|on)|Cent(?:er|re)s?\s+(?:for|of|on)"
    r"|Department\s+of|Ministry\s+of|Office\s+(?:of|for|on)|Commission|Library\s+of\s+Medicine"
    r"|Health\s+Organi[sz]ation)"
)
_BODY_NAME = (
    rf"(?:the\s+)?(?:{_NAME_WORD}\s+){{0,6}}?{_BODY_KIND}(?:\s+{_NAME_WORD}){{0,7}}?"
    r"(?:\s+\([A-Z][A-Z ]{1,12}\))?"
)
_AGENCY_LINE = re.compile(
    rf"(?:[A-Z]{{2,8}}:\s+)?{_BODY_NAME}(?:\s*(?::\s+(?:an?\s+)?[Pp]art\s+of|,)\s+{_BODY_NAME})?"
)
# A verb that follows a body's name in a headline ("... Marks", "... Launches", "... Warns"):
# the third person singular of a Title Case word after the name's last noun. Names end in
# nouns; the plural nouns that end names are listed, every other "-s" word is read as a verb.
_NAME_PLURALS = frozenset(
    [
        "Affairs",
        "Sciences",
        "Services",
        "Studies",
        "Diseases",
        "Disorders",
        "Supplements",
        "Institutes",
        "Centers",
        "Centres",
        "Products",
        "Medicines",
        "Statistics",
        "Communications",
        "Programs",
        "Programmes",
        "Resources",
        "Systems",
        "Standards",
        "Relations",
        "Operations",
        "Rights",
        "Dynamics",
        "Genomics",
        "Therapeutics",
    ]
)


def _name_shape(line: str) -> bool:
    """Is the line a body's name (see ``_AGENCY_LINE``), not a headline about the body?"""
    if _AGENCY_LINE.fullmatch(line) is None:
        return False
    words = re.findall(r"[A-Z][a-z]+s\b", line)
    return all(word in _NAME_PLURALS or word.endswith("ss") for word in words)


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

    Only a line of its own at either end counts: a heading, or the first (last) line of the
    first (last) statement when segmentation joined that line to the next (previous) one (a
    header "National Center for ... (NCCIH)" above a tagline). An agency named inside a
    sentence is what the sentence is about, not its issuer.
    """
    if not segments:
        return False
    for segment, first in ((segments[0], True), (segments[-1], False)):
        text = document[segment.start : segment.end].strip()
        if segment.role != "heading":
            if "\n" not in text:
                continue
            text = text.split("\n")[0 if first else -1]
        line = text.strip()
        if len(line.split()) <= 14 and (_name_shape(line) or _AGENCY_TITLE.fullmatch(line)):
            return True
    return False


def _signs(document: str, segments: Sequence[Segment], hit: CueHit) -> bool:
    """Does a voice cue say who issued the document, rather than report what someone issued?

    "This fact sheet ..." speaks of the document itself wherever it stands. A line naming the
    issuer ("Issued by the Medicines Safety Agency", "Statement from FDA Commissioner ...")
    counts in the document's first paragraph or on a line of its own; inside a later running
    sentence ("..., according to a statement from the agency") it reports another's words.
    """
    if document.startswith("this", hit.start) or document.startswith("This", hit.start):
        return True
    if not segments or hit.start < segments[0].end:
        return True
    first = segments[0].paragraph
    for segment in segments:
        if segment.start <= hit.start < segment.end:
            return segment.role == "heading" or segment.paragraph == first
        if segment.start > hit.start:
            break
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
    # named_type is only the fallback for a citation whose design is unknown (no entry type,
    # no design word in the sentence): an open passage that already holds the key may know it.
    named_fallback: bool = False

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
    if resolved:
        _define_acronyms(doc, segment, resolved)
    elif doc.acronyms:
        resolved = _by_acronym(doc, segment)
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
        named_type = FALLBACK_DESIGN  # a citation all the same, as for "Smith et al."
    fallback = named_type == FALLBACK_DESIGN and not any(item.type for item in resolved)
    if fallback:
        # "In these trials, pain fell (Smith 2020)": a design the sentence's own words give
        # to what it cites ("these trials", "the reviews") beats the fallback design.
        design = _design_word(doc.text, main + side)
        if design is not None:
            named_type, fallback = design, False
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
        fallback,
    )


# The design a citation of unknown design takes (:func:`_named_type`).
FALLBACK_DESIGN = "observational_study"
# Design nouns inside a back-reference ("these trials", "the reviews", "such case reports"):
# the back-reference names no source of its own, but it does say what kind of work is cited.
_DESIGN_NOUN = re.compile(
    r"\b(?:(?P<trial>trials?)|(?P<review>(?:systematic\s+)?reviews?|meta-?analys[ie]s)"
    r"|(?P<case>case\s+reports?))\b",
    re.IGNORECASE,
)
_DESIGN_OF = {"trial": "clinical_trial", "review": REVIEW, "case": "case_report"}


def _design_word(document: str, hits: Sequence[CueHit]) -> str | None:
    """The design a statement's back-reference names ("these trials"), if any."""
    for hit in hits:
        if hit.type != "anaphora":
            continue
        match = _DESIGN_NOUN.search(document, hit.start, hit.end)
        if match is not None and match.lastgroup is not None:
            return _DESIGN_OF[match.lastgroup]
    return None


# "the Massachusetts Male Aging Study (MMAS)": capitalised words and, in parentheses, their
# initials. (Only an acronym whose letters are the initials of the words before it.)
_ACRONYM_DEFINED = re.compile(r"((?:[A-Z][\w'’-]*\s+){1,8})\(([A-Z]{2,8})\)")


def _define_acronyms(doc: _Document, segment: Segment, resolved: list[_Resolved]) -> None:
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


def _by_acronym(doc: _Document, segment: Segment) -> list[_Resolved]:
    """A later statement that names a cited work by its short name ("In the MMAS, ...")."""
    text = doc.text[segment.start : segment.end]
    for acronym, keys in doc.acronyms.items():
        if acronym in text and re.search(rf"\b{acronym}\b", text):
            kind = next((doc.types[k] for k in keys if doc.types.get(k)), None)
            return [_Resolved(keys, kind, acronym)]
    return []


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
        return FALLBACK_DESIGN
    return None
