"""Train the learned certainty calibration and judge it leaving one review out.

Run: python benchmarks/train_grade_model.py [--write] [--dev FILE]

Examples: the development half of the GRADE gold set (benchmarks/grade/dev.yaml), one per item,
its features computed by the engine (``assessment.engine.calibration_signals``) on the item as a
typed claim (the whole statement, its source type, its entry cited; as grade_agreement.py's
typed path), labelled with the review authors' certainty. Items are grouped by review (their
BibTeX key): leave-one-review-out (LORO) fits each variant on the other reviews and predicts
the held-out review's items, for the typed path and for the automatic one (extract, then each
cited claim calibrated, the lowest taken, as grade_agreement.py does). The rules' own figures
are printed beside them.

Variants (all deterministic, :func:`evidence_claims.model.linear_model.fit`):

- ``levels``: four free classes, the authors' level;
- ``shift``: the authors' level as a shift from the rules' level (-2 ... +1; an ordinal
  formulation with the rules' level as its anchor: a model that learns nothing keeps it);
- ``cumulative``: cumulative logits (proportional odds) over the four ordered levels, one
  weight per feature, the rules' level an offset of ``anchor`` logits per level (judged here
  only: the library stores and reads the multinomial models);

each with a few L2 penalties (strong ones: 169 items) and with or without the interaction
features (``silent&...``). The variant is chosen by LORO typed exact agreement only (ties:
kappa, then the order listed); ``--write`` stores the variant named in ``CHOSEN`` fitted on
every dev item at src/evidence_claims/data/models/grade_calibration.json (tests check the
stored file equals a refit). The features themselves were chosen while reading the dev half,
so the LORO figure is honest for the weights, not for the choice of features; the blind and
validation halves (grade_agreement.py --certainty learned) are the figures to trust.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import grade_agreement as G  # noqa: E402
from grade_gold import item_folder, one_claim_set  # noqa: E402

import evidence_claims  # noqa: E402
from evidence_claims.assessment.calibration import MODEL_RESOURCE, Signal, shifted  # noqa: E402
from evidence_claims.assessment.engine import calibration_signals  # noqa: E402
from evidence_claims.model.linear_model import Example, LinearModel, fit  # noqa: E402

MODEL = ROOT / "src" / "evidence_claims" / MODEL_RESOURCE
LEVELS = G.LEVELS
STEPS = 600
PENALTIES = (1.0, 3.0, 10.0, 30.0)
SHIFTS = (-2, 1)
"""Shifts outside this range are clipped to it (at most two levels down, one up)."""


ANCHORS = (3.0, 8.0)
"""Logits per level of the rules' level in the cumulative variant (how firmly it is kept)."""


@dataclass(frozen=True)
class Variant:
    target: str  # "levels" | "shift" | "cumulative"
    l2: float
    interactions: bool
    anchor: float = 0.0  # cumulative only: logits per level of the rules' level

    @property
    def name(self) -> str:
        extra = "" if self.interactions else ", no interactions"
        anchor = f" anchor={self.anchor:g}" if self.target == "cumulative" else ""
        return f"{self.target}{anchor} l2={self.l2:g}{extra}"


VARIANTS = (
    *(
        Variant(target, l2, inter)
        for target in ("shift", "levels")
        for inter in (True, False)
        for l2 in PENALTIES
    ),
    *(Variant("cumulative", l2, True, anchor) for anchor in ANCHORS for l2 in PENALTIES),
)
CHOSEN = Variant("shift", 10.0, False)
"""The variant --write stores: the best on LORO typed exact agreement (see the printout)."""


View = tuple[str, list[Signal]] | None
"""The rules' certainty of one claim and its features (None: ungraded by the rules)."""


@dataclass
class Item:
    """One dev item: its review, the authors' level, and the engine's view of it."""

    review: str
    gold: str
    typed: tuple[str, list[Signal]] | None  # rules' certainty and features, typed path
    auto: list[tuple[str, list[Signal]] | None]  # per cited extracted claim


