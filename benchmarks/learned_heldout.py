"""Rules against the learned models on real passages no model or rule was fitted on.

Run: .venv/bin/python benchmarks/learned_heldout.py [--curve] [--val] [--low-only] [--folds K]
     [--no-select | --source VARIANT,L2,THRESHOLD --kind VARIANT,L2]

Why: the rules and the learned decisions (``--attribution learned``, ``--kinds learned``) were
both fitted on the tune passages, so a comparison on those passages flatters both. The
passages listed in benchmarks/learned_heldout_fresh.txt were added to benchmarks/gold-real/
later and annotated before any extractor ran on them; no rule and no model has been fitted on
them. This script

1. chooses the learned models' settings (feature variant, penalty, confidence threshold) by
   grouped cross-validation inside the OLD tune passages only (every annotated tune folder
   not on the fresh list: K folds of whole passages), never by a fresh score. The rules were
   written on these same passages, so inside them the variants that take the rules' decisions
   as features look as good as the rules and win; ``--low-only`` chooses among the low-level
   variants alone, whose cross-validated figure does not inherit that fit;
2. fits the chosen settings on every old passage, drafts each fresh passage and prints rules
   against learned per genre and overall: source type per statement, attributed source per
   annotated claim resting on a cited or named source, kind per statement (the columns of
   benchmarks/extract_agreement.py);
3. with ``--curve``, a learning curve: the fresh passages are split into four folds of whole
   passages; each fold is drafted by models fitted on the old passages plus a growing share
   (0, 1/3, 2/3, all) of the other three folds, and the four folds are pooled, so every
   share is scored on all fresh statements.

With ``--val`` the chosen settings are fitted on every tune passage (old and fresh) and the
validation half (benchmarks/gold-real-val/) is scored, per genre and overall only. The blind
halves are never read here. benchmarks/learned_source_honest.py judges the source decision the
same way on the tune half's design/check split and by grouped cross-validation over all of it.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import extract_agreement  # noqa: E402
import train_source_model  # noqa: E402

from evidence_claims.extraction import kind_model  # noqa: E402
from evidence_claims.extraction.source_model import THRESHOLD  # noqa: E402
from evidence_claims.model.linear_model import Example, LinearModel, fit  # noqa: E402
from evidence_claims.testing import kind_training  # noqa: E402

FRESH_LIST = ROOT / "benchmarks" / "learned_heldout_fresh.txt"
# The grids searched by cross-validation inside the old passages.
SOURCE_VARIANTS = train_source_model.VARIANTS
SOURCE_L2 = (1.0, 2.0, 4.0)
THRESHOLDS = (0.0, 0.5, 0.8)
KIND_VARIANTS = ("low", "rules")
KIND_L2 = (1.0, 2.0, 4.0)
# Fresh folds of the learning curve, and the seed of their (passage-level) shuffle.
CURVE_FOLDS = 4
CURVE_SEED = 11


@dataclass(frozen=True)
class Passage:
    """One annotated passage with both models' training examples."""

    name: str
    folder: Path
    genre: str
    source: tuple[Example, ...]  # source-type examples (all features; variants select)
    kind_low: tuple[Example, ...]
    kind_rules: tuple[Example, ...]


@dataclass(frozen=True)
class SourceConfig:
    variant: str
    l2: float
    threshold: float

    def __str__(self) -> str:
        return f"source {self.variant} l2={self.l2:g} t={self.threshold:g}"


@dataclass(frozen=True)
class KindConfig:
    variant: str
    l2: float

    def __str__(self) -> str:
        return f"kind {self.variant} l2={self.l2:g}"


@dataclass
class Score:
    """Right/total counts of the three figures."""

    source: tuple[int, int] = (0, 0)
    attributed: tuple[int, int] = (0, 0)
    kind: tuple[int, int] = (0, 0)

    def __iadd__(self, other: Score) -> Score:
        self.source = _add(self.source, other.source)
        self.attributed = _add(self.attributed, other.attributed)
        self.kind = _add(self.kind, other.kind)
        return self

    def cells(self) -> str:
        return f"{_pct(*self.source)} {_pct(*self.attributed)} {_pct(*self.kind)}"


