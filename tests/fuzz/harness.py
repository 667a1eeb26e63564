"""Fuzz targets: one per input format, each run in-process on one generated input.

A target writes the input into a scratch claim set (a root marker, a claim file, its document
and bibliography) and calls the real entry point: ``validation.validate_file`` for claim files
(YAML, JSON), documents and bibliographies (``bib.parse_bibliography`` too), and
``config.load_config`` for pyproject.toml. :func:`check` then holds the result to the contract:

* nothing escapes but a report (an exception is a failure, with the case number to replay);
* every finding has a catalogue code, a severity, a message, a file and a line and column;
* an input that does not load gives at least one error;
* no input takes longer than ``SLOW_SECONDS``.

Cases are numbered: case ``n`` of a format always builds the same input (``random.Random(n)``
chooses the seed file and the mutations), so ``replay(format, n)`` reproduces a failure.
"""

from __future__ import annotations

import json
import random
import shutil
import signal
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evidence_claims.io.bib import parse_bibliography
from evidence_claims.io.claim_file import parse_claim_file
from evidence_claims.io.yaml_style import make_yaml
from evidence_claims.model.report import Finding, Report
from evidence_claims.pipeline.config import load_config
from evidence_claims.pipeline.validation import validate_file
from evidence_claims.render.formats import format_report
from evidence_claims.rules import all_rules
from evidence_claims.rules.catalogue import SEVERITIES

from .mutate import mutate_bytes, mutate_data

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini"
KRATOM = ROOT / "claims" / "kratom-addiction"
BAD = ROOT / "tests" / "data" / "bad"
FORMATS = ("yaml", "json", "bibtex", "document", "config")
SLOW_SECONDS = 5.0
HANG_SECONDS = 30

_CODES = {rule.code for rule in all_rules()}


@dataclass
class Outcome:
    """What one input did: ok, or the failure (kind, detail) and how long it took."""

    format: str
    case: int
    seconds: float
    failure: str | None = None
    detail: str = ""


@dataclass
class Seeds:
    """The valid (and some broken) files that inputs are mutated from, read once."""

    yaml: list[bytes] = field(default_factory=list)
    json: list[bytes] = field(default_factory=list)
    data: list[Any] = field(default_factory=list)
    bibtex: list[bytes] = field(default_factory=list)
    document: list[tuple[bytes, bytes, bytes]] = field(default_factory=list)
    config: list[bytes] = field(default_factory=list)


CONFIG_SEED = b"""[project]
name = "example"

[tool.evidence-claims]
select = ["anchor", "cite", "indirectness"]
ignore = ["coverage.uncovered-text"]
fail-level = "error"

[tool.evidence-claims.severity]
"wording.overclaim" = "error"

[tool.evidence-claims.limits]
max-file-bytes = 20_000_000
max-depth = 32
max-aliases = 100
"""


def load_seeds() -> Seeds:
    seeds = Seeds()
    mini_yaml = (MINI / "claims.yaml").read_bytes()
    kratom_yaml = (KRATOM / "claims.yaml").read_bytes()
    mini = parse_claim_file(MINI / "claims.yaml").data
    kratom = parse_claim_file(KRATOM / "claims.yaml").data
    small_kratom = dict(kratom, claims=kratom["claims"][:10])
    seeds.data = [mini, small_kratom]
    # mostly small files, so that 100,000 inputs take minutes; the large set once in ~50
    seeds.yaml = [mini_yaml] * 5 + [p.read_bytes() for p in sorted(BAD.glob("*.claims.yaml"))]
    seeds.yaml.append(kratom_yaml)
    seeds.json = [json.dumps(mini, indent=2).encode(), json.dumps(small_kratom).encode()]
    seeds.json += [p.read_bytes() for p in sorted(BAD.glob("*.claims.json"))]
    seeds.bibtex = [
        (MINI / "references.bib").read_bytes(),
        (KRATOM / "references.bib").read_bytes(),
        (BAD / "broken.bib").read_bytes(),
        (BAD / "duplicate.bib").read_bytes(),
    ]
    mini_json = json.dumps(mini, indent=2).encode()
    kratom_json = json.dumps(kratom).encode()
    mini_set = (
        mini_json,
        (MINI / "document.txt").read_bytes(),
        (MINI / "references.bib").read_bytes(),
    )
    seeds.document = [
        *[mini_set] * 4,
        (
            kratom_json,
            (KRATOM / "document.txt").read_bytes(),
            (KRATOM / "references.bib").read_bytes(),
        ),
    ]
    seeds.config = [CONFIG_SEED, (ROOT / "pyproject.toml").read_bytes()]
    return seeds


# --- building inputs ---------------------------------------------------------------------------


def _yaml_text(data: Any) -> bytes:
    import io

    buffer = io.StringIO()
    make_yaml().dump(data, buffer)
    return buffer.getvalue().encode("utf-8")


def build_input(fmt: str, case: int, seeds: Seeds) -> dict[str, bytes]:
    """The scratch files (name -> bytes) of case ``case`` of format ``fmt``."""
    rng = random.Random(f"{fmt}:{case}")
    mini = {
        "document.txt": (MINI / "document.txt").read_bytes(),
        "references.bib": (MINI / "references.bib").read_bytes(),
    }
    if fmt in ("yaml", "json"):
        structural = rng.random() < 0.35
        if structural:
            data = mutate_data(rng.choice(seeds.data), rng)
            raw = _yaml_text(data) if fmt == "yaml" else json.dumps(data).encode()
            if rng.random() < 0.3:
                raw = mutate_bytes(raw, rng, steps=1)
        else:
            raw = mutate_bytes(rng.choice(getattr(seeds, fmt)), rng)
        return {**mini, f"claims.{fmt}": raw}
    if fmt == "bibtex":
        claims = json.dumps(seeds.data[0]).encode()
        return {**mini, "claims.json": claims, "references.bib": _bib(rng, seeds)}
    if fmt == "document":
        claims, document, bib = rng.choice(seeds.document)
        return {
            "claims.json": claims,
            "document.txt": mutate_bytes(document, rng),
            "references.bib": bib,
        }
    if fmt == "config":
        return {"pyproject.toml": mutate_bytes(rng.choice(seeds.config), rng)}
    raise ValueError(fmt)


