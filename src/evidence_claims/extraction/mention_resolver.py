"""Resolving mentions of sources (:mod:`.mentions`) to the keys of a document's bibliography.

Named mentions by author surname and year, numbered markers by position, descriptive ones
("the Thai studies", "a 2019 trial") by the words of each entry's title, keywords and journal,
venues by the journal's whole name, back-references by the latest resolved mention; see the
docstring of :mod:`.mentions` for what each form means and which basis it gives.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..io.bib import BibEntry, Bibliography
from ..io.latex import plain_text
from .corporate import CorporateIndex, forms
from .names import fold_accents

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .mentions import Mention

_NOUN_TYPES = {
    "trial": "clinical_trial",
    "trials": "clinical_trial",
    "cohort": "observational_study",
    "cohorts": "observational_study",
    "survey": "observational_study",
    "surveys": "observational_study",
    "review": "systematic_review",
    "reviews": "systematic_review",
    "experiment": None,
    "experiments": None,
}
# Demonyms whose country shares no stem with them; the rest match by a shared prefix.
DEMONYMS = {
    "danish": "denmark",
    "dutch": "netherlands",
    "swiss": "switzerland",
    "british": "britain",
    "english": "england",
    "french": "france",
    "swedish": "sweden",
    "finnish": "finland",
    "spanish": "spain",
    "welsh": "wales",
    "scottish": "scotland",
    "irish": "ireland",
    "chinese": "china",
    "japanese": "japan",
    "norwegian": "norway",
    "polish": "poland",
    "greek": "greece",
    "turkish": "turkey",
    "malaysian": "malaysia",
    "thai": "thailand",
    "filipino": "philippines",
    "peruvian": "peru",
}


def surnames(entry: BibEntry) -> list[str]:
    """Author (or editor) surnames of an entry, folded to plain lower case.

    A surname of several words ("Al Khalifah", "van der Berg") is kept whole and also by its
    last word, which is how running text often shortens it ("(Khalifah 2020)").
    """
    raw = plain_text(entry.get("author") or entry.get("editor") or "")
    names = []
    for person in re.split(r"\s+and\s+", raw):
        person = person.strip()
        if not person or person.lower() == "others":
            continue
        last = fold_accents((person.split(",")[0] if "," in person else person.split()[-1]).strip())
        names.append(last)
        if " " in last:
            names.append(last.split()[-1])
    return names


_WORD = re.compile(r"[A-Za-zÀ-ÿ]+")


# An acronym: three or more capitals (digits and hyphens after the first letter).
_ACRONYM = re.compile(r"\b(?-i:[A-Z][A-Z0-9-]{2,})\b")


@dataclass
class Resolver:
    """Resolves mentions of one document against its bibliography."""

    bibliography: Bibliography | None
    named_keys: set[str] = field(default_factory=set)
    last_keys: tuple[str, ...] = ()
    last_type: str | None = None
    _words: dict[str, set[str]] = field(default_factory=dict)
    _acronyms: dict[str, set[str]] = field(default_factory=dict)  # as written, in title or note
    corporate: CorporateIndex | None = None
    _by_number: dict[int, str] = field(default_factory=dict)  # marker [n] -> its key

    def __post_init__(self) -> None:
        if self.bibliography is None:
            return
        self.corporate = CorporateIndex.build(self.bibliography.entries)
        # Keys named by their reference numbers ("ref2" ... "ref10", a list copied from marker
        # 2 on): marker [n] is the key numbered n; otherwise the n-th entry.
        numbered = _numbered_keys(self.bibliography)
        self._by_number = (
            numbered
            if numbered is not None
            else {n: key for n, key in enumerate(self.bibliography.entries, start=1)}
        )
        for key, entry in self.bibliography.entries.items():
            text = " ".join(
                entry.get(name) or "" for name in ("title", "keywords", "journal", "booktitle")
            )
            # ... and the first author's surname: "the Quinn cohort", "the Hart trial" name a
            # work by its author as a short name does (docs/extraction-decisions.md, 12, 46).
            self._acronyms[key] = set(
                _ACRONYM.findall(" ".join((entry.get("title") or "", entry.get("note") or "")))
            )
            self._words[key] = (
                {fold_accents(w) for w in _WORD.findall(text)}
                | set(surnames(entry)[:1])
                # ... and the study's acronym where only the entry's note gives it ("VITAL, a
                # randomized trial"): "the VITAL study" names it as a short name does.
                | {fold_accents(w) for w in _ACRONYM.findall(entry.get("note") or "")}
            )

    def prime(self, mentions: Iterable[Mention]) -> None:
        """Note the entries the document cites by name, before resolving the rest."""
        if self.bibliography is None:
            return
        for mention in mentions:
            if mention.form == "named":
                self.named_keys.update(self.author_keys(mention))

    def resolve(self, mention: Mention, entry_type: dict[str, str | None]) -> tuple[str, ...]:
        if self.bibliography is None:
            return ()
        if mention.form == "named":
            keys = self.author_keys(mention)
            if not keys and not mention.certain:
                return ()
        elif mention.form == "descriptive":
            keys = self._descriptive(mention, entry_type)
        elif mention.form == "acronym":
            keys = [key for key, words in self._acronyms.items() if mention.words[0] in words]
        elif mention.form == "venue":
            wanted = _journal(mention.words[0])
            keys = [
                key
                for key, entry in self.bibliography.entries.items()
                if _journal(entry.get("journal") or "") == wanted
            ]
        elif mention.form == "corporate":
            keys = self.corporate_keys(mention)
        elif mention.form == "sole":
            keys = list(self.bibliography.entries)[:1] if len(self.bibliography) == 1 else []
        elif mention.form == "numbered":
            keys = [self._by_number[n] for n in mention.numbers if n in self._by_number]
        else:
            keys = self.last_keys
        if keys and mention.form != "backref":
            self.last_keys = tuple(keys)
        return tuple(keys)

    def closest(self, mention: Mention, limit: int = 3) -> tuple[str, ...]:
        """Keys nearest an author citation that matched no entry, for the reviewer to check.

        Entries by the same first author (any year) come first, then keys spelled like the
        surname and year ("smith2019" for "Smith 2020", "smyth2020").
        """
        if self.bibliography is None:
            return ()
        if mention.form == "corporate":
            return self._closest_corporate(mention, limit)
        if not mention.surnames:
            return ()
        first = fold_accents(mention.surnames[0])
        same_author = [
            key for key, entry in self.bibliography.entries.items() if first in surnames(entry)
        ]
        wanted = first + (mention.year or "")
        spelled = difflib.get_close_matches(
            wanted, [fold_accents(k) for k in self.bibliography.entries], n=limit, cutoff=0.6
        )
        by_folded = {fold_accents(k): k for k in self.bibliography.entries}
        keys = same_author + [by_folded[s] for s in spelled if by_folded[s] not in same_author]
        return tuple(keys[:limit])

    def corporate_keys(self, mention: Mention) -> list[str]:
        """Entries whose corporate author is the body named (in any form), of its year."""
        assert self.bibliography is not None
        if self.corporate is None or not mention.words:
            return []
        keys = self.corporate.keys_for(mention.words[0])
        if mention.year:
            entries = self.bibliography.entries
            keys = [k for k in keys if (entries[k].get("year") or "")[:4] == mention.year]
        return keys

    def _closest_corporate(self, mention: Mention, limit: int) -> tuple[str, ...]:
        """Entries by the same body (any year) first, then keys spelled like "who2011"."""
        assert self.bibliography is not None
        same = self.corporate.keys_for(mention.words[0]) if self.corporate else []
        short = min(forms(mention.words[0]) or {fold_accents(mention.words[0])}, key=len)
        wanted = short.replace(" ", "") + (mention.year or "")
        folded = {fold_accents(k): k for k in self.bibliography.entries}
        spelled = difflib.get_close_matches(wanted, list(folded), n=limit, cutoff=0.6)
        keys = same + [folded[s] for s in spelled if folded[s] not in same]
        return tuple(keys[:limit])

    def author_keys(self, mention: Mention) -> list[str]:
        assert self.bibliography is not None
        wanted = [fold_accents(s) for s in mention.surnames]
        keys = []
        for key, entry in self.bibliography.entries.items():
            names = surnames(entry)
            if not all(w in names for w in wanted):
                continue
            if mention.year and (entry.get("year") or "")[:4] != mention.year:
                continue
            keys.append(key)
        if len(wanted) == 1 and len(keys) > 1:
            # "Smith et al.", "Smith and colleagues", "(Smith 2020)" name the first author.
            first = [k for k in keys if surnames(self.bibliography.entries[k])[:1] == wanted]
            keys = first or keys
        return keys

    def _descriptive(self, mention: Mention, entry_type: dict[str, str | None]) -> list[str]:
        assert self.bibliography is not None
        wanted_type = _NOUN_TYPES.get(mention.noun or "")
        scored = []
        for key, entry in self.bibliography.entries.items():
            if mention.year and (entry.get("year") or "")[:4] != mention.year:
                continue
            score = sum(1 for w in mention.words if _matches(fold_accents(w), self._words[key]))
            if mention.words and score == 0:
                continue
            if not mention.words and not mention.year:
                continue
            found_type = entry_type.get(key)
            if wanted_type and found_type and found_type != wanted_type:
                continue
            scored.append((score, key))
        keys = [key for _score, key in sorted(scored, key=lambda p: -p[0])]
        unnamed = [k for k in keys if k not in self.named_keys]
        return unnamed or keys


def _journal(name: str) -> str:
    """A journal's name compared whole: folded, without a leading "the", spaces collapsed."""
    words = fold_accents(plain_text(name)).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _matches(word: str, vocabulary: set[str]) -> bool:
    if word in vocabulary:
        return True
    country = DEMONYMS.get(word)
    if country is not None and country in vocabulary:
        return True
    if len(word) < 4:
        return False
    stem = word[:4]
    return any(
        v.startswith(stem) and (v.startswith(word[:-2]) or word.startswith(v[:-2]))
        for v in vocabulary
        if len(v) >= 4
    )


_NUMBERED_KEY = re.compile(r"([A-Za-z_-]*?)(\d+)")


def _numbered_keys(bibliography: Bibliography) -> dict[int, str] | None:
    """{n: key} when every key is one shared word and a number ("ref1", "ref2", ...) and no
    number repeats; None otherwise (the keys are names, cited by their position)."""
    out: dict[int, str] = {}
    prefixes = set()
    for key in bibliography.entries:
        match = _NUMBERED_KEY.fullmatch(key)
        if match is None:
            return None
        prefixes.add(match.group(1).lower())
        number = int(match.group(2))
        if number in out:
            return None
        out[number] = key
    return out if len(prefixes) == 1 and len(out) > 1 else None
