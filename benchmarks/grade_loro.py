"""Leave-one-review-out agreement on the GRADE development half.

Run: python benchmarks/grade_loro.py [--dev FILE] [--folds]

The plain dev figure of ``grade_agreement.py`` scores the engine on the very items its rules
were written against. This script asks how much of that agreement comes from choosing the
engine's numeric thresholds on the dev items themselves. The items are grouped by review (their
BibTeX key); for each review left out in turn, every combination of the candidate thresholds
below is scored on the *other* reviews, the best one (most exact agreements; ties go to the
combination nearest GRADE's defaults, listed first) is chosen, and only then is the left-out
review scored with it. The held-out suggestions of all folds are pooled and scored like the
plain figure, and both are printed side by side (typed and automatic paths).

Candidates, each a value a GRADE user could defend:

- I² from which heterogeneity rates down: 50 (default; the Cochrane Handbook's "substantial"
  band starts there), 40 (where its "might not be important" band ends), 60, 75
  ("considerable");
- an appreciable standardized mean difference: 0.5 (default; half a standard deviation, Norman
  et al. 2003), 0.2 (Cohen's "small");
- appreciable ratios: 0.75 / 1.25 (default; GRADE guidelines 6, a 25% relative change either
  way), 0.80 / 1.25 (the same 25% on the log scale, 1/1.25 = 0.80).

What it cannot undo: the word lists and rules were themselves written while reading the dev
items, so even the held-out figure is not a blind one; the blind half (grade_agreement.py) is.
Only the typed path is used to choose thresholds; the automatic path is scored with the same
choice.
"""

from __future__ import annotations

import argparse
import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import grade_agreement as G  # benchmarks/ is on sys.path when run as a script
import yaml

from evidence_claims.assessment import concerns as C

I2_VALUES = (50.0, 40.0, 60.0, 75.0)
SMD_VALUES = (0.5, 0.2)
RATIO_VALUES = ((0.75, 1.25), (0.80, 1.25))
GRID = tuple(itertools.product(I2_VALUES, SMD_VALUES, RATIO_VALUES))
"""Every combination; the first is GRADE's default, and ties go to the earlier one."""


@contextmanager
def thresholds(i2: float, smd: float, ratio: tuple[float, float]) -> Iterator[None]:
    """The engine's module thresholds set to one combination for the duration."""
    saved = (C.I2_SUBSTANTIAL, C.SMD_APPRECIABLE, C.RATIO_BENEFIT, C.RATIO_HARM)
    C.I2_SUBSTANTIAL, C.SMD_APPRECIABLE = i2, smd
    C.RATIO_BENEFIT, C.RATIO_HARM = ratio
    try:
        yield
    finally:
        C.I2_SUBSTANTIAL, C.SMD_APPRECIABLE, C.RATIO_BENEFIT, C.RATIO_HARM = saved


def describe(combo: tuple) -> str:
    i2, smd, (benefit, harm) = combo
    return f"I2>={i2:g} SMD>={smd:g} ratio<={benefit:g}/>={harm:g}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--dev", type=Path, default=G.GOLD / "dev.yaml", help="development half")
    parser.add_argument("--folds", action="store_true", help="the combination each fold chose")
    args = parser.parse_args(argv)
    items = yaml.safe_load(args.dev.read_text("utf-8"))
    reviews = [G.review_key(item) for item in items]

    # Every item under every combination, once.
    rows: dict[tuple, list[G.Row]] = {}
    for combo in GRID:
        with thresholds(*combo):
            rows[combo], _failures = G.run(items)

    held_out: list[G.Row | None] = [None] * len(items)
    chosen: dict[str, tuple] = {}
    for review in dict.fromkeys(reviews):
        train = [i for i, r in enumerate(reviews) if r != review]
        best = max(
            GRID,
            key=lambda c: (
                sum(rows[c][i].typed == rows[c][i].gold for i in train),
                -GRID.index(c),
            ),
        )
        chosen[review] = best
        for i, r in enumerate(reviews):
            if r == review:
                held_out[i] = rows[best][i]

    default = rows[GRID[0]]
    gold = [r.gold for r in default]
    pooled = [r for r in held_out if r is not None]
    print(f"dev half: {len(items)} items from {len(set(reviews))} reviews")
    print("plain (GRADE's default thresholds, every item scored as tuned on)")
    for name in ("typed", "auto"):
        print(G.summary(name, gold, [getattr(r, name) for r in default]))
    print("leave one review out (thresholds chosen on the other reviews)")
    for name in ("typed", "auto"):
        print(G.summary(name, gold, [getattr(r, name) for r in pooled]))
    best_all = max(GRID, key=lambda c: (sum(r.typed == r.gold for r in rows[c]), -GRID.index(c)))
    print(f"  combination best on all of dev: {describe(best_all)}")
    moved = sum(1 for c in chosen.values() if c != GRID[0])
    print(f"  folds that chose other than the default: {moved} of {len(chosen)}")
    if args.folds:
        for review, combo in chosen.items():
            print(f"    {review}: {describe(combo)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
