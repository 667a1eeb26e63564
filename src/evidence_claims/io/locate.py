"""Map a path inside a parsed claim file (``("claims", 3, "anchor", "start")``) to line and column.

Locations are worked out only when a finding needs one, so a valid file pays nothing for them:
YAML keeps them on ruamel's round-trip nodes; for JSON a small scanner indexes the text on the
first request.
"""

from __future__ import annotations

import bisect
import operator
import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import accumulate, repeat
from json.decoder import scanstring
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


class JsonLocator:
    """Finds positions in a JSON text (already known to parse), reading only what it must.

    A full :class:`JsonIndex` tokenises the whole text in Python, which for a large file costs
    more than parsing it. So :meth:`locate` walks down the path instead, expanding only the
    containers on it, and only as far as the wanted member: the other values are skipped with
    the standard library's C scanner. Each container is expanded once, so locating every claim
    of a file costs about one more parse of it. When the full index exists (it is built to
    report duplicate keys and NaN tokens), it answers instead; the two agree on every text
    without duplicate keys (tested).
    """

    def __init__(self, text: str, *, claim_file: Any = None) -> None:
        self.text = text
        self._index: JsonIndex | None = None
        self._lines: LineIndex | None = None
        self._containers: dict[int, _Members] = {}
        self._found: dict[tuple[tuple[PathItem, ...], bool], Position] = {}
        # The parsed value, when the text is a claim file the models accepted (the JSON fast
        # path): its claims and their fields are then found by searching for keys (see
        # _claim_offset), without reading the claims one by one.
        self._claim_file = claim_file
        self._claim_starts: list[int] | None = None
        self._claim_starts_done = claim_file is None
        self._keys: dict[str, tuple[list[int], list[int]]] = {}
        self._plain: bool | None = None
        self._asked: dict[str, int] = {}

    @property
    def index(self) -> JsonIndex:
        if self._index is None:
            self._index = JsonIndex(self.text)
            self._lines = self._index.lines
        return self._index

    @property
    def lines(self) -> LineIndex:
        if self._lines is None:
            self._lines = LineIndex(self.text)
        return self._lines

    def locate(self, path: Sequence[PathItem], *, key: bool = False) -> Position:
        if self._index is not None:
            return self._index.position(path, key=key)
        wanted = (tuple(path), key)
        found = self._found.get(wanted)
        if found is None:
            offset = self.offset(path, key=key)
            found = self._found[wanted] = (1, 1) if offset is None else self.lines.position(offset)
        return found

    def locate_claim(
        self, index: int, fields: Sequence[PathItem] = (), *, key: bool = False
    ) -> Position:
        """``locate(("claims", index, *fields), key=key)``, the short way for a claim file the
        models accepted: the checks and the assessment locate a claim or one of its fields
        for every finding and every assessment, so this skips the general walk and its cache.
        """
        starts = self._claim_starts if self._claim_starts_done else self._claims()
        if (
            starts is not None
            and self._index is None
            and type(index) is int
            and 0 <= index < len(starts)
        ):
            if not fields:
                if not key:
                    return self._position(starts[index])
            elif type(name := fields[0]) is str and name in self._claim_file["claims"][index]:
                end = starts[index + 1] if index + 1 < len(starts) else len(self.text)
                found = self._first_key(name, starts[index], end)
                if found is not None:
                    if len(fields) == 1:
                        offset = found[0] if key else found[1]
                    else:
                        offset = self._inside(index, fields, found[1], end, key)
                    return self._position(offset)
        return self.locate(("claims", index, *fields), key=key)

    def _first_key(self, name: str, start: int, end: int) -> tuple[int, int] | None:
        """(key, value) offsets of the first ``"name":`` after ``start`` and before ``end``.

        A search of the text between the two for the first few requests of a name; then one
        search of the whole text for all its keys, and a bisection per request (the same
        match: in valid JSON two such keys cannot overlap).
        """
        table = self._keys.get(name)
        if table is None:
            asked = self._asked[name] = self._asked.get(name, 0) + 1
            if asked <= KEY_SEARCHES_BEFORE_TABLE:
                match = _key_pattern(name).search(self.text, start + 1, end)
                return (match.start(), match.end()) if match is not None else None
            table = self._key_table(name)
        key_starts, value_starts = table
        k = _bisect_right(key_starts, start)
        if k < len(key_starts) and key_starts[k] < end:
            return key_starts[k], value_starts[k]
        return None

    def _inside(
        self, index: int, fields: Sequence[PathItem], value: int, end: int, key: bool
    ) -> int:
        """The offset of ``fields[1:]`` inside the claim field whose value starts at ``value``.

        Two short ways, else the general walk: the first item of an array starts at its first
        character after the ``[``; and a member of a record that holds no records (``anchor``,
        ``evidence``, ``review``) is the first key of its name after the record's ``{``, as
        long as no key of the file can be written with escapes (no ``\\u`` in the text:
        field names are letters and ``_``, which have no other escape).
        """
        text = self.text
        rest = fields[1:]
        if len(rest) == 1 and not key:
            item = rest[0]
            if item == 0 and type(item) is int and text.startswith("[", value):
                first = _JSON_SPACE.match(text, value + 1).end()  # type: ignore[union-attr]
                return value if text.startswith("]", first) else first
            if type(item) is str and fields[0] in FLAT_RECORDS and self._plain_keys():
                record = self._claim_file["claims"][index][fields[0]]
                if type(record) is dict and item in record:
                    found = self._first_key(item, value, end)
                    if found is not None:
                        return found[1]
        return self._offset_from(value, rest, key)

    def _plain_keys(self) -> bool:
        if self._plain is None:
            self._plain = "\\u" not in self.text
        return self._plain

    def _position(self, offset: int) -> Position:
        """``self.lines.position(offset)``, without the two calls."""
        lines = self._lines if self._lines is not None else self.lines
        line_starts = lines._starts
        line = _bisect_right(line_starts, offset)
        return line, offset - line_starts[line - 1] + 1

    def offset(self, path: Sequence[PathItem], *, key: bool = False) -> int | None:
        """Character offset of the value at ``path`` (of its key when ``key`` and the last item
        is an object key), or of the nearest enclosing value; None for an empty text."""
        text = self.text
        pos = _JSON_SPACE.match(text).end()  # type: ignore[union-attr]
        if pos >= len(text) or (key and not path):
            return None
        if self._claim_file is not None and len(path) >= 2 and path[0] == "claims":
            found = self._claim_offset(path, key)
            if found is not None:
                return found
        return self._offset_from(pos, path, key)

    def _offset_from(self, pos: int, path: Sequence[PathItem], key: bool) -> int:
        last = len(path) - 1
        for depth, item in enumerate(path):
            members = self._members(pos)
            found = members.find(item) if members is not None else None
            if found is None:
                return pos
            key_offset, value_offset = found
            if depth == last and key:
                return key_offset if key_offset is not None else pos
            pos = value_offset
        return pos

    def _claim_offset(self, path: Sequence[PathItem], key: bool) -> int | None:
        """The offset of a claim's field found by key search; None to take the general way.

        Sound only for a file the models accepted, with no duplicate key (the fast path): there
        a claim's field names never occur as keys nested inside a claim (the models' nested
        records have other field names), and strings cannot hold an unescaped ``"name":``. So
        the first ``"name":`` between a claim's start and the next claim's is that field's key,
        unless the key is written with escapes, in which case nothing is found there.
        """
        index = path[1]
        if type(index) is not int:
            return None
        starts = self._claims()
        if starts is None or not 0 <= index < len(starts):
            return None
        if len(path) == 2:
            return None if key else starts[index]  # (an array item has no key: the general way)
        name = path[2]
        if type(name) is not str or name not in self._claim_file["claims"][index]:
            return None
        end = starts[index + 1] if index + 1 < len(starts) else len(self.text)
        # the first "name": after the claim's "{" and before the next claim's
        found = self._first_key(name, starts[index], end)
        if found is None:
            return None
        if len(path) == 3:
            return found[0] if key else found[1]
        return self._offset_from(found[1], path[3:], key)

    def _key_table(self, name: str) -> tuple[list[int], list[int]]:
        """Offsets of every ``"name":`` key written without escapes, and of its value."""
        table = self._keys.get(name)
        if table is None:
            matches = list(_key_pattern(name).finditer(self.text))
            table = self._keys[name] = ([m.start() for m in matches], [m.end() for m in matches])
        return table

    def _claims(self) -> list[int] | None:
        """Start offsets of all claims, from one search for their ``"id":`` keys, or None.

        In a valid claim file ``"id"`` is a key of the document and of each claim only. When
        the search finds exactly that many (none is written with escapes) and ``id`` is every
        claim's first key, the claims' ids after the array's ``[`` are theirs, in order, each
        just after its claim's ``{``.
        """
        if self._claim_starts_done:
            return self._claim_starts
        self._claim_starts_done = True
        data = self._claim_file
        claims = data.get("claims") if type(data) is dict else None
        document = data.get("document") if type(data) is dict else None
        if type(claims) is not list or not claims or type(document) is not dict:
            return None
        if not all(type(c) is dict and c and next(iter(c)) == "id" for c in claims):
            return None
        text = self.text
        ids = [m.start() for m in _key_pattern("id").finditer(text)]
        if len(ids) != len(claims) + ("id" in document):
            return None
        array = self._offset_from(_JSON_SPACE.match(text).end(), ("claims",), False)  # type: ignore[union-attr]
        if not text.startswith("[", array):
            return None
        after = [p for p in ids if p > array][: len(claims)]
        if len(after) != len(claims):
            return None
        starts = []
        for p in after:
            brace = text.rfind("{", array, p)
            if brace < 0 or text[brace + 1 : p].strip(" \t\n\r"):
                return None
            starts.append(brace)
        self._claim_starts = starts
        return starts

    def _members(self, pos: int) -> _Members | None:
        members = self._containers.get(pos)
        if members is None:
            opener = self.text[pos]
            if opener not in "[{":
                return None
            members = self._containers[pos] = _Members(self.text, pos)
        return members


