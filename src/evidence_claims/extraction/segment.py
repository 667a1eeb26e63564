"""Split a document into statements with exact character offsets.

Layout first, then sentences. A document is cut into paragraphs at blank lines; inside a
paragraph each line is a heading, a list item or running text (hard line breaks inside running
text are only whitespace). Running text and list items are then split into sentences by a
rule-based splitter that knows abbreviations ("et al.", "e.g.", "Dr.", "U.S."), initials,
decimals, closing quotes and brackets.

Why hand-written rules and not pysbd, syntok or blingfire: on this project's boundary tests and
gold documents the rules match or beat all three, keep exact offsets by construction (no
re-alignment of normalised output), understand layout (headings, bullets, hard line breaks)
which none of them does, and run several times faster than any of them but blingfire; see
``benchmarks/bench_segment.py`` for the comparison it prints.

Every :class:`Segment` satisfies ``text[seg.start:seg.end] == seg.text(text)``, is non-empty
and has no surrounding whitespace; segments never overlap and come in document order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

Role = Literal["heading", "label", "item", "sentence"]


@dataclass(frozen=True, slots=True)
class Segment:
    """One statement of the document: ``document[start:end]``.

    ``role`` says where it came from: a ``heading`` line, a structured-abstract ``label``
    ("Methods:"), the first sentence of a list ``item``, or a running-text ``sentence``.
    ``body`` is where the words start (after an enumerator such as "1." that the quote keeps);
    ``paragraph`` numbers the blank-line-separated blocks, so passages can be followed.
    """

    start: int
    end: int
    role: Role
    paragraph: int
    body: int

    def text(self, document: str) -> str:
        return document[self.start : self.end]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Abbreviations after which a full stop never ends a sentence (lower case, without the final
# dot). Titles, Latin and bibliographic abbreviations, units that take a dot.
NEVER_FINAL = _words(
    """
    dr mr mrs ms prof st mt rev gen col sgt capt lt sr jr hon messrs mme mlle
    e.g eg i.e ie cf vs viz al approx ca est fig figs eq eqs ref refs vol vols pp p no nos
    ed eds chap sec ch dept univ assn assoc inst natl intl jan feb mar apr jun jul aug sep sept
    oct nov dec tab suppl incl
    """
)
# Abbreviations that often end a sentence too: split after them only when the next word is a
# typical sentence opener ("... in the U.S. The agency ...").
SOMETIMES_FINAL = _words(
    "et al etc u.s u.k u.n e.u a.m p.m inc ltd co corp bros d.c u.s.a ph.d m.d b.c a.d"
)
SENTENCE_OPENERS = _words(
    """
    a an the this that these those it its there their they we our i he she his her you your
    in on at for from by with after before during when while if although though because since
    as but and or so yet however moreover furthermore also then thus therefore still such
    some many most several all each both no none one two three few other another overall
    here what which who how why where whether not only even unlike despite according
    """
)

# Structured-abstract and post labels that open a paragraph ("Methods: In this trial ...").
LABELS = _words(
    """
    background backgrounds objective objectives aim aims purpose purposes introduction context
    subjects
    importance methods method design setting settings participants patients interventions
    intervention measurements outcomes results result findings conclusion conclusions
    interpretation discussion limitations summary note notes update edit disclaimer funding
    evidence
    """
) | frozenset(
    {
        "materials and methods",
        "main outcome measures",
        "main outcomes and measures",
        "design and setting",
        "evidence acquisition",
        "evidence synthesis",
        # Cochrane abstracts (Cochrane Handbook, ch. III) and PRISMA 2020 for Abstracts.
        "search methods",
        "selection criteria",
        "data collection and analysis",
        "main results",
        "authors' conclusions",
        "authors’ conclusions",
        "eligibility criteria",
        "information sources",
        "data sources",
        "study selection",
        "data extraction",
        "data synthesis",
        "key results",
        "tl;dr",
        # CONSORT 2010 for Abstracts (item "Trial registration") and index terms after an abstract.
        "trial registration",
        "clinical trial registration",
        "registration",
        "keywords",
        "key words",
    }
)

_LINE = re.compile(r"[^\n]*\n?")
_BULLET = re.compile(r"[ \t]*(?:([-*•‣◦▪●–—+])|(\(?(?:\d{1,3}|[a-z]|[ivx]{1,4})[.)]))[ \t]+(?=\S)")
# ("Authors' conclusions:", the Cochrane label, ends its first word with an apostrophe.)
_LABEL = re.compile(r"[ \t]*([A-Za-z][A-Za-z;]*['’]?(?:[ /][A-Za-z]+){0,3})[ \t]*:[ \t]+(?=\S)")
# A sentence end: terminal punctuation, then closing quotes or brackets and reference markers
# placed after the full stop ("...in 2019.[4]", ".[citation needed]": Wikipedia's footnote
# style keeps the marker with the sentence it follows), then white space.
# A run of terminal punctuation is matched from its first character only (the look-behind) and
# without backtracking (atomic groups), so a document of 50,000 dots is one candidate, not
# 50,000 candidates each rescanning the rest of the run: segmentation stays linear.
# "。", "！" and "？" (full-width, CJK) end a sentence without a following space.
# A reference number printed after the full stop ("...sleep restriction.1–7 Up to", the
# superscripts of numbered styles flattened to text) stays with its sentence, like "[4]".
_CANDIDATE = re.compile(
    r"(?<![.!?…。！？])((?>\.{2,}|…|[.!?。！？]+))"
    r"((?>(?:[\"'”’»)\]」』）]|\[[^\[\]\n]{1,40}\])*"
    r"(?:(?<=[A-Za-z)\]%][.])\d{1,3}(?:(?:,[ \t]?|[–-])\d{1,3})*(?=[ \t\n]+[\"“(]?[A-Z]))?))"
    r"(\s*)(?=(\S))"
)
_TRAILING_MARKER = re.compile(r"\[[^\[\]\n]{1,40}\]$")
_WORD_AFTER = re.compile(r"[\"'“‘«(\[]*([A-Za-z]+)")
_TERMINAL = ".!?…。！？"
_CJK_TERMINAL = "。！？"
_CLOSERS = "\"'”’»)]」』）"
# How a line can end without a full stop and still be a sentence, not a title: a URL, an
# emoticon or emoji, an author-year citation in brackets ("(Smith 2020)"), or the
# interjections that close a sentence in posts ("lol", "haha", "imo").
_UNPUNCTUATED_END = re.compile(
    r"(?:https?://\S+|www\.\S+|[:;=8]-?[()DPpO3/\\|]+|<3|\([^()\n]{0,80}\b(?:1[6-9]|20)\d\d[a-z]?\)"
    r"|(?<![\w'’])(?i:lol|lmao|rofl|haha(?:ha)*|hehe|xd|imo|imho|tbh|smh))$"
)


def segment(document: str) -> list[Segment]:
    """All statements of ``document`` in order (see the module docstring)."""
    return list(iter_segments(document))


def iter_segments(document: str) -> Iterator[Segment]:
    paragraph = -1
    lines: list[tuple[int, int]] = []  # (start, end) of each non-blank line, end excludes "\n"
    for match in _LINE.finditer(document):
        start, stop = match.span()
        if start == stop:
            break
        end = stop - 1 if document.endswith("\n", start, stop) else stop
        if end > start and document[end - 1] == "\r":
            end -= 1
        if document[start:end].strip():
            lines.append((start, end))
        elif lines:
            paragraph += 1
            yield from _paragraph(document, lines, paragraph)
            lines = []
    if lines:
        paragraph += 1
        yield from _paragraph(document, lines, paragraph)


def _paragraph(document: str, lines: list[tuple[int, int]], paragraph: int) -> Iterator[Segment]:
    """Segments of one blank-line-separated block of lines."""
    run_start: int | None = None  # running text being collected
    run_end = 0
    item: tuple[int, int, int] | None = None  # (start, body, end) of the list item being read

    def flush_run() -> Iterator[Segment]:
        nonlocal run_start
        if run_start is not None:
            yield from _sentences(document, run_start, run_end, paragraph, "sentence")
            run_start = None

    def flush_item() -> Iterator[Segment]:
        nonlocal item
        if item is not None:
            yield from _item(document, item, paragraph)
            item = None

    if _contents_list(document, lines):
        # A table of contents or a menu: each item names a section, it states nothing.
        for start, end in lines:
            bullet = _BULLET.match(document, start, end)
            assert bullet is not None
            left = bullet.start(2) if bullet.group(2) is not None else bullet.end()
            left, right = strip_span(document, left, end)
            yield Segment(left, right, "heading", paragraph, left)
        return
    for index, (start, end) in enumerate(lines):
        bullet = _BULLET.match(document, start, end)
        if bullet is not None and _numbered_heading(document, lines, bullet, end):
            # "1. Introduction" on its own: a numbered section title, not a list item.
            left, right = strip_span(document, start, end)
            yield Segment(left, right, "heading", paragraph, left)
            continue
        if bullet is not None:
            yield from flush_run()
            yield from flush_item()
            content = bullet.end()
            keep_marker = bullet.group(2) is not None
            first = bullet.start(2) if keep_marker else content
            item = (first, content, end)
            continue
        if item is not None:
            previous_end = item[2]
            indented = document[start] in " \t"
            if indented or (
                not _ends_sentence(document, item[1], previous_end)
                and not _starts_unit(document, start, end)
            ):
                item = (item[0], item[1], end)
                continue
            yield from flush_item()
        at_boundary = run_start is None or _ends_sentence(document, run_start, lines[index - 1][1])
        if _is_heading(document, lines, index, at_boundary):
            yield from flush_run()
            left, right = strip_span(document, start, end)
            if right > left:
                yield Segment(left, right, "heading", paragraph, left)
            continue
        if at_boundary and _lead_line(document, start, end):
            # "Dr. Smith's answer:" or "Examples include:" on a line of its own, after a
            # finished sentence: a lead of its own, not the start of the next sentence.
            yield from flush_run()
            left, right = strip_span(document, start, end)
            if is_label_name(document[left : right - 1]):
                yield Segment(left, right, "label", paragraph, left)  # "Methods:" alone
            else:
                yield from _sentences(document, start, end, paragraph, "sentence")
            continue
        if run_start is None:
            label = _label(document, start, end) if index == 0 else None
            if label is not None:
                yield Segment(label[0], label[1], "label", paragraph, label[0])
                run_start = label[2]
            else:
                run_start = start
        run_end = end
        if _closes_line(document, lines, index):
            yield from flush_run()
    yield from flush_run()
    yield from flush_item()


def _item(document: str, item: tuple[int, int, int], paragraph: int) -> Iterator[Segment]:
    first, content, end = item
    pieces = list(_sentences(document, content, end, paragraph, "item"))
    if not pieces:
        return
    head = pieces[0]
    # The first sentence of an enumerated item keeps its enumerator ("1. Apply ...").
    yield Segment(first, head.end, "item", paragraph, head.start)
    for piece in pieces[1:]:
        yield Segment(piece.start, piece.end, "sentence", paragraph, piece.start)


def strip_span(document: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` narrowed to leave out white space at both ends."""
    while start < end and document[start].isspace():
        start += 1
    while end > start and document[end - 1].isspace():
        end -= 1
    return start, end


