"""What the ``table`` and ``report`` commands share: loading a set for output, and writing it.

A command that renders a claim set cannot render a set that does not load; it prints the
located findings that say why (as ``validate`` would) and exits 1, never with a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..io.claimset import ClaimSet
from .options import EXIT_ERROR, EXIT_FINDINGS


def load_or_exit(path: Path, *, root: Path | None = None) -> ClaimSet:
    """The claim set at ``path``; on failure its findings go to stderr and the command exits 1."""
    from ..model.errors import ClaimFileError
    from ..pipeline.validation import load
    from ..render.formats import format_report

    try:
        return load(path, root=root)
    except ClaimFileError as exc:
        click.echo(format_report(exc.report, "text") if exc.report.findings else str(exc), err=True)
        sys.exit(EXIT_FINDINGS)


def write_output(text: str, output: Path | None, *, what: str) -> None:
    """Print ``text``, or save it atomically to ``output`` and say where."""
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
        return
    from ..io.storage import atomic_write

    try:
        # surrogateescape: a file name that is not UTF-8 is written back as its own bytes
        atomic_write(output, text.encode("utf-8", "surrogateescape"))
    except OSError as exc:
        click.echo(f"{output}: cannot write: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(f"wrote {what} to {output}", err=True)
