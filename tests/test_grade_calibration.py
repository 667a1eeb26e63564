"""The learned calibration of the rules' certainty: its features, its reason, the option that
asks for it, and the stored model."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import evidence_claims
from evidence_claims.assessment import calibration
from evidence_claims.assessment.calibration import MODEL_RESOURCE, Signal, calibrate
from evidence_claims.assessment.certainty import level
from evidence_claims.assessment.engine import calibration_signals
from evidence_claims.cli import cli
from evidence_claims.model.linear_model import LinearModel
from evidence_claims.pipeline.result_cache import ResultCache
from evidence_claims.pipeline.validation import validate_file
from evidence_claims.rules import RULES, all_rules

from .benchmark_scripts import load_benchmark

ROOT = Path(__file__).resolve().parents[1]
SILENT = (
    "Five randomized trials with 1,200 adults found that the drug reduced pain "
    "(RR 0.70, 95% CI 0.60 to 0.82)."
)
JUDGED = SILENT.replace("0.82).", "0.82); the trials were at high risk of bias.")
BIB = "@article{doe2020,\n  author = {Doe, Jane},\n  title = {Pain trials},\n  year = {2020}\n}\n"


def _one_claim(tmp_path: Path, text: str, certainty: str | None = None) -> Path:
    """A claim file whose one claim is ``text``, citing a review of trials."""
    (tmp_path / "document.txt").write_text(text, "utf-8")
    (tmp_path / "references.bib").write_text(BIB, "utf-8")
    claim = {
        "id": "c-001",
        "text": text,
        "anchor": {"start": 0, "end": len(text)},
        "kind": "claim",
        "evidence": {"type": "systematic_review", "sources": ["doe2020"], "basis": "explicit"},
    }
    if certainty is not None:
        claim["certainty"] = certainty
    data = {
        "document": {
            "id": "c",
            "path": "document.txt",
            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "bibliography": "references.bib",
        },
        "claims": [claim],
    }
    path = tmp_path / "claims.json"
    path.write_text(json.dumps(data), "utf-8")
    return path


def _shift_model(**weights: tuple[float, float, float, float]) -> LinearModel:
    """A shift model (labels +1, -1, -2, 0) that keeps the level unless a feature says not."""
    return LinearModel(labels=("+1", "-1", "-2", "0"), bias=(0.0, 0.0, 0.0, 1.0), weights=weights)


def test_silence_about_every_domain_is_a_feature(tmp_path: Path) -> None:
    ((rules, silent),) = calibration_signals(evidence_claims.load(_one_claim(tmp_path, SILENT)))
    names = {s.name for s in silent}
    assert {"start:high", f"rules:{rules}", "silent", "silent&start:high"} <= names
    assert {"studies:5-9", "designs:randomized", "people:1000-9999"} <= names
    assert "estimate:excludes_null" in names
    words = {s.name: s.words for s in silent}
    assert "5 studies" in words["studies:5-9"] and "1,200" in words["people:1000-9999"]

    other = tmp_path / "judged"
    other.mkdir()
    ((_rules, judged),) = calibration_signals(evidence_claims.load(_one_claim(other, JUDGED)))
    names = {s.name for s in judged}
    assert "down:risk_of_bias" in names and "how:risk_of_bias:words" in names
    assert "silent" not in names and "silent:risk_of_bias" not in names


def test_a_domain_judged_not_serious_is_not_silence(tmp_path: Path) -> None:
    text = SILENT.replace("0.82).", "0.82); risk of bias was low.")
    ((_rules, found),) = calibration_signals(evidence_claims.load(_one_claim(tmp_path, text)))
    names = {s.name for s in found}
    assert "silent" not in names and "silent:risk_of_bias" not in names


def test_the_reason_moves_the_level_and_names_what_moved_it() -> None:
    model = _shift_model(silent=(0.0, 3.0, 0.0, 0.0), up=(5.0, 0.0, 0.0, 0.0))
    features = [Signal("silent", "nothing judged in words"), Signal("other", "not in the model")]
    reason = calibrate(features, "high", model)
    assert reason is not None
    assert (reason.code, reason.effect, reason.origin) == ("calibration.learned", -1, "learned")
    assert "one level below the rules' high" in reason.note
    assert "nothing judged in words" in reason.note and "model probability" in reason.note
    assert "not in the model" not in reason.note


def test_no_reason_when_the_model_keeps_the_level_or_cannot_move_it() -> None:
    model = _shift_model(silent=(0.0, 3.0, 0.0, 0.0))
    assert calibrate([Signal("other", "x")], "moderate", model) is None
    # one level down from very low is still very low: nothing moved, no reason
    assert calibrate([Signal("silent", "x")], "very_low", model) is None


def test_a_model_of_levels_moves_to_its_level() -> None:
    model = LinearModel(
        labels=("high", "low", "moderate", "very_low"),
        bias=(0.0, 0.0, 0.0, 0.0),
        weights={"silent": (0.0, 0.0, 0.0, 2.0)},
    )
    reason = calibrate([Signal("silent", "nothing judged")], "moderate", model)
    assert reason is not None and reason.effect == -2 and "two levels below" in reason.note


def test_learned_mode_keeps_the_rules_reasons_and_adds_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    claim_set = evidence_claims.load(_one_claim(tmp_path, SILENT))
    (by_rules,) = evidence_claims.assess(claim_set).assessments
    assert all(r.code != "calibration.learned" for r in by_rules.reasons)
    monkeypatch.setattr(calibration, "model", lambda: _shift_model(silent=(0.0, 3.0, 0.0, 0.0)))
    (learned,) = evidence_claims.assess(claim_set, certainty="learned").assessments
    assert learned.reasons[: len(by_rules.reasons)] == by_rules.reasons
    (moved,) = learned.reasons[len(by_rules.reasons) :]
    assert moved.code == "calibration.learned" and moved.effect == -1
    assert level(learned.start) + sum(r.effect for r in learned.reasons) == level(learned.certainty)
    assert level(learned.certainty) == level(by_rules.certainty) - 1


def test_the_curators_certainty_still_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(calibration, "model", lambda: _shift_model(silent=(0.0, 3.0, 0.0, 0.0)))
    claim_set = evidence_claims.load(_one_claim(tmp_path, SILENT, certainty="high"))
    report = evidence_claims.assess(claim_set, certainty="learned")
    (assessment,) = report.assessments
    assert assessment.stated == "high" and assessment.certainty != "high"
    (differs,) = [f for f in report.findings if f.code == "certainty.differs"]
    assert "calibration.learned -1" in differs.message


def test_an_unknown_certainty_source_is_refused(tmp_path: Path) -> None:
    claim_set = evidence_claims.load(_one_claim(tmp_path, SILENT))
    with pytest.raises(ValueError, match="rules, learned"):
        evidence_claims.assess(claim_set, certainty="guess")


def test_cli_validate_certainty_option(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _one_claim(tmp_path, SILENT)
    monkeypatch.setattr(calibration, "model", lambda: _shift_model(silent=(0.0, 3.0, 0.0, 0.0)))
    runner = CliRunner()
    outputs = {}
    for mode in ("rules", "learned"):
        result = runner.invoke(
            cli, ["validate", str(path), "-f", "json", "--certainty", mode, "--jobs", "1"]
        )
        assert result.exit_code in (0, 1), result.output
        outputs[mode] = result.output
    assert "calibration.learned" in outputs["learned"]
    assert "calibration.learned" not in outputs["rules"]
    bad = runner.invoke(cli, ["validate", str(path), "--certainty", "guess"])
    assert bad.exit_code == 2


def test_a_file_large_enough_to_stream_is_calibrated_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the streamed path assesses chunk by chunk with the rules alone; a learned run reads the
    # file whole (docs/assessment.md), so the size of the file does not change the result
    path = _one_claim(tmp_path, SILENT)
    monkeypatch.setattr(calibration, "model", lambda: _shift_model(silent=(0.0, 3.0, 0.0, 0.0)))
    whole = validate_file(path, certainty="learned")[1]
    streamed = validate_file(path, stream_bytes=1, certainty="learned")[1]
    assert "calibration.learned" in {r.code for a in whole.assessments for r in a.reasons}
    assert streamed.assessments == whole.assessments


def test_a_learned_run_is_cached_apart(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path, salt="config")
    assert cache.salted("learned").salt != cache.salt
    assert cache.salted("learned").directory == cache.directory


def test_the_rule_is_in_the_catalogue() -> None:
    all_rules()
    assert RULES["calibration.learned"].category == "evidence"


def test_stored_model_matches_a_refit_on_the_dev_half() -> None:
    train = load_benchmark("train_grade_model")
    stored = (ROOT / "src" / "evidence_claims" / MODEL_RESOURCE).read_text("utf-8")
    hint = "refit with: python benchmarks/train_grade_model.py --write"
    assert stored == train.stored_model_text(), hint


def test_training_labels_are_shifts_clipped_to_two_down_one_up() -> None:
    train = load_benchmark("train_grade_model")
    shift = train.Variant("shift", 10.0, True)
    assert train.label(shift, "high", "very_low") == "-2"
    assert train.label(shift, "low", "low") == "0"
    assert train.label(shift, "very_low", "high") == "+1"
    assert train.label(train.Variant("levels", 10.0, True), "high", "low") == "low"


def test_cumulative_logits_keep_the_rules_level_without_features() -> None:
    train = load_benchmark("train_grade_model")
    model = train.Cumulative({}, (4.0, 12.0, 20.0), 8.0)
    for index, rules in enumerate(train.LEVELS):
        assert model.level((rules, []), True) == rules, index
    assert model.level(None, True) == "ungraded"
