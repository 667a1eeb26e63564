"""Map a path inside a parsed claim file (``("claims", 3, "anchor", "start")``) to line and column.

Locations are worked out only when a finding needs one, so a valid file pays nothing for them:
YAML keeps them on ruamel's round-trip nodes; JSON is located by :mod:`.json_locate` (lazily) or
:mod:`.json_index` (in one pass).
"""

from __future__ import annotations

import bisect
import operator
import re
from collections.abc import Sequence
from itertools import accumulate, repeat
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
    parts = [p if isinstance(p, str) else str(p) for p in path]
    if not parts:
        return ""
    joined = "/".join(parts)
    # escape only when a part holds "~" or "/" (the join itself adds len(parts) - 1 slashes)
    if "~" in joined or joined.count("/") >= len(parts):
        joined = "/".join(p.replace("~", "~0").replace("/", "~1") for p in parts)
    return "/" + joined


class LineIndex:
    """Converts character offsets of a text to 1-based (line, column)."""

    __slots__ = ("_starts",)

    def __init__(self, text: str) -> None:
        if "\r" in text:
            self._starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
        else:  # the same starts, computed in C (a large file has hundreds of thousands of lines)
            widths = map(operator.add, map(len, text.split("\n")), repeat(1))
            self._starts = list(accumulate(widths, initial=0))
            self._starts.pop()

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
