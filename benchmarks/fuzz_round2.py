"""Hostile input, round two: output injection and linear time, as figures.

Two families:

- ``injection``: random user text (line breaks of every kind, ESC and other control
  characters, bidi overrides, ``::`` and ``##vso[`` commands, HTML, spreadsheet formulas) placed
  in a caveat's note, an anchor's prefix and the document's title, then rendered by
  ``validate`` (text and github) and ``table`` (md and csv). Counted as failures: a text or
  Markdown line that starts (after blanks) with ``::`` or ``##``, a control character in the
  output, a github line that is not one well-formed command, live HTML in Markdown, a CSV cell
  that starts with ``= + - @`` TAB or CR.
- ``linear``: each piece of work that was quadratic or unbounded, at three sizes n, 2n, 4n
  (median of a few runs): saving a re-anchored claim file, reading a configuration with many
  unknown keys, a bibliography whose entries all name one large ``@string``, and a text report
  of many findings. Doubling the input should at most double the time: the ratios printed
  should stay near 2 (a quadratic step shows 4).

Run: .venv/bin/python benchmarks/fuzz_round2.py [--family injection|linear|all]
     [--count 300] [--seed 0] [--scale 1.0]
Exit status 1 when any injection case fails or a doubling ratio exceeds 3.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import random
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for entry in (ROOT / "src", Path(__file__).resolve().parent):
    if str(entry) not in sys.path:
        sys.path.insert(0, str(entry))

from timing import median_seconds  # noqa: E402

MINI = ROOT / "tests" / "data" / "mini"
PIECES = [
    "\n",
    "\r",
    "\r\n",
    "\x0b",
    "\x0c",
    "\x85",
    "\u2028",
    "\u2029",
    "\x1b[31m",
    "\x1b]8;;x\x07",
    "\x00",
    "\x7f",
    "\u202e",
    "\u2066",
    "::error file=a,line=1::",
    "::add-mask::",
    "##vso[x]",
    "<script>",
    "<img src=x onerror=alert(1)>",
    "[a](javascript:alert(1))",
    "=1+1",
    "+1",
    "-1",
    "@A1",
    "\t",
    "%0A",
    "%",
    ",",
    ":",
    "|",
    "\\",
    "'",
    '"',
    "é",
    "😊",
    " ",
    "text",
]
_GITHUB = re.compile(r"^::(error|warning|notice) [a-z]+=[^,:\r\n]*(,[a-z]+=[^,:\r\n]*)*::[^\r\n]*$")
_LINES = re.compile(r"\r\n|[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069]")


def _payload(rng: random.Random) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 8)))


def _claim_set(folder: Path, note: str, prefix: str, title: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder.parent / ".evidence-claims-root").write_text("")
    for name in ("document.txt", "references.bib"):
        (folder / name).write_bytes((MINI / name).read_bytes())
    text = (MINI / "claims.yaml").read_text("utf-8")
    text = text.replace("title: A small test document", f"title: {json.dumps(title)}")
    text = text.replace("prefix: ''", f"prefix: {json.dumps(prefix[:200])}", 1)
    text = text.replace(
        "    certainty: very_low\n  - id: mini-002",
        "    caveats:\n      - code: inconsistency.challenged_in_set\n"
        f"        note: {json.dumps(note[:2000])}\n    certainty: very_low\n  - id: mini-002",
        1,
    )
    path = folder / "claims.yaml"
    path.write_text(text, "utf-8")
    return path


def _problems(kind: str, output: str) -> list[str]:
    found = []
    if kind == "csv":
        for row in csv.reader(io.StringIO(output)):
            found += [
                f"formula cell {c[:20]!r}" for c in row if c[:1] in ("=", "+", "-", "@", "\t", "\r")
            ]
        return found
    if kind != "github" and _CONTROL.search(output):
        found.append(f"control character {_CONTROL.search(output).group()!r}")  # type: ignore[union-attr]
    # the Actions runner reads its commands line by line at CR and LF only (.NET ReadLine)
    for line in re.split(r"\r\n|[\r\n]", output) if kind == "github" else _LINES.split(output):
        if kind == "github":
            if line and not _GITHUB.match(line):
                found.append(f"malformed command {line[:40]!r}")
        elif line.lstrip().startswith(("::", "##vso", "##[") if kind == "md" else ("::", "##")):
            found.append(f"forged line {line[:40]!r}")  # md: '## ' headings are the table's
    if kind == "md" and re.search(
        r"<(script|img|a |javascript)|(?<!\\)\]\(javascript:", output, re.I
    ):
        found.append("live HTML")
    return found


def injection(count: int, seed: int) -> tuple[int, list[str]]:
    from click.testing import CliRunner

    from evidence_claims.cli import cli

    rng = random.Random(seed)
    runner = CliRunner()
    failures: list[str] = []
    tried = 0
    with tempfile.TemporaryDirectory() as scratch:
        for case in range(count):
            path = _claim_set(
                Path(scratch) / f"c{case}" / "set", _payload(rng), _payload(rng), _payload(rng)
            )
            for kind, args in (
                ("text", ["validate", str(path)]),
                ("github", ["validate", "-f", "github", str(path)]),
                ("md", ["table", str(path)]),
                ("csv", ["table", "-f", "csv", str(path)]),
            ):
                tried += 1
                result = runner.invoke(cli, args)
                if result.exit_code not in (0, 1) or (
                    result.exception and not isinstance(result.exception, SystemExit)
                ):
                    failures.append(f"case {case} {kind}: exit {result.exit_code}")
                    continue
                failures += [f"case {case} {kind}: {p}" for p in _problems(kind, result.stdout)]
    return tried, failures


# --- linear time -----------------------------------------------------------------------------


def _reanchor_work(n: int, scratch: Path) -> Callable[[], object]:
    from click.testing import CliRunner

    from evidence_claims.cli import cli

    folder = scratch / f"reanchor-{n}"
    folder.mkdir()
    (scratch / ".evidence-claims-root").write_text("")
    sentences = [f"Claim number {i} says that kratom helps." for i in range(n)]
    claims, start = [], 0
    for i, sentence in enumerate(sentences):
        claims.append(
            f"  - id: c-{i:06d}\n    text: {sentence}\n"
            f"    anchor: {{start: {start}, end: {start + len(sentence)}}}\n"
            "    kind: claim\n    evidence:\n      type: unsourced_assertion\n"
            "      sources: []\n      basis: none\n"
        )
        start += len(sentence) + 1
    moved = "Preface. " + " ".join(sentences)
    (folder / "document.txt").write_text(moved, "utf-8")
    sha = hashlib.sha256(moved.encode()).hexdigest()
    original = f"document:\n  id: big\n  path: document.txt\n  sha256: {sha}\nclaims:\n" + "".join(
        claims
    )

    def work() -> object:
        (folder / "claims.yaml").write_text(original, "utf-8")
        result = CliRunner().invoke(cli, ["reanchor", str(folder)])
        assert result.exit_code == 0, result.output[-500:]
        assert "start: 9," in (folder / "claims.yaml").read_text("utf-8")
        return result

    return work


def _config_work(n: int, scratch: Path) -> Callable[[], object]:
    from evidence_claims.pipeline.config import load_config

    path = scratch / f"pyproject-{n}.toml"
    keys = "\n".join(f"unknown-{i} = {i}" for i in range(n))
    path.write_text(f"[tool.evidence-claims]\n{keys}\n", "utf-8")
    return lambda: load_config(path)


def _bib_work(n: int, scratch: Path) -> Callable[[], object]:
    """n entries that all name one @string (too short to pass the expansion bound, so the
    whole parse runs; an amplifying one is refused at its first entries, in constant time)."""
    from evidence_claims.io.bib import parse_bibliography

    words = " ".join(["dependence"] * 5)
    entries = "\n".join(f"@article{{e{i}, title = s, year = 2000}}" for i in range(n))
    text = f'@string{{s = "{words}"}}\n{entries}\n'
    return lambda: parse_bibliography(text, file="references.bib")


def _text_report_work(n: int, scratch: Path) -> Callable[[], object]:
    from evidence_claims import Finding, Report
    from evidence_claims.render.formats import format_report

    findings = [
        Finding(
            code="anchor.context-mismatch",
            severity="warning",
            message=f"prefix {i} does not match\n::error::x\x1b[31m",
            file="a.claims.yaml",
            line=i,
            column=1,
        )
        for i in range(n)
    ]
    report = Report(findings=findings, files=["a.claims.yaml"])
    return lambda: format_report(report, "text")


LINEAR: dict[str, tuple[Callable[[int, Path], Callable[[], object]], int]] = {
    "reanchor save (claims)": (_reanchor_work, 1_000),
    "config unknown keys": (_config_work, 10_000),
    "bib @string references (entries)": (_bib_work, 1_000),
    "text report (findings)": (_text_report_work, 20_000),
}


def linear(scale: float) -> list[tuple[str, list[int], list[float]]]:
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        for name, (make, base) in LINEAR.items():
            sizes = [max(1, int(base * scale)) * k for k in (1, 2, 4)]
            times = []
            for n in sizes:
                folder = Path(scratch) / f"{name.split()[0]}-{n}-{time.monotonic_ns()}"
                folder.mkdir()
                work = make(n, folder)
                times.append(median_seconds(work, 3))
            rows.append((name, sizes, times))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--family", choices=("injection", "linear", "all"), default="all")
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    failed = False
    if args.family in ("injection", "all"):
        started = time.perf_counter()
        tried, failures = injection(args.count, args.seed)
        print(
            f"injection: {tried} renderings of {args.count} claim sets, "
            f"{len(failures)} failure(s), {time.perf_counter() - started:.1f} s"
        )
        for line in failures[:20]:
            print(f"  {line}")
        failed |= bool(failures)
    if args.family in ("linear", "all"):
        print("linear time: median of 3 runs at n, 2n, 4n; ratios of doubling (2 is linear)")
        for name, sizes, times in linear(args.scale):
            ratios = [times[i + 1] / times[i] if times[i] else 0.0 for i in range(2)]
            figures = ", ".join(f"{n:,}: {t:.3f} s" for n, t in zip(sizes, times, strict=True))
            print(f"  {name:<34} {figures}; ratios {ratios[0]:.2f}, {ratios[1]:.2f}")
            failed |= max(ratios) > 3
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
