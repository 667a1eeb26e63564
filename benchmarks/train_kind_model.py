"""Train the learned kind decision and compare it with the rules, leaving one passage out.

Run: .venv/bin/python benchmarks/train_kind_model.py [--write] [--with-rules] [--grid] [--fit-only]

Examples come from the annotated passages open to tuning (benchmarks/gold-real/, the written
gold of benchmarks/gold/ and the curated kratom set; see evidence_claims.testing.kind_training),
one per extracted segment, labelled with the kind of the annotated claim covering most of it.
Two feature sets are compared: the low-level features alone, and the same plus the rules'
own decision as a feature. The rules were written while looking at these passages, so their
figure here (and the variant that uses them) is optimistic; leave-one-passage-out (LOPO)
figures of the low-level variant are honest for the model, not for its features, which were
also chosen here. Printed per genre and overall: rules, LOPO low-level, LOPO with rules; then
per-kind precision and recall.

--write stores the model fitted on all examples in src/evidence_claims/data/models/kind.json
(low-level features unless --with-rules); the test suite checks that the stored file equals a
refit. --grid prints LOPO accuracy for a few penalty settings; --fit-only skips the LOPO
figures (with --write: only store the model).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from evidence_claims.model.linear_model import (  # noqa: E402
    Example,
    group_cross_validate,
)
from evidence_claims.testing.kind_training import (  # noqa: E402
    Passage,
    passages,
    train,
)

MODEL = ROOT / "src" / "evidence_claims" / "data" / "models" / "kind.json"
KINDS = ("claim", "meta", "question", "recommendation")


def flatten(items: list[Passage]) -> tuple[list[Example], list[str], list[str], list[str]]:
    examples, groups, genres, rules = [], [], [], []
    for p in items:
        examples.extend(p.examples)
        groups.extend([p.name] * len(p.examples))
        genres.extend([p.genre] * len(p.examples))
        rules.extend(p.rules)
    return examples, groups, genres, rules


def pct(right: int, total: int) -> str:
    return f"{100 * right / total:5.1f}%" if total else "   n/a"


def accuracy_table(gold: list[str], genres: list[str], columns: dict[str, list[str]]) -> None:
    print(f"{'genre':48} {'n':>4} " + " ".join(f"{name:>10}" for name in columns))
    for genre in sorted(set(genres)):
        idx = [i for i, g in enumerate(genres) if g == genre]
        cells = " ".join(
            f"{pct(sum(pred[i] == gold[i] for i in idx), len(idx)):>10}"
            for pred in columns.values()
        )
        print(f"{genre[:48]:48} {len(idx):4} {cells}")
    real = [i for i, g in enumerate(genres) if g not in ("written gold", "kratom seed")]
    for name, idx in (("= real passages (gold-real)", real), ("= all", range(len(gold)))):
        idx = list(idx)
        cells = " ".join(
            f"{pct(sum(pred[i] == gold[i] for i in idx), len(idx)):>10}"
            for pred in columns.values()
        )
        print(f"{name:48} {len(idx):4} {cells}")


def per_kind(gold: list[str], columns: dict[str, list[str]]) -> None:
    print(f"\n{'per kind (all examples)':28} " + " ".join(f"{n + ' P/R':>18}" for n in columns))
    for kind in KINDS:
        cells = []
        for pred in columns.values():
            tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == p == kind)
            npred = sum(1 for p in pred if p == kind)
            ngold = sum(1 for g in gold if g == kind)
            cells.append(f"{pct(tp, npred)}/{pct(tp, ngold)}")
        print(f"{kind + f' (n={gold.count(kind)})':28} " + " ".join(f"{c:>18}" for c in cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="store the model fitted on all")
    parser.add_argument("--with-rules", action="store_true", help="store the variant with rules")
    parser.add_argument("--grid", action="store_true", help="LOPO for a few penalties")
    parser.add_argument("--fit-only", action="store_true", help="no LOPO figures")
    args = parser.parse_args()
    low = passages(ROOT, with_rules=False)
    high = passages(ROOT, with_rules=True)
    examples, groups, genres, rules = flatten(low)
    examples_r, _, _, _ = flatten(high)
    gold = [e.label for e in examples]
    print(f"{len(low)} passages, {len(examples)} examples: {dict(Counter(gold))}\n")
    if not args.fit_only:
        lopo(examples, examples_r, groups, genres, rules, grid=args.grid)
    if args.write:
        model = train(examples_r if args.with_rules else examples)
        MODEL.parent.mkdir(parents=True, exist_ok=True)
        MODEL.write_text(model.to_json(), encoding="utf-8")
        print(f"\nwrote {MODEL.relative_to(ROOT)} ({len(model.weights)} features)")


def lopo(
    examples: list[Example],
    examples_r: list[Example],
    groups: list[str],
    genres: list[str],
    rules: list[str],
    *,
    grid: bool,
) -> None:
    """Print the leave-one-passage-out figures beside the rules'."""
    gold = [e.label for e in examples]
    if grid:
        for l2 in (0.5, 1.0, 2.0, 4.0, 8.0):
            for name, data in (("low-level", examples), ("with rules", examples_r)):
                pred = group_cross_validate(data, groups, lambda ex, l2=l2: train(ex, l2=l2))
                right = sum(p == g for p, g in zip(pred, gold, strict=True))
                print(f"  l2={l2:<4} {name:11} LOPO {pct(right, len(gold))}")
        print()
    columns = {
        "rules": rules,
        "LOPO low": group_cross_validate(examples, groups, train),
        "LOPO +rules": group_cross_validate(examples_r, groups, train),
    }
    print("kind accuracy per extracted segment (rules fitted on these passages: optimistic)")
    accuracy_table(gold, genres, columns)
    per_kind(gold, columns)


if __name__ == "__main__":
    main()
