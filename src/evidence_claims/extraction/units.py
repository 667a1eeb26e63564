"""The unit segmentation yields: a :class:`Segment` with its :data:`Role`, and span helpers.

Kept apart from the splitters so that the line-layout reader (:mod:`.layout`), the sentence
splitter (:mod:`.sentences`) and the structured-abstract labels (:mod:`.abstract_labels`) all
build the same unit without importing each other in a circle.
"""

from __future__ import annotations

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


def strip_span(document: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` narrowed to leave out white space at both ends."""
    while start < end and document[start].isspace():
        start += 1
    while end > start and document[end - 1].isspace():
        end -= 1
    return start, end


def word_set(text: str) -> frozenset[str]:
    """The white-space separated words of a word list written as one string."""
    return frozenset(text.split())


_TITLE_MINOR = word_set(
    "a an and as at by for from in into of on or the to with without vs via about over under"
)


def title_like(text: str) -> bool:
    """Is ``text`` worded as a title ("Tips for Older Dietary Supplement Users")?

    At least three words, two or more of them capitalised content words, and at most one
    lower-case content word per four capitalised ones ("More Consumer Updates related to
    Dietary Supplements"). Running sentences capitalise their first word and names only.
    """
    words = [w for w in text.split() if w[:1].isalpha()]
    if len(words) < 3:
        return False
    capital = lower = 0
    for word in words:
        if word.lower() in _TITLE_MINOR:
            continue
        if word[:1].isupper():
            capital += 1
        else:
            lower += 1
    return capital >= 2 and lower <= capital // 4
