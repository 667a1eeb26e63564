"""The assessment of the bundled kratom set, as its JSON report shows it."""

from __future__ import annotations

import json

import pytest

import evidence_claims as ec

from .conftest import KRATOM, ROOT, run_cli


@pytest.fixture(scope="module")
def report_json() -> dict:
    result = run_cli("validate", str(KRATOM), "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.fixture(scope="module")
def kratom() -> ec.ClaimSet:
    return ec.load(KRATOM)


def _assessment(data: dict, claim_id: str) -> dict:
    return next(a for a in data["assessments"] if a["claim_id"] == claim_id)


def _findings(data: dict, claim_id: str) -> set[str]:
    return {f["code"] for f in data["findings"] if f["claim_id"] == claim_id}


def test_matsumoto_claims_are_low_or_very_low_for_indirectness(
    report_json: dict, kratom: ec.ClaimSet
) -> None:
    matsumoto = [
        c.id for c in kratom if "matsumoto2005" in c.evidence.sources and c.kind == "claim"
    ]
    assert matsumoto == ["kratom-addiction-032", "kratom-addiction-033"]
    for claim_id in matsumoto:
        a = _assessment(report_json, claim_id)
        assert a["certainty"] in ("very_low", "low")
        assert a["start"] == "low"
        reasons = [r["code"] for r in a["reasons"]]
        assert {
            "indirectness.animal",
            "indirectness.preparation",
            "replication.not_in_humans",
        } <= set(reasons)
        assert sum(r["effect"] for r in a["reasons"]) == -1
        assert all(r["note"] for r in a["reasons"])


def test_overclaiming_wording_is_flagged(report_json: dict) -> None:
    a = _assessment(report_json, "kratom-addiction-032")
    assert a["wording"] == "overclaim"
    assert "wording.overclaim" in _findings(report_json, "kratom-addiction-032")


def test_anecdotal_claims_are_graded_with_their_caveats(
    report_json: dict, kratom: ec.ClaimSet
) -> None:
    anecdotal = [c for c in kratom if c.evidence.type == "anecdotal_report" and c.kind == "claim"]
    assert len(anecdotal) >= 10
    for claim in anecdotal:
        a = _assessment(report_json, claim.id)
        assert a["certainty"] == "very_low" and a["start"] == "very_low"
        codes = {r["code"] for r in a["reasons"]}
        assert "risk_of_bias.self_report" in codes
        assert {c.code for c in claim.caveats} <= codes


def test_recommendations_without_evidence_are_flagged(
    report_json: dict, kratom: ec.ClaimSet
) -> None:
    unsupported = [c.id for c in kratom if c.kind == "recommendation" and not c.evidence.sources]
    assert len(unsupported) >= 5
    for claim_id in unsupported:
        assert "recommendation.no_evidence" in _findings(report_json, claim_id)


def test_engine_reproduces_every_curated_certainty(report_json: dict) -> None:
    assert len(report_json["assessments"]) == 41
    differs = [f for f in report_json["findings"] if f["code"] == "certainty.differs"]
    assert differs == []
    for a in report_json["assessments"]:
        assert a["certainty"] == a["stated"], a["claim_id"]


def test_the_curated_set_has_no_evidence_errors(report_json: dict) -> None:
    assert report_json["summary"]["error"] == 0
    assert report_json["summary"]["warning"] > 0  # the findings inform; they do not fail


def test_validate_claims_folder_exits_zero_with_evidence_findings() -> None:
    result = run_cli("validate", str(ROOT / "claims"))
    assert result.exit_code == 0, result.output
    assert "0 error(s)" in result.output and "wording.overclaim" in result.output
