"""``evidence-claims export``: claim sets as Parquet tables or in other tools' formats.

``parquet`` writes claims, findings and assessments as tables (pyarrow imported only then);
``web-annotation`` (W3C JSON-LD), ``label-studio`` (tasks and a labelling config) and
``nanopub`` (TriG, rdflib imported only then) write one file per claim set, named by its
document id. Every format validates first: a file with errors is reported with its located
findings and the command exits 1, so no invalid claim is ever left out without a word.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from .command_io import check_output, save_output
from .options import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    config_option,
    format_option,
    jobs_option,
    output_option,
    root_option,
    write_through_option,
)

FORMATS = ("parquet", "web-annotation", "label-studio", "nanopub")
SUFFIXES = {"web-annotation": ".jsonld", "label-studio": ".label-studio.json", "nanopub": ".trig"}
LABEL_STUDIO_CONFIG = "label-studio.xml"


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@format_option(
    FORMATS,
    "parquet",
    "parquet: claims, findings and assessments tables; web-annotation: W3C Web "
    "Annotation JSON-LD (code points); label-studio: tasks with the claims as predictions "
    "and a labelling config (UTF-16 offsets); nanopub: nanopublications as TriG.",
)
@output_option(
    "Folder to write into.",
    default=Path("evidence-claims-export"),
    file_okay=False,
    dir_okay=True,
)
@click.option(
    "--base-uri",
    default=None,
    help="Where annotation and nanopublication URIs start (web-annotation default: "
    "urn:evidence-claims:<document-id>:; nanopub default: "
    "http://purl.org/nanopub/temp/evidence-claims/<document-id>/).",
)
@config_option
@root_option
@jobs_option
@write_through_option
def export(
    paths: tuple[Path, ...],
    output_format: str,
    output: Path,
    base_uri: str | None,
    config_path: Path | None,
    root: Path | None,
    jobs: int,
    write_through: bool,
) -> None:
    """Validate claim files and write them as tables or in another tool's format.

    Exit 0 when every file was exported, 1 when some had errors (their findings are
    printed; Parquet still holds every finding), 2 on a usage or internal error.
    """
    needs = {"parquet": ("pyarrow", "parquet"), "nanopub": ("rdflib", "interchange")}
    if output_format in needs:
        module, extra = needs[output_format]
        try:
            __import__(module)
        except ImportError:
            click.echo(
                f"evidence-claims export: needs {module}; pip install 'evidence-claims[{extra}]'",
                err=True,
            )
            sys.exit(EXIT_ERROR)
    from ..pipeline.config import load_config
    from ..pipeline.discovery import discover
    from ..render.export import TABLES

    if output.is_symlink() and not write_through:
        click.echo(
            f"evidence-claims: {output}: is a symbolic link; refusing to write through it. "
            "Name another folder, or pass --write-through",
            err=True,
        )
        sys.exit(EXIT_ERROR)
    if output_format == "parquet":
        for table in TABLES:  # the files inside, as every -o target
            check_output(output / f"{table}.parquet", write_through=write_through)
    from .command_io import config_file

    targets = paths or (Path("."),)
    if config_path is not None and not config_path.is_file():
        click.echo(f"evidence-claims: --config {config_path}: no such file", err=True)
        sys.exit(EXIT_ERROR)
    config, config_findings = load_config(config_file(targets, config_path))
    files, found = discover(targets, root=root)
    if output_format == "parquet":
        _parquet(files, [*found, *config_findings], output, root, config.limits, jobs)
    else:
        _interchange(
            files, found, output_format, output, base_uri, root, config.limits, write_through
        )


def _echo_errors(findings: list[Any]) -> int:
    """Print the error findings, located as ``validate`` shows them; their number."""
    from ..model.report import Finding
    from ..render.escape import line_start, one_line

    errors = sorted((f for f in findings if f.severity == "error"), key=Finding.sort_key)
    for f in errors:
        claim = f" [{f.claim_id}]" if f.claim_id else ""
        where, message = line_start(f.location), one_line(f.message)
        click.echo(f"{where}: {f.severity} {f.code}{claim} {message}", err=True)
    return len(errors)


def _parquet(
    files: list[Path], extra: list[Any], output: Path, root: Path | None, limits: Any, jobs: int
) -> None:
    from ..model.report import Finding
    from ..render.export import export_parquet, read_table

    counts = export_parquet(
        files, output, root=root, limits=limits, jobs=jobs, extra=[f.to_dict() for f in extra]
    )
    click.echo(
        f"wrote {counts['claims']} claim(s), {counts['findings']} finding(s) and "
        f"{counts['assessments']} assessment(s) of {counts['files']} file(s) to {output}/"
        " (parquet)"
    )
    errors = [
        Finding(**row) for row in read_table(output, "findings") if row["severity"] == "error"
    ]
    if _echo_errors(errors):
        click.echo(
            f"FAILED: {len(errors)} error(s) (every finding is in findings.parquet; a claim "
            "that did not pass the schema is left out of claims.parquet)",
            err=True,
        )
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_OK)


def _interchange(
    files: list[Path],
    found: list[Any],
    output_format: str,
    output: Path,
    base_uri: str | None,
    root: Path | None,
    limits: Any,
    write_through: bool = False,
) -> None:
    from ..pipeline.validation import validate_file

    failed = _echo_errors(found)
    written: dict[Path, Path] = {}
    for path in files:
        claim_set, report = validate_file(path, root=root, limits=limits)
        if claim_set is None or report.errors:
            failed += _echo_errors(report.findings) or 1
            continue
        target = output / f"{claim_set.document.id}{SUFFIXES[output_format]}"
        if target in written:
            click.echo(
                f"{path}: document id {claim_set.document.id!r} is also the document of "
                f"{written[target]}; not exported",
                err=True,
            )
            failed += 1
            continue
        try:
            data = _render(claim_set, output_format, base_uri)
        except ValueError as exc:  # e.g. a nanopublication that is not well-formed
            click.echo(f"{path}: {exc}", err=True)
            failed += 1
            continue
        output.mkdir(parents=True, exist_ok=True)
        save_output(target, data, write_through=write_through)
        written[target] = path
    if output_format == "label-studio" and written:
        from ..render.interchange.label_studio import label_studio_config

        config = label_studio_config().encode("utf-8")
        save_output(output / LABEL_STUDIO_CONFIG, config, write_through=write_through)
    click.echo(f"wrote {len(written)} file(s) to {output}/ ({output_format})")
    if failed:
        click.echo(f"FAILED: {failed} file(s) or error(s) not exported", err=True)
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_OK)


def _render(claim_set: Any, output_format: str, base_uri: str | None) -> bytes:
    import json

    if output_format == "web-annotation":
        from ..render.interchange.web_annotation import web_annotation_collection

        data = web_annotation_collection(claim_set, base=base_uri)
        return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if output_format == "label-studio":
        from .._version import __version__
        from ..render.interchange.label_studio import label_studio_tasks

        tasks = label_studio_tasks(claim_set, model_version=f"evidence-claims {__version__}")
        return (json.dumps(tasks, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    from ..io.nanopub import check_dataset
    from ..render.interchange.nanopub import nanopub_dataset, nanopub_trig

    nanopubs = nanopub_dataset(claim_set, base=base_uri)
    checked = check_dataset(nanopubs.dataset)
    problems = [f"{uri or 'file'}: {p}" for uri, ps in checked.items() for p in ps]
    if problems:
        raise ValueError("not well-formed nanopublications: " + "; ".join(problems[:5]))
    return nanopub_trig(nanopubs).encode("utf-8")
