"""Mentions of sources in running text, and their resolution to bibliography keys.

Three forms are recognised:

- *named*: an author citation ("Matsumoto et al.", "Okafor and Lindqvist, 2019",
  "(Hartley et al., 2020)"). Resolved by author surname (and year, when given); the document
  names its source, so the basis stays ``explicit``.
- *descriptive*: a study described by a proper adjective or a year ("the Thai studies",
  "a 2019 trial", "the Danish cohort"). Resolved by matching those words against the titles,
  keywords and journals of the bibliography (a demonym matches its country by a shared stem:
  "Thai" ~ "Thailand"), by year, and by design (a "trial" is not matched to a review). Entries
  the document already cites by name are left out: a text that names "Matsumoto et al." does
  not call the same paper "the Thai studies". The key was inferred: basis ``inferred``.
- *back-references*: "the studies already discussed" takes the keys of the latest resolved
  mention before it.
- *venue*: a study named by the journal that published it ("a new study in Science
  Translational Medicine", "published June 10 in Nature Neuroscience"), as news reports name
  the paper they report. Resolved to the entry whose journal is that name, whole ("Nature" is
  not "Nature Neuroscience"); the key was inferred: basis ``inferred``.
- *corporate*: a body cited by its name or acronym ("(WHO 2011)", "the 2011 WHO guideline",
  "NICE guidance (2019)"), looked for only with a bibliography (:mod:`.corporate`). Resolved to
  entries whose braced corporate author is that body in any of its forms (and of that year,
  when given); the document names its source, so the basis stays ``explicit``.
- *acronym*: a study's acronym defined in parentheses ("... Prevention Trial (SELECT)"), resolved
  to the entries whose title or note gives that acronym.
- *sole*: where the bibliography holds one work only and the text is a news report or a
  blog post that reports that one study (the caller decides: an abstract's single entry may be
  the paper itself, and "this study" is the document's own), a study named without a name
  of its own ("a new study", "the study", "the report", "scientists found", "researchers led
  by ...") is that work
  (benchmarks/gold-real-val/README.md: "carries the key of the one study entry"). The key
  was inferred: basis ``inferred``. "The researchers", a definite reference back to people
  already named, continues the study rather than naming it, and is left to the passage.
- *numbered*: a reference marker ("[4]", "[2, 5]", "[3-6]"). Numbered styles list their
  references in the order they are first cited (ICMJE Recommendations, "References"; the
  Vancouver style), so marker n resolves to the n-th entry of the bibliography, with a note
  saying so; the document names its source, so the basis is ``explicit``.

Nothing here guesses without a bibliography: without one, named mentions still mark a
statement as citing a source, and the others resolve to nothing.

Finding mentions is this module's job; resolving them is :mod:`.mention_resolver`'s (its
:class:`Resolver` is importable from here too).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .caseless import fold
from .corporate import YEAR_AFTER, YEAR_BEFORE, CorporateIndex
from .mention_resolver import DEMONYMS as DEMONYMS
from .mention_resolver import Resolver as Resolver
from .mention_resolver import surnames as surnames

MentionForm = Literal[
    "named", "numbered", "descriptive", "backref", "venue", "corporate", "sole", "acronym"
]

_NAME = r"(?-i:[A-Z][\w'’-]+)"
# An author citation. The surname comes first, so the search can skip to capital letters;
# the look-behind after it checks that the name starts a word. ``rest`` is set for "X et al."
# and "X and Y" (with an optional year), unset for "X, 2019" / "X (2019)".
NAMED = re.compile(
    r"(?P<first>(?-i:[A-Z])(?<![\w-]\w)[\w'’-]+)"
    rf"(?:(?P<rest>\s+et\s+al\.?|\s+(?:and|&)\s+(?:(?:his|her|their)\s+)?(?-i:co-?workers|colleagues)\b"
    rf"|\s+(?:and|&)\s+(?P<second>{_NAME}))"
    r"(?:,?\s*\(?(?P<year>(?:19|20)\d{2})[a-z]?\)?)?"
    r"|,?\s+\(?(?P<single_year>(?:19|20)\d{2})[a-z]?\)?)",
    re.IGNORECASE,
)
# (The words between the determiner and the name or year are not prepositions: in "these
# results to 1990 population data" the year belongs to the phrase after "to", not to a study.)
DESCRIPTIVE = re.compile(
    r"(?<![\w-])(?:the|these|those|a|an|one|two|several)\s+"
    r"(?:(?!(?:to|of|in|from|for|on|at|by|with|into|than)\s)[a-z-]+\s+){0,2}"
    r"(?P<words>(?:(?:(?-i:[A-Z][a-z]+)|(?-i:[A-Z][A-Z0-9]{2,})|(?:19|20)\d{2})[\s-]+)+)(?:[a-z-]+\s+)?"
    r"(?P<noun>stud(?:y|ies)|trials?|cohorts?|surveys?|reviews?|experiments?|reports?|data)\b",
    re.IGNORECASE,
)
# (A space inside the brackets, "[ 4 ]", as pages copied from HTML print a linked marker; a
# page after the number, "[4, p. 12]", as a quotation's citation gives it.)
NUMBERED = re.compile(
    r"\[[ \t]?(\d{1,3}(?:\s*[,;–-]\s*\d{1,3})*)(?:,?[ \t]*pp?\.?[ \t]*\d+(?:[–-]\d+)?)?[ \t]?\]"
)
# A reference number named as such in parentheses: "(ref. 4)", "(refs 2, 5)", "(see reference 3)".
NAMED_NUMBER = re.compile(
    r"\((?:(?:see|cf\.?)[ \t]+)?(?:refs?\.?|references?)[ \t]*(\d{1,3}(?:\s*[,;–-]\s*\d{1,3})*)\)",
    re.IGNORECASE,
)
# A range written as two bracketed markers ("[5]–[7]", the PLOS style): references 5 to 7.
NUMBERED_RANGE = re.compile(r"\[(\d{1,3})\]\s*[–-]\s*\[(\d{1,3})\]")
# Reference numbers outside square brackets: in parentheses after a word ("medicine (1)",
# "extracts (3–5)") or printed after a punctuation mark where a superscript stood
# ("restriction.1–7", "levels.1, 2"). Unlike "[4]" they may be something else (an enumerator,
# a count), so they are uncertain: they resolve only against a bibliography that has the
# entry, and mark nothing without one.
# (Each alternative starts with its punctuation mark, so the search skips to those cheaply.)
LOOSE_NUMBERED = re.compile(
    r"\((?<=[A-Za-z%]\s\()(\d{1,3}(?:\s*[,;–-]\s*\d{1,3})*)\)(?=[\s.,;:]|$)"
    r"|[.,;:](?<=[A-Za-z)\]%][.,;:])(\d{1,3}(?:(?:,[ \t]?|[–-])\d{1,3})*)(?=[\s.,;:)]|$)"
)
# Reference numbers kept as superscript characters ("… sleep onset¹,³", "… in adults.²⁻⁴"), as
# pages copied from a journal's HTML print them: after a letter, a closing bracket or a
# punctuation mark. Uncertain like the loose numbers above (a superscript may be an exponent
# or a footnote): they resolve only against a bibliography that has the entry.
# (The pattern opens with the superscript itself and looks behind after it, so that the search
# skips to the next superscript instead of trying the look-behind at every character.)
SUPERSCRIPT_NUMBERED = re.compile(
    r"[¹²³⁴⁵⁶⁷⁸⁹⁰](?<=[A-Za-z)\].,;:%][¹²³⁴⁵⁶⁷⁸⁹⁰])[¹²³⁴⁵⁶⁷⁸⁹⁰]*"
    r"(?:(?:,[ \t]?|[⁻–-])[¹²³⁴⁵⁶⁷⁸⁹⁰]+)*"
)
_SUPERSCRIPT_DIGITS = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰⁻", "1234567890-")
# Units raised to a power ("km²", "m³"), whose superscript is an exponent.
_UNITS = frozenset(["m", "km", "cm", "mm", "µm", "μm", "nm", "ft", "in", "yd", "mi", "dm", "l"])
# "in (the journal) Science Translational Medicine": a run of capitalised words (and the small
# words inside journal names) after "in"; a venue only where the sentence speaks of a study or
# of publishing before it (_VENUE_CONTEXT), so "a study in India" is looked up and matches no
# journal, and "in March" after no study is not looked at.
VENUE = re.compile(
    r"(?<![\w-])in\s+(?:the\s+(?:journal\s+)?)?"
    r"(?P<name>(?-i:[A-Z][\w&'’-]*)(?:\s+(?:(?:of|and|&|for|in|on|the)\s+)?(?-i:[A-Z][\w&'’-]*))*)",
    re.IGNORECASE,
)
_VENUE_CONTEXT = re.compile(
    r"\b(?:stud(?:y|ies)|paper|article|work|findings|results|trial|analysis|published|"
    r"appear(?:s|ed)?)\b",
    re.IGNORECASE,
)
# A study named without a name of its own (the *sole* form): an article or "this" ("this study"
# names the one work again, docs/extraction-decisions.md 46), at most two words,
# and a singular noun for a piece of research; or researchers as the indefinite subject of a
# finding ("scientists found", "Harvard researchers led by ...").
SOLE = re.compile(
    r"(?<![\w-])(?:a|an|the|this)\s+(?:(?!(?:to|of|in|from|for|on|at|by|with)\s)[\w-]+\s+){0,2}?"
    r"(?:study|trial|paper|report|analysis|meta-analysis|review|survey|experiment)\b"
    r"|(?<!\bthe\s)(?<!\bThe\s)(?<![\w-])(?:researchers|scientists|investigators)"
    r"(?=\s+(?:(?:have|had|also|recently)\s+)?(?:found|discovered|showed|shown|demonstrated|"
    r"reported|report|led|looked|identified|developed|observed)\b)",
    re.IGNORECASE,
)
# An acronym defined in parentheses after a name: "(SELECT)", "(GEM)".
ACRONYM_DEFINED = re.compile(r"\((?-i:([A-Z][A-Z0-9-]{2,}))\)")
BACKREF = re.compile(
    r"(?<![\w-])the\s+(?:stud(?:y|ies)|trials?|reports?|papers?|articles?|material|research)\s+"
    r"(?:(?:already|previously|just)\s+)?(?:discussed|mentioned|cited|described|referred\s+to)",
    re.IGNORECASE,
)
_STOP_CAPS = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "in",
        "on",
        "at",
        "for",
        "from",
        "by",
        "with",
        "and",
        "or",
        "but",
        "of",
        "to",
        "as",
        "it",
        "its",
    ]
)


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    form: MentionForm
    surnames: tuple[str, ...] = ()
    year: str | None = None
    words: tuple[str, ...] = ()
    noun: str | None = None
    certain: bool = False  # "X et al." or "X and Y (2019)": a citation even unresolved
    numbers: tuple[int, ...] = ()  # the reference numbers of a numbered marker

    def text(self, document: str) -> str:
        return document[self.start : self.end]


# Words one of which every match of a pattern contains, in folded lower case (where the
# pattern's IGNORECASE equivalences hold; see .caseless): a statement without any of them is
# not scanned with the pattern, which saves most of its time on ordinary text.
_DESCRIPTIVE_NEEDS = re.compile("stud|trial|cohort|survey|review|experiment|report|data")
_BACKREF_NEEDS = re.compile("discussed|mentioned|cited|described|referred")


def find_mentions(
    document: str,
    start: int,
    end: int,
    *,
    folded: str | None = None,
    loose: bool = True,
    corporate: CorporateIndex | None = None,
    sole: bool = False,
) -> list[Mention]:
    """Source mentions inside ``document[start:end]``, in order.

    ``folded`` is ``caseless.fold(document)`` when the caller has it (for the quick checks).
    ``loose``: look for reference numbers outside brackets too (only worth it when there is a
    bibliography to resolve them against; without one they mark nothing).
    ``corporate``: the bibliography's corporate authors, to find bodies cited by name.
    ``sole``: the bibliography holds one work only: look for studies named without a name.
    """
    if folded is None:
        low = fold(document[start:end])
        offset = start
    else:
        low, offset = folded, 0
    found: list[Mention] = []
    if corporate is not None:
        _corporate(document, start, end, corporate, found)
    _named(document, start, end, found)
    if document.find("[", start, end) >= 0:
        ranges = [
            Mention(m.start(), m.end(), "numbered", certain=True, numbers=numbers)
            for m in NUMBERED_RANGE.finditer(document, start, end)
            if (numbers := _numbers(f"{m.group(1)}-{m.group(2)}"))
        ]
        found.extend(ranges)
        for match in NUMBERED.finditer(document, start, end):
            if any(r.start <= match.start() < r.end for r in ranges):
                continue
            numbers = _numbers(match.group(1))
            if numbers:
                found.append(
                    Mention(match.start(), match.end(), "numbered", certain=True, numbers=numbers)
                )
    for match in LOOSE_NUMBERED.finditer(document, start, end) if loose else ():
        if match.group(2) and _word_ending(document, start, match.start()) in _NOT_REFERENCES:
            continue  # "Fig.2", "No.3", "pp.12"
        numbers = _numbers(match.group(1) or match.group(2))
        if numbers:
            found.append(Mention(match.start(), match.end(), "numbered", numbers=numbers))
    if document.find("(", start, end) >= 0:
        for match in NAMED_NUMBER.finditer(document, start, end):
            numbers = _numbers(match.group(1))
            if numbers:
                found.append(
                    Mention(match.start(), match.end(), "numbered", certain=True, numbers=numbers)
                )
    for match in SUPERSCRIPT_NUMBERED.finditer(document, start, end) if loose else ():
        if _word_ending(document, start, match.start()) in _UNITS:
            continue  # "40 km²", "2 m³": a unit's power
        numbers = _numbers(match.group().translate(_SUPERSCRIPT_DIGITS))
        if numbers:
            found.append(Mention(match.start(), match.end(), "numbered", numbers=numbers))
    if loose:
        _venues(document, start, end, found)
        if document.find("(", start, end) >= 0:
            # "the Selenium and Vitamin E Cancer Prevention Trial (SELECT)": a study's acronym
            # defined in parentheses, which its entry's title or note may give
            for match in ACRONYM_DEFINED.finditer(document, start, end):
                found.append(
                    Mention(match.start(1), match.end(1), "acronym", words=(match.group(1),))
                )
    if low is None or _DESCRIPTIVE_NEEDS.search(low, start - offset, end - offset):
        _descriptive(document, start, end, found)
    if low is None or _BACKREF_NEEDS.search(low, start - offset, end - offset):
        for match in BACKREF.finditer(document, start, end):
            found.append(Mention(match.start(), match.end(), "backref"))
    if sole and not any(m.form == "numbered" or (m.form == "named" and m.certain) for m in found):
        # (a sentence that cites its source by author or number names it already; two
        # capitalised words joined by "and" in a quoted title, "Lozenges and Longer", are no
        # certain citation and do not hide "a CDC study: “…”")
        for match in SOLE.finditer(document, start, end):
            # (a body named inside it, "a CDC study", is who ran the study, not the work; its
            # acronym read as a short name may name nothing listed)
            if not any(
                m.form not in ("corporate", "descriptive")
                and m.start < match.end()
                and match.start() < m.end
                for m in found
            ):
                found.append(Mention(match.start(), match.end(), "sole"))
    found.sort(key=lambda m: m.start)
    return found


_NOT_REFERENCES = frozenset(
    [
        "fig",
        "figs",
        "no",
        "nos",
        "vol",
        "vols",
        "p",
        "pp",
        "eq",
        "eqs",
        "ch",
        "chap",
        "ref",
        "refs",
        "table",
        "tab",
        "vs",
        "v",
        "art",
        "sec",
        "step",
    ]
)


def _word_ending(document: str, start: int, end: int) -> str:
    """The letters just before ``end`` (not before ``start``), in lower case."""
    position = end
    while position > start and document[position - 1].isalpha():
        position -= 1
    return document[position:end].lower()


def _numbers(text: str) -> tuple[int, ...]:
    """1, 2 and 5 to 7 of "1, 2, 5-7" (at most 30 numbers; none for a reversed range)."""
    numbers: list[int] = []
    for part in re.split(r"\s*[,;]\s*", text):
        ends = [int(n) for n in re.split(r"\s*[–-]\s*", part)]
        low, high = ends[0], ends[-1]
        if high < low or high - low > 30:
            return ()
        numbers.extend(range(low, high + 1))
    return tuple(numbers[:30])


# Two or more capitalised names, each followed by a comma, then "and" or "&", ending where the
# last author's name starts ("Okonkwo, Lindqvist, Ferreira, and "), read in a window before it.
# ("Lindqvist and Tanaka (2018)" without the serial comma is NAMED's own "X and Y" form.)
_AUTHOR_LIST = re.compile(r"(?<![\w'’-])(?:[A-Z][\w'’-]+,\s+){2,6}(?:and|&)\s+$")


def _named(document: str, start: int, end: int, found: list[Mention]) -> None:
    for match in NAMED.finditer(document, start, end):
        names = [match.group("first")]
        if match.group("rest"):
            if match.group("second"):
                names.append(match.group("second"))
            year = match.group("year")
            certain = match.group("second") is None or year is not None
        else:
            year = match.group("single_year")
            certain = False
        if any(n.lower() in _STOP_CAPS for n in names):
            continue
        begin = match.start()
        if year is not None and not match.group("rest"):
            listed = _AUTHOR_LIST.search(document, max(start, begin - 160), begin)
            if listed is not None:
                # "Okonkwo, Lindqvist, and Tanaka (2018)": the last of several authors listed
                # before the year (APA's first citation of a work of three to five authors)
                # cites a work as surely as "Okonkwo and Tanaka (2018)"; resolved by that
                # author and the year.
                begin, certain = listed.start(), True
        if any(
            m.form == "corporate" and m.start < match.end() and match.start() < m.end for m in found
        ):
            continue  # "(WHO 2011)", "Organization (2011)": a body's name, not a surname
        found.append(Mention(begin, match.end(), "named", tuple(names), year, certain=certain))


def _corporate(
    document: str, start: int, end: int, index: CorporateIndex, found: list[Mention]
) -> None:
    for match in index.pattern.finditer(document, start, end):
        year = None
        after = YEAR_AFTER.match(document, match.end(), end)
        if after is not None:
            year = after.group("year")
            stop = after.end()
            if document.startswith(")", stop) and "(" in document[match.start() - 1 : stop]:
                stop += 1  # "(WHO 2011)", "guideline (2011)": the closing parenthesis too
        else:
            before = YEAR_BEFORE.search(document, max(start, match.start() - 6), match.start())
            year = before.group("year") if before is not None else None
            stop = match.end()
        start_at = match.start()
        if document.startswith("(", start_at - 1) and after is not None:
            start_at -= 1
        # Only a body with a year is surely a citation (as "Smith 2020" is): "the Food and
        # Drug Administration (FDA)" or "the WHO guideline" may only name the body.
        certain = year is not None
        found.append(
            Mention(start_at, stop, "corporate", year=year, words=(match.group(),), certain=certain)
        )


def _venues(document: str, start: int, end: int, found: list[Mention]) -> None:
    for match in VENUE.finditer(document, start, end):
        if not _VENUE_CONTEXT.search(document, max(start, match.start() - 100), match.start()):
            continue
        name = match.group("name")
        found.append(Mention(match.start("name"), match.end("name"), "venue", words=(name,)))


def _descriptive(document: str, start: int, end: int, found: list[Mention]) -> None:
    for match in DESCRIPTIVE.finditer(document, start, end):
        if any(m.start <= match.start() < m.end for m in found):
            continue
        tokens = match.group("words").split()
        words = tuple(t.strip("-") for t in tokens if not t.isdigit())
        years = [t for t in tokens if t.isdigit()]
        found.append(
            Mention(
                match.start(),
                match.end(),
                "descriptive",
                year=years[0] if years else None,
                words=tuple(w for w in words if w and w.lower() not in _STOP_CAPS),
                noun=match.group("noun").lower(),
            )
        )
