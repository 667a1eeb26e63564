"""A full index of a JSON text's positions (:class:`JsonIndex`), built in one pass.

Built when the exact JSON reader reports duplicate keys or NaN tokens, which need every
token's place; :class:`~evidence_claims.io.json_locate.JsonLocator` answers from it once it
exists, and is tested against it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from .locate import LineIndex, Path, PathItem, Position

_JSON_TOKEN = re.compile(
    r"\s*(?:(?P<open>[\[{])|(?P<close>[\]}])|(?P<comma>,)|(?P<colon>:)"
    r'|(?P<string>"(?:[^"\\]|\\.)*")|(?P<atom>[^\s\[\]{},:"]+))',
    re.DOTALL,
)


class JsonIndex:
    """Offsets of every key and value in a JSON text, duplicate keys and NaN/Infinity tokens."""

    def __init__(self, text: str) -> None:
        import json

        self.lines = LineIndex(text)
        self.values: dict[Path, int] = {}
        self.keys: dict[Path, int] = {}
        self.duplicates: list[tuple[Path, int]] = []
        self.non_finite: list[tuple[Path, int, str]] = []
        # stack of [container, path, next_index_or_pending_key, seen_keys]
        stack: list[list[Any]] = []
        pos = 0
        expecting_key = False
        pending_path: Path = ()
        n = len(text)
        while pos < n:
            m = _JSON_TOKEN.match(text, pos)
            if m is None or m.end() == pos:
                break
            start = m.start(m.lastgroup) if m.lastgroup else pos
            pos = m.end()
            kind = m.lastgroup
            if kind in ("comma", "colon"):
                if kind == "comma" and stack and stack[-1][0] == "{":
                    expecting_key = True
                continue
            if kind == "close":
                stack.pop()
                expecting_key = False
                continue
            if expecting_key and kind == "string":
                name = json.loads(m.group("string"))
                frame = stack[-1]
                path = (*frame[1], name)
                if name in frame[3]:
                    self.duplicates.append((path, start))
                frame[3].add(name)
                self.keys[path] = start
                pending_path = path
                expecting_key = False
                continue
            # a value
            if stack and stack[-1][0] == "[":
                frame = stack[-1]
                path = (*frame[1], frame[2])
                frame[2] += 1
            elif stack:
                path = pending_path
            else:
                path = ()
            self.values.setdefault(path, start)
            if kind == "open":
                bracket = m.group("open")
                stack.append([bracket, path, 0, set()])
                expecting_key = bracket == "{"
            elif kind == "atom" and m.group("atom") in ("NaN", "Infinity", "-Infinity"):
                self.non_finite.append((path, start, m.group("atom")))

    def position(self, path: Sequence[PathItem], *, key: bool = False) -> Position:
        """Line and column of the value at ``path`` (of its key when ``key``), or of the nearest
        enclosing value the text has: a finding about a missing member points at its parent."""
        for cut in range(len(path), -1, -1):
            sub = tuple(path[:cut])
            table = self.keys if (key and cut == len(path)) else self.values
            if sub in table:
                return self.lines.position(table[sub])
        return (1, 1)