def _ends_sentence(document: str, start: int, end: int) -> bool:
    left, right = strip_span(document, start, end)
    while right > left:
        marker = (
            _TRAILING_MARKER.search(document, max(left, right - 42), right)
            if document[right - 1] == "]"
            else None
        )
        if marker is not None:
            right = marker.start()  # ".[4]" ends a sentence as "." does
        elif document[right - 1] in _CLOSERS:
            right -= 1
        else:
            break
    return right > left and document[right - 1] in _TERMINAL


def _is_heading(document: str, lines: list[tuple[int, int]], index: int, at_boundary: bool) -> bool:
    """A line standing for a title: no final punctuation, and on its own or leading the text.

    A single-line paragraph without a full stop is a heading; inside a paragraph, a short line
    is one only where a sentence could start (first line, or after a finished sentence) and when
    the line after it starts a new sentence or list, so hard-wrapped text is never cut.
    """
    start, end = lines[index]
    left, right = strip_span(document, start, end)
    if right <= left:
        return False
    last = document[right - 1]
    if last in _TERMINAL or last in ",;:" or _ends_sentence(document, left, right):
        return False
    if _unpunctuated_sentence(document, left, right):
        return False
    if len(lines) == 1:
        return True
    if not at_boundary:
        return False
    if not _short_title_line(document, left, right):
        return False
    if _title_block(document, lines) or _FIELD.match(document, left, right):
        # A block of short unpunctuated lines (a page header, a caption under a title), or a
        # "Name: value" field line ("Latin Name: Valeriana officinalis"): one unit per line.
        return True
    if index + 1 >= len(lines):
        # Last line of a block after finished sentences: a trailing title-like fragment.
        return True
    next_start, next_end = lines[index + 1]
    if _BULLET.match(document, next_start, next_end) or _lead_line(document, next_start, next_end):
        return True  # a title over a list, a label ("Objective:") or a lead line
    nxt_left, nxt_right = strip_span(document, next_start, next_end)
    return document[nxt_left].isupper() and (nxt_right - nxt_left) > 1.5 * (right - left)


