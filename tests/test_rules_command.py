"""`evidence-claims rules`: the catalogue listed and explained."""

from __future__ import annotations

import json

from evidence_claims.cli.rules import markdown_table
from evidence_claims.rules import all_rules

from .conftest import ROOT, run_cli


def test_rules_lists_every_rule_structural_and_evidence() -> None:
    result = run_cli("rules")
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.output.splitlines()]
    assert listed == [r.code for r in all_rules()]
    categories = {r.category for r in all_rules()}
    assert {"evidence", "anchor", "schema", "config"} <= categories


def test_rules_code_explains_one_rule() -> None:
    result = run_cli("rules", "indirectness.animal")
    assert result.exit_code == 0
    assert result.output.startswith("indirectness.animal: Animal evidence")
    assert "default severity: info" in result.output
    assert "role: limitation (domain: indirectness)" in result.output
    assert "mice" in result.output


def test_rules_prefix_lists_a_family_and_unknown_code_is_a_usage_error() -> None:
    family = run_cli("rules", "wording").output.splitlines()
    assert [line.split()[0] for line in family] == ["wording.overclaim", "wording.underclaim"]
    unknown = run_cli("rules", "wording.overclam")
    assert unknown.exit_code == 2 and "wording.overclaim" in unknown.output


def test_rules_json_has_every_field() -> None:
    data = json.loads(run_cli("rules", "--format", "json").output)
    assert len(data) == len(all_rules())
    assert set(data[0]) == {"code", "category", "severity", "title", "message", "description"}


def test_markdown_format_is_the_table_of_the_catalogue() -> None:
    generated = run_cli("rules", "--format", "markdown").output.strip()
    assert generated == markdown_table(all_rules())


def test_readme_keeps_its_first_two_commands() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    blocks = [b.split("```", 1)[0].strip() for b in readme.split("```bash\n")[1:3]]
    assert blocks[1] == (
        'python3 -m venv .venv && . .venv/bin/activate && pip install -e ".[test]" '
        "&& python -m pytest"
    )
    assert blocks[0].startswith("python3 -m venv .venv && . .venv/bin/activate && pip install -e .")
