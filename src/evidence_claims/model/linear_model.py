"""A small multinomial logistic regression over named binary features, for learned decisions.

Why: hand-written rules that decide a statement's kind or source type, or how far review
authors rate a body of evidence down, fit the text they were written from and carry poorly to
text they have not seen. A linear model over the signals the
rules already compute (cue families, citations found, voice, genre, position in the passage)
learns how much each signal is worth from annotated passages, and its worth can be judged
honestly by leaving whole passages out of training (:func:`group_cross_validate`).

It sits in ``model/`` because both extraction and assessment use it and neither may import
the other. Inference is plain Python over a dict of weights (no numpy import, a few
microseconds per statement), so the speed and cold start of its users do not depend on the
training stack. Training (:func:`fit`) imports numpy, which pandas already brings, and is
deterministic: full batch gradient descent from zero weights, no random state, so the same
examples always give the same weights and the stored model file can be rebuilt and compared
byte for byte.

A model is stored as JSON (:meth:`LinearModel.to_json`) with its labels, its bias and, per
feature, one weight per label, rounded so the file diffs cleanly.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = [
    "Example",
    "LinearModel",
    "fit",
    "group_cross_validate",
    "load_model",
    "packaged_model",
]

_DIGITS = 5


@dataclass(frozen=True, slots=True)
class Example:
    """One annotated decision: the names of the features that fire, and the gold label."""

    features: frozenset[str]
    label: str


@dataclass(frozen=True, slots=True)
class LinearModel:
    """Weights of a multinomial logistic regression: ``score(label) = bias + sum(weights)``."""

    labels: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]

    def scores(self, features: Iterable[str]) -> list[float]:
        """Unnormalised log-odds per label (in ``labels`` order); unknown features count 0."""
        totals = list(self.bias)
        weights = self.weights
        for name in features:
            row = weights.get(name)
            if row is not None:
                for i, w in enumerate(row):
                    totals[i] += w
        return totals

    def probabilities(self, features: Iterable[str]) -> dict[str, float]:
        """The softmax of :meth:`scores`, keyed by label."""
        totals = self.scores(features)
        top = max(totals)
        exps = [math.exp(t - top) for t in totals]
        whole = sum(exps)
        return {label: e / whole for label, e in zip(self.labels, exps, strict=True)}

    def predict(self, features: Iterable[str]) -> str:
        """The label with the highest score; ties go to the label listed first."""
        totals = self.scores(features)
        best = 0
        for i in range(1, len(totals)):
            if totals[i] > totals[best]:
                best = i
        return self.labels[best]

    def best(self, features: Sequence[str]) -> tuple[str, float]:
        """The top label and its probability (what :meth:`probabilities` gives for it), with
        the weights summed column-wise in C: for a decision made on every statement, with a
        hundred features and a dozen labels, this is the fast path. Ties go to the label
        listed first, as in :meth:`predict`."""
        weights = self.weights
        rows = [row for row in map(weights.get, features) if row is not None]
        totals = (
            [b + sum(column) for b, column in zip(self.bias, zip(*rows, strict=True), strict=True)]
            if rows
            else list(self.bias)
        )
        top = max(totals)
        best = totals.index(top)
        whole = sum(math.exp(t - top) for t in totals)
        return self.labels[best], 1.0 / whole

    def to_json(self) -> str:
        """A stable, diffable text form (sorted features, rounded weights)."""
        data = {
            "labels": list(self.labels),
            "bias": [round(b, _DIGITS) for b in self.bias],
            "weights": {
                name: [round(w, _DIGITS) for w in self.weights[name]]
                for name in sorted(self.weights)
            },
        }
        return json.dumps(data, indent=1, sort_keys=False) + "\n"

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> LinearModel:
        """Rebuild a model from :meth:`to_json`'s parsed form, checking its shape."""
        labels = tuple(str(label) for label in data["labels"])
        bias = tuple(float(b) for b in data["bias"])
        if len(bias) != len(labels):
            raise ValueError("model bias has a different length from its labels")
        weights: dict[str, tuple[float, ...]] = {}
        for name, row in data["weights"].items():
            if len(row) != len(labels):
                raise ValueError(f"model weights of feature {name!r} do not match its labels")
            weights[str(name)] = tuple(float(w) for w in row)
        return cls(labels=labels, bias=bias, weights=weights)