# A field line: a short capitalised name, a colon, a value ("Common Names: valerian, ...").
_FIELD = re.compile(r"[A-Z][\w’' -]{0,30}:[ \t]+\S")


def _short_title_line(document: str, left: int, right: int) -> bool:
    """Capitalised (or numbered), at most 12 words and 90 characters."""
    first = document[left]
    if not (first.isupper() or first.isdigit()):
        return False
    return document.count(" ", left, right) < 12 and right - left <= 90


def _title_block(document: str, lines: list[tuple[int, int]]) -> bool:
    """Every line of the block is a short capitalised line without final punctuation.

    Hard-wrapped running text never looks like this: its lines go on in lower case, run
    longer, or the block ends with a full stop.
    """
    for start, end in lines:
        left, right = strip_span(document, start, end)
        if right <= left or not _short_title_line(document, left, right):
            return False
        if document[right - 1] in _TERMINAL or document[right - 1] in ",;:":
            return False
        if _BULLET.match(document, start, end) or _unpunctuated_sentence(document, left, right):
            return False
    return True


_MINOR_WORDS = _words("a an and as at by for from in into of on or the to with without vs via")


def _title_case(words: list[str]) -> bool:
    """Every word but short function words starts with a capital ("Talk with Your Providers")."""
    return all(w[:1].isupper() or w.lower() in _MINOR_WORDS for w in words if w[:1].isalpha())


