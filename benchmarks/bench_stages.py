"""Per-claim CPU of each stage of validating one claim file, in one process.

Loads the file (``load_claim_file``), runs the cross-field checks (``run_checks``), assesses
every claim (``assess_claim_set``) and formats the text report (``text_lines``), with the
cyclic garbage collector paused as the command pauses it. Each run starts from a fresh load
(the locator keeps what it found, so a second pass over the same set would find its positions
for free); prints the best of ``--repeat`` runs of each stage in microseconds per claim, and
the part of the assessment spent locating its findings and its claims' lines (the engine's
``_Place.resolve`` and the first ``_Place.line``, timed by wrapping them: "of which
location").
Usage: python benchmarks/bench_stages.py <claims.json or .yaml> [--repeat 3]
"""

from __future__ import annotations

import argparse
import gc
import time
from pathlib import Path

from evidence_claims.assessment import assess_claim_set, engine
from evidence_claims.assessment.engine import Assessment
from evidence_claims.checks.cross_field import run_checks
from evidence_claims.io.claimset import ClaimSet
from evidence_claims.io.loader import load_claim_file
from evidence_claims.model.report import Finding, Report
from evidence_claims.render.text_format import text_lines

_LOCATING = [0.0]


def _timed(method):  # type: ignore[no-untyped-def]
    """``method``, adding the CPU seconds of its calls to ``_LOCATING``."""

    def timed(*args, **kwargs):  # type: ignore[no-untyped-def]
        began = time.process_time()
        try:
            return method(*args, **kwargs)
        finally:
            _LOCATING[0] += time.process_time() - began

    return timed


def time_locating() -> None:
    """Time the engine's locating: every ``_Place.resolve``, and each ``_Place.line`` call
    that finds the lines (the first per set; the others read a list and are left untimed, so
    that the wrapper's own cost stays out of the figure)."""
    resolve, line = engine._Place.resolve, engine._Place.line

    def first_line(self, index):  # type: ignore[no-untyped-def]
        if self._lines is None:
            return _timed(line)(self, index)
        return line(self, index)

    engine._Place.resolve = _timed(resolve)  # type: ignore[method-assign]
    engine._Place.line = first_line  # type: ignore[method-assign]


def report_of(path: Path, cs: ClaimSet, checked: list[Finding], assessed: Assessment) -> Report:
    """The report the text formatter is timed on: the checks' and the assessment's findings."""
    report = Report(files=[str(path)], claims=len(cs.claims))
    report.extend(checked)
    report.extend(assessed.findings)
    report.assessments.extend(assessed.assessments)
    return report


def best_of(path: Path, repeat: int) -> tuple[int, dict[str, float]]:
    """(claims, the least CPU seconds of each stage over ``repeat`` runs of :func:`one_run`)."""
    best: dict[str, float] = {}
    claims = 0
    for _ in range(repeat):
        claims, spent = one_run(path)
        for stage, seconds in spent.items():
            best[stage] = min(best.get(stage, seconds), seconds)
    return claims, best


def one_run(path: Path) -> tuple[int, dict[str, float]]:
    """(claims, CPU seconds of each stage) of one run on a fresh load."""
    spent: dict[str, float] = {}
    _LOCATING[0] = 0.0
    began = time.process_time()
    cs = load_claim_file(path).claim_set
    spent["load"] = time.process_time() - began
    if cs is None:
        raise SystemExit(f"{path}: not loaded")
    began = time.process_time()
    checked = run_checks(cs)
    spent["checks"] = time.process_time() - began
    began = time.process_time()
    assessed = assess_claim_set(cs)
    spent["assessment"] = time.process_time() - began
    spent["of which location"] = _LOCATING[0]
    report = report_of(path, cs, checked, assessed)
    began = time.process_time()
    sum(map(len, text_lines(report)))
    spent["text report"] = time.process_time() - began
    return len(cs.claims), spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    gc.disable()
    time_locating()
    claims, best = best_of(args.file, args.repeat)
    per = 1e6 / claims
    stages = ", ".join(f"{stage} {seconds * per:.1f}" for stage, seconds in best.items())
    total = sum(v for stage, v in best.items() if not stage.startswith("of which")) * per
    print(f"{claims} claims, µs per claim (best of {args.repeat}): {stages}, total {total:.1f}")


if __name__ == "__main__":
    main()
