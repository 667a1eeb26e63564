"""Line layout of a document: paragraphs, headings, list items, labels and lead lines.

A document is cut into paragraphs at blank lines; inside a paragraph each line is a heading,
a list item or running text (hard line breaks inside running text are only whitespace). The
running text and the items are handed to the sentence splitter (:mod:`.sentences`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from .abstract_labels import bare_label_at, bare_labels_used, is_label_name, label_at
from .sentences import CANDIDATE, TERMINAL, ends_sentence, is_boundary, sentences
from .units import Segment, strip_span, title_like, word_set

_LINE = re.compile(r"[^\n]*\n?")
# (A capital Roman numeral numbers a section, "IV. DISCUSSION", "II. Methods"; a single letter
# only before a word in capitals, since "V. cholerae" or "J. Smith" open sentences.)
_BULLET = re.compile(
    r"[ \t]*(?:([-*•‣◦▪●–—+])|(\(?(?:\d{1,3}|[a-z]|[ivx]{1,4}"
    r"|[IVX]{2,4}(?=\.[ \t]+[A-Z])|[IVX](?=\.[ \t]+[A-Z]{2}))[.)]))[ \t]+(?=\S)"
)
# How a line can end without a full stop and still be a sentence, not a title: a URL, an
# emoticon or emoji, an author-year citation in brackets ("(Smith 2020)"), or the
# interjections that close a sentence in posts ("lol", "haha", "imo").
_UNPUNCTUATED_END = re.compile(
    r"(?:https?://\S+|www\.\S+|[:;=8]-?[()DPpO3/\\|]+|<3|\([^()\n]{0,80}\b(?:1[6-9]|20)\d\d[a-z]?\)"
    r"|(?<![\w'’])(?i:lol|lmao|rofl|haha(?:ha)*|hehe|xd|imo|imho|tbh|smh))$"
)


# A reference section's heading ("References", "5. Bibliography", "Literature cited:").
_REFERENCE_HEADING = re.compile(
    r"(?:\d{1,2}\.?[ \t]+)?(?:references?|bibliography|works[ \t]+cited|literature[ \t]+cited"
    r"|reference[ \t]+list|cited[ \t]+literature)[ \t]*:?",
    re.IGNORECASE,
)
# An entry of a reference list: an enumerator ("1.", "[1]") or an author ("Smith J,", "Kuriyama
# S.") at the start of the line, and the details of a publication somewhere in it (year;
# volume:pages as in Vancouver style, a DOI or a PMID).
_ENTRY_START = re.compile(
    r"[ \t]*(?:\[\d{1,3}\]|\d{1,3}[.)]|[-*•])?[ \t]*[A-Z][\w'’-]+,?[ \t]+"
    r"(?:[A-Z]{1,3}|[A-Z]\.(?:[ \t]?[A-Z]\.)*)(?=[,.;:]|[ \t]|$)"
)
_ENTRY_DETAIL = re.compile(
    r"(?:19|20)\d\d[a-z]?[ \t]*[;,.:][ \t]*\d+[ \t]*(?:\([ \t]*[\w-]+[ \t]*\))?"
    r"[ \t]*[:,][ \t]*[A-Za-z]?\d+"
    r"|\bdoi[ \t]*:?[ \t]*10\.\d{4,}|doi\.org/10\.|\bPMID:?[ \t]*\d+",
    re.IGNORECASE,
)
_ENTRY_ENUMERATOR = re.compile(r"[ \t]*(?:\[\d{1,3}\]|\d{1,3}[.)]|[-*•])[ \t]+\S")
_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
# A figure or table caption: "Figure 1. ...", "Fig. 2: ...", "Table 3 Characteristics ...".
_CAPTION = re.compile(
    r"[ \t]*(?:Figure|Fig\.|Table|Chart|Box|Image|Photo|Illustration)[ \t]+[A-Z]?\d{1,3}[A-Za-z]?"
    r"(?:[.:][ \t]*|[ \t]+(?=[A-Z]))"
)


def iter_segments(document: str) -> Iterator[Segment]:
    bare = bare_labels_used(document)
    paragraph = -1
    lines: list[tuple[int, int]] = []  # (start, end) of each non-blank line, end excludes "\n"
    references = False  # inside a reference section (after its heading)
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
            found, references = _paragraph(document, lines, paragraph, references, bare)
            yield from found
            lines = []
    if lines:
        paragraph += 1
        yield from _paragraph(document, lines, paragraph, references, bare)[0]


def _paragraph(
    document: str,
    lines: list[tuple[int, int]],
    paragraph: int,
    references: bool,
    bare: bool = False,
) -> tuple[list[Segment], bool]:
    """Segments of one blank-line-separated block of lines, and whether a reference section
    goes on after it."""
    if references and _reference_block(document, lines):
        return _entries(document, lines, paragraph), True
    first = strip_span(document, *lines[0])
    if _REFERENCE_HEADING.fullmatch(document, *first):
        # "References" over its list (in this block or the next ones): a heading, then one
        # unit per entry.
        heading = Segment(first[0], first[1], "heading", paragraph, first[0])
        rest = lines[1:]
        if rest and not _reference_block(document, rest):
            return [heading, *_ParagraphReader(document, rest, paragraph).read()], False
        return [heading, *_entries(document, rest, paragraph)], True
    if _contents_list(document, lines):
        return _contents(document, lines, paragraph), False
    return _ParagraphReader(document, lines, paragraph, bare_labels=bare).read(), False


def _reference_block(document: str, lines: list[tuple[int, int]]) -> bool:
    """Does a block after a reference heading still list works (a year, a DOI in a line)?"""
    return any(
        _YEAR.search(document, start, end) or _ENTRY_DETAIL.search(document, start, end)
        for start, end in lines
    )


def _entries(document: str, lines: list[tuple[int, int]], paragraph: int) -> list[Segment]:
    """One unit per entry of a reference list; a line that opens no entry (no enumerator, no
    author) continues the one before it, as a hard-wrapped entry does."""
    found: list[Segment] = []
    numbered = any(_ENTRY_ENUMERATOR.match(document, start, end) for start, end in lines)
    for start, end in lines:
        left, right = strip_span(document, start, end)
        if right <= left:
            continue
        opens = (
            _ENTRY_ENUMERATOR.match(document, start, end)
            if numbered
            else _ENTRY_START.match(document, start, end)
        )
        if opens or not found:
            bullet = _BULLET.match(document, start, end)
            if bullet is not None and bullet.group(1) is not None:
                left = bullet.end()  # a bullet is left out of the quote, a numeral kept
            found.append(Segment(left, right, "heading", paragraph, left))
        else:
            last = found[-1]
            found[-1] = Segment(last.start, right, "heading", paragraph, last.body)
    return found


def _reference_entry(document: str, start: int, end: int) -> bool:
    """A line that is an entry of a reference list, wherever it stands."""
    return bool(_ENTRY_START.match(document, start, end)) and bool(
        _ENTRY_DETAIL.search(document, start, end)
    )


def _contents(document: str, lines: list[tuple[int, int]], paragraph: int) -> list[Segment]:
    """A table of contents or a menu: each item names a section, it states nothing."""
    found = []
    for start, end in lines:
        bullet = _BULLET.match(document, start, end)
        assert bullet is not None
        left = bullet.start(2) if bullet.group(2) is not None else bullet.end()
        left, right = strip_span(document, left, end)
        found.append(Segment(left, right, "heading", paragraph, left))
    return found


@dataclass(slots=True)
class _ParagraphReader:
    """Reads one paragraph line by line: the running text and the list item still open.

    A line is a numbered heading, a list item, the wrapped rest of the open item, a heading,
    a lead line ("Examples include:"), or running text; running text and items are cut into
    sentences when they close (:meth:`flush_run`, :meth:`flush_item`). Segments are collected
    in ``found`` (appending, not nested generators: segmentation is on the hot path).
    """

    document: str
    lines: list[tuple[int, int]]
    paragraph: int
    bare_labels: bool = False  # the document sets its abstract labels without colons
    run_start: int | None = None  # running text being collected
    run_end: int = 0
    item: tuple[int, int, int] | None = None  # (start, body, end) of the list item being read
    found: list[Segment] = field(default_factory=list)

    def read(self) -> list[Segment]:
        for index, (start, end) in enumerate(self.lines):
            self._line(index, start, end)
        self.flush_run()
        self.flush_item()
        return self.found

    def flush_run(self) -> None:
        if self.run_start is not None:
            self.found.extend(
                sentences(self.document, self.run_start, self.run_end, self.paragraph, "sentence")
            )
            self.run_start = None

    def flush_item(self) -> None:
        if self.item is not None:
            self.found.extend(_item(self.document, self.item, self.paragraph))
            self.item = None

    def _line(self, index: int, start: int, end: int) -> None:
        document = self.document
        bullet = _BULLET.match(document, start, end)
        if bullet is not None:
            if not self._caption_or_entry(start, end):
                self._bullet_line(bullet, start, end)
            return
        if self.item is not None:
            if self._continues_item(start, end):
                self.item = (self.item[0], self.item[1], end)
                return
            self.flush_item()
        at_boundary = self.run_start is None or ends_sentence(
            document, self.run_start, self.lines[index - 1][1]
        )
        if at_boundary and self._caption_or_entry(start, end):
            return
        if at_boundary and self.bare_labels and self._bare_label(start, end):
            return
        if _is_heading(document, self.lines, index, at_boundary):
            self.flush_run()
            left, right = strip_span(document, start, end)
            if right > left:
                self.found.append(Segment(left, right, "heading", self.paragraph, left))
            return
        if at_boundary and _lead_line(document, start, end):
            # "Dr. Smith's answer:" or "Examples include:" on a line of its own, after a
            # finished sentence: a lead of its own, not the start of the next sentence.
            self.flush_run()
            self._lead(start, end)
            return
        self._running_line(index, start, end)

    def _bare_label(self, start: int, end: int) -> bool:
        """A colonless label opening the line: a unit of its own, then the line's text."""
        label = bare_label_at(self.document, start, end)
        if label is None or title_like(self.document[label[0] : end]):
            return False
        self.flush_run()
        self.found.append(Segment(label[0], label[1], "label", self.paragraph, label[0]))
        self.run_start = label[1]
        self.run_end = end
        return True

    def _caption_or_entry(self, start: int, end: int) -> bool:
        """A caption ("Figure 1. ...") or a reference entry on a line of its own: its
        sentences say what a figure shows or which work is meant, nothing about the world, and
        the marker stays with the first of them."""
        document = self.document
        if _DIGIT.search(document, start, end) is None:
            return False  # both name a number: "Figure 1", a year, a DOI
        caption = _CAPTION.match(document, start, end)
        if caption is None and not _reference_entry(document, start, end):
            return False
        self.flush_run()
        self.flush_item()
        left, right = strip_span(document, start, end)
        if caption is None:
            bullet = _BULLET.match(document, start, end)
            if bullet is not None and bullet.group(1) is not None:
                left = bullet.end()  # a bullet is left out of the quote, a numeral kept
            self.found.append(Segment(left, right, "heading", self.paragraph, left))
            return True
        pieces = list(sentences(document, caption.end(), end, self.paragraph, "heading"))
        if not pieces:
            self.found.append(Segment(left, right, "heading", self.paragraph, left))
            return True
        self.found.append(Segment(left, pieces[0].end, "heading", self.paragraph, left))
        self.found.extend(
            Segment(p.start, p.end, "heading", self.paragraph, p.start) for p in pieces[1:]
        )
        return True

    def _bullet_line(self, bullet: re.Match[str], start: int, end: int) -> None:
        if _numbered_heading(self.document, self.lines, bullet, end):
            # "1. Introduction" on its own: a numbered section title, not a list item.
            left, right = strip_span(self.document, start, end)
            self.found.append(Segment(left, right, "heading", self.paragraph, left))
            return
        self.flush_run()
        self.flush_item()
        content = bullet.end()
        keep_marker = bullet.group(2) is not None
        first = bullet.start(2) if keep_marker else content
        self.item = (first, content, end)

    def _continues_item(self, start: int, end: int) -> bool:
        """Is the line the open list item wrapped onto another line?"""
        assert self.item is not None
        indented = self.document[start] in " \t"
        return indented or (
            not ends_sentence(self.document, self.item[1], self.item[2])
            and not _starts_unit(self.document, start, end)
        )

    def _lead(self, start: int, end: int) -> None:
        left, right = strip_span(self.document, start, end)
        if is_label_name(self.document[left : right - 1]):
            self.found.append(Segment(left, right, "label", self.paragraph, left))  # "Methods:"
        else:
            self.found.extend(sentences(self.document, start, end, self.paragraph, "sentence"))

    def _running_line(self, index: int, start: int, end: int) -> None:
        if self.run_start is None:
            label = label_at(self.document, start, end) if index == 0 else None
            if label is not None:
                self.found.append(Segment(label[0], label[1], "label", self.paragraph, label[0]))
                self.run_start = label[2]
            else:
                self.run_start = start
        self.run_end = end
        if _closes_line(self.document, self.lines, index):
            self.flush_run()


