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

each with a few L2 penalties (strong ones: 119 items) and with or without the interaction
features (``silent&...``). The variant is chosen by LORO typed exact agreement only (ties:
kappa, then the order listed); ``--write`` stores the variant named in ``CHOSEN`` fitted on
every dev item at src/evidence_claims/data/models/grade_calibration.json (tests check the
stored file equals a refit). The features themselves were chosen while reading the dev half,
so the LORO figure is honest for the weights, not for the choice of features; the blind and
validation halves (grade_agreement.py --certainty learned) are the figures to trust.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import grade_agreement as G  # noqa: E402
from grade_gold import one_claim_set  # noqa: E402

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


@dataclass(frozen=True)
class Variant:
    target: str  # "levels" | "shift"
    l2: float
    interactions: bool

    @property
    def name(self) -> str:
        extra = "" if self.interactions else ", no interactions"
        return f"{self.target} l2={self.l2:g}{extra}"


VARIANTS = tuple(
    Variant(target, l2, inter)
    for target in ("shift", "levels")
    for inter in (True, False)
    for l2 in PENALTIES
)
CHOSEN = Variant("shift", 10.0, True)
"""The variant --write stores: the best on LORO typed exact agreement (see the printout)."""


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
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            (folder / "document.txt").write_text(item["statement"], "utf-8")
            (folder / "references.bib").write_text(item["bibtex"], "utf-8")
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


def predict(model: LinearModel, variant: Variant, view: tuple[str, list[Signal]] | None) -> str:
    """The calibrated level of one claim (``ungraded`` when the rules left it so)."""
    if view is None:
        return "ungraded"
    rules, signals = view
    found = model.predict(names(signals, variant.interactions))
    return found if found in LEVELS else shifted(rules, int(found))


def lowest(levels: Sequence[str]) -> str:
    return G.lowest(list(levels))


def loro(variant: Variant, items: list[Item]) -> tuple[list[str], list[str]]:
    """Held-out predictions (typed, automatic), each review predicted by a model fitted
    without it."""
    typed = [""] * len(items)
    auto = [""] * len(items)
    for review in dict.fromkeys(item.review for item in items):
        model = train(variant, [item for item in items if item.review != review])
        for i, item in enumerate(items):
            if item.review == review:
                typed[i] = predict(model, variant, item.typed)
                auto[i] = lowest([predict(model, variant, view) for view in item.auto])
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
