"""One large JSON claim file read a part at a time: its claims in chunks of about a megabyte.

Reading a claim file whole holds its text, its parsed value and the models of all its claims
at once (about 7.6 kB per claim). :class:`JsonStream` instead reads the bytes in order, cuts
the ``claims`` array between two items, and gives each chunk's items parsed by jiter with the
fast path's options (duplicate keys and ``NaN`` refused, non-integers as ``LosslessFloat``),
the chunk's text for locating findings (:class:`ChunkLocator`, which gives the positions the
whole file's locator gives) and where each item starts, so that a claim can be read again
alone (:meth:`JsonStream.read_item`). A second reading (:meth:`JsonStream.chunks_again`, or
:meth:`JsonStream.chunk_again` for one chunk, in any process) reads the same chunks again by
their byte ranges.

Only a file this reader can follow without doubt is streamed: anything else (a byte order
mark, a carriage return outside CRLF, a syntax error or truncation, a duplicate key, a
header that does not validate, limits that the fast path would not prove) raises
:class:`NotStreamable`, and
the caller reads the file whole, with the exact reader's findings. A cut is sound when the
text ``[`` + chunk + ``]`` parses: the chunk starts at an item of the claims array and holds
only complete values, so the array goes on after it.
"""

from __future__ import annotations

import hashlib
import re
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from .json_locate import JsonLocator
from .limits import Limits
from .locate import LineIndex, PathItem, Position

CHUNK_BYTES = 1 << 20
"""Bytes read at a time, about 1,400 claims of the synthetic corpus."""
MAX_BUFFER = 64 << 20
"""The most a single item, or the header, may take: beyond it the file is read whole."""
MODEL_DEPTH = 6
BOUNDED_STRING_MAX = 2000
_BIG = 2**63
PREFIX = '{"document":{},"claims":['
_PREFIX_BYTES = PREFIX.encode()
_SUFFIX_BYTES = b"]}"
_CLAIMS_KEY = re.compile(rb'"claims"[ \t\n\r]*:[ \t\n\r]*\[')
_SPACE = b" \t\n\r"
_TRIES = 6
"""Cuts tried in one chunk before the file is read whole instead."""


class NotStreamable(Exception):
    """The file is not one this reader follows without doubt: read it whole."""


@dataclass(slots=True)
class Chunk:
    """A run of consecutive items of the claims array, as found by the first reading."""

    first: int  # index in the array of its first item
    count: int
    byte_start: int  # of its first item's "{"
    byte_end: int  # just past its last item's "}"
    line: int  # position of byte_start in the file
    column: int


def _jiter(raw: bytes) -> Any:
    import jiter

    return jiter.from_json(
        raw, allow_inf_nan=False, catch_duplicate_keys=True, float_mode="lossless-float"
    )


def _no_lone_cr(text: str) -> None:
    """A carriage return outside a CRLF pair ends a line for the locator (as in old Mac
    files), which the line count here does not follow: such a file is read whole."""
    if "\r" in text and text.count("\r") != text.count("\r\n"):
        raise NotStreamable("a carriage return outside CRLF")


def _advance(line: int, column: int, text: str) -> tuple[int, int]:
    """The position just after ``text`` when it starts at (line, column); lines end at LF
    (CRLF counts once: the CR is the end of the line before)."""
    _no_lone_cr(text)
    breaks = text.count("\n")
    if not breaks:
        return line, column + len(text)
    return line + breaks, len(text) - text.rfind("\n")


class _Source:
    """The file read in order a block at a time, its digest and a count of its values (an
    upper bound, for max-nodes) kept as it goes."""

    def __init__(self, handle: BinaryIO, block: int) -> None:
        self.handle, self.block = handle, block
        self.digest = hashlib.sha256()
        self.nodes = 1
        self.eof = False

    def more(self) -> bytes:
        """The next block (empty at the end of the file)."""
        data = self.handle.read(self.block)
        self.digest.update(data)
        self.nodes += data.count(b",") + data.count(b"[") + data.count(b"{")
        self.eof = not data
        return data


@dataclass(slots=True)
class _Cursor:
    """Where the first reading is: a byte offset in the file, and its line and column."""

    pos: int
    line: int
    column: int

    def over(self, text: str, size: int) -> None:
        """Move past ``text``, ``size`` bytes long."""
        self.line, self.column = _advance(self.line, self.column, text)
        self.pos += size

    def place(self) -> tuple[int, int]:
        return self.line, self.column


