"""How well a careful GRADE reviewer reading only the statement agrees with the review authors.

Run: python benchmarks/grade_ceiling.py

The GRADE gold items (benchmarks/grade/README.md) give a short statement and the review's BibTeX
entry; the authors rated each outcome from the full review. benchmarks/grade/ceiling/ratings.yaml
holds one reviewer's independent ratings of every item of the held-out halves (val.yaml,
blind.yaml, blind-2.yaml), made from the statement and entry alone (grade_ceiling_extract.py wrote
the only copy the reviewer read; grade/ceiling/README.md says how). This script scores three
pairs on each half and on both blind files pooled:

- reviewer vs authors: how much of the authors' rating a reading of the text can recover (the
  ceiling a text-reading engine can hope to reach, measured by one reader);
- engine vs authors: the typed path exactly as grade_agreement.py runs it;
- engine vs reviewer: how close the engine comes to a human reading of the same text.

Each row gives exact agreement with its 95% Wilson interval, agreement within one level and
Cohen's kappa (plain and linearly weighted), with grade_agreement.py's arithmetic. Rows are split
by whether the authors' reasons were read into the item (grade_agreement.py's split), and one 4x4
table pools reviewer vs authors over the three halves. These halves are held out: only aggregate
rows are printed, never an item, and no group under ``ga.HELD_OUT_MIN_ITEMS`` items is scored.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import grade_agreement as ga  # noqa: E402

from evidence_claims.testing.intervals import wilson  # noqa: E402

RATINGS = ROOT / "benchmarks" / "grade" / "ceiling" / "ratings.yaml"
HALVES = (("val", "val.yaml"), ("blind", "blind.yaml"), ("blind-2", "blind-2.yaml"))
"""The held-out halves the reviewer rated, each with its gold file under benchmarks/grade/."""
PAIRS = (
    ("reviewer vs authors", "authors", "reviewer"),
    ("engine vs authors", "authors", "engine"),
    ("engine vs reviewer", "reviewer", "engine"),
)
"""The three comparisons: a title, the reference column and the compared column."""


@dataclass(frozen=True)
class Pair:
    """One held-out item's three ratings and whether its writer read the authors' reasons."""

    authors: str
    reviewer: str
    engine: str
    reasons_read: bool


@dataclass(frozen=True)
class Agreement:
    n: int
    exact: float
    exact_low: float
    exact_high: float
    within_one: float
    kappa: float
    weighted_kappa: float


def implied_level(start: str, down: dict[str, int], up: dict[str, int]) -> str:
    """The level GRADE's arithmetic gives: the start, less the levels rated down, plus those
    rated up, kept between very low and high."""
    index = ga.LEVELS.index(start) - sum(down.values()) + sum(up.values())
    return ga.LEVELS[max(0, min(len(ga.LEVELS) - 1, index))]


def check_ratings(ratings: list[dict]) -> dict[str, str]:
    """The reviewer's certainty by item id, after checking that every rating is whole: a known
    level, no id twice, and a certainty that follows from its start and domains."""
    by_id: dict[str, str] = {}
    for rating in ratings:
        item_id = rating["id"]
        if item_id in by_id:
            raise ValueError(f"{item_id}: rated twice")
        certainty = rating["certainty"]
        if certainty not in ga.LEVELS:
            raise ValueError(f"{item_id}: unknown level {certainty!r}")
        implied = implied_level(rating["start"], rating.get("down") or {}, rating.get("up") or {})
        if implied != certainty:
            raise ValueError(f"{item_id}: {certainty} does not follow from its domains ({implied})")
        by_id[item_id] = certainty
    return by_id


def agreement(reference: Sequence[str], compared: Sequence[str]) -> Agreement:
    """Exact agreement (with its Wilson interval), within one level and kappas of two raters."""
    n = len(reference)
    hits = sum(r == c for r, c in zip(reference, compared, strict=True))
    low, high = wilson(hits, n)
    near = sum(ga.within_one(r, c) for r, c in zip(reference, compared, strict=True))
    return Agreement(
        n=n,
        exact=hits / n if n else float("nan"),
        exact_low=low,
        exact_high=high,
        within_one=near / n if n else float("nan"),
        kappa=ga.kappa(reference, compared, False),
        weighted_kappa=ga.kappa(reference, compared, True),
    )


def pairs_of(
    items: list[dict], reviewer: dict[str, str], engine: Callable[[dict], str]
) -> list[Pair]:
    """The three ratings of each item; an item the reviewer did not rate is an error, since the
    ceiling must cover the whole half."""
    missing = [item["id"] for item in items if item["id"] not in reviewer]
    if missing:
        raise ValueError(f"{len(missing)} item(s) not rated by the reviewer")
    return [
        Pair(
            authors=item["authors_certainty"],
            reviewer=reviewer[item["id"]],
            engine=engine(item),
            reasons_read=bool(item.get("authors_reasons")),
        )
        for item in items
    ]


def engine_typed(item: dict) -> str:
    """The engine's certainty on the typed path of grade_agreement.py; ungraded if it fails."""
    with ga.item_folder(item) as folder:
        try:
            return ga.typed(item, folder)[0]
        except Exception:  # an item the library cannot read counts as ungraded there too
            return "ungraded"


