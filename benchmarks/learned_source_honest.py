"""The learned source-type decision against the rules, judged on passages it was not fitted on.

Run: .venv/bin/python benchmarks/learned_source_honest.py [--halves] [--cv K] [--val]
     [--variants V,...] [--l2 A,B] [--thresholds A,B] [--family]

Why: the stored model (``--attribution learned``) is fitted on every tune passage, so its tune
figure is in-sample and says nothing about text it has not seen. Two honest readings:

- ``--halves``: the tune half's fixed split (``evidence_claims.testing.agreement.half_of``).
  The settings (feature variant, penalty, confidence threshold) are chosen by grouped
  cross-validation inside the DESIGN half alone; the chosen settings are fitted on the design
  half and the CHECK half is drafted with them, beside the rules, as aggregates per genre
  family and overall. No check figure takes part in a choice.
- ``--cv K``: grouped K-fold cross-validation over the whole real tune half (folds of whole
  passages, dealt by a digest of the folder name): each fold drafted by models fitted on the
  other folds; every configuration of the grid is printed beside the rules, overall and per
  genre family. The grid is small, so the best row's optimism is small; its spread is shown.
- ``--val``: the settings chosen inside the design half, fitted on every tune passage, on the
  validation half (the overall row only).

The written gold documents and the kratom seed are always among the training passages (they
are in neither half and are never scored here). The blind halves are never read.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import extract_agreement  # noqa: E402
import learned_heldout  # noqa: E402
import train_source_model  # noqa: E402
from learned_heldout import Score, SourceConfig  # noqa: E402

from evidence_claims.extraction.genre import family_of_label  # noqa: E402
from evidence_claims.model.linear_model import Example, LinearModel  # noqa: E402
from evidence_claims.testing.agreement import half_of  # noqa: E402

L2S = (2.0, 4.0, 8.0)
THRESHOLDS = (0.5, 0.7, 0.8, 0.9)


@dataclass(frozen=True)
class Passage:
    """A tune passage: the source examples of train_source_model, its genre family and half."""

    name: str
    folder: Path
    family: str
    half: str  # "design", "check" or "train" (written gold, seed: training only)
    source: tuple[Example, ...]  # the training examples (all features; variants select)


def read() -> list[Passage]:
    found = []
    for p in train_source_model.passages():
        real = p.folder.parent == train_source_model.REAL
        found.append(
            Passage(
                p.name,
                p.folder,
                family_of_label(p.genre) if real else "not real",
                half_of(p.name) if real else "train",
                tuple(p.examples),
            )
        )
    return found


def fit(train: Sequence[Passage], config: SourceConfig) -> LinearModel:
    return learned_heldout.fit_source(train, config)  # type: ignore[arg-type]


def score(p: Passage, model: LinearModel | None = None, threshold: float = 0.0) -> Score:
    return learned_heldout.score(p, model, threshold)  # type: ignore[arg-type]


def grid(
    variants: Sequence[str], l2s: Sequence[float], thresholds: Sequence[float]
) -> list[SourceConfig]:
    return [SourceConfig(v, l2, t) for v in variants for l2 in l2s for t in thresholds]


def fold_of(name: str, k: int) -> int:
    """A fixed fold for a passage, by a digest of its name (stable as passages are added)."""
    return int.from_bytes(hashlib.sha256(f"fold:{name}".encode()).digest()[:4], "big") % k


def cross_validate(
    passages: Sequence[Passage],
    always: Sequence[Passage],
    configs: Sequence[SourceConfig],
    k: int,
) -> tuple[dict[SourceConfig, dict[str, Score]], dict[str, Score]]:
    """Per configuration, each scored passage's Score from models fitted without its fold
    (plus ``always``); and the rules' Scores."""
    results: dict[SourceConfig, dict[str, Score]] = {c: {} for c in configs}
    rules = {p.name: score(p) for p in passages}
    models: dict[tuple[str, float], LinearModel] = {}
    for fold in range(k):
        held = [p for p in passages if fold_of(p.name, k) == fold]
        if not held:
            continue
        rest = [p for p in passages if fold_of(p.name, k) != fold] + list(always)
        models.clear()
        for config in configs:
            key = (config.variant, config.l2)
            if key not in models:
                models[key] = fit(rest, SourceConfig(config.variant, config.l2, 0.0))
            for p in held:
                results[config][p.name] = score(p, models[key], config.threshold)
        print(f"  fold {fold + 1}/{k} done", file=sys.stderr, flush=True)
    return results, rules


def total(scores: dict[str, Score], keep: Callable[[str], bool] = lambda _: True) -> Score:
    out = Score()
    for name, s in scores.items():
        if keep(name):
            out += s
    return out


