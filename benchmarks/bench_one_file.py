"""Memory of one big JSON claim file: peak RSS and bytes per claim at several sizes.

Run: python benchmarks/bench_one_file.py [--sizes 100k,1m] [--repeat 1] [--stages] [--jobs 1]
     python benchmarks/bench_one_file.py --sizes 100k,1m --per-file 100 --jobs 0  # many files

For each size, one JSON claim file of that many claims (the synthetic corpus of
``evidence_claims.testing.synthetic``, as ``bench_validate.py`` builds it, in one file) is
validated by ``evidence-claims validate -f json --jobs 1`` in a fresh process (a file of
32 MB or more is validated a chunk at a time: ``evidence_claims.pipeline.stream``), with the limits
raised so that the file is read (a configuration file next to the corpus). The process is
measured from outside with ``wait4``: peak RSS, CPU and wall seconds; with ``--jobs`` other
than 1 the peak is the largest process's, and the proportional set size of all the processes
together is sampled from ``/proc`` (Linux). The load average after each size is printed
beside it: the machine may be shared. Bytes per claim are the peak
above the same command's peak on a 100-claim file (the interpreter, imports and
models), divided by the claims; a linear loader keeps that figure flat as the file grows.

``--per-file N`` measures the same number of claims in files of N claims each instead (the
``small`` corpora of ``bench_validate.py`` at 100): the same command, the same figures.

``--stages`` also loads each file in this process and prints the resident memory after
loading and after the checks and the assessment (``ru_maxrss`` and current RSS), to show which
part holds the peak.

``--phases`` (with ``--jobs 0`` or more than 1) also validates each file once more in a fresh
process and prints the CPU seconds of the calling process and of its workers in each phase
(the first reading, the second, sorting, writing the JSON report): with one worker (two
CPUs) the larger share of each phase, added up, is about the wall time of a machine with a
free core per process, a figure a shared machine's wall time cannot give.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SIZES = {
    "100": 100,
    "10k": 10_000,
    "25k": 25_000,
    "50k": 50_000,
    "100k": 100_000,
    "200k": 200_000,
    "300k": 300_000,
    "1m": 1_000_000,
}
CONFIG = """[tool.evidence-claims.limits]
max-file-bytes = 4_000_000_000
max-claims = 10_000_000
max-nodes = 1_000_000_000
"""


_CLI = "import sys; from evidence_claims.cli import main; sys.exit(main())"
SRC = ROOT / "src"  # the source tree measured (--src: another checkout, to compare)


def corpus(base: Path, claims: int, seed: int, per_file: int = 0) -> Path:
    """The folder of one claim file of ``claims`` claims, or with ``per_file`` of files of
    that many claims each (generated on first use)."""
    per_file = per_file or claims
    name = f"one-{claims}" if per_file == claims else f"files-{claims}-per{per_file}"
    folder = base / f"{name}-seed{seed}"
    done = folder / "DONE"
    if not done.exists():
        print(f"  generating {folder} ...", file=sys.stderr, flush=True)
        # in a process of its own: a child's peak RSS counts the memory of the process that
        # started it, and generating a large corpus here would inflate every figure after it
        code = (
            "import sys; from pathlib import Path; "
            "from evidence_claims.testing.synthetic import CorpusShape, write_corpus; "
            "n, per = int(sys.argv[2]), int(sys.argv[4]); "
            "list(write_corpus(Path(sys.argv[1]), CorpusShape(n, per), seed=int(sys.argv[3])))"
        )
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        command = [sys.executable, "-c", code, str(folder), str(claims), str(seed), str(per_file)]
        subprocess.run(command, env=env, check=True)
        done.touch()
    return folder.resolve()  # a corpus kept elsewhere may be linked here: validate its files


def _tree_pss(pid: int) -> int:
    """Proportional set size (bytes) of ``pid`` and its descendants, from ``/proc`` (Linux;
    0 elsewhere): pages that forked processes share are counted once, not once each."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        for line in rollup.splitlines():
            if line.startswith("Pss:"):
                total += int(line.split()[1]) * 1024
        todo.extend(int(child) for child in children)
    return total


def run(folder: Path, config: Path, jobs: int = 1) -> tuple[int, float, float, int]:
    """Peak RSS (bytes), CPU and wall seconds of one ``validate`` of ``folder`` in a fresh
    process (with ``--jobs``, the largest of its processes: ``ru_maxrss`` of the children),
    and the largest proportional set size of all its processes together (sampled every
    0.2 s; 0 where ``/proc`` does not give it)."""
    command = [sys.executable, "-c", _CLI, "validate", "-f", "json", "--jobs", str(jobs)]
    command += ["--config", str(config), str(folder)]
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    began = time.perf_counter()
    together = 0
    with open(os.devnull, "wb") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=sink, env=env)
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            together = max(together, _tree_pss(process.pid))
            time.sleep(0.2)
    wall = time.perf_counter() - began
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise SystemExit(f"validate {folder} exited with {process.returncode}")
    return usage.ru_maxrss * 1024, usage.ru_utime + usage.ru_stime, wall, together


