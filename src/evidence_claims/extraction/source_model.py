"""The learned source-type decision: a linear model over :mod:`.source_features` that may
overrule the attribution rules' type.

Why: the rules fit the passages they were written from; a model trained on annotated passages
weighs the same signals by data (see ``benchmarks/train_source_model.py``, which fits the
stored model and reports its leave-one-passage-out agreement beside the rules'). The model
only changes the *type*: where it overrules the rules, the sources follow from what the rules
found (the statement's own citations, or the sources of the open passage when that passage
is of the type chosen), so a learned type never invents a source.
"""

from __future__ import annotations

from dataclasses import replace

from ..model.linear_model import LinearModel, packaged_model
from .attribution_decisions import Attribution, Walk
from .attribution_rules import STUDY_TYPES, UNSOURCED

__all__ = ["MODEL_RESOURCE", "THRESHOLD", "load_source_model", "relabel"]

MODEL_RESOURCE = "data/models/source_type.json"
THRESHOLD = 0.8
"""The model overrules the rules only when its top type has at least this probability (0.8
beat 0.5 and 0 for every feature variant and penalty in the grouped cross-validation of
``benchmarks/learned_heldout.py``)."""

# Types that rest on no source of their own: a statement given one keeps no carried source.
_NO_SOURCE = frozenset({UNSOURCED})


def load_source_model() -> LinearModel:
    """The stored model (fitted by ``benchmarks/train_source_model.py``), read once."""
    return packaged_model(MODEL_RESOURCE)


def relabel(
    model: LinearModel,
    features: list[str],
    result: Attribution,
    walk: Walk,
    threshold: float | None = None,
) -> Attribution:
    """``result`` with the model's type where the model is confident and disagrees
    (its top type's probability at least ``threshold``, :data:`THRESHOLD` by default)."""
    if threshold is None:
        threshold = THRESHOLD
    label, probability = model.best(features)
    if label == result.type or probability < threshold:
        return result
    if label in _NO_SOURCE:
        return Attribution(label, "none")
    if result.sources or result.basis == "context":
        return replace(result, type=label)
    # The rules found no source: a study or passage of the chosen type still open carries.
    passage = walk.passage
    if passage is None or passage.type != label:
        passage = walk.last_study if label in STUDY_TYPES else None
    if passage is not None and passage.type == label:
        return Attribution(
            label, "context", passage.sources, result.cue, carried_from=passage.opened_by
        )
    basis = "explicit" if result.basis == "explicit" else "context"
    return Attribution(label, basis, (), result.cue)
