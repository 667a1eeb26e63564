"""Extraction throughput: sentences per second on a large generated corpus, on one core.

Run: .venv/bin/python benchmarks/bench_extract.py [--sentences N] [--runs R]
     [--attribution rules|learned] [--kinds rules|learned]

The corpus is made by shuffling the paragraphs of the bundled and gold documents (many
genres, headings, lists, citations) into one long document. Three figures are printed, each
the median of several runs: segmentation alone, the analysis pipeline (segments, kinds,
attribution, cues) and the whole `extract` (which also validates the claim file's pydantic
model). Each is given per second of wall-clock time and per second of the process's CPU time:
on a machine shared with other jobs the two differ, and CPU time is what one core spends.
Target: >= 10,000 sentences/s for `extract`.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from evidence_claims.extraction.draft import analyse, extract  # noqa: E402
from evidence_claims.extraction.segment import segment  # noqa: E402


def corpus(sentences: int, seed: int = 7) -> str:
    sources = [ROOT / "claims" / "kratom-addiction" / "document.txt"]
    sources += sorted((ROOT / "benchmarks" / "gold").glob("*/document.txt"))
    paragraphs = [p for path in sources for p in path.read_text("utf-8").split("\n\n") if p.strip()]
    rng = random.Random(seed)
    parts: list[str] = []
    count = 0
    while count < sentences:
        paragraph = rng.choice(paragraphs)
        parts.append(paragraph)
        count += len(segment(paragraph))
    return "\n\n".join(parts)


def timed(function, text: str, runs: int) -> tuple[float, float, int]:  # type: ignore[no-untyped-def]
    """Median wall-clock and CPU seconds of ``runs`` calls, and the statements counted."""
    wall, cpu = [], []
    count = 0
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        count = len(function(text))
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu), count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--attribution",
        choices=("rules", "learned"),
        default="rules",
        help="how source types are decided (the learned model reads features of every statement)",
    )
    parser.add_argument(
        "--kinds",
        choices=("rules", "learned"),
        default="rules",
        help="how kinds are decided (the learned model reads features of every statement)",
    )
    args = parser.parse_args()
    mode = args.attribution
    kinds = args.kinds
    text = corpus(args.sentences)
    # load lexicons, models and patterns before timing
    extract(text[:5000], attribution=mode, kinds=kinds)
    print(f"corpus: {len(text):,} characters; attribution: {mode}; kinds: {kinds}")
    for name, function in (
        ("segment only", segment),
        (
            "analyse (segments, kinds, attribution, cues)",
            lambda t: analyse(t, attribution=mode, kinds=kinds),
        ),
        (
            "extract (analyse + validated claim file)",
            lambda t: extract(t, attribution=mode, kinds=kinds).claims,
        ),
    ):
        seconds, cpu, count = timed(function, text, args.runs)
        print(
            f"{name:46} {count:,} statements in {seconds:.3f} s (median of {args.runs}): "
            f"{count / seconds:,.0f} sentences/s; per CPU second {count / cpu:,.0f}"
        )


if __name__ == "__main__":
    main()
