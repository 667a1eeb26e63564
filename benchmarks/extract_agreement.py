"""Agreement of `evidence-claims extract` with hand-annotated claims.

Run: .venv/bin/python benchmarks/extract_agreement.py [--mismatches] [--no-blind] [--val-only]
     [--attribution rules|learned] [--kinds rules|learned] [--tune-half design|check]

Scores the extractor on the gold documents of benchmarks/gold/ (tune and dev parts, reported
apart; see benchmarks/gold/GUIDELINES.md), on the hand-curated kratom claim set, and on the
blind set of benchmarks/gold-blind/ (annotated after the extractor was written, by people who
never saw its rules). The blind set is reported as one aggregate row only: no per-document
rows, no mismatches, so it can measure without being tuned on; `--no-blind` leaves it out.
The dev documents were the held-out half until the blind set existed; they have since been
looked at while tuning, so they no longer estimate performance on unseen text.
Real text: benchmarks/gold-real/ holds real public passages (tune half, per document and per
genre) and benchmarks/gold-real-blind/ and benchmarks/gold-real-blind-2/ two blind halves,
each reported per genre and overall only ("not present" while it is missing), then pooled in
one "all real blind" row. benchmarks/gold-real-val/ is the validation half: fresh real passages
used to choose between extraction methods, so it is printed as aggregate rows only (per genre
and overall), like a blind half, but also with --no-blind since it is not blind; `--val-only`
prints just those rows. For all of them, per genre and overall: source type per
statement, attributed source (each annotated claim that rests on a cited or named source: are
type and bibliography keys both right?), kind per statement, hedge precision and recall. A
document's genre is the `genre:` line of its SOURCE.md.
The curated set splits some sentences into several claims, so claims are aligned by character
overlap (see evidence_claims.testing.agreement): "per statement" compares each extracted
sentence with the curated claim covering most of it, "per gold claim" each annotated claim
with the extracted sentence overlapping it most.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from evidence_claims.extraction.draft import extract  # noqa: E402
from evidence_claims.extraction.kind_model import (  # noqa: E402
    DEFAULT_METHOD,
    KIND_METHODS,
    KindMethod,
)
from evidence_claims.model.records import Claim  # noqa: E402
from evidence_claims.pipeline.validation import load  # noqa: E402
from evidence_claims.testing.agreement import (  # noqa: E402
    FIELDS,
    HALVES,
    Agreement,
    Tally,
    compare,
    half_of,
    overlap,
)
from evidence_claims.testing.kind_training import genre_line  # noqa: E402

GOLD = ROOT / "benchmarks" / "gold"
BLIND = ROOT / "benchmarks" / "gold-blind"
REAL = ROOT / "benchmarks" / "gold-real"
REAL_BLIND = ROOT / "benchmarks" / "gold-real-blind"
REAL_BLIND_2 = ROOT / "benchmarks" / "gold-real-blind-2"
REAL_VAL = ROOT / "benchmarks" / "gold-real-val"
VAL_LABEL = "real val (gold-real-val)"
SEED = ROOT / "claims" / "kratom-addiction"
DEV = (
    "processed-food-news",
    "stjohnswort-regulator",
    "probiotics-review",
    "compound-pressrelease",
)
TUNE = (
    "walking-abstract",
    "caffeine-encyclopedia",
    "melatonin-forum",
    "sun-blog",
    "fasting-blog",
)


# How statements get their kind (``--kinds``): the hand-written rules or the learned model.
KIND_METHOD: KindMethod = DEFAULT_METHOD
# How source types are decided (`--attribution`): the rules, or the learned model over them.
ATTRIBUTION = "rules"


def _drafted(folder: Path, attribution: str | None = None) -> tuple[list[Claim], list[Claim]]:
    """The extractor's claims and the annotated ones of ``folder`` (``attribution``: the
    source-type method, :data:`ATTRIBUTION` unless given)."""
    gold = load(folder)
    text = gold.document_text
    assert text is not None
    bib = folder / "references.bib"
    draft = extract(
        text,
        doc_id=gold.document.id,
        bibliography=bib if bib.exists() else None,
        attribution=attribution or ATTRIBUTION,  # type: ignore[arg-type]
        kinds=KIND_METHOD,
    )
    return list(draft.claims), list(gold.claims)


def score(folder: Path) -> Agreement:
    return compare(*_drafted(folder))


# Types that name no source of their own: the author's word, or a pointer elsewhere.
UNATTRIBUTED = {"unsourced_assertion", "expert_opinion", "cross_reference"}


def attributed(predicted: list[Claim], gold: list[Claim]) -> Tally:
    """Annotated claims resting on a cited or named source, and how many the extractor got right.

    A claim rests on a source when it cites keys or its type names a ground other than the
    author's own word; it is right when the extracted statement overlapping it most has the
    same type and the same keys.
    """
    tally = Tally()
    for claim in gold:
        evidence = claim.evidence
        if not evidence.sources and (evidence.type in UNATTRIBUTED or evidence.basis == "none"):
            continue
        match = max(predicted, key=lambda p: overlap(p, claim), default=None)
        ok = (
            match is not None
            and overlap(match, claim) > 0
            and match.evidence.type == evidence.type
            and sorted(match.evidence.sources) == sorted(evidence.sources)
        )
        tally.add(ok)
    return tally


@dataclass
class RealScore:
    """Agreement on real passages, with the attributed-source tally beside it."""

    agreement: Agreement = field(default_factory=Agreement)
    attributed: Tally = field(default_factory=Tally)

    def __iadd__(self, other: RealScore) -> RealScore:
        self.agreement += other.agreement
        self.attributed += other.attributed
        return self


def score_real(folder: Path, attribution: str | None = None) -> RealScore:
    predicted, gold = _drafted(folder, attribution)
    return RealScore(compare(predicted, gold), attributed(predicted, gold))


def genre(folder: Path) -> str:
    """The ``genre:`` line of the passage's SOURCE.md ("unknown" without one).

    A qualifier in brackets after the label ("survey abstract (inline labels)") or after a colon
    ("agency statement: an FDA notice") is dropped, so qualified forms share their label's row
    instead of each opening a one-passage row (which, for an aggregate-only half, would print a
    document's own figures).
    """
    line = genre_line(folder)
    if line is None:
        return "unknown"
    label = re.sub(r"\s*\(.*\)$", "", line) or line
    return label.split(": ", 1)[0]


def real_folders(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if (p / "claims.yaml").is_file())


REAL_HEADER = (
    f"{'':44} {'n':>4} {'source':>7} {'attrib':>7} {'(n)':>4} {'kind':>7} {'hedgP':>7} {'hedgR':>7}"
)


def real_row(name: str, s: RealScore) -> str:
    a = s.agreement
    return (
        f"{name[:44]:44} {a.per_statement['type'].total:4}"
        f" {pct(a.per_statement['type'].rate):>7} {pct(s.attributed.rate):>7}"
        f" {s.attributed.total:4} {pct(a.per_statement['kind'].rate):>7}"
        f" {pct(a.hedges.precision):>7} {pct(a.hedges.recall):>7}"
    )


def report_real(
    label: str,
    root: Path,
    *,
    blind: bool,
    mismatches: bool,
    keep: Callable[[Path], bool] | None = None,
) -> RealScore | None:
    """Per-genre and overall rows (and per-document rows unless ``blind``) for one real set.

    ``keep`` chooses some of the set's passages (one half of the tune set).
    """
    folders = [f for f in real_folders(root) if keep is None or keep(f)]
    print(f"{label}:")
    if not folders:
        print("  not present")
        return None
    by_genre: dict[str, RealScore] = {}
    total = RealScore()
    for folder in folders:
        result = score_real(folder)
        if not blind:
            print(real_row(f"  {folder.name}", result))
            if mismatches:
                for item in result.agreement.mismatches:
                    print("      ", *item)
        by_genre.setdefault(genre(folder), RealScore()).__iadd__(result)
        total += result
    for name in sorted(by_genre):
        print(real_row(f"  genre: {name}", by_genre[name]))
    print(real_row(f"  = {label}, overall", total))
    return total


def pooled(*scores: RealScore | None) -> RealScore | None:
    """The sum of the sets that are present (None when none is)."""
    present = [s for s in scores if s is not None]
    if not present:
        return None
    total = RealScore()
    for s in present:
        total += s
    return total


def pct(value: float) -> str:
    return "   n/a" if value != value else f"{100 * value:5.1f}%"


def row(name: str, a: Agreement) -> str:
    g, s = a.per_gold, a.per_statement
    return (
        f"{name:24} {s['type'].total:4} {pct(a.boundaries.f1)} {pct(a.spans.f1)}"
        f" {pct(s['kind'].rate)} {pct(s['type'].rate)} {pct(s['basis'].rate)}"
        f" {pct(g['type'].rate)} {pct(a.hedges.precision)} {pct(a.hedges.recall)}"
        f" {pct(a.boosters.precision)} {pct(a.boosters.recall)}"
    )


HEADER = (
    f"{'document':24} {'n':>4} {'bndF1':>6} {'spanF1':>6} {'kind':>6} {'type':>6} {'basis':>6}"
    f" {'typeG':>6} {'hedgP':>6} {'hedgR':>6} {'boosP':>6} {'boosR':>6}"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--mismatches", action="store_true", help="list disagreements (tune, dev and seed)"
    )
    parser.add_argument(
        "--no-blind", action="store_true", help="leave out the blind set's aggregate row"
    )
    parser.add_argument(
        "--val-only",
        action="store_true",
        help="print only the validation half's aggregate rows (per genre and overall)",
    )
    parser.add_argument(
        "--attribution",
        choices=("rules", "learned"),
        default="rules",
        help="how source types are decided (the learned model overrules the rules where it is"
        " confident, on statements that name no source of their own)",
    )
    parser.add_argument(
        "--kinds",
        choices=KIND_METHODS,
        default=DEFAULT_METHOD,
        help="kind decision: hand-written rules or the learned model",
    )
    parser.add_argument(
        "--tune-half",
        choices=HALVES,
        help="print only the real tune half's design passages (per document, with --mismatches)"
        " or its check passages (aggregate rows only)",
    )
    args = parser.parse_args()
    global ATTRIBUTION, KIND_METHOD
    ATTRIBUTION = args.attribution
    KIND_METHOD = args.kinds
    print(f"attribution: {ATTRIBUTION}; kinds decided by: {KIND_METHOD}")
    if args.tune_half:
        print(REAL_HEADER)
        report_real(
            f"real tune, {args.tune_half} half",
            REAL,
            blind=args.tune_half == "check",
            mismatches=args.mismatches and args.tune_half == "design",
            keep=lambda folder: half_of(folder.name) == args.tune_half,
        )
        return
    if args.val_only:
        print(REAL_HEADER)
        report_real(VAL_LABEL, REAL_VAL, blind=True, mismatches=False)
        return
    print("columns: n = extracted statements; bndF1 = sentence-end boundary F1; spanF1 = exact")
    print("span F1; kind/type/basis = agreement per extracted statement (majority reference);")
    print("typeG = type agreement per gold claim; hedge/booster P/R matched by overlap.\n")
    print(HEADER)
    totals: dict[str, Agreement] = {}
    for part, label, names in (
        ("tune", "tune", TUNE),
        ("dev", "dev (former held-out)", DEV),
    ):
        total = Agreement()
        for name in names:
            result = score(GOLD / name)
            print(row(name, result))
            total += result
            if args.mismatches:
                for item in result.mismatches:
                    print("    ", *item)
        totals[part] = total
        print(row(f"= {label}", total))
        print()
    everything = Agreement()
    everything += totals["tune"]
    everything += totals["dev"]
    print(row("= all gold", everything))
    seed = score(SEED)
    print(row("kratom seed (curated)", seed))
    if args.mismatches:
        for item in seed.mismatches:
            print("    ", *item)
    blind: Agreement | None = None
    if not args.no_blind:
        # Aggregate only, by design: see the module docstring.
        blind = Agreement()
        for folder in sorted(p for p in BLIND.iterdir() if (p / "claims.yaml").is_file()):
            blind += score(folder)
        print(row("= blind (gold-blind)", blind))
    print()
    print("real public passages: source = source type per statement; attrib = attributed")
    print("source per annotated claim resting on a cited or named source, (n) of them; kind per")
    print("statement; hedge precision/recall by overlap.\n")
    print(REAL_HEADER)
    real = report_real("real tune (gold-real)", REAL, blind=False, mismatches=args.mismatches)
    # The validation half is not blind but is never tuned on by reading its errors: aggregate
    # rows only, printed with or without --no-blind.
    real_val = report_real(VAL_LABEL, REAL_VAL, blind=True, mismatches=False)
    real_blind = real_blind_2 = all_real_blind = None
    if not args.no_blind:
        # Aggregate only, by design: per genre and overall, never per document.
        real_blind = report_real(
            "real blind (gold-real-blind)", REAL_BLIND, blind=True, mismatches=False
        )
        real_blind_2 = report_real(
            "real blind2 (gold-real-blind-2)", REAL_BLIND_2, blind=True, mismatches=False
        )
        all_real_blind = pooled(real_blind, real_blind_2)
        if all_real_blind is not None:
            print(real_row("= all real blind (both halves)", all_real_blind))
    print()
    print("exact-span cue scores (stricter):")
    for name, a in (("all gold", everything), ("kratom seed", seed), ("blind", blind)):
        if a is None:
            continue
        print(
            f"  {name:12} hedges P {pct(a.hedges_exact.precision)} R {pct(a.hedges_exact.recall)}"
            f"   boosters P {pct(a.boosters_exact.precision)} R {pct(a.boosters_exact.recall)}"
        )
    print("per gold claim (each annotated claim vs the extracted sentence overlapping it most):")
    parts = [("tune", totals["tune"]), ("dev", totals["dev"]), ("seed", seed), ("blind", blind)]
    for name, a in parts:
        if a is None:
            continue
        cells = "  ".join(f"{f} {pct(a.per_gold[f].rate)}" for f in FIELDS)
        print(f"  {name:9} n={a.per_gold['type'].total:3}  {cells}")
    print()
    checks = [
        ("seed source type per sentence >= 95%", seed.per_statement["type"].rate >= 0.95),
        ("hedge recall >= 0.9 (all gold)", everything.hedges.recall >= 0.9),
        ("hedge precision >= 0.8 (all gold)", everything.hedges.precision >= 0.8),
    ]
    if blind is not None:
        checks += [
            ("other genres source type >= 80% (blind)", blind.per_statement["type"].rate >= 0.8),
            ("hedge recall >= 0.9 (blind)", blind.hedges.recall >= 0.9),
            ("hedge precision >= 0.8 (blind)", blind.hedges.precision >= 0.8),
        ]
    for name, r in (
        ("real tune", real),
        ("real val", real_val),
        ("real blind", real_blind),
        ("real blind 2", real_blind_2),
        ("all real blind", all_real_blind),
    ):
        if r is None:
            continue
        a = r.agreement
        checks += [
            (f"source type >= 0.85 ({name})", a.per_statement["type"].rate >= 0.85),
            (f"attributed source >= 0.80 ({name})", r.attributed.rate >= 0.80),
            (f"kind >= 0.92 ({name})", a.per_statement["kind"].rate >= 0.92),
            (f"hedge recall >= 0.85 ({name})", a.hedges.recall >= 0.85),
            (f"hedge precision >= 0.80 ({name})", a.hedges.precision >= 0.80),
        ]
    for label, ok in checks:
        print(f"  [{'x' if ok else ' '}] {label}")


if __name__ == "__main__":
    main()
