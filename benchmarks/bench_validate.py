"""Validation throughput and memory on synthetic claim corpora, side by side with other tools.

    python benchmarks/bench_validate.py                      # 10k and 100k claims, both shapes
    python benchmarks/bench_validate.py --sizes 10k --repeat 3   # a quick run
    python benchmarks/bench_validate.py --sizes 1m --repeat 1    # the million-claim target

For every corpus (``small``: 100 claims per file; ``large``: 10,000 claims per file) it runs,
each in a fresh process, measured from outside:

* ``raw parse``: ``json.loads`` of every claim file, nothing else (one core) -- the floor;
* ``evidence-claims``: the command line, ``evidence-claims validate`` on the corpus folder (load,
  schema, document and bibliography checks, assessment; all cores);
* ``check-jsonschema``: the same claim files against ``schemas/claim-file.schema.json`` (schema
  only: it cannot check anchors, citations or grades). Install it with ``pip install -e
  ".[bench]"``; it is skipped with a note when absent;
* ``evidence-claims`` with ``--cache-dir``: cold (the cache emptied before each run, so every
  result is computed and stored) and warm (every file's result reused, as in a CI run where
  nothing changed). ``--no-cache-rows`` leaves these out.

It prints claims per second (median of ``--repeat`` runs), the peak resident memory of the
largest process (``wait4``) and the peak of all processes of the run added up (sampled from
/proc every 50 ms, Linux only), then the command line's cold start on the bundled example and
the project's targets with the measured ratios. Corpora are generated once and kept in
``--corpus-dir`` (default: a folder in the system temporary directory).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from evidence_claims.testing.synthetic import CorpusShape, write_corpus  # noqa: E402

SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}
SHAPES = {"small": 100, "large": 10_000}
SCHEMA = ROOT / "schemas" / "claim-file.schema.json"
KRATOM = ROOT / "claims" / "kratom-addiction"
PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096

RAW_PARSE = """
import json, sys
n = 0
for line in open(sys.argv[1], encoding="utf-8"):
    with open(line.rstrip("\\n"), "rb") as handle:
        n += len(json.loads(handle.read())["claims"])
print(n)
"""


@dataclass
class Run:
    seconds: float
    cpu: float  # user + system seconds of the process and every process it waited for
    max_rss: int  # bytes, the largest single process (wait4)
    tree_rss: int  # bytes, all processes of the run added up (sampled); 0 when unknown
    returncode: int


@dataclass
class Row:
    tool: str
    corpus: str
    claims: int
    runs: list[Run] = field(default_factory=list)
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def rate(self) -> float:
        return self.claims / self.median

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

    @property
    def max_rss(self) -> int:
        return max(r.max_rss for r in self.runs)

    @property
    def tree_rss(self) -> int:
        return max(r.tree_rss for r in self.runs)


# --- measuring ------------------------------------------------------------------------------


def _children_of() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        # the command name is in parentheses and may hold spaces: split after the last ')'
        ppid = int(stat[stat.rfind(b")") + 2 :].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    return children


def _tree_rss(pid: int) -> int:
    children = _children_of()
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/statm", "rb") as handle:
                total += int(handle.read().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            pass
        stack.extend(children.get(current, ()))
    return total


def measure(
    command: list[str],
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    expect_ok: bool = False,
) -> Run:
    """Run a command in a fresh process; wall and CPU time, peak RSS (largest process, sum)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    peak = [0]
    done = threading.Event()
    sampling = os.path.isdir("/proc")

    def sample() -> None:
        while not done.wait(0.05):
            peak[0] = max(peak[0], _tree_rss(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True) if sampling else None
    if sampler is not None:
        sampler.start()
    assert proc.stderr is not None
    stderr = proc.stderr.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    done.set()
    if sampler is not None:
        sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in ((0,) if expect_ok else (0, 1)):
        raise RuntimeError(f"{command[:3]} failed ({proc.returncode}): {stderr[-2000:]}")
    # ru_maxrss is in kilobytes on Linux (bytes on macOS)
    scale = 1 if sys.platform == "darwin" else 1024
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, cpu, usage.ru_maxrss * scale, peak[0], proc.returncode)


# --- corpora --------------------------------------------------------------------------------


