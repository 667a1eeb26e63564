"""``evidence-claims schema``: print, write or check the claim-file JSON Schema."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .command_io import save_output
from .options import EXIT_FINDINGS, output_option, write_through_option


@click.command()
@click.option("--check", is_flag=True, help="Exit 1 if the committed schema file is stale.")
@output_option("Write the schema to this file instead of printing it.")
@click.option(
    "--path",
    "schema_path",
    type=click.Path(path_type=Path),
    default=Path("schemas/claim-file.schema.json"),
    show_default=True,
    help="The committed schema file that --check compares with.",
)
@write_through_option
def schema(check: bool, output: Path | None, schema_path: Path, write_through: bool) -> None:
    """Print the claim-file JSON Schema generated from the models."""
    from ..io.reading import read_text
    from ..model.schema import schema_text

    text = schema_text()
    if check:
        # read as every input is: a regular file only (a named pipe would block, /dev/zero
        # fill memory), within the default size limit, UTF-8 or a finding
        committed, _raw, problems = read_text(
            schema_path, file=str(schema_path), what="schema file", max_bytes=len(text) * 4 + 1
        )
        if committed is None:
            for problem in problems:
                click.echo(f"{problem.location}: {problem.code} {problem.message}", err=True)
            sys.exit(EXIT_FINDINGS)
        if committed != text:
            click.echo(
                f"{schema_path}: stale; regenerate it with "
                f"`evidence-claims schema -o {schema_path}`",
                err=True,
            )
            sys.exit(EXIT_FINDINGS)
        click.echo(f"{schema_path}: up to date")
        return
    if output is not None:
        save_output(output, text.encode("utf-8"), write_through=write_through)
        click.echo(f"wrote {output}")
    else:
        click.echo(text, nl=False)