def read_items(dev: list[dict], automatic: bool = True) -> list[Item]:
    """The dev items as the engine sees them (without ``automatic``: the typed path only, all
    a fit needs)."""
    out = []
    for item in dev:
        with item_folder(item) as folder:
            key = G.bib_key(item["bibtex"])
            typed_set = one_claim_set(
                folder,
                item["statement"],
                doc_id="gold",
                evidence_type=item["source_type"],
                key=key,
            )
            typed = calibration_signals(typed_set)[0]
            if not automatic:
                out.append(Item(G.review_key(item), item["authors_certainty"], typed, []))
                continue
            drafted = evidence_claims.extract(
                item["statement"], bibliography=folder / "references.bib"
            )
            per_claim = calibration_signals(drafted)
            cited = [
                s for c, s in zip(drafted.claims, per_claim, strict=True) if c.evidence.sources
            ]
            auto = cited if any(s is not None for s in cited) else per_claim
        out.append(Item(G.review_key(item), item["authors_certainty"], typed, auto))
    return out


def names(signals: list[Signal], interactions: bool) -> frozenset[str]:
    return frozenset(s.name for s in signals if interactions or "&" not in s.name)


def label(variant: Variant, rules: str, gold: str) -> str:
    if variant.target == "levels":
        return gold
    low, high = SHIFTS
    shift = max(low, min(high, LEVELS.index(gold) - LEVELS.index(rules)))
    return f"{shift:+d}" if shift else "0"


def examples(variant: Variant, items: Sequence[Item]) -> list[Example]:
    return [
        Example(
            names(item.typed[1], variant.interactions), label(variant, item.typed[0], item.gold)
        )
        for item in items
        if item.typed is not None
    ]


def train(variant: Variant, items: Sequence[Item]) -> LinearModel:
    return fit(examples(variant, items), l2=variant.l2, steps=STEPS)


@dataclass(frozen=True)
class Cumulative:
    """A cumulative-logit (proportional odds) model of the authors' level: P(level <= k) =
    sigmoid(threshold_k - score), score = anchor * rules' level + the features' weights. One
    weight per feature for all four levels, which suits ordered levels and few items; the
    anchor keeps the rules' level unless the features say otherwise. Evaluated here only."""

    weights: dict[str, float]
    thresholds: tuple[float, float, float]
    anchor: float

    def level(self, view: tuple[str, list[Signal]] | None, interactions: bool) -> str:
        if view is None:
            return "ungraded"
        rules, signals = view
        score = self.anchor * LEVELS.index(rules)
        score += sum(self.weights.get(n, 0.0) for n in names(signals, interactions))
        below = [1.0 / (1.0 + math.exp(score - t)) for t in self.thresholds]
        cum = [0.0, *below, 1.0]
        probabilities = [cum[k + 1] - cum[k] for k in range(len(LEVELS))]
        return LEVELS[probabilities.index(max(probabilities))]


def train_cumulative(variant: Variant, items: Sequence[Item]) -> Cumulative:
    """Fit :class:`Cumulative` by full-batch gradient descent (Adagrad steps, from zero
    weights and thresholds -1, 0, 1; deterministic) on the L2-penalised mean log loss."""
    import numpy as np

    rows = [item for item in items if item.typed is not None]
    feats = [names(item.typed[1], variant.interactions) for item in rows]  # type: ignore[index]
    columns = sorted({n for f in feats for n in f})
    at = {n: i for i, n in enumerate(columns)}
    x = np.zeros((len(rows), len(columns)))
    for r, f in enumerate(feats):
        for n in f:
            x[r, at[n]] = 1.0
    y = np.array([LEVELS.index(item.gold) for item in rows])
    offset = np.array([variant.anchor * LEVELS.index(item.typed[0]) for item in rows])  # type: ignore[index]
    n = float(len(rows))
    w = np.zeros(len(columns))
    th = np.array([-1.0, 0.0, 1.0])
    w_sq, th_sq = np.full_like(w, 1e-8), np.full_like(th, 1e-8)
    index = np.arange(len(rows))
    for _ in range(STEPS):
        c = 1.0 / (1.0 + np.exp(-(th[None, :] - (x @ w + offset)[:, None])))
        cum = np.hstack([np.zeros((len(rows), 1)), c, np.ones((len(rows), 1))])
        p = np.maximum(cum[index, y + 1] - cum[index, y], 1e-12)
        slope = c * (1.0 - c)
        upper = (y[:, None] == np.arange(3)[None, :]) * slope / p[:, None]
        lower = (y[:, None] == np.arange(1, 4)[None, :]) * slope / p[:, None]
        grad_th = -(upper - lower).sum(axis=0) / n
        grad_w = -(x.T @ (lower - upper).sum(axis=1)) / n + (variant.l2 / n) * w
        w_sq += grad_w * grad_w
        th_sq += grad_th * grad_th
        w -= 0.5 * grad_w / np.sqrt(w_sq)
        th = np.sort(th - 0.5 * grad_th / np.sqrt(th_sq))
    weights = {name: float(w[at[name]]) for name in columns}
    return Cumulative(weights, (float(th[0]), float(th[1]), float(th[2])), variant.anchor)


