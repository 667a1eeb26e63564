"""Linear time on hostile text: doubling the input at most doubles extraction time.

Run: .venv/bin/python benchmarks/bench_linear.py [--base N] [--runs R]

Families of input that once made segmentation quadratic (a run of dots with no sentence end,
abbreviations that never end a sentence, reference markers, "et al." citations) and a few
more of the same shape (emoji, unpunctuated lines, full-width stops). Each family is drafted
with `extract` at three sizes, N, 2N and 4N repetitions of its unit, and the median CPU time
of R runs is printed with the ratio from one size to the next. A linear pipeline shows ratios
near 2; the check at the end fails a family whose ratio exceeds 3 at the largest step.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from evidence_claims.extraction.draft import extract  # noqa: E402

FAMILIES: dict[str, str] = {
    "dots": ".",
    "abbreviations": "e.g. ",
    "titles": "Dr. ",
    "et al.": "Smith et al. ",
    "markers": "[1]",
    "emoji": "🎉 ",
    "unpunctuated words": "word ",
    "full-width stops": "字。",
    "short sentences": "It works. ",
    "report voice": "Participants were enrolled. ",
    "citations": "Smith et al. found it. ",
}


def seconds(text: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.process_time()
        extract(text, doc_id="linear")
        times.append(time.process_time() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=int, default=25_000, help="repetitions at the first size")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sizes = (args.base, 2 * args.base, 4 * args.base)
    print(f"{'family':20} " + " ".join(f"{n:>10,}x" for n in sizes) + "   ratios")
    failed = []
    extract("Warm up the rule tables. Once.", doc_id="linear")
    for name, unit in FAMILIES.items():
        times = [seconds(unit * n, args.runs) for n in sizes]
        ratios = [b / a if a > 0 else float("nan") for a, b in itertools.pairwise(times)]
        cells = " ".join(f"{t:10.3f}s" for t in times)
        print(f"{name:20} {cells}   {' '.join(f'{r:4.2f}' for r in ratios)}")
        if ratios[-1] > 3:
            failed.append(name)
    print()
    print(f"  [{' ' if failed else 'x'}] doubling the input at most ~doubles the time (ratio <= 3)")
    if failed:
        print("      not linear:", ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
