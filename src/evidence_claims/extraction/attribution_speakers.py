"""Quoted speakers who hold a public office: their words are their body's statement.

A news release quotes its agency's officials ("..., says Michael Levy, director of FDA's
Division of New Drugs", "..., said Acting FDA Commissioner Lester M. Crawford"): the speaker
speaks for the agency (benchmarks/gold-real/README.md: an agency's release quoting its officials
or its department's secretary is ``authority_statement``), not as an independent expert. The
speaker's office is read from the words around the quotation, outside its quotation marks; the
speaker's names are kept so that a later "says Levy" is known as the same official.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from .attribution_voice import AGENCY_ACRONYM

# The office in the speaker's description: a public body's acronym ("FDA's", "Acting FDA
# Commissioner"), a title of public office, or a post in a national or federal body
# ("director of the National Institute on Aging"); a university's centre or department is
# not a public office.
_OFFICE = re.compile(
    rf"\b(?-i:{AGENCY_ACRONYM})\b|\b(?-i:Commissioner|Secretary|Surgeon\s+General)\b"
    r"|\b(?:director|head|chief|administrator|spokes(?:person|man|woman))\s+(?:of|at|for)\s+"
    r"(?:the\s+)?(?:U\.S\.\s+|federal\s+|national\s+|state\s+|government\s+)"
    r"(?:[\w’'&-]+\s+){0,6}?(?:agency|administration|office|cent(?:er|re)|institutes?"
    r"|department|ministry|service)\b",
    re.IGNORECASE,
)
_QUOTES = '”"“'
# A name in the speaker's description (capitalised, not an acronym or a title word).
_NAME = re.compile(r"\b[A-Z][a-z][\w’'-]+\b")
_TITLES = frozenset(
    {"Acting", "Commissioner", "Secretary", "Surgeon", "General", "Director", "Health", "Human"}
)
_VERBS = frozenset({"says", "said", "adds", "added", "explains", "explained", "notes", "noted"})
_REPORTING = rf"(?:{'|'.join(sorted(_VERBS))}|warns|warned)"


def official_speaker(text: str, start: int, end: int) -> tuple[str, ...]:
    """The names of the official a statement quotes, or () when no office is named.

    Only a statement that quotes is read, and only the speaker's description: the words
    between the quotation marks around a reporting verb ("...," says X, director of ...;
    Acting FDA Commissioner X said).
    """
    span = text[start:end]
    if not any(q in span for q in _QUOTES):
        return ()
    for verb in re.finditer(rf"\b{_REPORTING}\b", span):
        before = max(span.rfind(q, 0, verb.start()) for q in _QUOTES)
        after = min((i for q in _QUOTES if (i := span.find(q, verb.end())) >= 0), default=len(span))
        description = span[before + 1 : after]
        if _OFFICE.search(description) is None:
            continue
        return tuple(n for n in _NAME.findall(description) if n not in _TITLES and n not in _VERBS)
    return ()


def named_again(text: str, start: int, end: int, names: Collection[str]) -> tuple[int, int] | None:
    """Where a statement attributes a quotation to one of ``names`` ("..., says Levy")."""
    if not names:
        return None
    alternatives = "|".join(re.escape(n) for n in names)
    match = re.search(
        rf"\b{_REPORTING}\s+(?:{alternatives})\b|\b(?:{alternatives})\s+{_REPORTING}\b",
        text[start:end],
    )
    if match is None:
        return None
    return start + match.start(), start + match.end()
