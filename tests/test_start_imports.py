"""What the start of a command costs: validating a small YAML claim set reads neither the
extraction rules, nor ruamel.yaml, nor the streaming reader of large JSON files, nor the
extraction's pattern store (each would add to every start), and the command's own process
freezes what its imports made, where a program calling the command in process keeps its
garbage collector as it was (docs/performance.md#cold-start)."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_PROBE = """
import json, sys
from evidence_claims.cli.app import main
sys.argv = ["evidence-claims", "validate", "--jobs", "1", "--format", "json", sys.argv[1]]
try:
    main()
except SystemExit:
    pass
import gc
print(json.dumps([gc.get_freeze_count(), sorted(sys.modules)]), file=sys.stderr)
"""


def _after_validate(path: Path, store: Path) -> tuple[int, set[str]]:
    """(objects frozen, modules imported) at the end of ``evidence-claims validate PATH`` run
    by the command's entry point in a fresh process."""
    env = {**os.environ, "EVIDENCE_CLAIMS_PATTERN_CACHE": str(store)}
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    frozen, modules = json.loads(done.stderr.strip().splitlines()[-1])
    return frozen, set(modules)


def test_validating_a_yaml_set_imports_only_what_it_needs(tmp_path: Path) -> None:
    frozen, modules = _after_validate(ROOT / "claims" / "kratom-addiction", tmp_path)
    assert "evidence_claims.assessment.engine" in modules  # it did grade
    unwanted = {
        "evidence_claims.extraction",
        "evidence_claims.pipeline.stream",
        "evidence_claims.io.json_stream",
        "evidence_claims.io.storage",
        "ruamel",
        "bibtexparser",
    }
    assert unwanted.isdisjoint(modules)
    # the run compiled the assessment's patterns into their own store, not the extraction's
    assert [f.name.split("-cpython")[0] for f in tmp_path.iterdir()] == ["assessment-patterns"]
    assert frozen > 10_000  # the objects the imports made: left alone by the collector


def test_a_command_run_in_process_keeps_the_callers_collector(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from evidence_claims.cli.app import cli

    before, enabled = gc.get_freeze_count(), gc.isenabled()
    result = CliRunner().invoke(cli, ["validate", str(ROOT / "claims" / "kratom-addiction")])
    assert result.exit_code == 0, result.output
    assert gc.get_freeze_count() == before and gc.isenabled() == enabled
