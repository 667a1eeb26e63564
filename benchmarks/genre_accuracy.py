"""Accuracy of the genre reader (evidence_claims.extraction.genre) against annotated genres.

Run: .venv/bin/python benchmarks/genre_accuracy.py [--blind]

Each gold folder's SOURCE.md names the passage's genre on a `- genre:` line. The tune half
(benchmarks/gold-real/) is reported per document: the annotated label, the genre read, and
whether the kind ("trial abstract" vs "survey abstract") and the family (research report,
narrative review, encyclopedia, agency, news, forum, personal) agree. A kind is compared
after normalising the annotated label: "narrative review (numbered references)" counts as
"narrative review", "news report with quoted experts" as "news report".
`--blind` adds the blind halves as one aggregate row each (kind and family accuracy only):
never tune on them.
`--lopo` checks whether the signals generalise when their weights are fitted rather than set
by hand: leave-one-passage-out on the tune half, each held-out passage's family predicted by
the nearest family centroid (cosine) of the other passages' signal-score vectors.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from evidence_claims.extraction.genre import (  # noqa: E402
    family_of_label,
    load_genre_rules,
    read_genre,
)

TUNE = ROOT / "benchmarks" / "gold-real"
BLIND = (ROOT / "benchmarks" / "gold-real-blind", ROOT / "benchmarks" / "gold-real-blind-2")
_GENRE_LINE = re.compile(r"^- genre:\s*(.+)$", re.M)
_KINDS = (
    "trial abstract",
    "survey abstract",
    "cohort abstract",
    "systematic-review abstract",
    "narrative review",
    "encyclopedia article",
    "agency fact sheet",
    "agency statement",
    "agency questions and answers",
    "news report",
    "forum thread",
    "personal text",
    "blog post",
)


def annotated(folder: Path) -> str | None:
    source = folder / "SOURCE.md"
    if not source.exists():
        return None
    match = _GENRE_LINE.search(source.read_text(encoding="utf-8"))
    return match.group(1).strip() if match else None


def normalised(label: str) -> str:
    low = label.lower()
    return next((kind for kind in _KINDS if low.startswith(kind)), low)


def rows(root: Path) -> list[tuple[str, str, str, str, bool, bool]]:
    out = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        label = annotated(folder)
        document = folder / "document.txt"
        if label is None or not document.exists():
            continue
        genre = read_genre(document.read_text(encoding="utf-8"))
        gold_kind, gold_family = normalised(label), family_of_label(label)
        out.append(
            (
                folder.name,
                gold_kind,
                genre.label,
                genre.family,
                genre.label == gold_kind,
                genre.family == gold_family,
            )
        )
    return out


def _vector(text: str) -> list[float]:
    """Every family signal's capped, unweighted count (the features a fitted model sees)."""
    rules = load_genre_rules()
    stop = min(len(text), 20_000)
    return [
        signal.score(text, 0, stop) / signal.weight
        for family in rules.families
        for signal in family.signals
    ]


def _cosine(a: list[float], b: list[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    na = sum(x * x for x in a) ** 0.5
    nb = sum(y * y for y in b) ** 0.5
    return dot / (na * nb) if na and nb else 0.0


def lopo(root: Path) -> tuple[int, int]:
    """Leave-one-passage-out family accuracy of a nearest-centroid fit: (right, n)."""
    items = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        label = annotated(folder)
        if label is not None and (folder / "document.txt").exists():
            text = (folder / "document.txt").read_text(encoding="utf-8")
            items.append((family_of_label(label), _vector(text)))
    right = 0
    for i, (family, vector) in enumerate(items):
        sums: dict[str, list[float]] = {}
        for j, (other, v) in enumerate(items):
            if j != i:
                acc = sums.setdefault(other, [0.0] * len(v))
                for k, x in enumerate(v):
                    acc[k] += x
        guess = max(sums, key=lambda f: _cosine(sums[f], vector))
        right += guess == family
    return right, len(items)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--blind", action="store_true", help="add the blind aggregate rows")
    parser.add_argument("--lopo", action="store_true", help="leave-one-passage-out fitted check")
    args = parser.parse_args()
    tune = rows(TUNE)
    print(f"{'document':38} {'annotated':28} {'read':28} kind family")
    for name, gold, read, _family, kind_ok, family_ok in tune:
        print(
            f"{name:38} {gold:28} {read:28} {'ok' if kind_ok else '--':4} "
            f"{'ok' if family_ok else '--'}"
        )
    n = len(tune)
    kind = sum(r[4] for r in tune) / n
    family = sum(r[5] for r in tune) / n
    print(f"\ntune (gold-real) n={n}: kind {kind:.1%}  family {family:.1%}")
    texts = [(TUNE / r[0] / "document.txt").read_text(encoding="utf-8") for r in tune]
    started = time.process_time()
    for _ in range(20):
        for text in texts:
            read_genre(text)
    spent = (time.process_time() - started) / (20 * n)
    print(f"speed: {spent * 1000:.2f} ms CPU per document (median-free mean over {20 * n})")
    if args.lopo:
        right, total = lopo(TUNE)
        share = right / total
        print(f"LOPO nearest-centroid family accuracy (tune): {right}/{total} = {share:.1%}")
    if args.blind:
        for root in BLIND:
            if not root.exists():
                continue
            blind = rows(root)
            if blind:
                k = sum(r[4] for r in blind) / len(blind)
                f = sum(r[5] for r in blind) / len(blind)
                print(f"blind {root.name} n={len(blind)}: kind {k:.1%}  family {f:.1%}")


if __name__ == "__main__":
    main()