def _item(document: str, item: tuple[int, int, int], paragraph: int) -> Iterator[Segment]:
    first, content, end = item
    pieces = list(sentences(document, content, end, paragraph, "item"))
    if not pieces:
        return
    head = pieces[0]
    # The first sentence of an enumerated item keeps its enumerator ("1. Apply ...").
    yield Segment(first, head.end, "item", paragraph, head.start)
    for piece in pieces[1:]:
        yield Segment(piece.start, piece.end, "sentence", paragraph, piece.start)


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
    if last in TERMINAL or last in ",;:" or ends_sentence(document, left, right):
        return False
    if _unpunctuated_sentence(document, left, right):
        return False
    if len(lines) == 1:
        return True
    if not at_boundary:
        return False
    if _titled_line(document, lines, index, left, right):
        return True
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


def _titled_line(
    document: str, lines: list[tuple[int, int]], index: int, left: int, right: int
) -> bool:
    """A line worded as a title, where a sentence could start, before a capitalised line.

    Items of a table of contents or a link list without bullets ("Examples of Products
    Marketed as Dietary Supplements" / "Savvy Consumers Share Information with Their Health
    Care Team"), however long: each is one unit, never joined with the next line. Hard-wrapped
    running text does not capitalise every content word of a line.
    """
    if not document[left].isupper() or not title_like(document[left:right]):
        return False
    if index + 1 >= len(lines):
        return True
    next_left, _next_right = strip_span(document, *lines[index + 1])
    return document[next_left].isupper()


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
        if document[right - 1] in TERMINAL or document[right - 1] in ",;:":
            return False
        if _BULLET.match(document, start, end) or _unpunctuated_sentence(document, left, right):
            return False
    return True


