"""Agreement between two human annotators of the same real passages, and the extractor beside them.

Run: python benchmarks/annotator_agreement.py [--disagreements]

The extraction targets on real text (source type, attributed source, kind, hedges) are judged
against one annotator's labels. Whether such a target is reachable depends on how often two
careful annotators following the same written conventions agree: a target above that ceiling
asks the rules to copy one person's habits, not the guidelines. benchmarks/gold-real-iaa/ holds
a second, independent annotation of ten passages (six of the validation half, four of the tune
half); annotator 1 is the existing gold label of the same folder name in benchmarks/gold-real-val/
or benchmarks/gold-real/.

Units are aligned one to one by span overlap: a unit of annotator 1 and a unit of annotator 2 form
a pair when each is the other's best-overlapping unit (the overlap measure of
``evidence_claims.testing.agreement``); a unit without such a partner is unaligned (the two
annotators segmented the text differently there). On the aligned pairs: percent agreement and
Cohen's kappa for kind, source type and basis, and source type again on the pairs annotator 1
did not mark ``meta``. Attributed source uses extract_agreement's rule unchanged (each unit of
annotator 1 resting on a cited or named source: does the other side's best-overlapping unit have
the same type and the same keys?). Hedges and boosters are annotator 2's (or the extractor's)
precision and recall against annotator 1, cues matched by overlap, as extract_agreement counts
them. The extractor's rows use the same alignment and counts, with the extractor in the second
annotator's seat, so the columns can be read side by side.

The validation half is for choosing between methods by aggregate figures only, so it is printed
as aggregates only; ``--disagreements`` lists the differing pairs of the tune passages alone.

Blind halves. benchmarks/gold-real-iaa-blind/ holds a second annotation of blind passages, made
from the public written conventions only (the guidelines and the decisions sections of the tune
and validation READMEs), without the blind READMEs, the blind labels or the extractor's output on
those passages; annotator 1 is the blind gold label of the same folder name in
benchmarks/gold-real-blind/ or benchmarks/gold-real-blind-2/. For each blind half and pooled it
prints three aggregate columns: annotator 2 against annotator 1, the extractor against
annotator 1 (the blind figures the targets are judged on) and the extractor against annotator 2
(the same extractor judged by the public conventions alone), with 95% Wilson intervals for
source type, kind and attributed source. Blind halves are never listed unit by unit: no
disagreement listing, no per-passage row.

Fresh passages. benchmarks/gold-real-iaa/fresh.yaml names passages of a later batch (tune
passages of benchmarks/gold-real/) that were annotated a second time from the public conventions
before their first annotation was read. They are left out of the earlier ten's columns (so those
figures stay as published) and printed as a group of their own beside the earlier ten pooled, in
the blind section's three columns (annotator 2 against 1, the extractor against 1 and against 2)
with Wilson intervals. Being tune passages, ``--disagreements`` lists them too, with a count of
the differing label pairs.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import extract_agreement as EA  # noqa: E402  (benchmarks/ is on sys.path)
import yaml  # noqa: E402

from evidence_claims.model.records import Claim  # noqa: E402
from evidence_claims.pipeline.validation import load  # noqa: E402
from evidence_claims.testing.agreement import PR, Tally, compare, covering  # noqa: E402
from evidence_claims.testing.intervals import wilson  # noqa: E402

IAA = ROOT / "benchmarks" / "gold-real-iaa"
HALVES = (("val", EA.REAL_VAL), ("tune", EA.REAL))
IAA_BLIND = ROOT / "benchmarks" / "gold-real-iaa-blind"
BLIND_HALVES = (("blind", EA.REAL_BLIND), ("blind-2", EA.REAL_BLIND_2))
LABELS = ("kind", "type", "basis")


def _best(claim: Claim, others: Sequence[Claim]) -> int | None:
    """Index of the unit of ``others`` overlapping ``claim`` most (None when none overlaps)."""
    return covering(claim.anchor.start, claim.anchor.end, others)


def align(first: Sequence[Claim], second: Sequence[Claim]) -> list[tuple[int, int]]:
    """Pairs (i, j) where first[i] and second[j] are each other's best-overlapping unit.

    Mutual best overlap keeps the alignment one to one, so a sentence one annotator split in
    two leaves the smaller half unaligned instead of counting the same label twice.
    """
    pairs = []
    for i, claim in enumerate(first):
        j = _best(claim, second)
        if j is not None and _best(second[j], first) == i:
            pairs.append((i, j))
    return pairs


def cohen_kappa(pairs: Iterable[tuple[object, object]]) -> float:
    """Cohen's kappa of two raters' labels: (p_o - p_e) / (1 - p_e).

    p_o is the share of pairs with the same label, p_e the agreement expected by chance from
    each rater's own label frequencies. NaN when there are no pairs or chance agreement is
    certain (both raters used one and the same label throughout).
    """
    pairs = list(pairs)
    if not pairs:
        return math.nan
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    first = Counter(a for a, _ in pairs)
    second = Counter(b for _, b in pairs)
    expected = sum(first[label] * second[label] for label in first) / (n * n)
    if expected == 1:
        return math.nan
    return (observed - expected) / (1 - expected)


def percent(pairs: Sequence[tuple[object, object]]) -> float:
    return sum(a == b for a, b in pairs) / len(pairs) if pairs else math.nan


def _label(claim: Claim, name: str) -> str:
    return claim.kind if name == "kind" else str(getattr(claim.evidence, name))


@dataclass
class Pairing:
    """Two annotations of some passages: aligned label pairs and the counts beside them."""

    units_first: int = 0
    units_second: int = 0
    aligned: int = 0
    labels: dict[str, list[tuple[str, str]]] = field(
        default_factory=lambda: {
            f"{name}{part}": []
            for name in (*LABELS, "type_non_meta")
            for part in ("", "|decided", "|open")
        }
    )
    attributed: Tally = field(default_factory=Tally)
    hedges: PR = field(default_factory=PR)
    boosters: PR = field(default_factory=PR)

    def __iadd__(self, other: Pairing) -> Pairing:
        self.units_first += other.units_first
        self.units_second += other.units_second
        self.aligned += other.aligned
        for name, pairs in other.labels.items():
            self.labels[name].extend(pairs)
        self.attributed += other.attributed
        self.hedges += other.hedges
        self.boosters += other.boosters
        return self


def pair(
    first: Sequence[Claim], second: Sequence[Claim], decided: frozenset[int] = frozenset()
) -> Pairing:
    """Agreement of ``second`` with ``first`` (the reference) on one passage.

    ``decided`` holds the indices of ``first``'s units whose label a written decision settles
    by naming the passage's own wording; their label pairs are also kept apart from the others.
    """
    result = Pairing(len(first), len(second))
    pairs = align(first, second)
    result.aligned = len(pairs)
    for i, j in pairs:
        a, b = first[i], second[j]
        part = "|decided" if i in decided else "|open"
        names = [*LABELS, "type_non_meta"] if a.kind != "meta" else list(LABELS)
        for name in names:
            got = (
                (a.evidence.type, b.evidence.type)
                if name == "type_non_meta"
                else (_label(a, name), _label(b, name))
            )
            result.labels[name].append(got)
            result.labels[f"{name}{part}"].append(got)
    result.attributed = EA.attributed(list(second), list(first))
    cues = compare(second, first)
    result.hedges, result.boosters = cues.hedges, cues.boosters
    return result


def disagreements(first: Sequence[Claim], second: Sequence[Claim]) -> list[str]:
    """Readable lines for the pairs that differ and the units left unaligned (tune half only)."""
    lines = []
    pairs = align(first, second)
    for i, j in pairs:
        a, b = first[i], second[j]
        diff = [
            f"{name} {_label(a, name)}->{_label(b, name)}"
            for name in (*LABELS, "sources")
            if (
                sorted(a.evidence.sources) != sorted(b.evidence.sources)
                if name == "sources"
                else _label(a, name) != _label(b, name)
            )
        ]
        if diff:
            lines.append(f"{a.id}: {'; '.join(diff)}  | {a.text[:70]!r}")
    for side, units, taken in (
        ("1", first, {i for i, _ in pairs}),
        ("2", second, {j for _, j in pairs}),
    ):
        for index, unit in enumerate(units):
            if index not in taken:
                lines.append(f"unaligned (annotator {side}): {unit.text[:70]!r}")
    for kind in ("hedges", "boosters"):
        mine = {(c.start, c.end, c.cue) for u in first for c in getattr(u, kind)}
        theirs = {(c.start, c.end, c.cue) for u in second for c in getattr(u, kind)}
        for start, end, cue in sorted(mine):
            if not any(s < end and start < e for s, e, _ in theirs):
                lines.append(f"{kind[:-1]} only annotator 1: {cue!r}")
        for start, end, cue in sorted(theirs):
            if not any(s < end and start < e for s, e, _ in mine):
                lines.append(f"{kind[:-1]} only annotator 2: {cue!r}")
    return lines


def passages(
    iaa: Path = IAA, halves: Sequence[tuple[str, Path]] = HALVES
) -> list[tuple[str, Path, Path]]:
    """(half, annotator 1 folder, annotator 2 folder) for every passage of an agreement folder.

    Annotator 1 is the passage of the same folder name in one of ``halves``; a second
    annotation without a first one is an error, not a skipped passage, so that a misnamed
    folder cannot silently drop out of the figures.
    """
    found = []
    if not iaa.is_dir():
        return found
    for second in sorted(p for p in iaa.iterdir() if (p / "claims.yaml").is_file()):
        for half, root in halves:
            if (root / second.name / "claims.yaml").is_file():
                found.append((half, root / second.name, second))
                break
        else:
            raise SystemExit(f"{second.name}: no first annotation of that name")
    return found


def decided_units(
    first: Sequence[Claim], second: Sequence[Claim], numbers: Iterable[int]
) -> frozenset[int]:
    """Indices of annotator 1's units aligned with the listed (1-based) units of annotator 2."""
    wanted = {n - 1 for n in numbers}
    return frozenset(i for i, j in align(first, second) if j in wanted)


