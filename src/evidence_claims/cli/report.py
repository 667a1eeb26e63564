"""``evidence-claims report``: one self-contained HTML page about a claim set."""

from __future__ import annotations

from pathlib import Path

import click

from .command_io import load_or_exit, write_output
from .options import group_by_option, root_option


@click.command("report")
@click.argument("path", type=click.Path(path_type=Path))
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("report.html"),
    show_default=True,
    help="The HTML file to write (atomically).",
)
@group_by_option
@root_option
def report(path: Path, output: Path, by: str, root: Path | None) -> None:
    """Write an offline HTML report of the claim set at PATH.

    The page holds the evidence map, the evidence table, the annotated document, the
    validation findings and the references. It needs no network: styles are inline and the
    map is inline SVG, so it can be mailed or archived as one file.
    """
    from ..pipeline.validation import validate
    from ..render.report_page import report_page

    claim_set = load_or_exit(path, root=root)
    checked = validate(path, root=root)  # structural findings, evidence findings, assessments
    write_output(report_page(claim_set, checked, by=by), output, what="report")
