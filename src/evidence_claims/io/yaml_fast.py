"""Read a YAML claim file into plain data with positions, through LibYAML's event parser.

Over 400 lines because the reader is one event loop (:meth:`_Reader.run`) with the state it
carries (open containers, pending keys, anchors, counts): cut into pieces, each piece would
need that state passed in and out on every event. Scalar resolution is in :mod:`.yaml_scalars`.

ruamel.yaml's round-trip loader keeps comments and quoting for saving, but reads about
0.1 MB/s in pure Python. Reading for validation needs neither: this module drives PyYAML's C
bindings to LibYAML (``yaml._yaml.CParser``) event by event and builds plain
dict/list/str/int/float/bool/None values itself, in one loop without recursion, recording the
line and column of every key and item as it goes. Doing the building here, rather than in
PyYAML's composer and constructor, is what keeps every guarantee of the guarded ruamel loader:

* depth is checked as each mapping or sequence starts, so nesting never reaches a recursive
  function (LibYAML's own scanner also stops flow nesting at 1,000 levels);
* aliases are counted and the size each one stands for is added up from its anchor's recorded
  size, so an alias bomb is refused without expanding anything; an alias inside the node it
  names (a cycle) is refused; a node reached twice is built once and shared;
* explicit tags (``!!python/object``, ``!custom``, ``!!binary``, even ``!!str``) and merge keys
  (``<<``) are refused; every duplicate key is reported;
* scalars resolve as ruamel.yaml resolves them for YAML 1.2 (``no`` stays a string, ``0o17``
  is octal, ``017`` decimal), the default of the round-trip loader, so validation reads a file
  as a save writes it; a ``%YAML 1.1`` document resolves with the 1.1 rules, as there;
* timestamps become their ISO 8601 strings; a date that names no real day (``2024-13-45``),
  an integer whose decimal form has more digits than ``int()`` and ``str()`` accept (in any
  base), and a string longer than the limit are located problems, never exceptions;
* a ``%YAML 1.x`` directive with x > 2 is read as 1.2, as the YAML 1.2 specification asks of a
  processor that meets a higher minor version (LibYAML refuses it).

Problems that make further reading pointless (depth, aliases, size, syntax) stop at once; the
others are collected, so one run reports them all.
"""

from __future__ import annotations

import contextlib
import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .yaml_scalars import STRING, Refused, resolve

_TAG = "tag:yaml.org,2002:"


@dataclass(frozen=True, slots=True)
class Problem:
    """One refused construct: a rule code, a 1-based position and the message parameters."""

    code: str
    line: int
    column: int
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class YamlRead:
    """What reading produced: the data (None when refused) and its positions."""

    data: Any
    positions: Positions
    problems: list[Problem]


# --- positions ----------------------------------------------------------------------------


class Positions:
    """Locates a path of the data read: ``("claims", 3, "anchor")`` -> 1-based (line, column).

    Each mapping keeps four numbers per key (key line, key column, value line, value column)
    and each sequence two per item, in arrays of C ints keyed by the container's ``id``: a
    tenth of what a tuple per node costs. The containers are the data's own, kept alive by
    ``root``.
    """

    __slots__ = ("root", "start", "table")

    def __init__(self, root: Any = None, start: tuple[int, int] = (1, 1)) -> None:
        self.root = root
        self.start = start
        self.table: dict[int, array] = {}

    def locate(self, path: Sequence[Any], *, key: bool = False) -> tuple[int, int]:
        node, best = self.root, self.start
        last = len(path) - 1
        for depth, item in enumerate(path):
            marks = self.table.get(id(node))
            if marks is None:
                return best
            if isinstance(node, dict):
                if item not in node:
                    return best
                index = _key_index(node, item)
                at = 4 * index + (0 if key and depth == last else 2)
            elif isinstance(node, list) and isinstance(item, int) and 0 <= item < len(node):
                at = 2 * item
            else:
                return best
            best = (marks[at], marks[at + 1])
            node = node[item]
        return best


def _key_index(mapping: dict[str, Any], key: str) -> int:
    for index, name in enumerate(mapping):
        if name == key:
            return index
    raise KeyError(key)  # pragma: no cover - the caller checked membership


def _shown_tag(tag: str) -> str:
    return "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag


# --- the reader ---------------------------------------------------------------------------