def _decided() -> dict[str, list[int]]:
    path = IAA / "decided.yaml"
    return yaml.safe_load(path.read_text("utf-8")) if path.is_file() else {}


def _fresh() -> frozenset[str]:
    path = IAA / "fresh.yaml"
    if not path.is_file():
        return frozenset()
    return frozenset(yaml.safe_load(path.read_text("utf-8")) or [])


def _claims(folder: Path) -> list[Claim]:
    return list(load(folder).claims)


def _extracted(folder: Path) -> list[Claim]:
    predicted, _gold = EA._drafted(folder)
    return predicted


def _fmt(value: float, kappa: bool = False) -> str:
    if value != value:
        return "n/a"
    return f"{value:.2f}" if kappa else f"{100 * value:.1f}%"


ROWS: tuple[tuple[str, Callable[[Pairing], str]], ...] = (
    ("units (annotator 1 / other)", lambda p: f"{p.units_first}/{p.units_second}"),
    ("aligned pairs", lambda p: str(p.aligned)),
    (
        "unaligned (1 / other)",
        lambda p: f"{p.units_first - p.aligned}/{p.units_second - p.aligned}",
    ),
    *(
        row
        for name, title in (
            ("kind", "kind"),
            ("type", "source type"),
            ("basis", "evidence basis"),
            ("type_non_meta", "source type, non-meta"),
        )
        for row in (
            (f"{title} %", lambda p, n=name: _fmt(percent(p.labels[n]))),
            (f"{title} kappa", lambda p, n=name: _fmt(cohen_kappa(p.labels[n]), kappa=True)),
        )
    ),
    ("  (non-meta pairs)", lambda p: str(len(p.labels["type_non_meta"]))),
    ("attributed source %", lambda p: _fmt(p.attributed.rate)),
    ("  (attributed units)", lambda p: str(p.attributed.total)),
    ("hedge P / R", lambda p: f"{_fmt(p.hedges.precision)}/{_fmt(p.hedges.recall)}"),
    ("  (hedges other / 1)", lambda p: f"{p.hedges.pred}/{p.hedges.gold}"),
    ("booster P / R", lambda p: f"{_fmt(p.boosters.precision)}/{_fmt(p.boosters.recall)}"),
    ("  (boosters other / 1)", lambda p: f"{p.boosters.pred}/{p.boosters.gold}"),
)


