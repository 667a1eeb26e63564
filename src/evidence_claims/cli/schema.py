"""``evidence-claims schema``: print, write or check the claim-file JSON Schema."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .options import EXIT_FINDINGS


@click.command()
@click.option("--check", is_flag=True, help="Exit 1 if the committed schema file is stale.")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the schema to this file instead of printing it.",
)
@click.option(
    "--path",
    "schema_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("schemas/claim-file.schema.json"),
    show_default=True,
    help="The committed schema file that --check compares with.",
)
def schema(check: bool, output: Path | None, schema_path: Path) -> None:
    """Print the claim-file JSON Schema generated from the models."""
    from ..io.storage import atomic_write
    from ..model.schema import schema_text

    text = schema_text()
    if check:
        try:
            committed = schema_path.read_text(encoding="utf-8")
        except OSError as exc:
            click.echo(f"{schema_path}: cannot read: {exc.strerror}", err=True)
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
        atomic_write(output, text.encode("utf-8"))
        click.echo(f"wrote {output}")
    else:
        click.echo(text, nl=False)
