"""``evidence-claims table``: a claim set's evidence table as Markdown, HTML or CSV."""

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
    format_option,
    group_by_option,
    output_option,
    root_option,
    write_through_option,
)


@click.command("table")
@click.argument("path", type=click.Path(path_type=Path))
@format_option(
    ["md", "html", "csv"],
    "md",
    "md: Markdown for a README or pull request; html: a standalone page; csv: one row per claim.",
)
@group_by_option
@click.option(
    "--stated",
    is_flag=True,
    help="Show the certainty the claim file states instead of assessing the claims.",
)
@output_option("Write to this file (atomically) instead of printing.")
@config_option
@click.option(
    "--keep-formulas",
    is_flag=True,
    help="csv: leave cells that begin with = + - @ TAB or CR as they are. By default such a "
    "cell gets a leading ' so that a spreadsheet shows it as text instead of running it as a "
    "formula (OWASP CSV injection guidance): the text comes from the claim file.",
)
@write_through_option
@root_option
def table(
    path: Path,
    output_format: str,
    by: str,
    stated: bool,
    output: Path | None,
    config_path: Path | None,
    root: Path | None,
    keep_formulas: bool,
    write_through: bool,
) -> None:
    """Print the evidence table of the claim set at PATH (a claim file or its folder).

    One row per claim: statement, source type, cited sources, certainty (⊕⊕◯◯ Low), caveats
    and the wording check, grouped by topic or source type.
    """
    from ..render.tables import table as build

    if output is not None:
        check_output(output, write_through=write_through)
    config = config_or_exit(path, config_path)
    from ..render.table_stream import stream_table

    # a large JSON claim file: validated a chunk at a time, the table written a group at a time
    with StreamedOutput(output, write_through=write_through) as out:
        streamed = stream_table(
            path,
            out.write,
            output_format=output_format,
            by=by,
            assess=not stated,
            keep_formulas=keep_formulas,
            root=root,
            limits=config.limits,
        )
    if streamed:
        if output is not None:
            click.echo(f"wrote {output_format} table to {output}", err=True)
        return
    claim_set = load_or_exit(path, root=root, limits=config.limits)
    evidence = build(claim_set, by=by, assess=not stated)
    write_output(
        evidence.render(output_format, keep_formulas=keep_formulas),
        output,
        what=f"{output_format} table",
        write_through=write_through,
    )