def _first_item(source: _Source, buf: bytes, cursor: _Cursor) -> bytes:
    """What follows the claims array's ``[`` from its first item's ``{`` (an empty array is
    not streamed)."""
    while True:
        skip = len(buf) - len(buf.lstrip(_SPACE))
        if skip < len(buf) or source.eof:
            break
        buf += source.more()
    if buf[skip : skip + 1] != b"{":
        raise NotStreamable("the claims array holds no object first")
    cursor.over(buf[:skip].decode("ascii"), skip)
    return buf[skip:]


def _next_cut(
    source: _Source, buf: bytes, parse: bool = True
) -> tuple[bytes, tuple[int, Any, bytes]]:
    """The first sound cut in ``buf`` (see :func:`_cut`), reading more until there is one;
    with ``buf`` as it then is. Without ``parse``, the first cut :func:`_cut` would try."""
    while True:
        cut = None if not buf else _cut(buf, source.eof, parse)
        if cut is not None:
            return buf, cut
        if source.eof or len(buf) > MAX_BUFFER:
            raise NotStreamable("no sound cut: truncated or malformed")
        buf += source.more()


def _read_tail(source: _Source, tail: bytes) -> bytes:
    """``tail`` and the rest of the file after it (what follows the claims array)."""
    while True:
        data = source.more()
        if not data:
            return tail
        tail += data
        if len(tail) > MAX_BUFFER:
            raise NotStreamable("tail too large")