_DIRECTIVE = re.compile(rb"^%YAML[ \t]+1\.([0-9]+)", re.M)


class _Stop(Exception):
    """Reading ends here (the problem is already recorded)."""


_NO_KEY = object()  # a mapping waits for its next key
_SKIP = object()  # the waiting key is a duplicate or unusable: its value is dropped
_PENDING = object()  # an anchor whose node is still being read

# first characters after which a plain scalar may be more than a string (see yaml_scalars.resolve)
_SPECIAL_12 = frozenset("tTfF-+0123456789.<~nN=")
_SPECIAL_11 = _SPECIAL_12 | frozenset("yYoO")
_COMPLEX_KEY = "a mapping or list used as a key; keys are plain words"


def read_yaml(source: str | bytes, limits: Any) -> YamlRead:
    """Read YAML text or UTF-8 bytes (one document) within ``limits``; never raises on bad
    input."""
    if isinstance(source, str):
        source = source.encode("utf-8", "surrogatepass")  # LibYAML reads UTF-8 bytes
    source = _DIRECTIVE.sub(_read_as_12, source)
    return _read(source, limits, _parser)


def _read(source: bytes, limits: Any, parser: Any) -> YamlRead:
    from yaml.error import MarkedYAMLError, YAMLError

    reader = _Reader(limits)
    try:
        reader.run(parser(source))
    except _Stop:
        pass
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        if exc.problem == _TOO_DEEP and mark is not None:
            # LibYAML's scanner reads up to 1,024 characters ahead of the events (a flow
            # collection might be a key), so its own limit of 1,000 nested brackets can come
            # before the events reach ``max_depth``: read the text before that bracket again,
            # where the depth limit, checked on the events, stops first
            head = _Reader(limits)
            with contextlib.suppress(_Stop, YAMLError):
                head.run(parser(source[: _byte_offset(source, line, col)]))
            deep = [p for p in head.problems if p.code == "limits.depth"]
            if deep:
                reader.problems.extend(deep)
                return YamlRead(None, reader.positions, reader.problems)
        if exc.problem == _BAD_ESCAPE and parser is _parser and _surrogate(source, line, col):
            # LibYAML refuses a \uD800-\uDFFF escape where it stands; PyYAML's Python parser
            # reads it into a lone surrogate, which the claim-file reader then reports as
            # ``file.lone-surrogate`` with the path of the key or value that holds it
            from yaml import SafeLoader

            with contextlib.suppress(ValueError, OverflowError):  # e.g. \UFFFFFFFF later on
                return _read(source, limits, SafeLoader)
        reason = " ".join(str(exc.problem or exc.context or "malformed YAML").split())
        reader.note("file.syntax", line, col, format="YAML", reason=reason)
    except YAMLError as exc:  # ReaderError: a byte offset into the source
        offset = getattr(exc, "position", 0) or 0
        line, col = _byte_position(source, offset)
        reason = " ".join(str(getattr(exc, "reason", "") or exc).split())[:300]
        reader.note("file.syntax", line, col, format="YAML", reason=reason)
    data = reader.data if not reader.problems else None
    return YamlRead(data, reader.positions, reader.problems)


_BAD_ESCAPE = "found invalid Unicode character escape code"


def _surrogate(source: bytes, line: int, column: int) -> bool:
    """Whether the escape whose digits start at (line, column) names a UTF-16 surrogate."""
    at = _byte_offset(source, line, column)
    width = {b"u": 4, b"U": 8}.get(source[at - 1 : at])
    if width is None:
        return False
    try:
        code = int(source[at : at + width], 16)
    except ValueError:
        return False
    return 0xD800 <= code <= 0xDFFF


def _parser(source: bytes) -> Any:
    """LibYAML's event parser, or PyYAML's pure-Python one where PyYAML was built without it
    (the same events and errors, about 20 times slower)."""
    try:
        from yaml._yaml import CParser
    except ImportError:  # pragma: no cover - every PyYAML wheel bundles LibYAML
        from yaml import SafeLoader as CParser  # type: ignore[assignment]
    return CParser(source)


def _read_as_12(match: re.Match[bytes]) -> bytes:
    minor = match.group(1)
    if int(minor) <= 2:
        return match.group(0)
    return match.group(0)[: match.start(1) - match.start(0)] + b"2" + b" " * (len(minor) - 1)


