"""Validation on the files people write, side by side with check-jsonschema, per CPU second.

    python benchmarks/bench_realistic.py                  # (a), (b), (c) at 10k, cold starts
    python benchmarks/bench_realistic.py --json-sizes 10k,100k --repeat 5
    python benchmarks/bench_realistic.py --only c --json-sizes 1m --json-shapes small  # 1M claims
    python benchmarks/bench_realistic.py --only none --cold-start-runs 11     # cold starts only

Corpora, generated once into ``--corpus-dir``:

* (a) ``sets``: 200 copies of the bundled claim set ``claims/kratom-addiction`` (YAML claim file,
  ``document.txt`` and ``references.bib`` each), one folder per copy;
* (b) ``one-yaml``: one YAML claim file of 10,004 claims: the bundled file's claims 244 times
  over, each copy's ids (and the relations between them) given a ``-cNNN`` suffix, with the
  bundled document and bibliography;
* (c) ``json``: the synthetic JSON corpora of ``bench_validate.py`` (100 claims per file, and
  10,000 per file); with ``--json-texts unique`` (or ``repeated,unique``) also corpora where no
  two claims share a text (the synthetic vocabulary repeats its sentences, real files do not).

For each corpus, each in a fresh process measured from outside with ``wait4`` (so CPU seconds
and peak memory belong to that command and the processes it waited for, never to this
script): ``evidence-claims validate`` with its default ``--jobs``, the same with ``--jobs 1``,
and ``check-jsonschema --schemafile schemas/claim-file.schema.json`` on the same claim files
(schema only: it checks no anchor, citation or grade). It prints the median wall and CPU
seconds of ``--repeat`` runs, the largest peak resident memory, and check-jsonschema's cost
divided by ours per CPU second and per wall second; then the cold start of ``--help`` and of
validating the bundled set. The machine may be shared: CPU seconds are the figure to compare.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_validate import KRATOM, ROOT, SCHEMA, SIZES, Run, _tool, corpus, measure

COPIES = 200
ONE_FILE_CLAIMS = 10_000


@dataclass
class Row:
    corpus: str
    tool: str
    claims: int
    runs: list[Run] = field(default_factory=list)

    @property
    def wall(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

    @property
    def rss(self) -> int:
        return max(r.max_rss for r in self.runs)


# --- corpora --------------------------------------------------------------------------------


def _fresh(folder: Path) -> bool:
    """Whether ``folder`` must be (re)generated; clears a half-written one."""
    if (folder / "DONE").exists():
        return False
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    (folder / ".evidence-claims-root").write_text("", "utf-8")
    return True


def bundled_copies(base: Path) -> tuple[Path, list[Path], int]:
    """(a): ``COPIES`` copies of the bundled set, one folder each."""
    folder = base / f"kratom-x{COPIES}"
    if _fresh(folder):
        for i in range(COPIES):
            shutil.copytree(KRATOM, folder / f"set{i:03d}")
        (folder / "DONE").write_text("", "utf-8")
    files = sorted(folder.glob("*/claims.yaml"))
    claims = len(files) * _claim_count(KRATOM / "claims.yaml")
    return folder, files, claims


def one_yaml_file(base: Path) -> tuple[Path, list[Path], int]:
    """(b): one YAML claim file of about ``ONE_FILE_CLAIMS`` claims in the bundled style."""
    folder = base / "kratom-one-file-10k"
    each = _claim_count(KRATOM / "claims.yaml")
    copies = -(-ONE_FILE_CLAIMS // each)
    if _fresh(folder):
        text = (KRATOM / "claims.yaml").read_text("utf-8")
        head, body = text.split("\nclaims:\n", 1)
        parts = [head, "\nclaims:\n"]
        for k in range(copies):
            parts.append(
                re.sub(
                    r"\bkratom-addiction-([0-9]{3})\b",
                    lambda m, k=k: f"kratom-addiction-{m.group(1)}-c{k:03d}",
                    body,
                )
            )
        (folder / "claims.yaml").write_text("".join(parts), "utf-8")
        for name in ("document.txt", "references.bib"):
            shutil.copy(KRATOM / name, folder / name)
        (folder / "DONE").write_text("", "utf-8")
    return folder, [folder / "claims.yaml"], copies * each


def _claim_count(path: Path) -> int:
    return sum(1 for line in path.read_text("utf-8").splitlines() if line.startswith("  - id: "))


# --- running --------------------------------------------------------------------------------


def _ours(folder: Path, jobs: str | None) -> list[str]:
    command = [_tool("evidence-claims") or "evidence-claims", "validate", str(folder)]
    return [*command, "--jobs", jobs] if jobs else command


def write_bytecode() -> None:
    """Compile the package's modules once, as an installed package has them: under
    ``PYTHONDONTWRITEBYTECODE`` an editable install would compile every module in every
    measured run (about 0.05 s of CPU a command)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    measure([_tool("evidence-claims") or "evidence-claims", "validate", str(KRATOM)], env=env)


