"""What the ``table`` and ``report`` commands share: configuration, loading a set for output,
and writing it.

A command that renders a claim set cannot render a set that does not load; it prints the
located findings that say why (as ``validate`` would) and exits 1, never with a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .options import EXIT_ERROR, EXIT_FINDINGS

if TYPE_CHECKING:  # imported when used: ``--help`` must not load the models (0.15 s)
    from ..io.claimset import ClaimSet
    from ..io.limits import Limits
    from ..pipeline.config import Config


def config_or_exit(path: Path, config_path: Path | None) -> Config:
    """The configuration ``validate`` would read for ``path`` (``--config``, else the nearest
    pyproject.toml), so that every command applies the same limits and rule settings; a
    problem in it is printed as ``validate`` prints it, and the defaults apply."""
    from ..pipeline.config import load_config
    from ..render.formats import format_report
    from .validate import config_file

    if config_path is not None and not config_path.is_file():
        click.echo(f"evidence-claims: --config {config_path}: no such file", err=True)
        sys.exit(EXIT_ERROR)
    config, findings = load_config(config_file((path,), config_path))
    if findings:
        from ..model.report import Report

        click.echo(format_report(Report(findings=findings), "text"), err=True)
    return config


def load_or_exit(path: Path, *, root: Path | None = None, limits: Limits | None = None) -> ClaimSet:
    """The claim set at ``path``; on failure its findings go to stderr and the command exits 1."""
    from ..model.errors import ClaimFileError
    from ..pipeline.validation import load
    from ..render.formats import format_report

    try:
        return load(path, root=root, limits=limits)
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
