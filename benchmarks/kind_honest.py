"""Kinds by the rules against the learned model, scored only where the model was not fitted.

Run: .venv/bin/python benchmarks/kind_honest.py [--folds K] [--l2 X]

Why: the stored kind model (data/models/kind.json) is fitted on every tune passage, so its
figures on those passages are in-sample, and the rules were written while reading them. This
script compares the two where neither the model's fit nor (as far as the split allows) the
rules' writing reached:

1. design -> check: the model is fitted on the design half of the real tune passages
   (evidence_claims.testing.agreement.half_of) with the written gold and the kratom set, and
   the check half is scored; the rules were written from the design half's mismatches, so
   this is the rules' own held-out test too;
2. grouped cross-validation on the whole real tune set: K folds of whole passages (by the same
   kind of digest of the folder name), the other training parts always in the fit;
3. validation: fitted on every training passage, scored on benchmarks/gold-real-val/.

Every figure is an aggregate: per genre family (the extractor's own reading of the text,
evidence_claims.extraction.genre) and per confusion cell (annotated -> decided), never per
passage or statement, so the check and validation halves stay unread. Examples are the
segments the extractor cuts, labelled with the kind of the annotated claim covering most of
each (evidence_claims.testing.kind_training), the same alignment as the kind column of
benchmarks/extract_agreement.py. Three deciders: the rules, the model on low-level features,
and the model with the rules' decision as a feature (the stored variant).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from evidence_claims.extraction.genre import read_genre  # noqa: E402
from evidence_claims.model.linear_model import Example, LinearModel  # noqa: E402
from evidence_claims.pipeline.validation import load  # noqa: E402
from evidence_claims.testing import kind_training  # noqa: E402
from evidence_claims.testing.agreement import half_of  # noqa: E402

REAL = ROOT / "benchmarks" / "gold-real"
VAL = ROOT / "benchmarks" / "gold-real-val"
BASE = ("rules", "learned low", "learned +rules")
# The rules, overruled by the model with the rules' feature where its top label is at least
# this probable: the learned decision used only where it is sure.
THRESHOLDS = (0.7, 0.8, 0.9)
DECIDERS = (*BASE, *(f"override@{t}" for t in THRESHOLDS))


@dataclass(frozen=True)
class Item:
    """One annotated passage with both feature sets, its part and its genre family."""

    name: str
    part: str  # "real", "other" (written gold, kratom set) or "val"
    family: str
    low: tuple[Example, ...]
    high: tuple[Example, ...]
    rules: tuple[str, ...]


def _item(folder: Path, part: str) -> Item:
    text = load(folder).document_text or ""
    low = kind_training.passage(folder, "", with_rules=False)
    high = kind_training.passage(folder, "", with_rules=True)
    return Item(folder.name, part, read_genre(text).family, low.examples, high.examples, low.rules)


def items() -> list[Item]:
    out = []
    for folder, _default in kind_training.training_folders(ROOT):
        out.append(_item(folder, "real" if folder.parent == REAL else "other"))
    for folder in sorted(p for p in VAL.iterdir() if (p / "claims.yaml").is_file()):
        out.append(_item(folder, "val"))
    return out


Trainer = Callable[[Sequence[Example]], LinearModel]


def decide(train_on: list[Item], score_on: list[Item], trainer: Trainer) -> list[dict[str, list]]:
    """Per scored passage: gold labels and each decider's labels."""
    low = trainer([e for it in train_on for e in it.low])
    high = trainer([e for it in train_on for e in it.high])
    out = []
    for it in score_on:
        best = [high.best(sorted(e.features)) for e in it.high]
        row = {
            "family": it.family,
            "gold": [e.label for e in it.low],
            "rules": list(it.rules),
            "learned low": [low.predict(e.features) for e in it.low],
            "learned +rules": [high.predict(e.features) for e in it.high],
        }
        for t in THRESHOLDS:
            row[f"override@{t}"] = [
                label if p >= t else rule for (label, p), rule in zip(best, it.rules, strict=True)
            ]
        out.append(row)
    return out


def fold_of(name: str, folds: int) -> int:
    return hashlib.sha256(("fold:" + name).encode()).digest()[0] % folds


def pct(right: int, total: int) -> str:
    return f"{100 * right / total:5.1f}%" if total else "   n/a"


def report(title: str, scored: list[dict[str, list]]) -> None:
    print(f"\n{title}")
    print(f"  {'genre family':26} {'n':>5} " + " ".join(f"{d:>14}" for d in DECIDERS))
    families = sorted({s["family"] for s in scored})
    for name in [*families, "= all"]:
        rows = [s for s in scored if name == "= all" or s["family"] == name]
        gold = [g for s in rows for g in s["gold"]]
        cells = []
        for d in DECIDERS:
            pred = [p for s in rows for p in s[d]]
            cells.append(pct(sum(a == b for a, b in zip(gold, pred, strict=True)), len(gold)))
        print(f"  {name:26} {len(gold):5} " + " ".join(f"{c:>14}" for c in cells))
    print(f"  {'confusion (gold -> decided)':32} " + " ".join(f"{d:>14}" for d in DECIDERS))
    counts = {d: Counter() for d in DECIDERS}
    for s in scored:
        for d in DECIDERS:
            counts[d].update(zip(s["gold"], s[d], strict=True))
    cells = sorted({c for d in DECIDERS for c in counts[d] if c[0] != c[1]})
    for cell in cells:
        print(
            f"  {cell[0] + ' -> ' + cell[1]:32} "
            + " ".join(f"{counts[d][cell]:14}" for d in DECIDERS)
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=8, help="folds of the grouped CV")
    parser.add_argument("--l2", type=float, default=kind_training.L2, help="penalty of the fit")
    args = parser.parse_args()

    def trainer(examples: Sequence[Example]) -> LinearModel:
        return kind_training.train(examples, l2=args.l2)

    every = items()
    real = [it for it in every if it.part == "real"]
    other = [it for it in every if it.part == "other"]
    val = [it for it in every if it.part == "val"]
    design = [it for it in real if half_of(it.name) == "design"]
    check = [it for it in real if half_of(it.name) == "check"]
    print(
        f"{len(real)} real tune passages ({len(design)} design, {len(check)} check),"
        f" {len(other)} other training sets, {len(val)} validation passages; l2={args.l2}"
    )
    report(
        "1. fitted on the design half (+ written gold, kratom set), scored on the check half",
        decide(design + other, check, trainer),
    )
    scored: list[dict[str, list]] = []
    for k in range(args.folds):
        held = [it for it in real if fold_of(it.name, args.folds) == k]
        rest = [it for it in real if fold_of(it.name, args.folds) != k]
        scored.extend(decide(rest + other, held, trainer))
    report(f"2. grouped {args.folds}-fold cross-validation on the real tune set", scored)
    report(
        "3. fitted on every training passage, scored on the validation half",
        decide(real + other, val, trainer),
    )


if __name__ == "__main__":
    main()
