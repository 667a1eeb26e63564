"""Agreement of the suggested certainty with review authors' own GRADE ratings.

Run: python benchmarks/grade_agreement.py [--mismatches] [--no-blind] [--val-only] [--dev FILE]
                                          [--certainty rules|learned] [--dev-half design|check]

Reads the gold items of benchmarks/grade/dev.yaml (the half the rules may be tuned on) and the
blind files benchmarks/grade/blind.yaml and blind-2.yaml (built by people who never saw the
rules; never tuned on). Each
item is a real outcome statement from a systematic review or guideline, paraphrased, with the
review's BibTeX entry and the authors' certainty (see benchmarks/grade/README.md). Three ways of
reaching a certainty are scored against the authors':

- automatic: ``evidence_claims.extract`` drafts claims from the statement with the entry as
  bibliography, and ``evidence_claims.assess`` grades them. The statement's certainty is that
  of the claims that cite a source (the lowest of them, since GRADE rates a body of evidence by
  its weakest link); when no claim cites one, the lowest among all claims; ``ungraded`` only
  when nothing was graded.
- typed: one claim whose text is the whole statement, ``evidence.type`` = the item's
  source_type, ``sources`` = [its key], ``basis: explicit`` (what a person adds in a minute),
  written to a claim file and read back with ``evidence_claims.load``, then assessed.
- baseline: the starting level of the source type alone (for a systematic review, the start of
  its primary design), read from the taxonomy data file.

``--certainty learned`` scores the automatic and typed paths with the learned calibration of
the rules' level (``assess(..., certainty="learned")``; trained on the development half, so its
dev figure is fitted, not held out: benchmarks/train_grade_model.py prints the held-out one).

``ungraded`` counts as a disagreement (and as the farthest level for within-one and the weighted
kappa). The blind files are printed as aggregate rows only: no per-item rows, no confusion
matrix, no mismatches. For blind.yaml a second row keeps only the items whose review (BibTeX key)
never appeared in the development half, nor among the keys of reviews once in it
(RETIRED_DEV_KEYS), so that the figure is free of reviews the rules were tuned on; only its size
is printed. blind-2.yaml gets its own rows, then both blind files are pooled ("all blind") and
pooled again without reviews ever in dev. Only the public API is used.

benchmarks/grade/val.yaml, the validation half (reviews in no other gold file, written without
reading the rules), is printed as aggregate rows only as well, with the split by whether the
authors' reasons were read: it exists to choose between assessment methods (rules, a learned
calibration) without spending the blind halves, never to tune a rule on an item, so no per-item
row is ever printed for it. ``--val-only`` prints the validation rows alone (no development and
no blind rows); ``--no-blind`` leaves the blind files out and keeps the validation rows.

``--dev-half design|check`` scores one half of the development items, split once and for all by
a digest of each item's id (:func:`dev_half`), and nothing else (no validation or blind rows).
Rules are written from the design half, whose items and mismatches may be read; the check half
is printed as aggregate rows only (no confusion matrix, no mismatches), so that a rule fitted to
the statements it was written from shows up there before the validation half is spent.

Development items written together may carry a ``batch`` label; each batch gets its own
aggregate rows ("dev, batch fresh-5"), overall and split by whether the reasons were read, so
that a batch committed before the engine was run on it can report its first score apart.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from grade_gold import assess_one_claim, item_folder  # noqa: E402

import evidence_claims  # noqa: E402

GOLD = ROOT / "benchmarks" / "grade"
VAL_FILE = "val.yaml"
"""The validation half: aggregate rows only, used to choose between methods (grade/README.md)."""
RETIRED_DEV_KEYS = frozenset({"alkhalifah2020", "shang2022", "tanlim2018", "mayowilson2014"})
"""Reviews whose items were in the development half when the rules were tuned, and were later
removed from it because the blind half draws on the same reviews (see grade/README.md)."""
BLIND_FILES = (
    ("blind.yaml", "blind (never tuned on)"),
    ("blind-2.yaml", "blind-2 (never tuned on)"),
)
"""The blind files, scored as aggregate rows only, each on its own and then pooled."""
LEVELS = ("very_low", "low", "moderate", "high")
LABELS = (*LEVELS, "ungraded")
# The taxonomy type whose start a review's primary design takes (baseline only).
DESIGN_TYPE = {
    "randomized_trial": "clinical_trial",
    "observational": "observational_study",
    "diagnostic_accuracy": "diagnostic_accuracy",
    "mixed": "observational_study",
    "case_series": "case_report",
    "animal": "animal_study",
}


@dataclass
class Row:
    item_id: str
    gold: str
    auto: str
    typed: str
    baseline: str
    reasons: str


def taxonomy_starts() -> dict[str, str | None]:
    text = resources.files("evidence_claims").joinpath("data/taxonomy.yaml").read_text("utf-8")
    types = yaml.safe_load(text)["types"]
    return {name: spec.get("grade_start") for name, spec in types.items()}


def baseline(item: dict, starts: dict[str, str | None]) -> str:
    kind = item["source_type"]
    if kind == "systematic_review":
        design = DESIGN_TYPE.get(item.get("primary_design", ""), "")
        if design in starts:
            kind = design
        elif item.get("primary_design") == "diagnostic_accuracy":
            return "high"  # cross-sectional accuracy studies start high (Schünemann 2008)
    return starts.get(kind) or "ungraded"


def bib_key(bibtex: str) -> str:
    head = bibtex.split("{", 1)[1]
    return head.split(",", 1)[0].strip()


def review_key(item: dict) -> str:
    """The item's review, as its BibTeX key in letters and digits only (``al-khalifah2020`` and
    ``alkhalifah2020`` are one review)."""
    return "".join(c for c in bib_key(item["bibtex"]).lower() if c.isalnum())


DEV_HALVES = ("design", "check")


def dev_half(item: dict) -> str:
    """``design`` or ``check``: a fixed split of the development items by a digest of the id.

    The design half's items and mismatches may be read while writing a rule; the check half is
    read as aggregates only and must not drop when a rule is kept. A digest of the id (not its
    position) keeps each item on its side as items are added, as extract_agreement's
    ``tune_half`` does for passages.
    """
    digest = hashlib.sha256(str(item.get("id")).encode("utf-8")).digest()
    return "design" if digest[0] % 2 == 0 else "check"


def lowest(values: Sequence[str]) -> str:
    graded = [v for v in values if v in LEVELS]
    return min(graded, key=LEVELS.index) if graded else "ungraded"


CERTAINTY = "rules"
"""Where the suggested certainty comes from (``--certainty``): the rules, or "learned"."""


def automatic(item: dict, folder: Path) -> str:
    text = item["statement"]
    claim_set = evidence_claims.extract(text, bibliography=folder / "references.bib")
    report = evidence_claims.assess(claim_set, certainty=CERTAINTY)
    by_id = {a.claim_id: a.certainty for a in report.assessments}
    cited = [by_id[c.id] for c in claim_set.claims if c.evidence.sources]
    if cited and lowest(cited) != "ungraded":
        return lowest(cited)
    return lowest(list(by_id.values()))


def typed(item: dict, folder: Path) -> tuple[str, str]:
    text = item["statement"]
    key = bib_key(item["bibtex"])
    assessment = assess_one_claim(
        folder,
        text,
        doc_id="gold",
        evidence_type=item["source_type"],
        key=key,
        certainty=CERTAINTY,
    )
    moved = [f"{r.code} {r.effect:+d}" for r in assessment.reasons if r.effect]
    return assessment.certainty, "; ".join(moved) or "-"


def run(items: list[dict]) -> tuple[list[Row], list[str]]:
    """One row per item, and the items a path could not read (counted as ungraded)."""
    starts = taxonomy_starts()
    rows = []
    failures: list[str] = []
    for item in items:
        with item_folder(item) as folder:
            try:
                auto = automatic(item, folder)
            except Exception as error:  # an item the library cannot read counts as ungraded
                auto, failures = "ungraded", [*failures, f"{item.get('id')}: automatic: {error!r}"]
            try:
                typed_level, reasons = typed(item, folder)
            except Exception as error:
                typed_level, reasons = "ungraded", "-"
                failures = [*failures, f"{item.get('id')}: typed: {error!r}"]
        rows.append(
            Row(
                str(item.get("id")),
                item["authors_certainty"],
                auto,
                typed_level,
                baseline(item, starts),
                reasons,
            )
        )
    return rows, failures


def _index(label: str) -> int:
    return LABELS.index(label)


def kappa(gold: Sequence[str], pred: Sequence[str], weighted: bool) -> float:
    """Cohen's kappa over LABELS; linear weights on the four levels, ungraded farthest."""
    n = len(gold)
    if n == 0:
        return float("nan")
    k = len(LABELS)

    def agree(i: int, j: int) -> float:
        if i == j:
            return 1.0
        if not weighted or LABELS[i] == "ungraded" or LABELS[j] == "ungraded":
            return 0.0
        return 1.0 - abs(i - j) / (len(LEVELS) - 1)

    observed = sum(agree(_index(g), _index(p)) for g, p in zip(gold, pred, strict=True)) / n
    gm = [sum(1 for g in gold if g == label) / n for label in LABELS]
    pm = [sum(1 for p in pred if p == label) / n for label in LABELS]
    expected = sum(agree(i, j) * gm[i] * pm[j] for i in range(k) for j in range(k))
    if expected == 1.0:
        return 1.0 if observed == 1.0 else 0.0
    return (observed - expected) / (1.0 - expected)


