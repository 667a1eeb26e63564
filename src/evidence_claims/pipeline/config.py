"""Project configuration: ``[tool.evidence-claims]`` in pyproject.toml.

Plain data with defaults; reading it never raises on bad input (problems become findings with
rule code ``config.invalid``). Example::

    [tool.evidence-claims]
    select = ["anchor", "cite", "indirectness"]   # code prefixes to report (default: all)
    ignore = ["coverage.uncovered-text"]           # code prefixes to drop
    fail-level = "error"                           # error | warning | info
    [tool.evidence-claims.severity]
    "wording.overclaim" = "error"
    [tool.evidence-claims.limits]
    max-file-bytes = 20_000_000
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from ..io.limits import Limits
from ..io.reading import read_bytes
from ..model.report import Finding, Report
from ..rules.catalogue import SEVERITIES, Severity
from ..rules.config import CONFIG_INVALID


@dataclass(frozen=True, slots=True)
class Config:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    fail_level: Severity = "error"
    limits: Limits = field(default_factory=Limits)
    source: Path | None = None

    def wants(self, code: str) -> bool:
        """Whether findings of this code are reported (select/ignore by code prefix)."""
        if self.select and not any(_matches(code, p) for p in self.select):
            return False
        return not any(_matches(code, p) for p in self.ignore)

    def apply(self, report: Report) -> Report:
        """The report with select/ignore and severity overrides applied."""
        kept: list[Finding] = []
        for finding in report.findings:
            if not self.wants(finding.code):
                continue
            override = self._severity_for(finding.code)
            kept.append(replace(finding, severity=override) if override else finding)
        return replace(report, findings=kept)

    def _severity_for(self, code: str) -> Severity | None:
        best: tuple[int, Severity] | None = None
        for prefix, severity in self.severity.items():
            if _matches(code, prefix) and (best is None or len(prefix) > best[0]):
                best = (len(prefix), severity)
        return best[1] if best else None

    def fails(self, report: Report) -> bool:
        """Whether the report holds a finding at or above the fail level."""
        rank = SEVERITIES.index(self.fail_level)
        return any(SEVERITIES.index(f.severity) <= rank for f in report.findings)  # type: ignore[arg-type]


def _matches(code: str, prefix: str) -> bool:
    return code == prefix or code.startswith(prefix + ".")


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml at or above ``start`` (None when none, or on a link loop)."""
    try:
        start = start.resolve()
    except (OSError, RuntimeError, ValueError):
        return None
    for folder in (start if start.is_dir() else start.parent, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def load_config(pyproject: Path | None) -> tuple[Config, list[Finding]]:
    """Read ``[tool.evidence-claims]``; a missing file or table gives the defaults."""
    if pyproject is None:
        return Config(), []

    file = str(pyproject)
    read = _read_toml(pyproject, file)
    if isinstance(read, Finding):
        return Config(source=pyproject), [read]
    text, document = read
    tool = document.get("tool", {})
    table = tool.get("evidence-claims", {}) if isinstance(tool, dict) else {}
    findings: list[Finding] = []
    key_lines: dict[str, int] = {}  # built once, on the first problem: linear in the file

    def bad(problem: str, key: str | None = None) -> None:
        if key and not key_lines:
            key_lines.update(_lines_of_keys(text))
        line = (key_lines.get(key) if key else None) or _line_of_table(text)
        findings.append(CONFIG_INVALID.finding(file=file, line=line, column=1, problem=problem))

    if not isinstance(table, dict):
        bad("must be a table")
        return Config(source=pyproject), findings
    return Config(source=pyproject, **_settings(table, bad)), findings


def _read_toml(pyproject: Path, file: str) -> tuple[str, dict[str, Any]] | Finding:
    """The file's text and TOML document, or the finding that says why it cannot be read."""
    import tomllib

    # pyproject.toml comes with the pull request like the claim files: bounded read, and
    # tomllib's own failures on hostile input (RecursionError on deep nesting, ValueError on
    # integers too long for int()) are findings too.
    raw, unreadable = read_bytes(pyproject, file=file, what="configuration")
    if raw is None:
        reason = unreadable[0].message if unreadable else "cannot be read"
        return CONFIG_INVALID.finding(file=file, line=1, column=1, problem=f"unreadable: {reason}")
    try:
        text = raw.decode("utf-8")
        document = tomllib.loads(text)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError, ValueError) as exc:
        line, column = _toml_error_position(exc)
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        return CONFIG_INVALID.finding(
            file=file, line=line or 1, column=column or 1, problem=f"unreadable: {reason}"
        )
    return text, document


