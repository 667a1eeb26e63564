"""Claims, findings and assessments as Parquet tables, for corpora too large to read as reports.

Three tables with fixed Arrow schemas, so that files written by different processes, machines
or runs (see :mod:`evidence_claims.render.distributed`) concatenate into one dataset:

- ``claims``: one row per claim that passed the schema (its file, id, line, kind, evidence, cues,
  caveats, the stated and the suggested certainty);
- ``findings``: one row per finding, the columns of :class:`~evidence_claims.model.report.Finding`;
- ``assessments``: one row per claim assessment, its reasons a list of structs.

Rows are built from plain data (:func:`file_rows`), one claim file at a time, and written in
row groups as they come (:class:`TableWriter`), so memory stays flat however large the corpus.
pyarrow is imported only here (``pip install "evidence-claims[parquet]"``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..io.claimset import ClaimSet
from ..io.limits import Limits
from ..model.report import FINDING_COLUMNS, Finding, Report

TABLES: tuple[str, ...] = ("claims", "findings", "assessments")
ROW_GROUP = 100_000


@dataclass(slots=True)
class FileRows:
    """The rows one claim file contributes to each table, and its counts."""

    claims: list[dict[str, Any]] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)
    assessments: list[dict[str, Any]] = field(default_factory=list)
    files: int = 0

    def table(self, name: str) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = getattr(self, name)
        return rows

    def extend(self, other: FileRows) -> None:
        for name in TABLES:
            self.table(name).extend(other.table(name))
        self.files += other.files


def file_rows(path: Path, *, root: Path | None = None, limits: Limits | None = None) -> FileRows:
    """Validate one claim file (load, checks, assessment) and turn the result into rows."""
    from ..pipeline.parallel import gc_paused
    from ..pipeline.validation import validate_file

    with gc_paused():
        cs, report = validate_file(Path(path), root=root, limits=limits)
        return rows_of(cs, report)


def rows_of(cs: ClaimSet | None, report: Report) -> FileRows:
    """Rows of a validated file: its claim set (None when unreadable) and its report."""
    rows = FileRows(files=len(report.files))
    rows.findings = [f.to_dict() for f in sorted(report.findings, key=Finding.sort_key)]
    assessed = {}
    for a in report.assessments:
        assessed.setdefault(a.claim_id, a)
        rows.assessments.append(
            {
                "file": a.file,
                "document": a.document,
                "line": a.line,
                "claim_id": a.claim_id,
                "certainty": a.certainty,
                "start": a.start,
                "stated": a.stated,
                "wording": a.wording,
                "note": a.note,
                "reasons": [r.to_dict() for r in a.reasons],
                "relations": list(a.relations),
            }
        )
    if cs is None:
        return rows
    for claim in cs.claims:
        evidence = claim.evidence
        assessment = assessed.get(claim.id)
        rows.claims.append(
            {
                "file": cs.file,
                "document_id": cs.document.id,
                "claim_id": claim.id,
                "line": cs.locate(claim)[0],
                "kind": claim.kind,
                "topic": claim.topic,
                "text": claim.text,
                "start": claim.anchor.start,
                "end": claim.anchor.end,
                "source_type": evidence.type,
                "basis": evidence.basis,
                "sources": list(evidence.sources),
                "hedges": [c.cue for c in claim.hedges],
                "boosters": [c.cue for c in claim.boosters],
                "caveats": [c.code for c in claim.caveats],
                "relations": [f"{r.type}:{r.target}" for r in claim.relations],
                "certainty": claim.certainty,
                "assessed": assessment.certainty if assessment is not None else None,
                "wording": assessment.wording if assessment is not None else None,
                "review": claim.review.status if claim.review is not None else None,
            }
        )
    return rows


CERTAINTY_SCALE: tuple[str, ...] = ("ungraded", "very_low", "low", "moderate", "high")
"""Certainty levels from weakest to strongest: the dictionary of every certainty column."""


def certainty_type() -> Any:
    """Certainty columns are ordered dictionaries over :data:`CERTAINTY_SCALE`, so pandas
    reads them back as ordered categoricals (``claims[claims.assessed >= "low"]``) and every
    file of a dataset shares one dictionary, whatever levels its rows use."""
    import pyarrow as pa

    return pa.dictionary(pa.int8(), pa.string(), ordered=True)


def to_arrow(rows: list[dict[str, Any]], schema: Any) -> Any:
    """An Arrow table of ``rows`` with ``schema``; dictionary columns get the whole scale as
    their dictionary (``from_pylist`` would keep only the values present, in the order met)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    columns = []
    scale = pa.array(CERTAINTY_SCALE, pa.string())
    for schema_field in schema:
        values = [row.get(schema_field.name) for row in rows]
        if pa.types.is_dictionary(schema_field.type):
            indices = pc.index_in(pa.array(values, pa.string()), value_set=scale)
            unknown = [
                v
                for v, i in zip(values, indices.to_pylist(), strict=True)
                if v is not None and i is None
            ]
            if unknown:
                raise ValueError(f"{schema_field.name}: not a certainty level: {unknown[0]!r}")
            columns.append(
                pa.DictionaryArray.from_arrays(indices.cast(pa.int8()), scale, ordered=True)
            )
        else:
            columns.append(pa.array(values, schema_field.type))
    return pa.Table.from_arrays(columns, schema=schema)


