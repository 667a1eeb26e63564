"""The learned source-type decision: its features, its relabelling and the stored model."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from evidence_claims.cli import cli
from evidence_claims.extraction.attribution_decisions import Attribution, Walk, _Passage
from evidence_claims.extraction.draft import analyse, extract
from evidence_claims.extraction.source_features import (
    is_rule_feature,
    previous_type_features,
    without_rules,
)
from evidence_claims.extraction.source_model import (
    MODEL_RESOURCE,
    load_source_model,
    relabel,
)
from evidence_claims.model.linear_model import LinearModel

ROOT = Path(__file__).resolve().parents[1]


def _features(text: str) -> list[list[str]]:
    found: list[list[str]] = []
    statements = analyse(text, features=found)
    assert len(found) == len(statements)
    return found


def test_reporting_subjects_are_told_apart() -> None:
    we, people, data, expert, they = _features(
        "We recruited 120 adults in 2019, and our interviews took an hour. Some people take "
        "it for pain. The data showed that it is addictive. Dr. Lee said the risk is small. "
        "They reported less pain."
    )
    assert {"subj_we", "w_survey", "w_first_plural", "w_number"} <= set(we)
    assert "subj_some_people" in people and "subj_we" not in people
    assert "subj_studies" in data
    assert expert == []  # "Dr. Lee said" names its ground: the rules decide it
    assert "subj_they" in they and "w_first_plural" not in they


def test_phrases_and_estimates() -> None:
    (names,) = _features("It took about 40 minutes, and little is known of side effects.")
    assert {"w_estimate", "w_number", "w_gap", "w_safety"} <= set(names)
    (plain,) = _features("It took about an hour.")
    assert "w_estimate" not in plain and "w_number" not in plain


def test_position_and_section_label() -> None:
    heading, label, first, second = _features(
        "Kratom and pain\n\nResults:\nMost respondents (59.7%) used it daily. It helped."
    )
    assert "role:heading" in heading and "first_of_document" in heading
    assert "role:label" in label
    assert {"label:results", "label_report", "w_percent", "w_number"} <= set(first)
    assert "first_of_paragraph" not in second and "label:results" in second


def test_paragraph_ground_is_carried_within_a_section_only() -> None:
    first, second, third = _features(
        "In a randomized trial, melatonin reduced jet lag. It also helped sleep.\n\n"
        "It is sold widely."
    )
    assert first == []  # it names its ground: the rules decide it, no features are read
    assert "paragraph_ground:clinical_trial" in second and "no_ground" in second
    assert "paragraph_ground:None" in third and "section_ground:clinical_trial" in third


def test_best_label_agrees_with_the_model() -> None:
    model = LinearModel(
        labels=("a", "b", "c"),
        bias=(0.1, 0.0, -0.2),
        weights={"x": (0.0, 1.0, 0.5), "y": (2.0, -1.0, 0.0)},
    )
    for features in ([], ["x"], ["y"], ["x", "y", "unknown"]):
        probabilities = model.probabilities(features)
        label, probability = model.best(features)
        assert label == model.predict(features)
        assert probability == pytest.approx(probabilities[label])


def test_a_heading_ends_the_section_ground() -> None:
    features = _features("A cohort study found less pain.\n\nSafety\n\nIt is sold widely.")
    assert "section_ground:observational_study" not in features[-1]
    assert "section_ground:None" in features[-1]


def test_rule_features_are_named_apart() -> None:
    (names,) = _features("Kratom contains over 50 alkaloids.")
    rule = [n for n in names if is_rule_feature(n)]
    assert "rules:unsourced_assertion" in rule
    assert any(n.startswith("g:") and "|rules:" in n for n in rule)
    low = without_rules(names)
    assert low and not any(is_rule_feature(n) for n in low)
    assert low | set(rule) == set(names)


def test_previous_type_within_or_across_a_paragraph() -> None:
    assert previous_type_features(["first_of_paragraph"], "clinical_trial") == [
        "prev_type:clinical_trial",
        "prev_type_across:clinical_trial",
    ]
    assert previous_type_features([], None) == ["prev_type:None", "prev_type_within:None"]


def _model(label: str, weight: float) -> LinearModel:
    """A model that prefers ``label`` by ``weight`` when the feature "x" fires."""
    labels = ("clinical_trial", "expert_opinion", "unsourced_assertion")
    row = tuple(weight if name == label else 0.0 for name in labels)
    return LinearModel(labels=labels, bias=(0.0, 0.0, 0.0), weights={"x": row})


def test_relabel_keeps_the_rules_below_the_threshold() -> None:
    result = Attribution("expert_opinion", "none")
    assert relabel(_model("clinical_trial", 0.5), ["x"], result, Walk(), 0.9) is result
    assert relabel(_model("clinical_trial", 5.0), [], result, Walk(), 0.5) is result


def test_relabel_to_unsourced_drops_carried_sources() -> None:
    carried = Attribution("clinical_trial", "context", ("smith2020",), carried_from=0)
    got = relabel(_model("unsourced_assertion", 5.0), ["x"], carried, Walk(), 0.5)
    assert got == Attribution("unsourced_assertion", "none")


def test_relabel_takes_the_sources_of_an_open_passage_of_its_type() -> None:
    walk = Walk(passage=_Passage("clinical_trial", ("smith2020",), opened_by=2))
    got = relabel(
        _model("clinical_trial", 5.0), ["x"], Attribution("unsourced_assertion", "none"), walk, 0.5
    )
    assert (got.type, got.basis, got.sources, got.carried_from) == (
        "clinical_trial",
        "context",
        ("smith2020",),
        2,
    )
    other = relabel(
        _model("expert_opinion", 5.0), ["x"], Attribution("unsourced_assertion", "none"), walk, 0.5
    )
    assert (other.type, other.sources) == ("expert_opinion", ())


def test_learned_mode_leaves_statements_that_name_their_ground() -> None:
    text = (
        "In a randomized trial, melatonin reduced jet lag (Smith 2020). Animal studies found "
        "tolerance. Users report that it works."
    )
    rules = [s.attribution for s in analyse(text)]
    learned = [s.attribution for s in analyse(text, attribution="learned")]
    assert [a.type for a in rules[:2]] == ["clinical_trial", "animal_study"]
    assert learned[:2] == rules[:2]


def test_learned_drafts_are_valid_and_exact() -> None:
    text = (ROOT / "claims" / "kratom-addiction" / "document.txt").read_text("utf-8")
    draft = extract(text, attribution="learned")
    for claim in draft.claims:
        assert text[claim.anchor.start : claim.anchor.end] == claim.text


def test_cli_attribution_option(tmp_path: Path) -> None:
    doc = tmp_path / "notes.txt"
    doc.write_text("We conducted an online survey. Most (59.7%) had used it.\n", "utf-8")
    runner = CliRunner()
    ok = runner.invoke(cli, ["extract", str(doc), "--attribution", "learned"])
    assert ok.exit_code == 0, ok.output
    assert "observational_study" in ok.output
    bad = runner.invoke(cli, ["extract", str(doc), "--attribution", "magic"])
    assert bad.exit_code == 2


def test_stored_model_matches_a_refit_on_the_gold() -> None:
    """The model file is what benchmarks/train_source_model.py --write fits on today's gold."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import train_source_model
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    stored = json.loads((ROOT / "src" / "evidence_claims" / MODEL_RESOURCE).read_text("utf-8"))
    refit = json.loads(train_source_model.stored_model_text())
    hint = "run benchmarks/train_source_model.py --write"
    # Equal up to the last rounded digit: a BLAS with another thread count may sum in
    # another order.
    assert stored["labels"] == refit["labels"], hint
    assert sorted(stored["weights"]) == sorted(refit["weights"]), hint
    pairs = [(stored["bias"], refit["bias"])]
    pairs += [(stored["weights"][name], refit["weights"][name]) for name in refit["weights"]]
    for ours, theirs in pairs:
        assert ours == pytest.approx(theirs, abs=2e-5), hint
    assert load_source_model().labels == tuple(refit["labels"])


def test_stored_model_speaks_of_taxonomy_types_only() -> None:
    from evidence_claims.model.taxonomy import source_type_names

    model = load_source_model()
    assert set(model.labels) <= set(source_type_names())
    assert not any(is_rule_feature(name) for name in model.weights)  # low-level signals only


@pytest.mark.parametrize("mode", ["rules", "learned"])
def test_both_modes_keep_the_seed_source_types(mode: str) -> None:
    """The kratom seed keeps >= 95% source type per statement either way."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import extract_agreement
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    saved = extract_agreement.ATTRIBUTION
    extract_agreement.ATTRIBUTION = mode
    try:
        agreement = extract_agreement.score(ROOT / "claims" / "kratom-addiction")
    finally:
        extract_agreement.ATTRIBUTION = saved
    assert agreement.per_statement["type"].rate >= 0.95
