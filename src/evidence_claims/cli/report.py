"""``evidence-claims report``: one self-contained HTML page about a claim set."""

from __future__ import annotations

from pathlib import Path

import click

from .command_io import (
    StreamedOutput,
    check_output,
    config_or_exit,
    load_or_exit,
    write_output,
)
from .options import (
    config_option,
    group_by_option,
    output_option,
    root_option,
    write_through_option,
)


@click.command("report")
@click.argument("path", type=click.Path(path_type=Path))
@output_option("The HTML file to write (atomically).", default=Path("report.html"))
@group_by_option
@config_option
@root_option
@write_through_option
def report(
    path: Path,
    output: Path,
    by: str,
    config_path: Path | None,
    root: Path | None,
    write_through: bool,
) -> None:
    """Write an offline HTML report of the claim set at PATH.

    The page holds the evidence map, the evidence table, the annotated document, the
    validation findings and the references. It needs no network: styles are inline and the
    map is inline SVG, so it can be mailed or archived as one file.
    """
    from ..pipeline.validation import check_loaded
    from ..render.report_page import report_page
    from ..render.report_stream import stream_report_page

    check_output(output, write_through=write_through)
    config = config_or_exit(path, config_path)
    # a large JSON claim file: validated a chunk at a time, the page written a part at a time
    # to a temporary file that replaces ``output`` at the end
    with StreamedOutput(output, write_through=write_through) as out:
        streamed = stream_report_page(
            path, out.write, by=by, apply=config.apply, root=root, limits=config.limits
        )
    if streamed:
        click.echo(f"wrote report to {output}", err=True)
        return
    claim_set = load_or_exit(path, root=root, limits=config.limits)
    # the set as loaded, checked and assessed: each file is read once
    checked = config.apply(check_loaded(claim_set).sorted())
    page = report_page(claim_set, checked, by=by)
    write_output(page, output, what="report", write_through=write_through)