def _add(a: tuple[int, int], b: tuple[int, int]) -> tuple[int, int]:
    return a[0] + b[0], a[1] + b[1]


def _pct(right: int, total: int) -> str:
    return f"{100 * right / total:6.1f}" if total else "   n/a"


def _rate(pair: tuple[int, int]) -> float:
    return pair[0] / pair[1] if pair[1] else 0.0


def fresh_names() -> set[str]:
    lines = FRESH_LIST.read_text("utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def read_passages() -> list[Passage]:
    """Every tune passage (gold-real, the written gold, the kratom seed), in a fixed order."""
    source = {p.folder: p for p in train_source_model.passages()}
    low = {p.name: p for p in kind_training.passages(ROOT, with_rules=False)}
    high = {p.name: p for p in kind_training.passages(ROOT, with_rules=True)}
    found = []
    for folder, genre in train_source_model.folders():
        s = source[folder]
        found.append(
            Passage(
                folder.name,
                folder,
                genre,
                tuple(s.examples),
                low[folder.name].examples,
                high[folder.name].examples,
            )
        )
    return found


def fit_source(train: Sequence[Passage], config: SourceConfig) -> LinearModel:
    examples = [e for p in train for e in p.source]
    return fit(
        train_source_model.select(examples, config.variant),
        l2=config.l2,
        steps=train_source_model.STEPS,
        min_count=train_source_model.MIN_COUNT,
    )


def fit_kind(train: Sequence[Passage], config: KindConfig) -> LinearModel:
    rules = config.variant == "rules"
    examples = [e for p in train for e in (p.kind_rules if rules else p.kind_low)]
    return kind_training.train(examples, l2=config.l2)


@contextmanager
def drafting(
    source: LinearModel | None, threshold: float, kinds: LinearModel | None
) -> Iterator[None]:
    """Draft with the given models (None: the rules for that decision)."""
    saved = kind_model.load_kind_model, extract_agreement.KIND_METHOD
    if kinds is not None:
        kind_model.load_kind_model = lambda: kinds  # type: ignore[assignment]
        extract_agreement.KIND_METHOD = "learned"
    else:
        extract_agreement.KIND_METHOD = "rules"
    try:
        with train_source_model.using(source, threshold):
            yield
    finally:
        kind_model.load_kind_model, extract_agreement.KIND_METHOD = saved


def score(
    passage: Passage,
    source: LinearModel | None = None,
    threshold: float = 0.0,
    kinds: LinearModel | None = None,
) -> Score:
    """The passage drafted with the given models, scored as extract_agreement.py scores it."""
    with drafting(source, threshold, kinds):
        result = extract_agreement.score_real(
            passage.folder, "rules" if source is None else "learned"
        )
    a = result.agreement.per_statement
    return Score(
        (a["type"].right, a["type"].total),
        (result.attributed.right, result.attributed.total),
        (a["kind"].right, a["kind"].total),
    )


def folds(items: Sequence[Passage], k: int) -> list[list[Passage]]:
    """``k`` folds of whole passages, dealt in their fixed order."""
    return [list(items[i::k]) for i in range(k)]


def cross_validate(
    old: list[Passage], k: int, *, low_only: bool = False
) -> tuple[dict[SourceConfig, Score], dict[KindConfig, Score], Score]:
    """Every configuration's pooled score on the old passages, each fold drafted by models
    fitted on the other folds; and the rules' score on the same passages."""
    source_scores: dict[SourceConfig, Score] = {}
    kind_scores: dict[KindConfig, Score] = {}
    rules = Score()
    for held in folds(old, k):
        rest = [p for p in old if p not in held]
        for p in held:
            rules += score(p)
        for variant in [v for v in SOURCE_VARIANTS if not (low_only and v.startswith("rules"))]:
            for l2 in SOURCE_L2:
                model = fit_source(rest, SourceConfig(variant, l2, 0.0))
                for t in THRESHOLDS:
                    config = SourceConfig(variant, l2, t)
                    total = source_scores.setdefault(config, Score())
                    for p in held:
                        total += score(p, model, t)
        for variant in [v for v in KIND_VARIANTS if not (low_only and v == "rules")]:
            for l2 in KIND_L2:
                config = KindConfig(variant, l2)
                model = fit_kind(rest, config)
                total = kind_scores.setdefault(config, Score())
                for p in held:
                    total += score(p, kinds=model)
        print(f"  fold of {len(held)} passages done", file=sys.stderr, flush=True)
    return source_scores, kind_scores, rules


def source_merit(s: Score) -> float:
    """What the source configuration is chosen by: source type and attributed source, equally."""
    return _rate(s.source) + _rate(s.attributed)


def select(old: list[Passage], k: int, *, low_only: bool) -> tuple[SourceConfig, KindConfig]:
    source_scores, kind_scores, rules = cross_validate(old, k, low_only=low_only)
    print(f"\nselection: {k}-fold grouped cross-validation inside the {len(old)} old passages")
    print(f"{'':36}{'source':>7}{'attrib':>7}{'kind':>7}")
    print(f"  {'rules':34}{rules.cells()}")
    for config, s in sorted(source_scores.items(), key=lambda kv: -source_merit(kv[1])):
        print(f"  {config!s:34}{s.cells()}")
    for kconfig, s in sorted(kind_scores.items(), key=lambda kv: -_rate(kv[1].kind)):
        print(f"  {kconfig!s:34}{s.cells()}")
    best_source = max(source_scores, key=lambda c: source_merit(source_scores[c]))
    best_kind = max(kind_scores, key=lambda c: _rate(kind_scores[c].kind))
    print(f"chosen: {best_source}; {best_kind}")
    return best_source, best_kind


def table(fresh: list[Passage], columns: dict[str, Callable[[Passage], Score]]) -> None:
    """Per genre and overall, one (source, attrib, kind) triple per column."""
    results = {name: {p.name: fn(p) for p in fresh} for name, fn in columns.items()}
    head = "".join(f" {name[:20]:>20}" for name in columns)
    print(f"{'':38}{'n':>5}{head}")
    print(f"{'':43}" + "".join(f" {'src':>6} {'attr':>6} {'kind':>6}" for _ in columns))
    genres = sorted({p.genre for p in fresh})
    for genre in [*genres, None]:
        chosen = [p for p in fresh if genre is None or p.genre == genre]
        totals = {name: Score() for name in columns}
        for p in chosen:
            for name in columns:
                totals[name] += results[name][p.name]
        label = f"= all ({len(chosen)} passages)" if genre is None else genre
        n = totals[next(iter(columns))].source[1]
        print(f"  {label[:36]:36}{n:5}" + "".join(f" {totals[c].cells()}" for c in columns))


def curve(old: list[Passage], fresh: list[Passage], source: SourceConfig, kind: KindConfig) -> None:
    """The learning curve over shares of the other fresh folds (pooled over folds)."""
    order = list(fresh)
    random.Random(CURVE_SEED).shuffle(order)
    parts = folds(order, CURVE_FOLDS)
    shares = (0, 1, 2, 3)  # how many of the other folds join the training passages
    totals = {s: Score() for s in shares}
    rules = Score()
    for i, held in enumerate(parts):
        others = [p for j, part in enumerate(parts) if j != i for p in part]
        for p in held:
            rules += score(p)
        for s in shares:
            extra = others[: round(len(others) * s / 3)]
            train = old + extra
            src = fit_source(train, source)
            knd = fit_kind(train, kind)
            for p in held:
                totals[s] += score(p, src, source.threshold, knd)
        print(f"  curve fold {i + 1}/{CURVE_FOLDS} done", file=sys.stderr, flush=True)
    n_old = sum(len(p.source) for p in old)
    print(f"\nlearning curve: fresh folds drafted by models fitted on the {len(old)} old passages")
    print("plus a share of the other fresh folds (both models learned), pooled over the folds")
    print(f"{'':40}{'src':>7}{'attr':>7}{'kind':>7}")
    print(f"  {'rules':38}{rules.cells()}")
    for s in shares:
        extra_passages = round((len(fresh) - len(fresh) / CURVE_FOLDS) * s / 3)
        label = f"old ({n_old} src ex.) + ~{extra_passages} fresh passages"
        print(f"  {label:38}{totals[s].cells()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=8, help="cross-validation folds (old)")
    parser.add_argument("--curve", action="store_true", help="also print the learning curve")
    parser.add_argument(
        "--no-select",
        action="store_true",
        help="skip the selection; use the stored models' settings",
    )
    parser.add_argument(
        "--low-only",
        action="store_true",
        help="choose among the low-level variants only (no rules' decisions as features)",
    )
    parser.add_argument(
        "--val",
        action="store_true",
        help="also fit the chosen settings on every tune passage and score the validation half"
        " (aggregate rows only)",
    )
    parser.add_argument(
        "--source", help="skip the selection: source settings VARIANT,L2,THRESHOLD (with --kind)"
    )
    parser.add_argument("--kind", help="skip the selection: kind settings VARIANT,L2 (low|rules)")
    args = parser.parse_args()
    names = fresh_names()
    found = read_passages()
    fresh = [p for p in found if p.name in names]
    old = [p for p in found if p.name not in names]
    missing = names - {p.name for p in fresh}
    if missing:
        parser.error(f"fresh passages not found: {sorted(missing)}")
    print(
        f"{len(old)} old passages ({sum(len(p.source) for p in old)} source examples),"
        f" {len(fresh)} fresh passages"
    )
    if args.source and args.kind:
        variant, l2, threshold = args.source.split(",")
        source = SourceConfig(variant, float(l2), float(threshold))
        kind_variant, kind_l2 = args.kind.split(",")
        kind = KindConfig(kind_variant, float(kind_l2))
    elif args.no_select:
        source = SourceConfig(train_source_model.VARIANT, train_source_model.L2, THRESHOLD)
        stored_kind = "rules" if kind_model.uses_rules(kind_model.load_kind_model()) else "low"
        kind = KindConfig(stored_kind, kind_training.L2)
    else:
        source, kind = select(old, args.folds, low_only=args.low_only)
    src = fit_source(old, source)
    knd = fit_kind(old, kind)
    print(f"\nfresh held-out: models fitted on the old passages only ({source}; {kind})")
    table(
        fresh,
        {
            "rules": score,
            "learned source": lambda p: score(p, src, source.threshold),
            "learned kind": lambda p: score(p, kinds=knd),
            "both learned": lambda p: score(p, src, source.threshold, knd),
        },
    )
    if args.curve:
        curve(old, fresh, source, kind)
    if args.val:
        validation(found, source, kind)


def validation(found: list[Passage], source: SourceConfig, kind: KindConfig) -> None:
    """The same settings fitted on every tune passage, on the validation half: per genre and
    overall only, as benchmarks/extract_agreement.py --val-only prints it."""
    val = [
        Passage(folder.name, folder, extract_agreement.genre(folder), (), (), ())
        for folder in extract_agreement.real_folders(extract_agreement.REAL_VAL)
    ]
    src = fit_source(found, source)
    knd = fit_kind(found, kind)
    print(f"\nvalidation half: models fitted on all {len(found)} tune passages ({source}; {kind})")
    columns: dict[str, Callable[[Passage], Score]] = {
        "rules": score,
        "learned source": lambda p: score(p, src, source.threshold),
        "learned kind": lambda p: score(p, kinds=knd),
        "both learned": lambda p: score(p, src, source.threshold, knd),
    }
    table(val, columns)


if __name__ == "__main__":
    main()
