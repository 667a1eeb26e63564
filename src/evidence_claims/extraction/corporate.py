"""Corporate authors: agencies and bodies cited by name or acronym ("(WHO 2011)", "the 2011
WHO guideline", "NICE guidance (2019)", "the World Health Organization guideline (2011)").

BibTeX writes a corporate author in braces, ``author = {{World Health Organization}}``: one
name, not a surname "Organization" with given names "World Health" (BibTeX's own rule for
names that are not people; Patashnik, "BibTeXing", 1988, section 4). Running text names the
body in full or by its acronym, and a bibliography may spell it either way, so each name is
compared through all its forms: folded full name, initials and the acronyms of well-known
bodies below (both ways: "WHO" in the text finds ``{World Health Organization}`` and
"World Health Organization" finds ``{WHO}``).

Acronyms whose letters are not the initials of the full name (CDC, NICE, USPSTF) are listed
with the names under which the bodies publish, as given on their own sites: who.int,
cdc.gov ("Centers for Disease Control and Prevention"), nice.org.uk (renamed National
Institute for Health and Care Excellence on 1 April 2013; earlier National Institute for
Health and Clinical Excellence, 2005, and National Institute for Clinical Excellence, 1999;
nhs.uk "Health watchdogs and authorities"), uspreventiveservicestaskforce.org, ahrq.gov,
fda.gov, nih.gov, ema.europa.eu, efsa.europa.eu, gov.uk/mhra.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..io.bib import BibEntry
from .names import fold_accents

# acronym -> the full names the body publishes under (current name first).
KNOWN_BODIES: dict[str, tuple[str, ...]] = {
    "WHO": ("World Health Organization", "World Health Organisation"),
    "CDC": ("Centers for Disease Control and Prevention", "Centers for Disease Control"),
    "NICE": (
        "National Institute for Health and Care Excellence",
        "National Institute for Health and Clinical Excellence",
        "National Institute for Clinical Excellence",
    ),
    "USPSTF": ("US Preventive Services Task Force", "United States Preventive Services Task Force"),
    "AHRQ": ("Agency for Healthcare Research and Quality",),
    "FDA": ("Food and Drug Administration", "US Food and Drug Administration"),
    "NIH": ("National Institutes of Health",),
    "EMA": ("European Medicines Agency",),
    "EFSA": ("European Food Safety Authority",),
    "MHRA": ("Medicines and Healthcare products Regulatory Agency",),
}
_SMALL = frozenset({"and", "for", "of", "the", "on", "in", "&"})


def fold_name(name: str) -> str:
    """A body's name compared whole: lower case, no accents, dots, "the" or "&" spelling."""
    text = fold_accents(name).replace("&", " and ")
    text = text.replace(".", "").replace("'", "").replace("’", "")
    words = re.sub(r"[^\w]+", " ", text).split()
    if words and words[0] == "the":
        words = words[1:]
    if words and words[-1] in ("guideline", "guidelines", "guidance"):
        words = words[:-1]
    return " ".join(words)


def _initials(folded: str) -> str:
    return "".join(w[0] for w in folded.split() if w not in _SMALL)


# folded full name -> acronym, and acronym -> all folded names (for both directions)
_BY_NAME = {fold_name(n): a for a, names in KNOWN_BODIES.items() for n in names}


def forms(name: str) -> frozenset[str]:
    """Every folded form a body's name may take in text: name, acronym, other names."""
    folded = fold_name(name)
    if not folded:
        return frozenset()
    found = {folded}
    acronym = name.strip().upper() if name.strip().isupper() else None
    if acronym is None and len(folded.split()) > 1:
        initials = _initials(folded).upper()
        # (two letters are too often something else: "HC" of "Health Canada")
        acronym = _BY_NAME.get(folded) or (initials if len(initials) >= 3 else None)
    if acronym:
        found.add(acronym.lower())
        found.update(fold_name(n) for n in KNOWN_BODIES.get(acronym, ()))
    return frozenset(found)


def corporate_authors(entry: BibEntry) -> list[str]:
    """The authors (or editors) of an entry written as one braced name (corporate)."""
    raw = entry.get("author") or entry.get("editor") or ""
    names = []
    for person in _split_and(raw):
        person = person.strip()
        if len(person) > 2 and person[0] == "{" and person[-1] == "}" and _balanced(person[1:-1]):
            names.append(person[1:-1].strip())
    return names


def _split_and(raw: str) -> list[str]:
    """Split a name list at " and " outside braces (BibTeX's rule)."""
    parts, depth, start = [], 0, 0
    i = 0
    while i < len(raw):
        c = raw[i]
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif depth == 0 and raw.startswith(" and ", i):
            parts.append(raw[start:i])
            start = i + 5
            i += 5
            continue
        i += 1
    parts.append(raw[start:])
    return parts


def _balanced(text: str) -> bool:
    depth = 0
    for c in text:
        depth += c == "{"
        depth -= c == "}"
        if depth < 0:
            return False
    return depth == 0


@dataclass(frozen=True, slots=True)
class CorporateIndex:
    """The corporate authors of a bibliography and a pattern that finds bodies in text."""

    by_key: dict[str, frozenset[str]]  # key -> every folded form of its corporate authors
    pattern: re.Pattern[str]

    @classmethod
    def build(cls, entries: dict[str, BibEntry]) -> CorporateIndex:
        by_key: dict[str, frozenset[str]] = {}
        names: set[str] = set()
        acronyms: set[str] = set(KNOWN_BODIES)
        for key, entry in entries.items():
            found: set[str] = set()
            for name in corporate_authors(entry):
                found |= forms(name)
                if name.strip().isupper() and " " not in name.strip():
                    acronyms.add(name.strip())
                else:
                    names.add(name)
            if found:
                by_key[key] = frozenset(found)
                acronyms.update(f.upper() for f in found if " " not in f and len(f) >= 2)
        for full in KNOWN_BODIES.values():
            names.update(full)
        return cls(by_key, _pattern(names, acronyms))

    def keys_for(self, text: str) -> list[str]:
        wanted = forms(text)
        return [key for key, found in self.by_key.items() if wanted & found]


def _pattern(names: Iterable[str], acronyms: Iterable[str]) -> re.Pattern[str]:
    """Full names case-insensitively (any white space between words), acronyms as written."""
    full = sorted({n for n in names if n.strip()}, key=lambda n: (-len(n), n))
    spelled = [r"\s+".join(re.escape(w) for w in n.split()) for n in full]
    short = sorted({a for a in acronyms if a.isalpha()}, key=lambda a: (-len(a), a))
    parts = []
    if spelled:
        parts.append("(?i:" + "|".join(spelled) + ")")
    if short:
        parts.append("|".join(re.escape(a) for a in short))
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])")


# A year that goes with a body's name: "(WHO 2011)", "WHO, 2011", "NICE guidance (2019)",
# "the World Health Organization guideline (2011)"; or before it, "the 2011 WHO guideline".
YEAR_AFTER = re.compile(
    r"(?:['’]s)?(?:\s+(?:guidelines?|guidance|recommendations?|report|statement))?"
    r"\s*[,(]?\s*(?P<year>(?:19|20)\d{2})[a-z]?\b"
)
YEAR_BEFORE = re.compile(r"(?P<year>(?:19|20)\d{2})\s+$")
