"""The real command on hostile files: exit 1, a located finding, no traceback, in seconds."""

from __future__ import annotations

import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import BAD, MINI

_SYNTAX_YAML = "document:\n  id: [unclosed\nclaims: []\n"
_SYNTAX_JSON = '{"document": {"id": "x",}\n'
_DUPLICATE_YAML = "document: {}\nclaims: []\nclaims: []\n"
_DUPLICATE_JSON = '{"document": {},\n "claims": [],\n "claims": []}'
_NAN_JSON = '{"document": {},\n "claims": [NaN]}'


def _run(*args: str, cwd: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    """The command's result and the CPU seconds it used (a busy machine inflates wall time)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run(
        [sys.executable, "-m", "evidence_claims.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return result, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / ".evidence-claims-root").write_text("")
    for name in ("document.txt", "references.bib"):
        (tmp_path / name).write_bytes((MINI / name).read_bytes())
    return tmp_path


@pytest.mark.parametrize(
    ("name", "content", "code", "line"),
    [
        ("bomb.claims.yaml", (BAD / "alias-bomb.claims.yaml").read_bytes(), "limits.size", 8),
        ("tag.claims.yaml", (BAD / "python-tag.claims.yaml").read_bytes(), "file.yaml-tag", 5),
        ("utf16.claims.yaml", "document: {}\n".encode("utf-16"), "file.encoding", 1),
        ("latin1.claims.yaml", "claims: []\nx: caf\xe9\n".encode("latin-1"), "file.encoding", 2),
        ("syntax.claims.yaml", _SYNTAX_YAML.encode(), "file.syntax", 3),
        ("syntax.claims.json", _SYNTAX_JSON.encode(), "file.syntax", 1),
        ("nan.claims.json", _NAN_JSON.encode(), "file.non-finite", 2),
        ("dup.claims.yaml", _DUPLICATE_YAML.encode(), "file.duplicate-key", 3),
        ("dup.claims.json", _DUPLICATE_JSON.encode(), "file.duplicate-key", 3),
        (
            "merge.claims.yaml",
            (BAD / "merge-key.claims.yaml").read_bytes(),
            "file.yaml-merge-key",
            7,
        ),
        ("deep.claims.json", b"[" * 200_000 + b"]" * 200_000, "limits.depth", 1),
    ],
    ids=lambda v: v if isinstance(v, str) and "." in v and len(v) < 40 else "",
)
def test_hostile_file_gives_exit_1_and_a_located_finding(
    repo: Path, name: str, content: bytes, code: str, line: int
) -> None:
    (repo / name).write_bytes(content)
    result, seconds = _run("validate", name, cwd=repo)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output and "internal error" not in output
    assert re.search(
        rf"^\s*{re.escape(name)}:{line}:\d+: error {re.escape(code)} ", output, re.M
    ), output
    assert seconds < 5


def test_configured_limits_apply_on_the_command_line(repo: Path) -> None:
    (repo / "claims.yaml").write_bytes((MINI / "claims.yaml").read_bytes())
    assert _run("validate", "claims.yaml", cwd=repo)[0].returncode == 0
    (repo / "pyproject.toml").write_text("[tool.evidence-claims.limits]\nmax-claims = 2\n", "utf-8")
    result, _seconds = _run("validate", "claims.yaml", cwd=repo)
    assert result.returncode == 1
    assert re.search(r"claims\.yaml:10:\d+: error limits\.claims ", result.stdout), result.stdout


def test_a_hostile_configuration_is_a_finding_too(repo: Path) -> None:
    (repo / "claims.yaml").write_bytes((MINI / "claims.yaml").read_bytes())
    (repo / "pyproject.toml").write_text("x = " + "[" * 50_000 + "]" * 50_000, "utf-8")
    result, seconds = _run("validate", "claims.yaml", cwd=repo)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "config.invalid" in result.stdout and seconds < 5