def within_one(gold: str, pred: str) -> bool:
    return pred in LEVELS and abs(LEVELS.index(gold) - LEVELS.index(pred)) <= 1


def summary(name: str, gold: Sequence[str], pred: Sequence[str]) -> str:
    n = len(gold)
    exact = sum(g == p for g, p in zip(gold, pred, strict=True)) / n
    near = sum(within_one(g, p) for g, p in zip(gold, pred, strict=True)) / n
    return (
        f"  {name:<10} n={n:<3} exact {exact:5.2f}  within-one {near:5.2f}  "
        f"kappa {kappa(gold, pred, False):5.2f}  weighted kappa {kappa(gold, pred, True):5.2f}"
    )


def confusion(rows: list[Row], attr: str) -> str:
    lines = [f"  {attr}: rows = authors, columns = suggested"]
    lines.append("  " + " " * 10 + "".join(f"{label:>10}" for label in LABELS))
    for g in LEVELS:
        counts = [sum(1 for r in rows if r.gold == g and getattr(r, attr) == p) for p in LABELS]
        lines.append(f"  {g:<10}" + "".join(f"{c:>10}" for c in counts))
    return "\n".join(lines)


def report(title: str, rows: list[Row], detail: bool) -> None:
    print(title if CERTAINTY == "rules" else f"{title} [certainty {CERTAINTY}]")
    gold = [r.gold for r in rows]
    for name in ("auto", "typed", "baseline"):
        print(summary(name, gold, [getattr(r, name) for r in rows]))
    if detail:
        for name in ("auto", "typed"):
            print(confusion(rows, name))


