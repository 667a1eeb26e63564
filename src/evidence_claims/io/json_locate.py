"""Positions in a JSON claim file, found lazily: :class:`JsonLocator` reads only what it must.

Locations are worked out only when a finding needs one, so a valid file pays nothing for them.
The locator walks containers with the standard library's C scanner, remembering where each
member starts, and for the records every claim repeats (``anchor``, ``evidence``, ``review``)
it searches keys instead of parsing values.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Sequence
from functools import lru_cache
from json.decoder import scanstring
from typing import Any

from .json_index import JsonIndex
from .locate import LazyLines, LineIndex, PathItem, Position


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
        self._lines: LineIndex | LazyLines | None = None
        self._containers: dict[int, _Members] = {}
        self._found: dict[tuple[tuple[PathItem, ...], bool], Position] = {}
        # The parsed value, when the text is a claim file the models accepted (the JSON fast
        # path): its claims and their fields are then found by searching for keys (see
        # _claim_offset), without reading the claims one by one. Only the keys of each claim
        # are kept (see _ClaimKeys), not the value: the loader lets it go once the models are
        # built, and for a large file it was about a seventh of the memory.
        self._shape = _ClaimKeys.of(claim_file) if claim_file is not None else None
        self._claim_starts: list[int] | None = None
        self._claim_starts_done = self._shape is None
        self._keys: dict[str, tuple[array[int], array[int]]] = {}
        self._plain: bool | None = None
        self._asked: dict[str, int] = {}
        self._returns: bool | None = None  # whether the text holds a carriage return
        self._bounded: frozenset[str] = frozenset()  # key names searched claim by claim

    @property
    def index(self) -> JsonIndex:
        if self._index is None:
            self._index = JsonIndex(self.text)
            self._lines = self._index.lines
        return self._index

    @property
    def lines(self) -> LineIndex | LazyLines:
        """Line and column of offsets: the full index when one was built (to report duplicate
        keys), else counted as asked (see :class:`~evidence_claims.io.locate.LazyLines`)."""
        if self._lines is None:
            self._lines = LazyLines(self.text)
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
        offset = self._claim_field_offset(index, fields, key)
        if offset is not None:
            return self._position(offset)
        return self.locate(("claims", index, *fields), key=key)

    def locate_claims(
        self, requests: Sequence[tuple[int, Sequence[PathItem], bool]]
    ) -> list[Position]:
        """``[locate_claim(index, fields, key=key) for index, fields, key in requests]``, for
        many requests at once: each request's offset is found as :meth:`locate_claim` finds
        it, then the lines and columns of all the offsets come from one pass over them in
        the order of the text (one count of line breaks between neighbours), instead of a
        search of the positions asked before for each."""
        out: list[Position | None] = [None] * len(requests)
        offsets: list[tuple[int, int]] = []  # (offset, request number)
        self._tables_for(requests)
        field_offset = self._claim_field_offset
        try:
            for n, (index, fields, key) in enumerate(requests):
                offset = field_offset(index, fields, key)
                if offset is None:
                    out[n] = self.locate(("claims", index, *fields), key=key)
                else:
                    offsets.append((offset, n))
        finally:
            self._bounded = frozenset()
        text = self.text
        if self._returns is None:
            self._returns = "\r" in text
        if self._returns or isinstance(self.lines, LineIndex):
            # carriage returns (three kinds of line break) or a full index: it answers
            position = self.lines.position
            for offset, n in offsets:
                out[n] = position(offset)
            return out  # type: ignore[return-value]
        offsets.sort()
        count, rfind = text.count, text.rfind
        line, previous = 1, 0
        for offset, n in offsets:
            if offset != previous:
                line += count("\n", previous, offset)
                previous = offset
            out[n] = (line, offset - rfind("\n", 0, offset))
        return out  # type: ignore[return-value]

    def claim_lines(self, indexes: Sequence[int]) -> list[int] | None:
        """The line of each claim of ``indexes`` (claim numbers in the file, in order), as
        ``locate_claims([(i, (), False) for i in indexes])`` gives it, from the claims' starts
        in one count of line breaks; None when that count is not the way (no claim starts,
        a full index, carriage returns, an index out of range or out of order): the caller
        then asks :meth:`locate_claims`. Every assessment has its claim's line."""
        if self._index is not None:
            return None
        starts = self._claim_starts if self._claim_starts_done else self._claims()
        if starts is None:
            return None
        text = self.text
        if self._returns is None:
            self._returns = "\r" in text
        if self._returns or isinstance(self.lines, LineIndex):
            return None
        total, count = len(starts), text.count
        out: list[int] = []
        line, previous = 1, 0
        for index in indexes:
            if type(index) is not int or not 0 <= index < total:
                return None
            offset = starts[index]
            if offset < previous:
                return None
            if offset != previous:
                line += count("\n", previous, offset)
                previous = offset
            out.append(line)
        return out

    def _tables_for(self, requests: Sequence[tuple[int, Sequence[PathItem], bool]]) -> None:
        """Choose, for each key name ``requests`` will search (a claim's field, a field of
        its flat records), between a table of all its keys and a search inside each claim:
        a table costs a scan of the whole text and an entry per key of the file (about a
        millisecond per megabyte), a bounded search about a microsecond. Names asked of
        fewer claims than one per thousand characters of text are searched claim by claim
        (:attr:`_bounded`, for this batch); the others' tables are built in one scan."""
        if self._index is not None or self._shape is None:
            return
        wanted: dict[str, int] = {}
        for _index, fields, _key in requests:
            if fields and type(name := fields[0]) is str:
                wanted[name] = wanted.get(name, 0) + 1
                if len(fields) == 2 and name in FLAT_RECORDS and type(fields[1]) is str:
                    wanted[fields[1]] = wanted.get(fields[1], 0) + 1
        keys, dense = self._keys, len(self.text) // TABLE_CHARS_PER_KEY
        self._bounded = frozenset(n for n, count in wanted.items() if count < dense)
        names = [n for n, count in wanted.items() if n not in keys and count >= dense]
        if len(names) < 2:
            return  # one name: its own table, when it is asked for
        tables = {name: (array("q"), array("q")) for name in names}
        # In valid JSON the matches of ``"name":`` for different names cannot overlap (each
        # starts at a quote and its name is followed by a quote), so one scan for any of the
        # names finds, for each, the matches of its own pattern.
        for m in _keys_pattern(tuple(names)).finditer(self.text):
            key_starts, value_starts = tables[m.group(1)]
            key_starts.append(m.start())
            value_starts.append(m.end())
        keys.update(tables)

    def _claim_field_offset(self, index: int, fields: Sequence[PathItem], key: bool) -> int | None:
        """The offset :meth:`locate_claim` gives the position of by its short way, or None
        when it takes the general walk."""
        starts = self._claim_starts if self._claim_starts_done else self._claims()
        if (
            starts is not None
            and self._index is None
            and type(index) is int
            and 0 <= index < len(starts)
        ):
            if not fields:
                if not key:
                    return starts[index]
            elif type(name := fields[0]) is str and name in self._shape.keys[index][0]:  # type: ignore[union-attr]
                end = starts[index + 1] if index + 1 < len(starts) else len(self.text)
                found = self._first_key(name, starts[index], end)
                if found is not None:
                    if len(fields) == 1:
                        return found[0] if key else found[1]
                    return self._inside(index, fields, found[1], end, key)
        return None

    def _first_key(self, name: str, start: int, end: int) -> tuple[int, int] | None:
        """(key, value) offsets of the first ``"name":`` after ``start`` and before ``end``.

        A search of the text between the two for the first few requests of a name; then one
        search of the whole text for all its keys, and a bisection per request (the same
        match: in valid JSON two such keys cannot overlap).
        """
        table = self._keys.get(name)
        if table is None:
            asked = self._asked[name] = self._asked.get(name, 0) + 1
            if asked <= KEY_SEARCHES_BEFORE_TABLE or name in self._bounded:
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
                record = self._shape.record_keys(index, fields[0])  # type: ignore[union-attr]
                if record is not None and item in record:
                    found = self._first_key(item, value, end)
                    if found is not None:
                        return found[1]
        return self._offset_from(value, rest, key)

    def _plain_keys(self) -> bool:
        if self._plain is None:
            self._plain = "\\u" not in self.text
        return self._plain

    def _position(self, offset: int) -> Position:
        """``self.lines.position(offset)``."""
        lines = self._lines if self._lines is not None else self.lines
        return lines.position(offset)

    def offset(self, path: Sequence[PathItem], *, key: bool = False) -> int | None:
        """Character offset of the value at ``path`` (of its key when ``key`` and the last item
        is an object key), or of the nearest enclosing value; None for an empty text."""
        text = self.text
        pos = _JSON_SPACE.match(text).end()  # type: ignore[union-attr]
        if pos >= len(text) or (key and not path):
            return None
        if self._shape is not None and len(path) >= 2 and path[0] == "claims":
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
        if type(name) is not str or name not in self._shape.keys[index][0]:  # type: ignore[union-attr]
            return None
        end = starts[index + 1] if index + 1 < len(starts) else len(self.text)
        # the first "name": after the claim's "{" and before the next claim's
        found = self._first_key(name, starts[index], end)
        if found is None:
            return None
        if len(path) == 3:
            return found[0] if key else found[1]
        return self._offset_from(found[1], path[3:], key)

    def _key_table(self, name: str) -> tuple[array[int], array[int]]:
        """Offsets of every ``"name":`` key written without escapes, and of its value."""
        table = self._keys.get(name)
        if table is None:
            # machine integers: a table per key name of 100,000 claims took 7 MB as lists
            keys, values = array("q"), array("q")
            for m in _key_pattern(name).finditer(self.text):
                keys.append(m.start())
                values.append(m.end())
            table = self._keys[name] = (keys, values)
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
        shape = self._shape
        if shape is None or not shape.keys or not shape.ids_first:
            return None
        count = len(shape.keys)
        text = self.text
        ids = [m.start() for m in _key_pattern("id").finditer(text)]
        if len(ids) != count + shape.document_id:
            return None
        array = self._offset_from(_JSON_SPACE.match(text).end(), ("claims",), False)  # type: ignore[union-attr]
        if not text.startswith("[", array):
            return None
        after = [p for p in ids if p > array][:count]
        if len(after) != count:
            return None
        starts = []
        for p in after:
            brace = text.rfind("{", array, p)
            if brace < 0 or text[brace + 1 : p].strip(" \t\n\r"):
                return None
            starts.append(brace)
        self._claim_starts = starts
        lines = self.lines
        if not isinstance(lines, LineIndex):  # counted as asked: mark the claims' starts
            lines.mark(starts)
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
TABLE_CHARS_PER_KEY = 1000
"""A batch of requests (:meth:`JsonLocator.locate_claims`) indexes a key name's keys when it
asks for it once per this many characters of text or more, else searches each claim."""
"""Requests of one key name answered by a bounded search before all its keys are indexed."""
FLAT_RECORDS = frozenset({"anchor", "evidence", "review"})
"""Claim fields whose value is a record of scalars and lists of strings only (tested against
the models): no key inside them belongs to a deeper record."""
_RECORD_ORDER = ("anchor", "evidence", "review")
"""The names of :data:`FLAT_RECORDS` in one order."""