@dataclass
class JsonStream:
    """A JSON claim file read in chunks (see the module's docstring)."""

    path: Path
    limits: Limits
    chunk_bytes: int = CHUNK_BYTES
    head: str = ""
    tail: str = ""
    tail_line: int = 1
    tail_column: int = 1
    header: dict[str, Any] = field(default_factory=dict)
    chunks: list[Chunk] = field(default_factory=list)
    item_starts: array[int] = field(default_factory=lambda: array("q"))
    item_ends: array[int] = field(default_factory=lambda: array("q"))
    sha256: str | None = None
    count: int = 0
    header_locator: HeaderLocator | None = None
    cr_escape: bool = False  # a "\\r" somewhere in the text: a string may hold a CR

    def chunks_first(self) -> Iterator[tuple[Chunk, list[Any], ChunkLocator]]:
        """Read the file in order: each chunk with its items and a locator; the header, the
        tail, the digest and the item offsets are known once this is exhausted."""
        for chunk, text, value in self._read(parse=True):
            items = value["claims"]
            locator = ChunkLocator(text, chunk, items)
            self.record(chunk, *item_offsets(chunk, text, locator))
            yield chunk, items, locator

    def scan(self) -> Iterator[Chunk]:
        """Read the file in order without parsing its items: each chunk's byte range and
        place, cut where :meth:`chunks_first` would first try (``first`` and ``count`` are
        -1: the parse of :func:`read_chunk` tells them, and tells whether the cut is sound).
        The header, the tail and the digest are known once this is exhausted; the chunks and
        the item offsets are for the caller to record (:meth:`record`)."""
        for chunk, _text, _value in self._read(parse=False):
            yield chunk

    def record(self, chunk: Chunk, starts: array[int], ends: array[int]) -> None:
        """A chunk read (by :meth:`chunks_first`, or found by :meth:`scan` with its ``first``
        and ``count`` set since) and the byte offsets of its items, added in the file's order."""
        self.chunks.append(chunk)
        self.item_starts.extend(starts)
        self.item_ends.extend(ends)
        self.count = chunk.first + chunk.count

    def reset(self) -> None:
        """Forget a reading, to read the file again from its start."""
        self.chunks, self.item_starts, self.item_ends = [], array("q"), array("q")
        self.count, self.sha256, self.cr_escape = 0, None, False

    def _read(self, parse: bool) -> Iterator[tuple[Chunk, str, Any]]:
        """The chunks in order, each with its text and (with ``parse``) its parsed value."""
        limits = self.limits
        if limits.max_depth < MODEL_DEPTH or limits.max_string_length < BOUNDED_STRING_MAX:
            raise NotStreamable("limits below what the fast path proves")
        with open(self.path, "rb") as handle:
            source = _Source(handle, self.chunk_bytes)
            buf, cursor = self._head(source)
            rest: bytes | None = _first_item(source, buf, cursor)
            first = 0
            while rest is not None:
                buf, (end, value, wrapped) = _next_cut(source, rest, parse)
                if parse:
                    at, count = first, len(value["claims"])
                    first += count
                    text = self._chunk_text(wrapped)
                    body = text[len(PREFIX) : -len(_SUFFIX_BYTES)]
                else:
                    at = count = -1
                    text = body = self._chunk_text(buf[:end])
                chunk = Chunk(at, count, cursor.pos, cursor.pos + end, *cursor.place())
                yield chunk, text, value
                cursor.over(body, end)
                rest = self._after_item(source, buf[end:], cursor)
        self.sha256 = source.digest.hexdigest()
        if source.nodes > limits.max_nodes:
            raise NotStreamable("more values than max-nodes")

    def _head(self, source: _Source) -> tuple[bytes, _Cursor]:
        """Read up to the ``[`` of the claims array, which must be the top object's: what
        follows it, and where that is."""
        buf = source.more()
        if buf.startswith(b"\xef\xbb\xbf"):
            raise NotStreamable("byte order mark")
        found = _CLAIMS_KEY.search(buf)
        while found is None and len(buf) < MAX_BUFFER:
            data = source.more()
            if not data:
                break
            buf += data
            found = _CLAIMS_KEY.search(buf)
        if found is None:
            raise NotStreamable("no claims array found")
        head_bytes = buf[: found.end()]
        try:
            probe = _jiter(head_bytes + _SUFFIX_BYTES)
            self.head = head_bytes.decode("utf-8")
        except ValueError as exc:  # UnicodeDecodeError is one
            raise NotStreamable("the claims key is not at the top") from exc
        if type(probe) is not dict or probe.get("claims") != []:
            raise NotStreamable("the claims key is not at the top")
        line, column = _advance(1, 1, self.head)
        return buf[found.end() :], _Cursor(found.end(), line, column)

    def _chunk_text(self, wrapped: bytes) -> str:
        """A chunk's text (wrapped as one JSON value), checked for what this reader follows."""
        try:
            text = wrapped.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise NotStreamable("not UTF-8") from exc
        _no_lone_cr(text)
        self.cr_escape = self.cr_escape or "\\r" in text
        return text

    def _after_item(self, source: _Source, rest: bytes, cursor: _Cursor) -> bytes | None:
        """Past the separator after an item: the next item (from its ``{``), or None at the
        end of the claims array, once the rest of the file is read as the header's tail."""
        while not source.eof and not _separated(rest):
            rest += source.more()
        stripped = rest.lstrip(_SPACE)
        if stripped.startswith(b"]"):
            sep = len(rest) - len(stripped)
            cursor.over(rest[: sep + 1].decode("ascii"), sep + 1)
            self._finish(_read_tail(source, stripped[1:]), *cursor.place())
            return None
        if not stripped.startswith(b","):
            raise NotStreamable("no separator after an item")
        nxt = stripped[1:].lstrip(_SPACE)
        if not nxt.startswith(b"{"):
            raise NotStreamable("an item that is not an object")
        gap = len(rest) - len(nxt)
        cursor.over(rest[:gap].decode("ascii"), gap)
        return nxt

    def _finish(self, tail_bytes: bytes, line: int, column: int) -> None:
        """The header as one value (head, an empty claims array, tail), checked."""
        try:
            self.tail = tail_bytes.decode("utf-8")
            header = _jiter(self.head.encode("utf-8") + b"]" + tail_bytes)
        except ValueError as exc:
            raise NotStreamable("the header does not parse") from exc
        _no_lone_cr(self.tail)
        if type(header) is not dict:
            raise NotStreamable("the header is not an object")
        self.header = header
        self.cr_escape = self.cr_escape or "\\r" in self.head or "\\r" in self.tail
        self.tail_line, self.tail_column = line, column
        self.header_locator = HeaderLocator(self.head, self.tail, line, column)

    def chunks_again(self) -> Iterator[tuple[Chunk, list[Any], ChunkLocator]]:
        """The chunks of the first reading, read again by their byte ranges."""
        with open(self.path, "rb") as handle:
            for chunk in self.chunks:
                yield self.chunk_again(chunk, handle)

    def chunk_again(self, chunk: Chunk, handle: Any) -> tuple[Chunk, list[Any], ChunkLocator]:
        """One chunk of the first reading read again by its byte range (``handle``: the file
        opened in binary), so that any process may read any chunk alone."""
        items, locator = read_chunk(chunk, handle)
        if len(items) != chunk.count:
            raise NotStreamable("the file changed while it was read")
        return chunk, items, locator

    def read_item(self, index: int, handle: Any, *, standard: bool = False) -> Any:
        """The parsed value of item ``index`` alone (``handle``: the file opened in binary);
        ``standard``: parsed by the standard library, as the exact reader parses it."""
        handle.seek(self.item_starts[index])
        raw = handle.read(self.item_ends[index] - self.item_starts[index]).rstrip(_SPACE + b",")
        if standard:
            import json

            return json.loads(raw)
        return _jiter(raw)

    def claims_position(self) -> Position:
        assert self.header_locator is not None
        return self.header_locator.locate(("claims",))