def corpus(
    base: Path, size: str, shape: str, seed: int, unique: bool = False
) -> tuple[Path, list[Path], int]:
    """The corpus folder, its claim files and its claim count (generated on first use); with
    ``unique``, no two claims share a text (the synthetic vocabulary repeats sentences)."""
    claims = SIZES[size]
    folder = base / f"{shape}-{size}-seed{seed}{'-unique' if unique else ''}"
    listing = folder / "FILES"
    if not listing.exists():
        if folder.exists():
            shutil.rmtree(folder)
        began = time.perf_counter()
        print(f"  generating {folder} ...", file=sys.stderr, flush=True)
        files = list(
            write_corpus(folder, CorpusShape(claims, SHAPES[shape]), seed=seed, unique_texts=unique)
        )
        (folder / "FILES.tmp").write_text("".join(f"{p}\n" for p in files), encoding="utf-8")
        os.replace(folder / "FILES.tmp", listing)
        print(f"  ... {time.perf_counter() - began:.1f} s", file=sys.stderr, flush=True)
    files = [Path(line) for line in listing.read_text(encoding="utf-8").splitlines()]
    return folder, files, claims


def _tool(name: str) -> str | None:
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


# --- the tools ------------------------------------------------------------------------------


RAW, OURS, CJS = "raw parse (json.loads, 1 core)", "evidence-claims validate", "check-jsonschema"
COLD, WARM = "evidence-claims --cache-dir, cold", "evidence-claims --cache-dir, warm"


def bench_corpus(
    folder: Path,
    files: list[Path],
    claims: int,
    label: str,
    repeat: int,
    jobs: str | None,
    cache_base: Path | None = None,
) -> list[Row]:
    rows = []
    listing = folder / "FILES"
    raw = Row(RAW, label, claims)
    ours = Row(OURS, label, claims)
    command = [_tool("evidence-claims") or sys.executable, "validate", str(folder)]
    if command[0] == sys.executable:
        command[1:1] = ["-m", "evidence_claims.cli"]
    if jobs:
        command += ["--jobs", jobs]
    cjs_path = _tool("check-jsonschema")
    cjs = Row(f"{CJS} (schema only)", label, claims)
    for _ in range(repeat):
        raw.runs.append(measure([sys.executable, "-c", RAW_PARSE, str(listing)]))
        ours.runs.append(measure(command))
        if cjs_path:
            cjs.runs.append(
                measure(
                    # as a user runs it: the schema's patterns are valid in both ECMA-262
                    # (check-jsonschema's default) and Python's re
                    [cjs_path, "--schemafile", str(SCHEMA)] + [str(p) for p in files],
                    cwd=folder,
                    expect_ok=True,
                )
            )
    rows += [raw, ours]
    if cjs_path:
        rows.append(cjs)
    else:
        print("  check-jsonschema not installed: pip install -e '.[bench]'", file=sys.stderr)
    if cache_base is not None:
        cache = cache_base / folder.name
        cached = [*command, "--cache-dir", str(cache)]
        cold, warm = Row(COLD, label, claims), Row(WARM, label, claims)
        for _ in range(repeat):
            shutil.rmtree(cache, ignore_errors=True)
            cold.runs.append(measure(cached))
        for _ in range(repeat):
            warm.runs.append(measure(cached))
        shutil.rmtree(cache, ignore_errors=True)
        rows += [cold, warm]
    return rows


def cold_start(runs: int) -> dict[str, tuple[float, float]]:
    """Median wall and CPU time of validating the bundled example, console script and ``-m``."""
    results = {}
    commands = {
        "evidence-claims validate claims/kratom-addiction": [
            _tool("evidence-claims") or "evidence-claims",
            "validate",
            "claims/kratom-addiction",
        ],
        "python -m evidence_claims.cli validate claims/kratom-addiction": [
            sys.executable,
            "-m",
            "evidence_claims.cli",
            "validate",
            "claims/kratom-addiction",
        ],
    }
    # Write bytecode once (an installed package has it; an editable one under
    # PYTHONDONTWRITEBYTECODE would compile every module on every run) and warm the file cache.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for label, command in commands.items():
        measure(command, cwd=ROOT, env=env)
        runs_ = [measure(command, cwd=ROOT) for _ in range(runs)]
        results[label] = (
            statistics.median(r.seconds for r in runs_),
            statistics.median(r.cpu for r in runs_),
        )
    return results


# --- printing -------------------------------------------------------------------------------


def _mb(value: int) -> str:
    return f"{value / 1e6:,.0f} MB" if value else "n/a"


def table(rows: list[Row]) -> str:
    head = (
        "| corpus | tool | runs | median s | claims/s | vs raw parse | CPU s | CPU µs/claim | "
        "peak RSS (largest) | peak RSS (all processes) |"
    )
    lines = [head, "|" + "---|" * 10]
    raw_rate = {r.corpus: r.rate for r in rows if r.tool == RAW}
    for row in rows:
        ratio = row.rate / raw_rate[row.corpus] if row.corpus in raw_rate else float("nan")
        lines.append(
            f"| {row.corpus} | {row.tool} | {len(row.runs)} | {row.median:.2f} | "
            f"{row.rate:,.0f} | {ratio:.2f}x | {row.cpu:.1f} | {row.cpu / row.claims * 1e6:.0f} | "
            f"{_mb(row.max_rss)} | {_mb(row.tree_rss)} |"
        )
    return "\n".join(lines)


