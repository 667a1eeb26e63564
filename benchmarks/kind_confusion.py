"""Confusion matrices of statement kinds: annotated kind (rows) against the extracted kind.

Run: .venv/bin/python benchmarks/kind_confusion.py [--mismatches] [--blind] [--kinds rules|learned]
     [--tune-half design|check]

Each extracted statement is compared with the annotated claim covering most of it (the
"per statement" alignment of extract_agreement.py), so the matrices add up to that script's
kind column. Printed for the written gold set (benchmarks/gold/, tune and dev together), the
kratom seed, the real tune half (benchmarks/gold-real/) and the validation half
(benchmarks/gold-real-val/). `--mismatches` lists the tune half's disagreements statement by
statement; the validation half is a selection half and is printed as one aggregate matrix only,
never per statement. `--blind` adds the blind halves' aggregate matrices (for the final report
only: they are never tuned on). `--tune-half design` prints only the design half of the real
tune passages (extract_agreement.tune_half), with its disagreements under `--mismatches`;
`--tune-half check` prints the check half as one aggregate matrix, never per statement, so
that rules written from the design half are judged on statements that were not read.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import extract_agreement as ea  # noqa: E402

from evidence_claims.extraction.kind_model import DEFAULT_METHOD, KIND_METHODS  # noqa: E402
from evidence_claims.model.records import Claim  # noqa: E402
from evidence_claims.testing.agreement import covering  # noqa: E402

KINDS = ("claim", "recommendation", "question", "meta")


def pairs(predicted: list[Claim], gold: list[Claim]) -> list[tuple[str, str, Claim]]:
    """(annotated kind, extracted kind, extracted claim) for every extracted statement."""
    out = []
    for claim in predicted:
        index = covering(claim.anchor.start, claim.anchor.end, gold)
        want = gold[index].kind if index is not None else "(none)"
        out.append((want, claim.kind, claim))
    return out


def matrix(counts: Counter[tuple[str, str]]) -> str:
    """The matrix as text, with per-kind precision and recall."""
    rows = sorted({g for g, _ in counts} | set(KINDS), key=lambda k: (k not in KINDS, k))
    head = "  " + "gold / drafted".ljust(16) + "".join(f"{k[:6]:>8}" for k in KINDS) + "   recall"
    lines = [head]
    for g in rows:
        cells = [counts[(g, p)] for p in KINDS]
        total = sum(cells)
        recall = f"{100 * counts[(g, g)] / total:7.1f}%" if total else "     n/a"
        lines.append(f"  {g:16}" + "".join(f"{c:8}" for c in cells) + f"  {recall}")
    prec = []
    for p in KINDS:
        column = sum(counts[(g, p)] for g in rows)
        prec.append(f"{100 * counts[(p, p)] / column:7.1f}%" if column else "     n/a")
    lines.append(f"  {'precision':16}" + "".join(f"{c:>8}" for c in prec))
    right = sum(counts[(k, k)] for k in KINDS)
    total = sum(counts.values())
    lines.append(f"  accuracy {right}/{total} = {100 * right / total:.1f}%")
    return "\n".join(lines)


def tally(folders: list[Path], *, show: bool) -> Counter[tuple[str, str]]:
    counts: Counter[tuple[str, str]] = Counter()
    for folder in folders:
        for want, got, claim in pairs(*ea._drafted(folder)):
            counts[(want, got)] += 1
            if show and want != got:
                text = " ".join(claim.text.split())[:90]
                print(f"    {folder.name:32} {want:>14} -> {got:<14} | {text}")
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mismatches", action="store_true", help="list the tune disagreements")
    parser.add_argument("--blind", action="store_true", help="add the blind aggregate matrices")
    parser.add_argument("--kinds", choices=KIND_METHODS, default=DEFAULT_METHOD)
    parser.add_argument(
        "--tune-half",
        choices=("design", "check"),
        help="only the real tune half's design passages (mismatches shown with --mismatches)"
        " or its check passages (aggregate matrix only)",
    )
    args = parser.parse_args()
    ea.KIND_METHOD = args.kinds
    if args.tune_half:
        half = [f for f in ea.real_folders(ea.REAL) if ea.tune_half(f) == args.tune_half]
        show = args.mismatches and args.tune_half == "design"
        aggregate = "" if show else ", aggregate only"
        print(f"real tune (gold-real), {args.tune_half} half{aggregate}:")
        print(matrix(tally(half, show=show)))
        return
    written = [ea.GOLD / name for name in (*ea.TUNE, *ea.DEV)]
    sets: list[tuple[str, list[Path], bool]] = [
        ("written gold (benchmarks/gold, tune + dev)", written, args.mismatches),
        ("kratom seed", [ea.SEED], args.mismatches),
        ("real tune (gold-real)", ea.real_folders(ea.REAL), args.mismatches),
        ("real val (gold-real-val), aggregate only", ea.real_folders(ea.REAL_VAL), False),
    ]
    if args.blind:
        blind = ea.real_folders(ea.REAL_BLIND) + ea.real_folders(ea.REAL_BLIND_2)
        sets.append(("all real blind, aggregate only", blind, False))
        gold_blind = [p for p in sorted(ea.BLIND.iterdir()) if (p / "claims.yaml").is_file()]
        sets.append(("written blind (gold-blind), aggregate only", gold_blind, False))
    for label, folders, show in sets:
        print(f"{label}:")
        print(matrix(tally(folders, show=show)))
        print()


if __name__ == "__main__":
    main()
