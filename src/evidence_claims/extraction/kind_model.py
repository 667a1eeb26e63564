"""The kind of every statement, by the hand-written rules or by the learned model.

Why two ways: the rules (:mod:`.kinds`) read the passages they were written from almost
perfectly and carry less well to fresh text; the learned model (a multinomial logistic
regression over :mod:`.kind_features`, stored in ``data/models/kind.json`` and rebuilt by
``benchmarks/train_kind_model.py`` from the annotated passages) weighs the same low-level
signals by what they were worth on the annotated passages. Both stay available
(``extract --kinds rules|learned``), so they can be compared side by side on any text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, cast

from ..model.linear_model import LinearModel, packaged_model
from ..model.records import Kind
from .kind_features import document_features
from .kinds import (
    classify_segment,
    in_method_sections,
    listed_under_heading,
    methods_continued,
)
from .units import Segment

__all__ = ["KIND_METHODS", "KindMethod", "decide_kinds", "learned_kinds", "load_kind_model"]

KindMethod = Literal["rules", "learned"]
KIND_METHODS: tuple[KindMethod, ...] = ("rules", "learned")
DEFAULT_METHOD: KindMethod = "rules"
RULES_PREFIX = "rules:"


def load_kind_model() -> LinearModel:
    """The stored kind model (read once)."""
    return packaged_model("data/models/kind.json")


def uses_rules(model: LinearModel) -> bool:
    """Was the model trained with the rules' decision as a feature?"""
    return any(name.startswith(RULES_PREFIX) for name in model.weights)


def rule_kinds(document: str, segments: Sequence[Segment], texts: Sequence[str]) -> list[Kind]:
    """The rules' kinds: each statement classified, then made ``meta`` where its place says
    so: a structured abstract's methods sections, a sentence that goes on with a methods
    sentence (:func:`.kinds.methods_continued`), a list of names under a heading
    (:func:`.kinds.listed_under_heading`)."""
    segments = list(segments)
    kinds = in_method_sections(
        document,
        segments,
        [classify_segment(document, s, t) for s, t in zip(segments, texts, strict=True)],
    )
    return listed_under_heading(document, segments, methods_continued(document, segments, kinds))


def learned_kinds(
    document: str,
    segments: Sequence[Segment],
    texts: Sequence[str],
    model: LinearModel | None = None,
) -> list[Kind]:
    """The model's kind for every segment (``texts``: the segments with asides blanked)."""
    model = model or load_kind_model()
    rules = rule_kinds(document, segments, texts) if uses_rules(model) else None
    features = document_features(document, segments, texts, rules)
    return [cast(Kind, model.predict(names)) for names in features]


def decide_kinds(
    document: str,
    segments: Sequence[Segment],
    texts: Sequence[str],
    method: KindMethod = DEFAULT_METHOD,
) -> list[Kind]:
    """The kinds of ``segments`` by ``method`` ("rules" or "learned")."""
    if method == "learned":
        return learned_kinds(document, segments, texts)
    if method != "rules":
        raise ValueError(f"unknown kind method {method!r}; expected one of {KIND_METHODS}")
    return rule_kinds(document, segments, texts)
