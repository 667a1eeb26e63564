"""Splitting a run of text (a paragraph's running text or one list item) into sentences.

A rule-based splitter that knows abbreviations ("et al.", "e.g.", "Dr.", "U.S."), initials,
decimals, closing quotes and brackets, and reference markers after a full stop; see
:mod:`.segment` for why rules and not a library. Each candidate end is found by one linear
regex scan (:data:`CANDIDATE`) and then judged by :func:`is_boundary`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .abstract_labels import label_at
from .units import Role, Segment, strip_span, word_set

# Abbreviations after which a full stop never ends a sentence (lower case, without the final
# dot). Titles, Latin and bibliographic abbreviations, units that take a dot.
NEVER_FINAL = word_set(
    """
    dr mr mrs ms prof st mt rev gen col sgt capt lt sr jr hon messrs mme mlle
    e.g eg i.e ie cf vs viz al approx ca est fig figs eq eqs ref refs vol vols pp p no nos
    ed eds chap sec ch dept univ assn assoc inst natl intl jan feb mar apr jun jul aug sep sept
    oct nov dec tab suppl incl
    """
)
# Abbreviations that often end a sentence too: split after them only when the next word is a
# typical sentence opener ("... in the U.S. The agency ...").
SOMETIMES_FINAL = word_set(
    "et al etc u.s u.k u.n e.u a.m p.m inc ltd co corp bros d.c u.s.a ph.d m.d b.c a.d"
)
SENTENCE_OPENERS = word_set(
    """
    a an the this that these those it its there their they we our i he she his her you your
    in on at for from by with after before during when while if although though because since
    as but and or so yet however moreover furthermore also then thus therefore still such
    some many most several all each both no none one two three few other another overall
    here what which who how why where whether not only even unlike despite according
    """
)

# A sentence end: terminal punctuation, then closing quotes or brackets and reference markers
# placed after the full stop ("...in 2019.[4]", ".[citation needed]": Wikipedia's footnote
# style keeps the marker with the sentence it follows), then white space.
# A run of terminal punctuation is matched from its first character only (the look-behind) and
# without backtracking (atomic groups), so a document of 50,000 dots is one candidate, not
# 50,000 candidates each rescanning the rest of the run: segmentation stays linear.
# "。", "！" and "？" (full-width, CJK) end a sentence without a following space.
# A reference number printed after the full stop ("...sleep restriction.1–7 Up to", the
# superscripts of numbered styles flattened to text, or kept as superscript characters,
# ".²,³") stays with its sentence, like "[4]".
# The pattern opens with the terminal character itself, so that the matcher skips to the next
# one in its fast scan instead of trying the pattern at every character (two and a half times
# faster); the run it starts is then read as "(?<![.!?…。！？])(?>\.{2,}|…|[.!?。！？]+)" would
# read it (a property test compares both): the character before it is no terminal, dots after
# a dot, nothing after "…", else the rest of the run.
CANDIDATE = re.compile(
    r"([.!?…。！？](?<![.!?…。！？].)(?>(?<=\.)\.+|(?<=…)|(?<=[.!?。！？])[.!?。！？]*))"
    r"((?>(?:[\"'”’»)\]」』）¹²³⁴⁵⁶⁷⁸⁹⁰⁻]|,(?=[¹²³⁴⁵⁶⁷⁸⁹⁰])|\[[^\[\]\n]{1,40}\])*"
    r"(?:(?<=[A-Za-z)\]%][.])\d{1,3}(?:(?:,[ \t]?|[–-])\d{1,3})*(?=[ \t\n]+[\"“(]?[A-Z]))?))"
    r"(\s*)(?=(\S))"
)
_TRAILING_MARKER = re.compile(r"\[[^\[\]\n]{1,40}\]$")
_WORD_AFTER = re.compile(r"[\"'“‘«(\[]*([A-Za-z]+)")
TERMINAL = ".!?…。！？"
_CJK_TERMINAL = "。！？"
_CLOSERS = "\"'”’»)]」』）"


def sentences(document: str, start: int, end: int, paragraph: int, role: Role) -> Iterator[Segment]:
    """Sentences of ``document[start:end]`` (a run of text or one list item)."""
    begin = start
    for match in CANDIDATE.finditer(document, start, end):
        if not is_boundary(document, match, begin):
            continue
        stop = match.end(2)
        left, right = strip_span(document, begin, stop)
        if right > left:
            yield Segment(left, right, role, paragraph, left)
            role = "sentence"
        begin = match.end(3)
        colon = document.find(":", begin, min(end, begin + 48))
        label = label_at(document, begin, end) if colon >= 0 else None
        if label is not None:
            # A structured-abstract label inside the running text ("... research. Methods:
            # Kratom effects were ...") is a unit of its own, as at the start of a paragraph.
            yield Segment(label[0], label[1], "label", paragraph, label[0])
            begin = label[2]
    left, right = strip_span(document, begin, end)
    if right > left:
        yield Segment(left, right, role, paragraph, left)


def is_boundary(document: str, match: re.Match[str], begin: int) -> bool:
    """Does the candidate end (a :data:`CANDIDATE` match) end the sentence begun at ``begin``?"""
    terminal = match.group(1)
    if terminal[-1] in _CJK_TERMINAL:
        return True  # a full-width full stop ends the sentence, space or not
    if not match.group(3):
        # "3.5", "e.g.x", "example.com": no space after the dot, no sentence end; but a
        # missing space after a word's full stop ("blood glucose.Other studies", a slip
        # copied from web pages) still ends the sentence.
        return _run_on(document, match, begin)
    following = match.group(4)
    if following in "—–" and not match.group(2):
        # A signature or attribution set off by a dash after the sentence ("... the dose?
        # — Preceding unsigned comment added by ...", "... a review. – Fernhill (talk) ...").
        after = document[match.end(3) + 1 : match.end(3) + 4].lstrip(" \t")
        return after[:1].isupper()
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


def ends_sentence(document: str, start: int, end: int) -> bool:
    """Does ``document[start:end]`` end as a sentence does (".", ".[4]", "?\u201d")?"""
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
    return right > left and document[right - 1] in TERMINAL
