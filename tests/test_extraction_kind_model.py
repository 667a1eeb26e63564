"""The learned kind decision: its features, the stored model, and the choice between it and
the rules (``extract --kinds rules|learned``)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evidence_claims.extraction.asides import aside_spans, outside
from evidence_claims.extraction.draft import analyse, extract
from evidence_claims.extraction.kind_features import document_features, section_of
from evidence_claims.extraction.kind_model import (
    decide_kinds,
    learned_kinds,
    load_kind_model,
    rule_kinds,
    uses_rules,
)
from evidence_claims.extraction.segment import segment
from evidence_claims.model.linear_model import LinearModel
from evidence_claims.testing.kind_training import TRAINING_PARTS, passages, train

from .conftest import ROOT, run_cli


def features_of(document: str, rules: bool = False) -> list[tuple[str, set[str]]]:
    segments = segment(document)
    texts = [
        outside(document, s.start, s.end, aside_spans(document, s.start, s.end)) for s in segments
    ]
    kinds = rule_kinds(document, segments, texts) if rules else None
    names = document_features(document, segments, texts, kinds)
    return [(s.text(document), set(n)) for s, n in zip(segments, names, strict=True)]


def test_layout_features_of_a_title_and_a_list() -> None:
    doc = (
        "Tips for Older Dietary Supplement Users\n\n"
        "Before you buy, ask these questions:\n"
        "- Is it safe for me?\n"
        "- Talk with your doctor first.\n"
    )
    rows = dict(features_of(doc))
    title = rows["Tips for Older Dietary Supplement Users"]
    assert {"line:own", "end:none", "title_like", "doc:first", "para:alone", "len:4-7"} <= title
    lead = rows["Before you buy, ask these questions:"]
    assert {"end:colon", "before:item", "cue:reader"} <= lead
    question = rows["Is it safe for me?"]
    assert {"role:item", "bulleted", "end:question", "first:aux", "has:question_mark"} <= question
    advice = rows["Talk with your doctor first."]
    assert {"mood:imperative", "cue:advice", "item:run", "doc:last"} <= advice
    # the previous statement's ending carries over as context
    assert "prev:end:question" in advice


def test_wording_features_and_cue_families() -> None:
    doc = (
        "Why do people take kratom? "
        "You should store it away from children. "
        "We searched five databases and included 12 trials. "
        "More research is needed. "
        "Smith AB, Jones CD. Kratom and pain. J Ethnopharmacol. 2019;12(3):45-67."
    )
    rows = features_of(doc)
    assert {"first:wh", "end:question"} <= rows[0][1]
    assert {"cue:deontic", "cue:reader", "first:you"} <= rows[1][1]
    assert {"cue:study_conduct", "cue:writer_we", "has:digit"} <= rows[2][1]
    assert "cue:evidence_gap" in rows[3][1]
    reference = set().union(*(names for _, names in rows[4:]))
    assert "cue:reference_entry" in reference
    assert "w:databases" in rows[2][1] and "w:searched" in rows[2][1]


def test_the_section_a_label_opens_is_a_feature_of_what_follows() -> None:
    doc = "Methods: Adults were randomized to iron or placebo.\n\nResults: Ferritin rose by 20%."
    rows = features_of(doc)
    by_text = dict(rows)
    assert "section:method" in by_text["Adults were randomized to iron or placebo."]
    assert "section:result" in by_text["Ferritin rose by 20%."]
    assert section_of("Design, Setting, and Participants:") == "method"
    assert section_of("Conclusions and Relevance") == "conclusion"
    assert section_of("Methods and Findings") == "result"
    assert section_of("Where to find out more") == "other"


def test_the_rules_decision_is_a_feature_only_when_asked() -> None:
    doc = "Avoid driving. Kratom is a tree."
    plain = features_of(doc)
    with_rules = features_of(doc, rules=True)
    assert not any(n.startswith("rules:") for _, names in plain for n in names)
    assert "rules:recommendation" in with_rules[0][1] and "rules:claim" in with_rules[1][1]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from("ab C?.:\n-•1()Yyou"), max_size=80))
def test_features_and_learned_kinds_of_any_text(text: str) -> None:
    segments = segment(text)
    texts = [outside(text, s.start, s.end, aside_spans(text, s.start, s.end)) for s in segments]
    names = document_features(text, segments, texts)
    assert len(names) == len(segments)
    assert all(n and all(isinstance(x, str) and x for x in n) for n in names)
    kinds = learned_kinds(text, segments, texts)
    assert set(kinds) <= {"claim", "recommendation", "question", "meta"}


def test_the_stored_model_equals_a_refit_on_the_current_gold() -> None:
    """benchmarks/train_kind_model.py --write stores the model; a change of features, cue
    families, fit settings or gold without a rewrite fails here."""
    stored = resources.files("evidence_claims").joinpath("data/models/kind.json").read_text("utf-8")
    model = LinearModel.from_data(json.loads(stored))
    examples = [e for p in passages(ROOT, with_rules=uses_rules(model)) for e in p.examples]
    assert train(examples).to_json() == stored


def test_the_training_examples_come_only_from_tunable_sets() -> None:
    parts = [part for part, _ in TRAINING_PARTS]
    assert not any("blind" in part or "val" in part for part in parts)
    names = [p.name for p in passages(ROOT, with_rules=False)]
    expected = [
        folder.name
        for part in parts
        for folder in sorted((ROOT / part).iterdir())
        if (folder / "claims.yaml").is_file()
    ]
    assert names == expected
    assert "kratom-addiction" in names and "kratom-pain-trial" in names


def test_the_learned_model_reads_kinds_of_a_plain_text() -> None:
    model = load_kind_model()
    assert set(model.labels) == {"claim", "meta", "question", "recommendation"}
    doc = "What is kratom?\n\nKratom is a tree native to Southeast Asia. Talk with your doctor."
    claims = extract(doc, kinds="learned").claims
    kinds = [c.kind for c in claims]
    assert kinds[0] == "question" and kinds[1] == "claim"


def test_rules_stay_the_default_and_both_methods_are_offered() -> None:
    doc = "Users report headaches. Avoid driving.\n"
    assert [s.kind for s in analyse(doc)] == [s.kind for s in analyse(doc, kinds="rules")]
    with pytest.raises(ValueError, match="unknown kind method"):
        decide_kinds(doc, segment(doc), [doc], "guess")  # type: ignore[arg-type]


def test_cli_kinds_option(tmp_path: Path) -> None:
    document = tmp_path / "notes.txt"
    document.write_text("Is kratom safe?\n\nUsers report headaches.\n", "utf-8")
    (tmp_path / ".evidence-claims-root").write_text("")
    for method in ("rules", "learned"):
        result = run_cli("extract", str(document), "--kinds", method, "--format", "json")
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["claims"][0]["kind"] == "question"
    wrong = run_cli("extract", str(document), "--kinds", "guess")
    assert wrong.exit_code == 2 and "--kinds" in wrong.output


def test_cli_summary_names_the_learned_models_it_used(tmp_path: Path) -> None:
    document = tmp_path / "notes.txt"
    document.write_text("Users report headaches.\n", "utf-8")
    (tmp_path / ".evidence-claims-root").write_text("")
    plain = run_cli("extract", str(document))
    assert "by the English rules; every one" in plain.stderr
    kinds = run_cli("extract", str(document), "--kinds", "learned")
    assert "with a learned model for kinds;" in kinds.stderr
    both = run_cli("extract", str(document), "--kinds", "learned", "--attribution", "learned")
    assert "with a learned model for source types and kinds;" in both.stderr