def table(columns: list[tuple[str, Pairing]], cell: int = 15) -> str:
    width = 28
    head = f"{'':{width}}" + "".join(f"{name:>{cell}}" for name, _ in columns)
    body = [
        f"{title:{width}}" + "".join(f"{fn(p):>{cell}}" for _, p in columns) for title, fn in ROWS
    ]
    return "\n".join([head, *body])


def _interval(right: int, total: int) -> str:
    if not total:
        return "n/a"
    low, high = wilson(right, total, 1.96)  # the z of the README's quoted figures
    return f"{right}/{total} = {100 * right / total:.1f}% ({100 * low:.1f}-{100 * high:.1f}%)"


def intervals(pairing: Pairing) -> list[tuple[str, str]]:
    """Source type, kind, attributed source (and non-meta source type) with Wilson intervals."""
    rows = []
    for name, title in (
        ("type", "source type"),
        ("kind", "kind"),
        ("type_non_meta", "source type, non-meta"),
    ):
        pairs = pairing.labels[name]
        rows.append((title, _interval(sum(a == b for a, b in pairs), len(pairs))))
    rows.append(
        ("attributed source", _interval(pairing.attributed.right, pairing.attributed.total))
    )
    return rows


@dataclass
class BlindHalf:
    """One blind half: annotator 2 and the extractor against annotator 1, the extractor
    against annotator 2."""

    passages: int = 0
    human: Pairing = field(default_factory=Pairing)
    machine_first: Pairing = field(default_factory=Pairing)
    machine_second: Pairing = field(default_factory=Pairing)

    def __iadd__(self, other: BlindHalf) -> BlindHalf:
        self.passages += other.passages
        self.human += other.human
        self.machine_first += other.machine_first
        self.machine_second += other.machine_second
        return self

    def columns(self, name: str) -> list[tuple[str, Pairing]]:
        return [
            (f"{name} ann2/1", self.human),
            (f"{name} ext/1", self.machine_first),
            (f"{name} ext/2", self.machine_second),
        ]


