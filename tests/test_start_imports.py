"""What the start of a command imports: validating a small YAML claim set reads neither the
extraction rules, nor ruamel.yaml, nor the streaming reader of large JSON files, nor the
extraction's pattern store (each would add to every start; docs/performance.md#cold-start)."""

from __future__ import annotations

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
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def _modules_after_validate(path: Path, store: Path) -> set[str]:
    env = {**os.environ, "EVIDENCE_CLAIMS_PATTERN_CACHE": str(store)}
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def test_validating_a_yaml_set_imports_only_what_it_needs(tmp_path: Path) -> None:
    modules = _modules_after_validate(ROOT / "claims" / "kratom-addiction", tmp_path)
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