def report_unseen(title: str, rows: list[Row], items: list[dict], seen: set[str]) -> None:
    """Aggregate rows for the items whose review never appeared in the development half; only
    how many items are left out is said about the others."""
    clean = [row for row, item in zip(rows, items, strict=True) if review_key(item) not in seen]
    heading = f"{title} ({len(rows) - len(clean)} of {len(rows)} items left out)"
    if clean:
        report(heading, clean, detail=False)
    else:
        print(f"{heading}: no item left")


def report_by_reasons(title: str, rows: list[Row], items: list[dict]) -> None:
    """Aggregate rows split by whether the item's writer could read the authors' reasons.

    An item whose footnotes were not read has an empty ``authors_reasons`` list, and its
    statement cannot carry the facts behind the rating: a rating down for a domain the
    statement never mentions is out of reach of any reading of the text. The split says how
    much of the disagreement lies there; it is a property of the gold item, not of the engine.
    """
    read = [row for row, item in zip(rows, items, strict=True) if item.get("authors_reasons")]
    unread = [row for row, item in zip(rows, items, strict=True) if not item.get("authors_reasons")]
    for label, part in (("reasons read", read), ("reasons not read", unread)):
        if part:
            report(f"{title}, {label} (n={len(part)})", part, detail=False)


def report_batches(title: str, rows: list[Row], items: list[dict]) -> None:
    """Aggregate rows for each batch of items written together (an item's optional ``batch``
    label, e.g. ``fresh-5``), overall and split by whether the authors' reasons were read, in
    the order the batches first appear. A batch committed before the engine was run on it
    gives, on its first run, how the engine does on items it was never tuned on; later runs
    show the same items after any tuning on them."""
    batches: dict[str, list[int]] = {}
    for position, item in enumerate(items):
        label = item.get("batch")
        if isinstance(label, str) and label.strip():
            batches.setdefault(label.strip(), []).append(position)
    for label, positions in batches.items():
        part_rows = [rows[i] for i in positions]
        part_items = [items[i] for i in positions]
        heading = f"{title}, batch {label}"
        report(f"{heading} (n={len(part_rows)})", part_rows, detail=False)
        report_by_reasons(heading, part_rows, part_items)


HELD_OUT_MIN_ITEMS = 5
"""Fewest items an aggregate row of a held-out half (validation, blind) may cover: a row of one
or two items would show how the engine rated those very items."""


def report_area(
    title: str, rows: list[Row], items: list[dict], area: str, min_items: int = 1
) -> None:
    """Aggregate rows for the items of one area (``diagnostic``: test accuracy evidence, which
    GRADE rates with its own reading; Schünemann et al. 2008, GRADE guidelines 21). Held-out
    halves pass ``min_items``: a smaller group is counted, not scored."""
    part = [row for row, item in zip(rows, items, strict=True) if item.get("area") == area]
    if not part:
        return
    if len(part) < min_items:
        print(f"{title}, {area} items (n={len(part)}): fewer than {min_items}, not scored")
        return
    report(f"{title}, {area} items (n={len(part)})", part, detail=False)