def read_chunk(chunk: Chunk, handle: Any) -> tuple[list[Any], ChunkLocator]:
    """The items of ``chunk`` parsed from its byte range (``handle``: the file opened in
    binary), with its locator. Raises :class:`NotStreamable` when the range is not a run of
    complete values (a cut :meth:`JsonStream.scan` chose that a parse refuses, or a file
    changed while it was read)."""
    handle.seek(chunk.byte_start)
    body = handle.read(chunk.byte_end - chunk.byte_start)
    wrapped = _PREFIX_BYTES + body + _SUFFIX_BYTES
    try:
        items = _jiter(wrapped)["claims"]
        text = wrapped.decode("utf-8")
    except ValueError as exc:
        raise NotStreamable("the chunk does not parse") from exc
    return items, ChunkLocator(text, chunk, items)


def item_offsets(chunk: Chunk, text: str, locator: ChunkLocator) -> tuple[array[int], array[int]]:
    """Byte offsets in the file where each item of ``chunk`` starts and ends, to read one
    alone again (``text``: the chunk's text as the locator reads it)."""
    inner = locator.keyed()  # item starts from one search for "id" keys, when sound
    count = len(locator.items)
    body = len(PREFIX)
    starts = [inner.offset(("claims", k)) for k in range(count)]
    ascii_only = text.isascii()
    byte_starts: array[int] = array("q")
    last_char, last_byte = body, chunk.byte_start
    for start in starts:
        assert start is not None
        if ascii_only:
            byte = chunk.byte_start + start - body
        else:
            byte = last_byte + len(text[last_char:start].encode("utf-8"))
            last_char, last_byte = start, byte
        byte_starts.append(byte)
    ends = byte_starts[1:]  # separators are stripped when read
    ends.append(chunk.byte_end)
    return byte_starts, ends


def _separated(rest: bytes) -> bool:
    """Whether ``rest`` (what follows an item) holds the closing ``]``, or the ``,`` and the
    first byte of the next item."""
    stripped = rest.lstrip(_SPACE)
    if stripped.startswith(b"]"):
        return True
    return stripped.startswith(b",") and bool(stripped[1:].lstrip(_SPACE))


def _cut(buf: bytes, eof: bool, parse: bool = True) -> tuple[int, Any, bytes] | None:
    """(end, value, wrapped bytes) of the longest sound run of items at the start of ``buf``.

    Candidates are the ``}`` followed by blanks and ``,`` or ``]``, latest first; those after
    which braces and brackets balance (counted in C, strings included: a string holding a
    brace only costs a parse) are tried first. Without ``parse``, the first of those is
    given as (end, None, b"") unparsed, its soundness for whoever parses it to tell (the
    others are tried as with ``parse``: a cut in the last item, where the parse soon fails)."""
    tried = 0
    balanced: list[int] = []
    others: list[int] = []
    opens = buf.count(b"{") - buf.count(b"}")
    squares = buf.count(b"[") - buf.count(b"]")
    scan_end = len(buf)
    k = buf.rfind(b"}")
    while k >= 0 and len(balanced) < _TRIES and len(others) < 4 * _TRIES:
        tail = buf[k + 1 : scan_end]
        opens += tail.count(b"}") - tail.count(b"{")
        squares += tail.count(b"]") - tail.count(b"[")
        scan_end = k + 1
        j = k + 1
        while j < len(buf) and buf[j] in _SPACE:
            j += 1
        if j < len(buf) and buf[j] in b",]":
            (balanced if opens == 0 and squares == 0 else others).append(k + 1)
        k = buf.rfind(b"}", 0, k)
    if balanced and not parse:
        return balanced[0], None, b""
    for end in [*balanced, *others[:2]]:
        if tried >= _TRIES:
            break
        tried += 1
        wrapped = _PREFIX_BYTES + buf[:end] + _SUFFIX_BYTES
        try:
            value = _jiter(wrapped)
        except ValueError:
            continue
        return end, value, wrapped
    return None


