"""The linear model used for learned extraction decisions: fitting, prediction, storage."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evidence_claims.model.linear_model import (
    Example,
    LinearModel,
    fit,
    group_cross_validate,
    load_model,
    packaged_model,
)


def _examples() -> list[Example]:
    data = [
        ({"cite", "we"}, "study"),
        ({"cite"}, "study"),
        ({"we", "results"}, "study"),
        ({"some_people"}, "anecdotal"),
        ({"some_people", "report"}, "anecdotal"),
        ({"report"}, "anecdotal"),
        (set(), "unsourced"),
        ({"opinion"}, "unsourced"),
    ]
    return [Example(frozenset(f), label) for f, label in data]


def test_fit_learns_separable_labels() -> None:
    model = fit(_examples(), l2=0.1, steps=300)
    assert model.predict({"cite"}) == "study"
    assert model.predict({"some_people"}) == "anecdotal"
    assert model.predict(set()) == "unsourced"


def test_unknown_features_are_ignored() -> None:
    model = fit(_examples(), l2=0.1)
    assert model.predict({"cite", "never-seen"}) == model.predict({"cite"})


def test_probabilities_sum_to_one() -> None:
    model = fit(_examples())
    probs = model.probabilities({"we"})
    assert set(probs) == set(model.labels)
    assert sum(probs.values()) == pytest.approx(1.0)


def test_fit_is_deterministic_and_round_trips(tmp_path) -> None:
    first = fit(_examples()).to_json()
    assert first == fit(_examples()).to_json()
    path = tmp_path / "model.json"
    path.write_text(first, encoding="utf-8")
    again = load_model(path)
    assert again.to_json() == first
    for features in ({"cite"}, {"report"}, set()):
        assert again.predict(features) == fit(_examples()).predict(features)


def test_a_stronger_penalty_keeps_weights_smaller() -> None:
    loose = fit(_examples(), l2=0.01)
    tight = fit(_examples(), l2=10.0)
    biggest = lambda m: max(abs(w) for row in m.weights.values() for w in row)  # noqa: E731
    assert biggest(tight) < biggest(loose)


def test_min_count_drops_rare_features() -> None:
    model = fit(_examples(), min_count=2)
    assert "opinion" not in model.weights
    assert "cite" in model.weights


def test_malformed_model_data_is_refused() -> None:
    with pytest.raises(ValueError):
        LinearModel.from_data({"labels": ["a", "b"], "bias": [0.0], "weights": {}})
    with pytest.raises(ValueError):
        LinearModel.from_data({"labels": ["a"], "bias": [0.0], "weights": {"f": [1.0, 2.0]}})


def test_group_cross_validation_never_trains_on_the_held_group() -> None:
    # Each group holds one label no other group has: a model that never saw the group cannot
    # predict it, so every held-out prediction differs from the gold label.
    examples = [Example(frozenset({f"f{i}"}), f"label{i}") for i in range(3)] * 2
    groups = [0, 1, 2, 0, 1, 2]
    predictions = group_cross_validate(examples, groups, lambda ex: fit(ex, steps=50))
    assert all(p != e.label for p, e in zip(predictions, examples, strict=True))
    with pytest.raises(ValueError):
        group_cross_validate(examples, groups[:-1], fit)
    with pytest.raises(ValueError):
        fit([])


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.frozensets(st.sampled_from(["a", "b", "c", "d"]), max_size=3),
            st.sampled_from(["x", "y", "z"]),
        ),
        min_size=1,
        max_size=20,
    )
)
def test_predictions_are_always_a_known_label(rows) -> None:
    model = fit([Example(f, label) for f, label in rows], steps=20)
    for features, _ in rows:
        assert model.predict(features) in model.labels
    data = json.loads(model.to_json())
    assert data["labels"] == list(model.labels)


def test_a_packaged_model_is_read_once_and_shared() -> None:
    """Both learned decisions load their files through one cache: a second call reads nothing."""
    from evidence_claims.extraction.kind_model import load_kind_model
    from evidence_claims.extraction.source_model import MODEL_RESOURCE, load_source_model

    assert packaged_model(MODEL_RESOURCE) is load_source_model()
    assert load_kind_model() is load_kind_model()
    assert packaged_model("data/models/kind.json") is load_kind_model()
