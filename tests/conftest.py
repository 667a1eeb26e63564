from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from evidence_claims.cli import cli

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
MINI = DATA / "mini"
BAD = DATA / "bad"
KRATOM = ROOT / "claims" / "kratom-addiction"


def in_ci() -> bool:
    """True on the CI runner, where tests that need system packages must not skip."""
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """A private copy of the small valid claim set (with a root marker so paths stay inside)."""
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    (tmp_path / ".evidence-claims-root").write_text("")
    return target


def run_cli(*args: str, cwd: Path | None = None) -> Result:
    runner = CliRunner()
    if cwd is None:
        return runner.invoke(cli, list(args), catch_exceptions=False)
    old = Path.cwd()
    os.chdir(cwd)
    try:
        return runner.invoke(cli, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)