_TOO_DEEP = "exceeded maximum nesting depth"


def _byte_offset(source: bytes, line: int, column: int) -> int:
    """The byte offset of a 1-based line and column (in characters) of UTF-8 ``source``."""
    start = 0
    for _ in range(line - 1):
        start = source.find(b"\n", start) + 1
        if start == 0:
            return len(source)
    text = source[start : start + 4 * column].decode("utf-8", "ignore")
    return start + len(text[: column - 1].encode("utf-8"))


def _byte_position(source: bytes, offset: int) -> tuple[int, int]:
    offset = min(max(offset, 0), len(source))
    start = source.rfind(b"\n", 0, offset) + 1
    return source.count(b"\n", 0, offset) + 1, len(
        source[start:offset].decode("utf-8", "replace")
    ) + 1


class _Reader:
    """The event loop: one pass, an explicit stack, limits checked before anything is built.

    The loop is the cost of reading (about 1 µs per event in LibYAML, as much again here), so
    the container being filled lives in local variables and only nesting touches the stack.
    """

    def __init__(self, limits: Any) -> None:
        self.max_depth = limits.max_depth
        self.max_nodes = limits.max_nodes
        self.max_aliases = limits.max_aliases
        self.max_string = limits.max_string_length
        self.problems: list[Problem] = []
        self.positions = Positions()
        self.data: Any = None
        self.nodes = 0
        self.aliases = 0
        self.anchors: dict[str, Any] = {}  # name -> (value, expanded size) or _PENDING

    def note(self, code: str, line: int, col: int, **params: Any) -> None:
        self.problems.append(Problem(code, line, col, params))

    def stop(self, code: str, line: int, col: int, **params: Any) -> None:
        self.note(code, line, col, **params)
        raise _Stop

    def too_many(self, line: int, col: int) -> None:
        self.stop(
            "limits.size",
            line,
            col,
            what="the claim file",
            problem=f"expands to more than {self.max_nodes:,} values (aliases included)",
        )

    def run(self, parser: Any) -> None:
        from yaml.events import (
            AliasEvent,
            DocumentStartEvent,
            MappingEndEvent,
            MappingStartEvent,
            ScalarEvent,
            SequenceEndEvent,
            SequenceStartEvent,
        )

        get_event = parser.get_event
        table = self.positions.table
        anchors = self.anchors
        note = self.note
        max_string, max_depth, max_nodes = self.max_string, self.max_depth, self.max_nodes
        version, special = (1, 2), _SPECIAL_12
        # the container being filled: (container, its marks, is a list, waiting key,
        # anchor, node count at its start, is a key itself, line, column) on the stack
        stack: list[tuple[Any, ...]] = []
        container: Any = None
        marks: array = array("i")
        is_list = False
        key: Any = _NO_KEY
        nodes = 0
        documents = 0
        try:
            while True:
                event = get_event()
                if event is None:
                    return
                kind = type(event)
                if kind is ScalarEvent or kind is AliasEvent:
                    mark = event.start_mark
                    line, col = mark.line + 1, mark.column + 1
                    if len(stack) >= max_depth:
                        self.stop("limits.depth", line, col, limit=max_depth)
                    if kind is ScalarEvent:
                        nodes += 1
                        if nodes > max_nodes:
                            self.too_many(line, col)
                        value = text = event.value
                        if len(text) > max_string:
                            note(
                                "limits.string-length",
                                line,
                                col,
                                length=len(text),
                                limit=max_string,
                            )
                        tag = event.tag
                        if tag is None:
                            if event.implicit[0] and (not text or text[0] in special):
                                try:
                                    value = resolve(text, version)
                                except Refused as refused:
                                    code, params = refused.code, refused.params
                                    if code == "file.yaml-merge-key" and (
                                        is_list or key is not _NO_KEY
                                    ):
                                        code, params = "file.yaml-tag", {"tag": "!!merge"}
                                    note(code, line, col, **params)
                                    value = None
                                else:
                                    if value is STRING:
                                        value = text
                        else:
                            note("file.yaml-tag", line, col, tag=_shown_tag(tag))
                        if event.anchor is not None:
                            anchors[event.anchor] = (value, 1)
                    else:
                        value = self._alias(event.anchor, line, col)
                        nodes += anchors[event.anchor][1]
                        if nodes > max_nodes:
                            self.too_many(line, col)
                        if (
                            container is not None
                            and not is_list
                            and key is _NO_KEY
                            and isinstance(value, dict | list)
                        ):
                            note("file.syntax", line, col, format="YAML", reason=_COMPLEX_KEY)
                            key = _SKIP
                            marks.append(line)
                            marks.append(col)
                            continue
                    # place the value where the parser is
                    if is_list:
                        container.append(value)
                        marks.append(line)
                        marks.append(col)
                    elif container is None:
                        self._root(value, line, col)
                    elif key is _NO_KEY:
                        name = value if type(value) is str else _key_text(value)
                        if name in container:
                            note("file.duplicate-key", line, col, key=name)
                            key = _SKIP
                        else:
                            key = name
                        marks.append(line)
                        marks.append(col)
                    else:
                        if key is _SKIP:
                            del marks[-2:]
                        else:
                            container[key] = value
                            marks.append(line)
                            marks.append(col)
                        key = _NO_KEY
                elif kind is MappingStartEvent or kind is SequenceStartEvent:
                    mark = event.start_mark
                    line, col = mark.line + 1, mark.column + 1
                    if len(stack) >= max_depth:
                        self.stop("limits.depth", line, col, limit=max_depth)
                    nodes += 1
                    if nodes > max_nodes:
                        self.too_many(line, col)
                    if event.tag is not None:
                        note("file.yaml-tag", line, col, tag=_shown_tag(event.tag))
                    new: Any = {} if kind is MappingStartEvent else []
                    anchor = event.anchor
                    if anchor is not None:
                        anchors[anchor] = _PENDING
                    as_key = container is not None and not is_list and key is _NO_KEY
                    if not as_key:  # place it now, so that the positions follow the text
                        if is_list:
                            container.append(new)
                            marks.append(line)
                            marks.append(col)
                        elif container is None:
                            self._root(new, line, col)
                        else:
                            if key is _SKIP:
                                del marks[-2:]
                            else:
                                container[key] = new
                                marks.append(line)
                                marks.append(col)
                            key = _NO_KEY
                    stack.append(
                        (container, marks, is_list, key, anchor, nodes - 1, as_key, line, col)
                    )
                    container, marks = new, array("i")
                    is_list, key = kind is SequenceStartEvent, _NO_KEY
                elif kind is MappingEndEvent or kind is SequenceEndEvent:
                    if marks:
                        table[id(container)] = marks
                    done = container
                    container, marks, is_list, key, anchor, before, as_key, line, col = stack.pop()
                    if anchor is not None:
                        anchors[anchor] = (done, nodes - before)
                    if as_key:
                        note("file.syntax", line, col, format="YAML", reason=_COMPLEX_KEY)
                        key = _SKIP
                        marks.append(line)
                        marks.append(col)
                elif kind is DocumentStartEvent:
                    documents += 1
                    if documents > 1:
                        mark = event.start_mark
                        self.stop(
                            "file.syntax",
                            mark.line + 1,
                            mark.column + 1,
                            format="YAML",
                            reason="expected a single document in the stream, but found another",
                        )
                    if event.version == (1, 1):
                        version, special = (1, 1), _SPECIAL_11
        finally:
            self.nodes = nodes

    def _alias(self, name: str, line: int, col: int) -> Any:
        self.aliases += 1
        if self.aliases > self.max_aliases:
            self.stop(
                "limits.aliases", line, col, problem=f"more than {self.max_aliases:,} aliases"
            )
        known = self.anchors.get(name)
        if known is None:
            self.stop(
                "file.syntax", line, col, format="YAML", reason=f"found undefined alias {name!r}"
            )
        if known is _PENDING:
            self.stop(
                "limits.aliases",
                line,
                col,
                problem=f"alias *{name} lies inside the node it names, "
                "which would make an endless structure",
            )
        return known[0]

    def _root(self, value: Any, line: int, col: int) -> None:
        self.data = self.positions.root = value
        self.positions.start = (line, col)


def _key_text(key: Any) -> str:
    """A mapping key as the string a JSON tool would see (``true``, ``null``, ``1``)."""
    if isinstance(key, str):
        return key
    if key is None:
        return "null"
    if isinstance(key, bool):
        return "true" if key else "false"
    if isinstance(key, int | float):
        return repr(key)
    return str(key)
