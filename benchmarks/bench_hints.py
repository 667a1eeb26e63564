"""How much of validation the did-you-mean hints take: 500-claim files with dangling references.

Writes a synthetic corpus (files of 500 claims, with an error rate that leaves unknown citation
keys and relation targets, each of which gets a hint), then prints the median CPU time of
`validate` with hints and with the hint helper stubbed out, and the share of the hints.
Usage: python benchmarks/bench_hints.py [--claims 2000] [--error-rate 0.05] [--repeat 5]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from timing import median_seconds

from evidence_claims.pipeline.validation import validate
from evidence_claims.rules.suggest import Suggester
from evidence_claims.testing.synthetic import CorpusShape, write_corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--claims", type=int, default=2000)
    parser.add_argument("--per-file", type=int, default=500)
    parser.add_argument("--error-rate", type=float, default=0.05)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        shape = CorpusShape(args.claims, args.per_file)
        files = list(write_corpus(Path(tmp), shape, seed=3, error_rate=args.error_rate))
        report = validate(*files, jobs=1)
        hinted = sum("did you mean" in f.message for f in report.findings)

        def run() -> object:
            return validate(*files, jobs=1)

        with_hints = median_seconds(run, args.repeat, time.process_time)
        real = Suggester.closest
        Suggester.closest = lambda self, value: None  # type: ignore[method-assign]
        try:
            without = median_seconds(run, args.repeat, time.process_time)
        finally:
            Suggester.closest = real  # type: ignore[method-assign]
    share = max(0.0, with_hints - without) / with_hints
    print(
        f"{len(files)} files of {args.per_file} claims, {len(report.findings)} findings, "
        f"{hinted} with a hint"
    )
    print(f"validate CPU median: {with_hints:.3f} s with hints, {without:.3f} s without")
    print(f"share of validation in hints: {share:.1%}")


if __name__ == "__main__":
    main()