def load_model(path: Path) -> LinearModel:
    """Read a model file written by :meth:`LinearModel.to_json`."""
    return LinearModel.from_data(json.loads(path.read_text(encoding="utf-8")))


@cache
def packaged_model(resource: str) -> LinearModel:
    """A model file shipped inside the package (``resource``: its path under
    ``evidence_claims``, e.g. ``data/models/kind.json``), read once per process: every
    learned decision loads its model here, so none reads or parses its file per call."""
    text = resources.files("evidence_claims").joinpath(resource).read_text("utf-8")
    return LinearModel.from_data(json.loads(text))


def fit(
    examples: Sequence[Example],
    *,
    l2: float = 1.0,
    steps: int = 400,
    learning_rate: float = 0.5,
    min_count: int = 1,
) -> LinearModel:
    """Fit weights by full-batch gradient descent on the L2-penalised mean log loss.

    ``l2`` is the penalty per example-weighted unit (larger keeps weights near zero, which
    matters with a few hundred examples and many features); features seen in fewer than
    ``min_count`` examples are left out. Deterministic: same examples, same weights.
    """
    import numpy as np

    if not examples:
        raise ValueError("no examples to fit")
    labels = tuple(sorted({e.label for e in examples}))
    counts: dict[str, int] = {}
    for example in examples:
        for name in example.features:
            counts[name] = counts.get(name, 0) + 1
    names = sorted(name for name, n in counts.items() if n >= min_count)
    column = {name: i for i, name in enumerate(names)}
    x = np.zeros((len(examples), len(names)), dtype=np.float64)
    for row, example in enumerate(examples):
        for name in example.features:
            index = column.get(name)
            if index is not None:
                x[row, index] = 1.0
    label_index = {label: i for i, label in enumerate(labels)}
    y = np.zeros((len(examples), len(labels)), dtype=np.float64)
    for row, example in enumerate(examples):
        y[row, label_index[example.label]] = 1.0

    n = float(len(examples))
    w = np.zeros((len(names), len(labels)), dtype=np.float64)
    b = np.zeros(len(labels), dtype=np.float64)
    # Adagrad-style per-weight step sizes: rare features still move, without a schedule.
    w_sq = np.full_like(w, 1e-8)
    b_sq = np.full_like(b, 1e-8)
    for _ in range(steps):
        logits = x @ w + b
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        error = (p - y) / n
        grad_w = x.T @ error + (l2 / n) * w
        grad_b = error.sum(axis=0)
        w_sq += grad_w * grad_w
        b_sq += grad_b * grad_b
        w -= learning_rate * grad_w / np.sqrt(w_sq)
        b -= learning_rate * grad_b / np.sqrt(b_sq)
    weights = {
        name: tuple(float(v) for v in w[column[name]])
        for name in names
        if np.any(np.abs(w[column[name]]) >= 10.0**-_DIGITS)
    }
    return LinearModel(labels=labels, bias=tuple(float(v) for v in b), weights=weights)


def group_cross_validate(
    examples: Sequence[Example],
    groups: Sequence[Hashable],
    train: Callable[[Sequence[Example]], LinearModel],
) -> list[str]:
    """Predictions for every example from a model fitted without the example's group.

    With passages as groups this is leave-one-passage-out: each passage is judged by a model
    that never saw it, the honest figure for text the model has not seen.
    """
    if len(examples) != len(groups):
        raise ValueError("one group per example is needed")
    predictions: list[str] = [""] * len(examples)
    for group in dict.fromkeys(groups):
        held = [i for i, g in enumerate(groups) if g == group]
        rest = [examples[i] for i, g in enumerate(groups) if g != group]
        model = train(rest)
        for i in held:
            predictions[i] = model.predict(examples[i].features)
    return predictions