def targets(rows: list[Row], cold: dict[str, tuple[float, float]]) -> list[str]:
    out = []
    by = {(r.corpus, r.tool): r for r in rows}
    for corpus_label in dict.fromkeys(r.corpus for r in rows):
        raw, ours = by.get((corpus_label, RAW)), by.get((corpus_label, OURS))
        cjs = by.get((corpus_label, f"{CJS} (schema only)"))
        warm = by.get((corpus_label, WARM))
        if raw and ours:
            ratio = ours.rate / raw.rate
            out.append(
                f"{corpus_label}: validate+assess / raw parse = {ratio:.2f} "
                f"(target >= 0.33: {'met' if ratio >= 1 / 3 else 'MISSED'})"
            )
        if cjs and ours:
            speedup = cjs.median / ours.median
            out.append(
                f"{corpus_label}: check-jsonschema time / ours = {speedup:.1f}x "
                f"(target >= 5x: {'met' if speedup >= 5 else 'MISSED'})"
            )
        if cjs and warm:
            out.append(
                f"{corpus_label}: with a warm --cache-dir, check-jsonschema time / ours = "
                f"{cjs.median / warm.median:.1f}x"
            )
        if ours and ours.claims >= 1_000_000:
            ok = ours.median < 60 and max(ours.tree_rss, ours.max_rss) < 2e9
            out.append(
                f"{corpus_label}: 1M claims in {ours.median:.1f} s, peak "
                f"{_mb(max(ours.tree_rss, ours.max_rss))} (target < 60 s and < 2 GB: "
                f"{'met' if ok else 'MISSED'})"
            )
    for label, (seconds, cpu) in cold.items():
        out.append(
            f"cold start `{label}`: median {seconds:.3f} s wall, {cpu:.3f} s CPU "
            f"(target < 0.5 s: {'met' if seconds < 0.5 else 'MISSED'})"
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10k,100k", help="comma list of 10k, 100k, 1m")
    parser.add_argument("--shapes", default="small,large", help="comma list of small, large")
    parser.add_argument(
        "--repeat", type=int, default=None, help="runs per tool (default: 5 for 10k, 3 above)"
    )
    parser.add_argument("--jobs", default=None, help="passed to evidence-claims --jobs")
    parser.add_argument("--cold-start-runs", type=int, default=10)
    parser.add_argument(
        "--no-cache-rows", action="store_true", help="leave out the --cache-dir runs"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--corpus-dir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "evidence-claims-bench",
        help="where generated corpora are kept between runs",
    )
    args = parser.parse_args(argv)
    sizes = [s.strip().lower() for s in args.sizes.split(",") if s.strip()]
    shapes = [s.strip().lower() for s in args.shapes.split(",") if s.strip()]
    for size in sizes:
        if size not in SIZES:
            parser.error(f"unknown size {size!r}; choose from {', '.join(SIZES)}")
    for shape in shapes:
        if shape not in SHAPES:
            parser.error(f"unknown shape {shape!r}; choose from {', '.join(SHAPES)}")

    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs", flush=True)
    load_before = os.getloadavg() if hasattr(os, "getloadavg") else None
    rows: list[Row] = []
    for size in sizes:
        for shape in shapes:
            folder, files, claims = corpus(args.corpus_dir, size, shape, args.seed)
            megabytes = sum(p.stat().st_size for p in files) / 1e6
            label = f"{size} {shape} ({len(files):,} files, {megabytes:,.0f} MB JSON)"
            repeat = args.repeat or (5 if SIZES[size] <= 10_000 else 3 if size == "100k" else 1)
            print(f"- {label}: {repeat} run(s) per tool", file=sys.stderr, flush=True)
            cache_base = None if args.no_cache_rows else args.corpus_dir / "result-caches"
            rows += bench_corpus(folder, files, claims, label, repeat, args.jobs, cache_base)
    cold = cold_start(args.cold_start_runs) if args.cold_start_runs > 0 else {}
    print()
    if load_before is not None:
        load_after = os.getloadavg()
        print(
            f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f} "
            "(other work on the machine slows wall times; CPU seconds are not affected)"
        )
        print()
    print(table(rows))
    print()
    for line in targets(rows, cold):
        print(f"- {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