_MINOR_WORDS = word_set("a an and as at by for from in into of on or the to with without vs via")


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
        if document[right - 1] in TERMINAL or document[right - 1] in ",;:":
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
    if right <= left or document[right - 1] in TERMINAL:
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
    return document[right - 1] not in TERMINAL + ",;:" and document.count(" ", left, right) < 8


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
    if _is_emoji(document[right - 1]):
        return True
    end = _UNPUNCTUATED_END.search(document, max(left, right - 120), right)
    if end is not None and not _period_in_title(document, left, right, end.group()):
        return True
    if title_like(document[left:right]):
        # A title and its subtitle on one line ("Benefit from B-Lymphocyte Depletion ... in
        # Chronic Fatigue Syndrome. A Double-Blind and Placebo-Controlled Study"): running
        # text does not capitalise its content words.
        return False
    begin = left
    for match in CANDIDATE.finditer(document, left, right):
        # A full stop inside ends a sentence; "Is it safe? What the science says" stays a title,
        # but a question before a dash-led signature ("... the dose? — Fernhill (talk) ...")
        # is a post's sentence.
        if (
            (match.group(1)[-1] == "." or match.group(4) in "—–")
            and match.end(3) < right
            and is_boundary(document, match, begin)
        ):
            return True
    return False


def _period_in_title(document: str, left: int, right: int, ending: str) -> bool:
    """A bracketed year or period without a name ("(1988–1994)") closing a line worded as a
    title: the period the title covers, not an author-year citation ending a post's sentence."""
    return (
        ending.startswith("(")
        and not any(c.isalpha() for c in ending)
        and title_like(document[left:right])
    )


def _is_emoji(char: str) -> bool:
    code = ord(char)
    return (
        0x1F000 <= code <= 0x1FAFF  # pictographs, emoticons, symbols
        or 0x2600 <= code <= 0x27BF  # miscellaneous symbols, dingbats
        or code in (0xFE0F, 0x200D, 0x2B50, 0x2B55)  # emoji presentation, joiner, stars
    )
