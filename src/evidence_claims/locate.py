"""Map a path inside a parsed claim file (``("claims", 3, "anchor", "start")``) to line and column.

Locations are worked out only when a finding needs one, so a valid file pays nothing for them:
YAML keeps them on ruamel's round-trip nodes; for JSON a small scanner indexes the text on the
first request.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Any, Protocol

PathItem = str | int
Path = tuple[PathItem, ...]
Position = tuple[int, int]  # 1-based line and column


class Locator(Protocol):
    def locate(self, path: Sequence[PathItem], *, key: bool = False) -> Position:
        """Position of the value at ``path`` (of its key when ``key``), or of the nearest
        enclosing node that exists."""
        ...


def json_pointer(path: Sequence[PathItem]) -> str:
    """RFC 6901 JSON Pointer for a path."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


class LineIndex:
    """Converts character offsets of a text to 1-based (line, column)."""

    __slots__ = ("_starts",)

    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]

    def position(self, offset: int) -> Position:
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1


class NullLocator:
    """For inputs with no structure to point into: everything is at 1:1."""

    def locate(self, path: Sequence[PathItem], *, key: bool = False) -> Position:
        return (1, 1)


class YamlLocator:
    """Reads positions from ruamel.yaml round-trip nodes (``.lc``, 0-based)."""

    def __init__(self, root: Any) -> None:
        self.root = root

    def locate(self, path: Sequence[PathItem], *, key: bool = False) -> Position:
        node = self.root
        best = _node_start(node)
        for depth, item in enumerate(path):
            lc = getattr(node, "lc", None)
            try:
                if isinstance(node, dict) and item in node:
                    last = depth == len(path) - 1
                    pos = lc.key(item) if (last and key) else lc.value(item)
                elif isinstance(node, list) and isinstance(item, int) and 0 <= item < len(node):
                    pos = lc.item(item)
                else:
                    return best
            except (AttributeError, KeyError, IndexError, TypeError):
                return best
            if pos is not None and pos[0] is not None:
                best = (pos[0] + 1, pos[1] + 1)
            node = node[item]
        return best


def _node_start(node: Any) -> Position:
    lc = getattr(node, "lc", None)
    if lc is None or lc.line is None:
        return (1, 1)
    return (lc.line + 1, lc.col + 1)


class JsonLocator:
    """Indexes a JSON text (already known to parse) on first use."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._index: JsonIndex | None = None

    @property
    def index(self) -> JsonIndex:
        if self._index is None:
            self._index = JsonIndex(self.text)
        return self._index

    def locate(self, path: Sequence[PathItem], *, key: bool = False) -> Position:
        index = self.index
        for cut in range(len(path), -1, -1):
            sub = tuple(path[:cut])
            table = index.keys if (key and cut == len(path)) else index.values
            if sub in table:
                return index.lines.position(table[sub])
        return (1, 1)


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
