"""A fast reader for plain BibTeX, with bibtexparser as the reference for everything else.

bibtexparser 2.x costs about 0.2 ms per entry; a claim set's bibliography is read for every
claim file, so on many small sets reading the ``.bib`` files was a sixth of validation. Most
bibliographies are plain: ``@type{key,`` then ``name = {value}``, ``name = "value"`` or
``name = 123`` fields, text without ``@`` between entries. This module reads exactly that
form and gives up (returns None) on anything else: string macros, ``#`` concatenation,
``@string``/``@comment``/``@preamble``, parentheses as delimiters, a brace or quote after a
backslash, unbalanced braces, duplicate keys or fields, a stray ``@``. The caller then parses
with bibtexparser, as before. On what it reads it gives bibtexparser's keys, entry types
(lower case), field values (enclosing braces or quotes removed, inner braces kept) and
0-based start lines (tested against bibtexparser on the project's bibliographies and on
generated ones).
"""

from __future__ import annotations

import re

_ENTRY_HEAD = re.compile(r"@([A-Za-z][\w-]*)[ \t]*\{[ \t]*([^\s,{}()\"#%'=\\@~]+)[ \t]*,")
_FIELD_NAME = re.compile(r"\s*([A-Za-z][\w-]*)[ \t]*=[ \t]*")
_NUMBER = re.compile(r"\d+")
_SPACE = re.compile(r"\s*")
_BRACE = re.compile(r"[{}]")
_ESCAPED_DELIMITER = re.compile(r'\\[{}"]')
_SPECIAL = frozenset({"string", "comment", "preamble"})

RawEntry = tuple[str, str, dict[str, str], int]  # (key, entry type, fields, 0-based line)


def read_plain_bibtex(text: str) -> list[RawEntry] | None:
    """The entries of a plain BibTeX text, or None when it is not plain (see the module)."""
    if _ESCAPED_DELIMITER.search(text):
        return None
    entries: list[RawEntry] = []
    keys: set[str] = set()
    pos = 0
    line = 0
    length = len(text)
    while True:
        at = text.find("@", pos)
        if at < 0:
            return entries
        line += text.count("\n", pos, at)
        head = _ENTRY_HEAD.match(text, at)
        if head is None:
            return None
        entry_type, key = head.group(1), head.group(2)
        if entry_type.lower() in _SPECIAL or key in keys:
            return None
        keys.add(key)
        fields: dict[str, str] = {}
        folded: set[str] = set()
        pos = head.end()
        while True:
            pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
            if pos >= length:
                return None
            if text[pos] == "}":
                pos += 1
                break
            name_match = _FIELD_NAME.match(text, pos)
            if name_match is None:
                return None
            name = name_match.group(1)
            if name.lower() in folded:
                return None
            folded.add(name.lower())
            pos = name_match.end()
            value, pos = _value(text, pos)
            if value is None:
                return None
            fields[name] = value
            pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
            if pos < length and text[pos] == ",":
                pos += 1
            elif pos >= length or text[pos] != "}":
                return None
        if not fields:
            return None
        entries.append((key, entry_type.lower(), fields, line))
        line += text.count("\n", at, pos)


def _value(text: str, pos: int) -> tuple[str | None, int]:
    """A field value at ``pos`` and the offset after it; (None, pos) when it is not plain."""
    if pos >= len(text):
        return None, pos
    first = text[pos]
    if first == "{":
        depth = 0
        for brace in _BRACE.finditer(text, pos):
            if brace.group(0) == "{":
                depth += 1
                continue
            depth -= 1
            if depth == 0:
                inner = text[pos + 1 : brace.start()]
                return (None, pos) if "@" in inner else (inner, brace.end())
        return None, pos
    if first == '"':
        close = text.find('"', pos + 1)
        if close < 0:
            return None, pos
        inner = text[pos + 1 : close]
        if "{" in inner or "}" in inner or "@" in inner:
            return None, pos
        return inner, close + 1
    number = _NUMBER.match(text, pos)
    if number is not None:
        return number.group(0), number.end()
    return None, pos
