from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from evidence_claims.cli import cli

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
MINI = DATA / "mini"
BAD = DATA / "bad"
KRATOM = ROOT / "claims" / "kratom-addiction"


# The store of compiled patterns (io/pattern_store.py) in a folder of the test run, not
# the user's cache folder: set when this file is imported, before any test module builds rules
# at collection, and inherited by the commands tests run in fresh processes.
_PATTERN_STORE = tempfile.TemporaryDirectory(prefix="evidence-claims-patterns-")
os.environ["EVIDENCE_CLAIMS_PATTERN_CACHE"] = _PATTERN_STORE.name


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


def bundled_set_as_json(folder: Path) -> Path:
    """A copy of the bundled set in ``folder`` whose claim file is written as JSON (not ASCII:
    quotes and dashes stay as they are), for the tests of the paths that stream big JSON files."""
    import json

    from evidence_claims.io.claim_file import parse_claim_file

    shutil.copytree(ROOT / "claims" / "kratom-addiction", folder)
    data = parse_claim_file(folder / "claims.yaml").data
    (folder / "claims.yaml").unlink()
    path = folder / "claims.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def unloadable_copy(bundled_json: Path, folder: Path) -> Path:
    """A copy of a JSON set (from :func:`bundled_set_as_json`) in ``folder`` whose fourth claim
    has a kind the schema refuses, so the set does not load: the streamed paths must leave it
    to the whole reading."""
    import json

    data = json.loads(bundled_json.read_text(encoding="utf-8"))
    data["claims"][3]["kind"] = "claimm"
    shutil.copytree(bundled_json.parent, folder)
    path = folder / "claims.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return path


@pytest.fixture
def forking(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers of a streamed file forked even when an earlier test left a thread in this
    process (the library then reads the chunks in one process: forking with threads is not
    safe in general, but the threads a test run leaves are idle)."""
    import multiprocessing

    import evidence_claims.pipeline.stream as stream_module
    from evidence_claims.pipeline import parallel

    monkeypatch.setattr(stream_module, "forks", lambda: True)
    monkeypatch.setattr(parallel, "_context", lambda: multiprocessing.get_context("fork"))


def changed_copy(source: Path, folder: Path, change: Any, indent: int | None = 1) -> Path:
    """A copy of ``source``'s set in ``folder`` with its claim data changed by
    ``change(data)``, written back as JSON: the path of the changed claims.json."""
    shutil.copytree(source.parent, folder)
    data = json.loads(source.read_text(encoding="utf-8"))
    change(data)
    path = folder / "claims.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=indent), encoding="utf-8")
    return path