def blind_halves(
    extracted: Callable[[Path], list[Claim]] | None = None,
) -> dict[str, BlindHalf]:
    """Aggregate agreement per blind half; passages are never reported one by one.

    The extractor drafts each blind document once (from annotator 1's folder, whose
    ``document.txt`` and ``references.bib`` the second annotation copies byte for byte) and the
    draft is scored against both annotations.
    """
    draft = extracted or _extracted
    halves = {half: BlindHalf() for half, _ in BLIND_HALVES}
    for half, first_folder, second_folder in passages(IAA_BLIND, BLIND_HALVES):
        first = _claims(first_folder)
        second = _claims(second_folder)
        predicted = draft(first_folder)
        result = halves[half]
        result.passages += 1
        result.human += pair(first, second)
        result.machine_first += pair(first, predicted)
        result.machine_second += pair(second, predicted)
    return halves


KINDS = ("claim", "recommendation", "question", "meta")


def kind_matrix(pairs: Sequence[tuple[str, str]]) -> str:
    """Kind confusion of aligned pairs: rows annotator 1, columns the other side (counts only)."""
    counts = Counter(pairs)
    head = f"{'':16}" + "".join(f"{k[:6]:>8}" for k in KINDS)
    rows = [f"{a:16}" + "".join(f"{counts[(a, b)]:>8}" for b in KINDS) for a in KINDS]
    return "\n".join([head, *rows])


