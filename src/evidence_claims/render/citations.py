"""Bibliography entries as short, readable citations for evidence tables and reports.

A Summary of Findings table names its studies the way a reader would cite them
("Matsumoto K et al. (2005) Life Sciences 78(1):2–7"), not by BibTeX key. Names are split with
bibtexparser's own name parser (the same rules BibTeX uses for "Last, First" and "First von
Last"), and the LaTeX of hand-written .bib files is turned into plain text
(:func:`evidence_claims.io.latex.plain_text`). Nothing here reaches the network: DOIs and PMIDs
stay text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..io.bib import BibEntry, Bibliography
from ..io.latex import plain_text

# Vancouver style (ICMJE / NLM "Citing Medicine") initials without full stops, "et al." after
# the first author when there are more than two: short enough for a table cell.
MAX_NAMED_AUTHORS = 2


def _initials(first_names: list[str]) -> str:
    letters = []
    for name in first_names:
        for part in re.split(r"[-\s.]+", plain_text(name)):
            if part:
                letters.append(part[0].upper())
    return "".join(letters)


def author_names(field: str | None) -> tuple[list[str], bool]:
    """Authors as "Surname Initials" strings, and whether the list ends with ``and others``."""
    if not field:
        return [], False
    from bibtexparser.middlewares.names import (
        parse_single_name_into_parts,
        split_multiple_persons_names,
    )

    names: list[str] = []
    truncated = False
    for raw in split_multiple_persons_names(field):
        if raw.strip().lower() == "others":
            truncated = True
            continue
        if raw.strip().startswith("{") and raw.strip().endswith("}"):
            names.append(plain_text(raw))  # a corporate author, kept whole
            continue
        try:
            parts = parse_single_name_into_parts(raw, strict=False)
        except Exception:  # bibtexparser rejects some odd names; show them as written
            names.append(plain_text(raw))
            continue
        surname = plain_text(" ".join([*parts.von, *parts.last]))
        initials = _initials(parts.first)
        names.append(f"{surname} {initials}".strip())
    return names, truncated


def _authors_short(entry: BibEntry) -> str:
    names, truncated = author_names(entry.get("author") or entry.get("editor"))
    if not names:
        return ""
    if len(names) > MAX_NAMED_AUTHORS or (truncated and names):
        return f"{names[0]} et al."
    return ", ".join(names)


def _locator(entry: BibEntry) -> str:
    """``78(1):2–7`` from volume, number and pages; whatever of them is present."""
    volume, number, pages = (plain_text(entry.get(k) or "") for k in ("volume", "number", "pages"))
    text = volume
    if number:
        text += f"({number})"
    if pages:
        text += f":{pages}" if text else f"pp. {pages}"
    return text


def short_citation(entry: BibEntry) -> str:
    """``Matsumoto K et al. (2005) Life Sciences 78(1):2–7``; the title stands in for a venue."""
    authors = _authors_short(entry)
    year = plain_text(entry.get("year") or "")
    venue = plain_text(
        entry.get("journal")
        or entry.get("booktitle")
        or entry.get("publisher")
        or entry.get("institution")
        or entry.get("title")
        or ""
    )
    head = " ".join(p for p in (authors, f"({year})" if year else "") if p)
    tail = " ".join(p for p in (venue, _locator(entry)) if p)
    text = " ".join(p for p in (head, tail) if p)
    return text or entry.key


def full_citation(entry: BibEntry) -> str:
    """A reference-list line: authors, year, title, venue and locator, then PMID and DOI."""
    names, truncated = author_names(entry.get("author") or entry.get("editor"))
    authors = ", ".join(names) + (", et al." if truncated else "")
    year = plain_text(entry.get("year") or "")
    title = plain_text(entry.get("title") or "").rstrip(".")
    venue = plain_text(
        entry.get("journal") or entry.get("booktitle") or entry.get("publisher") or ""
    )
    parts = []
    if authors:
        parts.append(f"{authors} ({year})." if year else f"{authors}.")
    elif year:
        parts.append(f"({year}).")
    if title:
        parts.append(f"{title}.")
    located = " ".join(p for p in (venue, _locator(entry)) if p)
    if located:
        parts.append(f"{located}.")
    if entry.get("pmid"):
        parts.append(f"PMID {plain_text(entry.get('pmid') or '')}.")
    if entry.get("doi"):
        parts.append(f"doi:{plain_text(entry.get('doi') or '')}")
    return " ".join(parts) or entry.key


def cite(key: str, bibliography: Bibliography | None, *, full: bool = False) -> str:
    """The citation of one key, or the key itself, marked, when the bibliography lacks it."""
    if bibliography is None or key not in bibliography:
        return f"{key} (not in bibliography)"
    entry = bibliography[key]
    return full_citation(entry) if full else short_citation(entry)


def citer(bibliography: Bibliography | None, *, full: bool = False) -> Callable[[str], str]:
    """:func:`cite` for one bibliography, each key's citation worked out once: a table of
    100,000 claims cites the same few hundred entries again and again, and splitting their
    author names took half of the table's time."""
    memo: dict[str, str] = {}

    def one(key: str) -> str:
        text = memo.get(key)
        if text is None:
            text = memo[key] = cite(key, bibliography, full=full)
        return text

    return one