def bench(
    label: str,
    folder: Path,
    files: list[Path],
    claims: int,
    repeat: int,
    cjs_repeat: int,
    serial: bool = True,
) -> list[Row]:
    ours = Row(label, "evidence-claims", claims)
    one = Row(label, "evidence-claims --jobs 1", claims)
    cjs_path = _tool("check-jsonschema") if cjs_repeat > 0 else None
    cjs = Row(label, "check-jsonschema (schema only)", claims)
    # each file is read once to warm the page cache, so that no tool pays for the disk
    for path in files:
        path.read_bytes()
    for i in range(repeat):
        ours.runs.append(measure(_ours(folder, None)))
        if serial:
            one.runs.append(measure(_ours(folder, "1")))
        if cjs_path and i < cjs_repeat:
            cjs.runs.append(
                measure(
                    [cjs_path, "--schemafile", str(SCHEMA), *(str(p) for p in files)],
                    cwd=folder,
                    expect_ok=True,
                )
            )
    return [ours] + ([one] if one.runs else []) + ([cjs] if cjs.runs else [])


def cold_starts(runs: int) -> list[tuple[str, float, float]]:
    """Median wall and CPU seconds of ``--help`` and of validating the bundled set, with the
    store of compiled patterns warm (a folder of its own, filled by the first run) and off
    (``EVIDENCE_CLAIMS_PATTERN_CACHE=off``: a first run on a machine, or a read-only home).
    The commands take turns, ``runs`` rounds, so that a change in the machine's load falls on
    all of them alike."""
    tool = _tool("evidence-claims") or "evidence-claims"
    validate = [tool, "validate", "claims/kratom-addiction"]
    base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory(prefix="evidence-claims-patterns-") as store:
        warm = {**base, "EVIDENCE_CLAIMS_PATTERN_CACHE": store}
        off = {**base, "EVIDENCE_CLAIMS_PATTERN_CACHE": "off"}
        commands = {
            "evidence-claims --help": ([tool, "--help"], warm),
            "evidence-claims validate claims/kratom-addiction (pattern store warm)": (
                validate,
                warm,
            ),
            "evidence-claims validate claims/kratom-addiction (pattern store off)": (
                validate,
                off,
            ),
        }
        for command, env in commands.values():
            measure(command, cwd=ROOT, env=env)  # bytecode written, files cached, store filled
        done: dict[str, list[Run]] = {label: [] for label in commands}
        for _ in range(runs):
            for label, (command, env) in commands.items():
                done[label].append(measure(command, cwd=ROOT, env=env))
    return [
        (
            label,
            statistics.median(r.seconds for r in found),
            statistics.median(r.cpu for r in found),
        )
        for label, found in done.items()
    ]


# --- printing -------------------------------------------------------------------------------


def million_lines(rows: list[Row]) -> list[str]:
    """The target for a million claims: under 60 s of wall time on the machine's cores (the
    default ``--jobs``) and under 2 GB for the largest process."""
    out = []
    for row in rows:
        if row.claims >= 1_000_000 and row.tool == "evidence-claims":
            ok = row.wall < 60 and row.rss < 2e9
            out.append(
                f"{row.corpus}: {row.claims:,} claims in {row.wall:.1f} s wall, "
                f"{row.cpu:.1f} s CPU, peak {row.rss / 1e6:,.0f} MB on {os.cpu_count()} CPUs "
                f"(target < 60 s and < 2 GB: {'met' if ok else 'MISSED'})"
            )
    return out


