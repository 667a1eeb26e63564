"""Extraction throughput: sentences per second on a large generated corpus, on one core.

Run: .venv/bin/python benchmarks/bench_extract.py [--sentences N] [--runs R]
     [--attribution rules|learned] [--kinds rules|learned]

The corpus is made by shuffling the paragraphs of the bundled and gold documents (many
genres, headings, lists, citations) into one long document. Three figures are printed, each
the median of several runs: segmentation alone, the analysis pipeline (segments, kinds,
attribution, cues) and the whole `extract` (which also validates the claim file's pydantic
model). Each is given per second of wall-clock time and per second of the process's CPU time:
on a machine shared with other jobs the two differ, and CPU time is what one core spends.
Then the `evidence-claims extract` command itself on the corpus saved as a file, with YAML and
with JSON output, each run in a fresh process measured from outside with ``wait4`` (CPU
seconds, peak RSS): start-up, imports, reading, drafting and writing all count.
The command keeps the rules' compiled patterns in a store on disk between runs
(``io/pattern_store.py``): the benchmark gives it a store of its own in a temporary
folder, fills it with one untimed run, and also times YAML output with the store off (what a
first run, or ``EVIDENCE_CLAIMS_PATTERN_CACHE=off``, costs).
Target: >= 10,000 sentences/s for `extract` and for the command.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
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


def command(
    document: Path, output: Path, fmt: str, options: list[str], store: str
) -> tuple[float, float, int, int]:
    """Wall and CPU seconds, peak RSS (bytes) and claims written of ``evidence-claims
    extract DOCUMENT`` written to ``output`` as ``fmt``, in a fresh process whose store of
    compiled patterns is ``store`` (a folder, or "off")."""
    code = "import sys; from evidence_claims.cli import main; sys.exit(main())"
    args = ["extract", str(document), "-o", str(output), "--format", fmt, "--force", *options]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "EVIDENCE_CLAIMS_PATTERN_CACHE": store}
    began = time.perf_counter()
    with open(os.devnull, "wb") as sink, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(
            [sys.executable, "-c", code, *args], stdout=sink, stderr=err, env=env
        )
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - began
        err.seek(0)
        said = err.read().decode("utf-8", "replace")
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"extract {document} --format {fmt} failed: {said}")
    count = re.search(r": (\d+) draft claims", said)
    assert count is not None, said
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, int(count.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--only",
        choices=["functions", "command"],
        default=None,
        help="time only the in-process functions, or only the command",
    )
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
    print(f"corpus: {len(text):,} characters; attribution: {mode}; kinds: {kinds}")
    # The commands first: a child starts as a copy of this process, whose pages count in the
    # child's peak RSS until it runs Python anew, so this process must still be small.
    if args.only != "functions":
        commands(text, args.runs, mode, kinds)
    if args.only != "command":
        functions(text, args.runs, mode, kinds)


def commands(text: str, runs: int, mode: str, kinds: str) -> None:
    """The command's figures, YAML and JSON output, medians of ``runs`` fresh processes."""
    with tempfile.TemporaryDirectory() as folder:
        document = Path(folder) / "corpus.txt"
        document.write_text(text, encoding="utf-8")
        store = str(Path(folder) / "patterns")
        options = ["--attribution", mode, "--kinds", kinds]
        command(document, Path(folder) / "warm.yaml", "yaml", options, store)  # fills the store
        for fmt, where in (("yaml", store), ("json", store), ("yaml", "off")):
            output = Path(folder) / f"corpus.claims.{fmt}"
            timings = [command(document, output, fmt, options, where) for _ in range(runs)]
            wall, cpu, peak = (statistics.median(t[i] for t in timings) for i in range(3))
            count = timings[0][3]
            name = f"command: extract --format {fmt}" + (", store off" if where == "off" else "")
            print(
                f"{name:46} {count:,} statements in {wall:.3f} s (median of {runs}): "
                f"{count / wall:,.0f} sentences/s; per CPU second {count / cpu:,.0f}; "
                f"peak RSS {peak / 2**20:,.0f} MB"
            )


def functions(text: str, runs: int, mode: str, kinds: str) -> None:
    """The in-process figures: segmentation, analysis, extract with validation."""
    # load lexicons, models and patterns before timing
    extract(text[:5000], attribution=mode, kinds=kinds)
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
        seconds, cpu, count = timed(function, text, runs)
        print(
            f"{name:46} {count:,} statements in {seconds:.3f} s (median of {runs}): "
            f"{count / seconds:,.0f} sentences/s; per CPU second {count / cpu:,.0f}"
        )


if __name__ == "__main__":
    main()
