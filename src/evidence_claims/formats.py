"""Report formatters, a registry by name (as check-jsonschema's reporters are).

A formatter takes a :class:`Report` and returns the text to print; it never decides the exit
code or filters findings.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from itertools import groupby

from .report import Finding, Report

Formatter = Callable[[Report], str]
FORMATTERS: dict[str, Formatter] = {}


def formatter(name: str) -> Callable[[Formatter], Formatter]:
    def register(func: Formatter) -> Formatter:
        FORMATTERS[name] = func
        return func

    return register


def format_report(report: Report, name: str) -> str:
    return FORMATTERS[name](report)


def _location(f: Finding) -> str:
    parts = [f.file or "-"]
    if f.line is not None:
        parts.append(str(f.line))
        if f.column is not None:
            parts.append(str(f.column))
    return ":".join(parts)


@formatter("text")
def format_text(report: Report) -> str:
    """Grouped by file, one finding per line (``file:line:col: severity code message``)."""
    lines: list[str] = []
    findings = sorted(report.findings, key=Finding.sort_key)
    for file, group in groupby(findings, key=lambda f: f.file or "-"):
        lines.append(file)
        for f in group:
            claim = f" [{f.claim_id}]" if f.claim_id else ""
            lines.append(f"  {_location(f)}: {f.severity} {f.code}{claim} {f.message}")
        lines.append("")
    counts = report.counts()
    files = len(report.files)
    summary = (
        f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info "
        f"in {files} file(s), {report.claims} claim(s)"
    )
    lines.append(("OK: " if report.ok else "FAILED: ") + summary)
    return "\n".join(lines)


@formatter("json")
def format_json(report: Report) -> str:
    """The report as JSON (``Report.to_dict``): stable keys, findings sorted by location."""
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2)
