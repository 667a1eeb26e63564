"""Indented JSON, written a line at a time, with the records of long arrays one per line.

``json.dumps(value, indent=2)`` runs the standard library's pure-Python encoder (the C encoder
only writes compact JSON): for a report of 100,000 claims that took 5 s for the JSON format
and 10 s for SARIF, more than validating them on two cores. Here containers are indented as
``indent=2`` would, except that the items of an array of more than one item are each written
compactly on one line by the C encoder: the output stays readable (one finding, one
assessment, one SARIF result per line, which also suits ``grep`` and line diffs), parses to
the same value, and costs a few microseconds per record.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

_COMPACT = json.JSONEncoder(ensure_ascii=False).encode  # ", " and ": " as indent=2 writes them


def json_text(value: Any) -> str:
    """The whole text of :func:`json_lines`."""
    return "\n".join(json_lines(value))


def json_lines(value: Any, indent: str = "  ") -> Iterator[str]:
    """The lines of ``value`` as indented JSON (see the module's docstring)."""
    yield from _lines(value, "", "", "", indent)


def array_lines(
    items: Iterable[Any], count: int, pad: str, head: str, tail: str, indent: str = "  "
) -> Iterator[str]:
    """The lines :func:`json_lines` writes for an array of ``count`` items, the items made as
    they are written (a report's million findings are never all dicts at once)."""
    if count == 0:
        yield f"{pad}{head}[]{tail}"
        return
    yield f"{pad}{head}["
    inner = pad + indent
    if count == 1:
        yield from _lines(next(iter(items)), inner, "", "", indent)
    else:
        last = count - 1
        for i, item in enumerate(items):
            yield f"{inner}{_COMPACT(item)}{',' if i < last else ''}"
    yield f"{pad}]{tail}"


class LazyArray:
    """An array written by :func:`json_lines` as its records are made: ``records`` turned into
    values by ``as_value`` only as each line is written (a report's million SARIF results are
    never all dicts at once). ``line``, when given, writes a record's compact text directly
    (the same text as ``_COMPACT(as_value(record))``)."""

    __slots__ = ("as_value", "line", "records")

    def __init__(
        self,
        records: Sequence[Any],
        as_value: Callable[[Any], Any],
        line: Callable[[Any], str] | None = None,
    ) -> None:
        self.records, self.as_value, self.line = records, as_value, line

    def lines(self, pad: str, head: str, tail: str, indent: str) -> Iterator[str]:
        records = self.records
        if len(records) < 2 or self.line is None:
            values = map(self.as_value, records)
            yield from array_lines(values, len(records), pad, head, tail, indent)
            return
        line = self.line
        inner = pad + indent
        yield f"{pad}{head}["
        for record in islice(records, len(records) - 1):
            yield f"{inner}{line(record)},"
        yield f"{inner}{line(records[-1])}"
        yield f"{pad}]{tail}"


def member_lines(key: str, value: Any, tail: str, pad: str = "  ") -> Iterator[str]:
    """The lines of one member ``key: value`` of an object, as :func:`json_lines` writes it."""
    yield from _lines(value, pad, _COMPACT(key) + ": ", tail, "  ")


def _lines(value: Any, pad: str, head: str, tail: str, indent: str) -> Iterator[str]:
    """``value`` at indentation ``pad``, its first line prefixed by ``head`` (a key), its
    last line followed by ``tail`` (a comma when more members follow)."""
    if type(value) is LazyArray:
        yield from value.lines(pad, head, tail, indent)
    elif isinstance(value, dict) and value:
        yield f"{pad}{head}{{"
        inner = pad + indent
        last = len(value) - 1
        for i, (key, item) in enumerate(value.items()):
            key_text = _COMPACT(key if isinstance(key, str) else str(key)) + ": "
            yield from _lines(item, inner, key_text, "," if i < last else "", indent)
        yield f"{pad}}}{tail}"
    elif isinstance(value, list | tuple) and value:
        yield f"{pad}{head}["
        inner = pad + indent
        last = len(value) - 1
        if last == 0:
            yield from _lines(value[0], inner, "", "", indent)
        else:
            for i, item in enumerate(value):
                yield f"{inner}{_COMPACT(item)}{',' if i < last else ''}"
        yield f"{pad}]{tail}"
    else:
        yield f"{pad}{head}{_COMPACT(value)}{tail}"
