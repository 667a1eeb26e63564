"""A pandas Styler table written a slice of rows at a time, the same text as written whole.

A Styler of 200,000 rows holds every cell's value, formatted text and attributes at once
(several kilobytes a row), and by default pandas trims a table beyond
``styler.render.max_elements`` cells (262,144: 32,768 rows of an eight-column evidence table),
silently leaving rows out. Here every row is written: the table is rendered for slices of its
rows, and the slices' rows are joined between the first slice's head and the last slice's tail,
each row's number (in its cells' ``id`` and ``class``) moved on by the rows before its slice.
Cell text is escaped by the formatters, so a cell's opening tag is only ever one pandas wrote.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

SLICE_ROWS = 2000
"""Rows rendered at a time."""

_BODY, _END = "  <tbody>\n", "  </tbody>\n"


def styler_html(styler: Any, uuid: str) -> str:
    """``styler.to_html(table_uuid=uuid)`` with every row, however many."""
    import pandas as pd

    cells = max(styler.data.size, 1) + 1
    with pd.option_context("styler.render.max_elements", max(cells, 262_144)):
        return str(styler.to_html(table_uuid=uuid))


def write_sliced(
    styler_of: Callable[[int, int], Any],
    count: int,
    uuid: str,
    write: Callable[[str], None],
    rows: int | None = None,
) -> None:
    """Write the text of :func:`styler_html` of a table of ``count`` rows, where
    ``styler_of(a, b)`` is the Styler of its rows ``a`` to ``b``, a slice at a time."""
    rows = rows or SLICE_ROWS
    if count <= rows:
        write(styler_html(styler_of(0, count), uuid))
        return
    for first in range(0, count, rows):
        last = min(first + rows, count)
        head, body = styler_html(styler_of(first, last), uuid).split(_BODY, 1)
        body, tail = body.rsplit(_END, 1)
        if first == 0:
            write(head + _BODY)
        else:
            body = _renumbered(body, uuid, first)
        write(body)
        if last == count:
            write(_END + tail)


@cache
def _cell(uuid: str) -> re.Pattern[str]:
    return re.compile(rf'<td id="T_{re.escape(uuid)}_row(\d+)(_col\d+" class="data row)(\d+) ')


def _renumbered(body: str, uuid: str, offset: int) -> str:
    """The rows of a slice numbered as in the whole table."""

    def moved(match: re.Match[str]) -> str:
        row = int(match[1]) + offset
        return f'<td id="T_{uuid}_row{row}{match[2]}{row} '

    return _cell(uuid).sub(moved, body)
