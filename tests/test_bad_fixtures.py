"""Every rule of the structural catalogue has a broken claim file that triggers it, at a line."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from evidence_claims import validate
from evidence_claims.rules import all_rules

from .conftest import BAD, run_cli

EXPECTED: dict[str, dict] = YAML(typ="safe", pure=True).load(
    (BAD / "expected.yaml").read_text("utf-8")
)


def test_there_are_at_least_25_broken_fixtures() -> None:
    assert len(EXPECTED) >= 25
    for name in EXPECTED:
        assert (BAD / name).is_file(), name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_gives_its_located_finding(name: str) -> None:
    expected = EXPECTED[name]
    report = validate(BAD / name)
    hits = [f for f in report.findings if f.code == expected["code"]]
    assert hits, f"{name}: no {expected['code']} in {[f.code for f in report.findings]}"
    want_file = expected.get("file", name)
    located = [
        f
        for f in hits
        if (f.file or "").replace("\\", "/").endswith(want_file)
        and f.line == expected.get("line", f.line)
        and f.column == expected.get("column", f.column)
    ]
    assert located, [(f.file, f.line, f.column) for f in hits]
    assert all(f.message and f.severity in ("error", "warning", "info") for f in report.findings)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_cli_reports_fixture_without_traceback(name: str) -> None:
    result = run_cli("validate", str(BAD / name))
    assert "Traceback" not in result.output
    expected_code = EXPECTED[name]["code"]
    assert expected_code in result.output
    has_error = any(f.severity == "error" for f in validate(BAD / name).findings)
    assert result.exit_code == (1 if has_error else 0)


def test_every_structural_rule_has_a_fixture() -> None:
    structural = {r.code for r in all_rules() if r.category != "evidence"}
    covered = {e["code"] for e in EXPECTED.values()}
    # Rules exercised by unit tests instead of fixture files, because a fixture cannot hold
    # them portably (an unreadable file, a folder without claim files).
    by_unit_test = {
        "file.unreadable",
        "file.no-claim-files",
        "bib.duplicate-field",
        "schema.invalid",
        # limits that need a configured bound or a file of a megabyte and more, a symbolic
        # link, and the configuration's own rule: see tests/test_hostile_input.py
        "limits.claims",
        "limits.string-length",
        "file.outside-root",
        "config.invalid",
        # findings of `evidence-claims reanchor`, which needs a document that changed:
        # see tests/test_extraction_reanchor.py
        "reanchor.orphan",
        "reanchor.moved",
        "reanchor.quote-changed",
        "reanchor.cue-lost",
        "reanchor.conflict",
        "reanchor.not-editable",
        # findings of `evidence-claims extract` about the text it drafts:
        # see tests/test_extraction_real_text.py
        "extract.unresolved-citation",
        "extract.language",
    }
    assert structural - covered - by_unit_test == set()


def test_validating_the_whole_bad_folder_reports_every_fixture(tmp_path: Path) -> None:
    report = validate(BAD)
    files = {Path(f).name for f in report.files}
    assert files >= {n for n in EXPECTED if n.endswith((".yaml", ".json"))}