def stages(folder: Path) -> str:
    """Resident memory after loading and after the checks, measured in a fresh process."""
    code = f"""
import resource
from pathlib import Path
from evidence_claims.io.limits import Limits
from evidence_claims.io.loader import load_claim_file
from evidence_claims.pipeline.validation import check_loaded

def mb():
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    now = int(open("/proc/self/statm").read().split()[1]) * 4096 // 2**20
    return f"peak {{peak}} MB, now {{now}} MB"

print("imports:", mb())
path = next(Path({str(folder)!r}).rglob("claims.json"))
limits = Limits(max_file_bytes=4_000_000_000, max_claims=10**7, max_nodes=10**9)
loaded = load_claim_file(path, limits=limits)
print("loaded:", mb())
cs = loaded.claim_set
cs.load_findings = list(loaded.findings)
report = check_loaded(cs, path)
print("checked and assessed:", mb())
"""
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    return result.stdout


_PHASES = """
import os, resource, sys, time
from pathlib import Path
from evidence_claims.io.limits import Limits
from evidence_claims.pipeline import stream as S
from evidence_claims.pipeline.parallel import gc_paused
from evidence_claims.pipeline.stream_chunks import SecondReading
from evidence_claims.render.formats import report_chunks

def cpu():
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)  # workers, once the pool is joined
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime

rows = []

def phase(name, fn):
    def timed(*args, **kwargs):
        began, (me, kids) = time.perf_counter(), cpu()
        result = fn(*args, **kwargs)
        me2, kids2 = cpu()
        rows.append((name, me2 - me, kids2 - kids, time.perf_counter() - began))
        return result
    return timed

if hasattr(S, "shared_first_reading"):
    S.shared_first_reading = phase("first reading", S.shared_first_reading)
else:  # the code before the first reading was shared
    S.first_reading = phase("first reading", S.first_reading)
SecondReading.run = phase("second reading", SecondReading.run)
limits = Limits(max_file_bytes=4_000_000_000, max_claims=10**7, max_nodes=10**9)
with gc_paused():
    report = S.stream_report(Path(sys.argv[1]), limits=limits, jobs=int(sys.argv[2]), min_bytes=0)
    report = phase("sort", report.sorted)()
    def write():
        with open(os.devnull, "w") as sink:
            for piece in report_chunks(report, "json"):
                sink.write(piece)
    phase("JSON report written", write)()
path = 0.0
for name, me, kids, wall in rows:
    path += max(me, kids)
    print(f"{name}: caller {me:.2f} s, workers {kids:.2f} s of CPU ({wall:.2f} s wall)")
print(f"the larger share of each phase, added up: {path:.2f} s")
"""


def phases(folder: Path, jobs: int) -> str:
    """CPU seconds of the calling process and of its workers in each phase of one streamed
    file: on a machine with a free core for each of two processes, a shared phase takes about
    the larger of the two, whatever the load was when it was measured."""
    path = next(folder.rglob("claims.json"))
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    result = subprocess.run(
        [sys.executable, "-c", _PHASES, str(path), str(jobs)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return result.stdout


def main(argv: list[str] | None = None) -> int:
    global SRC
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100k,1m", help=f"comma list of {', '.join(SIZES)}")
    parser.add_argument("--repeat", type=int, default=1, help="runs per size (median)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=1, help="validate --jobs (0: automatic)")
    parser.add_argument(
        "--per-file",
        type=int,
        default=0,
        help="claims per file: many files instead of one (e.g. 100, as bench_validate's small)",
    )
    parser.add_argument("--stages", action="store_true", help="also print memory per stage")
    parser.add_argument(
        "--phases",
        action="store_true",
        help="also print each phase's CPU in the caller and in its workers (with --jobs)",
    )
    parser.add_argument(
        "--corpus-dir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "evidence-claims-bench-one-file",
        help="where the corpora are generated and kept",
    )
    parser.add_argument("--src", type=Path, default=SRC, help="source tree to measure")
    args = parser.parse_args(argv)
    if args.per_file and (args.stages or args.phases):
        parser.error("--stages and --phases measure one file: not with --per-file")
    SRC = args.src.resolve()
    base = args.corpus_dir
    base.mkdir(parents=True, exist_ok=True)
    config = base / "pyproject.toml"
    config.write_text(CONFIG, encoding="utf-8")
    floor = run(corpus(base, 100, args.seed), config)[0]
    print(f"floor: validate of a 100-claim file peaks at {floor / 2**20:,.0f} MB")
    print(f"source: {SRC}; runs per size: {args.repeat} (medians)")
    print(
        "| claims | file MB | peak RSS | all processes (PSS) | CPU s | wall s "
        "| bytes per claim (above the floor) | load average |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for name in args.sizes.split(","):
        claims = SIZES[name.strip()]
        folder = corpus(base, claims, args.seed, args.per_file)
        size = sum(p.stat().st_size for p in folder.rglob("claims.json"))
        runs = [run(folder, config, args.jobs) for _ in range(args.repeat)]
        peak = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        wall = statistics.median(r[2] for r in runs)
        together = max(r[3] for r in runs)
        per_claim = (peak - floor) / claims
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(
            f"| {claims:,} | {size / 1e6:,.0f} | {peak / 2**20:,.0f} MB "
            f"| {together / 2**20:,.0f} MB | {cpu:.1f} | {wall:.1f} | {per_claim:,.0f} "
            f"| {load:.1f} |",
            flush=True,
        )
        if args.stages:
            for line in stages(folder).splitlines():
                print(f"    {line}")
        if args.phases:
            for line in phases(folder, args.jobs).splitlines():
                print(f"    {line}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
