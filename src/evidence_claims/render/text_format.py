"""The ``text`` and ``json`` report formats, as generators of lines."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from operator import methodcaller
from typing import Any

from ..model.report import ClaimAssessment, Finding, Report
from .escape import line_start, one_line
from .json_lines import LazyArray, member_lines
from .json_records import AssessmentLines, SharedTexts, finding_line

MINUS = "\u2212"  # a typographic minus for rating down


def text_lines(report: Report) -> Iterator[str]:
    """Grouped by file, then by claim: each claim's suggested certainty with its reasons on one
    line, its findings below it (``file:line:col: severity code message``, so editors can jump).
    One line at a time: a million claims print ~3 million lines, and written as they come they
    need no second copy of the whole text in memory.

    Text from the claim files (messages quote notes and names; file names are the
    repository's) is shown through :func:`.escape.one_line`: a line break or control
    character in it is printed as an escape, so every line of the output begins with
    what this function writes, never with what a claim file says."""
    findings = sorted(report.findings, key=Finding.sort_key)
    by_file: dict[str, list[Finding]] = {}
    for f in findings:
        by_file.setdefault(f.file or "-", []).append(f)
    assessed: dict[str, list[ClaimAssessment]] = {}
    for a in report.assessments:
        assessed.setdefault(a.file or "-", []).append(a)
    claim_line = _ClaimLines()
    for file in sorted({*by_file, *assessed}):
        yield line_start(file)
        file_findings = by_file.get(file, [])
        claims = sorted(assessed.get(file, []), key=lambda a: a.line or 0)
        known = {a.claim_id for a in claims}
        where = _Where()
        by_claim: dict[str | None, list[Finding]] = {}  # one pass, not one per claim
        for f in file_findings:
            by_claim.setdefault(f.claim_id, []).append(f)
            if f.claim_id not in known:
                claim = f" [{one_line(f.claim_id)}]" if f.claim_id else ""
                yield f"  {where(f)}: {f.severity} {f.code}{claim} {one_line(f.message)}"
        no_findings: tuple[Finding, ...] = ()
        for a in claims:
            yield "  " + claim_line(a)
            for f in by_claim.get(a.claim_id, no_findings):
                yield f"      {where(f)}: {f.severity} {f.code} {one_line(f.message)}"
        yield ""
    if report.assessments:
        yield _certainty_summary(report.assessments)
    counts = report.counts()
    files = len(report.files)
    summary = (
        f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info "
        f"in {files} file(s), {report.claims} claim(s)"
    )
    yield (("OK: " if report.ok else "FAILED: ") + summary)


def _where(f: Finding) -> str:
    """``file:line:col``, the file name safe to begin a line with."""
    return line_start(f.location)


class _Where:
    """:func:`_where` for the findings of one report, each file's part made once: the
    location is the file (``-`` when none) and digits, and :func:`.escape.line_start` changes
    only the file's part (it escapes characters one by one and looks at the first), so the
    file is escaped once per file instead of once per finding."""

    __slots__ = ("_files",)

    def __init__(self) -> None:
        self._files: dict[str | None, str] = {}

    def __call__(self, f: Finding) -> str:
        file = f.file
        start = self._files.get(file)
        if start is None:
            start = self._files[file] = line_start(file or "-")
        line = f.line
        if line is None:
            return start
        column = f.column
        return f"{start}:{line}" if column is None else f"{start}:{line}:{column}"


class _ClaimLines:
    """:func:`_claim_line` for the assessments of one report, with the parts that claims
    share (the grade's symbol and word, each reason's step, the steps of a tuple of reasons
    that claims graded alike share) made once each."""

    __slots__ = ("_grades", "_joined", "_steps", "_word")

    def __init__(self) -> None:
        from ..assessment.certainty import word  # (imported when first asked: start-up)

        self._word = word
        self._grades: dict[str, str] = {}
        self._steps: dict[tuple[str, int], str] = {}
        self._joined = SharedTexts(self._steps_of)

    def __call__(self, a: ClaimAssessment) -> str:
        word = self._word
        certainty = a.certainty
        grade = self._grades.get(certainty)
        if grade is None:
            grade = self._grades[certainty] = self._grade(certainty)
        parts = [f"{line_start(a.claim_id)}  {grade}"]
        joined = self._joined(a.reasons)
        if a.start is not None:
            parts.append(f"start {word(a.start)}" + (f": {joined}" if joined else ""))
        else:
            parts.append(one_line(a.note or "not graded") + (f"; {joined}" if joined else ""))
        if a.stated is not None and a.stated != certainty:
            parts.append(f"(file says {word(a.stated)})")
        if a.relations:
            parts.append(f"[{'; '.join(a.relations)}]")
        return "  ".join(parts)

    def _grade(self, certainty: str) -> str:
        from ..assessment.certainty import symbol

        shown = f"{symbol(certainty)} {self._word(certainty)}"
        return f"{shown:<14}"

    def _steps_of(self, reasons: Any) -> str:
        """The reasons' steps, joined."""
        made = self._steps
        steps = []
        for r in reasons:
            step = made.get((r.code, r.effect))
            if step is None:
                step = made[r.code, r.effect] = _step(r.code, r.effect)
            steps.append(step)
        return ", ".join(steps)


def _step(code: str, effect: int) -> str:
    """A reason as :func:`_claim_line` shows it: its code, and its effect when it moves."""
    return f"{code} {'+' if effect > 0 else MINUS}{abs(effect)}" if effect else code


def _claim_line(a: ClaimAssessment) -> str:
    """``id  ⊕◯◯◯ very low  start low: code −1, code`` (effects shown only where they move)."""
    from ..assessment.certainty import symbol, word

    grade = f"{symbol(a.certainty)} {word(a.certainty)}"
    parts = [f"{line_start(a.claim_id)}  {grade:<14}"]
    steps = ", ".join(
        f"{r.code} {'+' if r.effect > 0 else MINUS}{abs(r.effect)}" if r.effect else r.code
        for r in a.reasons
    )
    if a.start is not None:
        parts.append(f"start {word(a.start)}" + (f": {steps}" if steps else ""))
    else:
        parts.append(one_line(a.note or "not graded") + (f"; {steps}" if steps else ""))
    if a.stated is not None and a.stated != a.certainty:
        parts.append(f"(file says {word(a.stated)})")
    if a.relations:
        parts.append(f"[{'; '.join(a.relations)}]")
    return "  ".join(parts)


def _certainty_summary(assessments: list[ClaimAssessment]) -> str:
    from ..assessment.certainty import LEVELS, word

    counts = {level: 0 for level in (*reversed(LEVELS), "ungraded")}
    for a in assessments:
        counts[a.certainty] = counts.get(a.certainty, 0) + 1
    shown = ", ".join(f"{n} {word(level)}" for level, n in counts.items() if n)
    return f"Suggested certainty per claim (GRADE-style suggestions, not verdicts): {shown}"


def json_report_lines(report: Report) -> Iterator[str]:
    """The report as JSON (``Report.to_dict``): stable keys, findings sorted by location, one
    finding or assessment per line. The lines of ``json_lines(report.to_dict())``, with each
    record made as its line is written: the dicts of a large report at once took about as
    much memory as the report."""
    findings = report.findings
    if not _in_order(findings):
        findings = sorted(findings, key=Finding.sort_key)
    yield "{"
    yield from member_lines("files", list(report.files), ",")
    yield from member_lines("claims", report.claims, ",")
    yield from member_lines("summary", report.counts(), ",")
    yield from _records(findings, '"findings": ', ",", finding_line)
    yield from _records(report.assessments, '"assessments": ', "", AssessmentLines())
    yield "}"


def _records(records: list[Any], head: str, tail: str, line: Callable[[Any], str]) -> Iterator[str]:
    """The lines ``array_lines`` writes for the records' dicts at the report's top level, each
    record's compact text made by ``line`` (:mod:`.json_records`)."""
    return LazyArray(records, _TO_DICT, line).lines("  ", head, tail, "  ")


_TO_DICT = methodcaller("to_dict")


def _in_order(findings: list[Finding]) -> bool:
    """Whether the findings are sorted by location already (as a validated report is)."""
    key = Finding.sort_key
    previous = None
    for finding in findings:
        current = key(finding)
        if previous is not None and current < previous:
            return False
        previous = current
    return True
