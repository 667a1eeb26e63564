"""The set's BibTeX bibliography, read with bibtexparser 2.x.

bibtexparser never raises on malformed input: it sets broken or duplicate blocks aside in
``library.failed_blocks``. Each of those becomes a located finding here. The parsed library is
kept as parsed (no name-splitting middleware), so it can be written back unchanged.
"""

from __future__ import annotations

import functools
import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model.report import Finding
from ..rules import structural as R
from .bib_fast import read_plain_bibtex
from .reading import read_text


@dataclass(frozen=True, slots=True)
class BibEntry:
    """One BibTeX entry with its fields as plain strings."""

    key: str
    entry_type: str
    fields: dict[str, str]
    line: int  # 1-based line of the entry in the .bib file

    def get(self, name: str, default: str | None = None) -> str | None:
        return self.fields.get(name.lower(), default)


@dataclass(slots=True)
class Bibliography:
    path: Path | None = None
    file: str | None = None
    entries: dict[str, BibEntry] = field(default_factory=dict)
    library: Any = None
    findings: list[Finding] = field(default_factory=list)
    sha256: str | None = None  # of the bytes read (load_bibliography), for the result cache

    def __contains__(self, key: object) -> bool:
        return key in self.entries

    def __getitem__(self, key: str) -> BibEntry:
        return self.entries[key]

    def __len__(self) -> int:
        return len(self.entries)

    def keys(self) -> list[str]:
        return list(self.entries)


class _LazyLibrary:
    """bibtexparser's Library of a text the plain reader read, parsed on first use (only a
    command that writes the bibliography back needs it)."""

    __slots__ = ("_library", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._library: Any = None

    def __getattr__(self, name: str) -> Any:
        if self._library is None:
            import bibtexparser

            logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
            self._library = bibtexparser.parse_string(self._text)
        return getattr(self._library, name)


def parse_bibliography(
    text: str, *, file: str | None = None, max_chars: int | None = None
) -> Bibliography:
    """Parse BibTeX text; every failed block becomes a finding at its line.

    ``@string`` macros let a small file name one long string from many fields (900 KB that
    became 6 GB): bibtexparser's middlewares copy the string into every field that names it.
    So the text is split first, the fields' size with every reference expanded is summed from
    the macros' lengths, and only within ``max_chars`` (default: the text's own length, or
    1,000,000 for a shorter text) do the middlewares run; past it the bibliography is refused
    with a finding at the entry that crossed the bound.

    Plain BibTeX (no macros; see :mod:`.bib_fast`) is read without bibtexparser, to the same
    entries, about ten times faster.
    """
    bound = max_chars if max_chars is not None else max(len(text), 1_000_000)
    # the fields of a plain text are parts of it: they cannot pass a bound the text is within
    plain = read_plain_bibtex(text) if len(text) <= bound else None
    if plain is not None:
        bib = Bibliography(file=file, library=_LazyLibrary(text))
        for key, entry_type, raw_fields, line in plain:
            fields = {name.lower(): _plain(value) for name, value in raw_fields.items()}
            bib.entries[key] = BibEntry(
                key=key, entry_type=entry_type.lower(), fields=fields, line=line + 1
            )
        return bib
    import bibtexparser
    from bibtexparser.middlewares.parsestack import default_parse_stack

    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
    library = bibtexparser.parse_string(text, parse_stack=[])
    crossed = _expansion_crossing(library, bound)
    if crossed is not None:
        bib = Bibliography(file=file, library=None)
        bib.findings.append(
            R.LIMITS_SIZE.finding(
                file=file,
                line=(crossed.start_line or 0) + 1,
                column=1,
                what="the bibliography",
                problem=f"expands its @string references beyond {bound:,} characters "
                "(its size limit)",
            )
        )
        return bib
    for middleware in default_parse_stack():
        library = middleware.transform(library=library)
    return _collect(library, file)


def _expansion_crossing(library: Any, bound: int) -> Any:
    """The first entry whose fields, with ``@string`` references expanded, pass ``bound``
    characters in all (summed from the macros' lengths, nothing copied); None when none do."""
    sizes = {key.lower(): len(s.value) for key, s in library.strings_dict.items()}
    total = 0
    for entry in library.entries:
        for f in entry.fields:
            value = f.value if isinstance(f.value, str) else ""
            total += sizes.get(value.lower(), len(value))
        if total > bound:
            return entry
    return None


def _collect(library: Any, file: str | None) -> Bibliography:
    """Entries and findings of a parsed library."""
    from bibtexparser.model import DuplicateBlockKeyBlock, DuplicateFieldKeyBlock

    bib = Bibliography(file=file, library=library)
    for entry in library.entries:
        fields = {f.key.lower(): _plain(f.value) for f in entry.fields}
        bib.entries[entry.key] = BibEntry(
            key=entry.key,
            entry_type=entry.entry_type.lower(),
            fields=fields,
            line=(entry.start_line or 0) + 1,
        )
    for block in library.failed_blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, DuplicateBlockKeyBlock):
            finding = R.BIB_DUPLICATE_KEY.finding(file=file, line=line, column=1, key=block.key)
        elif isinstance(block, DuplicateFieldKeyBlock):
            keys = ", ".join(sorted(getattr(block, "duplicate_keys", ()) or ())) or "a field"
            finding = R.BIB_DUPLICATE_FIELD.finding(
                file=file, line=line, column=1, reason=f"field(s) {keys}"
            )
        else:
            error = getattr(block, "error", None)
            reason = (
                getattr(error, "abort_reason", None)
                or getattr(error, "message", None)
                or str(error or "")
            ).strip()
            reason = " ".join(reason.split()) or "malformed entry"
            first_line = (block.raw or "").strip().splitlines()[:1]
            if first_line:
                reason = f"{reason} (block starting {first_line[0][:60]!r})"
            finding = R.BIB_SYNTAX.finding(file=file, line=line, column=1, reason=reason)
        bib.findings.append(finding)
    return bib


def load_bibliography(
    path: Path,
    *,
    file: str | None = None,
    max_bytes: int | None = None,
    limit_name: str = "max-file-bytes",
) -> Bibliography:
    """Read and parse a ``.bib`` file; a missing, oversized or undecodable file gives findings."""
    file = file if file is not None else str(path)
    text, raw, findings = read_text(
        path,
        file=file,
        what="bibliography",
        max_bytes=max_bytes,
        limit_name=limit_name,
        text_only=True,
    )
    if text is None:
        return Bibliography(path=path, file=file, findings=findings)
    parsed = _parse_shared(text, file)
    # a new object on the shared parse: entries and library are never changed after parsing
    return Bibliography(
        path=path,
        file=file,
        entries=parsed.entries,
        library=parsed.library,
        findings=[*findings, *parsed.findings],
        sha256=hashlib.sha256(raw).hexdigest() if raw is not None else None,
    )


@functools.lru_cache(maxsize=8)
def _parse_shared(text: str, file: str | None) -> Bibliography:
    """:func:`parse_bibliography`, once per text and name in a process.

    Claim files of one repository often name the same bibliography; parsed for each of them,
    a 500-entry file cost ~25 ms per claim file (a thousand claim files: 25 s), the largest
    part of validating them."""
    return parse_bibliography(text, file=file)


def _plain(value: Any) -> str:
    """The field's value with white space folded.

    bibtexparser already removes the enclosing braces or quotes; braces left inside the value
    are BibTeX's protection (``{World Health Organization}`` is one corporate author, ``{Thai}``
    keeps its capital), so they are kept for the citation formatter to interpret.
    """
    return " ".join(str(value).split())