_JSON_SPACE = re.compile(r"[ \t\n\r]*")
_bisect_right = bisect.bisect_right
KEY_SEARCHES_BEFORE_TABLE = 16
"""Requests of one key name answered by a bounded search before all its keys are indexed."""
FLAT_RECORDS = frozenset({"anchor", "evidence", "review"})
"""Claim fields whose value is a record of scalars and lists of strings only (tested against
the models): no key inside them belongs to a deeper record."""


@lru_cache(maxsize=64)
def _key_pattern(name: str) -> re.Pattern[str]:
    """``"name":`` as a key written without escapes, and the blanks after it."""
    return re.compile('"' + re.escape(name) + r'"[ \t\n\r]*:[ \t\n\r]*')


class _Members:
    """The members of one JSON object or array, read from the text as far as asked.

    The value of the member asked for is skipped only when a later member is asked for: the
    claims array of a large file is the value of one member of the root object, and skipping
    it would parse the whole file again just to find the position of its first bracket.
    """

    __slots__ = ("_done", "_next", "_scan", "_skip", "entries", "is_object", "text")

    def __init__(self, text: str, pos: int) -> None:
        self.text = text
        self.is_object = text[pos] == "{"
        self.entries: dict[PathItem, tuple[int | None, int]] = {}
        self._next = _JSON_SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]
        self._done = text.startswith("}" if self.is_object else "]", self._next)
        self._scan = _scanner()
        self._skip: int | None = None  # a value read up to its start only

    def find(self, item: PathItem) -> tuple[int | None, int] | None:
        """(key offset or None, value offset) of a member; None when there is no such member."""
        if self.is_object:
            if not isinstance(item, str):
                return None
        elif not isinstance(item, int) or item < 0:
            return None
        entries = self.entries
        if item in entries or self._done:
            return entries.get(item)
        # One tight loop per request: a key and its colon in one match (the usual key with no
        # escapes), the value skipped by the C scanner, the separator in one more match.
        text, scan, key_at, separator = self.text, self._scan, _JSON_KEY.match, _JSON_SEP.match
        pos, is_object = self._next, self.is_object
        if self._skip is not None:
            after = separator(text, scan(text, self._skip)[1])
            self._skip = None
            if after.group(1) is None:  # type: ignore[union-attr]
                self._done = True
                return None
            pos = after.end()  # type: ignore[union-attr]
        while True:
            if is_object:
                found = key_at(text, pos)
                if found is not None:
                    name, value = found.group(1), found.end()
                else:  # a key with escapes
                    name, after_key = scanstring(text, pos + 1)
                    colon = _JSON_SPACE.match(text, after_key).end()  # type: ignore[union-attr]
                    value = _JSON_SPACE.match(text, colon + 1).end()  # type: ignore[union-attr]
                previous = entries.get(name)
                # a repeated key keeps its first value, as JsonIndex does
                entries[name] = (pos, value if previous is None else previous[1])
                member: PathItem = name
            else:
                value = pos
                member = len(entries)
                entries[member] = (None, value)
            if member == item:
                self._skip = value
                break
            after = separator(text, scan(text, value)[1])
            if after.group(1) is None:  # type: ignore[union-attr]
                self._done = True
                break
            pos = after.end()  # type: ignore[union-attr]
        self._next = pos
        return entries.get(item)


_JSON_KEY = re.compile(r'"([^"\\]*)"[ \t\n\r]*:[ \t\n\r]*')
_JSON_SEP = re.compile(r"[ \t\n\r]*(,)?[ \t\n\r]*")


_SCANNER: list[Any] = []


def _scanner() -> Any:
    """One C scanner (``scan_once(text, offset) -> (value, end)``) for the process."""
    if not _SCANNER:
        import json
        from json.scanner import make_scanner

        _SCANNER.append(make_scanner(json.JSONDecoder()))
    return _SCANNER[0]


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
