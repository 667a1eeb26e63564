"""Every case of the YAML test suite, read as a claim file: a report, never an internal error.

The cases (tests/data/yaml-test-suite, MIT) hold valid YAML in every corner of the
specification and invalid YAML of every kind. Whatever a case holds, validating it must end
in a report (exit 0 or 1) whose findings are located, within 5 seconds.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

import evidence_claims as ec
from evidence_claims.io import claim_file as files

SUITE = Path(__file__).parent / "data" / "yaml-test-suite"
CASES = sorted(SUITE.glob("**/in.yaml"))


def test_the_suite_is_there() -> None:
    assert len(CASES) >= 400
    assert (SUITE / "LICENSE").is_file()


@pytest.mark.parametrize("case", CASES, ids=lambda p: str(p.parent.relative_to(SUITE)))
def test_every_case_gives_a_located_report(tmp_path: Path, case: Path) -> None:
    (tmp_path / ".evidence-claims-root").write_text("")
    path = tmp_path / "claims.yaml"
    path.write_bytes(case.read_bytes())
    started = time.process_time()
    report = ec.validate(path, root=tmp_path)
    assert time.process_time() - started < 5
    assert report.ok or report.findings
    for finding in report.findings:
        assert finding.line is not None and finding.line >= 1, finding
        assert finding.column is not None and finding.column >= 1, finding


@pytest.mark.parametrize("case", CASES, ids=lambda p: str(p.parent.relative_to(SUITE)))
def test_every_case_read_for_saving_is_none_or_a_tree(case: Path) -> None:
    """The round-trip tree of a case the reader accepts is a tree or None, never an error."""
    parsed = files.ParsedFile(path=case, file="in.yaml", format="yaml")
    files.parse_claim_bytes(parsed, case.read_bytes())
    parsed.tree  # noqa: B018 - reading it is the test


@pytest.mark.parametrize(
    "text",
    [
        "key:    # Comment\n        # lines\n  value\n",  # ruamel.yaml: "overlap in comment"
        "%YAML 1.3\n---\nkey: value\n",  # ruamel.yaml: "version minor part can only be 2 or 1"
    ],
    ids=["comment-placement", "yaml-1.3"],
)
def test_the_command_reports_unusual_yaml_without_an_internal_error(
    tmp_path: Path, text: str
) -> None:
    (tmp_path / ".evidence-claims-root").write_text("")
    (tmp_path / "claims.yaml").write_text(text, "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "evidence_claims.cli", "validate", "claims.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1, result.stderr
    assert "internal error" not in result.stderr + result.stdout
    # read as data: the schema then says what a claim file lacks, at a line of the file
    assert re.search(r"claims\.yaml:\d+:\d+: error schema\.required", result.stdout)
