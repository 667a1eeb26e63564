"""`validate` in CI: configuration, fail level, baselines, suppressions, pre-commit."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from evidence_claims import validate
from evidence_claims.model.report import Finding, Report
from evidence_claims.pipeline.baseline import fingerprint, new_findings, read_baseline
from evidence_claims.pipeline.discovery import is_claim_file_name

from .conftest import ROOT, run_cli


def _codes(result_output: str) -> set[str]:
    data = json.loads(result_output)
    return {f["code"] for f in data["findings"]}


def _pyproject(folder: Path, body: str) -> Path:
    path = folder / "pyproject.toml"
    path.write_text("[tool.evidence-claims]\n" + body, "utf-8")
    return path


def test_mini_set_has_warnings_but_passes_at_the_default_fail_level(mini_copy: Path) -> None:
    result = run_cli("validate", str(mini_copy))
    assert result.exit_code == 0, result.output
    assert "recommendation.no_evidence" in result.output


def test_fail_level_from_config_and_from_the_command_line(mini_copy: Path) -> None:
    _pyproject(mini_copy.parent, 'fail-level = "warning"\n')
    assert run_cli("validate", str(mini_copy)).exit_code == 1
    assert run_cli("validate", str(mini_copy), "--fail-level", "error").exit_code == 0


def test_ignore_and_select_by_code_prefix(mini_copy: Path) -> None:
    _pyproject(mini_copy.parent, 'ignore = ["recommendation", "imprecision.small_sample"]\n')
    codes = _codes(run_cli("validate", str(mini_copy), "-f", "json").output)
    assert "recommendation.no_evidence" not in codes
    assert "imprecision.small_sample" not in codes
    assert "indirectness.animal" in codes
    _pyproject(mini_copy.parent, 'select = ["indirectness"]\n')
    codes = _codes(run_cli("validate", str(mini_copy), "-f", "json").output)
    assert codes == {"indirectness.animal"}


def test_severity_override_decides_the_exit_code(mini_copy: Path) -> None:
    _pyproject(mini_copy.parent, '[tool.evidence-claims.severity]\n"recommendation" = "error"\n')
    result = run_cli("validate", str(mini_copy), "-f", "json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    severities = {f["severity"] for f in data["findings"] if f["code"].startswith("recommendation")}
    assert severities == {"error"}


def test_explicit_config_path(mini_copy: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "conf"
    elsewhere.mkdir()
    config = _pyproject(elsewhere, 'fail-level = "info"\n')
    assert run_cli("validate", str(mini_copy), "--config", str(config)).exit_code == 1
    missing = run_cli("validate", str(mini_copy), "--config", str(tmp_path / "nope.toml"))
    assert missing.exit_code == 2


def test_invalid_config_is_a_located_finding(mini_copy: Path) -> None:
    _pyproject(mini_copy.parent, 'fail-level = "loud"\n')
    result = run_cli("validate", str(mini_copy), "-f", "json")
    assert result.exit_code == 1
    finding = next(
        f for f in json.loads(result.output)["findings"] if f["code"] == "config.invalid"
    )
    assert finding["file"].endswith("pyproject.toml") and finding["line"] == 2


def test_suppression_silences_an_evidence_finding(mini_copy: Path) -> None:
    path = mini_copy / "claims.yaml"
    text = path.read_text("utf-8")
    text = text.replace(
        "    kind: recommendation\n",
        "    kind: recommendation\n    suppress:\n"
        "      - {code: recommendation.no_evidence, reason: common-sense advice}\n",
    )
    path.write_text(text, "utf-8")
    codes = _codes(run_cli("validate", str(mini_copy), "-f", "json").output)
    assert "recommendation.no_evidence" not in codes
    assert "suppress.unused" not in codes


def test_baseline_hides_known_findings_and_survives_line_shifts(
    mini_copy: Path, tmp_path: Path
) -> None:
    base = tmp_path / "baseline.json"
    written = run_cli("validate", str(mini_copy), "--write-baseline", str(base))
    assert written.exit_code == 0 and base.is_file()
    recorded = json.loads(base.read_text("utf-8"))
    assert recorded["version"] == 1 and recorded["findings"]

    result = run_cli("validate", str(mini_copy), "-f", "json", "--baseline", str(base))
    assert result.exit_code == 0 and json.loads(result.output)["findings"] == []

    # Shift every line: comments above the claims change no fingerprint.
    path = mini_copy / "claims.yaml"
    text = path.read_text("utf-8").replace("claims:\n", "# a note\n# another\nclaims:\n", 1)
    path.write_text(text, "utf-8")
    result = run_cli("validate", str(mini_copy), "-f", "json", "--baseline", str(base))
    assert json.loads(result.output)["findings"] == []
    # A new problem: mini-001 (user reports) now claims high certainty.
    text = text.replace("    certainty: very_low\n", "    certainty: high\n", 1)
    path.write_text(text, "utf-8")
    result = run_cli("validate", str(mini_copy), "-f", "json", "--baseline", str(base))
    new = json.loads(result.output)["findings"]
    assert [(f["code"], f["claim_id"]) for f in new] == [("certainty.differs", "mini-001")]


def test_a_broken_baseline_is_a_usage_error(mini_copy: Path, tmp_path: Path) -> None:
    base = tmp_path / "baseline.json"
    base.write_text("{not json", "utf-8")
    assert run_cli("validate", str(mini_copy), "--baseline", str(base)).exit_code == 2
    base.write_text('{"version": 7, "findings": []}', "utf-8")
    assert run_cli("validate", str(mini_copy), "--baseline", str(base)).exit_code == 2


def test_fingerprint_ignores_lines_and_claim_positions() -> None:
    a = Finding("wording.overclaim", "warning", "m", "c.yaml", 10, 3, "x-1", "/claims/4/boosters/0")
    b = Finding(
        "wording.overclaim", "warning", "other", "c.yaml", 99, 1, "x-1", "/claims/9/boosters/0"
    )
    c = Finding("wording.overclaim", "warning", "m", "c.yaml", 10, 3, "x-2", "/claims/4/boosters/0")
    assert fingerprint(a) == fingerprint(b) != fingerprint(c)
    gap1 = Finding("coverage.uncovered-text", "warning", "text 'a'", "d.txt", 1, 1)
    gap2 = Finding("coverage.uncovered-text", "warning", "text 'b'", "d.txt", 1, 1)
    assert fingerprint(gap1) != fingerprint(gap2)


def test_baseline_counts_repeated_findings(tmp_path: Path) -> None:
    f = Finding("relation.duplicate", "warning", "m", "c.yaml", 1, 1, "x", "/claims/0/relations")
    from evidence_claims.pipeline.baseline import write_baseline

    write_baseline(Report(findings=[f]), tmp_path / "b.json")
    left = new_findings(Report(findings=[f, f]), read_baseline(tmp_path / "b.json"))
    assert len(left.findings) == 1


def test_pre_commit_hook_definition() -> None:
    hooks = YAML(typ="safe", pure=True).load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    hook = next(h for h in hooks if h["id"] == "evidence-claims-validate")
    assert hook["entry"] == "evidence-claims validate"
    assert hook["language"] == "python"
    pattern = re.compile(hook["files"])
    names = [
        "claims.yaml",
        "claims/kratom-addiction/claims.yaml",
        "a/b.claims.json",
        "x.claims.yml",
        "claims.yaml.bak",
        "notes.yaml",
        "myclaims.yaml",
        "pyproject.toml",
    ]
    for name in names:
        assert bool(pattern.search(name)) == is_claim_file_name(name.rsplit("/", 1)[-1]), name


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
def test_every_format_on_the_bundled_claims_exits_zero(fmt: str) -> None:
    result = run_cli("validate", str(ROOT / "claims"), "-f", fmt)
    assert result.exit_code == 0
    assert validate(ROOT / "claims").ok


def test_format_choices_are_the_format_table() -> None:
    """``-f`` is spelled out in cli/validate.py (so that ``--help`` imports no renderer); it
    must offer exactly the formats of render/formats.py."""
    from evidence_claims.cli.validate import validate as command
    from evidence_claims.render.formats import FORMATTERS

    option = next(p for p in command.params if p.name == "output_format")
    assert list(option.type.choices) == list(FORMATTERS)
