"""Report formatters, a registry by name (as check-jsonschema's reporters are).

A formatter takes a :class:`Report` and returns the text to print; it never decides the exit
code or filters findings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..model.report import Report
from .ci_formats import format_github, sarif_lines
from .text_format import json_report_lines, text_lines

Formatter = Callable[[Report], str]
LineFormatter = Callable[[Report], Iterator[str]]
# Every report format, by name: a line generator where the format can be streamed (the
# formatter is then its lines joined by newlines), else a formatter of the whole text. One
# literal table, so that the list of formats is read here and nowhere else.
LINE_FORMATTERS: dict[str, LineFormatter] = {
    "text": text_lines,
    "json": json_report_lines,
    "sarif": sarif_lines,
}
FORMATTERS: dict[str, Formatter] = {
    "text": lambda report: "\n".join(text_lines(report)),
    "json": lambda report: "\n".join(json_report_lines(report)),
    "github": format_github,
    "sarif": lambda report: "\n".join(sarif_lines(report)),
}


def format_report(report: Report, name: str) -> str:
    return FORMATTERS[name](report)


def report_chunks(report: Report, name: str, lines_per_chunk: int = 10_000) -> Iterator[str]:
    """The formatted report in pieces that join to ``format_report(report, name)``: streamed
    line by line for formats that have a line generator, else the whole text at once."""
    lines = LINE_FORMATTERS.get(name)
    if lines is None:
        yield format_report(report, name)
        return
    batch: list[str] = []
    first = True
    for line in lines(report):
        batch.append(line)
        if len(batch) >= lines_per_chunk:
            yield ("" if first else "\n") + "\n".join(batch)
            batch, first = [], False
    if batch or first:
        yield ("" if first else "\n") + "\n".join(batch)