def _settings(table: dict[str, Any], bad: Any) -> dict[str, Any]:
    """The ``Config`` fields the table sets; ``bad(problem, key)`` reports each wrong key."""
    kwargs: dict[str, Any] = {}
    documents: tuple[str, ...] = ()
    for key, value in table.items():
        name = key.replace("-", "_")
        if name in ("select", "ignore"):
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                kwargs[name] = tuple(value)
            else:
                bad(f"'{key}' must be a list of rule codes or code prefixes", key)
        elif name == "fail_level":
            if value in SEVERITIES:
                kwargs[name] = value
            else:
                bad(f"'fail-level' must be one of {', '.join(SEVERITIES)}", key)
        elif name == "severity":
            if isinstance(value, dict) and all(v in SEVERITIES for v in value.values()):
                kwargs[name] = dict(value)
            else:
                bad(f"'severity' must map codes to one of {', '.join(SEVERITIES)}", key)
        elif name == "limits":
            kwargs[name] = _limits(value, bad)
        elif name == "documents":
            if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
                documents = tuple(value)
            else:
                bad("'documents' must be a list of path globs relative to the root", key)
        else:
            bad(f"unknown key '{key}'", key)
    if documents:
        kwargs["limits"] = replace(kwargs.get("limits", Limits()), documents=documents)
    return kwargs


def _limits(value: Any, bad: Any) -> Limits:
    if not isinstance(value, dict):
        bad("'limits' must be a table", "limits")
        return Limits()
    names = {f.name for f in fields(Limits)} - {"documents"}  # a list, set at the top level
    kwargs = {}
    for key, number in value.items():
        name = key.replace("-", "_")
        if name not in names:
            bad(f"unknown limit '{key}'", key)
        elif not isinstance(number, int) or isinstance(number, bool) or number <= 0:
            bad(f"limit '{key}' must be a positive integer", key)
        elif number > _MAX_LIMIT:
            bad(f"limit '{key}' must be at most {_MAX_LIMIT:,}", key)
        else:
            kwargs[name] = number
    return Limits(**kwargs)


_MAX_LIMIT = 2**62  # beyond any real file, and still a C integer for reads and slices


def _line_of_table(text: str) -> int:
    """The line of the ``[tool.evidence-claims]`` header (1 when there is none)."""
    match = re.search(r"^\s*\[\s*tool\s*\.\s*\"?evidence-claims", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else 1


_KEY = re.compile(r'^[ \t]*(?:"([^"\n]*)"|([A-Za-z0-9_-]+))\s*[=.]', re.MULTILINE)


def _lines_of_keys(text: str) -> dict[str, int]:
    """The line where each key is first written (``key =`` or ``key.sub =``), in one pass.

    Searched once per key, 40,000 unknown keys took a minute (each search scans the file)."""
    lines: dict[str, int] = {}
    line, last = 1, 0
    for match in _KEY.finditer(text):
        line += text.count("\n", last, match.start())
        last = match.start()
        lines.setdefault(match.group(1) if match.group(1) is not None else match.group(2), line)
    return lines


def _toml_error_position(exc: BaseException) -> tuple[int | None, int | None]:
    match = re.search(r"line (\d+), column (\d+)", str(exc))
    return (int(match.group(1)), int(match.group(2))) if match else (None, None)
