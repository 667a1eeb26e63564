"""The honest evaluation of the learned source type (benchmarks/learned_source_honest.py)
never scores a passage with a model that was fitted on it.

Its figures are only worth anything if every scored passage is drafted by a model fitted
without it; a slip in the fold bookkeeping would print in-sample figures under a held-out
label with no error. Fitting and drafting are replaced here by recorders on made-up passages.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .benchmark_scripts import load_benchmark


@pytest.fixture(scope="module")
def honest():
    return load_benchmark("learned_source_honest")


def _passages(honest, names: list[str], half: str) -> list:
    return [honest.Passage(n, Path(n), "news", half, ()) for n in names]


def test_each_passage_is_scored_once_per_setting_by_a_model_fitted_without_it(
    honest, monkeypatch: pytest.MonkeyPatch
) -> None:
    scored = _passages(honest, [f"passage-{i}" for i in range(23)], "design")
    always = _passages(honest, ["written-gold", "seed"], "train")
    fitted: list[frozenset[str]] = []

    def fake_fit(train, config):
        fitted.append(frozenset(p.name for p in train))
        return len(fitted) - 1  # the model is its fit's index

    seen: dict[tuple[str, object], int] = {}

    def fake_score(p, model=None, threshold=0.0):
        if model is not None:
            assert p.name not in fitted[model], "scored by a model fitted on it"
            assert {"written-gold", "seed"} <= fitted[model]
            seen[(p.name, threshold)] = seen.get((p.name, threshold), 0) + 1
        return honest.Score((1, 1), (0, 0), (1, 1))

    monkeypatch.setattr(honest, "fit", fake_fit)
    monkeypatch.setattr(honest, "score", fake_score)
    configs = honest.grid(["low", "rules"], [1.0, 4.0], [0.5, 0.8])
    results, rules = honest.cross_validate(scored, always, configs, 5)
    assert set(rules) == {p.name for p in scored}
    for config in configs:
        assert set(results[config]) == {p.name for p in scored}
    # Two variants x two penalties, fitted once per fold (the thresholds share a model).
    assert len(fitted) == 4 * len({honest.fold_of(p.name, 5) for p in scored})
    assert all(count == 4 for count in seen.values())  # 2 variants x 2 penalties


def test_folds_follow_the_name_not_the_order(honest) -> None:
    names = [f"passage-{i}" for i in range(40)]
    folds = {n: honest.fold_of(n, 5) for n in names}
    assert {honest.fold_of(n, 5) for n in reversed(names)} == set(folds.values()) == set(range(5))
    assert all(honest.fold_of(n, 5) == folds[n] for n in reversed(names))
