"""Fuzz every input format: 100,000 mutated inputs each, 0 uncaught exceptions expected.

Formats: YAML and JSON claim files, BibTeX bibliographies, document text, and pyproject.toml
configuration. Inputs are byte-level and structure-level mutations of the bundled files and
the broken fixtures (tests/fuzz/mutate.py); each runs in-process through the real entry points
(``validation.validate_file``, ``bib.parse_bibliography``, ``config.load_config``) and is held
to the contract in tests/fuzz/harness.py: no exception, every finding with a catalogue code and
a file:line:column, an error whenever nothing loads, no input slower than 5 s.

Run: .venv/bin/python benchmarks/fuzz.py [--count 100000] [--formats yaml,json,...]
     [--workers 2] [--start 0]
Prints, per format: inputs tried, uncaught exceptions, other contract failures, hangs or slow
inputs, the slowest input, and seconds; then each distinct failure with a case number that
``tests.fuzz.harness.replay(format, case, scratch_dir)`` reproduces. Exit status 1 on any
failure.
"""

from __future__ import annotations

import argparse
import collections
import multiprocessing
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
for entry in (ROOT, ROOT / "src"):
    if str(entry) not in sys.path:
        sys.path.insert(0, str(entry))

from tests.fuzz.harness import FORMATS, Outcome, load_seeds, run_case  # noqa: E402

_WORKER: dict[str, Any] = {}


def _init(scratch_root: str) -> None:
    _WORKER["seeds"] = load_seeds()
    _WORKER["scratch"] = Path(scratch_root) / f"worker-{os.getpid()}"


def _run_chunk(job: tuple[str, int, int]) -> tuple[str, int, float, list[Outcome]]:
    fmt, start, stop = job
    failures, slowest = [], 0.0
    for case in range(start, stop):
        outcome = run_case(fmt, case, _WORKER["seeds"], _WORKER["scratch"])
        slowest = max(slowest, outcome.seconds)
        if outcome.failure:
            failures.append(outcome)
    return fmt, stop - start, slowest, failures


def fuzz(formats: list[str], count: int, workers: int, start: int = 0) -> dict[str, Any]:
    chunk = 250
    jobs = [
        (f, s, min(s + chunk, start + count))
        for f in formats
        for s in range(start, start + count, chunk)
    ]
    tried: collections.Counter[str] = collections.Counter()
    slowest: dict[str, float] = collections.defaultdict(float)
    failures: dict[str, list[Outcome]] = collections.defaultdict(list)
    seconds: dict[str, float] = collections.defaultdict(float)
    with tempfile.TemporaryDirectory(prefix="evidence-claims-fuzz-") as scratch:
        context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
        for fmt in formats:
            started = time.perf_counter()
            with context.Pool(workers, initializer=_init, initargs=(scratch,)) as pool:
                for name, n, slow, found in pool.imap_unordered(
                    _run_chunk, [j for j in jobs if j[0] == fmt]
                ):
                    tried[name] += n
                    slowest[name] = max(slowest[name], slow)
                    failures[name].extend(found)
            seconds[fmt] = time.perf_counter() - started
            _print_format(fmt, tried[fmt], failures[fmt], slowest[fmt], seconds[fmt])
    return {"tried": tried, "failures": failures, "slowest": slowest, "seconds": seconds}


def _print_format(
    fmt: str, tried: int, failures: list[Outcome], slowest: float, seconds: float
) -> None:
    kinds = collections.Counter(
        "exception" if o.failure and o.failure.startswith("exception") else o.failure
        for o in failures
    )
    print(
        f"{fmt:<9} inputs {tried:>8,}  uncaught exceptions {kinds['exception']:>4}  "
        f"contract failures {kinds['contract']:>4}  hangs/slow {kinds['hang'] + kinds['slow']:>3}  "
        f"slowest {slowest:6.2f} s  time {seconds:7.1f} s  ({tried / seconds:,.0f} inputs/s)",
        flush=True,
    )
    distinct: dict[tuple[str | None, str], list[int]] = collections.defaultdict(list)
    for o in failures:
        distinct[(o.failure, o.detail[:160])].append(o.case)
    for (failure, detail), cases in sorted(distinct.items(), key=lambda kv: -len(kv[1]))[:20]:
        print(f"    {len(cases):>5} x {failure}: {detail}  (e.g. case {min(cases)})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=100_000, help="inputs per format")
    # cheapest first, so that a run cut short still reports whole formats
    parser.add_argument("--formats", default="config,json,bibtex,document,yaml")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--start", type=int, default=0, help="first case number")
    args = parser.parse_args()
    formats = [f for f in args.formats.split(",") if f]
    unknown = set(formats) - set(FORMATS)
    if unknown:
        parser.error(f"unknown format(s) {sorted(unknown)}; choose from {FORMATS}")
    print(f"fuzzing {', '.join(formats)}: {args.count:,} inputs each, {args.workers} worker(s)")
    result = fuzz(formats, args.count, args.workers, args.start)
    total_failures = sum(len(v) for v in result["failures"].values())
    total = sum(result["tried"].values())
    print(
        f"total     inputs {total:>8,}  failures {total_failures}  "
        f"time {sum(result['seconds'].values()):.0f} s"
    )
    return 1 if total_failures else 0


if __name__ == "__main__":
    sys.exit(main())
