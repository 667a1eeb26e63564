"""What the extractor tells its user about a text: its language, citations it could not place.

Extraction rules are written for English (``LANGUAGE``). A text in another script, or in a
Latin-script language with hardly any English function words, gets one ``extract.language``
warning instead of silent nonsense; an author citation with no bibliography entry gets an
``extract.unresolved-citation`` warning at its statement.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..io.locate import LineIndex
from ..model.report import Finding
from ..rules.extraction import EXTRACT_LANGUAGE, EXTRACT_UNRESOLVED_CITATION

if TYPE_CHECKING:
    from .draft import Statement

LANGUAGE = "English"
# The most frequent English function words: in English running text they make up a large
# share of the words (about a quarter to a half); in other Latin-script languages very few.
_ENGLISH = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "a",
        "in",
        "is",
        "that",
        "for",
        "it",
        "as",
        "was",
        "with",
        "be",
        "by",
        "on",
        "not",
        "are",
        "this",
        "or",
        "from",
        "at",
        "which",
        "have",
        "has",
        "an",
        "but",
        "were",
        "they",
        "their",
        "its",
        "been",
        "also",
        "more",
        "than",
        "can",
        "may",
        "these",
        "there",
    ]
)
_SCRIPTS = {"CJK": "Chinese, Japanese or Korean (CJK script)", "HANGUL": "Korean (Hangul)"}
_WORD = re.compile(r"[^\W\d_]+")


def language_of(text: str, *, sample: int = 20_000) -> str:
    """``LANGUAGE`` when the text reads as English, else a short name of what it looks like.

    Reads the first ``sample`` characters: the script of most letters (by their Unicode
    names), then, for Latin letters, the share of English function words among the words.
    """
    head = text[:sample]
    scripts: Counter[str] = Counter()
    for char in head:
        if char.isalpha():
            name = unicodedata.name(char, "")
            scripts[name.split(" ")[0] if name else "UNKNOWN"] += 1
    letters = sum(scripts.values())
    if not letters:
        return LANGUAGE
    script, count = scripts.most_common(1)[0]
    if script != "LATIN" and count > letters / 2:
        return _SCRIPTS.get(script, f"{script.title()} script")
    words = [w.lower() for w in _WORD.findall(head)]
    if len(words) >= 20 and sum(w in _ENGLISH for w in words) < 0.08 * len(words):
        return "a language other than English"
    return LANGUAGE


def notices(
    text: str, statements: Sequence[Statement], ids: Sequence[str], *, file: str | None
) -> list[Finding]:
    """The findings to show the person who asked for the draft (see the module docstring)."""
    found: list[Finding] = []
    language = language_of(text)
    if language != LANGUAGE:
        found.append(EXTRACT_LANGUAGE.finding(file=file, line=1, column=1, language=language))
    lines: LineIndex | None = None  # built once, at the first unresolved citation
    for statement, claim_id in zip(statements, ids, strict=True):
        for citation, closest in statement.attribution.unresolved:
            lines = lines or LineIndex(text)
            start = text.find(citation, statement.segment.start, statement.segment.end)
            line, column = lines.position(start if start >= 0 else statement.segment.start)
            near = f" (closest keys: {', '.join(closest)})" if closest else ""
            found.append(
                EXTRACT_UNRESOLVED_CITATION.finding(
                    file=file,
                    line=line,
                    column=column,
                    claim_id=claim_id,
                    citation=citation,
                    closest=near,
                    claim=claim_id,
                )
            )
    return found