def report_aggregate(path: Path, title: str, missing: str) -> tuple[list[Row], list[dict]] | None:
    """Rows and items of a gold file printed as aggregates only (the validation and blind
    halves): its aggregate rows under ``title``, and a count of the items that could not be
    read, nothing about the items themselves; None (saying ``missing``) when it is absent."""
    if not path.exists():
        print(f"{title}: {missing}")
        return None
    items = yaml.safe_load(path.read_text("utf-8"))
    rows, failures = run(items)
    report(title, rows, detail=False)
    if failures:
        print(f"  {len(failures)} item path(s) could not be read (ungraded)")
    return rows, items


def report_validation(path: Path) -> None:
    """Aggregate rows for the validation half, overall and split by whether the authors' reasons
    were read; a failure to read an item is counted, not shown."""
    title = "val (validation half: choose between methods, never tune on it)"
    found = report_aggregate(path, title, "not present")
    if found is None:
        return
    rows, items = found
    report_by_reasons("val", rows, items)
    report_area("val", rows, items, "diagnostic", HELD_OUT_MIN_ITEMS)


def report_dev_half(path: Path, half: str, mismatches: bool) -> None:
    """Rows for one half of the development items: the design half in full (confusion matrix,
    and per-item mismatches when asked), the check half as aggregate rows only."""
    items = [item for item in yaml.safe_load(path.read_text("utf-8")) if dev_half(item) == half]
    rows, failures = run(items)
    design = half == "design"
    report(f"dev, {half} half", rows, detail=design)
    if failures:
        print(f"  {len(failures)} item path(s) could not be read (ungraded)")
    report_by_reasons(f"dev, {half} half", rows, items)
    report_batches(f"dev, {half} half", rows, items)
    if design and mismatches:
        print_mismatches(rows)


def print_mismatches(rows: list[Row]) -> None:
    print("  dev items where a path disagrees with the authors:")
    for r in rows:
        if r.auto != r.gold or r.typed != r.gold:
            print(
                f"    {r.item_id}: authors {r.gold}; auto {r.auto}; typed {r.typed} "
                f"({r.reasons}); baseline {r.baseline}"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--mismatches", action="store_true", help="per-item rows (dev only)")
    parser.add_argument("--no-blind", action="store_true", help="leave the blind half out")
    parser.add_argument("--dev", type=Path, default=GOLD / "dev.yaml", help="development half")
    parser.add_argument(
        "--val-only", action="store_true", help="print only the validation half's aggregate rows"
    )
    parser.add_argument(
        "--certainty",
        choices=("rules", "learned"),
        default="rules",
        help="the rules' certainty, or the rules' level with the learned calibration",
    )
    parser.add_argument(
        "--dev-half",
        choices=DEV_HALVES,
        help="score only this half of the development items (check: aggregate rows only)",
    )
    args = parser.parse_args(argv)
    global CERTAINTY
    CERTAINTY = args.certainty

    if args.dev_half:
        report_dev_half(args.dev, args.dev_half, args.mismatches)
        return 0

    if args.val_only:
        report_validation(GOLD / VAL_FILE)
        return 0
    dev = yaml.safe_load(args.dev.read_text("utf-8"))
    dev_rows, dev_failures = run(dev)
    report("dev (tuned on)", dev_rows, detail=True)
    for failure in dev_failures:
        print(f"  not read: {failure}")
    report_by_reasons("dev", dev_rows, dev)
    report_area("dev", dev_rows, dev, "diagnostic")
    report_batches("dev", dev_rows, dev)
    if args.mismatches:
        print_mismatches(dev_rows)
    report_validation(GOLD / VAL_FILE)
    if not args.no_blind:
        seen = {review_key(item) for item in dev} | RETIRED_DEV_KEYS
        pooled_rows: list[Row] = []
        pooled_items: list[dict] = []
        scored = 0
        for name, title in BLIND_FILES:
            found = report_aggregate(GOLD / name, title, "blind set not present")
            if found is None:
                continue
            blind_rows, blind = found
            stem = title.split(" (", 1)[0]
            report_unseen(f"{stem}, reviews never in dev", blind_rows, blind, seen)
            pooled_rows += blind_rows
            pooled_items += blind
            scored += 1
        if scored > 1:
            report("all blind (every blind file pooled)", pooled_rows, detail=False)
            report_unseen("all blind, reviews never in dev", pooled_rows, pooled_items, seen)
        if pooled_rows:
            report_by_reasons("all blind", pooled_rows, pooled_items)
            report_area("all blind", pooled_rows, pooled_items, "diagnostic", HELD_OUT_MIN_ITEMS)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