def schemas() -> dict[str, Any]:
    """The Arrow schema of each table."""
    import pyarrow as pa

    text, lines = pa.string(), pa.list_(pa.string())
    level = certainty_type()
    reason = pa.struct([("code", text), ("effect", pa.int8()), ("note", text), ("origin", text)])
    finding_types = {"line": pa.int32(), "column": pa.int32()}
    return {
        "claims": pa.schema(
            [
                ("file", text),
                ("document_id", text),
                ("claim_id", text),
                ("line", pa.int32()),
                ("kind", text),
                ("topic", text),
                ("text", text),
                ("start", pa.int64()),
                ("end", pa.int64()),
                ("source_type", text),
                ("basis", text),
                ("sources", lines),
                ("hedges", lines),
                ("boosters", lines),
                ("caveats", lines),
                ("relations", lines),
                ("certainty", level),
                ("assessed", level),
                ("wording", text),
                ("review", text),
            ]
        ),
        "findings": pa.schema([(c, finding_types.get(c, text)) for c in FINDING_COLUMNS]),
        "assessments": pa.schema(
            [
                ("file", text),
                ("document", text),
                ("line", pa.int32()),
                ("claim_id", text),
                ("certainty", level),
                ("start", level),
                ("stated", level),
                ("wording", text),
                ("note", text),
                ("reasons", pa.list_(reason)),
                ("relations", lines),
            ]
        ),
    }


class TableWriter:
    """Writes the three tables under ``directory`` (``<table><suffix>.parquet``), in row
    groups of :data:`ROW_GROUP` rows as rows arrive; every table is written, empty or not."""

    def __init__(self, directory: Path, *, suffix: str = "", row_group: int = ROW_GROUP) -> None:
        import pyarrow.parquet as pq

        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.row_group = row_group
        self.schemas = schemas()
        self.paths = {name: self.directory / f"{name}{suffix}.parquet" for name in TABLES}
        self._pending = FileRows()
        self.counts = dict.fromkeys(TABLES, 0)
        self._writers = {
            name: pq.ParquetWriter(self.paths[name], self.schemas[name], compression="zstd")
            for name in TABLES
        }

    def add(self, rows: FileRows) -> None:
        self._pending.extend(rows)
        for name in TABLES:
            if len(self._pending.table(name)) >= self.row_group:
                self._flush(name)

    def _flush(self, name: str) -> None:
        pending = self._pending.table(name)
        if pending:
            table = to_arrow(pending, self.schemas[name])
            self._writers[name].write_table(table)
            self.counts[name] += len(pending)
            pending.clear()

    def close(self) -> dict[str, int]:
        """Write what is left and close the files; rows written per table."""
        for name in TABLES:
            self._flush(name)
            self._writers[name].close()
        return dict(self.counts)

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            self.close()
        else:
            for writer in self._writers.values():
                writer.close()


def export_parquet(
    files: Iterable[Path],
    directory: Path,
    *,
    root: Path | None = None,
    limits: Limits | None = None,
    jobs: int | None = None,
    extra: Iterable[dict[str, Any]] = (),
) -> dict[str, int]:
    """Validate claim files and write ``claims``, ``findings`` and ``assessments`` Parquet
    files into ``directory``; ``extra`` findings (e.g. of discovery) are added. Returns rows
    written per table and the number of files."""
    from functools import partial

    from ..pipeline.parallel import map_ordered, resolve_jobs

    paths = list(files)
    work = partial(file_rows, root=root, limits=limits)
    with TableWriter(directory) as writer:
        writer.add(FileRows(findings=list(extra)))
        seen = 0
        for rows in map_ordered(work, paths, resolve_jobs(jobs, paths)):
            writer.add(rows)
            seen += rows.files
    counts = writer.counts
    return {**counts, "files": seen}


def read_table(directory: Path, name: str) -> Iterator[dict[str, Any]]:
    """Rows of one exported table (a file, or every ``name*.parquet`` part of a dataset)."""
    import pyarrow.parquet as pq

    directory = Path(directory)
    parts = sorted(directory.glob(f"{name}*.parquet")) or sorted(
        (directory / name).glob("*.parquet")
    )
    for part in parts:
        yield from pq.read_table(part).to_pylist()