def _contents_list(document: str, lines: list[tuple[int, int]]) -> bool:
    """A block of at least three bulleted lines that name sections rather than state things.

    Each item is short, capitalised, without final punctuation, and at least half of them are
    several words in Title Case ("The Dietary Supplement Label", "Safety and Risk"): a table of
    contents or a menu. A list of symptoms ("Nausea", "Trouble sleeping") is not.
    """
    if len(lines) < 3:
        return False
    titled = 0
    for start, end in lines:
        bullet = _BULLET.match(document, start, end)
        if bullet is None:
            return False
        left, right = strip_span(document, bullet.end(), end)
        if right <= left or not document[left].isupper():
            return False
        if document[right - 1] in _TERMINAL or document[right - 1] in ",;:":
            return False
        words = document[left:right].split()
        if len(words) > 8 or right - left > 70 or not _title_case(words):
            return False
        titled += len(words) > 1
    return 2 * titled >= len(lines)


def _closes_line(document: str, lines: list[tuple[int, int]], index: int) -> bool:
    """A line of running text that ends a sentence without a full stop, before a new one.

    It ends the way posts end a sentence (an emoji, an emoticon, a URL, "lol") and the next
    line starts with a capital: "... did nothing for me 🙁" / "Anyone else tried it?" are two
    statements, never one.
    """
    if index + 1 >= len(lines):
        return False
    start, end = lines[index]
    left, right = strip_span(document, start, end)
    if right <= left or document[right - 1] in _TERMINAL:
        return False
    if not (
        _is_emoji(document[right - 1])
        or _UNPUNCTUATED_END.search(document, max(left, right - 120), right)
    ):
        return False
    next_left, _next_right = strip_span(document, *lines[index + 1])
    return document[next_left].isupper()


