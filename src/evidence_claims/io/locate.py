"""Map a path inside a parsed claim file (``("claims", 3, "anchor", "start")``) to line and column.

Locations are worked out only when a finding needs one, so a valid file pays nothing for them:
YAML keeps them on ruamel's round-trip nodes; JSON is located by :mod:`.json_locate` (lazily) or
:mod:`.json_index` (in one pass).
"""

from __future__ import annotations

import bisect
import operator
import re
from array import array
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


_BLOCK = 1 << 20
"""Characters split at a time to find line starts."""


class LineIndex:
    """Converts character offsets of a text to 1-based (line, column)."""

    __slots__ = ("_starts",)

    def __init__(self, text: str) -> None:
        # machine integers (8 bytes a line, not a list of int objects: 36): a large file has
        # hundreds of thousands of lines, and bisect reads an array as it reads a list
        if "\r" in text:
            self._starts = array("q", [0])
            self._starts.extend(m.end() for m in re.finditer(r"\r\n|\r|\n", text))
        else:  # the same starts, computed in C, a block of text at a time: splitting a large
            # text at once made a string per line, three times the text's memory for a moment
            starts = self._starts = array("q", [0])
            for block in range(0, len(text), _BLOCK):
                pieces = text[block : block + _BLOCK].split("\n")
                pieces.pop()  # what follows the block's last line break
                widths = map(operator.add, map(len, pieces), repeat(1))
                starts.extend(map(block.__add__, accumulate(widths)))

    def position(self, offset: int) -> Position:
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1


class LazyLines:
    """:meth:`LineIndex.position` without indexing every line of the text first.

    A claim file's findings ask for a few positions per claim, mostly in the order of the
    text; indexing every line start of it was about a twentieth of validating a JSON file.
    Here each request counts the line breaks (in C) from the nearest position asked before
    it, and the column from the line break before it. Requests far out of order would count
    the same text again and again: once more than about twice the text has been counted,
    the full :class:`LineIndex` is built and answers from then on. Texts with a carriage
    return (whose line breaks are three kinds) get the full index at once.
    """

    __slots__ = ("_counted", "_full", "_lines", "_marks", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._full: LineIndex | None = LineIndex(text) if "\r" in text else None
        self._marks = array("q", [0])  # offsets asked so far, in order (and 0)
        self._lines = array("q", [1])  # the line of each
        self._counted = 0

    def mark(self, offsets: Sequence[int]) -> None:
        """Count the lines of ``offsets`` (ascending, past the last offset asked) in one pass,
        so that later requests count only from the nearest of them: a claim file's claim
        starts, marked once, keep every request to the length of a claim, where checks that
        each walk the claims again made the counting start over and over (and then build the
        full index, a twentieth of validating a large file)."""
        if self._full is not None:
            return
        marks, lines, text = self._marks, self._lines, self._text
        base, line = marks[-1], lines[-1]
        count = text.count
        for offset in offsets:
            if offset > base:
                line += count("\n", base, offset)
                marks.append(offset)
                lines.append(line)
                base = offset

    def position(self, offset: int) -> Position:
        full = self._full
        if full is not None:
            return full.position(offset)
        marks = self._marks
        k = _bisect_right(marks, offset) - 1
        if k < 0:  # before the text (never asked): as LineIndex answers
            return LineIndex(self._text).position(offset)
        base = marks[k]
        text = self._text
        line = self._lines[k] + text.count("\n", base, offset)
        self._counted += offset - base
        if self._counted > 2 * len(text) + 65536:
            self._full = LineIndex(text)
        elif offset != base:
            marks.insert(k + 1, offset)
            self._lines.insert(k + 1, line)
        return line, offset - text.rfind("\n", 0, offset)


_bisect_right = bisect.bisect_right


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
