"""Validating corpora larger than one machine with Dask: a bag of claim files, one Parquet part
per partition.

The recipe (the function :func:`validate_to_parquet` is all of it)::

    from dask.distributed import Client
    from evidence_claims.render.distributed import validate_to_parquet

    client = Client("tcp://scheduler:8786")          # or a LocalCluster() for one machine
    summary = validate_to_parquet("/shared/claims", "/shared/out", partition_size=200)

1. the claim files are found on the client (:func:`evidence_claims.pipeline.discovery.discover`) and
   split into partitions of ``partition_size`` files, in a stable order;
2. ``dask.bag.from_sequence`` makes one task per partition; each task validates its files
   exactly as ``evidence-claims validate`` does (load, checks, assessment) and writes
   ``claims/part-NNNNN.parquet``, ``findings/part-NNNNN.parquet`` and
   ``assessments/part-NNNNN.parquet`` under the output folder, with the fixed schemas of
   :mod:`evidence_claims.render.export`;
3. the tasks return small summaries (files, claims, findings per severity), which the client
   adds up.

Only paths travel to the workers and only summaries come back, so the scheduler never holds
the corpus; the workers read the claim files and write the tables themselves, which is why
the input and output folders must be on storage every worker sees under the same path (NFS,
a shared volume, or an fsspec URL mounted alike). The result is a Parquet dataset that pandas,
pyarrow, DuckDB, Spark or ``dask.dataframe.read_parquet`` read as one table. Rerunning
overwrites the parts. Needs ``pip install "evidence-claims[dask]"``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..io.limits import Limits
from .export import FileRows, file_rows

DEFAULT_PARTITION_SIZE = 100


def partitions(files: Sequence[Path], size: int) -> list[tuple[int, list[str]]]:
    """Consecutive groups of ``size`` files, numbered: the unit of work of one task."""
    if size < 1:
        raise ValueError(f"partition size must be at least 1, not {size}")
    return [
        (number, [str(p) for p in files[start : start + size]])
        for number, start in enumerate(range(0, len(files), size))
    ]


def validate_partition(
    part: tuple[int, list[str]],
    out_dir: str,
    *,
    root: str | None = None,
    limits: Limits | None = None,
) -> dict[str, Any]:
    """Validate one partition's files and write its three Parquet parts; its summary."""
    number, paths = part
    out = Path(out_dir)
    rows = FileRows()
    for path in paths:
        rows.extend(file_rows(Path(path), root=Path(root) if root else None, limits=limits))
    summary: dict[str, Any] = {
        "partitions": 1,
        "files": rows.files,
        "claims": len(rows.claims),
        "assessments": len(rows.assessments),
        "findings": len(rows.findings),
        "error": 0,
        "warning": 0,
        "info": 0,
    }
    for finding in rows.findings:
        summary[finding["severity"]] = summary.get(finding["severity"], 0) + 1
    _PartWriter(out, number).write(rows)
    return summary


class _PartWriter:
    """Writes one partition's rows as ``<table>/part-NNNNN.parquet`` for each table."""

    def __init__(self, out: Path, number: int) -> None:
        self.out = out
        self.number = number

    def write(self, rows: FileRows) -> None:
        import pyarrow.parquet as pq

        from .export import schemas, to_arrow

        for name, schema in schemas().items():
            folder = self.out / name
            folder.mkdir(parents=True, exist_ok=True)
            table = to_arrow(rows.table(name), schema)
            final = folder / f"part-{self.number:05d}.parquet"
            temporary = folder / f".part-{self.number:05d}.parquet.tmp"
            pq.write_table(table, temporary, compression="zstd")
            temporary.replace(final)  # a retried task never leaves half a part behind


def _add(total: dict[str, Any], part: dict[str, Any]) -> dict[str, Any]:
    for key, value in part.items():
        total[key] = total.get(key, 0) + value
    return total


def validate_to_parquet(
    paths: str | Path | Iterable[str | Path],
    out_dir: str | Path,
    *,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    root: str | Path | None = None,
    limits: Limits | None = None,
    scheduler: Any = None,
) -> dict[str, Any]:
    """Validate every claim file below ``paths`` on the current Dask scheduler (a
    ``distributed.Client`` if one is active, else ``scheduler``) and write the claims,
    findings and assessments tables as Parquet datasets under ``out_dir``.

    Returns the summary: partitions, files, claims, assessments, findings, and findings per
    severity (``error``, ``warning``, ``info``), discovery findings included.
    """
    import dask.bag as db

    from ..pipeline.discovery import discover

    targets = [paths] if isinstance(paths, str | Path) else list(paths)
    files, found = discover(targets)
    out = Path(out_dir)
    parts = partitions(files, partition_size)
    bag = db.from_sequence(parts, npartitions=max(1, len(parts)))
    summaries = bag.map(
        validate_partition,
        str(out),
        root=str(root) if root is not None else None,
        limits=limits,
    )
    total: dict[str, Any] = {
        "partitions": 0,
        "files": 0,
        "claims": 0,
        "assessments": 0,
        "findings": 0,
        "error": 0,
        "warning": 0,
        "info": 0,
    }
    for summary in summaries.compute(scheduler=scheduler) if parts else []:
        _add(total, summary)
    if found:  # findings of discovery itself (a path that does not exist, an empty folder)
        import pyarrow.parquet as pq

        from .export import schemas, to_arrow

        (out / "findings").mkdir(parents=True, exist_ok=True)
        rows = [f.to_dict() for f in found]
        pq.write_table(
            to_arrow(rows, schemas()["findings"]),
            out / "findings" / "discovery.parquet",
        )
        total["findings"] += len(rows)
        for f in found:
            total[f.severity] += 1
    return total
