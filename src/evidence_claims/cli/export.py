"""``evidence-claims export``: claims, findings and assessments as Parquet tables.

Kept in its own module (a lazy subcommand) so that pyarrow is imported only when exporting.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .options import EXIT_ERROR, EXIT_OK, jobs_option, root_option


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "-f",
    "output_format",
    type=click.Choice(["parquet"]),
    default="parquet",
    show_default=True,
    help="Table format.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("evidence-claims-export"),
    show_default=True,
    help="Folder to write claims.parquet, findings.parquet and assessments.parquet into.",
)
@root_option
@jobs_option
def export(
    paths: tuple[Path, ...], output_format: str, output: Path, root: Path | None, jobs: int
) -> None:
    """Validate claim files and write their claims, findings and assessments as tables.

    One row per claim, per finding and per claim assessment, with fixed column types, ready
    for pandas, DuckDB, Spark or Dask.
    """
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        click.echo(
            "evidence-claims export: needs pyarrow; pip install 'evidence-claims[parquet]'",
            err=True,
        )
        sys.exit(EXIT_ERROR)
    from ..pipeline.config import load_config
    from ..pipeline.discovery import discover
    from ..render.export import export_parquet
    from .validate import config_file

    targets = paths or (Path("."),)
    config, config_findings = load_config(config_file(targets, None))
    files, found = discover(targets)
    extra = [f.to_dict() for f in [*found, *config_findings]]
    counts = export_parquet(files, output, root=root, limits=config.limits, jobs=jobs, extra=extra)
    click.echo(
        f"wrote {counts['claims']} claim(s), {counts['findings']} finding(s) and "
        f"{counts['assessments']} assessment(s) of {counts['files']} file(s) to {output}/"
        f" ({output_format})"
    )
    sys.exit(EXIT_OK)