def by_family(
    passages: Sequence[Passage],
    columns: dict[str, dict[str, Score]],
    label: str,
    *,
    overall_only: bool = False,
) -> None:
    """Aggregate rows per genre family (unless ``overall_only``) and overall, one (source,
    attrib, kind) triple per column."""
    family = {p.name: p.family for p in passages}
    names = [p.name for p in passages]
    head = "".join(f" {c[:20]:>20}" for c in columns)
    print(f"\n{label}")
    print(f"{'':34}{'n':>5}{head}")
    print(f"{'':39}" + "".join(f" {'src':>6} {'attr':>6} {'kind':>6}" for _ in columns))
    families = [] if overall_only else sorted(set(family.values()))
    for fam in [*families, None]:
        chosen = {n for n in names if fam is None or family[n] == fam}
        totals = {c: total(col, chosen.__contains__) for c, col in columns.items()}
        n = totals[next(iter(columns))].source[1]
        row = f"= all ({len(chosen)} passages)" if fam is None else fam
        print(f"  {row[:32]:32}{n:5}" + "".join(f" {t.cells()}" for t in totals.values()))


def choose(
    design: Sequence[Passage], always: Sequence[Passage], configs: Sequence[SourceConfig], k: int
) -> SourceConfig:
    results, rules = cross_validate(design, always, configs, k)
    print(f"\nselection: {k}-fold grouped CV inside the design half ({len(design)} passages)")
    print(f"{'':40}{'src':>7}{'attr':>7}{'kind':>7}")
    print(f"  {'rules':38}{total(rules).cells()}")
    ranked = sorted(configs, key=lambda c: -learned_heldout.source_merit(total(results[c])))
    for c in ranked:
        print(f"  {c!s:38}{total(results[c]).cells()}")
    print(f"chosen: {ranked[0]}")
    return ranked[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--halves", action="store_true", help="design -> check")
    parser.add_argument("--cv", type=int, default=0, help="K-fold grouped CV on the tune half")
    parser.add_argument("--val", action="store_true", help="validation half (aggregates)")
    parser.add_argument(
        "--variants",
        default="low+prev,rules+prev",
        help=f"feature variants of the grid (of {', '.join(train_source_model.VARIANTS)})",
    )
    parser.add_argument("--l2", default=",".join(f"{v:g}" for v in L2S), help="penalties")
    parser.add_argument(
        "--thresholds",
        default=",".join(f"{v:g}" for v in THRESHOLDS),
        help="confidence thresholds (below one the rules' type stays)",
    )
    parser.add_argument(
        "--select-folds", type=int, default=5, help="folds of the selection inside the design half"
    )
    parser.add_argument(
        "--config", help="skip the selection inside the design half: VARIANT,L2,THRESHOLD"
    )
    args = parser.parse_args()
    configs = grid(
        [v for v in args.variants.split(",") if v],
        [float(v) for v in args.l2.split(",")],
        [float(v) for v in args.thresholds.split(",")],
    )
    found = read()
    design = [p for p in found if p.half == "design"]
    check = [p for p in found if p.half == "check"]
    always = [p for p in found if p.half == "train"]
    real = design + check
    print(
        f"{len(design)} design, {len(check)} check, {len(always)} training-only passages;"
        f" {sum(len(p.source) for p in found)} source examples"
    )
    chosen: SourceConfig | None = None
    if args.config:
        variant, l2, t = args.config.split(",")
        chosen = SourceConfig(variant, float(l2), float(t))
    if (args.halves or args.val) and chosen is None:
        chosen = choose(design, always, configs, args.select_folds)
    if args.halves:
        assert chosen is not None
        model = fit(design + always, chosen)
        columns = {
            "rules": {p.name: score(p) for p in check},
            f"learned t={chosen.threshold:g}": {
                p.name: score(p, model, chosen.threshold) for p in check
            },
        }
        by_family(check, columns, f"design -> check: {chosen} fitted on the design half")
    if args.cv:
        results, rules = cross_validate(real, always, configs, args.cv)
        ranked = sorted(configs, key=lambda c: -learned_heldout.source_merit(total(results[c])))
        print(f"\n{args.cv}-fold grouped CV over the real tune half ({len(real)} passages)")
        print(f"{'':40}{'src':>7}{'attr':>7}{'kind':>7}")
        print(f"  {'rules':38}{total(rules).cells()}")
        for c in ranked:
            print(f"  {c!s:38}{total(results[c]).cells()}")
        best = ranked[0]
        by_family(real, {"rules": rules, str(best)[7:]: results[best]}, "per family (CV)")
    if args.val:
        assert chosen is not None
        model = fit(found, chosen)
        val = [
            Passage(
                f.name,
                f,
                family_of_label(extract_agreement.genre(f)),
                "val",
                (),
            )
            for f in extract_agreement.real_folders(extract_agreement.REAL_VAL)
        ]
        columns = {
            "rules": {p.name: score(p) for p in val},
            f"learned t={chosen.threshold:g}": {
                p.name: score(p, model, chosen.threshold) for p in val
            },
        }
        by_family(
            val,
            columns,
            f"validation half: {chosen} fitted on every tune passage",
            overall_only=True,
        )


if __name__ == "__main__":
    main()
