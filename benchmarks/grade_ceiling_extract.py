"""Write the text a reader of a claim file sees for each held-out GRADE item, nothing more.

Run: python benchmarks/grade_ceiling_extract.py [--out DIR]

The ceiling study (benchmarks/grade/ceiling/README.md) asks how well a careful GRADE reviewer
agrees with the review authors when rating from the same short statement and BibTeX entry the
engine reads. The reviewer must not see the authors' ratings, so this script copies from
benchmarks/grade/val.yaml, blind.yaml and blind-2.yaml only the fields in ``KEEP`` (id, area,
outcome, statement, bibtex) into one YAML file per half outside the repository, and prints
only how many items it wrote. Every other field (the authors' certainty and reasons, the
source page, the design fields) is dropped unread.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks" / "grade"
HALVES = {"val": "val.yaml", "blind": "blind.yaml", "blind-2": "blind-2.yaml"}
KEEP = ("id", "area", "outcome", "statement", "bibtex")
"""The only fields copied: what a person reading the claim and its bibliography would see."""


def strip_item(item: dict) -> dict:
    """The item reduced to the fields in ``KEEP``, in that order."""
    return {key: item[key] for key in KEEP if key in item}


def extract(source: Path, target: Path) -> int:
    """Write the stripped items of ``source`` to ``target``; return how many."""
    items = yaml.safe_load(source.read_text("utf-8")) or []
    stripped = [strip_item(item) for item in items]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        yaml.safe_dump(stripped, sort_keys=False, allow_unicode=True, width=100), "utf-8"
    )
    return len(stripped)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/grade-ceiling"))
    args = parser.parse_args(argv)
    for half, name in HALVES.items():
        count = extract(GOLD / name, args.out / f"{half}.yaml")
        print(f"{half}: {count} items written")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