def row(title: str, agreed: Agreement) -> str:
    return (
        f"  {title:<20} n={agreed.n:<3} exact {agreed.exact:4.2f} "
        f"[{agreed.exact_low:4.2f}, {agreed.exact_high:4.2f}]  within-one {agreed.within_one:4.2f}"
        f"  kappa {agreed.kappa:5.2f}  weighted {agreed.weighted_kappa:5.2f}"
    )


def report(title: str, pairs: list[Pair], min_items: int = ga.HELD_OUT_MIN_ITEMS) -> list[str]:
    """The aggregate rows of one group of items: the three comparisons, or a count alone when
    the group is too small to print without showing its items."""
    if len(pairs) < min_items:
        return [f"{title} (n={len(pairs)}): fewer than {min_items} items, not scored"]
    lines = [f"{title} (n={len(pairs)})"]
    for name, reference, compared in PAIRS:
        agreed = agreement(
            [getattr(p, reference) for p in pairs], [getattr(p, compared) for p in pairs]
        )
        lines.append(row(name, agreed))
    only_reviewer, only_engine = discordant(pairs)
    lines.append(
        f"  exact for one only: reviewer {only_reviewer}, engine {only_engine} "
        f"(exact sign test p = {sign_test(only_reviewer, only_engine):.2f})"
    )
    return lines


def discordant(pairs: list[Pair]) -> tuple[int, int]:
    """Items where only the reviewer agrees exactly with the authors, and where only the engine
    does: the paired comparison of the two readers on the same items."""
    only_reviewer = sum(p.reviewer == p.authors != p.engine for p in pairs)
    only_engine = sum(p.engine == p.authors != p.reviewer for p in pairs)
    return only_reviewer, only_engine


def sign_test(a: int, b: int) -> float:
    """Two-sided exact sign (McNemar) test of ``a`` against ``b`` discordant items."""
    n = a + b
    if n == 0:
        return 1.0
    tail = sum(math.comb(n, k) for k in range(min(a, b) + 1)) / 2**n
    return min(1.0, 2 * tail)


def confusion(pairs: list[Pair]) -> list[str]:
    """Reviewer (columns) against authors (rows), counts over the pooled items."""
    lines = ["reviewer vs authors, pooled: rows = authors, columns = reviewer"]
    lines.append(" " * 10 + "".join(f"{level:>10}" for level in ga.LEVELS) + f"{'total':>8}")
    for authors in ga.LEVELS:
        counts = [sum(p.authors == authors and p.reviewer == r for p in pairs) for r in ga.LEVELS]
        lines.append(f"{authors:<10}" + "".join(f"{c:>10}" for c in counts) + f"{sum(counts):>8}")
    totals = [sum(p.reviewer == r for p in pairs) for r in ga.LEVELS]
    lines.append(f"{'total':<10}" + "".join(f"{c:>10}" for c in totals) + f"{len(pairs):>8}")
    return lines


def with_split(title: str, pairs: list[Pair]) -> list[str]:
    """A group's rows, then the same rows split by whether the authors' reasons were read."""
    lines = report(title, pairs)
    lines += report(f"{title}, reasons read", [p for p in pairs if p.reasons_read])
    lines += report(f"{title}, reasons not read", [p for p in pairs if not p.reasons_read])
    return lines


def main() -> int:
    reviewer = check_ratings(yaml.safe_load(RATINGS.read_text("utf-8")))
    by_half: dict[str, list[Pair]] = {}
    for half, name in HALVES:
        items = yaml.safe_load((ga.GOLD / name).read_text("utf-8"))
        by_half[half] = pairs_of(items, reviewer, engine_typed)
    for half, _ in HALVES:
        print("\n".join(with_split(half, by_half[half])))
    print("\n".join(with_split("all blind", by_half["blind"] + by_half["blind-2"])))
    everything = [p for half, _ in HALVES for p in by_half[half]]
    print("\n".join(report("all three halves", everything)))
    print("\n".join(confusion(everything)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