def predict(model: LinearModel, variant: Variant, view: tuple[str, list[Signal]] | None) -> str:
    """The calibrated level of one claim (``ungraded`` when the rules left it so)."""
    if view is None:
        return "ungraded"
    rules, signals = view
    found = model.predict(names(signals, variant.interactions))
    return found if found in LEVELS else shifted(rules, int(found))


def lowest(levels: Sequence[str]) -> str:
    return G.lowest(list(levels))


def predictor(variant: Variant, items: Sequence[Item]) -> Callable[[View], str]:
    """The level a variant fitted on ``items`` gives one claim's view."""
    if variant.target == "cumulative":
        return partial(train_cumulative(variant, items).level, interactions=variant.interactions)
    return partial(predict, train(variant, items), variant)


def loro(variant: Variant, items: list[Item]) -> tuple[list[str], list[str]]:
    """Held-out predictions (typed, automatic), each review predicted by a model fitted
    without it."""
    typed = [""] * len(items)
    auto = [""] * len(items)
    for review in dict.fromkeys(item.review for item in items):
        one = predictor(variant, [item for item in items if item.review != review])
        for i, item in enumerate(items):
            if item.review == review:
                typed[i] = one(item.typed)
                auto[i] = lowest([one(view) for view in item.auto])
    return typed, auto


def stored_model_text(dev: Path = G.GOLD / "dev.yaml") -> str:
    """The model file a fit of :data:`CHOSEN` on every dev item gives (what --write stores)."""
    items = read_items(yaml.safe_load(dev.read_text("utf-8")), automatic=False)
    return train(CHOSEN, items).to_json()


def exact(gold: Sequence[str], pred: Sequence[str]) -> float:
    return sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--dev", type=Path, default=G.GOLD / "dev.yaml", help="development half")
    parser.add_argument("--write", action="store_true", help=f"store {CHOSEN.name} in {MODEL}")
    args = parser.parse_args(argv)
    items = read_items(yaml.safe_load(args.dev.read_text("utf-8")))
    gold = [item.gold for item in items]
    reviews = len({item.review for item in items})
    print(f"dev half: {len(items)} items from {reviews} reviews; leave one review out")
    rules_typed = [item.typed[0] if item.typed else "ungraded" for item in items]
    rules_auto = [lowest([v[0] for v in item.auto if v is not None]) for item in items]
    print("rules (no calibration; nothing fitted)")
    print(G.summary("typed", gold, rules_typed))
    print(G.summary("auto", gold, rules_auto))
    scored = []
    for variant in VARIANTS:
        typed, auto = loro(variant, items)
        scored.append((exact(gold, typed), G.kappa(gold, typed, False), variant))
        print(f"LORO {variant.name}")
        print(G.summary("typed", gold, typed))
        print(G.summary("auto", gold, auto))
    best = max(scored, key=lambda s: (s[0], s[1], -VARIANTS.index(s[2])))[2]
    print(f"best on LORO typed exact: {best.name}; stored variant: {CHOSEN.name}")
    if args.write:
        MODEL.parent.mkdir(parents=True, exist_ok=True)
        MODEL.write_text(train(CHOSEN, items).to_json(), "utf-8")
        print(f"wrote {MODEL.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
