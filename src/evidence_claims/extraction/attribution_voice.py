"""The document's own voice: who issued it, and the study it reports.

A document an agency issued states its facts on the agency's authority, from the line that
names the issuer on (:func:`issuer_voice_from`); a research report's statements in its own
voice rest on the study it reports, whose design :func:`report_design` reads from the whole
text. Both are read once per document, before the statements are walked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .attribution_citations import FALLBACK_DESIGN
from .attribution_rules import STUDY_TYPES, CueHit, load_rules, voice_design
from .genre import Genre
from .segment import Segment

DIAGNOSTIC = "diagnostic_accuracy"


def issuer_voice_from(
    document: str, segments: Sequence[Segment], hits: Sequence[CueHit]
) -> int | None:
    """Where the document starts speaking as the agency that issued it (None: it does not).

    A voice cue that signs the document ("This fact sheet ...", "Issued by ..."), else a line
    at either end naming the issuing body (then from the start), else the start of the
    publisher's answers on a page of the reader's questions.
    """
    signed = next(
        (hit.start for hit in hits if hit.type == "voice" and _signs(document, segments, hit)),
        None,
    )
    if signed is None and _agency_line(document, segments):
        signed = 0
    if signed is None:
        signed = _reader_faq(document, segments)
    return signed


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
_BODY_IN_TEXT = re.compile(_BODY_NAME)
# The kind word every body name holds (:data:`_BODY_KIND`), to find candidates cheaply.
BODY_KIND_WORD = re.compile(
    r"Administration|Agency|Institute|Cent(?:er|re)|Department|Ministry|Office|Commission"
    r"|Library|Organi[sz]ation"
)


def names_body(document: str, segment: Segment) -> bool:
    """Does the statement name a public body ("the Office of Dietary Supplements", "the
    National Institute on Aging"), by the same name shape a header line has?"""
    return _BODY_IN_TEXT.search(document, segment.body, segment.end) is not None


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
AGENCY_ACRONYM = (
    r"(?:FDA|CDC|NIH|NCCIH|NCCAM|ODS|NLM|NCI|NIA|NIMH|NHLBI|NIAID|NIDDK|NEI|NIDA|NIAAA|AHRQ"
    r"|USDA|FTC|HHS|WHO|EMA|EFSA|NHS|NICE|MHRA|TGA)"
)
_AGENCY_TITLE = re.compile(
    rf"{AGENCY_ACRONYM}\s*[:|–]\s+\S.*|.*\S\s+[|–-]\s*(?:the\s+)?{AGENCY_ACRONYM}"
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


def _question_heading(opening: str, person: str) -> re.Pattern[str]:
    """A heading that is a question asked in one person's voice (its words, then "?")."""
    return re.compile(rf"{opening}\b[^?\n]*\b(?-i:{person})\b[^?\n]*\?", re.IGNORECASE)


# The reader's own questions as headings ("Why do I need vitamin D?", "How do I get it?"),
# answered in the second person: the layout of a consumer health information page.
_READER_QUESTION = _question_heading(
    r"(?:Q[.:]\s*)?(?:what|why|how|when|where|who|which|do|does|can|should|is|are)", "I|my|me"
)
# The publisher's own questions as headings ("How Much Do We Know?", "What Have We
# Learned?", as NCCIH's fact sheets are laid out).
_PUBLISHER_QUESTION = _question_heading(
    r"(?:what|why|how|when|where|which|do|does|can|is|are)", "We|we"
)
_READER = re.compile(r"\b(?:you|your)\b", re.IGNORECASE)
# (A middle initial, "Lindsey I. Black", is no first person.)
_WRITER = re.compile(r"\b(?-i:I(?!\.\s+[A-Z][a-z])|I['’]\w+|me|my|mine)\b")


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


# Cue families that say the text is not an institution's unsigned page: a study's report
# voice, a speaker or writer giving their view, people's own reports (not the agentless
# "have been reported", which such pages use of side effects).
_NOT_A_PAGE = frozenset({"report", "own_study", "expert_opinion", "anecdotal_report"})
_AGENTLESS = re.compile(r"(?:have|has)\s+been\s+reported|reportedly", re.IGNORECASE)


def unsigned_page(
    document: str,
    segments: Sequence[Segment],
    kinds: Sequence[str],
    hits: Sequence[CueHit],
    genre: Genre | None = None,
) -> bool:
    """Is the document an institution's consumer page that never names who issued it?

    A fact sheet copied without its header (benchmarks/gold-real/README.md: its statements
    are the agency's, basis ``none``) reads as the genre's register: it advises its reader
    (two recommendations; or one, and two statements that address the reader as "you"; or
    three that do), and nobody in it speaks for themselves: no first person singular, no
    study reported in its own voice, no expert or user quoted, at most one study named. A
    blog post or forum thread (first person), a news story (quoted speakers), an abstract
    (report voice), a text about studies or an encyclopedia article (no advice) does not
    read so.
    """
    if genre is not None and genre.confident:
        # The genre reader has seen the whole page: an abstract, a review, a news story or a
        # forum thread is no institution's consumer page, however it addresses its reader;
        # an agency's page by its layout and vocabulary (Q&A headings, fact-sheet labels, the
        # body's name) speaks for the agency even when it names studies, says "we evaluated"
        # or gives no advice in so many words, unless a writer speaks for themselves ("I").
        return genre.institutional and not any(
            _WRITER.search(document, s.start, s.end) for s in segments
        )
    studies = 0
    for hit in hits:
        if hit.type in _NOT_A_PAGE and not _AGENTLESS.match(document, hit.start):
            return False
        studies += hit.type in STUDY_TYPES
    if studies > 1:
        return False  # a text that reports studies ("In mice, ...") is about the evidence
    advice = addressed = 0
    for segment, kind in zip(segments, kinds, strict=True):
        text = document[segment.start : segment.end]
        if _WRITER.search(text):
            return False
        if kind == "recommendation":
            advice += 1
        if _READER.search(text):
            addressed += 1
    return advice >= 2 or addressed >= 3 or (advice >= 1 and addressed >= 2)


def report_design(
    document: str,
    segments: Sequence[Segment],
    hits: Sequence[CueHit],
    genre_design: str | None = None,
) -> str:
    """The design of the study a research report describes, read from the whole document.

    The first study design named in the title (a heading before any other statement) or in a
    statement written in the report's own voice ("We conducted an online survey", "This
    prospective cohort study included"); an observational study, the most common design of a
    report that names none ("We assessed the association between ..."). One pass over the
    statements and the cues, in document order.
    """
    h = 0
    rules = load_rules()
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
            design = next((c.type for c in mine if c.type in STUDY_TYPES), None)
            own = (voice_design(document, c, rules) for c in mine if c.type == "report")
            named = next((c.type for c in own if c is not None), None) or design
            if named is not None:
                return _accuracy(named, hits)
    return _accuracy(genre_design or FALLBACK_DESIGN, hits)


def _accuracy(design: str, hits: Sequence[CueHit]) -> str:
    """A report of an observational design that reports a test's accuracy ("We conducted a
    prospective study ... compared with the reference standard ... sensitivity of 88%") is a
    diagnostic accuracy study: the generic design names how it sampled, the accuracy measures
    what it is (docs/extraction-decisions.md, 18: the more specific design is recorded)."""
    if design == FALLBACK_DESIGN and any(h.type == DIAGNOSTIC for h in hits):
        return DIAGNOSTIC
    return design