def _lead_line(document: str, start: int, end: int) -> bool:
    """A short capitalised line ending in a colon ("Dr. Hibberd's answer:")."""
    left, right = strip_span(document, start, end)
    return (
        right > left
        and document[right - 1] == ":"
        and document[left].isupper()
        and document.count(" ", left, right) < 12
    )


def _numbered_heading(
    document: str, lines: list[tuple[int, int]], bullet: re.Match[str], end: int
) -> bool:
    """A numbered title alone in its paragraph ("1. Introduction", "2) Methods")."""
    if len(lines) != 1 or bullet.group(2) is None:
        return False
    left, right = strip_span(document, bullet.end(), end)
    if right <= left or not document[left].isupper():
        return False
    return document[right - 1] not in _TERMINAL + ",;:" and document.count(" ", left, right) < 8


def _starts_unit(document: str, start: int, end: int) -> bool:
    """A line after an unfinished list item that starts a unit of its own.

    Items without a full stop ("- Your muscles need it to move") are common; a line after one
    that starts with a capital is a new heading, question or sentence, not the item wrapped
    onto a second line (a wrapped item goes on in lower case or indented).
    """
    left, _right = strip_span(document, start, end)
    return document[left].isupper()


def _unpunctuated_sentence(document: str, left: int, right: int) -> bool:
    """A line without a final full stop that is still running text, not a title.

    It holds a sentence end inside ("... reduced jet lag. Users report that it works 🎉"), or
    it ends the way posts and notes end a sentence: a URL, an emoticon or emoji, an author-year
    citation ("(Smith 2020)"). Such a line is cut into sentences, never kept whole as a heading.
    """
    if _is_emoji(document[right - 1]) or _UNPUNCTUATED_END.search(
        document, max(left, right - 120), right
    ):
        return True
    begin = left
    for match in _CANDIDATE.finditer(document, left, right):
        # A full stop inside ends a sentence; "Is it safe? What the science says" stays a title.
        if (
            match.group(1)[-1] == "."
            and match.end(3) < right
            and _is_boundary(document, match, begin)
        ):
            return True
    return False


def _is_emoji(char: str) -> bool:
    code = ord(char)
    return (
        0x1F000 <= code <= 0x1FAFF  # pictographs, emoticons, symbols
        or 0x2600 <= code <= 0x27BF  # miscellaneous symbols, dingbats
        or code in (0xFE0F, 0x200D, 0x2B50, 0x2B55)  # emoji presentation, joiner, stars
    )


def is_label_name(name: str) -> bool:
    """A structured-abstract label, or labels joined by "/" ("Subjects/Methods")."""
    return all(part.strip().lower() in LABELS for part in name.split("/"))


def _label(document: str, start: int, end: int) -> tuple[int, int, int] | None:
    """(start, end, text start) of a structured-abstract label opening a paragraph."""
    match = _LABEL.match(document, start, end)
    if match is None or not is_label_name(match.group(1)):
        return None
    return match.start(1), document.index(":", match.end(1)) + 1, match.end()