def print_trios(groups: list[tuple[str, BlindHalf]], heading: str) -> None:
    """Three aggregate columns per group (annotator 2 and the extractor against annotator 1,
    the extractor against annotator 2), then Wilson intervals for each."""
    print(heading)
    columns = []
    for name, result in groups:
        columns += result.columns(name)
    print(table(columns, cell=15))
    for name, result in groups:
        print_intervals(f"{name} ({result.passages} passages)", result)


def print_intervals(name: str, result: BlindHalf) -> None:
    """The 95% Wilson intervals of a group's three pairings."""
    print(f"\n{name}, 95% Wilson intervals:")
    for title, pairing in (
        ("annotator 2 against annotator 1", result.human),
        ("extractor against annotator 1", result.machine_first),
        ("extractor against annotator 2", result.machine_second),
    ):
        print(f"  {title}:")
        for row, text in intervals(pairing):
            print(f"    {row:24}{text}")


def label_changes(first: Sequence[Claim], second: Sequence[Claim]) -> Counter[str]:
    """Counts of differing label pairs ("kind claim->meta") over the aligned units."""
    changes: Counter[str] = Counter()
    for i, j in align(first, second):
        for name in LABELS:
            a, b = _label(first[i], name), _label(second[j], name)
            if a != b:
                changes[f"{name} {a}->{b}"] += 1
    return changes


def print_blind() -> None:
    """The blind section: aggregate columns per half and pooled, then Wilson intervals."""
    halves = blind_halves()
    pooled = BlindHalf()
    for result in halves.values():
        pooled += result
    counts = ", ".join(f"{half} {result.passages}" for half, result in halves.items())
    print(
        "\nBlind halves (benchmarks/gold-real-iaa-blind; annotator 1 = the blind gold label of"
        " gold-real-blind\nor gold-real-blind-2). ann2/1 = annotator 2 against annotator 1,"
        " ext/1 and ext/2 = the extractor\nagainst annotator 1 and against annotator 2."
        f" Passages: {counts}. Aggregates only.\n"
    )
    columns = []
    for half, result in halves.items():
        columns += result.columns(half)
    print(table(columns, cell=15))
    print()
    print(table(pooled.columns("pooled"), cell=15))
    for name, result in (*halves.items(), ("pooled", pooled)):
        print_intervals(name, result)
    print("\nPooled blind kind, annotator 1 (rows) against annotator 2 (columns):")
    print(kind_matrix(pooled.human.labels["kind"]))


