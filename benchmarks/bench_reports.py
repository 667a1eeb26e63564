"""How fast reports are written, and what a bibliography shared by many claim files costs.

Two measurements behind figures quoted in docs/output.md and docs/performance.md:

* **Report formats.** A synthetic corpus (``--claims`` claims in files of 100) is validated
  once; then each output format (text, json, sarif, github) is written in full, and the JSON
  and SARIF documents also with ``json.dumps(..., indent=2)``, the standard library's
  pure-Python encoder that the line writer replaced. Median CPU seconds of ``--repeat`` runs.
* **Shared bibliography.** ``--sets`` copies of the mini claim set in one repository, all naming
  one ``references.bib`` padded to ``--entries`` entries, validated in one process with the
  parse shared (as shipped) and with every claim file parsing it again.

* **Commands on one large file.** ``--one-file 25k,50k,100k`` runs ``table`` (Markdown,
  HTML, CSV) and ``report`` on one JSON claim file of each size (the corpus of
  ``bench_one_file.py``, limits raised by a configuration file passed with ``--config``), each
  in a fresh process measured from outside with ``wait4``: peak RSS, CPU and wall seconds,
  and bytes per claim above the same command on a 100-claim file. ``table`` streams such a
  file (a group at a time) and ``report`` too (the page a part at a time), so their peaks
  should stay nearly flat.

Usage: python benchmarks/bench_reports.py [--claims 100000] [--sets 300] [--entries 500]
       python benchmarks/bench_reports.py --one-file 25k,50k,100k [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from timing import median_seconds

import evidence_claims.io.bib as bib_module
from evidence_claims.model.report import Report
from evidence_claims.pipeline.validation import validate
from evidence_claims.render.ci_formats import sarif_log
from evidence_claims.render.formats import FORMATTERS, report_chunks
from evidence_claims.testing.synthetic import CorpusShape, write_corpus

CPU = time.process_time  # CPU seconds: steadier than wall time on a shared machine

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "data" / "mini"


def bench_formats(claims: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        files = list(write_corpus(Path(tmp) / "corpus", CorpusShape(claims, 100), seed=0))
        report = validate(Path(tmp) / "corpus")
    print(
        f"report formats: {claims:,} claims in {len(files):,} files, "
        f"{len(report.findings):,} findings, {len(report.assessments):,} assessments "
        f"(median CPU s of {repeat})"
    )

    def written(name: str) -> Callable[[], int]:
        return lambda: sum(len(chunk) for chunk in report_chunks(report, name))

    rows = [(name, median_seconds(written(name), repeat, CPU)) for name in FORMATTERS]
    rows.append(
        ("json, json.dumps(indent=2)", median_seconds(lambda: _indented(report), repeat, CPU))
    )
    rows.append(
        (
            "sarif, json.dumps(indent=2)",
            median_seconds(
                lambda: json.dumps(sarif_log(report), ensure_ascii=False, indent=2), repeat, CPU
            ),
        )
    )
    for name, seconds in rows:
        print(f"  {name:<28} {seconds:6.2f} s   {seconds / claims * 1e6:5.1f} µs per claim")


def _indented(report: Report) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2)


def _shared_bib_repo(base: Path, sets: int, entries: int) -> Path:
    root = base / "repo"
    (root / "claims").mkdir(parents=True)
    (root / ".evidence-claims-root").write_text("")
    padding = "".join(
        f"@article{{pad{i:05d},\n  author = {{Author, A. and Other, B.}},\n"
        f"  title = {{Study number {i}}},\n  journal = {{Journal of Things}},\n"
        f"  year = {{{2000 + i % 25}}},\n  volume = {{{i % 50}}},\n  pages = {{{i}--{i + 9}}},\n"
        f"  doi = {{10.1000/pad{i}}}\n}}\n\n"
        for i in range(entries)
    )
    bib = (MINI / "references.bib").read_text("utf-8")
    (root / "claims" / "references.bib").write_text(bib + "\n" + padding, "utf-8")
    text = (MINI / "claims.yaml").read_text("utf-8")
    text = text.replace("bibliography: references.bib", "bibliography: ../references.bib")
    for i in range(sets):
        folder = root / "claims" / f"set{i:04d}"
        folder.mkdir()
        (folder / "claims.yaml").write_text(text, "utf-8")
        shutil.copy(MINI / "document.txt", folder / "document.txt")
    return root / "claims"


def bench_shared_bib(sets: int, entries: int, repeat: int) -> None:
    shared = bib_module._parse_shared

    def unshared(text: str, file: str | None) -> bib_module.Bibliography:
        return bib_module.parse_bibliography(text, file=file)

    with tempfile.TemporaryDirectory() as tmp:
        claims = _shared_bib_repo(Path(tmp), sets, entries)
        print(
            f"shared bibliography: {sets} claim files naming one {entries + 2}-entry .bib, "
            f"one process (median CPU s of {repeat})"
        )
        for label, parse in (("parsed once (shipped)", shared), ("parsed per file", unshared)):
            bib_module._parse_shared = parse  # type: ignore[assignment]
            try:
                validate(claims / "set0000", jobs=1)  # imports and caches warm
                seconds = median_seconds(lambda: validate(claims, jobs=1), repeat, CPU)
            finally:
                bib_module._parse_shared = shared
                shared.cache_clear()
            print(f"  {label:<28} {seconds:6.2f} s   {seconds / sets * 1e3:5.1f} ms per file")


COMMANDS = {
    "table md": ["table", "-f", "md"],
    "table html": ["table", "-f", "html"],
    "table csv": ["table", "-f", "csv"],
    "report": ["report"],
}


def bench_one_file(sizes: str, repeat: int, commands: str, base: Path) -> None:
    """Peak RSS, CPU and wall seconds of the commands on one claim file of each size."""
    import bench_one_file as one

    base.mkdir(parents=True, exist_ok=True)
    config = base / "pyproject.toml"
    config.write_text(one.CONFIG, encoding="utf-8")
    wanted = [c.strip() for c in commands.split(",")]
    print(f"commands on one JSON claim file (median of {repeat}; wait4 of a fresh process)")
    print("| command | claims | peak RSS | CPU s | wall s | bytes per claim (above 100 claims) |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        for name in wanted:
            args = [*COMMANDS[name], "--config", str(config)]
            if name == "report":
                args += ["-o", str(out)]
            floor = _command(args, one.corpus(base, 100, 0))[0]
            for size in sizes.split(","):
                claims = one.SIZES[size.strip()]
                folder = one.corpus(base, claims, 0)
                runs = [_command(args, folder) for _ in range(repeat)]
                peak, cpu, wall = (statistics.median(r[i] for r in runs) for i in range(3))
                print(
                    f"| {name} | {claims:,} | {peak / 2**20:,.0f} MB | {cpu:.1f} | {wall:.1f} "
                    f"| {(peak - floor) / claims:,.0f} |",
                    flush=True,
                )


def _command(args: list[str], folder: Path) -> tuple[int, float, float]:
    """Peak RSS (bytes), CPU and wall seconds of ``evidence-claims ARGS folder``."""
    import os
    import subprocess
    import sys

    code = "import sys; from evidence_claims.cli import main; sys.exit(main())"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    began = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-c", code, *args, str(folder)], stdout=sink, stderr=sink, env=env
        )
        _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - began
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{' '.join(args)} {folder} failed")
    return usage.ru_maxrss * 1024, usage.ru_utime + usage.ru_stime, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--one-file", default=None, help="sizes, e.g. 25k,50k,100k")
    parser.add_argument("--commands", default=",".join(COMMANDS), help="with --one-file")
    parser.add_argument(
        "--corpus-dir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "evidence-claims-bench-one-file",
        help="with --one-file: where the corpora are generated and kept (as bench_one_file.py)",
    )
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--sets", type=int, default=300)
    parser.add_argument("--entries", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if args.one_file:
        bench_one_file(args.one_file, args.repeat, args.commands, args.corpus_dir)
        return
    bench_formats(args.claims, args.repeat)
    bench_shared_bib(args.sets, args.entries, args.repeat)


if __name__ == "__main__":
    main()
