"""Command-line options that several commands share, defined once so they read the same."""

from __future__ import annotations

from pathlib import Path

import click

# Exit codes of every command, as ruff's: 0 clean (warnings may print), 1 findings, 2 usage or
# internal error.
EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

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

config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="pyproject.toml to read [tool.evidence-claims] from (default: the nearest one "
    "above the first path, else above the working directory).",
)

group_by_option = click.option(
    "--by",
    type=click.Choice(["topic", "source"]),
    default="topic",
    show_default=True,
    help="Group the evidence table by the claims' topic or by their source type.",
)

write_through_option = click.option(
    "--write-through",
    is_flag=True,
    help="Let -o write through a symbolic link, or into a file that is not a regular file (a "
    "device, a named pipe); refused otherwise, since a committed link can point anywhere.",
)
