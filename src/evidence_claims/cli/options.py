"""Command-line options that several commands share, defined once so they read the same."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

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


def method_option(*names: str, help: str) -> Callable[[Any], Any]:
    """A choice between the hand-written rules (the default) and a learned model, spelled the
    same by every option that offers one (``--attribution``, ``--kinds``, ``--certainty``)."""
    return click.option(
        *names,
        type=click.Choice(["rules", "learned"]),
        default="rules",
        show_default=True,
        help=help,
    )


def format_option(choices: Sequence[str], default: str, help: str) -> Callable[[Any], Any]:
    """``--format``/``-f`` into ``output_format``: spelled the same by every command, with the
    command's own choices."""
    return click.option(
        "--format",
        "-f",
        "output_format",
        type=click.Choice(choices),
        default=default,
        show_default=True,
        help=help,
    )


def output_option(
    help: str,
    *,
    default: Path | None = None,
    required: bool = False,
    file_okay: bool = True,
    dir_okay: bool = False,
) -> Callable[[Any], Any]:
    """``--output``/``-o``: a file by default; a command that writes a folder says so."""
    extra: dict[str, Any] = {"required": True} if required else {"default": default}
    if default is not None:
        extra["show_default"] = True
    return click.option(
        "--output",
        "-o",
        type=click.Path(file_okay=file_okay, dir_okay=dir_okay, path_type=Path),
        help=help,
        **extra,
    )
