"""The per-claim floor of validation: what a claim costs with nothing to read, with its text
only, with its cited entries only, and whole.

From one JSON claim file (with its document and bibliography) this writes four variants beside
each other in ``--out`` and measures each stage on each (``bench_stages.one_run``: load,
checks, assessment with the part spent locating findings, text report; µs per claim, best of
``--repeat`` runs, the cyclic collector paused):

- ``fixed``: every claim's text is "No." and it has no cues, sources, caveats, relations or
  suppressions (the engine's own cost per claim: its kind and source type only);
- ``text``: the claims' own texts and cues, no sources, caveats, relations or suppressions;
- ``sources``: the text "No.", with the claims' sources, caveats and relations;
- ``full``: the file as it is.

The texts of ``fixed`` and ``sources`` no longer match their anchors, so the checks report
every claim there (about 0.7 ms each, finding the nearest quote): compare the checks on
``text`` and ``full`` only.

For counts of instructions, which the load of a shared machine does not move, run one stage
of one variant under valgrind (``--stage load|checks|assess|report --variant NAME``, one run,
nothing printed) and subtract the run of ``--stage load``:

    valgrind --tool=callgrind python benchmarks/bench_floor.py FILE --stage assess --variant full

Usage: python benchmarks/bench_floor.py <claims.json> [--out DIR] [--repeat 3]
"""

from __future__ import annotations

import argparse
import gc
import json
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_stages import best_of, report_of, time_locating

from evidence_claims.assessment import assess_claim_set
from evidence_claims.checks.cross_field import run_checks
from evidence_claims.io.loader import load_claim_file
from evidence_claims.render.text_format import text_lines

Claim = dict[str, Any]


def _fixed(claim: Claim) -> None:
    _no_text(claim)
    _no_sources(claim)


def _no_text(claim: Claim) -> None:
    claim["text"] = "No."
    claim.pop("hedges", None)
    claim.pop("boosters", None)


def _no_sources(claim: Claim) -> None:
    claim["evidence"]["sources"] = []
    for name in ("caveats", "relations", "suppress"):
        claim.pop(name, None)


VARIANTS: dict[str, Callable[[Claim], None]] = {
    "fixed": _fixed,
    "text": _no_sources,
    "sources": _no_text,
    "full": lambda claim: None,
}


def write_variants(file: Path, out: Path) -> dict[str, Path]:
    """Each variant of ``file`` in ``out/NAME/`` (claim file, document, bibliography)."""
    data = json.loads(file.read_text("utf-8"))
    paths = {}
    for name, change in VARIANTS.items():
        copy = json.loads(json.dumps(data))
        for claim in copy["claims"]:
            change(claim)
        folder = out / name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / file.name).write_text(json.dumps(copy, indent=1), "utf-8")
        for other in file.parent.iterdir():
            if other.name != file.name and other.is_file():
                shutil.copy(other, folder / other.name)
        paths[name] = folder / file.name
    return paths


def one_stage(path: Path, stage: str) -> None:
    """Load ``path`` and run the stages up to ``stage`` once ("assess": the assessment
    without the checks), for instruction counts."""
    cs = load_claim_file(path).claim_set
    if cs is None or stage == "load":
        return
    checked = run_checks(cs) if stage != "assess" else []
    if stage == "checks":
        return
    assessed = assess_claim_set(cs)
    if stage == "report":
        sum(map(len, text_lines(report_of(path, cs, checked, assessed))))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file", type=Path)
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "ec-floor")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--stage", choices=("load", "checks", "assess", "report"))
    parser.add_argument("--variant", choices=tuple(VARIANTS), default="full")
    args = parser.parse_args()
    gc.disable()
    paths = write_variants(args.file, args.out)
    if args.stage:
        one_stage(paths[args.variant], args.stage)
        return
    time_locating()
    for name, path in paths.items():
        claims, best = best_of(path, args.repeat)
        per = 1e6 / claims
        stages = ", ".join(f"{stage} {seconds * per:.1f}" for stage, seconds in best.items())
        print(f"{name:8s} {claims} claims, µs per claim (best of {args.repeat}): {stages}")


if __name__ == "__main__":
    main()
