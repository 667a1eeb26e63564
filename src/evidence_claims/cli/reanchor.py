"""``evidence-claims reanchor``: find claims again after their document changed."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .command_io import config_or_exit, write_error
from .options import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, config_option, format_option


@click.command()
@click.argument("claims", type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Report what would change; write nothing.")
@format_option(["text", "json"], "text", "Output format of the findings.")
@config_option
def reanchor(claims: Path, dry_run: bool, output_format: str, config_path: Path | None) -> None:
    """Re-anchor the claims of CLAIMS (a claim file or its folder) to their changed document.

    Each quote is found again (in place, exactly, between its old prefix and suffix, or as one
    clear fuzzy match); offsets, cue offsets and document.sha256 are updated in one atomic
    save. Claims that cannot be placed without doubt are reported as orphans and left as they
    were. Exit 1 when there are orphans.
    """
    from ..model.report import Report
    from ..pipeline.discovery import discover
    from ..reanchor import reanchor as run
    from ..render.formats import format_report

    config = config_or_exit(claims, config_path)  # the limits validate reads the files with
    paths, findings = discover([claims])
    report = Report(findings=list(findings))
    lines = []
    for path in paths:
        try:
            result = run(path, dry_run=dry_run, limits=config.limits)
        except OSError as exc:  # the save failed (a full disk): the file is as it was
            click.echo(f"evidence-claims: {write_error(path, exc)}", err=True)
            sys.exit(EXIT_ERROR)
        report.extend(result.findings)
        report.files.append(str(path))
        moved = sum(1 for p in result.placements if p.method != "in place")
        state = (
            "would update"
            if dry_run and result.changed
            else ("updated" if result.written else "unchanged")
        )
        lines.append(
            f"{path}: {state}; {len(result.placements)} placed ({moved} moved), "
            f"{len(result.orphans)} orphan(s)"
        )
    click.echo(format_report(report.sorted(), output_format))
    for line in lines:
        click.echo(line, err=True)
    sys.exit(EXIT_OK if report.ok else EXIT_FINDINGS)
