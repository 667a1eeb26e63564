"""Training examples for the learned kind decision, from the annotated passages.

Each segment the extractor cuts from an annotated document becomes one example: its
features (:func:`evidence_claims.extraction.kind_features.document_features`) and the kind
of the annotated claim that covers most of its characters (the same "majority" reading that
``benchmarks/extract_agreement.py`` scores kinds by). A segment no annotated claim overlaps
teaches nothing and is left out. Groups are passages, for leave-one-passage-out figures.

Only annotated sets that are open to tuning are read: the real passages of
``benchmarks/gold-real/``, the written gold set of ``benchmarks/gold/`` and the curated kratom
set; never a blind or validation folder. The benchmark script and the test that checks the
stored model both build the examples here, so they cannot drift apart.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..extraction.asides import aside_spans, outside
from ..extraction.kind_features import document_features
from ..extraction.kind_model import rule_kinds
from ..extraction.segment import segment
from ..model.linear_model import Example, LinearModel, fit
from ..pipeline.validation import load
from .agreement import covering

__all__ = ["TRAINING_PARTS", "Passage", "genre_line", "passages", "train", "training_folders"]

# Where the tunable annotated sets live, relative to the repository root, and the genre
# given to a folder whose SOURCE.md names none.
TRAINING_PARTS: tuple[tuple[str, str], ...] = (
    ("benchmarks/gold-real", "unknown"),
    ("benchmarks/gold", "written gold"),
    ("claims", "kratom seed"),
)
# The fitting settings of the stored model (with the rules' decision as a feature: chosen by
# 8-fold grouped cross-validation inside the tune passages older than the fresh held-out ones,
# see benchmarks/learned_heldout.py; benchmarks/train_kind_model.py --write --with-rules).
L2 = 4.0
STEPS = 300
MIN_COUNT = 5


@dataclass(frozen=True)
class Passage:
    """One annotated document: its name, genre, and examples (with the rules' feature or not)."""

    name: str
    genre: str
    examples: tuple[Example, ...]
    rules: tuple[str, ...]  # the rules' kind of each example, for side-by-side figures


def genre_line(folder: Path) -> str | None:
    """The ``genre:`` line of an annotated folder's SOURCE.md as written (None without one)."""
    source = folder / "SOURCE.md"
    if source.is_file():
        match = re.search(r"^\W*genre:\s*(.+?)\s*$", source.read_text("utf-8"), re.M | re.I)
        if match:
            return match.group(1)
    return None


def _genre(folder: Path, default: str) -> str:
    return genre_line(folder) or default


def passage(folder: Path, genre: str, *, with_rules: bool) -> Passage:
    """The examples of one annotated folder."""
    gold = load(folder)
    text = gold.document_text
    if text is None:
        raise ValueError(f"{folder}: no document text")
    segments = segment(text)
    texts = [outside(text, s.start, s.end, aside_spans(text, s.start, s.end)) for s in segments]
    rules = rule_kinds(text, segments, texts)
    features = document_features(text, segments, texts, rules if with_rules else None)
    claims = list(gold.claims)
    examples, kept_rules = [], []
    for seg, names, rule in zip(segments, features, rules, strict=True):
        index = covering(seg.start, seg.end, claims)
        if index is None:
            continue
        examples.append(Example(frozenset(names), claims[index].kind))
        kept_rules.append(rule)
    return Passage(folder.name, genre, tuple(examples), tuple(kept_rules))


def training_folders(root: Path) -> list[tuple[Path, str]]:
    """Every annotated folder of the training parts under repository ``root``, in a fixed
    order, with its part's default genre: the one list both learned decisions train on."""
    return [
        (folder, default)
        for part, default in TRAINING_PARTS
        for folder in sorted(p for p in (root / part).iterdir() if (p / "claims.yaml").is_file())
    ]


def passages(root: Path, *, with_rules: bool) -> list[Passage]:
    """Every annotated passage of the training parts under repository ``root``, in a fixed
    order."""
    return [
        passage(folder, _genre(folder, default), with_rules=with_rules)
        for folder, default in training_folders(root)
    ]


def train(examples: Sequence[Example], *, l2: float = L2) -> LinearModel:
    """The stored model's fit: same examples, same weights (``l2``: another penalty, for the
    benchmarks that compare penalties with the other settings kept)."""
    return fit(examples, l2=l2, steps=STEPS, min_count=MIN_COUNT)