def table(rows: list[Row]) -> str:
    lines = [
        "| corpus | tool | runs | wall s (median) | CPU s (median) | claims per CPU s | "
        "peak RSS | check-jsonschema / ours, CPU | check-jsonschema / ours, wall |",
        "|" + "---|" * 9,
    ]
    cjs = {r.corpus: r for r in rows if r.tool.startswith("check-jsonschema")}
    for row in rows:
        other = cjs.get(row.corpus)
        if other is not None and other is not row:
            cpu_ratio, wall_ratio = f"{other.cpu / row.cpu:.1f}x", f"{other.wall / row.wall:.1f}x"
        else:
            cpu_ratio = wall_ratio = ""
        lines.append(
            f"| {row.corpus} | {row.tool} | {len(row.runs)} | {row.wall:.2f} | {row.cpu:.2f} | "
            f"{row.claims / row.cpu:,.0f} | {row.rss / 1e6:,.0f} MB | {cpu_ratio} | {wall_ratio} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--cjs-repeat-one-file",
        type=int,
        default=1,
        help="check-jsonschema runs on (b), which take about a minute each",
    )
    parser.add_argument("--json-sizes", default="10k", help="comma list of 10k, 100k, 1m")
    parser.add_argument(
        "--json-shapes",
        default="small,large",
        help="comma list of small (100 claims a file), large (10,000 a file)",
    )
    parser.add_argument(
        "--json-texts",
        default="repeated",
        help="comma list of repeated (the synthetic sentences), unique (no two claims alike)",
    )
    parser.add_argument("--only", default="a,b,c", help="comma list of corpora: a, b, c")
    parser.add_argument(
        "--cjs-max-claims",
        type=int,
        default=100_000,
        help="run check-jsonschema only on JSON corpora of at most this many claims "
        "(it takes about three minutes on a million)",
    )
    parser.add_argument("--cold-start-runs", type=int, default=11, help="rounds of cold starts")
    parser.add_argument(
        "--serial-max-claims",
        type=int,
        default=100_000,
        help="run --jobs 1 only on JSON corpora of at most this many claims",
    )
    parser.add_argument(
        "--no-cjs", action="store_true", help="leave check-jsonschema out (ours only)"
    )
    parser.add_argument(
        "--corpus-dir", type=Path, default=Path(tempfile.gettempdir()) / "evidence-claims-bench"
    )
    args = parser.parse_args(argv)
    only = {s.strip() for s in args.only.split(",")}
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs", flush=True)
    load = os.getloadavg()[0]
    write_bytecode()
    rows: list[Row] = []
    if "a" in only:
        folder, files, claims = bundled_copies(args.corpus_dir)
        label = f"(a) {len(files)} YAML claim sets ({claims:,} claims)"
        print(f"- {label}", file=sys.stderr, flush=True)
        rows += bench(label, folder, files, claims, args.repeat, 0 if args.no_cjs else args.repeat)
    if "b" in only:
        folder, files, claims = one_yaml_file(args.corpus_dir)
        megabytes = files[0].stat().st_size / 1e6
        label = f"(b) one YAML file ({claims:,} claims, {megabytes:.0f} MB)"
        print(f"- {label}", file=sys.stderr, flush=True)
        cjs_repeat = 0 if args.no_cjs else args.cjs_repeat_one_file
        rows += bench(label, folder, files, claims, args.repeat, cjs_repeat)
    if "c" in only:
        for size in (s.strip() for s in args.json_sizes.split(",") if s.strip()):
            for shape, texts in (
                (shape.strip(), texts.strip())
                for shape in args.json_shapes.split(",")
                for texts in args.json_texts.split(",")
                if shape.strip() and texts.strip()
            ):
                unique = texts == "unique"
                folder, files, claims = corpus(args.corpus_dir, size, shape, 0, unique)
                kind = f"{shape} unique" if unique else shape
                label = f"(c) JSON {size} {kind} ({len(files):,} files)"
                print(f"- {label}", file=sys.stderr, flush=True)
                repeat = args.repeat if SIZES[size] <= 100_000 else 1
                cjs_repeat = repeat if claims <= args.cjs_max_claims and not args.no_cjs else 0
                serial = claims <= args.serial_max_claims
                rows += bench(label, folder, files, claims, repeat, cjs_repeat, serial)
    cold = cold_starts(args.cold_start_runs) if args.cold_start_runs else []
    print(f"\nload average before {load:.2f}, after {os.getloadavg()[0]:.2f}\n")
    print(table(rows))
    print()
    for line in million_lines(rows):
        print(f"- {line}")
    for label, wall, cpu in cold:
        print(f"- cold start `{label}`: median {wall:.3f} s wall, {cpu:.3f} s CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
