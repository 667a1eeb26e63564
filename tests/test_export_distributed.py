"""Parquet export and the Dask recipe: the same rows as the report, however the work is split."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest

from evidence_claims.model.report import Finding
from evidence_claims.pipeline.validation import validate
from evidence_claims.testing.synthetic import CorpusShape, write_corpus

from .conftest import in_ci, run_cli


def _need(module: str) -> Any:
    """Import a test dependency; on CI a missing one fails instead of skipping."""
    if in_ci():
        return importlib.import_module(module)
    return pytest.importorskip(module)


pq = _need("pyarrow.parquet")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    list(write_corpus(root, CorpusShape(claims=140, per_file=20), error_rate=0.05))
    return root


def _rows(folder: Path, table: str) -> list[dict[str, Any]]:
    parts = sorted(folder.glob(f"{table}*.parquet")) or sorted((folder / table).glob("*.parquet"))
    assert parts, f"no {table} table in {folder}"
    return [row for part in parts for row in pq.read_table(part).to_pylist()]


def _finding_key(row: dict[str, Any]) -> tuple[Any, ...]:
    return Finding(**row).sort_key()


def _expected(corpus: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]], int]:
    report = validate(corpus, jobs=1)
    findings = [f.to_dict() for f in report.findings]
    assessments = sorted((a.to_dict() for a in report.assessments), key=lambda a: a["claim_id"])
    return findings, assessments, report.claims


def _check_tables(out: Path, corpus: Path) -> None:
    findings, assessments, claims = _expected(corpus)
    assert sorted(_rows(out, "findings"), key=_finding_key) == findings
    exported = sorted(_rows(out, "assessments"), key=lambda a: a["claim_id"])
    assert exported == assessments
    claim_rows = _rows(out, "claims")
    assert len(claim_rows) == claims
    by_id = {a["claim_id"]: a for a in assessments}
    for row in claim_rows:
        assert row["assessed"] == by_id[row["claim_id"]]["certainty"]
        assert row["line"] == by_id[row["claim_id"]]["line"]


def test_export_command_writes_the_report_as_tables(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "tables"
    result = run_cli("export", str(corpus), "-o", str(out), "--jobs", "2")
    # the corpus holds errors: every one is printed, located, and the export exits 1
    assert result.exit_code == 1, result.output
    assert "140 claim(s)" in result.output
    assert "error anchor.text-mismatch" in result.output
    _check_tables(out, corpus)
    schema = pq.read_schema(out / "claims.parquet")
    assert str(schema.field("sources").type.value_type) == "string"


def test_dask_recipe_on_a_local_cluster(corpus: Path, tmp_path: Path) -> None:
    _need("dask.bag")
    distributed = _need("distributed")
    from evidence_claims.render.distributed import validate_to_parquet

    out = tmp_path / "dataset"
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster),
    ):
        summary = validate_to_parquet(corpus, out, partition_size=2)
    report = validate(corpus, jobs=1)
    assert summary["partitions"] == 4  # 7 files, 2 per partition
    assert summary["files"] == len(report.files) == 7
    assert summary["claims"] == report.claims
    assert {k: summary[k] for k in ("error", "warning", "info")} == report.counts()
    assert sorted(p.name for p in (out / "findings").glob("*.parquet")) == [
        f"part-{i:05d}.parquet" for i in range(4)
    ]
    _check_tables(out, corpus)


def test_dask_recipe_reports_discovery_problems(tmp_path: Path) -> None:
    _need("dask.bag")
    from evidence_claims.render.distributed import partitions, validate_to_parquet

    summary = validate_to_parquet(tmp_path / "missing", tmp_path / "out", scheduler="sync")
    assert summary["files"] == 0 and summary["error"] == 1
    assert _rows(tmp_path / "out", "findings")[0]["code"] == "file.not-found"
    assert partitions([Path("a"), Path("b"), Path("c")], 2) == [(0, ["a", "b"]), (1, ["c"])]
    with pytest.raises(ValueError):
        partitions([], 0)
