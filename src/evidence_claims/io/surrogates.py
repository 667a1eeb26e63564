"""Strings of a parsed claim file that hold lone surrogates, which no UTF-8 text can.

JSON (``"\\ud800"``) and YAML (``"\\ud800"``, ``"\\U0000d800"``) escapes can produce half of a
UTF-16 surrogate pair, and both parsers accept them. Python keeps such a string, but it cannot
be encoded as UTF-8: left in, it would fail later, when a report is printed or a file saved.
A claim file whose bytes were valid UTF-8 can only get one from an escape, so the text is
searched for those escapes first (one scan in C); only a file that has one is walked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..model.report import Finding
from ..rules import structural as R
from .locate import Locator, json_pointer

_ESCAPE = re.compile(r"\\(?:u[dD][89a-fA-F]|U0000[dD][89a-fA-F])")
SURROGATE = re.compile("[\ud800-\udfff]")
"""A lone surrogate: in a file name, what an undecodable byte becomes (PEP 383)."""
MOST_REPORTED = 20
"""Findings per file at most: one bad escape repeated a thousand times needs one message."""


def lone_surrogates(text: str, data: Any, file: str, locator: Locator) -> list[Finding]:
    """A ``file.lone-surrogate`` finding for each key or string value of ``data`` (parsed from
    ``text``) that holds a lone surrogate, at most :data:`MOST_REPORTED`."""
    if _ESCAPE.search(text) is None:
        return []
    findings = []
    for path, is_key, value in _strings(data, ()):
        found = SURROGATE.search(value)
        if found is None:
            continue
        line, column = locator.locate(path, key=is_key)
        # a key's own surrogate would be in the pointer, and then no report could be printed
        pointer = SURROGATE.sub(_escaped, json_pointer(path))
        findings.append(
            R.FILE_LONE_SURROGATE.finding(
                file=file,
                line=line,
                column=column,
                path=pointer,
                where=("the key " if is_key else "the string ") + (pointer or "at the root"),
                escape=f"\\u{ord(found.group()):04x}",
            )
        )
        if len(findings) >= MOST_REPORTED:
            break
    return findings


def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def _strings(value: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], bool, str]]:
    """Every key and string value with its path (the parsers bound the depth beforehand)."""
    if isinstance(value, str):
        yield path, False, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str):
                yield (*path, key), True, key
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, (*path, i))