@lru_cache(maxsize=64)
def _key_pattern(name: str) -> re.Pattern[str]:
    """``"name":`` as a key written without escapes, and the blanks after it."""
    return re.compile('"' + re.escape(name) + r'"[ \t\n\r]*:[ \t\n\r]*')


@lru_cache(maxsize=16)
def _keys_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """``"name":`` for any of ``names`` (the name in group 1), as :func:`_key_pattern`."""
    return re.compile('"(' + "|".join(map(re.escape, names)) + r')"[ \t\n\r]*:[ \t\n\r]*')


class _ClaimKeys:
    """The keys of a parsed claim file's claims, all the key search needs of the value.

    ``keys[i]`` is ``(claim keys, keys of each flat record)`` for claim ``i``; claims written
    alike share one such tuple, so this costs a pointer per claim where the value cost about
    1.5 kB.
    """

    __slots__ = ("document_id", "ids_first", "keys")

    def __init__(
        self,
        keys: list[tuple[frozenset[str], dict[str, frozenset[str]]]],
        ids_first: bool,
        document_id: bool,
    ) -> None:
        self.keys, self.ids_first, self.document_id = keys, ids_first, document_id

    @classmethod
    def of(cls, data: Any) -> _ClaimKeys | None:
        """The keys of ``data``'s claims; None unless it holds a list of claims (each a
        mapping) and a document mapping."""
        claims = data.get("claims") if type(data) is dict else None
        document = data.get("document") if type(data) is dict else None
        if type(claims) is not list or type(document) is not dict:
            return None
        if not all(type(c) is dict for c in claims):
            return None
        one: Any = {}.setdefault
        # claims written alike have the same keys in the same order: the sets are built once
        # per order seen, not once per claim
        by_order: dict[tuple, tuple[frozenset[str], dict[str, frozenset[str]]]] = {}
        keys = []
        anchor, evidence, review = _RECORD_ORDER
        for claim in claims:
            # the flat records' key orders, written out (a generator here cost about a
            # microsecond a claim)
            order = (
                tuple(claim),
                tuple(a) if type(a := claim.get(anchor)) is dict else None,
                tuple(e) if type(e := claim.get(evidence)) is dict else None,
                tuple(r) if type(r := claim.get(review)) is dict else None,
            )
            found = by_order.get(order)
            if found is None:
                records = {
                    name: frozenset(value)
                    for name in FLAT_RECORDS
                    if type(value := claim.get(name)) is dict
                }
                shape = (frozenset(claim), records)
                found = by_order[order] = one(_shape_key(shape), shape)
            keys.append(found)
        ids_first = all(c and next(iter(c)) == "id" for c in claims)
        return cls(keys, ids_first, "id" in document)

    def record_keys(self, index: int, name: str) -> frozenset[str] | None:
        """The keys of claim ``index``'s record ``name``; None when it is not a record."""
        return self.keys[index][1].get(name)


def _shape_key(shape: tuple[frozenset[str], dict[str, frozenset[str]]]) -> Any:
    return shape[0], tuple(sorted(shape[1].items()))


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
