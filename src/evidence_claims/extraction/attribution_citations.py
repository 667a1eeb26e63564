"""What the sources a statement cites suggest: bibliography entry types and resolved mentions.

A cited work's type is that of the work (benchmarks/gold-real/README.md): read from its entry's
title, keywords and venue (:func:`entry_types`), or from the words of the mention itself; a
citation whose design nothing names takes :data:`FALLBACK_DESIGN`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..io.bib import BibEntry, Bibliography
from .attribution_rules import (
    ANECDOTAL,
    AUTHORITY,
    EXPERT,
    MARKERS,
    REVIEW,
    STUDY_TYPES,
    CueHit,
    choose_cue,
    load_rules,
)
from .mention_resolver import Resolver
from .mentions import Mention

# Cues that say only that some study or report exists ("several studies have shown", "a new
# study", "researchers found", "it has been reported"), without its design: beside a citation
# whose entry names a design, the cited work's design is the statement's (the type of a cited
# work is that of the work, benchmarks/gold-real/README.md).
_GENERIC_CUE = re.compile(
    r"stud(?:y|ies)|research(?:ers)?|scientists|(?:have|has)\s+been\s+reported|reportedly", re.I
)
# Words that name the kind of study after all ("a cohort study", "studies in adults").
_SPECIFIC_WORDS = (
    "cohort",
    "survey",
    "case-control",
    "cross-sectional",
    "observational",
    "prospective",
    "retrospective",
    "longitudinal",
    "epidemiolog",
    "population",
    "registr",
    "questionnaire",
    "interview",
    "field",
    "follow",
    "human",
    "people",
    "adults",
    "children",
    "patients",
    "users",
    "women",
    "men",
    "volunteers",
)
_SPECIFIC_CUE = re.compile("|".join(_SPECIFIC_WORDS), re.I)


def generic_cue(text: str, cue: CueHit) -> bool:
    """Does the cue say only that some study or report exists, not its design?"""
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
        # Cue families that are no source type ("participants" is a research report's voice)
        # never type an entry: the title "Highly religious participants recruit ..." names none.
        hits = [h for h in rules.scan(text) if h.type not in MARKERS and not generic_cue(text, h)]
        note = entry.get("note") or ""
        if not hits and note:
            # The entry's note may say what the work is ("VITAL, a randomized
            # placebo-controlled trial") where its title names no design.
            hits = [
                h for h in rules.scan(note) if h.type in STUDY_TYPES and not generic_cue(note, h)
            ]
        where = " ".join(entry.get(name) or "" for name in ("journal", "institution", "series"))
        if not hits and where.strip():
            # A journal of reviews ("Cochrane Database of Systematic Reviews") or a report of
            # a health technology assessment body names the design; other journal names
            # ("Contemporary Clinical Trials") do not.
            hits = [h for h in rules.scan(where) if h.type == REVIEW]
        if hits:
            types[key] = choose_cue(hits, rules).type
        elif _STATISTICS.search(" ".join((where, entry.get("type") or ""))):
            types[key] = "observational_study"
        elif _GUIDELINE.search(entry.get("title") or ""):
            types[key] = AUTHORITY
        else:
            types[key] = _published_by(entry)
    return types


# A report of a national statistics body or a data brief: an analysis of the survey data the
# body collects (benchmarks/gold-real/README.md, fourth round: "an NCHS data brief an analysis
# of a national survey").
_STATISTICS = re.compile(r"\b(?:statistics|statistical|data\s+briefs?)\b", re.I)
# A guideline (or a body's recommendation or consensus statement) in an entry's title: the
# statement of the body that issued it (taxonomy: authority_statement), whoever its authors
# are, unless the statement that cites it reports the evidence behind it (guideline_evidence).
_GUIDELINE = re.compile(
    r"\b(?:guidelines?|guidance|(?:recommendation|consensus|position)\s+statements?)\b", re.I
)
# The evidence a guideline's recommendation rests on, reported in the statement: a count of
# the studies pooled ("10 trials", "one study", "3 studies"), an effect estimate's confidence
# interval, or the guideline's evidence profile or summary of findings (GRADE's tables; Guyatt
# et al., "GRADE guidelines 1", J Clin Epidemiol 2011;64:383-394).
_EVIDENCE_BODY = re.compile(
    r"\b(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several"
    r"|a\s+single)\s+(?:[\w-]+\s+){0,2}?(?:trials?|stud(?:y|ies)|RCTs?)\b"
    r"|\bevidence\s+(?:profiles?|summar(?:y|ies|i[sz]ed)|tables?)"
    r"|summary\s+of\s+findings|\b(?:95|90|99)\s*%\s*(?:CI|confidence\s+interval)",
    re.IGNORECASE,
)


def guideline_evidence(document: str, start: int, end: int, resolved: list[Resolved]) -> bool:
    """Does a statement that cites a guideline report the evidence the guideline graded?

    "Iron halved anaemia (RR 0.51, 95% CI 0.37 to 0.72; 10 trials), according to the World
    Health Organization guideline (2011)": the pooled trials of the guideline's evidence
    review are the ground, not the body's authority. The taxonomy grades an authority's
    statement as opinion, "grade the evidence the authority cites instead when it is known"
    (taxonomy.yaml, authority_statement); the evidence a guideline's profile summarises is a
    systematic review's (GRADE rates the body of evidence, not the guideline).
    """
    cites = any(item.informal is None and item.type == AUTHORITY and item.keys for item in resolved)
    return cites and _EVIDENCE_BODY.search(document, start, end) is not None


def as_review(resolved: list[Resolved]) -> list[Resolved]:
    """The cited guidelines taken as the evidence review behind them (guideline_evidence)."""
    return [
        replace(item, type=REVIEW)
        if item.informal is None and item.type == AUTHORITY and item.keys
        else item
        for item in resolved
    ]


_WEB_ENTRY_TYPES = frozenset({"misc", "online", "electronic", "www", "webpage", "manual"})
# A book (a monograph, not a report of one study) is its authors' account of a field: cited
# without a design in its title, it is their expert opinion, not an observational study.
_BOOK_ENTRY_TYPES = frozenset({"book", "inbook", "booklet"})


def _published_by(entry: BibEntry) -> str | None:
    """A cited web page, fact sheet or reference work, not a study: the publisher speaks;
    a cited book: its authors' opinion.

    An entry of a non-journal type (``@misc``, ``@online``, ``@manual``) with neither journal
    nor book title is an organisation's or a site's own statement (a dictionary entry, a drug
    monograph site, an agency's fact sheet), unless its title names a design.
    """
    if entry.entry_type in _BOOK_ENTRY_TYPES:
        return EXPERT
    if entry.entry_type not in _WEB_ENTRY_TYPES:
        return None
    if entry.get("journal") or entry.get("booktitle"):
        return None
    return AUTHORITY


# The design a citation of unknown design takes (:func:`citation_type`).
FALLBACK_DESIGN = "observational_study"
# Design nouns inside a back-reference ("these trials", "the reviews", "such case reports"):
# the back-reference names no source of its own, but it does say what kind of work is cited.
_DESIGN_NOUN = re.compile(
    r"\b(?:(?P<trial>trials?)|(?P<review>(?:systematic\s+)?reviews?|meta-?analys[ie]s)"
    r"|(?P<case>case\s+reports?))\b",
    re.IGNORECASE,
)
_DESIGN_OF = {"trial": "clinical_trial", "review": REVIEW, "case": "case_report"}


def design_word(document: str, hits: Sequence[CueHit]) -> str | None:
    """The design a statement's back-reference names ("these trials"), if any."""
    for hit in hits:
        if hit.type != "anaphora":
            continue
        match = _DESIGN_NOUN.search(document, hit.start, hit.end)
        if match is not None and match.lastgroup is not None:
            return _DESIGN_OF[match.lastgroup]
    return None


@dataclass(frozen=True, slots=True)
class Resolved:
    """Keys one mention resolved to, with the type the mention itself suggests."""

    keys: tuple[str, ...]
    type: str | None
    informal: str | None  # the mention's text when it is not an author citation
    numbered: bool = False  # resolved by its number, to the bibliography entry at that place
    venue: bool = False  # named by the journal that published it
    sole: bool = False  # a study named without a name, taken for the one work cited (mentions)


def resolve_mentions(
    document: str,
    mentions: list[Mention],
    resolver: Resolver,
    types: dict[str, str | None],
    hits: list[CueHit],
) -> list[Resolved]:
    """Resolve a statement's mentions; each keeps the type its own words or entries suggest."""
    result = []
    for mention in mentions:
        keys = resolver.resolve(mention, types)
        if not keys:
            continue
        entry_kind = next((types[k] for k in keys if types.get(k)), None)
        # A body cited by name: its entry says what it published (a guideline, a review),
        # before the agency cue its name also is.
        kind = entry_kind if mention.form == "corporate" else None
        overlapping = [
            hit
            for hit in (hits if kind is None else ())
            if hit.start < mention.end
            and mention.start < hit.end
            # cue families that are no source type ("this study" is also the research
            # report's own voice) never type a mention
            and hit.type not in MARKERS
            # "a new study published in <journal>", "researchers led by X": words that
            # say only that a study exists yield to the design of the entry they resolve
            # to (docs/extraction-decisions.md, 34: typed by its design).
            and not (entry_kind is not None and generic_cue(document, hit))
        ]
        # "a CDC study": the body that ran a study is not what the mention names
        studies = [hit for hit in overlapping if hit.type in STUDY_TYPES]
        if studies or overlapping:
            kind = (studies or overlapping)[0].type
        if kind is None:
            kind = entry_kind
        if kind is None and mention.form == "backref":
            kind = resolver.last_type
        if mention.form != "backref":
            resolver.last_type = kind
        informal = (
            None if mention.form in ("named", "numbered", "corporate") else mention.text(document)
        )
        result.append(
            Resolved(
                keys,
                kind,
                informal,
                mention.form == "numbered",
                mention.form == "venue",
                mention.form == "sole",
            )
        )
    return result


def citation_type(
    mentions: list[Mention], resolved: list[Resolved], types: dict[str, str | None]
) -> str | None:
    """The type a statement that cites a source takes when its words name no design.

    The design of a resolved bibliography entry (from its title and keywords) when known;
    otherwise a study cited by author ("Smith et al.") counts as an observational study, the
    most common design, and its note tells the reviewer to check. A body cited alone ("(WHO
    2015)", "NICE guidance (2021)") whose entry names no design, or that has no entry, cites
    what the body issued: its statement.
    """
    for item in resolved:
        if item.type:
            return item.type
    citing = [m for m in mentions if m.form in ("named", "numbered", "corporate")]
    if (
        citing
        and all(m.form == "corporate" for m in citing)
        and (resolved or any(m.certain for m in citing))
    ):
        return AUTHORITY
    if (
        any(m.form in ("named", "numbered", "corporate") and m.certain for m in mentions)
        or resolved
    ):
        return FALLBACK_DESIGN
    return None