def _sentences(
    document: str, start: int, end: int, paragraph: int, role: Role
) -> Iterator[Segment]:
    """Sentences of ``document[start:end]`` (a run of text or one list item)."""
    begin = start
    for match in _CANDIDATE.finditer(document, start, end):
        if not _is_boundary(document, match, begin):
            continue
        stop = match.end(2)
        left, right = strip_span(document, begin, stop)
        if right > left:
            yield Segment(left, right, role, paragraph, left)
            role = "sentence"
        begin = match.end(3)
        colon = document.find(":", begin, min(end, begin + 48))
        label = _label(document, begin, end) if colon >= 0 else None
        if label is not None:
            # A structured-abstract label inside the running text ("... research. Methods:
            # Kratom effects were ...") is a unit of its own, as at the start of a paragraph.
            yield Segment(label[0], label[1], "label", paragraph, label[0])
            begin = label[2]
    left, right = strip_span(document, begin, end)
    if right > left:
        yield Segment(left, right, role, paragraph, left)


def _is_boundary(document: str, match: re.Match[str], begin: int) -> bool:
    terminal = match.group(1)
    if terminal[-1] in _CJK_TERMINAL:
        return True  # a full-width full stop ends the sentence, space or not
    if not match.group(3):
        # "3.5", "e.g.x", "example.com": no space after the dot, no sentence end; but a
        # missing space after a word's full stop ("blood glucose.Other studies", a slip
        # copied from web pages) still ends the sentence.
        return _run_on(document, match, begin)
    following = match.group(4)
    if not (following.isupper() or following.isdigit() or following in "\"'“‘«([¿¡•-"):
        return False
    if following == "-" and "\n" not in match.group(3):
        return False
    if terminal[0] in "?!":
        return True
    marker = match.group(2)
    if terminal == "." and marker[:1].isdigit():
        # "restriction.1–7 Up to": a reference number; but "Fig.2 Shows", "No.3 The" are not.
        token = _word_before(document, begin, match.start(1)).lower()
        return not (token in NEVER_FINAL or token in SOMETIMES_FINAL or _is_initial(token))
    if terminal == "." and not match.group(2):
        token = _word_before(document, begin, match.start(1))
        if token:
            token = token.lstrip("\"'“‘«([").lower()
            if token in NEVER_FINAL:
                return False
            if len(token) == 1 and not document[begin : match.start(1) - 1].strip():
                # "Q. How do I ...?", "A. Because ...": a one-letter marker opening the
                # text is not a sentence of its own (it stays in the quote, like "1.").
                return False
            if token in SOMETIMES_FINAL or _is_initial(token):
                return _next_word(document, match.end(3)) in SENTENCE_OPENERS
    return True


def _run_on(document: str, match: re.Match[str], begin: int) -> bool:
    """A full stop glued to the next sentence: "glucose.Other": a lower-case word of three
    letters or more, a single ".", then a capitalised word (not "e.g.The", "U.S.Army",
    "example.Com" ends a word of letters only but is followed by a lower-case letter less
    often than a capital; "www.Example" is not all letters before the dot)."""
    if match.group(1) != "." or match.group(2):
        return False
    after = match.end(3)
    if not (document[after : after + 1].isupper() and document[after + 1 : after + 2].islower()):
        return False
    token = _word_before(document, begin, match.start(1))
    return len(token) >= 3 and token.isalpha() and token.islower() and token not in NEVER_FINAL


def _word_before(document: str, begin: int, end: int) -> str:
    """The run of non-space characters ending at ``end`` (not before ``begin``).

    Read backwards from ``end``, so its cost is the word's length, not the distance from the
    sentence start (a long run without any sentence end, such as 900,000 abbreviations, would
    otherwise be rescanned at every candidate).
    """
    position = end
    while position > begin and not document[position - 1].isspace():
        position -= 1
    return document[position:end]


def _is_initial(token: str) -> bool:
    """A single letter ("K.") or dotted letters ("U.S"): an initial or an acronym."""
    if len(token) == 1:
        return token.isalpha()
    parts = token.split(".")
    return len(parts) > 1 and all(len(p) == 1 and p.isalpha() for p in parts)


def _next_word(document: str, position: int) -> str:
    match = _WORD_AFTER.match(document, position)
    return match.group(1).lower() if match else ""