def _bib(rng: random.Random, seeds: Seeds) -> bytes:
    if rng.random() < 0.3:  # entries assembled from pieces, some of them broken
        parts = []
        for _ in range(rng.randint(1, 6)):
            kind = rng.choice([b"article", b"book", b"misc", b"string", b"comment", b"", b"@"])
            key = rng.choice([b"suwanlert1975", b"matsumoto2005", b"k", b"", b"a b", b"{"])
            fields = b",\n".join(
                rng.choice([b"title", b"author", b"year", b"title", b""])
                + b" = "
                + rng.choice([b"{x}", b'"y"', b"{{a}", b"1975", b"{", b'"', b"a # b", b""])
                for _ in range(rng.randint(0, 4))
            )
            parts.append(b"@" + kind + b"{" + key + b",\n" + fields + rng.choice([b"\n}", b""]))
        return b"\n\n".join(parts)
    return mutate_bytes(rng.choice(seeds.bibtex), rng)


# --- running and checking ----------------------------------------------------------------------


class _Hang(Exception):
    pass


def _alarm(_signum: int, _frame: Any) -> None:
    raise _Hang


def run_case(fmt: str, case: int, seeds: Seeds, scratch: Path) -> Outcome:
    """Build case ``case`` of ``fmt`` in ``scratch`` (emptied first), run it and check it."""
    inputs = build_input(fmt, case, seeds)
    if scratch.exists():
        shutil.rmtree(scratch)
    scratch.mkdir(parents=True)
    (scratch / ".evidence-claims-root").write_bytes(b"")
    for name, raw in inputs.items():
        (scratch / name).write_bytes(raw)
    use_alarm = hasattr(signal, "SIGALRM")
    if use_alarm:
        previous = signal.signal(signal.SIGALRM, _alarm)
        signal.alarm(HANG_SECONDS)
    started = time.perf_counter()
    try:
        problems = _TARGETS[fmt](scratch, inputs)
        failure, detail = (problems[0], "; ".join(problems[1:])) if problems else (None, "")
    except _Hang:
        failure, detail = "hang", f"no answer after {HANG_SECONDS} s"
    except Exception as exc:  # the point of fuzzing: anything here is a bug
        frames = traceback.extract_tb(exc.__traceback__)
        where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
        failure, detail = f"exception {type(exc).__name__}", f"{where}: {str(exc)[:200]}"
    finally:
        if use_alarm:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)
    seconds = time.perf_counter() - started
    if failure is None and seconds > SLOW_SECONDS:
        failure, detail = "slow", f"{seconds:.1f} s"
    return Outcome(fmt, case, seconds, failure, detail)


def check_findings(findings: list[Finding], loaded: bool) -> list[str]:
    """Contract violations of a list of findings (empty when it holds)."""
    problems = []
    for f in findings:
        if f.code not in _CODES:
            problems.append(f"unknown code {f.code}")
        if f.severity not in SEVERITIES or not f.message:
            problems.append(f"{f.code}: bad severity or empty message")
        if not f.file or not isinstance(f.line, int) or f.line < 1:
            problems.append(f"{f.code}: not located ({f.file}:{f.line}:{f.column})")
        elif not isinstance(f.column, int) or f.column < 1:
            problems.append(f"{f.code}: no column ({f.file}:{f.line}:{f.column})")
    if not loaded and not any(f.severity == "error" for f in findings):
        problems.append("not loaded, yet no error")
    return ["contract", *problems] if problems else []


def _claim_file_target(scratch: Path, inputs: dict[str, bytes]) -> list[str]:
    name = next(n for n in inputs if n.startswith("claims."))
    cs, report = validate_file(scratch / name, root=scratch)
    return check_findings(report.findings, cs is not None) or check_printable(report)


def check_printable(report: Report) -> list[str]:
    """Every output format of the report can be written as UTF-8 (a lone surrogate from an
    escape in the input once made printing fail after validation had succeeded). The text and
    JSON formats carry every string the others do."""
    for name in ("text", "json"):
        try:
            format_report(report, name).encode("utf-8")
        except UnicodeEncodeError as exc:
            return ["contract", f"{name} output is not UTF-8: {exc}"]
    return []


def _bibtex_target(scratch: Path, inputs: dict[str, bytes]) -> list[str]:
    problems = _claim_file_target(scratch, inputs)
    text = inputs["references.bib"].decode("utf-8", errors="replace")
    bib = parse_bibliography(text, file="references.bib")
    return problems or check_findings(bib.findings, True)


def _config_target(scratch: Path, _inputs: dict[str, bytes]) -> list[str]:
    _config, findings = load_config(scratch / "pyproject.toml")
    return check_findings(findings, True)


_TARGETS: dict[str, Callable[[Path, dict[str, bytes]], list[str]]] = {
    "yaml": _claim_file_target,
    "json": _claim_file_target,
    "bibtex": _bibtex_target,
    "document": _claim_file_target,
    "config": _config_target,
}


def replay(fmt: str, case: int, scratch: Path) -> Outcome:
    """Run one case again (to debug a failure printed by the fuzz run)."""
    return run_case(fmt, case, load_seeds(), scratch)