class HeaderLocator:
    """Positions of the header's values (``document``, ``$schema``, the claims array itself),
    found in the head and tail of the file joined around an empty array."""

    def __init__(self, head: str, tail: str, tail_line: int, tail_column: int) -> None:
        self.head = head
        self.skeleton = JsonLocator(head + "]" + tail)
        self.tail_lines: LineIndex | None = None
        self.tail = tail
        self.tail_line, self.tail_column = tail_line, tail_column

    def locate(self, path: Sequence[PathItem], *, key: bool = False) -> Position:
        offset = self.skeleton.offset(path, key=key)
        if offset is None:
            return 1, 1
        if offset <= len(self.head):
            return self.skeleton.lines.position(offset)
        if self.tail_lines is None:
            self.tail_lines = LineIndex(self.tail)
        line, column = self.tail_lines.position(offset - len(self.head) - 1)
        if line == 1:
            return self.tail_line, self.tail_column + column - 1
        return self.tail_line + line - 1, column


class ChunkLocator:
    """Positions in the file of the items of one chunk, by their index in the whole array.

    The chunk is located as the claim file ``{"document":{},"claims":[<chunk>]}`` (so that the
    key search of :class:`~evidence_claims.io.json_locate.JsonLocator` applies when every item
    is a valid claim) and the position moved to where the chunk is in the file; paths outside
    the chunk go to ``header``.
    """

    def __init__(self, text: str, chunk: Chunk, items: list[Any]) -> None:
        self.text = text
        self.chunk = chunk
        self.items = items
        self.inner = JsonLocator(text)
        self.header: HeaderLocator | None = None
        self._keyed: JsonLocator | None = None

    def keyed(self) -> JsonLocator:
        """A locator that finds the items by key search: their starts are sound whatever the
        items hold (it checks that each item's first key is ``id`` and that no other ``"id":``
        key is in the text, else it walks), their fields only when every item is a valid
        claim (see :meth:`use_claim_keys`)."""
        if self._keyed is None:
            self._keyed = JsonLocator(self.text, claim_file={"document": {}, "claims": self.items})
        return self._keyed

    def use_claim_keys(self) -> None:
        """Every item is a valid claim: find fields by key search, as for a valid file."""
        self.inner = self.keyed()

    def locate(self, path: Sequence[PathItem], *, key: bool = False) -> Position:
        chunk = self.chunk
        if len(path) >= 2 and path[0] == "claims" and type(path[1]) is int:
            local = path[1] - chunk.first
            if 0 <= local < chunk.count:
                line, column = self.inner.locate_claim(local, path[2:], key=key)
                if line == 1:
                    return chunk.line, chunk.column + column - 1 - len(PREFIX)
                return chunk.line + line - 1, column
        assert self.header is not None
        return self.header.locate(path, key=key)

    def item_value(self, index: int) -> Any:
        """Item ``index`` (of the whole array) parsed by the standard library, as the exact
        reader parses it (floats as floats)."""
        import json

        local = index - self.chunk.first
        start = self.inner.offset(("claims", local))
        assert start is not None
        return json.JSONDecoder().raw_decode(self.text, start)[0]


def claim_limits_ok(claim: Any, limits: Limits) -> bool:
    """What the fast path checks of a valid claim beyond the models: the unbounded text within
    ``max-string-length``, offsets below 2**63."""
    anchor = claim.anchor
    if len(claim.text) > limits.max_string_length or anchor.start >= _BIG or anchor.end >= _BIG:
        return False
    for cue in (*claim.hedges, *claim.boosters):
        if cue.start >= _BIG or cue.end >= _BIG:
            return False
    return True