def split_table(columns: list[tuple[str, Pairing]]) -> str:
    """Percent and kappa per label, units settled by a passage-specific decision apart."""
    width = 28
    head = f"{'':{width}}" + "".join(
        f"{f'{name} {part}':>20}" for name, _ in columns for part in ("decided", "open")
    )
    lines = [head]
    for label, title in (
        ("kind", "kind"),
        ("type", "source type"),
        ("basis", "evidence basis"),
        ("type_non_meta", "source type, non-meta"),
    ):
        cells = []
        for _, p in columns:
            for part in ("|decided", "|open"):
                pairs = p.labels[f"{label}{part}"]
                kappa = _fmt(cohen_kappa(pairs), kappa=True)
                cells.append(f"{_fmt(percent(pairs))} k={kappa} n={len(pairs)}")
        lines.append(f"{title:{width}}" + "".join(f"{c:>20}" for c in cells))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--disagreements",
        action="store_true",
        help="list the differing pairs of the tune passages (never the validation or blind"
        " halves')",
    )
    parser.add_argument(
        "--no-blind", action="store_true", help="leave out the blind halves' aggregate section"
    )
    parser.add_argument(
        "--blind-only", action="store_true", help="print the blind halves' aggregate section only"
    )
    args = parser.parse_args()
    if args.blind_only:
        print_blind()
        return
    human = {half: Pairing() for half, _ in HALVES}
    machine = {half: Pairing() for half, _ in HALVES}
    listed: list[str] = []
    counts: Counter[str] = Counter()
    listing = _decided()
    fresh_names = _fresh()
    earlier, fresh = BlindHalf(), BlindHalf()
    fresh_listed: list[str] = []
    fresh_changes: Counter[str] = Counter()
    for half, first_folder, second_folder in passages():
        first = _claims(first_folder)
        second = _claims(second_folder)
        predicted = _extracted(first_folder)
        trio = BlindHalf(1, pair(first, second), pair(first, predicted), pair(second, predicted))
        if second_folder.name in fresh_names:
            fresh += trio
            if args.disagreements and half == "tune":
                fresh_listed.append(f"{first_folder.name}:")
                fresh_listed.extend(f"  {line}" for line in disagreements(first, second))
                fresh_changes += label_changes(first, second)
            continue
        earlier += trio
        counts[half] += 1
        decided = decided_units(first, second, listing.get(second_folder.name) or [])
        human[half] += pair(first, second, decided)
        machine[half] += pair(first, predicted, decided)
        if args.disagreements and half == "tune":
            listed.append(f"{first_folder.name}:")
            listed.extend(f"  {line}" for line in disagreements(first, second))
    pooled_h, pooled_m = Pairing(), Pairing()
    for half, _ in HALVES:
        pooled_h += human[half]
        pooled_m += machine[half]
    print(
        "Annotator 2 (benchmarks/gold-real-iaa) and the extractor, each against annotator 1"
        " (the gold label);"
    )
    print(
        f"passages: val {counts['val']}, tune {counts['tune']}. Aggregates only;"
        " 'other' = annotator 2 or the extractor.\n"
    )
    columns = []
    for half, _ in HALVES:
        columns += [(f"{half} ann.2", human[half]), (f"{half} extract", machine[half])]
    columns += [("pooled ann.2", pooled_h), ("pooled extract", pooled_m)]
    print(table(columns))
    print(
        "\nPooled label agreement on the units a written decision settles by naming the"
        " passage's own\nwording (benchmarks/gold-real-iaa/decided.yaml) and on the others:\n"
    )
    print(split_table([("ann.2", pooled_h), ("extract", pooled_m)]))
    if fresh.passages:
        print_trios(
            [("fresh", fresh), ("earlier", earlier)],
            "\nFresh passages (benchmarks/gold-real-iaa/fresh.yaml; annotator 1 = their label in"
            " gold-real)\nbeside the earlier passages pooled. ann2/1 = annotator 2 against"
            " annotator 1, ext/1 and ext/2 =\nthe extractor against annotator 1 and against"
            " annotator 2.\n",
        )
        print("\nFresh passages' kind, annotator 1 (rows) against annotator 2 (columns):")
        print(kind_matrix(fresh.human.labels["kind"]))
    if not args.no_blind:
        print_blind()
    if args.disagreements:
        print("\nDisagreements, tune passages only (annotator 1 -> annotator 2):")
        print("\n".join(listed))
        if fresh_listed:
            print("\nDisagreements of the fresh passages (annotator 1 -> annotator 2):")
            print("\n".join(fresh_listed))
            print("\nDiffering label pairs of the fresh passages, counted:")
            for change, n in fresh_changes.most_common():
                print(f"  {n:4}  {change}")


if __name__ == "__main__":
    main()
