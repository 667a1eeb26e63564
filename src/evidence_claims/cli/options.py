"""Command-line options that several commands share, defined once so they read the same."""

from __future__ import annotations

from pathlib import Path

import click

root_option = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Repository root that paths inside claim files may not leave "
    "(default: nearest folder with .git or pyproject.toml).",
)

jobs_option = click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Processes to validate files with; 0: all CPUs when the files are many or large, "
    "else one. The result is the same for any number.",
)

group_by_option = click.option(
    "--by",
    type=click.Choice(["topic", "source"]),
    default="topic",
    show_default=True,
    help="Group the evidence table by the claims' topic or by their source type.",
)
